// Queries and cache updates of direct messages: the conversation lists (mine, and the office inbox
// for admins), one conversation, its messages (pages newest first, shown oldest first), the unread
// total, and how the caches follow the real-time events (useMessagesLive).
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { InfiniteData } from "@tanstack/react-query";
import { messages } from "../../shared/contract/index.ts";
import type { Conversation, Message } from "../../shared/contract/messages.ts";
import { callApi } from "../platform/api.ts";
import type { Output } from "../platform/api.ts";
import { apiQuery, queryClient, queryKeyOf } from "../platform/query.ts";
import { useRealtimeEvent, useRealtimeStatus } from "../platform/realtime/realtime.context.tsx";
import { coalesce, payloadId } from "../platform/realtime/realtime-events.ts";

export type MessagesPage = Output<typeof messages.listMessages.response>;
export type ConversationsPage = Output<typeof messages.listConversations.response>;
export type ConversationList = "mine" | "office";

const listEndpoint = (list: ConversationList) => (list === "office" ? messages.listOfficeConversations : messages.listConversations);

export const messagesKey = (networkId: string, conversationId: string) =>
  queryKeyOf(messages.listMessages, { params: { networkId, conversationId } });

export const conversationQuery = (networkId: string, conversationId: string) =>
  apiQuery(messages.getConversation, { params: { networkId, conversationId } });

export const unreadQuery = (networkId: string) => apiQuery(messages.getUnreadMessages, { params: { networkId } });

export function useConversations(networkId: string, list: ConversationList) {
  const params = { networkId };
  const endpoint = listEndpoint(list);
  const query = useInfiniteQuery({
    queryKey: queryKeyOf(endpoint, { params }),
    queryFn: ({ pageParam, signal }) => callApi(endpoint, { params, query: { cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return { query, items: uniqueById(query.data?.pages.flatMap((page) => page.items) ?? []) };
}

/** A conversation's messages, oldest first (the pages come newest first). */
export function useMessages(networkId: string, conversationId: string) {
  const params = { networkId, conversationId };
  const query = useInfiniteQuery({
    queryKey: messagesKey(networkId, conversationId),
    queryFn: ({ pageParam, signal }) => callApi(messages.listMessages, { params, query: { cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const newestFirst = uniqueById(query.data?.pages.flatMap((page) => page.items) ?? []);
  return { query, items: newestFirst.reverse() };
}

/** The total for the nav badge; polled only while the socket is down. */
export function useUnreadTotal(networkId: string) {
  const live = useRealtimeStatus() === "open";
  return useQuery({ ...unreadQuery(networkId), refetchInterval: live ? false : 60_000 });
}

function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(item.id) && seen.add(item.id));
}

/** Put messages newer than every cached one (just sent, or fetched; newest first) into the newest page, each once. */
export function insertMessages(networkId: string, conversationId: string, newestFirst: Message[]): void {
  queryClient.setQueryData<InfiniteData<MessagesPage>>(messagesKey(networkId, conversationId), (data) => {
    if (!data) return data;
    const cached = new Set(data.pages.flatMap((page) => page.items.map((m) => m.id)));
    const added = newestFirst.filter((m) => !cached.has(m.id));
    if (added.length === 0) return data;
    const [first, ...rest] = data.pages;
    return { ...data, pages: [{ items: [...added, ...(first?.items ?? [])], nextCursor: first?.nextCursor ?? null }, ...rest] };
  });
}

/** Replace one message where it is cached (stamps, edits). */
export function patchMessage(networkId: string, conversationId: string, messageId: string, change: (message: Message) => Message): void {
  queryClient.setQueryData<InfiniteData<MessagesPage>>(messagesKey(networkId, conversationId), (data) =>
    data
      ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((m) => (m.id === messageId ? change(m) : m)) })) }
      : data,
  );
}

/** After marking read: no badge on the conversation, wherever it is listed. */
export function clearUnread(networkId: string, conversationId: string): void {
  const clear = (c: Conversation) => (c.id === conversationId ? { ...c, unread: 0 } : c);
  for (const list of ["mine", "office"] as const)
    queryClient.setQueryData<InfiniteData<ConversationsPage>>(queryKeyOf(listEndpoint(list), { params: { networkId } }), (data) =>
      data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map(clear) })) } : data,
    );
  queryClient.setQueryData<Conversation>(conversationQuery(networkId, conversationId).queryKey, (c) => (c ? clear(c) : c));
  void queryClient.invalidateQueries({ queryKey: unreadQuery(networkId).queryKey });
}

// --- following the events ---

/** Pages fetched at most when catching up; more new messages than this → the conversation is loaded afresh. */
const catchUpPages = 10;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * New messages arrived: fetch from the newest back to the first one already cached and put them in
 * front, so the history the reader has scrolled through stays. One run per conversation at a time.
 */
async function catchUp(networkId: string, conversationId: string): Promise<void> {
  const key = messagesKey(networkId, conversationId);
  // A load already under way may have started before the message existed: let it land first.
  while (queryClient.isFetching({ queryKey: key, exact: true }) > 0) await sleep(50);
  const before = queryClient.getQueryData<InfiniteData<MessagesPage>>(key);
  if (!before) return;
  const known = new Set(before.pages.flatMap((page) => page.items.map((m) => m.id)));
  const fresh: Message[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < catchUpPages; i++) {
    const page = await callApi(messages.listMessages, { params: { networkId, conversationId }, query: { cursor } });
    const at = page.items.findIndex((m) => known.has(m.id));
    fresh.push(...(at === -1 ? page.items : page.items.slice(0, at)));
    if (at !== -1) {
      insertMessages(networkId, conversationId, fresh);
      return;
    }
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  // Too far behind (or what was cached is gone): load it again from the newest.
  await queryClient.resetQueries({ queryKey: key, exact: true });
}

type Sync = "new" | "all";
const syncs = new Map<string, { running: boolean; next: Sync | null }>();

/** Brings a cached conversation up to date; calls during a run fold into one more run. */
function syncConversation(networkId: string, conversationId: string, what: Sync): void {
  const key = messagesKey(networkId, conversationId);
  if (!queryClient.getQueryData(key)) return;
  const id = `${networkId}/${conversationId}`;
  const state = syncs.get(id) ?? { running: false, next: null };
  syncs.set(id, state);
  state.next = state.next === "all" || what === "all" ? "all" : "new";
  if (state.running) return;
  state.running = true;
  void (async () => {
    try {
      while (state.next) {
        const run = state.next;
        state.next = null;
        try {
          if (run === "all") await queryClient.invalidateQueries({ queryKey: key, exact: true }, { cancelRefetch: false });
          else await catchUp(networkId, conversationId);
        } catch {
          // Offline or the conversation went away: what is on screen stays; the next event tries again.
        }
      }
    } finally {
      state.running = false;
      syncs.delete(id);
    }
  })();
}

/** Mounted once per network in the shell (with the nav entry): lists, unread total and open conversations follow the events. */
export function useMessagesLive(networkId: string): void {
  const [refreshLists] = useState(() =>
    coalesce(() => {
      for (const endpoint of [messages.listConversations, messages.listOfficeConversations, messages.getUnreadMessages])
        void queryClient.invalidateQueries({ queryKey: queryKeyOf(endpoint, { params: { networkId } }) }, { cancelRefetch: false });
    }, 300),
  );

  useRealtimeEvent(["message.created", "message.updated", "message.deleted", "message.stamp"], (event) => {
    if (event.networkId !== networkId) return;
    const conversationId = payloadId(event, "conversationId");
    if (!conversationId) return;
    syncConversation(networkId, conversationId, event.kind === "message.created" ? "new" : "all");
    if (event.kind !== "message.stamp") refreshLists();
  });
  useRealtimeEvent(["conversation.created", "conversation.updated", "conversation.read"], (event) => {
    if (event.networkId !== networkId) return;
    const conversationId = payloadId(event, "conversationId");
    if (conversationId && event.kind === "conversation.updated")
      void queryClient.invalidateQueries({ queryKey: conversationQuery(networkId, conversationId).queryKey });
    refreshLists();
  });
}
