// The event kinds the server publishes (posts.service.ts publishToRoom, messages.service.ts publish,
// notifications.service.ts, moderation.service.ts) and typed readers for their payloads, which carry
// ids only: a client refetches what it shows. A new kind on the server is added here to subscribe to it.
import type { RealtimeEvent } from "./realtime-client.ts";

export const realtimeKinds = [
  "post.created",
  "comment.created",
  "stamp.changed",
  "conversation.created",
  "conversation.updated",
  "conversation.read",
  "message.created",
  "message.updated",
  "message.deleted",
  "message.stamp",
  "notification.created",
  "notification.read",
  "report.created",
] as const;
export type RealtimeKind = (typeof realtimeKinds)[number];

/** A string field of the payload, or null when it is missing (an older server, another kind). */
export function payloadId(event: RealtimeEvent, field: string): string | null {
  const value = event.payload[field];
  return typeof value === "string" ? value : null;
}

/**
 * Runs `fn` once per `ms` at most, after the first call: a burst of events (200 messages, a
 * replay after a reconnect) makes one refetch instead of one each.
 */
export function coalesce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    timer ??= setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}
