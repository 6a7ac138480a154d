// Notifications (通知): `notify` is what other features call inside their own transaction; the
// rest is the member's list, unread counts, read marks and settings, and the one-click
// unsubscribe (配信停止) from mails, which needs no session.
import { sql } from "kysely";
import type { Notification, NotificationKind, NotificationSettings, UnsubscribeState } from "../../shared/contract/notifications.ts";
import { notificationKinds } from "../../shared/contract/notifications.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound } from "../platform/errors/errors.ts";
import type { AccountActor, MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import type { AfterCommit } from "../platform/realtime/bus.ts";
import { inAccount, inSystem, type Tx } from "../platform/tenancy/scope.ts";
import type { Database } from "../platform/db/database.ts";
import { mailedKinds, unsubscribeActive, unsubscribeChanges, wantsInApp, wantsMail } from "./notifications.policy.ts";
import { presentNotification, presentSettings } from "./notifications.presenter.ts";
import {
  ensureSettings,
  factsOf,
  notificationsWithTargets,
  recipientsOf,
  unreadCount,
  writeNotifications,
} from "./notifications.repository.ts";
import { readUnsubscribe, verifyUnsubscribe } from "./unsubscribe-tokens.ts";

export const mailJobKind = "notifications.mail";

export interface NotifyInput {
  networkId: string;
  recipientMemberIds: readonly string[];
  kind: NotificationKind;
  /** Who did it; never notified themself. Null for what nobody in particular did. */
  actorMemberId: string | null;
  postId?: string | null;
  commentId?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  roomRequestId?: string | null;
  /** An event (of the host network, which may not be `networkId`: a co-host's member is told in their own network). */
  eventId?: string | null;
  /** A short text of a target this feature cannot read itself (a direct message's first line). */
  excerpt?: string;
  /** Unread notifications with the same key collapse into one; stamps default to one per post or comment. */
  groupKey?: string;
}

/**
 * Marks as read the unread notifications of these members about one conversation (reading it
 * is reading them), so that no mail goes out later for what they have seen.
 */
export async function markConversationNotificationsRead(
  tx: Tx,
  networkId: string,
  memberIds: readonly string[],
  conversationId: string,
): Promise<void> {
  if (memberIds.length === 0) return;
  await tx
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("network_id", "=", networkId)
    .where("recipient_id", "in", memberIds)
    .where("conversation_id", "=", conversationId)
    .where("read_at", "is", null)
    .execute();
}

/**
 * Notifies members inside the caller's tenant transaction `tx` (so nothing is notified if it
 * rolls back). Skips the actor, members who are not active and members who turned the kind off;
 * publishes `notification.created` (ids only) after the commit through `afterCommit` (in a
 * request: `(task) => actor.afterCommit(task)`; elsewhere `withAfterCommit`); and for DMs and
 * mentions queues one batched mail per member (see notifications.mail.ts). Returns the ids of
 * the notifications made or updated. `tx` may also be a system-scope transaction (jobs): the
 * rows are written in `input.networkId` either way.
 */
export async function notify(
  deps: Pick<Deps, "bus" | "jobs" | "config">,
  tx: Tx,
  afterCommit: AfterCommit,
  input: NotifyInput,
): Promise<string[]> {
  const ids = [...new Set(input.recipientMemberIds)].filter((id) => id !== input.actorMemberId);
  const recipients = (await recipientsOf(tx, input.networkId, ids)).filter((r) => wantsInApp(r.settings, input.kind));
  if (recipients.length === 0) return [];
  const target = input.commentId ? `comment:${input.commentId}` : input.postId ? `post:${input.postId}` : null;
  const groupKey = input.groupKey ?? (input.kind === "stamp" && target ? `stamp:${target}` : null);
  const mailed = mailedKinds.includes(input.kind);
  const runAt = new Date(Date.now() + deps.config.notificationMailDelaySeconds * 1000);
  const { rows, freshMail } = await writeNotifications(
    tx,
    {
      networkId: input.networkId,
      kind: input.kind,
      actorId: input.actorMemberId,
      postId: input.postId ?? null,
      commentId: input.commentId ?? null,
      conversationId: input.conversationId ?? null,
      messageId: input.messageId ?? null,
      roomRequestId: input.roomRequestId ?? null,
      eventId: input.eventId ?? null,
      excerpt: [...(input.excerpt ?? "")].slice(0, 200).join(""),
      groupKey,
    },
    recipients,
    { memberIds: mailed ? recipients.filter((r) => wantsMail(r.settings, input.kind)).map((r) => r.id) : [], until: runAt },
  );
  // Their `notification.created` events were written with them.
  deps.bus.published(
    rows.map((r) => r.recipient_account_id),
    afterCommit,
  );
  await deps.jobs.enqueueMany(
    tx,
    mailJobKind,
    freshMail.map((memberId) => ({ networkId: input.networkId, memberId })),
    { runAt },
  );
  return rows.map((r) => r.id);
}

export async function listNotifications(
  actor: MemberActor,
  query: { cursor?: string | undefined; limit: number; unreadOnly?: "true" | "false" | undefined },
): Promise<{ items: Notification[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor);
  let q = notificationsWithTargets(actor.tx, actor.networkId, actor.membershipId)
    .orderBy("n.updated_at", "desc")
    .orderBy("n.id", "desc")
    .limit(query.limit + 1);
  if (query.unreadOnly === "true") q = q.where("n.read_at", "is", null);
  if (after) q = q.where(sql<boolean>`(n.updated_at, n.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentNotification), nextCursor };
}

export async function getUnreadCount(actor: MemberActor): Promise<{ unread: number }> {
  return { unread: await unreadCount(actor.tx, actor.networkId, actor.membershipId) };
}

/** Tells the member's other tabs to refresh the badge (`notification.read`, ids only). */
async function publishRead(deps: Pick<Deps, "bus">, actor: MemberActor, payload: Record<string, string>): Promise<void> {
  await deps.bus.publish(
    actor.tx,
    [{ accountId: actor.account.id, networkId: actor.networkId, kind: "notification.read", payload }],
    (task) => actor.afterCommit(task),
  );
}

export async function markRead(deps: Pick<Deps, "bus">, actor: MemberActor, notificationId: string): Promise<{ unread: number }> {
  const own = await actor.tx
    .selectFrom("notifications")
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("recipient_id", "=", actor.membershipId)
    .where("id", "=", notificationId)
    .executeTakeFirst();
  if (!own) throw notFound();
  const changed = await actor.tx
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", notificationId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  if (changed.numUpdatedRows > 0n) await publishRead(deps, actor, { notificationId });
  return getUnreadCount(actor);
}

export async function markAllRead(deps: Pick<Deps, "bus">, actor: MemberActor): Promise<{ unread: number }> {
  const changed = await actor.tx
    .updateTable("notifications")
    .set({ read_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("recipient_id", "=", actor.membershipId)
    .where("read_at", "is", null)
    .executeTakeFirst();
  if (changed.numUpdatedRows > 0n) await publishRead(deps, actor, {});
  return { unread: 0 };
}

export async function getSettings(actor: MemberActor): Promise<NotificationSettings> {
  const row = await actor.tx
    .selectFrom("notification_settings")
    .select(["email_dm", "email_mention", "digest", "muted_kinds"])
    .where("network_id", "=", actor.networkId)
    .where("member_id", "=", actor.membershipId)
    .executeTakeFirst();
  return presentSettings(factsOf(row ?? { email_dm: null, email_mention: null, digest: null, muted_kinds: null }));
}

export async function updateSettings(
  actor: MemberActor,
  input: {
    emailDm?: boolean | undefined;
    emailMention?: boolean | undefined;
    digest?: NotificationSettings["digest"] | undefined;
    inApp?: Partial<Record<NotificationKind, boolean | undefined>> | undefined;
  },
): Promise<NotificationSettings> {
  const current = factsOf(await ensureSettings(actor.tx, actor.networkId, actor.membershipId, true));
  const muted = notificationKinds.filter((k) => {
    const on = input.inApp?.[k];
    return on === undefined ? current.muted_kinds.includes(k) : !on;
  });
  await actor.tx
    .updateTable("notification_settings")
    .set({
      email_dm: input.emailDm ?? current.email_dm,
      email_mention: input.emailMention ?? current.email_mention,
      digest: input.digest ?? current.digest,
      muted_kinds: muted,
      updated_at: new Date(),
    })
    .where("network_id", "=", actor.networkId)
    .where("member_id", "=", actor.membershipId)
    .execute();
  return getSettings(actor);
}

/** Unread notifications of the account's active memberships, per network (account scope: its own rows only). */
export async function accountUnread(database: Database, actor: AccountActor) {
  const rows = await inAccount(database, actor.account.id, (tx) =>
    tx
      .selectFrom("notifications as n")
      .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "n.network_id").onRef("m.id", "=", "n.recipient_id"))
      .select(["n.network_id", (eb) => eb.fn.countAll<string>().as("unread")])
      .where("n.recipient_account_id", "=", actor.account.id)
      .where("n.read_at", "is", null)
      .where("m.status", "=", "active")
      .groupBy("n.network_id")
      .orderBy("n.network_id")
      .execute(),
  );
  const networks = rows.map((r) => ({ networkId: r.network_id, unread: Number(r.unread) }));
  return { total: networks.reduce((sum, n) => sum + n.unread, 0), networks };
}

// --- one-click unsubscribe ---

/**
 * The settings row a link names, once its signature is checked; a forged or altered link is
 * unknown (404). The link carries no network, so the row is found across networks (system scope).
 */
async function unsubscribeTarget(tx: Tx, token: string, lock: boolean) {
  const claim = readUnsubscribe(token);
  let q = tx
    .selectFrom("notification_settings as s")
    .innerJoin("networks as w", "w.id", "s.network_id")
    .select(["s.network_id", "s.member_id", "s.unsubscribe_key", "s.email_dm", "s.email_mention", "s.digest", "s.muted_kinds", "w.name"])
    .where("s.member_id", "=", claim.memberId);
  if (lock) q = q.forUpdate("s");
  const row = await q.executeTakeFirst();
  if (!row || !verifyUnsubscribe(row.unsubscribe_key, claim)) throw notFound();
  return { row, kind: claim.kind };
}

export function unsubscribeState(database: Database, token: string): Promise<UnsubscribeState> {
  return inSystem(database, async (tx) => {
    const { row, kind } = await unsubscribeTarget(tx, token, false);
    return { kind, networkName: row.name, active: unsubscribeActive(factsOf(row), kind) };
  });
}

/** Turns off what the link names; doing it again changes nothing (RFC 8058 one-click). */
export function unsubscribe(database: Database, token: string): Promise<UnsubscribeState> {
  return inSystem(database, async (tx) => {
    const { row, kind } = await unsubscribeTarget(tx, token, true);
    await tx
      .updateTable("notification_settings")
      .set({ ...unsubscribeChanges(kind), updated_at: new Date() })
      .where("network_id", "=", row.network_id)
      .where("member_id", "=", row.member_id)
      .execute();
    return { kind, networkName: row.name, active: false };
  });
}
