// Invite one person by email: address, name as HR knows it, role, the mail's language and a
// personal note. The server says when the address is already a member, invited or was removed.
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { membership, networks } from "../../shared/contract/index.ts";
import { limits, locales, memberRoles } from "../../shared/limits.ts";
import type { Locale, MemberRole } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, focusFirstError, zodValidate } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { localeNames } from "../platform/shell/language-switch.tsx";
import { invalidate } from "../platform/query.ts";
import { EmailField } from "../platform/ui/email-field.tsx";
import { ProblemAlert } from "./problem-alert.tsx";
import { isOnFields } from "./use-problem.ts";

interface InviteValues {
  email: string;
  name: string;
  role: MemberRole;
  note: string;
  locale: Locale;
}

export function InviteModal({ networkId, opened, onClose }: { networkId: string; opened: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t("invitations.inviteTitle")} closeButtonProps={{ "aria-label": t("common.close") }}>
      {opened && <InviteForm networkId={networkId} onDone={onClose} />}
    </Modal>
  );
}

function InviteForm({ networkId, onDone }: { networkId: string; onDone: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const notify = useNotify();
  const form = useForm<InviteValues>({
    initialValues: { email: "", name: "", role: "alumni", note: "", locale },
    validate: zodValidate(bodySchema(membership.createInvitation), t),
  });
  const invite = useMutation({
    mutationFn: (body: InviteValues) => callApi(membership.createInvitation, { params: { networkId }, body }),
    onSuccess: async (invitation) => {
      notify.success(t("invitations.sent", { email: invitation.email }));
      onDone();
      await Promise.all([
        invalidate(membership.listInvitations),
        invalidate(membership.getRegistrationStats),
        invalidate(membership.listManagedMembers),
        invalidate(membership.listAuditLog),
        invalidate(networks.getNetworkHome),
      ]);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <form noValidate onSubmit={form.onSubmit((values) => invite.mutate(values), focusFirstError)}>
      <Stack gap="md">
        <EmailField data-autofocus autoComplete="off" {...form.getInputProps("email")} />
        <TextInput
          label={t("invitations.name")}
          description={t("invitations.nameHint")}
          maxLength={limits.displayNameMax}
          autoComplete="off"
          {...form.getInputProps("name")}
        />
        <Group grow align="flex-start" gap="sm" wrap="wrap">
          <Select
            label={t("invitations.role")}
            data={memberRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            style={{ minWidth: 140 }}
            {...form.getInputProps("role")}
          />
          <Select
            label={t("invitations.mailLanguage")}
            data={locales.map((value) => ({ value, label: localeNames[value] }))}
            style={{ minWidth: 140 }}
            {...form.getInputProps("locale")}
          />
        </Group>
        <Textarea
          label={t("invitations.note")}
          description={t("invitations.noteHint")}
          maxLength={limits.invitationNoteMax}
          minRows={3}
          {...form.getInputProps("note")}
        />
        {invite.isError && !isOnFields(invite.error, ["email", "name", "role", "note", "locale"]) && <ProblemAlert error={invite.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={invite.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={invite.isPending}>
            {t("invitations.send")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
