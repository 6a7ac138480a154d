// Who may do what with posts and comments, on top of the room policy (rooms.policy.ts): pure
// functions of the viewer, the room and whether the viewer wrote the thing. Reading follows
// canSeeRoom (a room one cannot see does not exist: 404); the rest answers 403 when false.
import { canCommentInRoom, canManageRooms, canSeeRoom, type RoomFacts, type RoomViewer } from "../rooms/rooms.policy.ts";

/** Editing: the author only, while they see the room and it is not archived. */
export const canEditOwn = (viewer: RoomViewer, room: RoomFacts, isAuthor: boolean) =>
  isAuthor && !room.archived && canSeeRoom(viewer, room);

/** Deleting: the author (room not archived), or an admin (moderation, archived rooms too). */
export const canDelete = (viewer: RoomViewer, room: RoomFacts, isAuthor: boolean) =>
  canManageRooms(viewer) || (isAuthor && !room.archived && canSeeRoom(viewer, room));

/** Pinning posts: admins. */
export const canPin = (viewer: RoomViewer) => canManageRooms(viewer);

/** Stamps go wherever comments do. */
export const canStamp = canCommentInRoom;

/** Everything a post's `can` tells the viewer, for a post they did (own) or did not write. */
export const postRights = (viewer: RoomViewer, room: RoomFacts, own: boolean) => ({
  edit: canEditOwn(viewer, room, own),
  delete: canDelete(viewer, room, own),
  pin: canPin(viewer),
  comment: canCommentInRoom(viewer, room),
});
