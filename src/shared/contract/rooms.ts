// Talk rooms (トークルーム): the rooms a member sees, in the admins' order, with their own muted and
// read state; the admins' management of rooms and of private rooms' members; members' requests
// for new rooms. Posts are in posts.ts; `roomSchema.unread` counts them.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page, pageQuery } from "./common.ts";

export const roomLimits = { nameMax: 60, descriptionMax: 500, reasonMax: 1000, replyMax: 2000, orderMax: 500 } as const;

export const roomKinds = ["open", "private", "announcement"] as const;
export type RoomKind = (typeof roomKinds)[number];
export const roomAudiences = ["everyone", "alumni", "employees"] as const;
export type RoomAudience = (typeof roomAudiences)[number];
export const roomKind = z.enum(roomKinds);
export const roomAudience = z.enum(roomAudiences);

const networkParams = z.object({ networkId: id });
const roomParams = z.object({ networkId: id, roomId: id });
const roomName = z.string().trim().min(1).max(roomLimits.nameMax);
const roomDescription = z.string().trim().max(roomLimits.descriptionMax);

export const roomSchema = z.object({
  id,
  name: z.string(),
  description: z.string(),
  kind: roomKind,
  audience: roomAudience,
  position: z.number().int(),
  /** One of the three rooms every network starts with (お知らせ, 雑談ルーム, 自己紹介), else null. */
  defaultKey: z.enum(["announcements", "casual", "introductions"]).nullable(),
  /** Archived rooms are listed to admins only. */
  archivedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  /** The caller's own state of the room. */
  muted: z.boolean(),
  lastReadAt: isoDateTime.nullable(),
  /** Posts after lastReadAt (all, if never read) by others, not deleted. Muted rooms count too: the UI may hide them. */
  unread: z.number().int(),
  /** What the caller may do here (for the web UI; the server checks again). */
  can: z.object({ post: z.boolean(), comment: z.boolean(), manage: z.boolean() }),
});
export type Room = z.infer<typeof roomSchema>;

export const listRooms = endpoint({
  id: "listRooms",
  method: "GET",
  path: "/api/networks/:networkId/rooms",
  summary: "The rooms the caller can see, in order (admins also get archived rooms, last)",
  tag: "rooms",
  access: "member",
  params: networkParams,
  response: z.object({ items: z.array(roomSchema) }),
});

export const getRoom = endpoint({
  id: "getRoom",
  method: "GET",
  path: "/api/networks/:networkId/rooms/:roomId",
  summary: "One room the caller can see (404 otherwise)",
  tag: "rooms",
  access: "member",
  params: roomParams,
  response: roomSchema,
});

export const createRoom = endpoint({
  id: "createRoom",
  method: "POST",
  path: "/api/networks/:networkId/rooms",
  summary: "Create a room (admins); it goes last in the order",
  tag: "rooms",
  access: "network_admin",
  status: 201,
  params: networkParams,
  body: z.object({
    name: roomName,
    description: roomDescription.default(""),
    kind: roomKind.default("open"),
    audience: roomAudience.default("everyone"),
  }),
  response: roomSchema,
});

export const updateRoom = endpoint({
  id: "updateRoom",
  method: "PATCH",
  path: "/api/networks/:networkId/rooms/:roomId",
  summary: "Change a room's name, description, kind or audience (admins)",
  tag: "rooms",
  access: "network_admin",
  params: roomParams,
  body: z.object({
    name: roomName.optional(),
    description: roomDescription.optional(),
    kind: roomKind.optional(),
    audience: roomAudience.optional(),
  }),
  response: roomSchema,
});

export const archiveRoom = endpoint({
  id: "archiveRoom",
  method: "POST",
  path: "/api/networks/:networkId/rooms/:roomId/archive",
  summary: "Archive a room (admins): members no longer see it",
  tag: "rooms",
  access: "network_admin",
  params: roomParams,
  response: roomSchema,
});

export const unarchiveRoom = endpoint({
  id: "unarchiveRoom",
  method: "POST",
  path: "/api/networks/:networkId/rooms/:roomId/unarchive",
  summary: "Bring an archived room back (admins)",
  tag: "rooms",
  access: "network_admin",
  params: roomParams,
  response: roomSchema,
});

export const reorderRooms = endpoint({
  id: "reorderRooms",
  method: "PUT",
  path: "/api/networks/:networkId/room-order",
  summary: "Set the order of the rooms (admins): every room id of the network, archived ones included, once",
  tag: "rooms",
  access: "network_admin",
  params: networkParams,
  body: z.object({ roomIds: z.array(id).min(1).max(roomLimits.orderMax) }),
  response: z.object({ items: z.array(roomSchema) }),
});

export const roomMemberSchema = z.object({ memberId: id, accountId: id, displayName: z.string(), addedAt: isoDateTime });
export type RoomMember = z.infer<typeof roomMemberSchema>;

export const listRoomMembers = endpoint({
  id: "listRoomMembers",
  method: "GET",
  path: "/api/networks/:networkId/rooms/:roomId/members",
  summary: "Who is in a private room (admins)",
  tag: "rooms",
  access: "network_admin",
  params: roomParams,
  response: z.object({ items: z.array(roomMemberSchema) }),
});

export const addRoomMember = endpoint({
  id: "addRoomMember",
  method: "POST",
  path: "/api/networks/:networkId/rooms/:roomId/members",
  summary: "Add an active member of the network to a private room (admins)",
  tag: "rooms",
  access: "network_admin",
  status: 201,
  params: roomParams,
  body: z.object({ memberId: id }),
  response: roomMemberSchema,
});

export const removeRoomMember = endpoint({
  id: "removeRoomMember",
  method: "DELETE",
  path: "/api/networks/:networkId/rooms/:roomId/members/:memberId",
  summary: "Take a member out of a private room (admins); nothing to do if they are not in it",
  tag: "rooms",
  access: "network_admin",
  params: z.object({ networkId: id, roomId: id, memberId: id }),
});

export const setRoomMuted = endpoint({
  id: "setRoomMuted",
  method: "PUT",
  path: "/api/networks/:networkId/rooms/:roomId/mute",
  summary: "Mute or unmute a room for the caller",
  tag: "rooms",
  access: "member",
  params: roomParams,
  body: z.object({ muted: z.boolean() }),
  response: roomSchema,
});

export const markRoomRead = endpoint({
  id: "markRoomRead",
  method: "POST",
  path: "/api/networks/:networkId/rooms/:roomId/read",
  summary: "The caller has read the room up to now",
  tag: "rooms",
  access: "member",
  params: roomParams,
  response: roomSchema,
});

// --- room requests ---

export const roomRequestStatuses = ["pending", "approved", "declined"] as const;
export const roomRequestSchema = z.object({
  id,
  requesterId: id,
  requesterName: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(["open", "private"]),
  audience: roomAudience,
  reason: z.string(),
  status: z.enum(roomRequestStatuses),
  reply: z.string(),
  roomId: id.nullable(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  decidedByName: z.string().nullable(),
});
export type RoomRequest = z.infer<typeof roomRequestSchema>;

export const createRoomRequest = endpoint({
  id: "createRoomRequest",
  method: "POST",
  path: "/api/networks/:networkId/room-requests",
  summary: "Ask the admins for a new room",
  tag: "rooms",
  access: "member",
  status: 201,
  params: networkParams,
  body: z.object({
    name: roomName,
    description: roomDescription.default(""),
    kind: z.enum(["open", "private"]).default("open"),
    audience: roomAudience.default("everyone"),
    reason: z.string().trim().max(roomLimits.reasonMax).default(""),
  }),
  response: roomRequestSchema,
});

export const listRoomRequests = endpoint({
  id: "listRoomRequests",
  method: "GET",
  path: "/api/networks/:networkId/room-requests",
  summary: "Room requests, newest first: all of them for admins, one's own for members",
  tag: "rooms",
  access: "member",
  params: networkParams,
  query: pageQuery.extend({ status: z.enum(roomRequestStatuses).optional() }),
  response: page(roomRequestSchema),
});

export const decideRoomRequest = endpoint({
  id: "decideRoomRequest",
  method: "POST",
  path: "/api/networks/:networkId/room-requests/:roomRequestId/decision",
  summary: "Approve (creates the room) or decline a room request (admins); the requester gets the reply by mail",
  tag: "rooms",
  access: "network_admin",
  params: z.object({ networkId: id, roomRequestId: id }),
  body: z.object({
    decision: z.enum(["approve", "decline"]),
    reply: z.string().trim().max(roomLimits.replyMax).default(""),
  }),
  response: roomRequestSchema,
});
