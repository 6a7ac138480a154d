// /n/:slug/manage/members — for the network's admins: every member with status, HR data and what
// the admins may see of their profile, searchable and filterable like the directory, with role
// changes, HR corrections, supporters, removal and reactivation; members ticked for a CSV export,
// or the whole filtered list exported. A table on wide screens, cards on phones.
import { Button, Group, Stack, Text } from "@mantine/core";
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
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { ManageFrame, managePath } from "./manage-frame.tsx";
import { MemberActionDialogs } from "./member-actions.tsx";
import type { MemberAction } from "./member-actions.tsx";
import { ExportButton, SelectionBar } from "./member-export.tsx";
import { MemberFilters, emptyMemberFilters, hasMemberFilters, memberQuery } from "./member-filters.tsx";
import type { MemberFilterValues } from "./member-filters.tsx";
import { MemberCards, MembersTable } from "./members-table.tsx";
import { usePagedList } from "./use-paged-list.ts";

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
  // The ticked members; forgotten when the filters change, so the count never includes members out of sight.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [selectedUnder, setSelectedUnder] = useState(debounced);
  if (selectedUnder !== debounced) {
    setSelectedUnder(debounced);
    if (selected.size > 0) setSelected(new Set());
  }

  const params = { networkId: network.id };
  const query = memberQuery(debounced);
  const { query: list, items } = usePagedList(queryKeyOf(membership.listManagedMembers, { params, query }), (cursor, signal) =>
    callApi(membership.listManagedMembers, { params, query: { ...query, cursor, limit: pageSize }, signal }),
  );
  const filtered = hasMemberFilters(debounced);
  const onAction = (member: ManagedMember) => (action: MemberAction) => setTarget({ member, action });
  const isSelf = (member: ManagedMember) => member.accountId === account.id;
  const onSelect = (ids: string[], on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  const listProps = { items, isSelf, onAction, selected, onSelect };

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
          <Group justify="space-between" gap="sm">
            <Text size="sm" c="dimmed" aria-live="polite">
              {list.hasNextPage
                ? t("manageMembers.countMore", { count: format.number(items.length) })
                : t("manageMembers.count", { count: format.number(items.length) })}
            </Text>
            <ExportButton networkId={network.id} filters={debounced} filtered={filtered} />
          </Group>
          <MembersTable {...listProps} />
          <MemberCards {...listProps} />
          <SelectionBar networkId={network.id} filters={debounced} selected={[...selected]} onClear={() => setSelected(new Set())} />
          <LoadMore pages={list} />
        </Stack>
      )}
      <MemberActionDialogs networkId={network.id} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
