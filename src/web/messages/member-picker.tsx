// Pick members of the network by name: the member list (GET …/members, which every member may
// read; 100 a page, "load more" for the rest) filtered as you type, without me. One pick (a direct
// conversation) or several (a group, checkboxes).
import { Checkbox, Group, ScrollArea, Skeleton, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { networks } from "../../shared/contract/index.ts";
import type { Member } from "../../shared/contract/networks.ts";
import { callApi } from "../platform/api.ts";
import { useMe } from "../platform/hooks/use-me.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { ErrorState } from "../platform/ui/page-states.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

const pageSize = 100;

/** Full-width and half-width, upper and lower case alike: "ｓａｔｏ" finds "Sato". */
const fold = (text: string) => text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");

function useMembers(networkId: string) {
  const params = { networkId };
  const query = useInfiniteQuery({
    queryKey: queryKeyOf(networks.listMembers, { params, query: { limit: pageSize } }),
    queryFn: ({ pageParam, signal }) =>
      callApi(networks.listMembers, { params, query: { cursor: pageParam ?? undefined, limit: pageSize }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return { query, items: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

export function MemberPicker({
  networkId,
  selected,
  onPick,
  multiple,
  exclude = [],
}: {
  networkId: string;
  selected: ReadonlySet<string>;
  onPick: (member: Member) => void;
  multiple: boolean;
  exclude?: readonly string[];
}) {
  const t = useT();
  const { account } = useMe();
  const [search, setSearch] = useState("");
  const { query, items } = useMembers(networkId);
  const wanted = fold(search);
  const shown = items.filter(
    (m) => m.accountId !== account.id && !exclude.includes(m.id) && (wanted === "" || fold(m.displayName).includes(wanted)),
  );

  return (
    <Stack gap="xs">
      <TextInput
        label={t("messages.searchMembers")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        data-autofocus
      />
      <ScrollArea.Autosize mah={320} type="auto">
        {query.isPending ? (
          <Stack gap="xs" role="status" aria-label={t("common.loading")}>
            {[1, 2, 3, 4].map((i) => (
              <Skeleton key={i} height={32} />
            ))}
          </Stack>
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Stack
            gap={2}
            component={multiple ? "div" : "ul"}
            role={multiple ? "group" : undefined}
            aria-label={t("messages.memberListLabel")}
            className="tsunagu-dm-list"
          >
            {shown.length === 0 && (
              <Text size="sm" c="dimmed" py="sm" ta="center">
                {t("messages.noMatches")}
              </Text>
            )}
            {shown.map((member) =>
              multiple ? (
                <Checkbox
                  key={member.id}
                  label={
                    <Group gap="xs" wrap="nowrap" component="span">
                      <MemberAvatar name={member.displayName} avatarUrl={member.avatarUrl} supporter={member.supporter} size={24} />
                      {member.displayName}
                    </Group>
                  }
                  checked={selected.has(member.id)}
                  onChange={() => onPick(member)}
                  p={6}
                />
              ) : (
                <li key={member.id}>
                  <UnstyledButton
                    onClick={() => onPick(member)}
                    className="tsunagu-dm-row"
                    aria-label={t("messages.startWith", { name: member.displayName })}
                  >
                    <Group gap="sm" wrap="nowrap">
                      <MemberAvatar name={member.displayName} avatarUrl={member.avatarUrl} supporter={member.supporter} size={28} />
                      <Text size="sm">{member.displayName}</Text>
                    </Group>
                  </UnstyledButton>
                </li>
              ),
            )}
            <LoadMore pages={query} />
          </Stack>
        )}
      </ScrollArea.Autosize>
    </Stack>
  );
}
