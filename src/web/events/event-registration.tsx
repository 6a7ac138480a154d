// Registering for an event: the button (or the organisers' questions, then the button), the
// result — confirmed, or the place on the waitlist — with the ticket link, changing my answers,
// cancelling after a confirmation, and why registration is closed when it is.
import { eventPath } from "./event-card.tsx";
import { Alert, Badge, Button, Checkbox, Group, Radio, Stack, Text, Textarea } from "@mantine/core";
import { IconCircleCheck, IconClockHour4, IconInfoCircle, IconTicket } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { Link } from "react-router";
import type { EventDetail, EventQuestion, MyRegistration } from "../../shared/contract/events.ts";
import { eventLimits } from "../../shared/contract/events.ts";
import { isApiError } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { ProblemAlert } from "../members/problem-alert.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { useCancelRegistration, useRegister } from "./events-queries.ts";
import { useEventTime } from "./use-event-time.ts";

type Answers = Record<string, string | string[]>;

export function RegistrationPanel({ networkId, slug, event }: { networkId: string; slug: string; event: EventDetail }) {
  const t = useT();
  const registration = event.myRegistration;
  const active = registration !== null && registration.status !== "cancelled";
  const [editing, setEditing] = useState(false);

  if (active) {
    return (
      <Stack gap="sm">
        <RegistrationStatus registration={registration} />
        {editing ? (
          <AnswersForm
            networkId={networkId}
            event={event}
            initial={registration.answers}
            submitLabel={t("events.register.saveAnswers")}
            onDone={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        ) : (
          <Group gap="sm">
            {registration.status === "confirmed" && (
              <Button component={Link} to={eventPath(slug, event.id, "ticket")} leftSection={<IconTicket size={18} aria-hidden />}>
                {t("events.register.ticket")}
              </Button>
            )}
            {event.questions.length > 0 && event.status !== "cancelled" && (
              <Button variant="default" onClick={() => setEditing(true)}>
                {t("events.register.changeAnswers")}
              </Button>
            )}
            {event.status !== "cancelled" && <CancelRegistrationButton networkId={networkId} eventId={event.id} />}
          </Group>
        )}
      </Stack>
    );
  }

  if (event.registrationClosed) {
    return (
      <Stack gap="xs">
        {registration?.status === "cancelled" && (
          <Text size="sm" c="dimmed">
            {t("events.register.previouslyCancelled")}
          </Text>
        )}
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          {t(`events.register.closed.${event.registrationClosed}`)}
        </Alert>
      </Stack>
    );
  }

  // Someone waiting means no seat is free: a freed seat is held for the waitlist (decision 0017).
  const full = event.capacity !== null && (event.confirmed >= event.capacity || event.waitlisted > 0);
  return (
    <Stack gap="sm">
      {registration?.status === "cancelled" && (
        <Text size="sm" c="dimmed">
          {t("events.register.previouslyCancelled")}
        </Text>
      )}
      {full && (
        <Text size="sm" c="orange.9">
          {t("events.register.fullNote")}
        </Text>
      )}
      <AnswersForm
        networkId={networkId}
        event={event}
        initial={{}}
        submitLabel={full ? t("events.register.submitWaitlist") : t("events.register.submit")}
      />
    </Stack>
  );
}

function RegistrationStatus({ registration }: { registration: MyRegistration }) {
  const t = useT();
  const time = useEventTime();
  if (registration.status === "waitlisted") {
    return (
      <Alert
        variant="light"
        color="orange"
        icon={<IconClockHour4 aria-hidden />}
        title={t("events.register.waitlisted", { place: registration.waitlistPlace ?? "–" })}
      >
        {t("events.register.waitlistedBody")}
      </Alert>
    );
  }
  return (
    <Alert variant="light" color="green" icon={<IconCircleCheck aria-hidden />} title={t("events.register.confirmed")}>
      <Stack gap={4}>
        {registration.promotedAt && <Text size="sm">{t("events.register.promoted")}</Text>}
        {registration.checkedInAt ? (
          <Text size="sm">{t("events.register.checkedIn", { time: time.moment(registration.checkedInAt) })}</Text>
        ) : (
          <Text size="sm">{t("events.register.confirmedBody")}</Text>
        )}
      </Stack>
    </Alert>
  );
}

function CancelRegistrationButton({ networkId, eventId }: { networkId: string; eventId: string }) {
  const t = useT();
  const notify = useNotify();
  const problem = useProblemNotice();
  const [open, setOpen] = useState(false);
  const cancel = useCancelRegistration(networkId, eventId);
  return (
    <>
      <Button variant="subtle" color="red" onClick={() => setOpen(true)}>
        {t("events.register.cancel")}
      </Button>
      <ConfirmModal
        opened={open}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          cancel.mutate(undefined, {
            onSuccess: () => {
              setOpen(false);
              notify.success(t("events.register.cancelled"));
            },
            onError: problem,
          })
        }
        title={t("events.register.cancelTitle")}
        confirmLabel={t("events.register.cancelConfirm")}
        pending={cancel.isPending}
      >
        {t("events.register.cancelBody")}
      </ConfirmModal>
    </>
  );
}

/** What to send: empty optional answers are left out rather than sent as "". */
function answersToSend(questions: EventQuestion[], answers: Answers): Answers {
  const out: Answers = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (typeof value === "string" ? value.trim() !== "" : value.length > 0)
      out[question.id] = typeof value === "string" ? value.trim() : value;
  }
  return out;
}

function missingRequired(questions: EventQuestion[], answers: Answers): string[] {
  return questions.filter((q) => q.required && answersToSend([q], answers)[q.id] === undefined).map((q) => q.id);
}

/** The server's field errors for answers ("answers.<question id>"), by question id. */
function answerErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(error.fields)) {
    const match = /^answers\.([^.]+)/.exec(key);
    if (match?.[1]) out[match[1]] ??= message;
  }
  return out;
}

function AnswersForm({
  networkId,
  event,
  initial,
  submitLabel,
  onDone,
  onCancel,
}: {
  networkId: string;
  event: EventDetail;
  initial: Answers;
  submitLabel: string;
  onDone?: () => void;
  onCancel?: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const [answers, setAnswers] = useState<Answers>(initial);
  const [missing, setMissing] = useState<string[]>([]);
  const register = useRegister(networkId, event.id);
  const wasActive = event.myRegistration !== null && event.myRegistration.status !== "cancelled";
  const serverErrors = answerErrors(register.error);
  const shownOnFields = Object.keys(serverErrors).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const lacking = missingRequired(event.questions, answers);
    setMissing(lacking);
    if (lacking[0]) {
      document.getElementById(`question-${lacking[0]}`)?.querySelector<HTMLElement>("input, textarea")?.focus();
      return;
    }
    register.mutate(answersToSend(event.questions, answers), {
      onSuccess: (registration) => {
        if (wasActive) notify.success(t("events.register.saved"));
        else if (registration.status === "waitlisted")
          notify.success(t("events.register.doneWaitlist", { place: registration.waitlistPlace ?? "–" }));
        else notify.success(t("events.register.done"));
        onDone?.();
      },
    });
  };

  const set = (id: string, value: string | string[]) => {
    setAnswers((current) => ({ ...current, [id]: value }));
    setMissing((current) => current.filter((m) => m !== id));
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {event.questions.length > 0 && (
          <Text fw={700} size="sm">
            {t("events.register.questions")}
          </Text>
        )}
        {event.questions.map((question) => (
          <div key={question.id} id={`question-${question.id}`}>
            <QuestionField
              question={question}
              value={answers[question.id]}
              onChange={(value) => set(question.id, value)}
              error={missing.includes(question.id) ? t("validation.required") : serverErrors[question.id]}
            />
          </div>
        ))}
        {register.error !== null && !shownOnFields && <ProblemAlert error={register.error} />}
        <Group gap="sm">
          <Button type="submit" loading={register.isPending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={register.isPending}>
              {t("common.cancel")}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function QuestionLabel({ question }: { question: EventQuestion }) {
  const t = useT();
  return (
    <Group gap={6} component="span" wrap="wrap">
      <span style={{ overflowWrap: "anywhere" }}>{question.label}</span>
      {question.required && (
        <Badge size="xs" variant="light" color="red" tt="none">
          {t("events.register.required")}
        </Badge>
      )}
    </Group>
  );
}

function QuestionField({
  question,
  value,
  onChange,
  error,
}: {
  question: EventQuestion;
  value: string | string[] | undefined;
  onChange: (value: string | string[]) => void;
  error: ReactNode;
}) {
  const label = <QuestionLabel question={question} />;
  if (question.kind === "text") {
    return (
      <Textarea
        label={label}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.currentTarget.value)}
        maxLength={eventLimits.answerMax}
        autosize
        minRows={2}
        error={error}
      />
    );
  }
  if (question.kind === "single") {
    return (
      <Radio.Group label={label} value={typeof value === "string" ? value : null} onChange={onChange} error={error}>
        <Stack gap={6} mt={6}>
          {question.options.map((option) => (
            <Radio key={option} value={option} label={option} />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  return (
    <Checkbox.Group label={label} value={Array.isArray(value) ? value : []} onChange={onChange} error={error}>
      <Stack gap={6} mt={6}>
        {question.options.map((option) => (
          <Checkbox key={option} value={option} label={option} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}
