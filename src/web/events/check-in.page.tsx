// /n/:slug/events/:eventId/check-in — the organisers' door page, made for a phone held in one hand:
// scan a ticket's QR code with the camera (or type its code), or find the person by name; a large
// answer that can be read at arm's length (checked in / already at 19:02 / unknown ticket / not
// confirmed), announced to screen readers and felt as a vibration; the last check-in can be undone;
// the running attendance on top.
import { Button, Group, Paper, Progress, Stack, Text, TextInput } from "@mantine/core";
import { IconKeyboard } from "@tabler/icons-react";
import { useCallback, useRef, useState } from "react";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { Attendee, EventDetail } from "../../shared/contract/events.ts";
import { isApiError } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useProblemMessage } from "../members/use-problem.ts";
import { CheckInFeedback } from "./check-in-feedback.tsx";
import type { Feedback } from "./check-in-feedback.tsx";
import { CheckInScanner } from "./check-in-scanner.tsx";
import { CheckInSearch } from "./check-in-search.tsx";
import { EventSubFrame } from "./event-sub-frame.tsx";
import { useCheckIn, useUndoCheckIn } from "./events-manage-queries.ts";
import type { CheckInInput } from "./events-manage-queries.ts";

/**
 * A code seen again within this many milliseconds of its last sighting is the same ticket still in
 * front of the camera: it is not sent again until it has been out of view that long.
 */
const repeatWindow = 3000;

export function CheckInPage() {
  const t = useT();
  return (
    <div style={{ maxWidth: 520, marginInline: "auto" }}>
      <EventSubFrame title={t("eventCheckIn.title")} access="organizer" compact>
        {(network, event) => <CheckInView network={network} event={event} />}
      </EventSubFrame>
    </div>
  );
}

function vibrate(pattern: number | number[]): void {
  // Not every phone (nor iOS Safari) can; silence is fine there.
  if (typeof navigator.vibrate === "function") navigator.vibrate(pattern);
}

function CheckInView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const problem = useProblemMessage();
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [lastCheckedIn, setLastCheckedIn] = useState<Attendee | null>(null);
  const [code, setCode] = useState("");
  const lastRead = useRef<{ code: string; at: number } | null>(null);

  const checkIn = useCheckIn(network.id, event.id);
  const { mutate: checkInMutate, isPending: checkInPending } = checkIn;
  const undo = useUndoCheckIn(network.id, event.id, (attendee) => {
    setLastCheckedIn((current) => (current?.id === attendee.id ? null : current));
    setFeedback({ kind: "undone", attendee });
    vibrate(50);
  });

  const send = useCallback(
    (input: CheckInInput, name: string | null = null) => {
      checkInMutate(input, {
        onSuccess: ({ attendee, alreadyCheckedIn }) => {
          if (alreadyCheckedIn) {
            setFeedback({ kind: "already", attendee });
            vibrate([80, 60, 80]);
          } else {
            setFeedback({ kind: "checkedIn", attendee });
            setLastCheckedIn(attendee);
            vibrate(120);
          }
        },
        onError: (error) => {
          // The API refuses a waitlisted or cancelled registration with a 409 saying which.
          setFeedback(
            isApiError(error, "not_found")
              ? { kind: "unknown" }
              : isApiError(error, "conflict")
                ? { kind: "notConfirmed", message: problem(error), name }
                : { kind: "error", message: problem(error) },
          );
          vibrate([200, 100, 200]);
        },
      });
    },
    [checkInMutate, problem],
  );

  const onScan = useCallback(
    (text: string) => {
      const now = Date.now();
      const code = text.trim();
      if (checkInPending) {
        if (lastRead.current?.code === code) lastRead.current = { code, at: now };
        return;
      }
      const seen = lastRead.current;
      lastRead.current = { code, at: now };
      if (seen && seen.code === code && now - seen.at < repeatWindow) return;
      // A QR code that is not a ticket (a URL, a business card) is told apart before asking the server.
      if (code.length < 10 || code.length > 100) {
        setFeedback({ kind: "unknown" });
        vibrate([200, 100, 200]);
        return;
      }
      send({ ticketCode: code });
    },
    [checkInPending, send],
  );

  const typedCode = code.trim();
  const typedValid = typedCode.length >= 10 && typedCode.length <= 100;

  return (
    <Stack gap="md">
      <Attendance event={event} />
      <CheckInFeedback
        feedback={feedback}
        pending={checkIn.isPending}
        canUndo={lastCheckedIn !== null && feedback?.kind === "checkedIn" && feedback.attendee.id === lastCheckedIn.id}
        undoPending={undo.isPending}
        undoError={undo.isError ? problem(undo.error) : null}
        onUndo={() => lastCheckedIn && undo.mutate(lastCheckedIn.id)}
        hostNetworkId={event.host.id}
      />
      <CheckInScanner onCode={onScan} />
      <Paper withBorder p="md" radius="md">
        <Stack
          gap="xs"
          component="form"
          onSubmit={(submitted) => {
            submitted.preventDefault();
            if (!typedValid || checkIn.isPending) return;
            lastRead.current = { code: typedCode, at: Date.now() };
            send({ ticketCode: typedCode });
            setCode("");
          }}
        >
          <TextInput
            label={t("eventCheckIn.codeLabel")}
            description={t("eventCheckIn.codeHint")}
            leftSection={<IconKeyboard size={18} aria-hidden />}
            value={code}
            onChange={(change) => setCode(change.currentTarget.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            maxLength={100}
            size="md"
          />
          <Group justify="flex-end">
            <Button type="submit" disabled={!typedValid} loading={checkIn.isPending}>
              {t("eventCheckIn.checkIn")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <CheckInSearch
        network={network}
        event={event}
        onCheckIn={(attendee) => send({ registrationId: attendee.id }, attendee.displayName)}
        onUndo={(registrationId) => undo.mutate(registrationId)}
        pending={checkInPending}
      />
    </Stack>
  );
}

function Attendance({ event }: { event: EventDetail }) {
  const t = useT();
  const format = useFormat();
  const checkedIn = event.attendance?.checkedIn ?? 0;
  const confirmed = event.attendance?.confirmed ?? event.confirmed;
  const share = confirmed > 0 ? Math.round((checkedIn / confirmed) * 100) : 0;
  return (
    <Paper withBorder p="sm" radius="md">
      <Group justify="space-between" align="baseline" gap="xs">
        <Text fw={600}>{t("eventCheckIn.attendance")}</Text>
        <Text fw={700} size="lg" aria-live="polite">
          {t("eventCheckIn.attendanceCount", { checkedIn: format.number(checkedIn), confirmed: format.number(confirmed), percent: share })}
        </Text>
      </Group>
      <Progress value={share} mt={6} size="lg" color="green" aria-label={t("eventCheckIn.attendance")} />
    </Paper>
  );
}
