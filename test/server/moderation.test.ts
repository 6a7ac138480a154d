// Moderation: members report what they can see; admins work the queue, hiding or deleting with a
// reason kept for the author, or dismissing; every action closes the thing's open reports and goes
// to the audit log. Hidden posts drop out of others' feed and search.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as feed from "../../src/shared/contract/feed.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import * as moderation from "../../src/shared/contract/moderation.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import type { Report } from "../../src/shared/contract/moderation.ts";
import type { RoomAudience, RoomKind } from "../../src/shared/contract/rooms.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { makeQuickTenant } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function insertRoom(tenant: Tenant, spec: { kind: RoomKind; audience: RoomAudience; members?: string[] }) {
  return inSystem(t.database, async (tx) => {
    const { id } = await tx
      .insertInto("rooms")
      .values({ network_id: tenant.network.id, name: `${spec.kind}-${spec.audience}`, kind: spec.kind, audience: spec.audience })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const memberId of spec.members ?? [])
      await tx.insertInto("room_members").values({ network_id: tenant.network.id, room_id: id, member_id: memberId }).execute();
    return id;
  });
}

async function post(client: Client, tenant: Tenant, roomId: string, body: string): Promise<string> {
  const res = await client.call(posts.createPost, { params: { networkId: tenant.network.id, roomId }, body: { body } });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as string;
}

const report = (client: Client, tenant: Tenant, body: { targetKind: string; targetId: string; reason?: string; note?: string }) =>
  client.call(moderation.createReport, { params: { networkId: tenant.network.id }, body: { reason: "harassment", ...body } });

async function queue(tenant: Tenant, status = "open") {
  const res = await tenant.admin.client.call(moderation.listReports, { params: { networkId: tenant.network.id }, query: { status } });
  expect(res.status, res.raw).toBe(200);
  return res.body as { items: Report[]; openCount: number };
}

async function auditActions(tenant: Tenant) {
  return inSystem(t.database, async (tx) =>
    (await tx.selectFrom("audit_log").select("action").where("network_id", "=", tenant.network.id).execute()).map((r) => r.action),
  );
}

describe("reports", () => {
  it("a member reports what they see; again changes nothing; what they cannot see is 404", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { kind: "open", audience: "everyone" });
    const secret = await insertRoom(n, { kind: "private", audience: "everyone", members: [n.employee.membership.id] });
    const p = await post(n.employee.client, n, open, "**ひどい**書き込み");
    const hiddenFromAlumni = await post(n.employee.client, n, secret, "非公開の話");

    const first = await report(n.alumni.client, n, { targetKind: "post", targetId: p, note: "不快です" });
    expect(first.status, first.raw).toBe(201);
    const again = await report(n.alumni.client, n, { targetKind: "post", targetId: p });
    expect(again.body.id).toBe(first.body.id);
    expect((await report(n.alumni.client, n, { targetKind: "post", targetId: hiddenFromAlumni })).status).toBe(404);
    expect((await report(n.alumni.client, n, { targetKind: "member", targetId: n.alumni.membership.id })).status).toBe(400);
    expect((await report(n.alumni.client, n, { targetKind: "member", targetId: n.employee.membership.id })).status).toBe(201);
    const other = await makeQuickTenant(t);
    expect((await report(other.alumni.client, n, { targetKind: "post", targetId: p })).status).toBe(404);
    expect((await report(other.alumni.client, other, { targetKind: "post", targetId: p })).status).toBe(404);
    const bad = await report(n.alumni.client, n, { targetKind: "post", targetId: p, reason: "because" });
    expect(bad.status).toBe(400);

    // The queue: admins only, with what was reported as it was.
    expect((await n.alumni.client.call(moderation.listReports, { params: { networkId: n.network.id } })).status).toBe(403);
    const q = await queue(n);
    expect(q.openCount).toBe(2);
    const postReport = q.items.find((r) => r.targetKind === "post")!;
    expect(postReport).toMatchObject({
      targetId: p,
      reason: "harassment",
      note: "不快です",
      reporter: { memberId: n.alumni.membership.id },
      subject: { memberId: n.employee.membership.id },
      status: "open",
      sameTargetOpen: 1,
    });
    expect(postReport.context).toMatchObject({ text: "ひどい書き込み", roomId: open, postId: p });
  });

  it("hiding closes every open report about the post, keeps the reason, and takes it out of others' feed", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { kind: "open", audience: "everyone" });
    const p = await post(n.employee.client, n, open, "宣伝です");
    const r1 = await report(n.alumni.client, n, { targetKind: "post", targetId: p, reason: "spam" });
    const r2 = await report(n.admin.client, n, { targetKind: "post", targetId: p, reason: "spam" });
    expect((await queue(n)).items[0]!.sameTargetOpen).toBe(2);

    const res = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r1.body.id },
      body: { action: "hide", reason: "宣伝目的の投稿はご遠慮ください" },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ status: "resolved", resolution: "hidden", resolutionNote: "宣伝目的の投稿はご遠慮ください" });
    expect((await queue(n)).openCount).toBe(0);
    expect((await queue(n, "resolved")).items.map((r) => r.id).sort()).toEqual([r1.body.id, r2.body.id].sort());
    const stored = await inSystem(t.database, (tx) =>
      tx.selectFrom("posts").select(["hidden_at", "moderation_reason"]).where("id", "=", p).executeTakeFirstOrThrow(),
    );
    expect(stored.hidden_at).not.toBeNull();
    expect(stored.moderation_reason).toBe("宣伝目的の投稿はご遠慮ください");
    const feedOf = async (client: Client) =>
      ((await client.call(feed.listFeed, { params: { networkId: n.network.id } })).body.items as { id: string }[]).map((x) => x.id);
    expect(await feedOf(n.alumni.client)).toEqual([]);
    // Resolving twice is a conflict; a hidden post can no longer be reported.
    const twice = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r1.body.id },
      body: { action: "none" },
    });
    expect(twice.status).toBe(409);
    expect((await report(n.alumni.client, n, { targetKind: "post", targetId: p })).status).toBe(404);
    expect(await auditActions(n)).toContain("report.resolved");
  });

  it("deleting a reported comment keeps the post's comment count right; dismissing changes nothing", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { kind: "open", audience: "everyone" });
    const p = await post(n.employee.client, n, open, "質問です");
    const c = await n.alumni.client.call(posts.createComment, {
      params: { networkId: n.network.id, postId: p },
      body: { body: "失礼なコメント" },
    });
    expect(c.status).toBe(201);
    const r = await report(n.employee.client, n, { targetKind: "comment", targetId: c.body.id });
    expect(r.status, r.raw).toBe(201);
    expect((await queue(n)).items[0]!.context).toMatchObject({ text: "失礼なコメント", postId: p });
    const res = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r.body.id },
      body: { action: "delete", reason: "行動指針に反するため削除しました" },
    });
    expect(res.status, res.raw).toBe(200);
    const after = await n.employee.client.call(posts.getPost, { params: { networkId: n.network.id, postId: p } });
    expect(after.body.post.commentCount).toBe(0);
    expect(after.body.comments.items[0].deleted).toBe(true);

    const p2 = await post(n.employee.client, n, open, "普通の投稿");
    const r2 = await report(n.alumni.client, n, { targetKind: "post", targetId: p2, reason: "other" });
    const dismissed = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r2.body.id },
      body: { action: "none", reason: "問題ありません" },
    });
    expect(dismissed.body).toMatchObject({ status: "dismissed", resolution: "none" });
    const live = await n.alumni.client.call(posts.getPost, { params: { networkId: n.network.id, postId: p2 } });
    expect(live.body.post.deleted).toBe(false);
    // A member report can only be dismissed here (removal is in member management).
    const mr = await report(n.alumni.client, n, { targetKind: "member", targetId: n.employee.membership.id });
    const hideMember = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: mr.body.id },
      body: { action: "hide" },
    });
    expect(hideMember.status).toBe(400);
    expect(await auditActions(n)).toEqual(expect.arrayContaining(["report.resolved", "report.dismissed", "comment.deleted"]));
  });
});

describe("hiding directly", () => {
  it("admins hide and show again; others may not; audit entries", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { kind: "open", audience: "everyone" });
    const p = await post(n.alumni.client, n, open, "見せたくない投稿");
    const call = (client: Client, hidden: boolean) =>
      client.call(moderation.setPostHidden, { params: { networkId: n.network.id, postId: p }, body: { hidden, reason: "確認中" } });
    expect((await call(n.employee.client, true)).status).toBe(403);
    expect((await call(n.admin.client, true)).status).toBe(204);
    expect((await call(n.admin.client, true)).status).toBe(204);
    expect((await call(n.admin.client, false)).status).toBe(204);
    const missing = await n.admin.client.call(moderation.setPostHidden, {
      params: { networkId: n.network.id, postId: "00000000-0000-4000-8000-000000000000" },
      body: { hidden: true },
    });
    expect(missing.status).toBe(404);
    expect((await auditActions(n)).filter((a) => a.startsWith("post."))).toEqual(expect.arrayContaining(["post.hidden", "post.unhidden"]));
    expect((await auditActions(n)).filter((a) => a === "post.hidden")).toHaveLength(1);
  });
});

describe("what the author and others see", () => {
  it("a hidden post: the author and admins see it with the reason, others get 404 and don't see it in the room", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { kind: "open", audience: "everyone" });
    const p = await post(n.alumni.client, n, open, "少し言い過ぎた投稿");
    const hide = await n.admin.client.call(moderation.setPostHidden, {
      params: { networkId: n.network.id, postId: p },
      body: { hidden: true, reason: "表現を見直してください" },
    });
    expect(hide.status, hide.raw).toBe(204);
    const get = (client: Client) => client.call(posts.getPost, { params: { networkId: n.network.id, postId: p } });
    const timeline = async (client: Client) =>
      ((await client.call(posts.listRoomPosts, { params: { networkId: n.network.id, roomId: open } })).body.items as { id: string }[]).map(
        (x) => x.id,
      );
    const own = await get(n.alumni.client);
    expect(own.status).toBe(200);
    expect(own.body.post.moderation).toEqual({ action: "hidden", reason: "表現を見直してください" });
    expect((await get(n.admin.client)).body.post.moderation).toEqual({ action: "hidden", reason: "表現を見直してください" });
    expect((await get(n.employee.client)).status).toBe(404);
    expect(await timeline(n.alumni.client)).toEqual([p]);
    expect(await timeline(n.employee.client)).toEqual([]);
    // Nobody else can comment or stamp on it either.
    const comment = await n.employee.client.call(posts.createComment, {
      params: { networkId: n.network.id, postId: p },
      body: { body: "見えないはず" },
    });
    expect(comment.status).toBe(404);

    // Deleted by a moderator: the author sees the reason on the placeholder, others do not.
    const p2 = await post(n.alumni.client, n, open, "削除される投稿");
    await n.employee.client.call(posts.createComment, { params: { networkId: n.network.id, postId: p2 }, body: { body: "コメント" } });
    const r = await report(n.employee.client, n, { targetKind: "post", targetId: p2 });
    await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r.body.id },
      body: { action: "delete", reason: "個人情報が含まれていたため" },
    });
    expect((await get2(n.alumni.client, n, p2)).moderation).toEqual({ action: "deleted", reason: "個人情報が含まれていたため" });
    expect((await get2(n.employee.client, n, p2)).moderation).toBeNull();
    // Deleting one's own post is no moderation.
    const p3 = await post(n.alumni.client, n, open, "自分で消す");
    await n.alumni.client.call(posts.deletePost, { params: { networkId: n.network.id, postId: p3 }, body: {} });
    await n.employee.client.call(posts.createComment, { params: { networkId: n.network.id, postId: p3 }, body: { body: "x" } });
    expect((await get2(n.alumni.client, n, p3)).moderation).toBeNull();
  });

  it("members blocked either way are left out of each other's room timeline and threads", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { kind: "open", audience: "everyone" });
    const byEmployee = await post(n.employee.client, n, open, "社員の投稿");
    const byAlumni = await post(n.alumni.client, n, open, "OBの投稿");
    await n.employee.client.call(posts.createComment, {
      params: { networkId: n.network.id, postId: byAlumni },
      body: { body: "社員のコメント" },
    });
    await n.alumni.client.call(messages.blockMember, { params: { networkId: n.network.id, memberId: n.employee.membership.id } });
    const timeline = async (client: Client) =>
      ((await client.call(posts.listRoomPosts, { params: { networkId: n.network.id, roomId: open } })).body.items as { id: string }[]).map(
        (x) => x.id,
      );
    expect(await timeline(n.alumni.client)).toEqual([byAlumni]);
    expect(await timeline(n.employee.client)).toEqual([byEmployee]);
    expect(await timeline(n.admin.client)).toEqual([byAlumni, byEmployee]);
    const thread = await n.alumni.client.call(posts.getPost, { params: { networkId: n.network.id, postId: byAlumni } });
    expect(thread.body.comments.items).toEqual([]);
  });
});

async function get2(client: Client, tenant: Tenant, postId: string) {
  const res = await client.call(posts.getPost, { params: { networkId: tenant.network.id, postId } });
  expect(res.status, res.raw).toBe(200);
  return res.body.post as { moderation: unknown };
}

describe("reporting a direct message", () => {
  it("keeps the messages around it for the moderator; only people in the conversation may report; deleting removes it", async () => {
    const n = await makeQuickTenant(t);
    const open = await n.alumni.client.call(messages.openDirectConversation, {
      params: { networkId: n.network.id },
      body: { memberId: n.employee.membership.id },
    });
    const conversationId = open.body.id as string;
    const sent: string[] = [];
    for (const [client, body] of [
      [n.employee.client, "こんにちは"],
      [n.employee.client, "しつこい勧誘です"],
      [n.alumni.client, "やめてください"],
    ] as const) {
      const res = await client.call(messages.sendMessage, { params: { networkId: n.network.id, conversationId }, body: { body } });
      expect(res.status, res.raw).toBe(201);
      sent.push(res.body.id as string);
    }
    expect((await report(n.admin.client, n, { targetKind: "message", targetId: sent[1]! })).status).toBe(404);
    const r = await report(n.alumni.client, n, { targetKind: "message", targetId: sent[1]! });
    expect(r.status, r.raw).toBe(201);
    const item = (await queue(n)).items[0]!;
    expect(item.subject?.memberId).toBe(n.employee.membership.id);
    expect(item.context.conversationId).toBe(conversationId);
    expect(item.context.around.map((m) => [m.text, m.reported])).toEqual([
      ["こんにちは", false],
      ["しつこい勧誘です", true],
      ["やめてください", false],
    ]);
    const hide = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r.body.id },
      body: { action: "hide" },
    });
    expect(hide.status).toBe(400);
    const del = await n.admin.client.call(moderation.resolveReport, {
      params: { networkId: n.network.id, reportId: r.body.id },
      body: { action: "delete", reason: "勧誘は禁止です" },
    });
    expect(del.status, del.raw).toBe(200);
    // Its author learns why; the other member sees only that it was deleted.
    type Listed = { id: string; deleted: boolean; removedByModerator: { reason: string } | null };
    const seenBy = async (client: Client) =>
      ((await client.call(messages.listMessages, { params: { networkId: n.network.id, conversationId } })).body.items as Listed[]).find(
        (m) => m.id === sent[1],
      );
    expect(await seenBy(n.employee.client)).toMatchObject({ deleted: true, removedByModerator: { reason: "勧誘は禁止です" } });
    expect(await seenBy(n.alumni.client)).toMatchObject({ deleted: true, removedByModerator: null });
  });
});
