// The organisers' table of registrations: who (with avatar), from which network (co-host attendees
// come from theirs), state and place in the waitlist, an answer column per registration question,
// check-in time, promotion from the waitlist, and the check-in / undo button of the row. Wide, so it
// scrolls sideways on small screens (the door page is the phone's view of the same list).
import { Badge, Button, Group, Loader, Stack, Table, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import type { Attendee, EventQuestion, RegistrationStatus } from "../../shared/contract/events.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { DataTable } from "../members/scroll-table.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** Column widths (px): the table scrolls sideways rather than squeeze a badge or a time into two lines. */
const widths = { name: 190, network: 170, status: 130, time: 150, actions: 130 };
const answerWidth = 180;
const fixedWidth = widths.name + widths.network + widths.status + widths.time * 3 + widths.actions;

const statusColors: Record<RegistrationStatus, string> = { confirmed: "green", waitlisted: "orange", cancelled: "gray" };

export function RegistrationStatusBadge({ status }: { status: RegistrationStatus }) {
  const t = useT();
  return (
    <Badge color={statusColors[status]} variant="light" style={{ flexShrink: 0, overflow: "visible" }}>
      {t(`eventAttendees.status.${status}`)}
    </Badge>
  );
}

export function AttendeesTable({
  items,
  questions,
  hostNetworkId,
  busyId,
  onCheckIn,
  onUndo,
}: {
  items: Attendee[];
  questions: EventQuestion[];
  hostNetworkId: string;
  /** The registration whose check-in or undo is on its way. */
  busyId: string | null;
  onCheckIn: (registrationId: string) => void;
  onUndo: (registrationId: string) => void;
}) {
  const t = useT();
  const { locale } = useLocale();
  const format = useFormat();
  const listSeparator = locale === "ja" ? "、" : ", ";
  const answerText = (answer: string | string[] | undefined) =>
    answer === undefined ? "" : Array.isArray(answer) ? answer.join(listSeparator) : answer;

  return (
    <DataTable
      minWidth={fixedWidth + questions.length * answerWidth}
      caption={t("eventAttendees.caption", { count: format.number(items.length) })}
      compact
      columns={[
        { label: t("eventAttendees.colName"), width: widths.name },
        { label: t("eventAttendees.colNetwork"), width: widths.network },
        { label: t("eventAttendees.colStatus"), width: widths.status },
        ...questions.map((question) => ({ label: question.label, width: answerWidth })),
        { label: t("eventAttendees.colCheckedIn"), width: widths.time },
        { label: t("eventAttendees.colPromoted"), width: widths.time },
        { label: t("eventAttendees.colRegistered"), width: widths.time },
        { label: t("eventAttendees.colActions"), hidden: true, width: widths.actions },
      ]}
    >
      {items.map((attendee) => (
        <Table.Tr key={attendee.id}>
          <Table.Td>
            <Group gap="sm" wrap="nowrap">
              <MemberAvatar name={attendee.displayName} avatarUrl={attendee.avatarUrl} size={32} />
              <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                {attendee.displayName}
              </Text>
            </Group>
          </Table.Td>
          <Table.Td>
            <Text
              size="sm"
              c={attendee.network.id === hostNetworkId ? "dimmed" : undefined}
              fw={attendee.network.id === hostNetworkId ? undefined : 600}
            >
              {attendee.network.name}
            </Text>
          </Table.Td>
          <Table.Td>
            <Stack gap={2} align="flex-start">
              <RegistrationStatusBadge status={attendee.status} />
              {attendee.status === "waitlisted" && attendee.waitlistPlace !== null && (
                <Text size="xs" c="dimmed">
                  {t("eventAttendees.waitlistPlace", { place: format.number(attendee.waitlistPlace) })}
                </Text>
              )}
            </Stack>
          </Table.Td>
          {questions.map((question) => (
            <Table.Td key={question.id} maw={260}>
              <Text size="sm" style={{ overflowWrap: "anywhere", whiteSpace: "pre-wrap" }}>
                {answerText(attendee.answers[question.id])}
              </Text>
            </Table.Td>
          ))}
          <Table.Td>
            {attendee.checkedInAt ? (
              <Text size="sm" c="green.8" fw={600} style={{ whiteSpace: "nowrap" }}>
                <IconCircleCheck size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
                {format.dateTime(attendee.checkedInAt)}
              </Text>
            ) : (
              <Text size="sm" c="dimmed" aria-label={t("eventAttendees.notCheckedIn")}>
                —
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm" c={attendee.promotedAt ? undefined : "dimmed"} style={{ whiteSpace: "nowrap" }}>
              {attendee.promotedAt ? format.dateTime(attendee.promotedAt) : "—"}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: "nowrap" }}>
              {format.dateTime(attendee.createdAt)}
            </Text>
          </Table.Td>
          <Table.Td ta="end">
            {attendee.status === "confirmed" && (
              <CheckInButton
                attendee={attendee}
                busy={busyId === attendee.id}
                onClick={() => (attendee.checkedInAt ? onUndo(attendee.id) : onCheckIn(attendee.id))}
              />
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

/**
 * One button that turns from "check in" into "undo": the same element, never disabled while its
 * request runs (a disabled button drops the keyboard focus), so the focus stays on the row.
 */
function CheckInButton({ attendee, busy, onClick }: { attendee: Attendee; busy: boolean; onClick: () => void }) {
  const t = useT();
  const checkedIn = attendee.checkedInAt !== null;
  return (
    <Button
      size="compact-sm"
      variant={checkedIn ? "default" : "filled"}
      leftSection={busy ? <Loader size={12} color="currentColor" aria-hidden /> : undefined}
      aria-busy={busy || undefined}
      onClick={() => {
        if (!busy) onClick();
      }}
      aria-label={t(checkedIn ? "eventCheckIn.undoFor" : "eventCheckIn.checkInFor", { name: attendee.displayName })}
    >
      {t(checkedIn ? "eventCheckIn.undo" : "eventCheckIn.checkIn")}
    </Button>
  );
}
