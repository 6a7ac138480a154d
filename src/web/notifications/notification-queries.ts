// Queries and cache updates of notifications (通知): the unread count of the header bell, the list
// (pages by latest activity, all or unread only), the settings, marking read, and how the caches
// follow the real-time events `notification.created` / `notification.read` (useNotificationsLive).
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import type { InfiniteData } from "@tanstack/react-query";
import { notifications } from "../../shared/contract/index.ts";
import type { Notification } from "../../shared/contract/notifications.ts";
import { callApi } from "../platform/api.ts";
import type { Output } from "../platform/api.ts";
import { apiQuery, queryClient, queryKeyOf } from "../platform/query.ts";
import { coalesce } from "../platform/realtime/realtime-events.ts";
import { useRealtimeEvent, useRealtimeStatus } from "../platform/realtime/realtime.context.tsx";

export type NotificationsPage = Output<typeof notifications.listNotifications.response>;

export const unreadCountQuery = (networkId: string) => apiQuery(notifications.notificationUnreadCount, { params: { networkId } });
export const settingsQuery = (networkId: string) => apiQuery(notifications.getNotificationSettings, { params: { networkId } });

const listKey = (networkId: string, unreadOnly: boolean) =>
  queryKeyOf(notifications.listNotifications, { params: { networkId }, query: { unreadOnly } });

/** Every list and count of notifications, of every network (one tab may have seen several). */
function refreshAll(): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: [notifications.listNotifications.id], refetchType: "active" }),
    queryClient.invalidateQueries({ queryKey: [notifications.notificationUnreadCount.id], refetchType: "active" }),
  ]);
}

/** A burst of events (ten stamps, a replay after reconnecting) makes one refetch. */
const refreshSoon = coalesce(() => void refreshAll(), 300);

/**
 * Mounted once in the shell (with the bell): the counts and lists on screen refetch when a
 * notification arrives or another tab reads one.
 */
export function useNotificationsLive(): void {
  useRealtimeEvent(["notification.created", "notification.read"], refreshSoon);
}

/** The bell's count; polled every minute only while the socket is down (and the tab visible: React Query pauses hidden tabs). */
export function useUnreadCount(networkId: string) {
  const live = useRealtimeStatus() === "open";
  return useQuery({ ...unreadCountQuery(networkId), refetchInterval: live ? false : 60_000 });
}

export function useNotificationList(networkId: string, unreadOnly: boolean) {
  const params = { networkId };
  const query = useInfiniteQuery({
    queryKey: listKey(networkId, unreadOnly),
    queryFn: ({ pageParam, signal }) =>
      callApi(notifications.listNotifications, {
        params,
        query: { cursor: pageParam ?? undefined, unreadOnly: unreadOnly ? "true" : undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  // A grouped notification that moved up between two pages would otherwise show twice.
  const seen = new Set<string>();
  const items = (query.data?.pages.flatMap((page) => page.items) ?? []).filter((n) => !seen.has(n.id) && seen.add(n.id));
  return { query, items };
}

/** Marks notifications read in every cached list of the network (the unread-only list keeps them until it refetches). */
function patchRead(networkId: string, which: (n: Notification) => boolean): void {
  queryClient.setQueriesData<InfiniteData<NotificationsPage>>(
    { queryKey: queryKeyOf(notifications.listNotifications, { params: { networkId } }).slice(0, 2) },
    (data) =>
      data
        ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((n) => (which(n) ? { ...n, read: true } : n)) })) }
        : data,
  );
}

function setUnread(networkId: string, unread: number): void {
  queryClient.setQueryData(unreadCountQuery(networkId).queryKey, { unread });
}

/**
 * Marks one notification read, shown read at once. Runs on after the page has navigated away
 * (the item's link), so its cache updates live in the mutation, not in `mutate` callbacks.
 */
export function useMarkRead(networkId: string) {
  return useMutation({
    mutationFn: (notificationId: string) => callApi(notifications.markNotificationRead, { params: { networkId, notificationId } }),
    onMutate: (notificationId) => patchRead(networkId, (n) => n.id === notificationId),
    onSuccess: ({ unread }) => setUnread(networkId, unread),
    // Shown read too early: the lists and counts say again what the server has.
    onError: () => void refreshAll(),
  });
}

export function useMarkAllRead(networkId: string) {
  return useMutation({
    mutationFn: () => callApi(notifications.markAllNotificationsRead, { params: { networkId } }),
    onSuccess: ({ unread }) => {
      patchRead(networkId, () => true);
      setUnread(networkId, unread);
      return refreshAll();
    },
  });
}
