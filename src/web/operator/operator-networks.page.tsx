// /operator/networks — every network on this deployment: search, page through, open, create.
// A table on wide screens, cards on phones.
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconBuildingCommunity, IconPlus, IconSearch } from "@tabler/icons-react";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { networks } from "../../shared/contract/index.ts";
import type { Network } from "../../shared/contract/networks.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { NetworkAvatar } from "../networks/network-avatar.tsx";
import { OperatorOnly } from "./operator-only.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";

const pageSize = 25;

export function OperatorNetworksPage() {
  return (
    <OperatorOnly>
      <NetworksList />
    </OperatorOnly>
  );
}

function NetworksList() {
  const t = useT();
  usePageTitle(t("operatorNetworks.title"));
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useInfiniteQuery({
    queryKey: queryKeyOf(networks.listAllNetworks, { query: { q } }),
    queryFn: ({ pageParam, signal }) =>
      callApi(networks.listAllNetworks, { query: { q: q || undefined, cursor: pageParam ?? undefined, limit: pageSize }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <PageHeader
        title={t("operatorNetworks.title")}
        description={t("operatorNetworks.lead")}
        actions={
          <Button component={Link} to="/operator/networks/new" leftSection={<IconPlus size={18} aria-hidden />}>
            {t("operatorNetworks.create")}
          </Button>
        }
      />
      <TextInput
        type="search"
        label={t("operatorNetworks.search")}
        placeholder={t("operatorNetworks.searchPlaceholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        maxLength={100}
      />
      {list.isPending ? (
        <LoadingState lines={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        q ? (
          <EmptyView
            title={t("operatorNetworks.noMatchTitle")}
            description={t("operatorNetworks.noMatchBody", { q })}
            icon={<IconSearch aria-hidden />}
          />
        ) : (
          <EmptyView
            title={t("operatorNetworks.emptyTitle")}
            description={t("operatorNetworks.emptyBody")}
            icon={<IconBuildingCommunity aria-hidden />}
          >
            <Button component={Link} to="/operator/networks/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t("operatorNetworks.create")}
            </Button>
          </EmptyView>
        )
      ) : (
        <>
          <NetworksTable items={items} />
          <NetworkCards items={items} />
          <LoadMore pages={list} />
        </>
      )}
    </Stack>
  );
}

function NetworksTable({ items }: { items: Network[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={640} visibleFrom="sm">
      <Table verticalSpacing="sm" highlightOnHover withTableBorder bg="white" style={{ borderRadius: "var(--mantine-radius-lg)" }}>
        <Table.Caption className="tsunagu-visually-hidden">
          {t("operatorNetworks.caption", { count: format.number(items.length) })}
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("networkFields.name")}</Table.Th>
            <Table.Th scope="col">{t("networkFields.slug")}</Table.Th>
            <Table.Th scope="col">{t("networkFields.kind")}</Table.Th>
            <Table.Th scope="col" ta="end">
              {t("operatorNetworks.members")}
            </Table.Th>
            <Table.Th scope="col">{t("operatorNetworks.created")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((network) => (
            <Table.Tr key={network.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={32} />
                  <Anchor component={Link} to={`/operator/networks/${network.id}`} fw={600}>
                    {network.name}
                  </Anchor>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {network.slug}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge color={network.kind === "company" ? "ai" : "green"}>{t(`kind.${network.kind}`)}</Badge>
              </Table.Td>
              <Table.Td ta="end">{format.number(network.memberCount)}</Table.Td>
              <Table.Td>{format.date(network.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NetworkCards({ items }: { items: Network[] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Stack component="ul" gap="sm" p={0} m={0} hiddenFrom="sm" style={{ listStyle: "none" }}>
      {items.map((network) => (
        <Card component="li" key={network.id} withBorder padding="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={40} />
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Anchor component={Link} to={`/operator/networks/${network.id}`} fw={600}>
                {network.name}
              </Anchor>
              <Text size="sm" ff="monospace" c="dimmed">
                /n/{network.slug}
              </Text>
              <Group gap="xs">
                <Badge color={network.kind === "company" ? "ai" : "green"}>{t(`kind.${network.kind}`)}</Badge>
                <Text size="sm">{t("network.memberCount", { count: format.number(network.memberCount) })}</Text>
              </Group>
              <Text size="xs" c="dimmed">
                {t("operatorNetworks.createdOn", { date: format.date(network.createdAt) })}
              </Text>
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
