// /n/:slug/search?q=… — search of posts and comments in the rooms the member sees. The query
// lives in the URL (shareable, back button works); hits show their room, author, time and a
// snippet with the searched words marked, and link to the post.
import { Anchor, Badge, Group, Paper, Stack, Text } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { search } from "../../shared/contract/index.ts";
import type { SearchHit } from "../../shared/contract/search.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { useRoomName } from "../rooms/room-queries.ts";
import { SearchForm } from "./search-form.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** The snippet with its highlighted ranges wrapped in <mark>: text only, never HTML. */
function Snippet({ hit }: { hit: SearchHit }) {
  const parts: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const [start, end] of hit.highlights) {
    if (start > at) parts.push({ text: hit.snippet.slice(at, start), mark: false });
    parts.push({ text: hit.snippet.slice(start, end), mark: true });
    at = end;
  }
  if (at < hit.snippet.length) parts.push({ text: hit.snippet.slice(at), mark: false });
  return (
    <Text size="sm" style={{ overflowWrap: "anywhere" }}>
      {parts.map((part, i) =>
        part.mark ? (
          <mark key={i} className="tsunagu-highlight">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </Text>
  );
}

function Hit({ hit, network }: { hit: SearchHit; network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const roomName = useRoomName();
  return (
    <Paper withBorder p="md" component="li">
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          <Badge size="sm" variant="light" color={hit.kind === "post" ? "ai" : "gray"}>
            {t(`search.kind.${hit.kind}`)}
          </Badge>
          <MemberAvatar name={hit.author.displayName} avatarUrl={hit.author.avatarUrl} supporter={hit.author.supporter} size={24} />
          <Text size="sm" fw={700}>
            {hit.author.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {t("feed.inRoom", { room: roomName(hit.room) })} · <time dateTime={hit.createdAt}>{format.dateTime(hit.createdAt)}</time>
          </Text>
        </Group>
        <Anchor component={Link} to={`/n/${network.slug}/posts/${hit.postId}`} underline="never" c="inherit">
          <Snippet hit={hit} />
        </Anchor>
      </Stack>
    </Paper>
  );
}

function Results({ network, q }: { network: MyNetwork; q: string }) {
  const t = useT();
  const params = { networkId: network.id };
  const query = useInfiniteQuery({
    queryKey: queryKeyOf(search.searchPosts, { params, query: { q } }),
    queryFn: ({ pageParam, signal }) => callApi(search.searchPosts, { params, query: { q, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  if (query.isPending) return <LoadingState lines={4} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const hits = query.data.pages.flatMap((page) => page.items);
  if (hits.length === 0)
    return (
      <EmptyView headingOrder={2} title={t("search.emptyTitle")} description={t("search.emptyBody")} icon={<IconSearch aria-hidden />} />
    );
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed" role="status">
        {t("search.resultsFor", { q })}
      </Text>
      <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {hits.map((hit) => (
          <Hit key={`${hit.kind}-${hit.commentId ?? hit.postId}`} hit={hit} network={network} />
        ))}
      </Stack>
      <LoadMore pages={query} />
    </Stack>
  );
}

export function SearchPage() {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").trim();
  usePageTitle(q ? t("search.resultsFor", { q }) : t("search.title"));
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <Stack gap="lg">
      <PageHeader title={t("search.title")} />
      <SearchForm key={q} network={network} initial={q} onSearch={(next) => setParams({ q: next })} />
      {q ? (
        <Results network={network} q={q} />
      ) : (
        <EmptyView headingOrder={2} title={t("search.startTitle")} description={t("search.startBody")} icon={<IconSearch aria-hidden />} />
      )}
    </Stack>
  );
}
