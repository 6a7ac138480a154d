// Correcting the admins' own data on a member — the name, years and department HR records (from
// the CSV import, or typed here). The member's own profile is not touched: where they wrote their
// own years or departments, the directory keeps showing those, and the admins see both.
import { Button, Group, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { membership } from "../../shared/contract/index.ts";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import { limits } from "../../shared/limits.ts";
import { profileLimits } from "../../shared/people.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, focusFirstError } from "../platform/forms.ts";
import type { FormErrors } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import { parseYear } from "../people/directory-url.ts";
import { YearTextInput } from "../people/profile-year-input.tsx";
import { MemberDialog } from "./member-dialog.tsx";
import { refreshAfterMemberChange } from "./member-refresh.ts";
import { ProblemAlert } from "./problem-alert.tsx";
import { isOnFields } from "./use-problem.ts";

interface HrValues {
  hrName: string;
  hrJoinYear: string;
  hrLeaveYear: string;
  hrDepartment: string;
}

const fields = ["hrName", "hrJoinYear", "hrLeaveYear", "hrDepartment"];

function validate(t: Translate) {
  return (values: HrValues): FormErrors => {
    const errors: FormErrors = {};
    for (const key of ["hrJoinYear", "hrLeaveYear"] as const)
      if (values[key].trim() !== "" && parseYear(values[key]) === null) errors[key] = t("manageMembers.yearInvalid");
    const [join, leave] = [parseYear(values.hrJoinYear), parseYear(values.hrLeaveYear)];
    if (!errors.hrLeaveYear && join !== null && leave !== null && join > leave) errors.hrLeaveYear = t("manageMembers.hrYearsOrder");
    return errors;
  };
}

export function HrDialog({ networkId, member, onClose }: { networkId: string; member: ManagedMember | null; onClose: () => void }) {
  const t = useT();
  return (
    <MemberDialog member={member} onClose={onClose} title={(target) => t("manageMembers.hrTitle", { name: target.displayName })}>
      {(target) => <HrForm networkId={networkId} member={target} onDone={onClose} />}
    </MemberDialog>
  );
}

function HrForm({ networkId, member, onDone }: { networkId: string; member: ManagedMember; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const form = useForm<HrValues>({
    initialValues: {
      hrName: member.hr.name ?? "",
      hrJoinYear: member.hr.joinYear === null ? "" : String(member.hr.joinYear),
      hrLeaveYear: member.hr.leaveYear === null ? "" : String(member.hr.leaveYear),
      hrDepartment: member.hr.department ?? "",
    },
    validate: validate(t),
  });
  const save = useMutation({
    mutationFn: (values: HrValues) =>
      callApi(membership.updateMemberHr, {
        params: { networkId, memberId: member.id },
        body: {
          hrName: values.hrName.trim() || null,
          hrJoinYear: parseYear(values.hrJoinYear),
          hrLeaveYear: parseYear(values.hrLeaveYear),
          hrDepartment: values.hrDepartment.trim() || null,
        },
      }),
    onSuccess: async (updated) => {
      notify.success(t("manageMembers.hrSaved", { name: updated.displayName }));
      onDone();
      await refreshAfterMemberChange();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const year = (key: "hrJoinYear" | "hrLeaveYear") => ({
    ...form.getInputProps(key),
    placeholder: t("manageMembers.yearPlaceholder"),
    onChange: (digits: string) => form.setFieldValue(key, digits),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}>
      <Stack>
        <Text size="sm">{t("manageMembers.hrBody")}</Text>
        <TextInput
          label={t("manageMembers.hrNameLabel")}
          maxLength={limits.displayNameMax}
          data-autofocus
          {...form.getInputProps("hrName")}
        />
        <SimpleGrid cols={2} spacing="sm">
          <YearTextInput label={t("manageMembers.hrJoinYear")} {...year("hrJoinYear")} />
          <YearTextInput label={t("manageMembers.hrLeaveYear")} {...year("hrLeaveYear")} />
        </SimpleGrid>
        <TextInput
          label={t("manageMembers.hrDepartment")}
          maxLength={profileLimits.departmentMax}
          {...form.getInputProps("hrDepartment")}
        />
        {member.profile.departments.some((d) => d.source === "member") || member.profile.joinYear?.source === "member" ? (
          <Text size="xs" c="dimmed">
            {t("manageMembers.hrMemberWrote")}
          </Text>
        ) : null}
        {save.isError && !isOnFields(save.error, fields) && <ProblemAlert error={save.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={save.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t("manageMembers.hrSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
