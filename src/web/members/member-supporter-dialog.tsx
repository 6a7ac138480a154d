// Appointing an alumni member as アルムナイサポーター from a date (today unless the appointment
// started earlier; never a day to come), changing that date, or ending the appointment.
import { Button, Group, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { events, membership } from "../../shared/contract/index.ts";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { isApiError } from "../platform/api.ts";
import { MemberDialog } from "./member-dialog.tsx";
import { refreshAfterMemberChange } from "./member-refresh.ts";
import { ProblemAlert } from "./problem-alert.tsx";

/** YYYY-MM-DD of an instant in a time zone (en-CA writes dates that way). */
export function isoDateIn(timeZone: string, date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
}

export function SupporterDialog({ networkId, member, onClose }: { networkId: string; member: ManagedMember | null; onClose: () => void }) {
  const t = useT();
  return (
    <MemberDialog
      member={member}
      onClose={onClose}
      title={(target) =>
        t(target.supporterSince !== null ? "manageMembers.supporterEditTitle" : "manageMembers.supporterAppointTitle", {
          name: target.displayName,
        })
      }
    >
      {(target) => <SupporterForm networkId={networkId} member={target} onDone={onClose} />}
    </MemberDialog>
  );
}

function SupporterForm({ networkId, member, onDone }: { networkId: string; member: ManagedMember; onDone: () => void }) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const today = isoDateIn(format.timeZone);
  const appointed = member.supporterSince !== null;
  const [since, setSince] = useState(member.supporterSince ? isoDateIn(format.timeZone, new Date(member.supporterSince)) : today);
  const [dateError, setDateError] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: { supporter: boolean; since?: string }) =>
      callApi(membership.setMemberSupporter, { params: { networkId, memberId: member.id }, body }),
    onSuccess: async (updated) => {
      notify.success(
        t(updated.supporterSince ? "manageMembers.supporterAppointed" : "manageMembers.supporterEnded", { name: updated.displayName }),
      );
      onDone();
      await refreshAfterMemberChange();
    },
    onError: (error) => {
      const field = isApiError(error) ? error.fields.since : undefined;
      if (field) setDateError(field);
    },
  });
  const submit = () => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(since)) return setDateError(t("manageMembers.supporterDateInvalid"));
    if (since > today) return setDateError(t("manageMembers.supporterDateFuture"));
    setDateError(null);
    change.mutate({ supporter: true, since });
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack>
        <Text size="sm">{appointed ? t("manageMembers.supporterEditBody") : t("manageMembers.supporterAppointBody")}</Text>
        <TextInput
          type="date"
          label={t("manageMembers.supporterDate")}
          description={t("manageMembers.supporterDateHint")}
          max={today}
          required
          value={since}
          onChange={(event) => setSince(event.currentTarget.value)}
          error={dateError}
          data-autofocus
          data-path="since"
        />
        {appointed && <OrganizerSwitch networkId={networkId} member={member} />}
        {appointed && (
          <Text size="xs" c="dimmed">
            {t("manageMembers.supporterEndBody")}
          </Text>
        )}
        {change.isError && !dateError && <ProblemAlert error={change.error} />}
        <Group justify="space-between">
          {appointed ? (
            <Button
              variant="subtle"
              color="red"
              onClick={() => change.mutate({ supporter: false })}
              loading={change.isPending && !change.variables?.supporter}
            >
              {t("manageMembers.supporterEnd")}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="xs">
            <Button variant="default" onClick={onDone} disabled={change.isPending}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={change.isPending && change.variables?.supporter === true}>
              {appointed ? t("manageMembers.supporterSaveDate") : t("manageMembers.supporterAppoint")}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

/** Allowing a supporter to create and run events (イベントの運営), saved at once. */
function OrganizerSwitch({ networkId, member }: { networkId: string; member: ManagedMember }) {
  const t = useT();
  const notify = useNotify();
  const [on, setOn] = useState(member.organizesEvents);
  const change = useMutation({
    mutationFn: (organizesEvents: boolean) =>
      callApi(events.setEventOrganizer, { params: { networkId, memberId: member.id }, body: { organizesEvents } }),
    onSuccess: async (result) => {
      setOn(result.organizesEvents);
      notify.success(
        t(result.organizesEvents ? "manageMembers.organizerAllowed" : "manageMembers.organizerRevoked", { name: member.displayName }),
      );
      await refreshAfterMemberChange();
    },
  });
  return (
    <Stack gap={4}>
      <Switch
        checked={on}
        disabled={change.isPending}
        onChange={(event) => change.mutate(event.currentTarget.checked)}
        label={t("manageMembers.organizerSwitch")}
        description={t("manageMembers.organizerHint")}
      />
      {change.isError && <ProblemAlert error={change.error} />}
    </Stack>
  );
}
