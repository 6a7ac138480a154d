// Rows → API shapes for rooms, their members and room requests.
import type { Room, RoomMember, RoomRequest } from "../../shared/contract/rooms.ts";
import type { MemberRole } from "../../shared/limits.ts";
import { roomActions } from "./rooms.policy.ts";
import type { RoomRequestWithPeople, RoomWithState } from "./rooms.repository.ts";

export const roomFacts = (row: Pick<RoomWithState, "kind" | "audience" | "archived_at">) => ({
  kind: row.kind,
  audience: row.audience,
  archived: row.archived_at !== null,
});

export function presentRoom(row: RoomWithState, role: MemberRole, unread = 0): Room {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    audience: row.audience,
    position: row.position,
    defaultKey: row.default_key,
    archivedAt: row.archived_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    muted: row.muted ?? false,
    lastReadAt: row.last_read_at?.toISOString() ?? null,
    unread,
    can: roomActions({ role, inRoom: row.in_room }, roomFacts(row)),
  };
}

export const presentRoomMember = (row: { member_id: string; account_id: string; display_name: string; created_at: Date }): RoomMember => ({
  memberId: row.member_id,
  accountId: row.account_id,
  displayName: row.display_name,
  addedAt: row.created_at.toISOString(),
});

export const presentRoomRequest = (row: RoomRequestWithPeople): RoomRequest => ({
  id: row.id,
  requesterId: row.requester_id,
  requesterName: row.requester_name,
  name: row.name,
  description: row.description,
  kind: row.kind,
  audience: row.audience,
  reason: row.reason,
  status: row.status,
  reply: row.reply,
  roomId: row.room_id,
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
  decidedByName: row.decided_by_name,
});
