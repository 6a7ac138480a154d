// Talk rooms: the default rooms, the permission matrix over role × room × action (generated from
// the tables below), ordering, archiving, private rooms' members, mute and read, room requests
// with their mails, validation and the audit log.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membership from "../../src/shared/contract/membership.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import * as rooms from "../../src/shared/contract/rooms.ts";
import type { Room, RoomAudience, RoomKind } from "../../src/shared/contract/rooms.ts";
import type { MemberRole } from "../../src/shared/limits.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { migrate } from "../../src/server/platform/db/migrate.ts";
import { fieldMessage } from "../../src/server/platform/i18n/messages.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { canCommentInRoom, canManageRooms, canPostInRoom, canSeeRoom } from "../../src/server/rooms/rooms.policy.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeNetwork, makeQuickTenant, newEmail, sessionClient } from "../helpers/factories.ts";
import { mailsTo } from "../helpers/outbox.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });
const rp = (network: Pick<NetworkRow, "id">, roomId: string) => ({ params: { networkId: network.id, roomId } });

async function createRoom(admin: Client, network: Pick<NetworkRow, "id">, body: Record<string, unknown>): Promise<Room> {
  const res = await admin.call(rooms.createRoom, { ...p(network), body });
  expect(res.status, res.raw).toBe(201);
  return res.body as Room;
}

async function listRooms(client: Client, network: Pick<NetworkRow, "id">): Promise<Room[]> {
  const res = await client.call(rooms.listRooms, p(network));
  expect(res.status, res.raw).toBe(200);
  return res.body.items as Room[];
}

async function auditActions(admin: Client, network: Pick<NetworkRow, "id">): Promise<string[]> {
  const res = await admin.call(membership.listAuditLog, { ...p(network), query: { limit: 100 } });
  expect(res.status, res.raw).toBe(200);
  return (res.body.items as { action: string }[]).map((e) => e.action);
}

const defaultRooms = [
  { name: "お知らせ", kind: "announcement", audience: "everyone", defaultKey: "announcements", position: 0 },
  { name: "雑談ルーム", kind: "open", audience: "everyone", defaultKey: "casual", position: 1 },
  { name: "自己紹介", kind: "open", audience: "everyone", defaultKey: "introductions", position: 2 },
];

describe("default rooms", () => {
  it("a network the operator creates starts with お知らせ, 雑談ルーム and 自己紹介", async () => {
    const operator = await sessionClient(t, await makeAccount(t, { operator: true }));
    const admin = await makeAccount(t);
    const res = await operator.call(networks.createNetwork, {
      body: { name: "新しいネットワーク", slug: `new-${admin.id.slice(0, 8)}`, kind: "company", adminEmail: admin.email },
    });
    expect(res.status, res.raw).toBe(201);
    const listed = await listRooms(await sessionClient(t, admin), { id: res.body.id as string });
    expect(
      listed.map((r) => ({ name: r.name, kind: r.kind, audience: r.audience, defaultKey: r.defaultKey, position: r.position })),
    ).toEqual(defaultRooms);
    expect(listed.find((r) => r.kind === "announcement")?.can).toEqual({ post: true, comment: true, manage: true });
  });

  it("the migration gives them to networks that existed before it, once", async () => {
    const own = await createTestApp();
    try {
      // Back to the schema before 0004, with a network in it; then migrate again.
      await own.database.exec(`drop table room_requests, room_subscriptions, room_members, rooms cascade;
        drop function create_default_rooms(uuid); delete from schema_migrations where version = '0004_rooms';`);
      const existing = await makeNetwork(own);
      expect(await migrate(own.database)).toEqual(["0004_rooms"]);
      const read = () =>
        inSystem(own.database, (tx) =>
          tx
            .selectFrom("rooms")
            .select(["name", "kind", "audience", "default_key", "position"])
            .where("network_id", "=", existing.id)
            .orderBy("position")
            .execute(),
        );
      const expected = defaultRooms.map((r) => ({
        name: r.name,
        kind: r.kind,
        audience: r.audience,
        default_key: r.defaultKey,
        position: r.position,
      }));
      expect(await read()).toEqual(expected);
      // The shared function is idempotent: calling it again adds nothing.
      await inSystem(own.database, (tx) => sql`select create_default_rooms(${existing.id}::uuid)`.execute(tx));
      expect(await read()).toEqual(expected);
    } finally {
      await own.close();
    }
  });
});

describe("room policy (pure functions)", () => {
  const room = (kind: RoomKind, audience: RoomAudience = "everyone", archived = false) => ({ kind, audience, archived });
  it("admins see and manage everything; posting in announcement rooms is theirs", () => {
    const admin = { role: "admin" as const, inRoom: false };
    for (const kind of rooms.roomKinds)
      for (const audience of rooms.roomAudiences) expect(canSeeRoom(admin, room(kind, audience, true))).toBe(true);
    expect(canManageRooms(admin)).toBe(true);
    expect(canPostInRoom(admin, room("announcement"))).toBe(true);
    expect(canPostInRoom(admin, room("open", "everyone", true))).toBe(false);
  });
  it("members: audience, private membership, archive; comments wherever they see", () => {
    const alumni = { role: "alumni" as const, inRoom: false };
    expect(canSeeRoom(alumni, room("open", "alumni"))).toBe(true);
    expect(canSeeRoom(alumni, room("open", "employees"))).toBe(false);
    expect(canSeeRoom(alumni, room("private"))).toBe(false);
    expect(canSeeRoom({ ...alumni, inRoom: true }, room("private"))).toBe(true);
    expect(canSeeRoom({ ...alumni, inRoom: true }, room("private", "employees"))).toBe(false);
    expect(canSeeRoom(alumni, room("open", "everyone", true))).toBe(false);
    expect(canPostInRoom(alumni, room("announcement"))).toBe(false);
    expect(canCommentInRoom(alumni, room("announcement"))).toBe(true);
    expect(canManageRooms(alumni)).toBe(false);
  });
});

// --- the permission matrix ---

type Who = "admin" | "employee" | "alumni" | "nonMember" | "otherAdmin";
const everyone: Who[] = ["admin", "employee", "alumni", "nonMember", "otherAdmin"];

/** The rooms of the matrix, and who of the network's members sees each (admins see all). */
const matrixRooms = {
  open: { kind: "open", audience: "everyone", members: [], sees: ["admin", "employee", "alumni"] },
  privateMember: { kind: "private", audience: "everyone", members: ["employee", "alumni"], sees: ["admin", "employee", "alumni"] },
  privateNotMember: { kind: "private", audience: "everyone", members: [], sees: ["admin"] },
  announcement: { kind: "announcement", audience: "everyone", members: [], sees: ["admin", "employee", "alumni"] },
  alumniOnly: { kind: "open", audience: "alumni", members: [], sees: ["admin", "alumni"] },
  employeeOnly: { kind: "open", audience: "employees", members: [], sees: ["admin", "employee"] },
} as const satisfies Record<string, { kind: RoomKind; audience: RoomAudience; members: MemberRole[]; sees: MemberRole[] }>;
type RoomKey = keyof typeof matrixRooms;

interface World {
  tenant: Tenant;
  other: Tenant;
  clients: Record<Who, Client>;
  roomIds: Record<RoomKey, string>;
}

/**
 * Each action: how to call it, and what it answers given whether the caller sees the room. Not
 * members of the network (nobody, another network's admin) get 404 on every route; admin actions
 * are 403 for members who are not admins; a room the caller can't see is 404.
 */
interface Action {
  call: (w: World, who: Who, room: RoomKey) => Promise<Result>;
  ok: number;
  adminOnly: boolean;
  /** Extra outcome for admins, e.g. 409 for member lists of rooms that are not private. */
  adminOutcome?: (room: RoomKey) => number;
}

const isPrivate = (room: RoomKey) => matrixRooms[room].kind === "private";

const actions: Record<string, Action> = {
  list: {
    ok: 200,
    adminOnly: false,
    call: async (w, who, room) => {
      const res = await w.clients[who].call(rooms.listRooms, p(w.tenant.network));
      // Listed → 200, not listed → "404" (the room does not exist for the caller).
      if (res.status !== 200) return res;
      const listed = (res.body.items as Room[]).some((r) => r.id === w.roomIds[room]);
      return { ...res, status: listed ? 200 : 404 };
    },
  },
  get: { ok: 200, adminOnly: false, call: (w, who, room) => w.clients[who].call(rooms.getRoom, rp(w.tenant.network, w.roomIds[room])) },
  mute: {
    ok: 200,
    adminOnly: false,
    call: (w, who, room) => w.clients[who].call(rooms.setRoomMuted, { ...rp(w.tenant.network, w.roomIds[room]), body: { muted: true } }),
  },
  unmute: {
    ok: 200,
    adminOnly: false,
    call: (w, who, room) => w.clients[who].call(rooms.setRoomMuted, { ...rp(w.tenant.network, w.roomIds[room]), body: { muted: false } }),
  },
  markRead: {
    ok: 200,
    adminOnly: false,
    call: (w, who, room) => w.clients[who].call(rooms.markRoomRead, rp(w.tenant.network, w.roomIds[room])),
  },
  update: {
    ok: 200,
    adminOnly: true,
    call: (w, who, room) =>
      w.clients[who].call(rooms.updateRoom, { ...rp(w.tenant.network, w.roomIds[room]), body: { description: `by ${who}` } }),
  },
  archive: {
    ok: 200,
    adminOnly: true,
    call: (w, who, room) => w.clients[who].call(rooms.archiveRoom, rp(w.tenant.network, w.roomIds[room])),
  },
  unarchive: {
    ok: 200,
    adminOnly: true,
    call: (w, who, room) => w.clients[who].call(rooms.unarchiveRoom, rp(w.tenant.network, w.roomIds[room])),
  },
  listMembers: {
    ok: 200,
    adminOnly: true,
    call: (w, who, room) => w.clients[who].call(rooms.listRoomMembers, rp(w.tenant.network, w.roomIds[room])),
  },
  addMember: {
    ok: 201,
    adminOnly: true,
    adminOutcome: (room) => (isPrivate(room) ? 201 : 409),
    call: (w, who, room) =>
      w.clients[who].call(rooms.addRoomMember, {
        ...rp(w.tenant.network, w.roomIds[room]),
        body: { memberId: w.tenant.alumni.membership.id },
      }),
  },
  removeMember: {
    ok: 204,
    adminOnly: true,
    adminOutcome: (room) => (isPrivate(room) ? 204 : 409),
    call: (w, who, room) =>
      w.clients[who].call(rooms.removeRoomMember, {
        params: { networkId: w.tenant.network.id, roomId: w.roomIds[room], memberId: w.tenant.employee.membership.id },
      }),
  },
  createRoom: {
    ok: 201,
    adminOnly: true,
    call: (w, who) => w.clients[who].call(rooms.createRoom, { ...p(w.tenant.network), body: { name: `${who}のルーム` } }),
  },
};

function expected(action: Action, who: Who, room: RoomKey): number {
  if (who === "nonMember" || who === "otherAdmin") return 404;
  if (action.adminOnly) return who === "admin" ? (action.adminOutcome?.(room) ?? action.ok) : 403;
  return (matrixRooms[room].sees as readonly Who[]).includes(who) ? action.ok : 404;
}

async function makeWorld(): Promise<World> {
  const tenant = await makeQuickTenant(t);
  const other = await makeQuickTenant(t);
  const clients: Record<Who, Client> = {
    admin: tenant.admin.client,
    employee: tenant.employee.client,
    alumni: tenant.alumni.client,
    nonMember: await sessionClient(t, await makeAccount(t)),
    otherAdmin: other.admin.client,
  };
  const roomIds = {} as Record<RoomKey, string>;
  for (const [key, spec] of Object.entries(matrixRooms) as [RoomKey, (typeof matrixRooms)[RoomKey]][]) {
    roomIds[key] = (await createRoom(tenant.admin.client, tenant.network, { name: key, kind: spec.kind, audience: spec.audience })).id;
    for (const role of spec.members as readonly MemberRole[]) {
      const memberId = role === "employee" ? tenant.employee.membership.id : tenant.alumni.membership.id;
      const res = await tenant.admin.client.call(rooms.addRoomMember, { ...rp(tenant.network, roomIds[key]), body: { memberId } });
      expect(res.status, res.raw).toBe(201);
    }
  }
  return { tenant, other, clients, roomIds };
}

/** Puts the matrix room back as it was (the admin actions change it). */
async function restore(w: World, room: RoomKey) {
  await inSystem(t.database, async (tx) => {
    await tx.updateTable("rooms").set({ archived_at: null }).where("id", "=", w.roomIds[room]).execute();
    await tx.deleteFrom("room_members").where("room_id", "=", w.roomIds[room]).execute();
    const members = (matrixRooms[room].members as readonly MemberRole[]).map((role) =>
      role === "employee" ? w.tenant.employee.membership.id : w.tenant.alumni.membership.id,
    );
    if (members.length)
      await tx
        .insertInto("room_members")
        .values(members.map((member_id) => ({ network_id: w.tenant.network.id, room_id: w.roomIds[room], member_id })))
        .execute();
  });
}

describe("permission matrix: role × room × action", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  const cases = Object.entries(actions).flatMap(([name, action]) =>
    (Object.keys(matrixRooms) as RoomKey[]).map((room) => [name, room, action] as const),
  );

  it.each(cases)("%s in the %s room: exactly who may", async (_name, room, action) => {
    const outcomes: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const who of everyone) {
      const res = await action.call(w, who, room);
      outcomes[who] = res.status;
      wanted[who] = expected(action, who, room);
      await restore(w, room);
    }
    expect(outcomes).toEqual(wanted);
  });

  it("what a visible room lets each member do (post / comment / manage)", async () => {
    for (const who of ["admin", "employee", "alumni"] as const) {
      for (const room of Object.keys(matrixRooms) as RoomKey[]) {
        if (!(matrixRooms[room].sees as readonly Who[]).includes(who)) continue;
        const res = await w.clients[who].call(rooms.getRoom, rp(w.tenant.network, w.roomIds[room]));
        expect(res.status, res.raw).toBe(200);
        const post = who === "admin" || matrixRooms[room].kind !== "announcement";
        expect(res.body.can, `${who} in ${room}`).toEqual({ post, comment: true, manage: who === "admin" });
      }
    }
  });
});

// --- the rest of the feature ---

describe("order, archive, mute and read", () => {
  it("admins reorder every room; a stale order is refused", async () => {
    const own = await makeQuickTenant(t);
    const made = [];
    for (const name of ["一", "二", "三"]) made.push(await createRoom(own.admin.client, own.network, { name }));
    expect(made.map((r) => r.position)).toEqual([0, 1, 2]);
    const reversed = made.map((r) => r.id).reverse();
    const res = await own.admin.client.call(rooms.reorderRooms, { ...p(own.network), body: { roomIds: reversed } });
    expect(res.status, res.raw).toBe(200);
    expect((await listRooms(own.employee.client, own.network)).map((r) => r.name)).toEqual(["三", "二", "一"]);

    const stale = await own.admin.client.call(rooms.reorderRooms, { ...p(own.network), body: { roomIds: reversed.slice(1) } });
    expect(expectError(stale, 409, "conflict").fields).toEqual({ roomIds: fieldMessage("room_order_stale", "ja") });
    const twice = await own.admin.client.call(rooms.reorderRooms, {
      ...p(own.network),
      body: { roomIds: [reversed[0], reversed[0], reversed[1]] },
    });
    expectError(twice, 409, "conflict");
    expect(await auditActions(own.admin.client, own.network)).toContain("room.reordered");
  });

  it("archived rooms leave members' list and stay, flagged and last, in the admins'", async () => {
    const own = await makeQuickTenant(t);
    const first = await createRoom(own.admin.client, own.network, { name: "古いルーム" });
    await createRoom(own.admin.client, own.network, { name: "新しいルーム" });
    const res = await own.admin.client.call(rooms.archiveRoom, rp(own.network, first.id));
    expect(res.status, res.raw).toBe(200);
    expect(res.body.archivedAt).not.toBeNull();
    expect(res.body.can.post).toBe(false);
    expect((await listRooms(own.alumni.client, own.network)).map((r) => r.name)).toEqual(["新しいルーム"]);
    const adminList = await listRooms(own.admin.client, own.network);
    expect(adminList.map((r) => [r.name, r.archivedAt !== null])).toEqual([
      ["新しいルーム", false],
      ["古いルーム", true],
    ]);
    expectError(await own.alumni.client.call(rooms.getRoom, rp(own.network, first.id)), 404, "not_found");
    await own.admin.client.call(rooms.unarchiveRoom, rp(own.network, first.id));
    expect((await listRooms(own.alumni.client, own.network)).map((r) => r.name)).toEqual(["古いルーム", "新しいルーム"]);
    const actions = await auditActions(own.admin.client, own.network);
    expect(actions).toEqual(expect.arrayContaining(["room.created", "room.archived", "room.unarchived"]));
  });

  it("mute and read are each member's own", async () => {
    const own = await makeQuickTenant(t);
    const room = await createRoom(own.admin.client, own.network, { name: "雑談" });
    const muted = await own.alumni.client.call(rooms.setRoomMuted, { ...rp(own.network, room.id), body: { muted: true } });
    expect(muted.body.muted).toBe(true);
    const read = await own.alumni.client.call(rooms.markRoomRead, rp(own.network, room.id));
    expect(read.body.lastReadAt).not.toBeNull();
    expect(read.body.muted).toBe(true);
    const theirs = (await listRooms(own.employee.client, own.network))[0];
    expect({ muted: theirs?.muted, lastReadAt: theirs?.lastReadAt }).toEqual({ muted: false, lastReadAt: null });
    const unmuted = await own.alumni.client.call(rooms.setRoomMuted, { ...rp(own.network, room.id), body: { muted: false } });
    expect(unmuted.body.muted).toBe(false);
  });

  it("private rooms' members: added, listed, removed (audited); others are refused", async () => {
    const own = await makeQuickTenant(t);
    const room = await createRoom(own.admin.client, own.network, { name: "新規事業", kind: "private" });
    expect(await listRooms(own.alumni.client, own.network)).toEqual([]);
    await own.admin.client.call(rooms.addRoomMember, { ...rp(own.network, room.id), body: { memberId: own.alumni.membership.id } });
    expect((await listRooms(own.alumni.client, own.network)).map((r) => r.id)).toEqual([room.id]);
    const members = await own.admin.client.call(rooms.listRoomMembers, rp(own.network, room.id));
    expect(members.body.items.map((m: { memberId: string }) => m.memberId)).toEqual([own.alumni.membership.id]);
    const outsider = await makeQuickTenant(t);
    const foreign = await own.admin.client.call(rooms.addRoomMember, {
      ...rp(own.network, room.id),
      body: { memberId: outsider.alumni.membership.id },
    });
    expect(expectFieldError(foreign, "memberId")).toBe(fieldMessage("room_member_unknown", "ja"));
    const removed = await own.admin.client.call(rooms.removeRoomMember, {
      params: { networkId: own.network.id, roomId: room.id, memberId: own.alumni.membership.id },
    });
    expect(removed.status, removed.raw).toBe(204);
    expect(await listRooms(own.alumni.client, own.network)).toEqual([]);
    expect(await auditActions(own.admin.client, own.network)).toEqual(expect.arrayContaining(["room.member_added", "room.member_removed"]));
  });
});

describe("validation", () => {
  let own: Tenant;
  beforeAll(async () => {
    own = await makeQuickTenant(t);
  });
  it.each([
    ["name", { name: "" }],
    ["name", { name: "あ".repeat(61) }],
    ["description", { name: "ルーム", description: "あ".repeat(501) }],
    ["kind", { name: "ルーム", kind: "secret" }],
    ["audience", { name: "ルーム", audience: "supporters" }],
  ])("createRoom refuses a bad %s", async (field, body) => {
    expectFieldError(await own.admin.client.call(rooms.createRoom, { ...p(own.network), body }), field);
  });
  it("a 60-character name is fine; a room request cannot ask for an announcement room", async () => {
    await createRoom(own.admin.client, own.network, { name: "あ".repeat(60) });
    const res = await own.alumni.client.call(rooms.createRoomRequest, { ...p(own.network), body: { name: "告知", kind: "announcement" } });
    expectFieldError(res, "kind");
  });
});

describe("room requests", () => {
  it("a member asks; admins see all, members their own; approving creates the room and mails the requester", async () => {
    const own = await makeQuickTenant(t);
    const asked = await own.alumni.client.call(rooms.createRoomRequest, {
      ...p(own.network),
      body: { name: "新規事業の相談", kind: "private", description: "アルムナイと新規事業チーム", reason: "副業の相談をしたい" },
    });
    expect(asked.status, asked.raw).toBe(201);
    expect(asked.body).toMatchObject({ status: "pending", requesterId: own.alumni.membership.id, kind: "private" });
    await own.employee.client.call(rooms.createRoomRequest, { ...p(own.network), body: { name: "社員の部屋" } });

    const mine = await own.alumni.client.call(rooms.listRoomRequests, p(own.network));
    expect(mine.body.items.map((r: { name: string }) => r.name)).toEqual(["新規事業の相談"]);
    const all = await own.admin.client.call(rooms.listRoomRequests, { ...p(own.network), query: { status: "pending" } });
    expect(all.body.items.map((r: { name: string }) => r.name)).toEqual(["社員の部屋", "新規事業の相談"]);

    expectError(
      await own.employee.client.call(rooms.decideRoomRequest, {
        params: { networkId: own.network.id, roomRequestId: asked.body.id },
        body: { decision: "approve" },
      }),
      403,
      "forbidden",
    );
    const approved = await own.admin.client.call(rooms.decideRoomRequest, {
      params: { networkId: own.network.id, roomRequestId: asked.body.id },
      body: { decision: "approve", reply: "作りました！" },
    });
    expect(approved.status, approved.raw).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", reply: "作りました！", decidedByName: own.admin.account.display_name });
    const roomId = approved.body.roomId as string;
    // The requester is in the new private room; the employee is not.
    expect((await listRooms(own.alumni.client, own.network)).map((r) => r.id)).toEqual([roomId]);
    expect(await listRooms(own.employee.client, own.network)).toEqual([]);
    const mails = await mailsTo(t, own.alumni.account.email, "room_request_approved");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("新規事業の相談");
    expect(mails[0]?.text_body).toContain("作りました！");
    expect(mails[0]?.text_body).toContain(`/rooms/${roomId}`);

    const again = await own.admin.client.call(rooms.decideRoomRequest, {
      params: { networkId: own.network.id, roomRequestId: asked.body.id },
      body: { decision: "decline" },
    });
    expect(expectError(again, 409, "conflict").fields).toEqual({ request: fieldMessage("request_decided", "ja") });
    expect(await auditActions(own.admin.client, own.network)).toEqual(expect.arrayContaining(["room.created", "room_request.approved"]));
  });

  it("declining sends the reply, in the requester's language", async () => {
    const own = await makeQuickTenant(t);
    const english = await makeAccount(t, { email: newEmail("en"), locale: "en" });
    const member = await addMember(t, own.network, english, "alumni");
    const client = await sessionClient(t, english);
    const asked = await client.call(rooms.createRoomRequest, { ...p(own.network), body: { name: "Book club" } });
    const declined = await own.admin.client.call(rooms.decideRoomRequest, {
      params: { networkId: own.network.id, roomRequestId: asked.body.id },
      body: { decision: "decline", reply: "雑談ルームでどうぞ" },
    });
    expect(declined.body).toMatchObject({ status: "declined", roomId: null, requesterId: member.id });
    const mails = await mailsTo(t, english.email, "room_request_declined");
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toContain("Book club");
    expect(mails[0]?.text_body).toContain("declined");
    expect(mails[0]?.text_body).toContain("雑談ルームでどうぞ");
    expect(await listRooms(client, own.network)).toEqual([]);
    expect(await auditActions(own.admin.client, own.network)).toContain("room_request.declined");
  });
});
