// Notifications (通知): a member's list with unread counts, their settings (mail for DMs and
// mentions, the digest ダイジェスト, in-app kinds), and the one-click unsubscribe (配信停止) of the
// mails, which works from the link alone, without signing in.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page } from "./common.ts";

export const notificationKinds = [
  "mention",
  "reply",
  "stamp",
  "dm",
  "room_request_decided",
  "newcomer",
  // An event the member registered for: a place from the waitlist, a new time or place, a cancellation.
  "event_promoted",
  "event_changed",
  "event_cancelled",
] as const;
export const notificationKind = z.enum(notificationKinds);
export type NotificationKind = z.infer<typeof notificationKind>;

export const digestFrequencies = ["auto", "daily", "weekly", "off"] as const;
export type DigestFrequency = (typeof digestFrequencies)[number];

/** What one unsubscribe link stops: the digest, DM mails, mention mails, or both kinds of notification mail. */
export const unsubscribeKinds = ["digest", "dm_mail", "mention_mail", "notification_mail"] as const;
export type UnsubscribeKind = (typeof unsubscribeKinds)[number];

export const notificationLimits = { pageDefault: 20, pageMax: 50, summaryMax: 80 } as const;

export const notificationSchema = z.object({
  id,
  kind: notificationKind,
  /** The latest actor (null once they are gone). */
  actor: z.object({ memberId: id, displayName: z.string() }).nullable(),
  /** Distinct actors; more than 1 for grouped kinds ("A and 2 others stamped your post"). */
  actorCount: z.number().int(),
  /** A short text of the target (the post's first line, the room's name, the message); empty if it is gone. */
  summary: z.string(),
  /** Where the web app shows the target, e.g. /n/{slug}/posts/{postId} or /n/{slug}/events/{eventId}. */
  link: z.string(),
  read: z.boolean(),
  createdAt: isoDateTime,
  /** The last time it changed (a new actor of a grouped notification); the list is sorted by it. */
  updatedAt: isoDateTime,
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationSettingsSchema = z.object({
  emailDm: z.boolean(),
  emailMention: z.boolean(),
  /** auto: daily in the first 4 weeks of the member or the network, then weekly. */
  digest: z.enum(digestFrequencies),
  /** In-app notifications per kind (false: not listed, no mail either). */
  inApp: z.object(Object.fromEntries(notificationKinds.map((k) => [k, z.boolean()])) as Record<NotificationKind, z.ZodBoolean>),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

const networkParams = z.object({ networkId: id });
const unread = z.object({ unread: z.number().int() });

export const listNotifications = endpoint({
  id: "listNotifications",
  method: "GET",
  path: "/api/networks/:networkId/notifications",
  summary: "My notifications in this network, latest activity first (keyset pages).",
  tag: "notifications",
  access: "member",
  params: networkParams,
  query: z.object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(notificationLimits.pageMax).default(notificationLimits.pageDefault),
    unreadOnly: z.enum(["true", "false"]).optional(),
  }),
  response: page(notificationSchema),
});

export const notificationUnreadCount = endpoint({
  id: "notificationUnreadCount",
  method: "GET",
  path: "/api/networks/:networkId/notifications/unread-count",
  summary: "How many of my notifications in this network are unread (the badge).",
  tag: "notifications",
  access: "member",
  params: networkParams,
  response: unread,
});

export const markNotificationRead = endpoint({
  id: "markNotificationRead",
  method: "POST",
  path: "/api/networks/:networkId/notifications/:notificationId/read",
  summary: "Marks one of my notifications read; answers the unread count after it.",
  tag: "notifications",
  access: "member",
  params: z.object({ networkId: id, notificationId: id }),
  response: unread,
});

export const markAllNotificationsRead = endpoint({
  id: "markAllNotificationsRead",
  method: "POST",
  path: "/api/networks/:networkId/notifications/read-all",
  summary: "Marks all my notifications in this network read.",
  tag: "notifications",
  access: "member",
  params: networkParams,
  response: unread,
});

export const getNotificationSettings = endpoint({
  id: "getNotificationSettings",
  method: "GET",
  path: "/api/networks/:networkId/notification-settings",
  summary: "My notification settings in this network (mail, digest, in-app kinds).",
  tag: "notifications",
  access: "member",
  params: networkParams,
  response: notificationSettingsSchema,
});

export const updateNotificationSettings = endpoint({
  id: "updateNotificationSettings",
  method: "PUT",
  path: "/api/networks/:networkId/notification-settings",
  summary: "Changes my notification settings in this network; fields left out stay as they are.",
  tag: "notifications",
  access: "member",
  params: networkParams,
  body: z.object({
    emailDm: z.boolean().optional(),
    emailMention: z.boolean().optional(),
    digest: z.enum(digestFrequencies).optional(),
    inApp: notificationSettingsSchema.shape.inApp.partial().optional(),
  }),
  response: notificationSettingsSchema,
});

export const myUnreadNotifications = endpoint({
  id: "myUnreadNotifications",
  method: "GET",
  path: "/api/notifications/unread",
  summary: "My unread notifications across my networks: the total and per network.",
  tag: "notifications",
  access: "account",
  response: z.object({ total: z.number().int(), networks: z.array(z.object({ networkId: id, unread: z.number().int() })) }),
});

/** membership id . kind . HMAC-SHA256 (base64url) with the membership's own key. */
export const unsubscribeToken = z
  .string()
  .max(200)
  .regex(/^[0-9a-f-]{36}\.(digest|dm_mail|mention_mail|notification_mail)\.[A-Za-z0-9_-]{43}$/);

const unsubscribeState = z.object({
  kind: z.enum(unsubscribeKinds),
  networkName: z.string(),
  /** Whether these mails are still being sent. */
  active: z.boolean(),
});
export type UnsubscribeState = z.infer<typeof unsubscribeState>;

export const getUnsubscribe = endpoint({
  id: "getUnsubscribe",
  method: "GET",
  path: "/api/unsubscribe/:token",
  summary: "What an unsubscribe link from a mail stops, and whether it is still on. No sign-in needed.",
  tag: "notifications",
  access: "public",
  params: z.object({ token: unsubscribeToken }),
  response: unsubscribeState,
});

export const unsubscribe = endpoint({
  id: "unsubscribe",
  method: "POST",
  path: "/api/unsubscribe/:token",
  summary:
    "Stops the mails an unsubscribe link names (RFC 8058 one-click: List-Unsubscribe-Post). Idempotent; no sign-in needed. " +
    "Accepts an empty body, JSON, or the form body `List-Unsubscribe=One-Click`.",
  tag: "notifications",
  access: "public",
  params: z.object({ token: unsubscribeToken }),
  response: unsubscribeState,
});
