// Talk rooms: what a member sees and their own state of it (muted, read), the admins' management
// (create, change, archive, order, private rooms' members) and members' requests for rooms.
// Admin actions go to the audit log in the same transaction.
import { sql } from "kysely";
import type { Room, RoomAudience, RoomKind, RoomMember, RoomRequest } from "../../shared/contract/rooms.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import { findNetwork } from "../networks/networks.repository.ts";
import { unreadCounts } from "../posts/posts.repository.ts";
import { notify } from "../notifications/notifications.service.ts";
import { canManageRooms, canSeeRoom } from "./rooms.policy.ts";
import { presentRoom, presentRoomMember, presentRoomRequest, roomFacts } from "./rooms.presenter.ts";
import {
  nextPosition,
  roomMembersOf,
  roomRequestsWithPeople,
  roomsSeenBy,
  upsertSubscription,
  type RoomWithState,
} from "./rooms.repository.ts";

const visibleTo = (actor: MemberActor, row: RoomWithState) => canSeeRoom({ role: actor.role, inRoom: row.in_room }, roomFacts(row));

export async function listRooms(actor: MemberActor): Promise<{ items: Room[] }> {
  const rows = (await roomsSeenBy(actor.tx, actor.networkId, actor.membershipId).execute()).filter((r) => visibleTo(actor, r));
  const unread = await unreadCounts(actor.tx, actor.networkId, actor.membershipId);
  return { items: rows.map((r) => presentRoom(r, actor.role, unread.get(r.id) ?? 0)) };
}

/** The room as the actor sees it; a room they cannot see does not exist for them (404). */
async function visibleRoom(actor: MemberActor, roomId: string, lock = false): Promise<RoomWithState> {
  let q = roomsSeenBy(actor.tx, actor.networkId, actor.membershipId).where("r.id", "=", roomId);
  if (lock) q = q.forUpdate("r");
  const row = await q.executeTakeFirst();
  if (!row || !visibleTo(actor, row)) throw notFound();
  return row;
}

export async function getRoom(actor: MemberActor, roomId: string): Promise<Room> {
  const room = await visibleRoom(actor, roomId);
  const unread = await unreadCounts(actor.tx, actor.networkId, actor.membershipId, [roomId]);
  return presentRoom(room, actor.role, unread.get(roomId) ?? 0);
}

function assertManager(actor: MemberActor): void {
  if (!canManageRooms(actor)) throw forbidden();
}

export interface RoomInput {
  name: string;
  description: string;
  kind: RoomKind;
  audience: RoomAudience;
}

async function insertRoom(actor: MemberActor, input: RoomInput): Promise<string> {
  const row = await actor.tx
    .insertInto("rooms")
    .values({
      network_id: actor.networkId,
      name: input.name,
      description: input.description,
      kind: input.kind,
      audience: input.audience,
      position: await nextPosition(actor.tx, actor.networkId),
      created_by: actor.account.id,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function createRoom(actor: MemberActor, input: RoomInput): Promise<Room> {
  assertManager(actor);
  const roomId = await insertRoom(actor, input);
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "room.created",
    { id: roomId, name: input.name },
    {
      kind: input.kind,
      audience: input.audience,
    },
  );
  return getRoom(actor, roomId);
}

export async function updateRoom(actor: MemberActor, roomId: string, input: Partial<RoomInput>): Promise<Room> {
  assertManager(actor);
  const before = await visibleRoom(actor, roomId, true);
  const changes = Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== undefined && before[key as keyof RoomInput] !== value),
  );
  if (Object.keys(changes).length > 0) {
    await actor.tx
      .updateTable("rooms")
      .set({ ...changes, updated_at: new Date() })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", roomId)
      .execute();
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      "room.updated",
      { id: roomId, name: input.name ?? before.name },
      {
        changed: Object.keys(changes),
      },
    );
  }
  return getRoom(actor, roomId);
}

export async function setArchived(actor: MemberActor, roomId: string, archived: boolean): Promise<Room> {
  assertManager(actor);
  const room = await visibleRoom(actor, roomId, true);
  if ((room.archived_at !== null) !== archived) {
    await actor.tx
      .updateTable("rooms")
      .set({ archived_at: archived ? new Date() : null, updated_at: new Date() })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", roomId)
      .execute();
    await recordAudit(actor.tx, actor.networkId, auditActor(actor), archived ? "room.archived" : "room.unarchived", {
      id: roomId,
      name: room.name,
    });
  }
  return getRoom(actor, roomId);
}

/** The new order names every room of the network once: a room made meanwhile makes it stale (409). */
export async function reorderRooms(actor: MemberActor, roomIds: string[]): Promise<{ items: Room[] }> {
  assertManager(actor);
  const rooms = await actor.tx
    .selectFrom("rooms")
    .select(["id"])
    .where("network_id", "=", actor.networkId)
    .orderBy("id")
    .forUpdate()
    .execute();
  const known = new Set(rooms.map((r) => r.id));
  const given = new Set(roomIds);
  if (given.size !== roomIds.length || given.size !== known.size || roomIds.some((id) => !known.has(id)))
    throw conflict({ roomIds: "room_order_stale" });
  await actor.tx
    .updateTable("rooms")
    .set({
      position: sql<number>`array_position(${sql.val(roomIds)}::uuid[], id) - 1`,
      updated_at: new Date(),
    })
    .where("network_id", "=", actor.networkId)
    .execute();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "room.reordered", {}, { roomIds });
  return listRooms(actor);
}

async function privateRoom(actor: MemberActor, roomId: string): Promise<RoomWithState> {
  const room = await visibleRoom(actor, roomId);
  if (room.kind !== "private") throw conflict({ room: "room_not_private" });
  return room;
}

export async function listRoomMembers(actor: MemberActor, roomId: string): Promise<{ items: RoomMember[] }> {
  assertManager(actor);
  await visibleRoom(actor, roomId);
  const rows = await roomMembersOf(actor.tx, actor.networkId, roomId).execute();
  return { items: rows.map(presentRoomMember) };
}

async function memberName(actor: MemberActor, memberId: string) {
  return actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.id", "m.status", "a.display_name"])
    .where("m.network_id", "=", actor.networkId)
    .where("m.id", "=", memberId)
    .executeTakeFirst();
}

export async function addRoomMember(actor: MemberActor, roomId: string, memberId: string): Promise<RoomMember> {
  assertManager(actor);
  const room = await privateRoom(actor, roomId);
  const member = await memberName(actor, memberId);
  if (!member || member.status !== "active") throw validationFailed({ memberId: "room_member_unknown" });
  const inserted = await actor.tx
    .insertInto("room_members")
    .values({ network_id: actor.networkId, room_id: roomId, member_id: memberId, added_by: actor.account.id })
    .onConflict((oc) => oc.columns(["network_id", "room_id", "member_id"]).doNothing())
    .returning("member_id")
    .executeTakeFirst();
  if (inserted)
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      "room.member_added",
      { id: memberId, name: member.display_name },
      {
        roomId,
        roomName: room.name,
      },
    );
  const row = await roomMembersOf(actor.tx, actor.networkId, roomId).where("rm.member_id", "=", memberId).executeTakeFirstOrThrow();
  return presentRoomMember(row);
}

export async function removeRoomMember(actor: MemberActor, roomId: string, memberId: string): Promise<void> {
  assertManager(actor);
  const room = await privateRoom(actor, roomId);
  const member = await memberName(actor, memberId);
  if (!member) throw notFound();
  const removed = await actor.tx
    .deleteFrom("room_members")
    .where("network_id", "=", actor.networkId)
    .where("room_id", "=", roomId)
    .where("member_id", "=", memberId)
    .executeTakeFirst();
  if (removed.numDeletedRows > 0n)
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      "room.member_removed",
      { id: memberId, name: member.display_name },
      {
        roomId,
        roomName: room.name,
      },
    );
}

export async function setRoomMuted(actor: MemberActor, roomId: string, muted: boolean): Promise<Room> {
  await visibleRoom(actor, roomId);
  await upsertSubscription(actor.tx, actor.networkId, roomId, actor.membershipId, { muted });
  return getRoom(actor, roomId);
}

export async function markRoomRead(actor: MemberActor, roomId: string): Promise<Room> {
  await visibleRoom(actor, roomId);
  await upsertSubscription(actor.tx, actor.networkId, roomId, actor.membershipId, { last_read_at: new Date() });
  return getRoom(actor, roomId);
}

// --- room requests ---

export interface RoomRequestInput {
  name: string;
  description: string;
  kind: "open" | "private";
  audience: RoomAudience;
  reason: string;
}

async function getRoomRequest(actor: MemberActor, requestId: string): Promise<RoomRequest> {
  const row = await roomRequestsWithPeople(actor.tx, actor.networkId).where("q.id", "=", requestId).executeTakeFirstOrThrow();
  return presentRoomRequest(row);
}

export async function createRoomRequest(actor: MemberActor, input: RoomRequestInput): Promise<RoomRequest> {
  const row = await actor.tx
    .insertInto("room_requests")
    .values({ network_id: actor.networkId, requester_id: actor.membershipId, ...input })
    .returning("id")
    .executeTakeFirstOrThrow();
  return getRoomRequest(actor, row.id);
}

/** Admins read every request; a member reads their own. */
export async function listRoomRequests(
  actor: MemberActor,
  query: { status?: RoomRequest["status"] | undefined; cursor?: string | undefined; limit: number },
) {
  const after = decodeCursor(query.cursor);
  let q = roomRequestsWithPeople(actor.tx, actor.networkId)
    .select(sql<string>`q.created_at::text`.as("sort_key"))
    .orderBy("q.created_at", "desc")
    .orderBy("q.id", "desc")
    .limit(query.limit + 1);
  if (!canManageRooms(actor)) q = q.where("q.requester_id", "=", actor.membershipId);
  if (query.status) q = q.where("q.status", "=", query.status);
  if (after) q = q.where(sql<boolean>`(q.created_at, q.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentRoomRequest), nextCursor };
}

export async function decideRoomRequest(
  deps: Deps,
  actor: MemberActor,
  requestId: string,
  input: { decision: "approve" | "decline"; reply: string },
): Promise<RoomRequest> {
  assertManager(actor);
  const request = await roomRequestsWithPeople(actor.tx, actor.networkId).where("q.id", "=", requestId).forUpdate("q").executeTakeFirst();
  if (!request) throw notFound();
  if (request.status !== "pending") throw conflict({ request: "request_decided" });
  const network = await findNetwork(actor.tx, actor.networkId);
  if (!network) throw notFound();

  const approved = input.decision === "approve";
  let roomId: string | null = null;
  if (approved) {
    roomId = await insertRoom(actor, request);
    if (request.kind === "private")
      await actor.tx
        .insertInto("room_members")
        .values({ network_id: actor.networkId, room_id: roomId, member_id: request.requester_id, added_by: actor.account.id })
        .execute();
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      "room.created",
      { id: roomId, name: request.name },
      {
        kind: request.kind,
        audience: request.audience,
        roomRequestId: requestId,
      },
    );
  }
  await actor.tx
    .updateTable("room_requests")
    .set({
      status: approved ? "approved" : "declined",
      reply: input.reply,
      room_id: roomId,
      decided_by: actor.account.id,
      decided_at: new Date(),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", requestId)
    .execute();
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    approved ? "room_request.approved" : "room_request.declined",
    { id: requestId, name: request.requester_name },
    { roomName: request.name },
  );
  await deps.mailer.send(actor.tx, request.requester_email, request.requester_locale, {
    kind: approved ? "room_request_approved" : "room_request_declined",
    name: request.requester_name,
    networkName: network.name,
    roomName: request.name,
    reply: input.reply,
    url: `${deps.config.publicUrl}/n/${network.slug}${roomId ? `/rooms/${roomId}` : ""}`,
  });
  actor.afterCommit(() => Promise.resolve(deps.mailer.flush()));
  await notify(deps, actor.tx, (task) => actor.afterCommit(task), {
    networkId: actor.networkId,
    recipientMemberIds: [request.requester_id],
    kind: "room_request_decided",
    actorMemberId: actor.membershipId,
    roomRequestId: requestId,
  });
  return getRoomRequest(actor, requestId);
}
