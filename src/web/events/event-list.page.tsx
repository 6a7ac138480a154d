// /n/:slug/events — the network's events (hosted and co-hosted): upcoming soonest first, past
// latest first, or the ones I registered for; the tab lives in ?when= so links and the back button
// land on it. Admins get the button to create one (the API decides for everyone else).
import { Button, SimpleGrid, Stack, Tabs } from "@mantine/core";
import { IconCalendarPlus, IconCalendarEvent, IconHistory, IconTicket } from "@tabler/icons-react";
import { Link, useParams, useSearchParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { EventCardView } from "./event-card.tsx";
import { useEventList } from "./events-queries.ts";
import type { EventsWhen } from "./events-queries.ts";

const tabs: { when: EventsWhen; label: MessageKey; icon: typeof IconHistory }[] = [
  { when: "upcoming", label: "events.tab.upcoming", icon: IconCalendarEvent },
  { when: "past", label: "events.tab.past", icon: IconHistory },
  { when: "mine", label: "events.tab.mine", icon: IconTicket },
];

const isWhen = (value: string | null): value is EventsWhen => tabs.some((tab) => tab.when === value);

export const eventsPath = (slug: string) => `/n/${slug}/events`;
export const newEventPath = (slug: string) => `/n/${slug}/events/new`;

export function EventListPage() {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(network ? t("events.title") : t("notFound.title"));
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return <EventListView network={network} />;
}

function EventListView({ network }: { network: MyNetwork }) {
  const t = useT();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get("when");
  const when: EventsWhen = isWhen(requested) ? requested : "upcoming";
  const organiser = network.role === "admin";

  return (
    <Stack gap="md">
      <PageHeader
        title={t("events.title")}
        description={t("events.lead")}
        actions={
          organiser && (
            <Button component={Link} to={newEventPath(network.slug)} leftSection={<IconCalendarPlus size={18} aria-hidden />}>
              {t("events.create")}
            </Button>
          )
        }
      />
      <Tabs
        value={when}
        onChange={(value) => {
          if (isWhen(value)) setSearchParams(value === "upcoming" ? {} : { when: value }, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t("events.tabsLabel")} mb="md">
          {tabs.map(({ when: value, label, icon: TabIcon }) => (
            <Tabs.Tab key={value} value={value} leftSection={<TabIcon size={16} aria-hidden />}>
              {t(label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map(({ when: value }) => (
          <Tabs.Panel key={value} value={value}>
            <EventList network={network} when={value} organiser={organiser} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function EventList({ network, when, organiser }: { network: MyNetwork; when: EventsWhen; organiser: boolean }) {
  const t = useT();
  const { pages, items } = useEventList(network.id, when);
  if (pages.isPending) return <LoadingState lines={6} />;
  if (pages.isError) return <ErrorState error={pages.error} onRetry={() => void pages.refetch()} />;
  if (items.length === 0) return <EmptyList network={network} when={when} organiser={organiser} />;
  return (
    <Stack gap="md">
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        spacing="md"
        component="ul"
        aria-label={t("events.listLabel")}
        style={{ listStyle: "none", padding: 0, margin: 0 }}
      >
        {items.map((event) => (
          <li key={event.id}>
            <EventCardView slug={network.slug} event={event} />
          </li>
        ))}
      </SimpleGrid>
      <LoadMore pages={pages} />
    </Stack>
  );
}

function EmptyList({ network, when, organiser }: { network: MyNetwork; when: EventsWhen; organiser: boolean }) {
  const t = useT();
  if (when === "past") return <EmptyView title={t("events.empty.pastTitle")} description={t("events.empty.pastBody")} />;
  if (when === "mine") return <EmptyView title={t("events.empty.mineTitle")} description={t("events.empty.mineBody")} />;
  return (
    <EmptyView
      title={t("events.empty.upcomingTitle")}
      description={organiser ? t("events.empty.upcomingBody") : t("events.empty.upcomingBodyMember")}
      icon={<IconCalendarEvent aria-hidden />}
    >
      {organiser && (
        <Button component={Link} to={newEventPath(network.slug)} leftSection={<IconCalendarPlus size={18} aria-hidden />}>
          {t("events.create")}
        </Button>
      )}
    </EmptyView>
  );
}
