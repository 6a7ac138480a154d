// Who may do what in a room: pure functions of the viewer (role, and whether they are in the
// room's member list) and the room (kind, audience, archived). Tested on their own.
import type { RoomAudience, RoomKind } from "../../shared/contract/rooms.ts";
import type { MemberRole } from "../../shared/limits.ts";

export interface RoomViewer {
  role: MemberRole;
  /** Listed in the room's members (matters for private rooms only). */
  inRoom: boolean;
}

export interface RoomFacts {
  kind: RoomKind;
  audience: RoomAudience;
  archived: boolean;
}

/**
 * Which roles an audience takes in (admins see every room anyway). The one place that maps roles
 * to audiences: a future role — the supporter (アルムナイサポーター), an appointed alumni member
 * who helps run the network — is added to `memberRoles` and given its audiences here (and, if it
 * moderates, its own case in `canManageRooms`).
 */
const audienceRoles: Record<RoomAudience, readonly MemberRole[]> = {
  everyone: ["admin", "employee", "alumni"],
  alumni: ["alumni"],
  employees: ["employee"],
};

export const canManageRooms = (viewer: Pick<RoomViewer, "role">) => viewer.role === "admin";

/** Admins see every room, archived ones too; others see unarchived rooms of their audience (private: if they are in it). */
export function canSeeRoom(viewer: RoomViewer, room: RoomFacts): boolean {
  if (canManageRooms(viewer)) return true;
  if (room.archived) return false;
  if (!audienceRoles[room.audience].includes(viewer.role)) return false;
  return room.kind !== "private" || viewer.inRoom;
}

/** Starting a post: admins only in announcement rooms; elsewhere whoever sees the room. Nobody in an archived room. */
export function canPostInRoom(viewer: RoomViewer, room: RoomFacts): boolean {
  if (room.archived || !canSeeRoom(viewer, room)) return false;
  return room.kind !== "announcement" || canManageRooms(viewer);
}

/** Commenting and stamps: whoever sees the room (announcement rooms included), unless archived. */
export const canCommentInRoom = (viewer: RoomViewer, room: RoomFacts) => !room.archived && canSeeRoom(viewer, room);

export function roomActions(viewer: RoomViewer, room: RoomFacts) {
  return { post: canPostInRoom(viewer, room), comment: canCommentInRoom(viewer, room), manage: canManageRooms(viewer) };
}
