// Tenant isolation, generated from the route table: every route with a path parameter is called
// by network A's most privileged member with network B's (or another account's) ids, and must
// answer 404 — never 403, never 200 (the refusals that differ by design are in `foreignRefusals`) —
// and change nothing. A route added later is covered the day it lands; if it brings a parameter or
// a write this suite cannot fill in, the suite fails and says what to add.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membership from "../../src/shared/contract/membership.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import type { RouteDef } from "../../src/server/platform/http/route.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import {
  addMember,
  inviteByApi,
  makeAccount,
  makeJoinRequest,
  makeTenant,
  newEmail,
  sessionClient,
  signIn,
  testPassword,
} from "../helpers/factories.ts";
import { sessionIdOf } from "../helpers/sessions.ts";
import { snapshotDatabase } from "../helpers/snapshot.ts";
import { createTestApp, type CallOptions, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile, pngWithExif } from "../helpers/uploads.ts";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
interface World {
  a: Tenant;
  b: Tenant;
  /** A second session of A's admin (revocable without signing the actor out). */
  aAdminOtherSessionId: string;
  /** A session of one of B's members. */
  bSessionId: string;
  /** Invitations, CSV imports and join requests: A's (reachable) and B's (not). */
  aInvitationId: string;
  bInvitationId: string;
  aImportId: string;
  bImportId: string;
  aRequestId: string;
  bRequestId: string;
  /** Talk rooms (private, so that members can be added) and room requests: A's and B's. */
  aRoomId: string;
  bRoomId: string;
  aRoomRequestId: string;
  bRoomRequestId: string;
  /** Posts (in the private rooms above, by each network's admin) and a comment on each. */
  aPostId: string;
  bPostId: string;
  aCommentId: string;
  bCommentId: string;
  /** Links of A's invitations (to addresses without an account), one per join route that takes a token. */
  aTokens: { view: string; accept: string; signUp: string };
}

/**
 * For each path parameter: the id of network A's own resource, and the id of a resource the
 * actor must not reach (network B's, or another account's). Add new parameters here.
 */
const paramValues: Record<string, { own: (w: World) => string; other: (w: World) => string }> = {
  networkId: { own: (w) => w.a.network.id, other: (w) => w.b.network.id },
  memberId: { own: (w) => w.a.alumni.membership.id, other: (w) => w.b.alumni.membership.id },
  sessionId: { own: (w) => w.aAdminOtherSessionId, other: (w) => w.bSessionId },
  invitationId: { own: (w) => w.aInvitationId, other: (w) => w.bInvitationId },
  importId: { own: (w) => w.aImportId, other: (w) => w.bImportId },
  requestId: { own: (w) => w.aRequestId, other: (w) => w.bRequestId },
  roomId: { own: (w) => w.aRoomId, other: (w) => w.bRoomId },
  roomRequestId: { own: (w) => w.aRoomRequestId, other: (w) => w.bRoomRequestId },
  postId: { own: (w) => w.aPostId, other: (w) => w.bPostId },
  commentId: { own: (w) => w.aCommentId, other: (w) => w.bCommentId },
  // The join routes name a network by its public slug. A takes join requests; B does not, so B has
  // no public page at all (404). Links carry A's tokens: see `foreignRefusals` for B's slug.
  slug: { own: (w) => w.a.network.slug, other: (w) => w.b.network.slug },
};

/**
 * Refusals that are not a 404 by design (still without any effect). An invitation link opened on
 * another network's page answers invitation_other_network, which tells the holder of the token —
 * who knows it is A's anyway — to open the link as mailed; it says nothing about network B.
 */
const foreignRefusals: Record<string, { param: string; status: number; code: string }> = {
  viewInvitation: { param: "slug", status: 409, code: "invitation_other_network" },
  acceptInvitation: { param: "slug", status: 409, code: "invitation_other_network" },
  signUpWithInvitation: { param: "slug", status: 409, code: "invitation_other_network" },
};

/**
 * Who makes the successful call with A's own ids where A's admin cannot, or must not because it
 * would change who the admin is for the rest of the suite.
 */
const ownCallers: Record<string, (w: World) => Client | Promise<Client>> = {
  // A's admin would leave A (or, as its last admin, be refused).
  leaveNetwork: (w) => w.a.employee.client,
  // Signs the client in as the new account.
  signUpWithInvitation: () => t.anonymous(),
  // A's admin is a member of A already (409 already_member): someone who is not asks.
  createJoinRequest: async () => sessionClient(t, await makeAccount(t)),
};

let png: Buffer;
const importCsv = "氏名,メールアドレス\r\n山田 太郎,taro.import@example.com\r\n";

/** A's terms version now (the updateNetworkSettings fixture changes A's code of conduct, which raises it). */
const termsVersionOfA = async () =>
  (await t.database.db.selectFrom("networks").select("terms_version").where("id", "=", w.a.network.id).executeTakeFirstOrThrow())
    .terms_version;

/** A's post, comment and room as the post fixtures need them: not deleted, not archived (other fixtures delete or archive them). */
async function restorePostsOfA(): Promise<void> {
  await inSystem(t.database, async (tx) => {
    await tx.updateTable("rooms").set({ archived_at: null }).where("id", "=", w.aRoomId).execute();
    await tx.updateTable("posts").set({ deleted_at: null }).where("id", "=", w.aPostId).execute();
    await tx.updateTable("comments").set({ deleted_at: null }).where("id", "=", w.aCommentId).execute();
  });
}

/**
 * A valid request (body or upload) for every endpoint that writes, so that a 404 can only come
 * from the foreign id, never from a body the endpoint would reject anyway. Add new writes here.
 */
const requests: Record<string, () => CallOptions | Promise<CallOptions>> = {
  updateNetworkSettings: () => ({ body: { name: "乗っ取り", purpose: "書き換え", eligibility: "誰でも", codeOfConduct: "なし" } }),
  uploadNetworkLogo: () => multipartFile(png),
  changeMemberRole: () => ({ body: { role: "admin" } }),
  revokeSession: () => ({}), // DELETE without a body
  createInvitation: () => ({ body: { email: newEmail("invitee"), role: "alumni", note: "ようこそ" } }),
  resendInvitation: async () => {
    // Only a pending (or expired) invitation can be re-sent: reopen A's in case revoke ran first.
    await inSystem(t.database, (tx) =>
      tx.updateTable("invitations").set({ status: "pending" }).where("id", "=", w.aInvitationId).execute(),
    );
    return {};
  },
  revokeInvitation: () => ({}),
  viewInvitation: () => ({ body: { token: w.aTokens.view } }),
  acceptInvitation: async () => ({ body: { token: w.aTokens.accept, termsVersion: await termsVersionOfA() } }),
  signUpWithInvitation: async () => ({
    body: { token: w.aTokens.signUp, termsVersion: await termsVersionOfA(), displayName: "招待 された人", password: testPassword },
  }),
  createJoinRequest: async () => ({ body: { message: "参加させてください", termsVersion: await termsVersionOfA() } }),
  decideJoinRequest: () => ({ body: { decision: "decline", reply: "今回は見送ります" } }),
  removeMember: () => ({ body: { reason: "テスト" } }),
  reactivateMember: async () => {
    // Only a removed or departed member can be let back in: A's alumni is made to have left first.
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ status: "left" }).where("id", "=", w.a.alumni.membership.id).execute(),
    );
    return {};
  },
  leaveNetwork: () => ({}),
  acceptNetworkTerms: async () => ({ body: { termsVersion: await termsVersionOfA() } }),
  uploadMemberImport: () => multipartFile(importCsv, { filename: "members.csv", contentType: "text/csv" }),
  previewMemberImport: () => ({ body: { mapping: { name: 0, email: 1 }, defaultRole: "alumni" } }),
  startMemberImport: () => ({ body: { note: "" } }),
  createRoom: () => ({ body: { name: "新しいルーム", kind: "open" } }),
  updateRoom: () => ({ body: { name: "乗っ取り", audience: "everyone" } }),
  archiveRoom: () => ({}),
  unarchiveRoom: () => ({}),
  reorderRooms: async () => ({
    // Every room of A, as the endpoint wants (createRoom may have added one).
    body: {
      roomIds: (await t.database.db.selectFrom("rooms").select("id").where("network_id", "=", w.a.network.id).orderBy("id").execute()).map(
        (r) => r.id,
      ),
    },
  }),
  addRoomMember: () => ({ body: { memberId: w.a.alumni.membership.id } }),
  removeRoomMember: () => ({}), // DELETE without a body
  setRoomMuted: () => ({ body: { muted: true } }),
  markRoomRead: () => ({}),
  createRoomRequest: () => ({ body: { name: "相談ルーム", reason: "相談したい" } }),
  decideRoomRequest: async () => {
    // Only a pending request can be decided: reopen A's in case it was decided before.
    await inSystem(t.database, (tx) =>
      tx.updateTable("room_requests").set({ status: "pending" }).where("id", "=", w.aRoomRequestId).execute(),
    );
    return { body: { decision: "decline", reply: "今回は見送ります" } };
  },
  createPost: async () => (await restorePostsOfA(), { body: { body: "こんにちは **みなさん**" } }),
  updatePost: async () => (await restorePostsOfA(), { body: { body: "書き換え" } }),
  deletePost: async () => (await restorePostsOfA(), { body: { reason: "テスト" } }),
  pinPost: async () => (await restorePostsOfA(), { body: { pinned: true } }),
  setPostStamp: async () => (await restorePostsOfA(), { body: { emoji: "thumbsup", on: true } }),
  createComment: async () => (await restorePostsOfA(), { body: { body: "コメント" } }),
  updateComment: async () => (await restorePostsOfA(), { body: { body: "書き換え" } }),
  deleteComment: async () => (await restorePostsOfA(), { body: { reason: "テスト" } }),
  setCommentStamp: async () => (await restorePostsOfA(), { body: { emoji: "tada", on: true } }),
};

// Built at module load so that the route table names the tests.
const t: TestApp = await createTestApp();
let w: World;

beforeAll(async () => {
  png = await pngWithExif(40, 30);
  const [a, b] = [await makeTenant(t), await makeTenant(t)];
  const second = await signIn(t, a.admin.account);
  // A takes join requests (through its settings), B does not.
  await a.admin.client.call(networks.updateNetworkSettings, { params: { networkId: a.network.id }, body: { joinRequestsOpen: true } });
  const invitation = async (tenant: Tenant) => inviteByApi(t, tenant.admin.client, tenant.network, { email: newEmail("invited") });
  const upload = async (tenant: Tenant) => {
    const res = await tenant.admin.client.call(membership.uploadMemberImport, {
      params: { networkId: tenant.network.id },
      ...(await multipartFile(importCsv, { filename: "members.csv", contentType: "text/csv" })),
    });
    expect(res.status, res.raw).toBe(201);
    return res.body.id as string;
  };
  const request = async (tenant: Tenant) => (await makeJoinRequest(t, tenant.network, await makeAccount(t))).id;
  const room = async (tenant: Tenant) =>
    (
      await inSystem(t.database, (tx) =>
        tx
          .insertInto("rooms")
          .values({ network_id: tenant.network.id, name: "非公開ルーム", kind: "private" })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
  const roomRequest = async (tenant: Tenant) =>
    (
      await inSystem(t.database, (tx) =>
        tx
          .insertInto("room_requests")
          .values({ network_id: tenant.network.id, requester_id: tenant.alumni.membership.id, name: "相談ルーム", kind: "open" })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
  const post = async (tenant: Tenant, roomId: string) =>
    inSystem(t.database, async (tx) => {
      const { id: postId } = await tx
        .insertInto("posts")
        .values({
          network_id: tenant.network.id,
          room_id: roomId,
          author_id: tenant.admin.membership.id,
          body: "投稿",
          body_html: "<p>投稿</p>",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: commentId } = await tx
        .insertInto("comments")
        .values({
          network_id: tenant.network.id,
          post_id: postId,
          author_id: tenant.admin.membership.id,
          body: "コメント",
          body_html: "<p>コメント</p>",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx.updateTable("posts").set({ comment_count: 1 }).where("id", "=", postId).execute();
      return { postId, commentId };
    });
  const [aRoomId, bRoomId] = [await room(a), await room(b)];
  const [aPost, bPost] = [await post(a, aRoomId), await post(b, bRoomId)];
  w = {
    a,
    b,
    aPostId: aPost.postId,
    bPostId: bPost.postId,
    aCommentId: aPost.commentId,
    bCommentId: bPost.commentId,
    aAdminOtherSessionId: await sessionIdOf(t, second),
    bSessionId: await sessionIdOf(t, b.alumni.client),
    aInvitationId: (await invitation(a)).invitation.id,
    bInvitationId: (await invitation(b)).invitation.id,
    aImportId: await upload(a),
    bImportId: await upload(b),
    aRequestId: await request(a),
    bRequestId: await request(b),
    aRoomId,
    bRoomId,
    aRoomRequestId: await roomRequest(a),
    bRoomRequestId: await roomRequest(b),
    aTokens: { view: (await invitation(a)).token, accept: (await invitation(a)).token, signUp: (await invitation(a)).token },
  };
});
afterAll(async () => {
  await t.close();
});

const pathParams = (route: RouteDef) => [...route.endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "");
const label = (route: RouteDef) => `${route.endpoint.method} ${route.endpoint.path} (${route.endpoint.id}, ${route.endpoint.access})`;

// Operator routes are cross-network by design (the operator runs every network); they are
// closed to everyone else, which operator-networks.test.ts and outbox.test.ts check (404).
const tenantRoutes = () => t.app.routes.filter((r) => r.endpoint.access !== "operator" && pathParams(r).length > 0);

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function requestFor(route: RouteDef): Promise<CallOptions> {
  if (route.endpoint.method === "GET") return {};
  const build = requests[route.endpoint.id];
  if (!build)
    throw new Error(
      `${label(route)} writes but has no request fixture: add "${route.endpoint.id}" to \`requests\` in ` +
        `test/server/tenant-isolation.test.ts with a body the endpoint accepts.`,
    );
  const options = await build();
  if (route.endpoint.body) {
    const parsed = route.endpoint.body.safeParse(options.body ?? {});
    expect(parsed.success, `the fixture body of ${route.endpoint.id} is not valid for the endpoint`).toBe(true);
  }
  return options;
}

function paramsFor(route: RouteDef, foreign: Set<string>): Record<string, string> {
  return Object.fromEntries(
    pathParams(route).map((name) => {
      const values = paramValues[name];
      if (!values)
        throw new Error(
          `${label(route)} has the path parameter ":${name}", which the tenant-isolation suite does not know. ` +
            `Add "${name}" to \`paramValues\` in test/server/tenant-isolation.test.ts: \`own\` gives network A's id for it, ` +
            `\`other\` the id of network B's (or another account's) resource.`,
        );
      return [name, foreign.has(name) ? values.other(w) : values.own(w)];
    }),
  );
}

/** Each parameter foreign on its own, then all of them at once. */
function variants(route: RouteDef): Set<string>[] {
  const names = pathParams(route);
  const single = names.map((n) => new Set([n]));
  return names.length > 1 ? [...single, new Set(names)] : single;
}

async function expectRefusedWithoutEffect(client: Client, route: RouteDef, foreign: Set<string>) {
  const params = paramsFor(route, foreign);
  const request = await requestFor(route);
  const before = await snapshotDatabase(t.database);
  const filesBefore = filesUnder(t.config.dataDir);
  const res = await client.call(route.endpoint, { ...request, params });
  const what = `${label(route)} with foreign ${[...foreign].join("+")} ${JSON.stringify(params)}`;
  const refusal = foreignRefusals[route.endpoint.id];
  const expected = refusal && foreign.has(refusal.param) ? refusal : { status: 404, code: "not_found" };
  expect({ status: res.status, code: res.body?.error?.code }, `${what}: ${res.raw}`).toEqual({
    status: expected.status,
    code: expected.code,
  });
  expect(await snapshotDatabase(t.database), `${what} changed the database`).toEqual(before);
  expect(filesUnder(t.config.dataDir), `${what} wrote a file`).toEqual(filesBefore);
}

describe("tenant isolation over the route table", () => {
  it("the snapshot notices a changed row (so an unchanged snapshot means something)", async () => {
    const before = await snapshotDatabase(t.database);
    await t.database.db.updateTable("networks").set({ purpose: "changed" }).where("id", "=", w.b.network.id).execute();
    const after = await snapshotDatabase(t.database);
    await t.database.db.updateTable("networks").set({ purpose: w.b.network.purpose }).where("id", "=", w.b.network.id).execute();
    expect(after.networks).not.toBe(before.networks);
    expect({ ...after, networks: "" }).toEqual({ ...before, networks: "" });
    expect(await snapshotDatabase(t.database)).toEqual(before);
  });

  it("the route table has parameterised tenant routes to check", () => {
    expect(tenantRoutes().length).toBeGreaterThanOrEqual(6);
  });

  describe.each(tenantRoutes().map((r) => [label(r), r] as const))("%s", (_name, route) => {
    it("A's admin gets 404 for B's (or another account's) ids, and nothing changes", async () => {
      for (const foreign of variants(route)) await expectRefusedWithoutEffect(w.a.admin.client, route, foreign);
    });

    it("with A's own ids the same request succeeds (so the 404 above came from the foreign id)", async () => {
      const client = (await ownCallers[route.endpoint.id]?.(w)) ?? w.a.admin.client;
      const res = await client.call(route.endpoint, { ...(await requestFor(route)), params: paramsFor(route, new Set()) });
      expect(res.status, res.raw).toBeGreaterThanOrEqual(200);
      expect(res.status, res.raw).toBeLessThan(300);
    });
  });

  it("A's employee and alumni get 404 (not 403) on every route of network B, and nothing changes", async () => {
    for (const route of tenantRoutes().filter((r) => pathParams(r).includes("networkId"))) {
      for (const member of [w.a.employee, w.a.alumni]) await expectRefusedWithoutEffect(member.client, route, new Set(pathParams(route)));
    }
  });

  it("someone who is a member of both sees each network only through its own id", async () => {
    const both = await makeAccount(t);
    await addMember(t, w.a.network, both, "alumni");
    await addMember(t, w.b.network, both, "admin");
    const client = await signIn(t, both);
    // Admin in B, alumni in A: B's admin rights do not carry over to A.
    const route = tenantRoutes().find((r) => r.endpoint.id === "changeMemberRole");
    expect(route).toBeDefined();
    const res = await client.call(route!.endpoint, {
      params: { networkId: w.a.network.id, memberId: w.b.alumni.membership.id },
      body: { role: "admin" },
    });
    expect(res.status).toBe(403); // a member of A without the role: 403 is right here
    const cross = await client.call(route!.endpoint, {
      params: { networkId: w.b.network.id, memberId: w.a.alumni.membership.id },
      body: { role: "admin" },
    });
    expect(cross.status).toBe(404);
  });

  it("GET routes without parameters never mention network B or its people to A's admin", async () => {
    const secrets = [
      w.b.network.id,
      w.b.network.slug,
      w.b.network.name,
      ...[w.b.admin, w.b.employee, w.b.alumni].flatMap((m) => [m.account.id, m.account.email, m.account.display_name, m.membership.id]),
      w.bSessionId,
    ];
    const reads = t.app.routes.filter((r) => r.endpoint.method === "GET" && r.endpoint.access !== "operator" && pathParams(r).length === 0);
    expect(reads.length).toBeGreaterThan(0);
    for (const route of reads) {
      const res = await w.a.admin.client.call(route.endpoint);
      expect(res.status, `${label(route)}: ${res.raw}`).toBe(200);
      for (const secret of secrets) expect(res.raw, `${label(route)} leaks ${secret}`).not.toContain(secret);
    }
  });
});
