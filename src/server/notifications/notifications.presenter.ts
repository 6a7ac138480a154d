// Rows → API shapes for notifications and settings, and the texts of notification mails.
import type { Locale } from "../../shared/limits.ts";
import {
  notificationKinds,
  notificationLimits,
  type Notification,
  type NotificationKind,
  type NotificationSettings,
} from "../../shared/contract/notifications.ts";
import type { SettingsFacts } from "./notifications.policy.ts";
import type { NotificationWithTargets } from "./notifications.repository.ts";

/** The first line of a text, without Markdown's leading marks, cut to the summary length. */
export function firstLine(text: string | null, max: number = notificationLimits.summaryMax): string {
  if (!text) return "";
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.replace(/^\s*(#{1,6}\s+|[-*+]\s+|>\s*|\d+\.\s+)/, "").trim())
      .find((l) => l.length > 0) ?? "";
  const chars = [...line];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : line;
}

export function summaryOf(row: NotificationWithTargets): string {
  if (row.comment_id) return firstLine(row.comment_body);
  if (row.post_id) return firstLine(row.post_body);
  if (row.request_name) return firstLine(row.request_name);
  return firstLine(row.excerpt);
}

/** Where the web app shows the target (paths of src/web/routes.tsx; direct messages under /messages, events under /events). */
export function linkOf(row: NotificationWithTargets): string {
  const base = `/n/${row.slug}`;
  if (row.post_id) return `${base}/posts/${row.post_id}${row.comment_id ? `#comment-${row.comment_id}` : ""}`;
  if (row.conversation_id) return `${base}/messages/${row.conversation_id}`;
  if (row.request_room_id) return `${base}/rooms/${row.request_room_id}`;
  // The event page under the recipient's own network (a co-host's members reach it there too).
  if (row.event_id) return `${base}/events/${row.event_id}`;
  return base;
}

export function presentNotification(row: NotificationWithTargets): Notification {
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actor_id && row.actor_name ? { memberId: row.actor_id, displayName: row.actor_name } : null,
    actorCount: Number(row.actor_count),
    summary: summaryOf(row),
    link: linkOf(row),
    read: row.read_at !== null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function presentSettings(s: SettingsFacts): NotificationSettings {
  return {
    emailDm: s.email_dm,
    emailMention: s.email_mention,
    digest: s.digest,
    inApp: Object.fromEntries(notificationKinds.map((k) => [k, !s.muted_kinds.includes(k)])) as Record<NotificationKind, boolean>,
  };
}

/** One line of the batched mail, in the reader's language. */
export function mailLine(row: NotificationWithTargets, locale: Locale): string {
  const ja = locale === "ja";
  const who = row.actor_name ?? (ja ? "退会したメンバー" : "A former member");
  const summary = summaryOf(row);
  const quoted = summary ? (ja ? `「${summary}」` : `“${summary}”`) : "";
  if (row.kind === "dm") return ja ? `${who} さんからメッセージ ${quoted}` : `Message from ${who} ${quoted}`;
  return ja ? `${who} さんがあなたをメンションしました ${quoted}` : `${who} mentioned you ${quoted}`;
}
