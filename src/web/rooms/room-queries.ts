// Queries and cache updates shared by the talk-room pages and the side nav: the rooms list, a room's
// timeline, a post with its comments, and patching one post or comment in every cached page
// (stamps are updated optimistically; everything else is invalidated and fetched again).
import { useInfiniteQuery } from "@tanstack/react-query";
import type { InfiniteData } from "@tanstack/react-query";
import { feed, posts, rooms } from "../../shared/contract/index.ts";
import type { Comment, Post } from "../../shared/contract/posts.ts";
import type { Room } from "../../shared/contract/rooms.ts";
import { callApi } from "../platform/api.ts";
import type { Output } from "../platform/api.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";
import { roomsJa } from "./rooms.ja.ts";

export type TimelinePage = Output<typeof posts.listRoomPosts.response>;
export type PostPage = Output<typeof posts.getPost.response>;
export type FeedPage = Output<typeof feed.listFeed.response>;

export const roomsQuery = (networkId: string) => apiQuery(rooms.listRooms, { params: { networkId } });

/** A default room keeps its translated name until the admins rename it. */
export function useRoomName(): (room: Pick<Room, "name" | "defaultKey">) => string {
  const t = useT();
  return (room) => {
    if (room.defaultKey === null) return room.name;
    const key = `rooms.default.${room.defaultKey}` as const;
    return room.name === roomsJa[key] ? t(key) : room.name;
  };
}

export function useTimeline(networkId: string, roomId: string) {
  const params = { networkId, roomId };
  const query = useInfiniteQuery({
    queryKey: queryKeyOf(posts.listRoomPosts, { params }),
    queryFn: ({ pageParam, signal }) => callApi(posts.listRoomPosts, { params, query: { cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const pages = query.data?.pages ?? [];
  return { query, pinned: pages[0]?.pinned ?? [], items: pages.flatMap((page) => page.items) };
}

export function usePostThread(networkId: string, postId: string) {
  const params = { networkId, postId };
  const query = useInfiniteQuery({
    queryKey: queryKeyOf(posts.getPost, { params }),
    queryFn: ({ pageParam, signal }) => callApi(posts.getPost, { params, query: { cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.comments.nextCursor,
  });
  const pages = query.data?.pages ?? [];
  return { query, post: pages[0]?.post, comments: pages.flatMap((page) => page.comments.items) };
}

/** Replace one post wherever it is cached (timelines, the home feed, pinned lists, its own page). */
export function patchPost(postId: string, change: (post: Post) => Post): void {
  const apply = <T extends Post>(post: T): T => (post.id === postId ? { ...post, ...change(post) } : post);
  queryClient.setQueriesData<InfiniteData<TimelinePage>>({ queryKey: [posts.listRoomPosts.id] }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(apply), pinned: page.pinned.map(apply) })) } : data,
  );
  queryClient.setQueriesData<InfiniteData<FeedPage>>({ queryKey: [feed.listFeed.id] }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(apply), pinned: page.pinned.map(apply) })) } : data,
  );
  queryClient.setQueriesData<InfiniteData<PostPage>>({ queryKey: [posts.getPost.id] }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, post: apply(page.post) })) } : data,
  );
}

/** Replace one comment in the cached post pages. */
export function patchComment(commentId: string, change: (comment: Comment) => Comment): void {
  queryClient.setQueriesData<InfiniteData<PostPage>>({ queryKey: [posts.getPost.id] }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            comments: { ...page.comments, items: page.comments.items.map((c) => (c.id === commentId ? change(c) : c)) },
          })),
        }
      : data,
  );
}

/** After anything that changes which posts exist, their order, pins or comment counts. */
export function refreshPosts(): Promise<unknown> {
  return Promise.all([invalidate(posts.listRoomPosts), invalidate(posts.getPost), invalidate(feed.listFeed), invalidate(feed.getHome)]);
}
