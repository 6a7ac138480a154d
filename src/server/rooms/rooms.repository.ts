// Rooms, their members and each member's state of them (tenant rows). The network and the member
// always come from the actor, never from input.
import { sql } from "kysely";
import type { Tx } from "../platform/tenancy/scope.ts";

/** Gives a network the three rooms every network starts with (the SQL function of migration 0004). */
export async function createDefaultRooms(tx: Tx, networkId: string): Promise<void> {
  await sql`select create_default_rooms(${networkId}::uuid)`.execute(tx);
}

/** Rooms with the member's own state and whether they are listed in each: in order, archived last. */
export const roomsSeenBy = (tx: Tx, networkId: string, memberId: string) =>
  tx
    .selectFrom("rooms as r")
    .leftJoin("room_subscriptions as s", (j) =>
      j.onRef("s.network_id", "=", "r.network_id").onRef("s.room_id", "=", "r.id").on("s.member_id", "=", memberId),
    )
    .leftJoin("room_members as rm", (j) =>
      j.onRef("rm.network_id", "=", "r.network_id").onRef("rm.room_id", "=", "r.id").on("rm.member_id", "=", memberId),
    )
    .selectAll("r")
    .select(["s.muted", "s.last_read_at", sql<boolean>`rm.member_id is not null`.as("in_room")])
    .where("r.network_id", "=", networkId)
    .orderBy(sql`r.archived_at is not null`)
    .orderBy("r.position")
    .orderBy("r.created_at")
    .orderBy("r.id");

export type RoomWithState = Awaited<ReturnType<ReturnType<typeof roomsSeenBy>["executeTakeFirstOrThrow"]>>;

export async function nextPosition(tx: Tx, networkId: string): Promise<number> {
  const row = await tx
    .selectFrom("rooms")
    .select(sql<number>`coalesce(max(position) + 1, 0)`.as("next"))
    .where("network_id", "=", networkId)
    .executeTakeFirstOrThrow();
  return Number(row.next);
}

/** Inserts or changes the member's own state of a room. */
export async function upsertSubscription(
  tx: Tx,
  networkId: string,
  roomId: string,
  memberId: string,
  values: { muted?: boolean; last_read_at?: Date },
): Promise<void> {
  await tx
    .insertInto("room_subscriptions")
    .values({ network_id: networkId, room_id: roomId, member_id: memberId, ...values })
    .onConflict((oc) => oc.columns(["network_id", "room_id", "member_id"]).doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

export const roomMembersOf = (tx: Tx, networkId: string, roomId: string) =>
  tx
    .selectFrom("room_members as rm")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "rm.network_id").onRef("m.id", "=", "rm.member_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["rm.member_id", "rm.created_at", "m.account_id", "a.display_name"])
    .where("rm.network_id", "=", networkId)
    .where("rm.room_id", "=", roomId)
    .orderBy("rm.created_at")
    .orderBy("rm.member_id");

export const roomRequestsWithPeople = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("room_requests as q")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "q.network_id").onRef("m.id", "=", "q.requester_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .leftJoin("accounts as d", "d.id", "q.decided_by")
    .selectAll("q")
    .select([
      "a.display_name as requester_name",
      "a.email as requester_email",
      "a.locale as requester_locale",
      "d.display_name as decided_by_name",
    ])
    .where("q.network_id", "=", networkId);

export type RoomRequestWithPeople = Awaited<ReturnType<ReturnType<typeof roomRequestsWithPeople>["executeTakeFirstOrThrow"]>>;
