// The frame of the pages under one event (/n/:slug/events/:eventId/…: ticket, attendees, check-in,
// co-hosts, report): resolves the network and the event, shows the way back to the event page, the
// page's heading with the event's title and time, and lets in only who the page is for. An event the
// caller cannot see is "not found", as the API answers.
import { Anchor, Button, Stack } from "@mantine/core";
import { IconArrowLeft, IconLock } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, FailedReadState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { useEventTime } from "./use-event-time.ts";
import { eventPath } from "./event-card.tsx";
import { useEvent } from "./events-queries.ts";

/**
 * Who may use the page: anyone who sees the event, those who manage its attendees, those who change
 * it (the host's admins and the organisers), or the host network's admins.
 */
export type EventPageAccess = "viewer" | "organizer" | "editor" | "hostAdmin";

function allowed(access: EventPageAccess, network: MyNetwork, event: EventDetail): boolean {
  if (access === "viewer") return true;
  if (access === "organizer") return event.can.manageAttendees;
  if (access === "editor") return event.can.edit;
  return network.role === "admin" && !event.cohosted;
}

export function EventSubFrame({
  title,
  access,
  compact = false,
  children,
}: {
  title: string;
  access: EventPageAccess;
  /** Phone-first pages (check-in): the event's title as the lead, no extra spacing. */
  compact?: boolean;
  children: (network: MyNetwork, event: EventDetail) => ReactNode;
}) {
  const { slug, eventId = "" } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <EventLoader key={eventId} network={network} eventId={eventId} title={title} access={access} compact={compact}>
      {children}
    </EventLoader>
  );
}

function EventLoader({
  network,
  eventId,
  title,
  access,
  compact,
  children,
}: {
  network: MyNetwork;
  eventId: string;
  title: string;
  access: EventPageAccess;
  compact: boolean;
  children: (network: MyNetwork, event: EventDetail) => ReactNode;
}) {
  const t = useT();
  const time = useEventTime();
  const query = useEvent(network.id, eventId);
  const event = query.data;
  usePageTitle(event ? t("eventManage.titleFor", { page: title, event: event.title }) : title);

  if (query.isPending) return <LoadingState lines={6} />;
  if (!event)
    return (
      <FailedReadState
        error={query.error}
        onRetry={() => void query.refetch()}
        notFoundTitle={t("eventManage.notFoundTitle")}
        notFoundBody={t("eventManage.notFoundBody")}
      />
    );
  const back = (
    <Anchor component={Link} to={eventPath(network.slug, event.id)} size="sm" style={{ alignSelf: "flex-start" }} data-no-print>
      <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
      {t("eventManage.backToEvent", { title: event.title })}
    </Anchor>
  );
  if (!allowed(access, network, event)) {
    return (
      <Stack gap="lg">
        {back}
        <EmptyView
          headingOrder={1}
          icon={<IconLock aria-hidden />}
          title={t("eventManage.forbiddenTitle")}
          description={t(access === "hostAdmin" ? "eventManage.forbiddenHostAdmin" : "eventManage.forbiddenOrganizer")}
        >
          <Button component={Link} to={eventPath(network.slug, event.id)} variant="light">
            {t("eventManage.toEvent")}
          </Button>
        </EmptyView>
      </Stack>
    );
  }
  return (
    <Stack gap={compact ? "sm" : "lg"}>
      {back}
      <PageHeader
        title={title}
        description={
          <Stack gap={0}>
            <span style={{ fontWeight: 600, overflowWrap: "anywhere" }}>{event.title}</span>
            <span style={{ color: "var(--mantine-color-dimmed)", fontSize: "var(--mantine-font-size-sm)" }}>{time.span(event)}</span>
          </Stack>
        }
      />
      {children(network, event)}
    </Stack>
  );
}
