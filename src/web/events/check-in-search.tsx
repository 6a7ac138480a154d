// Finding an attendee by name at the door (a forgotten phone, a dead battery): the registrations whose
// name matches, each with its state and one large button to check in — or, once checked in, the time
// and a button to take it back.
import { Badge, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconCircleCheck, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { Attendee, EventDetail } from "../../shared/contract/events.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ErrorState } from "../platform/ui/page-states.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";
import { useClock } from "./use-clock.ts";
import { useAttendees } from "./events-manage-queries.ts";

/** Enough rows for a phone screen; a longer list means the name typed is still too short. */
const shownMax = 20;

export function CheckInSearch({
  network,
  event,
  onCheckIn,
  onUndo,
  pending,
}: {
  network: MyNetwork;
  event: EventDetail;
  onCheckIn: (attendee: Attendee) => void;
  onUndo: (registrationId: string) => void;
  pending: boolean;
}) {
  const t = useT();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const list = useAttendees(network.id, event.id, { q });
  const active = q !== "";
  const items = (list.data?.items ?? []).filter((item) => item.status !== "cancelled");

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm" role="search">
        <TextInput
          type="search"
          label={t("eventCheckIn.searchLabel")}
          placeholder={t("eventCheckIn.searchPlaceholder")}
          leftSection={<IconSearch size={18} aria-hidden />}
          value={search}
          onChange={(change) => setSearch(change.currentTarget.value)}
          maxLength={100}
          size="md"
        />
        {active &&
          (list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.isPending ? null : items.length === 0 ? (
            <Text c="dimmed" aria-live="polite">
              {t("eventCheckIn.noMatch")}
            </Text>
          ) : (
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("eventCheckIn.resultsLabel")}>
              {items.slice(0, shownMax).map((attendee) => (
                <SearchRow
                  key={attendee.id}
                  attendee={attendee}
                  showNetwork={attendee.network.id !== event.host.id}
                  pending={pending}
                  onCheckIn={() => onCheckIn(attendee)}
                  onUndo={() => onUndo(attendee.id)}
                />
              ))}
              {items.length > shownMax && (
                <Text component="li" size="sm" c="dimmed">
                  {t("eventCheckIn.moreMatches", { count: items.length - shownMax })}
                </Text>
              )}
            </Stack>
          ))}
      </Stack>
    </Paper>
  );
}

function SearchRow({
  attendee,
  showNetwork,
  pending,
  onCheckIn,
  onUndo,
}: {
  attendee: Attendee;
  showNetwork: boolean;
  pending: boolean;
  onCheckIn: () => void;
  onUndo: () => void;
}) {
  const t = useT();
  const clock = useClock();
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="sm" py={4}>
      <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
        <MemberAvatar name={attendee.displayName} avatarUrl={attendee.avatarUrl} size={36} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {attendee.displayName}
          </Text>
          {showNetwork && (
            <Text size="xs" c="dimmed">
              {attendee.network.name}
            </Text>
          )}
          {attendee.checkedInAt && (
            <Text size="sm" c="green.8" fw={600}>
              <IconCircleCheck size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
              {t("eventCheckIn.checkedInAt", { time: clock(attendee.checkedInAt) })}
            </Text>
          )}
        </Stack>
      </Group>
      {attendee.status === "waitlisted" ? (
        <Badge color="orange" variant="light" style={{ flexShrink: 0 }}>
          {t("eventAttendees.status.waitlisted")}
        </Badge>
      ) : attendee.checkedInAt ? (
        <Button
          variant="default"
          size="sm"
          onClick={onUndo}
          style={{ flexShrink: 0 }}
          aria-label={t("eventCheckIn.undoFor", { name: attendee.displayName })}
        >
          {t("eventCheckIn.undo")}
        </Button>
      ) : (
        // Not disabled while another check-in is on its way: a disabled button drops the keyboard focus.
        <Button
          size="md"
          onClick={() => {
            if (!pending) onCheckIn();
          }}
          aria-disabled={pending || undefined}
          style={{ flexShrink: 0 }}
          aria-label={t("eventCheckIn.checkInFor", { name: attendee.displayName })}
        >
          {t("eventCheckIn.checkIn")}
        </Button>
      )}
    </Group>
  );
}
