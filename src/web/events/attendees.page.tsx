// /n/:slug/events/:eventId/attendees — for the event's organisers: the counts (confirmed against
// capacity, waitlist, checked in = attendance), every registration with its network, state, place in
// the waitlist, answers, check-in and promotion, a search by name and a filter by state, check-in or
// undo per row, the door page and the CSV download (UTF-8 with BOM, opens in Excel).
import { Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconDownload, IconQrcode, IconSearch, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { registrationStatuses } from "../../shared/contract/events.ts";
import type { EventDetail, RegistrationStatus } from "../../shared/contract/events.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { FilterButtons } from "../members/filter-buttons.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { AttendeesTable } from "./attendees-table.tsx";
import { EventSubFrame } from "./event-sub-frame.tsx";
import { eventPath } from "./event-card.tsx";
import { attendeesCsvUrl, useAttendees, useCheckIn, useUndoCheckIn } from "./events-manage-queries.ts";

type StatusFilter = RegistrationStatus | "all";
const filters: StatusFilter[] = ["all", ...registrationStatuses];

export function AttendeesPage() {
  const t = useT();
  return (
    <EventSubFrame title={t("eventAttendees.title")} access="organizer">
      {(network, event) => <AttendeesView network={network} event={event} />}
    </EventSubFrame>
  );
}

function AttendeesView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const format = useFormat();
  const problemNotice = useProblemNotice();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<StatusFilter>("all");
  const list = useAttendees(network.id, event.id, { q, status: status === "all" ? undefined : status });
  const checkIn = useCheckIn(network.id, event.id);
  const undo = useUndoCheckIn(network.id, event.id);
  const checkingIn =
    checkIn.isPending && checkIn.variables && "registrationId" in checkIn.variables ? checkIn.variables.registrationId : null;
  const busyId = checkingIn ?? (undo.isPending ? undo.variables : null);
  const filtered = q !== "" || status !== "all";

  return (
    <Stack gap="lg">
      <Counts event={event} />
      <Group gap="sm" wrap="wrap">
        <Button component={Link} to={eventPath(network.slug, event.id, "check-in")} leftSection={<IconQrcode size={18} aria-hidden />}>
          {t("eventAttendees.openCheckIn")}
        </Button>
        <Button
          component="a"
          href={attendeesCsvUrl(network.id, event.id)}
          download
          variant="default"
          leftSection={<IconDownload size={18} aria-hidden />}
        >
          {t("eventAttendees.exportCsv")}
        </Button>
      </Group>
      <Stack gap="sm" role="search" aria-label={t("eventAttendees.filtersLabel")}>
        <TextInput
          type="search"
          label={t("eventAttendees.search")}
          placeholder={t("eventAttendees.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(change) => setSearch(change.currentTarget.value)}
          maxLength={100}
          maw={420}
        />
        <FilterButtons<StatusFilter>
          label={t("eventAttendees.statusFilter")}
          options={filters.map((value) => ({ value, label: t(`eventAttendees.filter.${value}`) }))}
          value={status}
          onChange={setStatus}
        />
      </Stack>
      {list.isPending ? (
        <LoadingState lines={8} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyView
            icon={<IconSearch aria-hidden />}
            title={t("eventAttendees.noMatchTitle")}
            description={t("eventAttendees.noMatchBody")}
          />
        ) : (
          <EmptyView icon={<IconUsers aria-hidden />} title={t("eventAttendees.emptyTitle")} description={t("eventAttendees.emptyBody")} />
        )
      ) : (
        <Stack gap="xs">
          <Text size="sm" c="dimmed" aria-live="polite">
            {t("eventAttendees.count", { count: format.number(list.data.items.length) })}
          </Text>
          <AttendeesTable
            items={list.data.items}
            questions={list.data.questions}
            hostNetworkId={event.host.id}
            busyId={busyId}
            onCheckIn={(registrationId) => checkIn.mutate({ registrationId }, { onError: problemNotice })}
            onUndo={(registrationId) => undo.mutate(registrationId, { onError: problemNotice })}
          />
        </Stack>
      )}
    </Stack>
  );
}

/** The three figures an organiser looks at before and during the event. */
function Counts({ event }: { event: EventDetail }) {
  const t = useT();
  const format = useFormat();
  const checkedIn = event.attendance?.checkedIn ?? 0;
  const confirmed = event.attendance?.confirmed ?? event.confirmed;
  const share = confirmed > 0 ? Math.round((checkedIn / confirmed) * 100) : 0;
  const figures = [
    {
      label: t("eventAttendees.confirmed"),
      value:
        event.capacity === null
          ? format.number(event.confirmed)
          : t("eventAttendees.ofCapacity", { count: format.number(event.confirmed), capacity: format.number(event.capacity) }),
      note: event.capacity === null ? t("eventAttendees.noCapacity") : null,
    },
    { label: t("eventAttendees.waitlisted"), value: format.number(event.waitlisted), note: null },
    {
      label: t("eventAttendees.checkedIn"),
      value: format.number(checkedIn),
      note: t("eventAttendees.attendanceRate", { percent: share }),
    },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" component="dl" m={0}>
      {figures.map((figure) => (
        <Paper key={figure.label} withBorder p="md" radius="md">
          <Text component="dt" size="sm" c="dimmed">
            {figure.label}
          </Text>
          <Text component="dd" m={0} fz={26} fw={700} lh={1.3}>
            {figure.value}
          </Text>
          {figure.note && (
            <Text component="dd" m={0} size="sm" c="dimmed">
              {figure.note}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
