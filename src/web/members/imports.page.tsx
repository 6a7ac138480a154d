// /n/:slug/manage/imports — for the network's admins: every CSV import of leavers with its state,
// how many were invited and how many have registered since, and a way to start a new one.
import { Anchor, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { IconFileImport, IconUpload } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { MemberImport, RegistrationStats } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { ManageFrame, managePath } from "./manage-frame.tsx";
import { ImportStatusBadge } from "./member-badges.tsx";
import { percent } from "./registration-rate.tsx";
import { usePagedList } from "./use-paged-list.ts";
import { DataTable } from "./scroll-table.tsx";

const pageSize = 25;

export function ImportsPage() {
  const t = useT();
  return (
    <ManageFrame
      section="imports"
      title={t("imports.title")}
      description={t("imports.lead")}
      actions={(network) => (
        <Button component={Link} to={`${managePath(network.slug, "imports")}/new`} leftSection={<IconUpload size={18} aria-hidden />}>
          {t("imports.new")}
        </Button>
      )}
    >
      {(network) => <ImportsView network={network} />}
    </ManageFrame>
  );
}

type ImportStats = RegistrationStats["imports"][number];

function ImportsView({ network }: { network: MyNetwork }) {
  const t = useT();
  const params = { networkId: network.id };
  const stats = useQuery(apiQuery(membership.getRegistrationStats, { params }));
  const { query: list, items } = usePagedList(
    queryKeyOf(membership.listMemberImports, { params }),
    (cursor, signal) => callApi(membership.listMemberImports, { params, query: { cursor, limit: pageSize }, signal }),
    { pollWhile: (entries) => entries.some((entry) => entry.status === "importing") },
  );

  if (list.isPending) return <LoadingState lines={6} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0) {
    return (
      <EmptyView title={t("imports.emptyTitle")} description={t("imports.emptyBody")} icon={<IconFileImport aria-hidden />}>
        <Button component={Link} to={`${managePath(network.slug, "imports")}/new`} leftSection={<IconUpload size={18} aria-hidden />}>
          {t("imports.new")}
        </Button>
      </EmptyView>
    );
  }
  const statsById = new Map((stats.data?.imports ?? []).map((entry) => [entry.id, entry]));
  const rows = items.map((entry) => ({ entry, stats: statsById.get(entry.id) }));
  return (
    <Stack gap="sm">
      <ImportsTable rows={rows} slug={network.slug} />
      <ImportCards rows={rows} slug={network.slug} />
      <LoadMore pages={list} />
    </Stack>
  );
}

interface Row {
  entry: MemberImport;
  stats: ImportStats | undefined;
}

function importLink(slug: string, entry: MemberImport): string {
  return `${managePath(slug, "imports")}/${entry.id}`;
}

function ProgressText({ row }: { row: Row }) {
  const t = useT();
  const format = useFormat();
  const { entry, stats } = row;
  if (entry.status === "uploaded") return <Text size="sm">{t("imports.rows", { count: format.number(entry.totalRows) })}</Text>;
  if (entry.status === "previewed") {
    return <Text size="sm">{t("imports.okRows", { ok: format.number(entry.okRows), total: format.number(entry.totalRows) })}</Text>;
  }
  if (entry.status === "importing") {
    return (
      <Text size="sm">{t("imports.processing", { done: format.number(entry.processedRows), total: format.number(entry.okRows) })}</Text>
    );
  }
  const registered = stats?.registered ?? entry.registeredRows;
  const invited = stats?.invited ?? entry.invitedRows;
  return (
    <Stack gap={0}>
      <Text size="sm">{t("imports.invited", { count: format.number(entry.invitedRows) })}</Text>
      {invited > 0 && (
        <Text size="xs" c="dimmed">
          {t("imports.registered", {
            registered: format.number(registered),
            percent: format.number(percent(stats?.rate ?? registered / invited)),
          })}
        </Text>
      )}
    </Stack>
  );
}

function CreatedText({ entry }: { entry: MemberImport }) {
  const t = useT();
  const format = useFormat();
  return (
    <Text size="xs" c="dimmed">
      {entry.createdByName
        ? t("imports.createdBy", { date: format.dateTime(entry.createdAt), name: entry.createdByName })
        : format.dateTime(entry.createdAt)}
    </Text>
  );
}

function ImportsTable({ rows, slug }: { rows: Row[]; slug: string }) {
  const t = useT();
  const format = useFormat();
  return (
    <DataTable
      minWidth={640}
      visibleFrom="sm"
      caption={t("imports.caption", { count: format.number(rows.length) })}
      columns={[{ label: t("imports.colFile") }, { label: t("imports.colStatus") }, { label: t("imports.colResult") }]}
    >
      {rows.map((row) => (
        <Table.Tr key={row.entry.id}>
          <Table.Td maw={320}>
            <Anchor component={Link} to={importLink(slug, row.entry)} fw={600} style={{ overflowWrap: "anywhere" }}>
              {row.entry.filename}
            </Anchor>
            <CreatedText entry={row.entry} />
          </Table.Td>
          <Table.Td>
            <ImportStatusBadge status={row.entry.status} />
          </Table.Td>
          <Table.Td>
            <ProgressText row={row} />
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}

function ImportCards({ rows, slug }: { rows: Row[]; slug: string }) {
  return (
    <Stack component="ul" gap="sm" p={0} m={0} hiddenFrom="sm" style={{ listStyle: "none" }}>
      {rows.map((row) => (
        <Paper component="li" key={row.entry.id} withBorder p="md">
          <Stack gap={4}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={importLink(slug, row.entry)} fw={600} style={{ overflowWrap: "anywhere", minWidth: 0 }}>
                {row.entry.filename}
              </Anchor>
              <ImportStatusBadge status={row.entry.status} />
            </Group>
            <ProgressText row={row} />
            <CreatedText entry={row.entry} />
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
