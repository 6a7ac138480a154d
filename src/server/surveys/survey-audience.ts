// Who a survey goes to, read when it is sent (and fixed then in survey_recipients):
//  event   – the attendees who checked in; when nobody did, everyone confirmed. From every
//            network (a co-host's attendees as members of their own network).
//  room    – the active members who can see the room (rooms.policy.ts decides).
//  network – every active member.
import { canSeeRoom } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import type { RecipientRef } from "./surveys.repository.ts";

/**
 * An event's attendees. Read in the host network's scope, which sees every registration of its
 * event whatever network the attendee came from. Whether each is still an active member is checked
 * when the mail goes out (the host's scope cannot read another network's memberships).
 */
export async function eventAttendees(tx: Tx, networkId: string, eventId: string): Promise<RecipientRef[]> {
  const rows = await tx
    .selectFrom("event_registrations")
    .select(["member_network_id", "member_id", "account_id", "status", "checked_in_at"])
    .where("network_id", "=", networkId)
    .where("event_id", "=", eventId)
    .where("status", "<>", "cancelled")
    .orderBy("position")
    .execute();
  const checkedIn = rows.filter((r) => r.checked_in_at !== null);
  const chosen = checkedIn.length > 0 ? checkedIn : rows.filter((r) => r.status === "confirmed");
  return chosen.map(({ member_network_id, member_id, account_id }) => ({ member_network_id, member_id, account_id }));
}

/** The room of the network, or null when there is none or it is archived (then it reaches admins only). */
export async function openRoom(tx: Tx, networkId: string, roomId: string) {
  const room = await tx
    .selectFrom("rooms")
    .select(["id", "name", "kind", "audience", "archived_at"])
    .where("network_id", "=", networkId)
    .where("id", "=", roomId)
    .executeTakeFirst();
  return room && room.archived_at === null ? room : null;
}

export async function roomAudience(tx: Tx, networkId: string, roomId: string): Promise<RecipientRef[]> {
  const room = await openRoom(tx, networkId, roomId);
  if (!room) return [];
  const members = await tx
    .selectFrom("memberships as m")
    .leftJoin("room_members as rm", (j) =>
      j.onRef("rm.network_id", "=", "m.network_id").onRef("rm.member_id", "=", "m.id").on("rm.room_id", "=", roomId),
    )
    .select(["m.id", "m.account_id", "m.role", "rm.member_id as listed"])
    .where("m.network_id", "=", networkId)
    .where("m.status", "=", "active")
    .execute();
  const facts = roomFacts(room);
  return members
    .filter((m) => canSeeRoom({ role: m.role, inRoom: m.listed !== null }, facts))
    .map((m) => ({ member_network_id: networkId, member_id: m.id, account_id: m.account_id }));
}

export async function networkAudience(tx: Tx, networkId: string): Promise<RecipientRef[]> {
  const members = await tx
    .selectFrom("memberships")
    .select(["id", "account_id"])
    .where("network_id", "=", networkId)
    .where("status", "=", "active")
    .execute();
  return members.map((m) => ({ member_network_id: networkId, member_id: m.id, account_id: m.account_id }));
}
