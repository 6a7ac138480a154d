// /n/:slug/events/:eventId/ticket — the attendee's ticket: a large QR code the organisers scan at the
// door, with the name, the event and its time, and the code as text for when the camera fails. Drawn
// in the browser, so once open it needs no network; printing leaves only the ticket on the paper.
// A waitlisted member sees their place instead (no code until they are promoted).
import { Alert, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconClockHour4, IconPrinter, IconTicket } from "@tabler/icons-react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { useMe } from "../platform/hooks/use-me.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { EmptyView } from "../platform/ui/page-states.tsx";
import { EventSubFrame } from "./event-sub-frame.tsx";
import { useClock } from "./use-clock.ts";
import { useEventTime } from "./use-event-time.ts";
import { eventPath } from "./event-card.tsx";
import { useQrDataUrl } from "./qr.ts";

/** While the ticket is shown, printing drops the app's header and navigation. */
const printCss = `@media print {
  .mantine-AppShell-header, .mantine-AppShell-navbar, [data-no-print] { display: none !important; }
  html, body, .mantine-AppShell-main { padding: 0 !important; background: #fff !important; }
  [data-ticket] { box-shadow: none !important; break-inside: avoid; }
}`;

export function TicketPage() {
  const t = useT();
  return (
    <EventSubFrame title={t("eventTicket.title")} access="viewer">
      {(network, event) => <TicketView network={network} event={event} />}
    </EventSubFrame>
  );
}

function TicketView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const format = useFormat();
  const registration = event.myRegistration;
  const toEvent = (
    <Button component={Link} to={eventPath(network.slug, event.id)} variant="light" data-no-print>
      {t("eventManage.toEvent")}
    </Button>
  );

  if (event.status === "cancelled") {
    return (
      <Stack gap="md" align="flex-start">
        <Alert color="red" variant="light" title={t("eventTicket.cancelledTitle")} role="alert">
          {event.cancelReason ? t("eventTicket.cancelledReason", { reason: event.cancelReason }) : t("eventTicket.cancelledBody")}
        </Alert>
        {toEvent}
      </Stack>
    );
  }
  if (!registration || registration.status === "cancelled") {
    return (
      <EmptyView icon={<IconTicket aria-hidden />} title={t("eventTicket.noneTitle")} description={t("eventTicket.noneBody")}>
        {toEvent}
      </EmptyView>
    );
  }
  if (registration.status === "waitlisted") {
    return (
      <Stack gap="md" align="center">
        <Paper withBorder radius="lg" p="xl" maw={440} w="100%" ta="center">
          <Stack gap="sm" align="center">
            <IconClockHour4 size={48} aria-hidden color="var(--mantine-color-orange-6)" />
            <Title order={2}>
              {registration.waitlistPlace !== null
                ? t("eventTicket.waitlistPlace", { place: format.number(registration.waitlistPlace) })
                : t("eventTicket.waitlisted")}
            </Title>
            <Text c="dimmed">{t("eventTicket.waitlistBody")}</Text>
          </Stack>
        </Paper>
        {toEvent}
      </Stack>
    );
  }
  return <ConfirmedTicket network={network} event={event} ticketCode={registration.ticketCode} checkedInAt={registration.checkedInAt} />;
}

function ConfirmedTicket({
  network,
  event,
  ticketCode,
  checkedInAt,
}: {
  network: MyNetwork;
  event: EventDetail;
  ticketCode: string | null;
  checkedInAt: string | null;
}) {
  const t = useT();
  const me = useMe();
  const time = useEventTime();
  const inEventZone = time.inEventZone(event);
  const clock = useClock();
  const qr = useQrDataUrl(ticketCode);
  const place = event.kind === "online" ? t("eventTicket.online") : [event.venueName, event.venueAddress].filter(Boolean).join(" ");

  return (
    <Stack gap="md" align="center">
      <style>{printCss}</style>
      <Paper data-ticket withBorder shadow="sm" radius="lg" p={{ base: "md", xs: "xl" }} maw={440} w="100%">
        <Stack gap="md" align="center" ta="center">
          <Stack gap={2} align="center">
            <Text size="sm" c="dimmed">
              {event.cohosted ? t("eventTicket.hostedBy", { name: event.host.name }) : network.name}
            </Text>
            <Title order={2} size="h3" style={{ overflowWrap: "anywhere" }}>
              {event.title}
            </Title>
            <Text fw={600}>{time.span(event)}</Text>
            {inEventZone && (
              <Text size="sm" c="dimmed">
                {inEventZone}
              </Text>
            )}
            {place && (
              <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {place}
              </Text>
            )}
          </Stack>
          <Text size="xl" fw={700} style={{ overflowWrap: "anywhere" }}>
            {t("eventTicket.attendee", { name: me.account.displayName })}
          </Text>
          {checkedInAt && (
            <Badge size="lg" color="green" leftSection={<IconCircleCheck size={16} aria-hidden />}>
              {t("eventTicket.checkedInAt", { time: clock(checkedInAt) })}
            </Badge>
          )}
          {ticketCode === null ? (
            <Alert color="orange" variant="light">
              {t("eventTicket.noCode")}
            </Alert>
          ) : qr.failed ? (
            <Alert color="red" variant="light" role="alert">
              {t("eventTicket.qrFailed")}
            </Alert>
          ) : (
            <div style={{ width: "min(100%, 320px)", aspectRatio: "1 / 1", background: "#fff" }}>
              {qr.url && (
                <img
                  src={qr.url}
                  alt={t("eventTicket.qrAlt")}
                  style={{ width: "100%", height: "100%", display: "block", imageRendering: "pixelated" }}
                />
              )}
            </div>
          )}
          <Text fw={600}>{t("eventTicket.showAtDoor")}</Text>
          {ticketCode !== null && (
            <Stack gap={0} align="center">
              <Text size="xs" c="dimmed">
                {t("eventTicket.codeLabel")}
              </Text>
              <Text ff="monospace" size="lg" style={{ letterSpacing: "0.08em", overflowWrap: "anywhere" }} data-testid="ticket-code">
                {ticketCode}
              </Text>
            </Stack>
          )}
        </Stack>
      </Paper>
      <Group gap="sm" data-no-print>
        <Button variant="default" leftSection={<IconPrinter size={18} aria-hidden />} onClick={() => window.print()}>
          {t("eventTicket.print")}
        </Button>
        <Button component={Link} to={eventPath(network.slug, event.id)} variant="light">
          {t("eventManage.toEvent")}
        </Button>
      </Group>
    </Stack>
  );
}
