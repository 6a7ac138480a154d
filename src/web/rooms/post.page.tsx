// /n/:slug/posts/:postId — one post with its comments, oldest first ("load more" for older threads
// is for the later ones), a comment box, and the same stamps and menus as in the room.
import { Anchor, Group, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { posts } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { Comment, Post } from "../../shared/contract/posts.ts";
import { imageLimits } from "../../shared/contract/images.ts";
import { postLimits } from "../../shared/contract/posts.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { Composer } from "./composer.tsx";
import { CommentCard, PostCard } from "./post-card.tsx";
import { refreshPosts, roomsQuery, usePostThread, useRoomName } from "./room-queries.ts";

export function PostPage() {
  const { slug, postId = "" } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return <PostThread key={postId} network={network} postId={postId} />;
}

function PostThread({ network, postId }: { network: MyNetwork; postId: string }) {
  const t = useT();
  const { query, post, comments } = usePostThread(network.id, postId);
  usePageTitle(post ? t("post.titleBy", { name: post.author.displayName }) : t("post.title"));

  if (query.isPending) return <LoadingState lines={6} />;
  if (query.isError || !post) {
    if (!post || isApiError(query.error, "not_found"))
      return <NotFoundState title={t("post.notFoundTitle")} description={t("post.notFoundBody")} />;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <PostThreadView network={network} post={post} comments={comments} pages={query} />;
}

function PostThreadView({
  network,
  post,
  comments,
  pages,
}: {
  network: MyNetwork;
  post: Post;
  comments: Comment[];
  pages: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const t = useT();
  const notify = useNotify();
  const roomName = useRoomName();
  // The room's name for the way back, from the nav's list (already cached in the shell).
  const roomList = useQuery(roomsQuery(network.id));
  const room = roomList.data?.items.find((entry) => entry.id === post.roomId);
  const roomPath = `/n/${network.slug}/rooms/${post.roomId}`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={roomPath} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {room ? roomName(room) : t("post.backToRoom")}
        </Group>
      </Anchor>
      <PageHeader title={t("post.titleBy", { name: post.author.displayName })} />
      <PostCard post={post} networkId={network.id} slug={network.slug} showCommentLink={false} />

      <Stack gap="sm" component="section" aria-labelledby="post-comments">
        <Title order={2} size="h4" id="post-comments">
          {t("post.commentsHeading")}
        </Title>
        {comments.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("post.noComments")}
          </Text>
        ) : (
          comments.map((comment) => <CommentCard key={comment.id} comment={comment} networkId={network.id} />)
        )}
        <LoadMore pages={pages} />
        {post.can.comment && !post.deleted && (
          <Composer
            label={t("composer.commentLabel")}
            placeholder={t("composer.commentPlaceholder")}
            max={postLimits.commentBodyMax}
            submitLabel={t("composer.comment")}
            images={{ networkId: network.id, max: imageLimits.perComment }}
            mentions={{ networkId: network.id, roomId: post.roomId }}
            onSubmit={async (body, imageIds, mentions) => {
              await callApi(posts.createComment, {
                params: { networkId: network.id, postId: post.id },
                body: { body, imageIds, mentions },
              });
              notify.success(t("composer.commented"));
              await refreshPosts();
            }}
          />
        )}
      </Stack>
    </Stack>
  );
}
