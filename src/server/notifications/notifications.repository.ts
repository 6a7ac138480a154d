// Notifications and notification settings (tenant rows). The network and the member always come
// from the caller's scope (a request's actor, or a job's payload checked against the rows).
import { sql } from "kysely";
import type { NotificationKind } from "../../shared/contract/notifications.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { defaultSettings, type SettingsFacts } from "./notifications.policy.ts";

/** Active members among `memberIds`, with their account and settings (defaults where they have no row). */
export async function recipientsOf(tx: Tx, networkId: string, memberIds: readonly string[]) {
  if (memberIds.length === 0) return [];
  const rows = await tx
    .selectFrom("memberships as m")
    .leftJoin("notification_settings as s", (j) => j.onRef("s.network_id", "=", "m.network_id").onRef("s.member_id", "=", "m.id"))
    .select(["m.id", "m.account_id", "s.email_dm", "s.email_mention", "s.digest", "s.muted_kinds"])
    .where("m.network_id", "=", networkId)
    .where("m.id", "in", [...memberIds])
    .where("m.status", "=", "active")
    .execute();
  return rows.map((r) => ({ id: r.id, accountId: r.account_id, settings: factsOf(r) }));
}

export function factsOf(row: {
  email_dm: boolean | null;
  email_mention: boolean | null;
  digest: SettingsFacts["digest"] | null;
  muted_kinds: string[] | null;
}): SettingsFacts {
  return {
    email_dm: row.email_dm ?? defaultSettings.email_dm,
    email_mention: row.email_mention ?? defaultSettings.email_mention,
    digest: row.digest ?? defaultSettings.digest,
    muted_kinds: row.muted_kinds ?? defaultSettings.muted_kinds,
  };
}

/** The member's settings row, made with the defaults if they have none yet; locked when asked. */
export async function ensureSettings(tx: Tx, networkId: string, memberId: string, lock = false) {
  await tx
    .insertInto("notification_settings")
    .values({ network_id: networkId, member_id: memberId })
    .onConflict((oc) => oc.columns(["network_id", "member_id"]).doNothing())
    .execute();
  let q = tx.selectFrom("notification_settings").selectAll().where("network_id", "=", networkId).where("member_id", "=", memberId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirstOrThrow();
}

export interface NewNotification {
  networkId: string;
  kind: NotificationKind;
  actorId: string | null;
  postId: string | null;
  commentId: string | null;
  conversationId: string | null;
  messageId: string | null;
  roomRequestId: string | null;
  eventId: string | null;
  excerpt: string;
  groupKey: string | null;
}

/**
 * One statement for every recipient. With a group key, a recipient's unread notification of that
 * group takes the new actor instead (latest actor, distinct actors, moved to the top of the list),
 * and the latest message and text (a conversation's notification shows its newest message).
 */
/**
 * In one statement (each round trip is what a write costs most): the notifications — new, or an
 * unread one of the same group updated — their `notification.created` events (the caller tells
 * the bus after the commit: `bus.published`), and for `mail.memberIds` the batched mail marked
 * pending until `mail.until` unless one already is. Answers the notifications and the members
 * whose mail was not pending yet (they need a mail job). The mark locks each settings row: a mail
 * job that is running for the member finishes first, and then this sees its cleared mark.
 */
export async function writeNotifications(
  tx: Tx,
  n: NewNotification,
  recipients: { id: string; accountId: string }[],
  mail: { memberIds: string[]; until: Date },
): Promise<{ rows: { id: string; recipient_id: string; recipient_account_id: string }[]; freshMail: string[] }> {
  if (recipients.length === 0) return { rows: [], freshMail: [] };
  const actorIds = n.actorId ? [n.actorId] : [];
  const merged = sql`case when excluded.actor_id is null or excluded.actor_id = any(notifications.actor_ids)
    then array_remove(notifications.actor_ids, excluded.actor_id) || excluded.actor_ids
    else notifications.actor_ids || excluded.actor_ids end`;
  const { rows } = await sql<{ mail: boolean; id: string; recipient_id: string; recipient_account_id: string | null }>`
    with written as (
      insert into notifications (network_id, recipient_id, recipient_account_id, kind, actor_id, actor_ids, post_id, comment_id,
        conversation_id, message_id, room_request_id, event_id, excerpt, group_key)
      select ${n.networkId}::uuid, r.id, r.account_id, ${n.kind}, ${n.actorId}::uuid, ${actorIds}::uuid[], ${n.postId}::uuid,
        ${n.commentId}::uuid, ${n.conversationId}::uuid, ${n.messageId}::uuid, ${n.roomRequestId}::uuid, ${n.eventId}::uuid, ${n.excerpt}, ${n.groupKey}
      from unnest(${recipients.map((r) => r.id)}::uuid[], ${recipients.map((r) => r.accountId)}::uuid[]) as r(id, account_id)
      on conflict (network_id, recipient_id, group_key) where read_at is null and group_key is not null
      do update set actor_id = coalesce(excluded.actor_id, notifications.actor_id), actor_ids = ${merged},
        message_id = coalesce(excluded.message_id, notifications.message_id),
        excerpt = case when excluded.excerpt <> '' then excluded.excerpt else notifications.excerpt end,
        updated_at = clock_timestamp()
      returning id, recipient_id, recipient_account_id
    ),
    announced as (
      insert into events (account_id, network_id, kind, payload)
      select w.recipient_account_id, ${n.networkId}::uuid, 'notification.created', jsonb_build_object('notificationId', w.id) from written as w
    ),
    claimed as (
      insert into notification_settings (network_id, member_id, mail_pending_until)
      select ${n.networkId}::uuid, m, ${mail.until} from unnest(${mail.memberIds}::uuid[]) as m
      on conflict (network_id, member_id) do update set mail_pending_until = excluded.mail_pending_until
        where notification_settings.mail_pending_until is null or notification_settings.mail_pending_until < now()
      returning member_id
    )
    select false as mail, id, recipient_id, recipient_account_id from written
    union all
    select true, member_id, member_id, null from claimed`.execute(tx);
  return {
    rows: rows
      .filter((r) => !r.mail)
      .map((r) => ({ id: r.id, recipient_id: r.recipient_id, recipient_account_id: r.recipient_account_id ?? "" })),
    freshMail: rows.filter((r) => r.mail).map((r) => r.id),
  };
}

/** Notifications with what the list and the mails show: actor, target texts, where to link. */
export const notificationsWithTargets = (tx: Tx, networkId: string, memberId: string) =>
  tx
    .selectFrom("notifications as n")
    .innerJoin("networks as w", "w.id", "n.network_id")
    .leftJoin("memberships as am", (j) => j.onRef("am.network_id", "=", "n.network_id").onRef("am.id", "=", "n.actor_id"))
    .leftJoin("accounts as a", "a.id", "am.account_id")
    .leftJoin("comments as c", (j) => j.onRef("c.network_id", "=", "n.network_id").onRef("c.id", "=", "n.comment_id"))
    .leftJoin("posts as p", (j) =>
      j.onRef("p.network_id", "=", "n.network_id").on((eb) => eb("p.id", "=", eb.fn.coalesce("n.post_id", "c.post_id"))),
    )
    .leftJoin("room_requests as q", (j) => j.onRef("q.network_id", "=", "n.network_id").onRef("q.id", "=", "n.room_request_id"))
    .select([
      "n.id",
      "n.kind",
      "n.actor_id",
      "a.display_name as actor_name",
      sql<number>`cardinality(n.actor_ids)`.as("actor_count"),
      "n.conversation_id",
      "n.comment_id",
      "n.event_id",
      "n.excerpt",
      "n.read_at",
      "n.created_at",
      "n.updated_at",
      sql<string>`n.updated_at::text`.as("sort_key"),
      "w.slug",
      "p.id as post_id",
      sql<string | null>`case when p.deleted_at is null then p.body end`.as("post_body"),
      sql<string | null>`case when c.deleted_at is null then c.body end`.as("comment_body"),
      "q.name as request_name",
      "q.room_id as request_room_id",
    ])
    .where("n.network_id", "=", networkId)
    .where("n.recipient_id", "=", memberId);

export type NotificationWithTargets = Awaited<ReturnType<ReturnType<typeof notificationsWithTargets>["executeTakeFirstOrThrow"]>>;

export async function unreadCount(tx: Tx, networkId: string, memberId: string): Promise<number> {
  const row = await tx
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("network_id", "=", networkId)
    .where("recipient_id", "=", memberId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
