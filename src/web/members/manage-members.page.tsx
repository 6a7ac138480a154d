// /n/:slug/manage/members — for the network's admins: every member with status and HR data
// (join/leave year, department), searchable and filterable, with role changes, removal and
// reactivation. A table on wide screens, cards on phones.
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconMailForward, IconSearch, IconUsers } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useMe } from "../platform/hooks/use-me.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { ManageFrame, managePath } from "./manage-frame.tsx";
import { MemberStatusBadge, RoleBadge, SupporterBadge } from "./member-badges.tsx";
import { MemberActionDialogs, MemberMenu } from "./member-actions.tsx";
import type { MemberAction } from "./member-actions.tsx";
import { MemberFilters, emptyMemberFilters, hasMemberFilters, parseYear } from "./member-filters.tsx";
import type { MemberFilterValues } from "./member-filters.tsx";
import { usePagedList } from "./use-paged-list.ts";
import { DataTable } from "./scroll-table.tsx";

const pageSize = 50;

export function ManageMembersPage() {
  const t = useT();
  return (
    <ManageFrame
      section="members"
      title={t("manageMembers.title")}
      actions={(network) => (
        <Button component={Link} to={managePath(network.slug, "invitations")} leftSection={<IconMailForward size={18} aria-hidden />}>
          {t("manageMembers.invite")}
        </Button>
      )}
    >
      {(network) => <MembersView network={network} />}
    </ManageFrame>
  );
}

function MembersView({ network }: { network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const { account } = useMe();
  const [filters, setFilters] = useState<MemberFilterValues>(emptyMemberFilters);
  const [debounced] = useDebouncedValue(filters, 300);
  const [target, setTarget] = useState<{ member: ManagedMember; action: MemberAction } | null>(null);

  const params = { networkId: network.id };
  const query = {
    q: debounced.search.trim() || undefined,
    role: debounced.role ?? undefined,
    status: debounced.status ?? undefined,
    joinYear: parseYear(debounced.joinYear),
    leaveYear: parseYear(debounced.leaveYear),
  };
  const { query: list, items } = usePagedList(queryKeyOf(membership.listManagedMembers, { params, query }), (cursor, signal) =>
    callApi(membership.listManagedMembers, { params, query: { ...query, cursor, limit: pageSize }, signal }),
  );
  const filtered = hasMemberFilters(debounced);
  const onAction = (member: ManagedMember) => (action: MemberAction) => setTarget({ member, action });
  const isSelf = (member: ManagedMember) => member.accountId === account.id;

  return (
    <Stack gap="lg">
      <MemberFilters values={filters} onChange={setFilters} />
      {list.isPending ? (
        <LoadingState lines={8} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyView title={t("manageMembers.noMatchTitle")} description={t("manageMembers.noMatchBody")} icon={<IconSearch aria-hidden />}>
            <Button variant="light" onClick={() => setFilters(emptyMemberFilters)}>
              {t("manageMembers.clearFilters")}
            </Button>
          </EmptyView>
        ) : (
          <EmptyView title={t("manageMembers.emptyTitle")} description={t("manageMembers.emptyBody")} icon={<IconUsers aria-hidden />}>
            <Button component={Link} to={managePath(network.slug, "invitations")}>
              {t("manageMembers.invite")}
            </Button>
          </EmptyView>
        )
      ) : (
        <Stack gap="sm" aria-busy={list.isFetching && !list.isFetchingNextPage}>
          <Text size="sm" c="dimmed" aria-live="polite">
            {list.hasNextPage
              ? t("manageMembers.countMore", { count: format.number(items.length) })
              : t("manageMembers.count", { count: format.number(items.length) })}
          </Text>
          <MembersTable items={items} isSelf={isSelf} onAction={onAction} />
          <MemberCards items={items} isSelf={isSelf} onAction={onAction} />
          <LoadMore pages={list} />
        </Stack>
      )}
      <MemberActionDialogs networkId={network.id} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

interface ListProps {
  items: ManagedMember[];
  isSelf: (member: ManagedMember) => boolean;
  onAction: (member: ManagedMember) => (action: MemberAction) => void;
}

/** "2015年入社・2021年退職", from the HR data the import (or the admin) recorded. */
export function tenureText(t: Translate, hr: ManagedMember["hr"]): string | null {
  if (hr.joinYear !== null && hr.leaveYear !== null) return t("manageMembers.tenureBoth", { join: hr.joinYear, leave: hr.leaveYear });
  if (hr.joinYear !== null) return t("manageMembers.tenureJoin", { join: hr.joinYear });
  if (hr.leaveYear !== null) return t("manageMembers.tenureLeave", { leave: hr.leaveYear });
  return null;
}

function NameBlock({ member, self }: { member: ManagedMember; self: boolean }) {
  const t = useT();
  const hrName = member.hr.name && member.hr.name !== member.displayName ? member.hr.name : null;
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        <Text fw={600} style={{ overflowWrap: "anywhere" }}>
          {member.displayName}
        </Text>
        {self && <Badge color="ai">{t("manageMembers.you")}</Badge>}
      </Group>
      <Anchor href={`mailto:${member.email}`} size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
        {member.email}
      </Anchor>
      {hrName && (
        <Text size="xs" c="dimmed">
          {t("manageMembers.hrName", { name: hrName })}
        </Text>
      )}
    </Stack>
  );
}

/** When the member joined or left, and the removal reason, as short lines. */
function StatusLines({ member }: { member: ManagedMember }) {
  const t = useT();
  const format = useFormat();
  const lines: string[] = [];
  if (member.status === "removed" || member.status === "left") {
    if (member.leftAt)
      lines.push(t(member.status === "removed" ? "manageMembers.removedOn" : "manageMembers.leftOn", { date: format.date(member.leftAt) }));
  } else if (member.joinedAt) {
    lines.push(t("members.joined", { date: format.date(member.joinedAt) }));
  }
  if (member.status === "active") {
    lines.push(
      member.lastActiveAt ? t("manageMembers.lastActive", { date: format.date(member.lastActiveAt) }) : t("manageMembers.neverActive"),
    );
  }
  if (member.removedReason) lines.push(t("manageMembers.removedReason", { reason: member.removedReason }));
  return (
    <>
      {lines.map((line) => (
        <Text key={line} size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {line}
        </Text>
      ))}
    </>
  );
}

function MembersTable({ items, isSelf, onAction }: ListProps) {
  const t = useT();
  const format = useFormat();
  return (
    <DataTable
      minWidth={760}
      visibleFrom="sm"
      caption={t("manageMembers.caption", { count: format.number(items.length) })}
      columns={[
        { label: t("manageMembers.colMember") },
        { label: t("manageMembers.role") },
        { label: t("manageMembers.status") },
        { label: t("manageMembers.colCareer") },
        { label: t("manageMembers.colActions"), hidden: true },
      ]}
    >
      {items.map((member) => (
        <Table.Tr key={member.id}>
          <Table.Td maw={280}>
            <NameBlock member={member} self={isSelf(member)} />
          </Table.Td>
          <Table.Td>
            <Group gap={4}>
              <RoleBadge role={member.role} />
              {member.supporterSince && <SupporterBadge />}
            </Group>
          </Table.Td>
          <Table.Td maw={240}>
            <Stack gap={2} align="flex-start">
              <MemberStatusBadge status={member.status} />
              <StatusLines member={member} />
            </Stack>
          </Table.Td>
          <Table.Td>
            <CareerLines member={member} />
          </Table.Td>
          <Table.Td ta="end" w={56}>
            <MemberMenu member={member} isSelf={isSelf(member)} onAction={onAction(member)} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function CareerLines({ member, compact = false }: { member: ManagedMember; compact?: boolean }) {
  const t = useT();
  const tenure = tenureText(t, member.hr);
  if (!tenure && !member.hr.department) {
    if (compact) return null;
    return (
      <Text size="sm" c="dimmed">
        {t("manageMembers.noCareer")}
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      {tenure && <Text size="sm">{tenure}</Text>}
      {member.hr.department && (
        <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
          {member.hr.department}
        </Text>
      )}
    </Stack>
  );
}

function MemberCards({ items, isSelf, onAction }: ListProps) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} hiddenFrom="sm" style={{ listStyle: "none" }}>
      {items.map((member) => (
        <Paper component="li" key={member.id} withBorder p="md">
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
            <NameBlock member={member} self={isSelf(member)} />
            <MemberMenu member={member} isSelf={isSelf(member)} onAction={onAction(member)} />
          </Group>
          <Group gap="xs" mt="xs">
            <RoleBadge role={member.role} />
            {member.supporterSince && <SupporterBadge />}
            <MemberStatusBadge status={member.status} />
          </Group>
          <Stack gap={2} mt="xs">
            <CareerLines member={member} compact />
            <StatusLines member={member} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
