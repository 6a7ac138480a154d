// /n/:slug/events/:eventId — one event: cover, title, series and theme, the description as the
// server rendered it, and beside it registration, the facts (when, where, capacity, organisers)
// and, for organisers, their menu; under the description the event's surveys and the calendar
// file. On phones registration comes right after the title. An event the caller cannot see is
// "not found", as the API answers.
import { Alert, Anchor, Button, Grid, Group, Paper, Stack, Text, Title, Typography } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconCalendarEvent,
  IconCalendarPlus,
  IconMapPin,
  IconNews,
  IconSpeakerphone,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useId } from "react";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { FailedReadState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { EventSurveysPanel } from "../surveys/event-surveys-panel.tsx";
import { CancelledBadge, EventCover, KindBadge, MyStatusBadge } from "./event-badges.tsx";
import { seriesPath } from "./event-card.tsx";
import { EventDetails } from "./event-details.tsx";
import { eventsPath } from "./event-list.page.tsx";
import { EventManagePanel } from "./event-manage.tsx";
import { RegistrationPanel } from "./event-registration.tsx";
import { eventIcsUrl, useEvent } from "./events-queries.ts";
import { useEventTime } from "./use-event-time.ts";

export function EventPage() {
  const { slug, eventId = "" } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return <EventLoader key={eventId} network={network} eventId={eventId} />;
}

function EventLoader({ network, eventId }: { network: MyNetwork; eventId: string }) {
  const t = useT();
  const query = useEvent(network.id, eventId);
  usePageTitle(query.data?.title ?? t("events.title"));
  if (query.isPending) return <LoadingState lines={8} />;
  if (query.isError)
    return (
      <FailedReadState
        error={query.error}
        onRetry={() => void query.refetch()}
        notFoundTitle={t("events.notFoundTitle")}
        notFoundBody={t("events.notFoundBody")}
      />
    );
  return <EventView network={network} event={query.data} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function EventView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const aboutId = useId();
  const time = useEventTime();
  const cancelled = event.status === "cancelled";
  // Series, posts and profiles belong to the host network: a co-host's members cannot open them.
  const own = !event.cohosted;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={eventsPath(network.slug)} size="sm" style={{ alignSelf: "flex-start" }}>
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("events.back")}
        </Group>
      </Anchor>

      {cancelled && (
        <Alert variant="light" color="red" icon={<IconAlertTriangle aria-hidden />} title={t("events.cancelledBanner")}>
          {event.cancelReason && (
            <Text size="sm" className="tsunagu-prose">
              {t("events.cancelledReason", { reason: event.cancelReason })}
            </Text>
          )}
        </Alert>
      )}

      <EventCover event={event} ratio={3} />
      <PageHeader
        title={event.title}
        description={
          <Stack gap={6}>
            <Group gap={6}>
              {cancelled && <CancelledBadge />}
              <KindBadge kind={event.kind} />
              <MyStatusBadge status={event.myRegistration?.status ?? null} />
            </Group>
            {event.series && (
              <Text size="sm">
                {own ? (
                  <Anchor component={Link} to={seriesPath(network.slug, event.series.id)}>
                    {event.series.title}
                  </Anchor>
                ) : (
                  event.series.title
                )}
                {event.series.theme && <> — {t("events.theme", { theme: event.series.theme })}</>}
              </Text>
            )}
            {event.cohosted && (
              <Text size="sm" c="dimmed">
                {t("events.cohostedBy", { host: event.host.name })}
              </Text>
            )}
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconCalendarEvent size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
              <Text fw={600} component="time" dateTime={event.startsAt}>
                {time.span(event)}
              </Text>
            </Group>
            {event.kind !== "online" && event.venueName && (
              <Group gap={6} wrap="nowrap" align="flex-start">
                <IconMapPin size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
                <Text style={{ overflowWrap: "anywhere" }}>{event.venueName}</Text>
              </Group>
            )}
          </Stack>
        }
      />

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="md">
            <Section title={t("events.register.heading")}>
              <RegistrationPanel networkId={network.id} slug={network.slug} event={event} />
            </Section>
            <Section title={t("events.details")}>
              <EventDetails event={event} slug={network.slug} />
            </Section>
            {(event.can.edit || event.can.manageAttendees) && (
              <Section title={t("events.manage.heading")}>
                <EventManagePanel network={network} event={event} />
              </Section>
            )}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            {event.descriptionHtml && (
              <Stack gap="sm" component="section" aria-labelledby={aboutId}>
                <Title order={2} size="h4" id={aboutId}>
                  {t("events.about")}
                </Title>
                <Typography style={{ overflowWrap: "anywhere" }}>
                  {/* descriptionHtml is rendered from Markdown and checked against an allow-list by the server (platform/markdown). */}
                  <div dangerouslySetInnerHTML={{ __html: event.descriptionHtml }} />
                </Typography>
              </Stack>
            )}
            {own && (event.reportPostId || (event.room && event.announcementPostId)) && (
              <Group gap="md">
                {event.reportPostId && (
                  <Button
                    component={Link}
                    to={`/n/${network.slug}/posts/${event.reportPostId}`}
                    variant="light"
                    leftSection={<IconNews size={18} aria-hidden />}
                  >
                    {t("events.reportLink")}
                  </Button>
                )}
                {event.room && event.announcementPostId && (
                  <Anchor component={Link} to={`/n/${network.slug}/posts/${event.announcementPostId}`} size="sm">
                    <Group gap={4} component="span">
                      <IconSpeakerphone size={16} aria-hidden />
                      {t("events.announcement", { room: event.room.name })}
                    </Group>
                  </Anchor>
                )}
              </Group>
            )}
            <EventSurveysPanel networkId={network.id} eventId={event.id} />
            {!cancelled && (
              <Section title={t("events.calendar.heading")}>
                <Stack gap="xs" align="flex-start">
                  <Button
                    component="a"
                    href={eventIcsUrl(network.id, event.id)}
                    download
                    variant="default"
                    leftSection={<IconCalendarPlus size={18} aria-hidden />}
                  >
                    {t("events.calendar.add")}
                  </Button>
                  <Text size="sm" c="dimmed">
                    {t("events.calendar.hint")}
                  </Text>
                  <Anchor component={Link} to="/account?tab=calendar" size="sm">
                    {t("events.calendar.settings")}
                  </Anchor>
                </Stack>
              </Section>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
