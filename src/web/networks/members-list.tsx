// Members of a network, fifty at a time ("load more"), with role changes for its admins. Demoting
// an admin asks first.
import { Badge, Group, Paper, Select, Stack, Text } from "@mantine/core";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { accounts, networks } from "../../shared/contract/index.ts";
import type { Member } from "../../shared/contract/networks.ts";
import { memberRoles } from "../../shared/limits.ts";
import type { MemberRole } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate, queryKeyOf } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";

const pageSize = 50;

function isRole(value: string | null): value is MemberRole {
  return value !== null && (memberRoles as readonly string[]).includes(value);
}

export function MembersList({ networkId, canManage }: { networkId: string; canManage: boolean }) {
  const t = useT();
  const notify = useNotify();
  const params = { networkId };
  const members = useInfiniteQuery({
    queryKey: queryKeyOf(networks.listMembers, { params }),
    queryFn: ({ pageParam, signal }) =>
      callApi(networks.listMembers, { params, query: { cursor: pageParam ?? undefined, limit: pageSize }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const [pendingDemotion, setPendingDemotion] = useState<{ member: Member; role: MemberRole } | null>(null);

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: MemberRole }) =>
      callApi(networks.changeMemberRole, { params: { networkId, memberId: member.id }, body: { role } }),
    onSuccess: async (member) => {
      setPendingDemotion(null);
      notify.success(t("members.roleChanged", { name: member.displayName, role: t(`role.${member.role}`) }));
      await Promise.all([invalidate(networks.listMembers), invalidate(networks.getNetworkHome), invalidate(accounts.getMe)]);
    },
    onError: (error) => {
      setPendingDemotion(null);
      notify.error(error);
    },
  });

  const requestChange = (member: Member, role: MemberRole) => {
    if (role === member.role) return;
    if (member.role === "admin") setPendingDemotion({ member, role });
    else changeRole.mutate({ member, role });
  };

  if (members.isPending) return <LoadingState lines={5} />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  const items = members.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyView headingOrder={3} title={t("members.emptyTitle")} description={t("members.emptyBody")} />;

  return (
    <Stack gap="sm">
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((member) => (
          <MemberRow
            key={member.id}
            member={member}
            canManage={canManage}
            pending={changeRole.isPending && changeRole.variables.member.id === member.id}
            onRoleChange={(role) => requestChange(member, role)}
          />
        ))}
      </Stack>
      <LoadMore pages={members} />
      <ConfirmModal
        opened={pendingDemotion !== null}
        onClose={() => setPendingDemotion(null)}
        onConfirm={() => pendingDemotion && changeRole.mutate(pendingDemotion)}
        pending={changeRole.isPending}
        title={t("members.demoteTitle")}
        confirmLabel={t("members.demoteConfirm")}
      >
        {pendingDemotion
          ? t("members.demoteBody", { name: pendingDemotion.member.displayName, role: t(`role.${pendingDemotion.role}`) })
          : ""}
      </ConfirmModal>
    </Stack>
  );
}

function MemberRow({
  member,
  canManage,
  pending,
  onRoleChange,
}: {
  member: Member;
  canManage: boolean;
  pending: boolean;
  onRoleChange: (role: MemberRole) => void;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <Paper component="li" withBorder={false} py="sm" style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }} radius={0}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 200px" }}>
          <Group gap="xs">
            <Text fw={600}>{member.displayName}</Text>
            {member.status !== "active" && (
              <Badge color={member.status === "invited" ? "orange" : "gray"}>{t(`memberStatus.${member.status}`)}</Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {member.joinedAt ? t("members.joined", { date: format.date(member.joinedAt) }) : t("members.notJoined")}
          </Text>
        </Stack>
        {canManage ? (
          <Select
            size="sm"
            w={160}
            aria-label={t("members.roleFor", { name: member.displayName })}
            value={member.role}
            disabled={pending}
            data={memberRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            onChange={(value) => {
              if (isRole(value)) onRoleChange(value);
            }}
          />
        ) : (
          <Badge color={member.role === "admin" ? "ai" : "gray"}>{t(`role.${member.role}`)}</Badge>
        )}
      </Group>
    </Paper>
  );
}
