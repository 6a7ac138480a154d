// Conversations, their members, messages and message stamps (tenant rows), and the reads the
// service pages, counts and presents.
import { sql } from "kysely";
import type { MessageStampCount } from "../../shared/contract/messages.ts";
import { groupStampRows } from "../posts/posts.repository.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { blockedByQuery } from "../blocks/blocks.repository.ts";
import { isActiveAdmin } from "../membership/active-admins.ts";

/** A direct conversation's key: the two member ids, sorted (one conversation per pair). */
export const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

/**
 * Messages as `viewerId` may read them: in a conversation they are (or were) a member of, those
 * from the day they joined on (people added to a group do not read what was said before, as in
 * LINE); in groups, not those of members they blocked. Admins reading an office conversation have
 * no member row and read all of it. The caller checks that the viewer sees the conversation.
 */
export const visibleMessages = (tx: Tx, networkId: string, viewerId: string) =>
  tx
    .selectFrom("messages as msg")
    .innerJoin("conversations as c", (j) => j.onRef("c.network_id", "=", "msg.network_id").onRef("c.id", "=", "msg.conversation_id"))
    .leftJoin("conversation_members as cm", (j) =>
      j
        .onRef("cm.network_id", "=", "msg.network_id")
        .onRef("cm.conversation_id", "=", "msg.conversation_id")
        .on("cm.member_id", "=", viewerId),
    )
    .where("msg.network_id", "=", networkId)
    .where(sql<boolean>`(cm.member_id is null or msg.created_at >= cm.joined_at)`)
    .where((eb) => eb.or([eb("c.kind", "<>", "group"), eb("msg.author_id", "not in", blockedByQuery(tx, networkId, viewerId))]));

/** Messages with their author (name, avatar, supporter) and the sort key (microseconds kept), for any reader. */
export const messagesWithAuthor = (tx: Tx, networkId: string, viewerId: string) =>
  visibleMessages(tx, networkId, viewerId)
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "msg.network_id").onRef("m.id", "=", "msg.author_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "msg.id",
      "msg.conversation_id",
      "msg.author_id",
      "msg.as_office",
      "msg.body",
      "msg.body_html",
      "msg.edited_at",
      "msg.deleted_at",
      "msg.moderation_reason",
      "msg.created_at",
      "a.display_name as author_name",
      "a.avatar_key as author_avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("author_supporter"),
      sql<string>`msg.created_at::text`.as("sort_key"),
    ]);

export type MessageWithAuthor = Awaited<ReturnType<ReturnType<typeof messagesWithAuthor>["executeTakeFirstOrThrow"]>>;

/** The conversation with the viewer's own member row (null columns when they have none). */
export const conversationsWithViewer = (tx: Tx, networkId: string, viewerId: string) =>
  tx
    .selectFrom("conversations as c")
    .leftJoin("conversation_members as cm", (j) =>
      j.onRef("cm.network_id", "=", "c.network_id").onRef("cm.conversation_id", "=", "c.id").on("cm.member_id", "=", viewerId),
    )
    .select([
      "c.id",
      "c.kind",
      "c.title",
      "c.office_member_id",
      "c.office_last_read_at",
      "c.created_at",
      "cm.member_id as viewer_member_id",
      "cm.left_at as viewer_left_at",
      "cm.last_read_at as viewer_last_read_at",
      "cm.muted as viewer_muted",
      sql<string>`coalesce(c.last_message_at, c.created_at)::text`.as("sort_key"),
    ])
    .where("c.network_id", "=", networkId);

export type ConversationWithViewer = Awaited<ReturnType<ReturnType<typeof conversationsWithViewer>["executeTakeFirstOrThrow"]>>;

/** A current member of a conversation as sending needs them: their network status and whether they muted it. */
export interface SendMember {
  member_id: string;
  status: "invited" | "active" | "left" | "removed";
  muted: boolean;
}

/**
 * The conversation with the sender's own row (as conversationsWithViewer) and, in the same
 * statement, what sending a message decides with: the current members, the members who blocked
 * the sender (they are not notified) and the members of the conversation the sender blocked (a
 * block either way closes a direct conversation). One round trip where it took four.
 */
export const sendContextQuery = (tx: Tx, networkId: string, senderId: string) =>
  conversationsWithViewer(tx, networkId, senderId).select([
    sql<SendMember[]>`coalesce((select json_agg(json_build_object('member_id', x.member_id, 'status', m.status, 'muted', x.muted)
        order by x.joined_at, x.member_id)
      from conversation_members x join memberships m on m.network_id = x.network_id and m.id = x.member_id
      where x.network_id = c.network_id and x.conversation_id = c.id and x.left_at is null), '[]')`.as("members"),
    sql<string[]>`coalesce((select json_agg(b.blocker_id) from blocks b
      where b.network_id = c.network_id and b.blocked_id = ${senderId}), '[]')`.as("blockers"),
    sql<string[]>`coalesce((select json_agg(b.blocked_id) from blocks b
      where b.network_id = c.network_id and b.blocker_id = ${senderId} and b.blocked_id in (select x.member_id from conversation_members x
        where x.network_id = c.network_id and x.conversation_id = c.id and x.left_at is null)), '[]')`.as("blocked"),
  ]);

/** Current members of the conversations (not those who left), with names, avatars and network status. */
export async function currentMembers(tx: Tx, networkId: string, conversationIds: readonly string[]) {
  if (conversationIds.length === 0) return [];
  return tx
    .selectFrom("conversation_members as cm")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "cm.network_id").onRef("m.id", "=", "cm.member_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "cm.conversation_id",
      "cm.member_id",
      "m.account_id",
      "m.status",
      "a.display_name",
      "a.avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("supporter"),
    ])
    .where("cm.network_id", "=", networkId)
    .where("cm.conversation_id", "in", conversationIds)
    .where("cm.left_at", "is", null)
    .orderBy("cm.joined_at")
    .orderBy("cm.member_id")
    .execute();
}

/** The latest message of each conversation the viewer may read. */
/** A conversation's last message, with how many images it carries. */
export type LastMessage = MessageWithAuthor & { image_count: number };

export async function lastMessages(tx: Tx, networkId: string, viewerId: string, conversationIds: readonly string[]) {
  if (conversationIds.length === 0) return new Map<string, LastMessage>();
  const rows = await messagesWithAuthor(tx, networkId, viewerId)
    // For the preview of a message that is only images.
    .select(
      sql<number>`(select count(*)::int from images i where i.network_id = msg.network_id and i.message_id = msg.id)`.as("image_count"),
    )
    .where("msg.conversation_id", "in", conversationIds)
    .distinctOn("msg.conversation_id")
    .orderBy("msg.conversation_id")
    .orderBy("msg.created_at", "desc")
    .orderBy("msg.id", "desc")
    .execute();
  return new Map<string, LastMessage>(rows.map((r) => [r.conversation_id, r]));
}

/**
 * Unread messages per conversation for a member: visible to them, by others, not deleted, after
 * their last_read_at, in conversations they are a current member of. Muted ones count too (the
 * UI may hide them), as in talk rooms.
 */
export async function memberUnread(tx: Tx, networkId: string, memberId: string, conversationIds?: readonly string[]) {
  if (conversationIds && conversationIds.length === 0) return new Map<string, number>();
  let q = visibleMessages(tx, networkId, memberId)
    .select(["msg.conversation_id", sql<number>`count(*)::int`.as("unread")])
    .where("cm.member_id", "is not", null)
    .where("cm.left_at", "is", null)
    .where("msg.author_id", "<>", memberId)
    .where("msg.deleted_at", "is", null)
    .where(sql<boolean>`(cm.last_read_at is null or msg.created_at > cm.last_read_at)`)
    .groupBy("msg.conversation_id");
  if (conversationIds) q = q.where("msg.conversation_id", "in", conversationIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.conversation_id, Number(r.unread)]));
}

/** Unread messages of members in office conversations, for the office side (shared by every admin). */
export async function officeUnread(tx: Tx, networkId: string, conversationIds?: readonly string[]) {
  if (conversationIds && conversationIds.length === 0) return new Map<string, number>();
  let q = tx
    .selectFrom("messages as msg")
    .innerJoin("conversations as c", (j) => j.onRef("c.network_id", "=", "msg.network_id").onRef("c.id", "=", "msg.conversation_id"))
    .select(["msg.conversation_id", sql<number>`count(*)::int`.as("unread")])
    .where("msg.network_id", "=", networkId)
    .where("c.kind", "=", "office")
    .where("msg.as_office", "=", false)
    .where("msg.deleted_at", "is", null)
    .where(sql<boolean>`(c.office_last_read_at is null or msg.created_at > c.office_last_read_at)`)
    .groupBy("msg.conversation_id");
  if (conversationIds) q = q.where("msg.conversation_id", "in", conversationIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.conversation_id, Number(r.unread)]));
}

/** The newest message's time in a conversation (what "read up to now" means), null if none. */
export const latestMessageAt = (tx: Tx, networkId: string, conversationId: string) =>
  sql<Date | null>`(select max(created_at) from messages where network_id = ${networkId} and conversation_id = ${conversationId})`;

/** Whether the two share a direct or group conversation (now or before): "people I've talked with". */
export async function areContacts(tx: Tx, networkId: string, a: string, b: string): Promise<boolean> {
  const row = await tx
    .selectFrom("conversation_members as x")
    .innerJoin("conversation_members as y", (j) =>
      j.onRef("y.network_id", "=", "x.network_id").onRef("y.conversation_id", "=", "x.conversation_id"),
    )
    .innerJoin("conversations as c", (j) => j.onRef("c.network_id", "=", "x.network_id").onRef("c.id", "=", "x.conversation_id"))
    .select(sql<number>`1`.as("one"))
    .where("x.network_id", "=", networkId)
    .where("x.member_id", "=", a)
    .where("y.member_id", "=", b)
    .where("c.kind", "in", ["direct", "group"])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The accounts of the conversation's current members who are active in the network, and for
 * office conversations every active admin — as a query, for `bus.publishToAudience` (the event is
 * written in the statement that selects its recipients) or `audienceAccounts`.
 */
export function audienceQuery(tx: Tx, networkId: string, conversationId: string, kind: "direct" | "group" | "office") {
  const members = tx
    .selectFrom("conversation_members as cm")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "cm.network_id").onRef("m.id", "=", "cm.member_id"))
    .select("m.account_id")
    .where("cm.network_id", "=", networkId)
    .where("cm.conversation_id", "=", conversationId)
    .where("cm.left_at", "is", null)
    .where("m.status", "=", "active");
  if (kind !== "office") return members.distinct();
  // union: an admin who is also the office conversation's member is told once.
  return members.union(tx.selectFrom("memberships").select("account_id").where("network_id", "=", networkId).where(isActiveAdmin()));
}

/** The accounts `audienceQuery` selects. */
export async function audienceAccounts(tx: Tx, networkId: string, conversationId: string, kind: "direct" | "group" | "office") {
  const rows = await audienceQuery(tx, networkId, conversationId, kind).execute();
  return rows.map((r) => r.account_id);
}

export async function activeAdminMemberIds(tx: Tx, networkId: string): Promise<string[]> {
  const rows = await tx.selectFrom("memberships").select("id").where("network_id", "=", networkId).where(isActiveAdmin()).execute();
  return rows.map((r) => r.id);
}

export async function activeAdminAccounts(tx: Tx, networkId: string): Promise<string[]> {
  const rows = await tx.selectFrom("memberships").select("account_id").where("network_id", "=", networkId).where(isActiveAdmin()).execute();
  return rows.map((r) => r.account_id);
}

/** Stamp counts per message (standard and custom stamps, as on posts), with whether `memberId` put one. */
export async function messageStampCounts(tx: Tx, networkId: string, ids: readonly string[], memberId: string) {
  if (ids.length === 0) return new Map<string, MessageStampCount[]>();
  const rows = await tx
    .selectFrom("message_stamps as s")
    .leftJoin("custom_stamps as cs", (j) => j.onRef("cs.network_id", "=", "s.network_id").onRef("cs.name", "=", "s.emoji"))
    .select([
      "s.message_id as target",
      "s.emoji",
      "cs.id as custom_id",
      "cs.label as custom_label",
      sql<number>`count(*)::int`.as("count"),
      sql<boolean>`bool_or(s.member_id = ${memberId})`.as("mine"),
    ])
    .where("s.network_id", "=", networkId)
    .where("s.message_id", "in", ids)
    .groupBy(["s.message_id", "s.emoji", "cs.id", "cs.label"])
    .execute();
  return groupStampRows(networkId, rows);
}
