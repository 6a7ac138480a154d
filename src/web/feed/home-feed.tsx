// The network home's feed: pinned posts first, then the newest posts of every room the member
// sees, each under the name of its room; "load more" pages on with the keyset cursor. Posts that
// arrive while it is read are counted behind a "n new posts" button, not pushed into view.
import { Anchor, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconArrowUp, IconHash, IconMessages, IconPin } from "@tabler/icons-react";
import { useId, useState } from "react";
import { Link } from "react-router";
import type { FeedPost } from "../../shared/contract/feed.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { PostCard } from "../rooms/post-card.tsx";
import { useRoomName } from "../rooms/room-queries.ts";
import { payloadId } from "../platform/realtime/realtime-events.ts";
import { useRealtimeEvent } from "../platform/realtime/realtime.context.tsx";
import { useFeed } from "./feed-queries.ts";

/** Others' posts announced since the feed was loaded (the member's own show at once, after refetching). */
function useNewFeedPosts(network: MyNetwork, shown: (postId: string) => boolean) {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  useRealtimeEvent("post.created", (event) => {
    const postId = payloadId(event, "postId");
    if (event.networkId !== network.id || !postId || shown(postId)) return;
    setIds((before) => new Set(before).add(postId));
  });
  return { count: ids.size, clear: () => setIds(new Set()) };
}

function FeedItem({ post, network }: { post: FeedPost; network: MyNetwork }) {
  const t = useT();
  const roomName = useRoomName();
  return (
    <Stack gap={4}>
      <Anchor component={Link} to={`/n/${network.slug}/rooms/${post.room.id}`} size="xs" c="dimmed" w="fit-content">
        <Group gap={2} component="span">
          <IconHash size={12} aria-hidden />
          {t("feed.inRoom", { room: roomName(post.room) })}
        </Group>
      </Anchor>
      <PostCard post={post} networkId={network.id} slug={network.slug} />
    </Stack>
  );
}

export function HomeFeed({ network }: { network: MyNetwork }) {
  const t = useT();
  const titleId = useId();
  const { query, pinned, items } = useFeed(network.id);
  const fresh = useNewFeedPosts(network, (postId) => items.some((p) => p.id === postId) || pinned.some((p) => p.id === postId));
  const showNew = async () => {
    fresh.clear();
    await query.refetch();
    document.getElementById(titleId)?.scrollIntoView({ behavior: "smooth", block: "start" });
  };
  return (
    <Stack gap="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId}>
        {t("feed.title")}
      </Title>
      {fresh.count > 0 && (
        <Group justify="center" pos="sticky" top="calc(var(--app-shell-header-height, 60px) + 8px)" style={{ zIndex: 5 }}>
          <Button
            radius="xl"
            style={{ boxShadow: "var(--mantine-shadow-md)" }}
            leftSection={<IconArrowUp size={16} aria-hidden />}
            onClick={() => void showNew()}
          >
            {t("feed.newPosts", { count: fresh.count })}
          </Button>
        </Group>
      )}
      {query.isPending ? (
        <LoadingState lines={4} />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : pinned.length === 0 && items.length === 0 ? (
        <EmptyView headingOrder={3} title={t("feed.emptyTitle")} description={t("feed.emptyBody")} icon={<IconMessages aria-hidden />} />
      ) : (
        <>
          {pinned.length > 0 && (
            <Stack gap="sm" aria-label={t("feed.pinned")} role="group">
              <Group gap={4}>
                <IconPin size={16} aria-hidden />
                <Text size="sm" fw={700}>
                  {t("feed.pinned")}
                </Text>
              </Group>
              {pinned.map((post) => (
                <FeedItem key={post.id} post={post} network={network} />
              ))}
            </Stack>
          )}
          {items.map((post) => (
            <FeedItem key={post.id} post={post} network={network} />
          ))}
          <LoadMore pages={query} />
        </>
      )}
    </Stack>
  );
}
