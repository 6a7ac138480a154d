// One event in a list: cover, title (the link to its page), when in the viewer's zone, kind and
// venue, places left, my status, the host when co-hosted, its series and theme, cancelled.
import { Anchor, Group, Paper, Stack, Text } from "@mantine/core";
import { IconCalendarEvent, IconMapPin } from "@tabler/icons-react";
import { useId } from "react";
import { Link } from "react-router";
import type { EventCard as EventCardData } from "../../shared/contract/events.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { CancelledBadge, EventCover, KindBadge, MyStatusBadge, SeatsText } from "./event-badges.tsx";
import { useEventTime } from "./use-event-time.ts";

/** An event's page, or one of its sub-pages. */
export const eventPath = (slug: string, eventId: string, sub?: "edit" | "ticket" | "attendees" | "check-in" | "cohosts" | "report") =>
  `/n/${slug}/events/${eventId}${sub ? `/${sub}` : ""}`;
export const seriesPath = (slug: string, seriesId: string) => `/n/${slug}/event-series/${seriesId}`;

export function EventCardView({ slug, event }: { slug: string; event: EventCardData }) {
  const t = useT();
  const time = useEventTime();
  const titleId = useId();
  const cancelled = event.status === "cancelled";
  return (
    <Paper withBorder p="sm" component="article" aria-labelledby={titleId} h="100%">
      <Stack gap="sm">
        <EventCover event={event} />
        <Stack gap={6}>
          <Group gap={6}>
            {cancelled && <CancelledBadge />}
            <KindBadge kind={event.kind} />
            <MyStatusBadge status={event.myStatus} />
          </Group>
          {event.series && (
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {event.series.theme ? t("events.seriesTheme", { series: event.series.title, theme: event.series.theme }) : event.series.title}
            </Text>
          )}
          <Anchor
            component={Link}
            to={eventPath(slug, event.id)}
            id={titleId}
            fw={700}
            size="lg"
            c="inherit"
            td={cancelled ? "line-through" : undefined}
            style={{ overflowWrap: "anywhere" }}
          >
            {event.title}
          </Anchor>
          <Group gap={6} wrap="nowrap" align="flex-start">
            <IconCalendarEvent size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <Text size="sm" component="time" dateTime={event.startsAt}>
              {time.span(event)}
            </Text>
          </Group>
          {event.venueName && event.kind !== "online" && (
            <Group gap={6} wrap="nowrap" align="flex-start">
              <IconMapPin size={16} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
              <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                {event.venueName}
              </Text>
            </Group>
          )}
          {event.cohosted && (
            <Text size="sm" c="dimmed">
              {t("events.cohostedBy", { host: event.host.name })}
            </Text>
          )}
          <SeatsText event={event} />
        </Stack>
      </Stack>
    </Paper>
  );
}
