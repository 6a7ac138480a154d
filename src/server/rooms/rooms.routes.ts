// Talk rooms: the member's rooms and their own state, the admins' management, room requests.
import * as c from "../../shared/contract/rooms.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as rooms from "./rooms.service.ts";

const oneHour = 3600;

export function roomsRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.listRooms, ({ actor }) => rooms.listRooms(actor), { read: true }),
    route(c.getRoom, ({ actor, params }) => rooms.getRoom(actor, params.roomId), { read: true }),
    route(c.createRoom, ({ actor, body }) => rooms.createRoom(actor, body)),
    route(c.updateRoom, ({ actor, params, body }) => rooms.updateRoom(actor, params.roomId, body)),
    route(c.archiveRoom, ({ actor, params }) => rooms.setArchived(actor, params.roomId, true)),
    route(c.unarchiveRoom, ({ actor, params }) => rooms.setArchived(actor, params.roomId, false)),
    route(c.reorderRooms, ({ actor, body }) => rooms.reorderRooms(actor, body.roomIds)),
    route(c.listRoomMembers, ({ actor, params }) => rooms.listRoomMembers(actor, params.roomId)),
    route(c.addRoomMember, ({ actor, params, body }) => rooms.addRoomMember(actor, params.roomId, body.memberId)),
    route(c.removeRoomMember, ({ actor, params }) => rooms.removeRoomMember(actor, params.roomId, params.memberId)),
    route(c.setRoomMuted, ({ actor, params, body }) => rooms.setRoomMuted(actor, params.roomId, body.muted)),
    route(c.markRoomRead, ({ actor, params }) => rooms.markRoomRead(actor, params.roomId)),
    route(c.createRoomRequest, ({ actor, body }) => rooms.createRoomRequest(actor, body), {
      rateLimits: [{ name: "room-request:account", max: 20, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.listRoomRequests, ({ actor, query }) => rooms.listRoomRequests(actor, query)),
    route(c.decideRoomRequest, ({ actor, params, body }) => rooms.decideRoomRequest(deps, actor, params.roomRequestId, body)),
  ];
}
