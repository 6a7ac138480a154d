// Live updates of the talk rooms from the tab's real-time socket (platform/realtime). Posts are not
// pushed into a timeline while it is being read: the room page counts them behind a "n new posts"
// button (useNewPosts). Comments and stamps refresh the one post they touch, wherever it is cached;
// the side nav's unread counts follow new posts.
import type { InfiniteData } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { posts, rooms } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import type { RealtimeEvent } from "../platform/realtime/realtime-client.ts";
import { coalesce, payloadId } from "../platform/realtime/realtime-events.ts";
import { useRealtimeEvent } from "../platform/realtime/realtime.context.tsx";
import { queryClient, queryKeyOf } from "../platform/query.ts";
import { patchPost } from "./room-queries.ts";
import type { PostPage, TimelinePage } from "./room-queries.ts";

const refreshRoomList = coalesce(() => void queryClient.invalidateQueries({ queryKey: [rooms.listRooms.id], refetchType: "active" }), 300);

function isInTimelines(postId: string): boolean {
  return queryClient
    .getQueriesData<InfiniteData<TimelinePage>>({ queryKey: [posts.listRoomPosts.id] })
    .some(([, data]) => data?.pages.some((page) => page.items.some((p) => p.id === postId) || page.pinned.some((p) => p.id === postId)));
}

/** The post page of a post, if cached, refetches; a timeline that shows it gets the fresh post (counts, stamps). */
async function refreshPost(networkId: string, postId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: queryKeyOf(posts.getPost, { params: { networkId, postId } }), exact: true });
  if (!isInTimelines(postId)) return;
  const fresh = await callApi(posts.getPost, { params: { networkId, postId } });
  patchPost(postId, () => fresh.post);
}

/** The cached post pages whose thread shows this comment: they refetch. */
function refreshCommentThreads(commentId: string): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: [posts.getPost.id],
    predicate: (query) =>
      (query.state.data as InfiniteData<PostPage> | undefined)?.pages.some((page) => page.comments.items.some((c) => c.id === commentId)) ??
      false,
  });
}

/** Mounted once per network in the shell (with the side nav): rooms list and post caches follow the events. */
export function useRoomsLive(networkId: string): void {
  // Per post, a burst of stamps makes one refetch.
  const [pending] = useState(() => new Map<string, () => void>());
  const refreshSoon = useCallback(
    (postId: string) => {
      let run = pending.get(postId);
      if (!run) {
        run = coalesce(() => {
          pending.delete(postId);
          refreshPost(networkId, postId).catch(() => undefined);
        }, 250);
        pending.set(postId, run);
      }
      run();
    },
    [networkId, pending],
  );

  useRealtimeEvent("post.created", (event) => {
    if (event.networkId === networkId) refreshRoomList();
  });
  useRealtimeEvent(["comment.created", "stamp.changed"], (event) => {
    if (event.networkId !== networkId) return;
    const postId = payloadId(event, "postId");
    const commentId = payloadId(event, "commentId");
    // A new comment or a post's stamps: that post; a comment's stamps: the threads showing it.
    if (postId) refreshSoon(postId);
    else if (commentId) void refreshCommentThreads(commentId);
  });
}

/**
 * Posts others made in a room since its timeline was loaded, counted rather than inserted (the
 * reader's place stays put). The caller's own posts are left out: they show at once as before.
 */
export function useNewPosts(networkId: string, roomId: string) {
  const [ids, setIds] = useState<ReadonlySet<string>>(() => new Set());
  const [mine] = useState(() => new Set<string>());

  useRealtimeEvent("post.created", (event: RealtimeEvent) => {
    if (event.networkId !== networkId || payloadId(event, "roomId") !== roomId) return;
    const postId = payloadId(event, "postId");
    if (!postId || mine.has(postId) || isInTimelines(postId)) return;
    setIds((before) => new Set(before).add(postId));
  });

  /** The caller posted: the event for it (which may come before the answer) is not "new". */
  const ownPost = useCallback(
    (postId: string) => {
      mine.add(postId);
      setIds((before) => {
        if (!before.has(postId)) return before;
        const next = new Set(before);
        next.delete(postId);
        return next;
      });
    },
    [mine],
  );
  const clear = useCallback(() => setIds(new Set()), []);
  return { count: ids.size, ownPost, clear };
}
