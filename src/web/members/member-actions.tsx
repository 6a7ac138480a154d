// What an admin can do to one member from the management list: change the role, correct the HR
// data (member-hr-dialog.tsx), appoint an alumni member as supporter from a date or end it
// (member-supporter-dialog.tsx), remove (with a reason kept in the audit log) and let a departed
// or removed member back in. Each asks first.
import { ActionIcon, Alert, Button, Group, Menu, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconDots, IconHeartHandshake, IconId, IconUserCheck, IconUserCog, IconUserMinus } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { membership, networks } from "../../shared/contract/index.ts";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import { limits, memberRoles } from "../../shared/limits.ts";
import type { MemberRole } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, focusFirstError, zodValidate } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { MemberDialog } from "./member-dialog.tsx";
import { HrDialog } from "./member-hr-dialog.tsx";
import { refreshAfterMemberChange } from "./member-refresh.ts";
import { SupporterDialog } from "./member-supporter-dialog.tsx";
import { ProblemAlert } from "./problem-alert.tsx";
import { isOnFields, useProblemNotice } from "./use-problem.ts";

export type MemberAction = "role" | "hr" | "remove" | "reactivate" | "supporter";

export function canDo(member: ManagedMember, action: MemberAction): boolean {
  if (action === "hr") return true;
  if (action === "supporter") return member.status === "active" && (member.role === "alumni" || member.supporterSince !== null);
  const inside = member.status === "active" || member.status === "invited";
  return action === "reactivate" ? !inside : inside;
}

/** The "…" menu of one member; empty for the signed-in admin's own row (they leave instead). */
export function MemberMenu({
  member,
  isSelf,
  onAction,
}: {
  member: ManagedMember;
  isSelf: boolean;
  onAction: (action: MemberAction) => void;
}) {
  const t = useT();
  if (isSelf) return null;
  return (
    <Menu position="bottom-end" shadow="md">
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t("manageMembers.actionsFor", { name: member.displayName })}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {canDo(member, "role") && (
          <Menu.Item leftSection={<IconUserCog size={16} aria-hidden />} onClick={() => onAction("role")}>
            {t("manageMembers.changeRole")}
          </Menu.Item>
        )}
        <Menu.Item leftSection={<IconId size={16} aria-hidden />} onClick={() => onAction("hr")}>
          {t("manageMembers.hrEdit")}
        </Menu.Item>
        {canDo(member, "supporter") && (
          <Menu.Item leftSection={<IconHeartHandshake size={16} aria-hidden />} onClick={() => onAction("supporter")}>
            {member.supporterSince ? t("manageMembers.supporterEdit") : t("manageMembers.supporterAppoint")}
          </Menu.Item>
        )}
        {canDo(member, "reactivate") && (
          <Menu.Item leftSection={<IconUserCheck size={16} aria-hidden />} onClick={() => onAction("reactivate")}>
            {t("manageMembers.reactivate")}
          </Menu.Item>
        )}
        {canDo(member, "remove") && (
          <Menu.Item color="red" leftSection={<IconUserMinus size={16} aria-hidden />} onClick={() => onAction("remove")}>
            {t("manageMembers.remove")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The open dialog for `target`, or nothing. */
export function MemberActionDialogs({
  networkId,
  target,
  onClose,
}: {
  networkId: string;
  target: { member: ManagedMember; action: MemberAction } | null;
  onClose: () => void;
}) {
  return (
    <>
      <RoleDialog networkId={networkId} member={target?.action === "role" ? target.member : null} onClose={onClose} />
      <RemoveDialog networkId={networkId} member={target?.action === "remove" ? target.member : null} onClose={onClose} />
      <ReactivateDialog networkId={networkId} member={target?.action === "reactivate" ? target.member : null} onClose={onClose} />
      <SupporterDialog networkId={networkId} member={target?.action === "supporter" ? target.member : null} onClose={onClose} />
      <HrDialog networkId={networkId} member={target?.action === "hr" ? target.member : null} onClose={onClose} />
    </>
  );
}

function RoleDialog({ networkId, member, onClose }: { networkId: string; member: ManagedMember | null; onClose: () => void }) {
  const t = useT();
  return (
    <MemberDialog member={member} onClose={onClose} title={() => t("manageMembers.roleTitle")}>
      {(target) => <RoleForm networkId={networkId} member={target} onDone={onClose} />}
    </MemberDialog>
  );
}

function RoleForm({ networkId, member, onDone }: { networkId: string; member: ManagedMember; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [role, setRole] = useState<MemberRole>(member.role);
  const change = useMutation({
    mutationFn: (next: MemberRole) =>
      callApi(networks.changeMemberRole, { params: { networkId, memberId: member.id }, body: { role: next } }),
    onSuccess: async (updated) => {
      notify.success(t("members.roleChanged", { name: updated.displayName, role: t(`role.${updated.role}`) }));
      onDone();
      await refreshAfterMemberChange();
    },
  });
  const demoting = member.role === "admin" && role !== "admin";
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        change.mutate(role);
      }}
    >
      <Stack>
        <Text>{t("manageMembers.roleBody", { name: member.displayName })}</Text>
        <Select
          label={t("manageMembers.role")}
          data={memberRoles.map((value) => ({ value, label: t(`role.${value}`) }))}
          value={role}
          onChange={(value) => {
            if ((memberRoles as readonly string[]).includes(value ?? "")) setRole(value as MemberRole);
          }}
          data-autofocus
        />
        {demoting && (
          <Alert color="orange" variant="light">
            {t("members.demoteBody", { name: member.displayName, role: t(`role.${role}`) })}
          </Alert>
        )}
        {role === "admin" && member.role !== "admin" && (
          <Alert color="ai" variant="light">
            {t("manageMembers.promoteNote")}
          </Alert>
        )}
        <ProblemAlert error={change.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={change.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={change.isPending} disabled={role === member.role} color={demoting ? "red" : undefined}>
            {t("manageMembers.roleSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RemoveDialog({ networkId, member, onClose }: { networkId: string; member: ManagedMember | null; onClose: () => void }) {
  const t = useT();
  return (
    <MemberDialog member={member} onClose={onClose} title={(target) => t("manageMembers.removeTitle", { name: target.displayName })}>
      {(target) => <RemoveForm networkId={networkId} member={target} onDone={onClose} />}
    </MemberDialog>
  );
}

function RemoveForm({ networkId, member, onDone }: { networkId: string; member: ManagedMember; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const form = useForm<{ reason: string }>({
    initialValues: { reason: "" },
    validate: zodValidate(bodySchema(membership.removeMember), t),
  });
  const remove = useMutation({
    mutationFn: (body: { reason: string }) => callApi(membership.removeMember, { params: { networkId, memberId: member.id }, body }),
    onSuccess: async (removed) => {
      notify.success(t("manageMembers.removed", { name: removed.displayName }));
      onDone();
      await refreshAfterMemberChange();
    },
    // A problem with the reason shows on the field; others ("last admin", …) in the alert below.
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => remove.mutate(values), focusFirstError)}>
      <Stack>
        <Text>{t("manageMembers.removeBody")}</Text>
        <Textarea
          label={t("manageMembers.removeReason")}
          description={t("manageMembers.removeReasonHint")}
          required
          maxLength={limits.removalReasonMax}
          minRows={2}
          data-autofocus
          {...form.getInputProps("reason")}
        />
        {remove.isError && !isOnFields(remove.error, ["reason"]) && <ProblemAlert error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={remove.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" loading={remove.isPending}>
            {t("manageMembers.removeSubmit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReactivateDialog({ networkId, member, onClose }: { networkId: string; member: ManagedMember | null; onClose: () => void }) {
  const t = useT();
  const reactivate = useConfirmedChange(
    (target) => callApi(membership.reactivateMember, { params: { networkId, memberId: target.id } }),
    (updated) => t("manageMembers.reactivated", { name: updated.displayName }),
    onClose,
  );
  return (
    <ConfirmModal
      opened={member !== null}
      onClose={onClose}
      onConfirm={() => member && reactivate.mutate(member)}
      pending={reactivate.isPending}
      danger={false}
      title={member ? t("manageMembers.reactivateTitle", { name: member.displayName }) : ""}
      confirmLabel={t("manageMembers.reactivate")}
    >
      {member?.removedReason ? (
        <Stack gap="xs">
          <Text>{t("manageMembers.reactivateBody")}</Text>
          <Text size="sm" c="dimmed">
            {t("manageMembers.removedReason", { reason: member.removedReason })}
          </Text>
        </Stack>
      ) : (
        t("manageMembers.reactivateBody")
      )}
    </ConfirmModal>
  );
}

/**
 * A change confirmed in a ConfirmModal: on success a toast saying what happened, on failure the
 * problem as a notice; the dialog closes either way and the member lists refresh after a change.
 */
function useConfirmedChange<T>(change: (target: ManagedMember) => Promise<T>, done: (result: T) => string, onClose: () => void) {
  const notify = useNotify();
  const problemNotice = useProblemNotice();
  return useMutation({
    mutationFn: change,
    onSuccess: async (result) => {
      notify.success(done(result));
      onClose();
      await refreshAfterMemberChange();
    },
    onError: (error) => {
      onClose();
      problemNotice(error);
    },
  });
}
