// The rows of a checked CSV import with their problems (and, once invited, what happened to each),
// filtered to all / invitable / with problems. A scrolling table: the row number and name stay first.
import { Badge, Group, Stack, Table, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useState } from "react";
import { membership } from "../../shared/contract/index.ts";
import type { ImportRow, MemberImport } from "../../shared/contract/membership.ts";
import type { RowProblem } from "../../shared/member-import.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { FilterButtons } from "./filter-buttons.tsx";
import { usePagedList } from "./use-paged-list.ts";
import { DataTable } from "./scroll-table.tsx";

type RowFilter = "all" | "ok" | "problems";
const pageSize = 100;

/** Problems found against the database are not mistakes in the file: shown in a calmer colour. */
const notMistakes = new Set<RowProblem>(["already_member", "already_invited", "left_earlier"]);

export function ProblemBadge({ problem }: { problem: RowProblem }) {
  const t = useT();
  return (
    <Badge color={notMistakes.has(problem) ? "gray" : "orange"} style={{ overflow: "visible", height: "auto", whiteSpace: "normal" }}>
      {t(`imports.problem.${problem}`)}
    </Badge>
  );
}

export function ImportRows({ networkId, imp }: { networkId: string; imp: MemberImport }) {
  const t = useT();
  const format = useFormat();
  const problemRows = imp.totalRows - imp.okRows;
  const [filter, setFilter] = useState<RowFilter>(problemRows > 0 && imp.status !== "done" ? "problems" : "all");
  const params = { networkId, importId: imp.id };
  const query = { filter };
  const { query: list, items } = usePagedList(queryKeyOf(membership.listMemberImportRows, { params, query }), (cursor, signal) =>
    callApi(membership.listMemberImportRows, { params, query: { filter, cursor, limit: pageSize }, signal }),
  );
  const showOutcome = imp.status === "importing" || imp.status === "done";

  return (
    <Stack gap="sm">
      <FilterButtons<RowFilter>
        label={t("imports.rowFilter")}
        options={[
          { value: "all", label: t("imports.rowsAll", { count: format.number(imp.totalRows) }) },
          { value: "ok", label: t("imports.rowsOk", { count: format.number(imp.okRows) }) },
          { value: "problems", label: t("imports.rowsProblems", { count: format.number(problemRows) }) },
        ]}
        value={filter}
        onChange={setFilter}
      />
      {list.isPending ? (
        <LoadingState lines={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyView
          headingOrder={3}
          icon={<IconCircleCheck aria-hidden />}
          title={filter === "problems" ? t("imports.noProblemRows") : t("imports.noRows")}
        />
      ) : (
        <>
          <RowsTable items={items} showOutcome={showOutcome} />
          <LoadMore pages={list} />
        </>
      )}
    </Stack>
  );
}

function RowsTable({ items, showOutcome }: { items: ImportRow[]; showOutcome: boolean }) {
  const t = useT();
  return (
    <DataTable
      compact
      minWidth={860}
      caption={t("imports.rowsCaption")}
      columns={[
        { label: t("imports.colRow"), width: 56 },
        { label: t("imports.colPerson") },
        { label: t("imports.field.role") },
        { label: t("imports.colTenure") },
        { label: t("imports.field.department") },
        { label: showOutcome ? t("imports.colOutcome") : t("imports.colProblems") },
      ]}
    >
      {items.map((row) => (
        <Table.Tr key={row.rowNumber}>
          <Table.Td c="dimmed">{row.rowNumber}</Table.Td>
          <Table.Td maw={260}>
            <Text size="sm" fw={600} style={{ overflowWrap: "anywhere" }}>
              {row.name || "—"}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {row.email || "—"}
            </Text>
          </Table.Td>
          <Table.Td style={{ whiteSpace: "nowrap" }}>{row.role ? t(`role.${row.role}`) : "—"}</Table.Td>
          <Table.Td style={{ whiteSpace: "nowrap" }}>
            {row.joinYear ?? "—"} – {row.leaveYear ?? "—"}
          </Table.Td>
          <Table.Td maw={200} style={{ overflowWrap: "anywhere" }}>
            {row.department || "—"}
          </Table.Td>
          <Table.Td>
            <Group gap={4}>
              {showOutcome && row.outcome && (
                <Badge color={row.outcome === "invited" ? "green" : "gray"}>{t(`imports.outcome.${row.outcome}`)}</Badge>
              )}
              {row.problems.map((problem) => (
                <ProblemBadge key={problem} problem={problem} />
              ))}
              {!showOutcome && row.problems.length === 0 && (
                <Text size="sm" c="green.8">
                  {t("imports.rowOk")}
                </Text>
              )}
            </Group>
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
