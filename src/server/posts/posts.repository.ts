// Posts, comments and stamps (tenant rows), and the reads the service pages and presents.
import { sql } from "kysely";
import { stampNames, type StampName } from "../../shared/stamps.ts";
import type { StampCount } from "../../shared/contract/posts.ts";
import type { Tx } from "../platform/tenancy/scope.ts";

/** Posts with their author's name and the sort key of the timeline (microseconds kept). */
export const postsWithAuthor = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("posts as p")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "p.network_id").onRef("m.id", "=", "p.author_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "p.id",
      "p.room_id",
      "p.author_id",
      "p.body",
      "p.body_html",
      "p.edited_at",
      "p.deleted_at",
      "p.pinned_at",
      "p.comment_count",
      "p.created_at",
      "a.display_name as author_name",
      sql<string>`p.created_at::text`.as("sort_key"),
    ])
    .where("p.network_id", "=", networkId);

export type PostWithAuthor = Awaited<ReturnType<ReturnType<typeof postsWithAuthor>["executeTakeFirstOrThrow"]>>;

export const commentsWithAuthor = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("comments as c")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "c.network_id").onRef("m.id", "=", "c.author_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "c.id",
      "c.post_id",
      "c.author_id",
      "c.body",
      "c.body_html",
      "c.edited_at",
      "c.deleted_at",
      "c.created_at",
      "a.display_name as author_name",
      sql<string>`c.created_at::text`.as("sort_key"),
    ])
    .where("c.network_id", "=", networkId);

export type CommentWithAuthor = Awaited<ReturnType<ReturnType<typeof commentsWithAuthor>["executeTakeFirstOrThrow"]>>;

const stampOrder = new Map<string, number>(stampNames.map((name, i) => [name, i]));

/** Stamp counts per target (post or comment ids) and emoji, with whether `memberId` put one; emoji outside the set are left out. */
export async function stampCounts(
  tx: Tx,
  networkId: string,
  target: "post_id" | "comment_id",
  ids: readonly string[],
  memberId: string,
): Promise<Map<string, StampCount[]>> {
  const result = new Map<string, StampCount[]>();
  if (ids.length === 0) return result;
  const rows = await tx
    .selectFrom("stamps")
    .select([
      sql<string>`${sql.ref(target)}`.as("target"),
      "emoji",
      sql<number>`count(*)::int`.as("count"),
      sql<boolean>`bool_or(member_id = ${memberId})`.as("mine"),
    ])
    .where("network_id", "=", networkId)
    .where(target, "in", ids)
    .groupBy([target, "emoji"])
    .execute();
  for (const row of rows) {
    if (!stampOrder.has(row.emoji)) continue;
    const list = result.get(row.target) ?? [];
    list.push({ emoji: row.emoji as StampName, count: Number(row.count), mine: row.mine });
    result.set(row.target, list);
  }
  for (const list of result.values()) list.sort((a, b) => (stampOrder.get(a.emoji) ?? 0) - (stampOrder.get(b.emoji) ?? 0));
  return result;
}

/**
 * Unread posts per room for a member: posts after their last_read_at (all of them if they never
 * read the room), by others, not deleted. Muted rooms count too (the UI may hide them).
 */
export async function unreadCounts(tx: Tx, networkId: string, memberId: string, roomIds?: readonly string[]): Promise<Map<string, number>> {
  if (roomIds && roomIds.length === 0) return new Map();
  let q = tx
    .selectFrom("posts as p")
    .leftJoin("room_subscriptions as s", (j) =>
      j.onRef("s.network_id", "=", "p.network_id").onRef("s.room_id", "=", "p.room_id").on("s.member_id", "=", memberId),
    )
    .select(["p.room_id", sql<number>`count(*)::int`.as("unread")])
    .where("p.network_id", "=", networkId)
    .where("p.author_id", "<>", memberId)
    .where("p.deleted_at", "is", null)
    .where(sql<boolean>`(s.last_read_at is null or p.created_at > s.last_read_at)`)
    .groupBy("p.room_id");
  if (roomIds) q = q.where("p.room_id", "in", roomIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.room_id, Number(r.unread)]));
}

/** Active members of the network with what decides whether they see a room (their role, whether they are in it). */
export const roomAudienceOf = (tx: Tx, networkId: string, roomId: string) =>
  tx
    .selectFrom("memberships as m")
    .leftJoin("room_members as rm", (j) =>
      j.onRef("rm.network_id", "=", "m.network_id").onRef("rm.member_id", "=", "m.id").on("rm.room_id", "=", roomId),
    )
    .select(["m.account_id", "m.role", sql<boolean>`rm.member_id is not null`.as("in_room")])
    .where("m.network_id", "=", networkId)
    .where("m.status", "=", "active")
    .execute();
