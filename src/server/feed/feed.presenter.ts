// The rooms a member sees, and posts from several of them presented as the room timeline
// presents them (stamps, the viewer's rights per room).
import { sql } from "kysely";
import type { Post } from "../../shared/contract/posts.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { canSeeRoom, type RoomFacts, type RoomViewer } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import type { RoomWithState } from "../rooms/rooms.repository.ts";
import { postRights } from "../posts/posts.policy.ts";
import { presentPost } from "../posts/posts.presenter.ts";
import { extrasOf, type PostWithExtras } from "../posts/posts.repository.ts";

export interface VisibleRoom {
  room: Pick<RoomWithState, "id" | "name" | "default_key" | "kind" | "audience" | "archived_at" | "in_room">;
  viewer: RoomViewer;
  facts: RoomFacts;
}

/**
 * The unarchived rooms the member sees, in the rooms list's order — only what deciding and naming
 * them takes: a network has hundreds of rooms, and every feed and search reads them all. With
 * `among`, only those of these rooms (the rooms of a feed's copy: decision 0022).
 */
export async function visibleRooms(actor: MemberActor, among?: readonly string[]): Promise<Map<string, VisibleRoom>> {
  let q = actor.tx
    .selectFrom("rooms as r")
    .leftJoin("room_members as rm", (j) =>
      j.onRef("rm.network_id", "=", "r.network_id").onRef("rm.room_id", "=", "r.id").on("rm.member_id", "=", actor.membershipId),
    )
    .select([
      "r.id",
      "r.name",
      "r.default_key",
      "r.kind",
      "r.audience",
      "r.archived_at",
      sql<boolean>`rm.member_id is not null`.as("in_room"),
    ])
    .where("r.network_id", "=", actor.networkId)
    .where("r.archived_at", "is", null)
    .orderBy("r.position")
    .orderBy("r.created_at")
    .orderBy("r.id");
  // One array parameter, whatever the number of rooms (one prepared statement).
  if (among) q = q.where(sql<boolean>`r.id = any(${[...among]}::uuid[])`);
  const rows = await q.execute();
  const rooms = new Map<string, VisibleRoom>();
  for (const room of rows) {
    const viewer = { role: actor.role, inRoom: room.in_room };
    const facts = roomFacts(room);
    if (canSeeRoom(viewer, facts)) rooms.set(room.id, { room, viewer, facts });
  }
  return rooms;
}

/** The room of a feed post or search hit. */
export function roomRef(rooms: Map<string, VisibleRoom>, roomId: string) {
  const room = rooms.get(roomId)?.room;
  return { id: roomId, name: room?.name ?? "", defaultKey: room?.default_key ?? null };
}

export function presentPostsAcrossRooms(actor: MemberActor, rooms: Map<string, VisibleRoom>, rows: PostWithExtras[]): Post[] {
  const { stamps, images } = extrasOf(actor.networkId, rows);
  return rows.flatMap((row) => {
    const room = rooms.get(row.room_id);
    if (!room) return [];
    return [
      presentPost(
        row,
        stamps.get(row.id) ?? [],
        postRights(room.viewer, room.facts, row.author_id === actor.membershipId),
        images.get(row.id) ?? [],
        { accountId: actor.account.id, admin: actor.role === "admin" },
      ),
    ];
  });
}
