// Blocks (ブロック) between members of one network, and what other features use to leave blocked
// people out. A block is per membership, so per network: every query runs inside one network's
// scope (RLS), where another network's blocks do not exist. Someone who wants to block a person
// everywhere blocks them in each network they share.
//
// Other features hide people "in either direction" (I blocked them, or they blocked me):
//   const hidden = await hiddenMemberIds(tx, networkId, me);            // a Set, for small lists
//   query.where("p.author_id", "not in", hiddenMembersQuery(tx, networkId, me)) // in SQL
import { sql } from "kysely";
import type { Tx } from "../platform/tenancy/scope.ts";

/** A subquery of one column, `member_id`: members `memberId` blocked, and members who blocked `memberId`. */
export const hiddenMembersQuery = (tx: Tx, networkId: string, memberId: string) =>
  tx
    .selectFrom("blocks")
    .select("blocked_id as member_id")
    .where("network_id", "=", networkId)
    .where("blocker_id", "=", memberId)
    .union(
      tx.selectFrom("blocks").select("blocker_id as member_id").where("network_id", "=", networkId).where("blocked_id", "=", memberId),
    );

/** Members `memberId` blocked or who blocked `memberId`, in this network. */
export async function hiddenMemberIds(tx: Tx, networkId: string, memberId: string): Promise<Set<string>> {
  const rows = await hiddenMembersQuery(tx, networkId, memberId).execute();
  return new Set(rows.map((r) => r.member_id));
}

/** A subquery of the members `memberId` blocked (one direction: what they chose not to see). */
export const blockedByQuery = (tx: Tx, networkId: string, memberId: string) =>
  tx.selectFrom("blocks").select("blocked_id as member_id").where("network_id", "=", networkId).where("blocker_id", "=", memberId);

/** Whether either of the two blocked the other. */
export async function blockedEitherWay(tx: Tx, networkId: string, a: string, b: string): Promise<boolean> {
  const row = await tx
    .selectFrom("blocks")
    .select(sql<number>`1`.as("one"))
    .where("network_id", "=", networkId)
    .where((eb) =>
      eb.or([eb.and([eb("blocker_id", "=", a), eb("blocked_id", "=", b)]), eb.and([eb("blocker_id", "=", b), eb("blocked_id", "=", a)])]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

/** The members `memberId` blocked, with their names, latest first. */
export const blocksOf = (tx: Tx, networkId: string, memberId: string) =>
  tx
    .selectFrom("blocks as b")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "b.network_id").onRef("m.id", "=", "b.blocked_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["b.blocked_id", "b.created_at", "a.display_name", "a.avatar_key", sql<boolean>`m.supporter_since is not null`.as("supporter")])
    .where("b.network_id", "=", networkId)
    .where("b.blocker_id", "=", memberId)
    .orderBy("b.created_at", "desc")
    .orderBy("b.blocked_id")
    .execute();
