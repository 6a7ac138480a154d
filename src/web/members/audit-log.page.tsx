// /n/:slug/manage/audit — for the network's admins: who did what to membership and when
// (invitations, imports, joins, requests, leaving, removals, role changes), newest first.
import { Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { IconHistory } from "@tabler/icons-react";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { AuditEntry } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { auditActionLabel, auditDetailLines, auditTone } from "./audit-entries.ts";
import { ManageFrame } from "./manage-frame.tsx";
import { usePagedList } from "./use-paged-list.ts";

const pageSize = 50;

export function AuditLogPage() {
  const t = useT();
  return (
    <ManageFrame section="audit" title={t("audit.title")} description={t("audit.lead")}>
      {(network) => <AuditView network={network} />}
    </ManageFrame>
  );
}

function AuditView({ network }: { network: MyNetwork }) {
  const t = useT();
  const params = { networkId: network.id };
  const { query: list, items } = usePagedList(queryKeyOf(membership.listAuditLog, { params }), (cursor, signal) =>
    callApi(membership.listAuditLog, { params, query: { cursor, limit: pageSize }, signal }),
  );

  if (list.isPending) return <LoadingState lines={8} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (items.length === 0)
    return <EmptyView icon={<IconHistory aria-hidden />} title={t("audit.emptyTitle")} description={t("audit.emptyBody")} />;
  return (
    <Stack gap="sm">
      <Stack component="ol" gap={0} p={0} m={0} style={{ listStyle: "none" }} aria-label={t("audit.listLabel")}>
        {items.map((entry) => (
          <AuditItem key={entry.id} entry={entry} />
        ))}
      </Stack>
      <LoadMore pages={list} />
    </Stack>
  );
}

function AuditItem({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const format = useFormat();
  const details = auditDetailLines(t, entry.action, entry.details);
  return (
    <Paper
      component="li"
      radius={0}
      py="sm"
      px={{ base: 0, sm: "xs" }}
      bg="transparent"
      style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}
    >
      <Group gap="sm" align="flex-start" wrap="wrap" justify="space-between">
        <Stack gap={2} style={{ minWidth: 0, flex: "1 1 260px" }}>
          <Group gap={6} wrap="wrap">
            <Badge color={auditTone(entry.action)}>{auditActionLabel(t, entry.action)}</Badge>
            {entry.subjectName && (
              <Text fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                {entry.subjectName}
              </Text>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {t("audit.by", { name: entry.actorName })}
          </Text>
          {details.map((line) => (
            <Text key={line} size="sm" className="tsunagu-prose" style={{ overflowWrap: "anywhere" }}>
              {line}
            </Text>
          ))}
        </Stack>
        <Text size="xs" c="dimmed" component="time" dateTime={entry.createdAt} style={{ flexShrink: 0 }}>
          {format.dateTime(entry.createdAt)}
        </Text>
      </Group>
    </Paper>
  );
}
