// The answer of the door page to the last scan, code or tap: one large coloured card with an icon
// and a sentence (green: checked in; yellow: already checked in at 19:02; red: unknown ticket or not
// confirmed), so it is read at a glance and not by colour alone. It is a live region: a screen reader
// says each new answer.
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck, IconClockCheck, IconQrcode, IconQuestionMark } from "@tabler/icons-react";
import type { ReactNode } from "react";
import type { Attendee } from "../../shared/contract/events.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useClock } from "./use-clock.ts";

export type Feedback =
  | { kind: "checkedIn"; attendee: Attendee }
  | { kind: "already"; attendee: Attendee }
  /** A waitlisted or cancelled registration (the API's 409 says which); the name when picked from the list. */
  | { kind: "notConfirmed"; message: string; name: string | null }
  | { kind: "undone"; attendee: Attendee }
  | { kind: "unknown" }
  | { kind: "error"; message: string };

const tones = {
  green: { bg: "var(--mantine-color-green-light)", border: "var(--mantine-color-green-7)", fg: "var(--mantine-color-green-9)" },
  // Yellow text on yellow cannot be read: the warning speaks in near-black.
  yellow: { bg: "var(--mantine-color-yellow-light)", border: "var(--mantine-color-yellow-7)", fg: "var(--mantine-color-dark-9)" },
  red: { bg: "var(--mantine-color-red-light)", border: "var(--mantine-color-red-7)", fg: "var(--mantine-color-red-9)" },
  gray: { bg: "var(--mantine-color-gray-0)", border: "var(--mantine-color-gray-4)", fg: "var(--mantine-color-gray-8)" },
} as const;

export function CheckInFeedback({
  feedback,
  pending,
  canUndo,
  undoPending,
  undoError,
  onUndo,
  hostNetworkId,
}: {
  feedback: Feedback | null;
  /** Attendees from a co-host network are told apart by their network's name. */
  hostNetworkId: string;
  pending: boolean;
  canUndo: boolean;
  undoPending: boolean;
  undoError: string | null;
  onUndo: () => void;
}) {
  const t = useT();
  const clock = useClock();
  const network = (attendee: Attendee) =>
    attendee.network.id === hostNetworkId ? null : t("eventCheckIn.fromNetwork", { name: attendee.network.name });

  let tone: keyof typeof tones = "gray";
  let icon: ReactNode = <IconQrcode size={44} aria-hidden />;
  let headline = t("eventCheckIn.ready");
  let detail: string | null = t("eventCheckIn.readyHint");
  if (pending) {
    headline = t("eventCheckIn.checking");
    detail = null;
  } else if (feedback) {
    switch (feedback.kind) {
      case "checkedIn":
        tone = "green";
        icon = <IconCircleCheck size={44} aria-hidden />;
        headline = t("eventCheckIn.done", { name: feedback.attendee.displayName });
        detail = network(feedback.attendee);
        break;
      case "already":
        tone = "yellow";
        icon = <IconClockCheck size={44} aria-hidden />;
        headline = t("eventCheckIn.already", { name: feedback.attendee.displayName });
        detail = feedback.attendee.checkedInAt
          ? t("eventCheckIn.alreadyAt", { time: clock(feedback.attendee.checkedInAt) })
          : network(feedback.attendee);
        break;
      case "notConfirmed":
        tone = "red";
        icon = <IconAlertTriangle size={44} aria-hidden />;
        headline = feedback.name ? t("eventCheckIn.notConfirmedName", { name: feedback.name }) : t("eventCheckIn.notConfirmed");
        detail = feedback.message;
        break;
      case "undone":
        tone = "gray";
        icon = <IconArrowBackUp size={44} aria-hidden />;
        headline = t("eventCheckIn.undone", { name: feedback.attendee.displayName });
        detail = null;
        break;
      case "unknown":
        tone = "red";
        icon = <IconQuestionMark size={44} aria-hidden />;
        headline = t("eventCheckIn.unknown");
        detail = t("eventCheckIn.unknownHint");
        break;
      case "error":
        tone = "red";
        icon = <IconAlertTriangle size={44} aria-hidden />;
        headline = t("eventCheckIn.failed");
        detail = feedback.message;
        break;
    }
  }
  const colors = tones[tone];

  return (
    <Paper
      radius="md"
      p="md"
      style={{ background: colors.bg, border: `2px solid ${colors.border}`, color: colors.fg, minHeight: 112 }}
      data-feedback={pending ? "pending" : (feedback?.kind ?? "ready")}
    >
      <Group gap="md" wrap="nowrap" align="center">
        {icon}
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }} role="status" aria-live="assertive" aria-atomic="true">
          <Text fw={700} fz={22} lh={1.3} style={{ overflowWrap: "anywhere" }}>
            {headline}
          </Text>
          {detail && <Text style={{ overflowWrap: "anywhere" }}>{detail}</Text>}
        </Stack>
      </Group>
      {canUndo && !pending && (
        <Group justify="flex-end" mt="xs">
          <Button
            variant="white"
            color="dark"
            size="compact-md"
            leftSection={<IconArrowBackUp size={16} aria-hidden />}
            loading={undoPending}
            onClick={onUndo}
          >
            {t("eventCheckIn.undo")}
          </Button>
        </Group>
      )}
      {undoError && (
        <Text mt="xs" role="alert" fw={600}>
          {undoError}
        </Text>
      )}
    </Paper>
  );
}
