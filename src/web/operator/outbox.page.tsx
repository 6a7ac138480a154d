// /operator/outbox — mails this deployment sent or kept (the local stand-in for SMTP), newest first.
import { Anchor, Card, Group, Stack, Table, Text } from "@mantine/core";
import { IconMailOff } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { mail } from "../../shared/contract/index.ts";
import type { OutboxItem } from "../../shared/contract/mail.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { MailStatusBadge } from "./mail-status-badge.tsx";
import { OperatorOnly } from "./operator-only.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";

const pageSize = 50;

export function OutboxPage() {
  return (
    <OperatorOnly>
      <Outbox />
    </OperatorOnly>
  );
}

function Outbox() {
  const t = useT();
  usePageTitle(t("outbox.title"));
  const list = useInfiniteQuery({
    queryKey: queryKeyOf(mail.listOutbox),
    queryFn: ({ pageParam, signal }) => callApi(mail.listOutbox, { query: { cursor: pageParam ?? undefined, limit: pageSize }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 5_000,
  });
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <PageHeader title={t("outbox.title")} description={t("outbox.lead")} />
      {list.isPending ? (
        <LoadingState lines={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyView title={t("outbox.emptyTitle")} description={t("outbox.emptyBody")} icon={<IconMailOff aria-hidden />} />
      ) : (
        <>
          <OutboxTable items={items} />
          <OutboxCards items={items} />
          <LoadMore pages={list} />
        </>
      )}
    </Stack>
  );
}

function OutboxTable({ items }: { items: OutboxItem[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={720} visibleFrom="sm">
      <Table verticalSpacing="sm" highlightOnHover withTableBorder bg="white">
        <Table.Caption className="tsunagu-visually-hidden">{t("outbox.caption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("outbox.subject")}</Table.Th>
            <Table.Th scope="col">{t("outbox.to")}</Table.Th>
            <Table.Th scope="col">{t("outbox.kind")}</Table.Th>
            <Table.Th scope="col">{t("outbox.status")}</Table.Th>
            <Table.Th scope="col">{t("outbox.time")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <Anchor component={Link} to={`/operator/outbox/${item.id}`} fw={600} lineClamp={2}>
                  {item.subject}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ overflowWrap: "break-word", wordBreak: "normal" }}>
                  {item.to}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Text size="sm" ff="monospace">
                  {item.kind}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <MailStatusBadge status={item.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {format.dateTime(item.createdAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function OutboxCards({ items }: { items: OutboxItem[] }) {
  const format = useFormat();
  return (
    <Stack component="ul" gap="sm" p={0} m={0} hiddenFrom="sm" style={{ listStyle: "none" }}>
      {items.map((item) => (
        <Card component="li" key={item.id} withBorder padding="md">
          <Stack gap={4}>
            <Anchor component={Link} to={`/operator/outbox/${item.id}`} fw={600}>
              {item.subject}
            </Anchor>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {item.to}
            </Text>
            <Group gap="xs">
              <MailStatusBadge status={item.status} />
              <Text size="xs" ff="monospace" c="dimmed">
                {item.kind}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {format.dateTime(item.createdAt)}
            </Text>
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
