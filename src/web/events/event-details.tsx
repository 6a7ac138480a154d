// The facts of an event as a list of terms: when (in my zone, and in the event's when it differs),
// where (venue, address, a map link that opens safely in a new tab), the online link (only when
// the API gives it), capacity and counts, the deadline, the organisers, the host and co-hosts.
import { Anchor, Group, Stack, Text } from "@mantine/core";
import { IconExternalLink } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { EventDetail } from "../../shared/contract/events.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";
import { useEventTime } from "./use-event-time.ts";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text component="dt" size="xs" fw={700} c="dimmed">
        {term}
      </Text>
      <Stack component="dd" gap={2} m={0} style={{ overflowWrap: "anywhere" }}>
        {children}
      </Stack>
    </Stack>
  );
}

/** The organiser's map link, else a search for the address on a map. */
export function mapLink(event: Pick<EventDetail, "mapUrl" | "venueAddress" | "venueName">): string | null {
  if (event.mapUrl) return event.mapUrl;
  const place = event.venueAddress || event.venueName;
  return place ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(place)}` : null;
}

function ExternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size="sm">
      <Group gap={4} component="span" wrap="nowrap">
        {children}
        <IconExternalLink size={14} aria-hidden />
      </Group>
    </Anchor>
  );
}

export function EventDetails({ event, slug }: { event: EventDetail; slug: string }) {
  const t = useT();
  const { locale } = useLocale();
  const format = useFormat();
  const time = useEventTime();
  const inZone = time.inEventZone(event);
  const map = event.kind !== "online" ? mapLink(event) : null;

  return (
    <Stack component="dl" gap="md" m={0}>
      <Row term={t("events.when")}>
        <Text component="time" dateTime={event.startsAt} fw={600}>
          {time.span(event)}
        </Text>
        {inZone && (
          <Text size="sm" c="dimmed">
            {inZone}
          </Text>
        )}
      </Row>

      {event.kind !== "online" && (event.venueName || event.venueAddress) && (
        <Row term={t("events.place")}>
          {event.venueName && <Text fw={600}>{event.venueName}</Text>}
          {event.venueAddress && <Text size="sm">{event.venueAddress}</Text>}
          {map && <ExternalLink href={map}>{t("events.mapLinkNewTab")}</ExternalLink>}
        </Row>
      )}

      {event.kind !== "offline" && (
        <Row term={t("events.online")}>
          {event.onlineUrl ? (
            <ExternalLink href={event.onlineUrl}>{t("events.onlineLink")}</ExternalLink>
          ) : (
            <Text size="sm" c="dimmed">
              {event.onlineUrlHidden ? t("events.onlineHidden") : t("events.onlineNone")}
            </Text>
          )}
        </Row>
      )}

      <Row term={t("events.capacity")}>
        <Text size="sm">
          {event.capacity === null ? t("events.noLimit") : t("events.capacityCount", { count: format.number(event.capacity) })}
        </Text>
        <Text size="sm" c="dimmed">
          {t("events.counts", { confirmed: format.number(event.confirmed), waitlisted: format.number(event.waitlisted) })}
        </Text>
      </Row>

      {event.registrationDeadline && (
        <Row term={t("events.deadline")}>
          <Text size="sm" component="time" dateTime={event.registrationDeadline}>
            {time.moment(event.registrationDeadline)}
          </Text>
        </Row>
      )}

      {event.organizers.length > 0 && (
        <Row term={t("events.organizers")}>
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: "none" }}>
            {event.organizers.map((person) => (
              <Group component="li" key={person.memberId} gap="xs" wrap="nowrap">
                <MemberAvatar name={person.displayName} avatarUrl={person.avatarUrl} size={28} />
                {/* A co-host network's members cannot open the host's profiles: the name only. */}
                {event.cohosted ? (
                  <Text size="sm">{person.displayName}</Text>
                ) : (
                  <Anchor component={Link} to={`/n/${slug}/people/${person.memberId}`} size="sm">
                    {person.displayName}
                  </Anchor>
                )}
              </Group>
            ))}
          </Stack>
        </Row>
      )}

      {event.cohosted && (
        <Row term={t("events.host")}>
          <Text size="sm">{event.host.name}</Text>
        </Row>
      )}
      {event.cohosts.length > 0 && (
        <Row term={t("events.cohosts")}>
          <Text size="sm">{new Intl.ListFormat(locale).format(event.cohosts.map((network) => network.name))}</Text>
        </Row>
      )}
    </Stack>
  );
}
