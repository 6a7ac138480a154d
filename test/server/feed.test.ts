// The network home feed, the home's extras for young networks (newcomers, prompts) and search of
// posts and comments: only rooms the member sees, newest first, keyset pages, pinned apart.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as feed from "../../src/shared/contract/feed.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import * as search from "../../src/shared/contract/search.ts";
import type { FeedPost } from "../../src/shared/contract/feed.ts";
import type { SearchHit } from "../../src/shared/contract/search.ts";
import type { RoomAudience, RoomKind } from "../../src/shared/contract/rooms.ts";
import { createDefaultRooms } from "../../src/server/rooms/rooms.repository.ts";
import { searchIndexUsableUnderRls } from "../../src/server/platform/search/index.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { addMember, makeAccount, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function insertRoom(
  tenant: Tenant,
  spec: { name: string; kind: RoomKind; audience: RoomAudience; members?: string[]; archived?: boolean },
) {
  return inSystem(t.database, async (tx) => {
    const { id } = await tx
      .insertInto("rooms")
      .values({
        network_id: tenant.network.id,
        name: spec.name,
        kind: spec.kind,
        audience: spec.audience,
        archived_at: spec.archived ? new Date() : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const memberId of spec.members ?? [])
      await tx.insertInto("room_members").values({ network_id: tenant.network.id, room_id: id, member_id: memberId }).execute();
    return id;
  });
}

async function post(client: Client, tenant: Tenant, roomId: string, body: string) {
  const res = await client.call(posts.createPost, { params: { networkId: tenant.network.id, roomId }, body: { body } });
  expect(res.status, res.raw).toBe(201);
  return res.body as { id: string };
}

async function feedOf(client: Client, tenant: Tenant, cursor?: string) {
  const res = await client.call(feed.listFeed, { params: { networkId: tenant.network.id }, query: cursor ? { cursor } : {} });
  expect(res.status, res.raw).toBe(200);
  return res.body as { items: FeedPost[]; pinned: FeedPost[]; nextCursor: string | null };
}

async function searchAs(client: Client, tenant: Tenant, q: string, extra: Record<string, string> = {}) {
  const res = await client.call(search.searchPosts, { params: { networkId: tenant.network.id }, query: { q, ...extra } });
  expect(res.status, res.raw).toBe(200);
  return res.body as { items: SearchHit[]; nextCursor: string | null };
}

describe("home feed", () => {
  it("lists live posts of the rooms each member sees, newest first, with the room; archived, deleted and hidden posts left out", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { name: "雑談", kind: "open", audience: "everyone" });
    const alumniOnly = await insertRoom(n, { name: "OB・OG", kind: "open", audience: "alumni" });
    const privateRoom = await insertRoom(n, {
      name: "新規事業",
      kind: "private",
      audience: "everyone",
      members: [n.employee.membership.id],
    });
    const archived = await insertRoom(n, { name: "旧ルーム", kind: "open", audience: "everyone" });

    const a = await post(n.employee.client, n, open, "みなさんこんにちは");
    const b = await post(n.alumni.client, n, alumniOnly, "OBだけの話");
    const c = await post(n.employee.client, n, privateRoom, "新規事業の相談");
    await post(n.admin.client, n, archived, "古い話");
    const deleted = await post(n.alumni.client, n, open, "消す投稿");
    const hidden = await post(n.alumni.client, n, open, "隠される投稿");
    await inSystem(t.database, async (tx) => {
      await tx.updateTable("rooms").set({ archived_at: new Date() }).where("id", "=", archived).execute();
      await tx.updateTable("posts").set({ hidden_at: new Date(), moderation_reason: "テスト" }).where("id", "=", hidden.id).execute();
    });
    expect(
      (await n.alumni.client.call(posts.deletePost, { params: { networkId: n.network.id, postId: deleted.id }, body: {} })).status,
    ).toBe(204);

    const ids = async (client: Client) => (await feedOf(client, n)).items.map((p) => p.id);
    expect(await ids(n.admin.client)).toEqual([c.id, b.id, a.id]);
    expect(await ids(n.employee.client)).toEqual([c.id, a.id]);
    expect(await ids(n.alumni.client)).toEqual([b.id, a.id]);
    const first = (await feedOf(n.alumni.client, n)).items[0]!;
    expect(first.room).toEqual({ id: alumniOnly, name: "OB・OG", defaultKey: null });
    expect(first.can).toEqual({ edit: true, delete: true, pin: false, comment: true });
  });

  it("pages 20 at a time without duplicates; pinned posts come first, on the first page only", async () => {
    const n = await makeQuickTenant(t);
    const r1 = await insertRoom(n, { name: "A", kind: "open", audience: "everyone" });
    const r2 = await insertRoom(n, { name: "B", kind: "open", audience: "everyone" });
    const made: string[] = [];
    await inSystem(t.database, async (tx) => {
      for (let i = 0; i < 45; i++) {
        const { id } = await tx
          .insertInto("posts")
          .values({
            network_id: n.network.id,
            room_id: i % 2 ? r1 : r2,
            author_id: n.alumni.membership.id,
            created_at: new Date(Date.UTC(2026, 0, 1, 0, i)),
            body: `投稿${i}`,
            body_html: `<p>投稿${i}</p>`,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        made.push(id);
      }
    });
    const pinned = made[10]!;
    expect(
      (await n.admin.client.call(posts.pinPost, { params: { networkId: n.network.id, postId: pinned }, body: { pinned: true } })).status,
    ).toBe(200);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await feedOf(n.employee.client, n, cursor);
      if (pages === 0) expect(page.pinned.map((p) => p.id)).toEqual([pinned]);
      else expect(page.pinned).toEqual([]);
      expect(page.items.length).toBeLessThanOrEqual(20);
      seen.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(made.filter((id) => id !== pinned).reverse());
  });

  it("is 404 for another network and refuses a forged cursor", async () => {
    const n = await makeQuickTenant(t);
    const other = await makeQuickTenant(t);
    expect((await other.alumni.client.call(feed.listFeed, { params: { networkId: n.network.id } })).status).toBe(404);
    const bad = await n.alumni.client.call(feed.listFeed, { params: { networkId: n.network.id }, query: { cursor: "bm90LWEtY3Vyc29y" } });
    expect(bad.status).toBe(400);
  });
});

describe("the feed's first page from this process's copy of the network (decision 0022)", () => {
  /** A post straight in the database: nothing announces it. */
  async function insertPost(tenant: Tenant, roomId: string, authorId: string, createdAt?: Date) {
    return inSystem(t.database, async (tx) => {
      const { id } = await tx
        .insertInto("posts")
        .values({
          network_id: tenant.network.id,
          room_id: roomId,
          author_id: authorId,
          body: "直接",
          body_html: "<p>直接</p>",
          ...(createdAt ? { created_at: createdAt } : {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return id;
    });
  }
  const ids = (page: { items: FeedPost[] }) => page.items.map((p) => p.id);
  /** A network with an open room and a private one only the employee is in. */
  async function openAndPrivateRoom() {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { name: "雑談", kind: "open", audience: "everyone" });
    const privateRoom = await insertRoom(n, {
      name: "新規事業",
      kind: "private",
      audience: "everyone",
      members: [n.employee.membership.id],
    });
    return { n, open, privateRoom };
  }

  it("is filtered for each viewer: rooms they see, blocks, their own stamps; a change through the app drops it", async () => {
    const { n, open, privateRoom } = await openAndPrivateRoom();
    const inOpen = await post(n.alumni.client, n, open, "みなさんへ");
    const inPrivate = await post(n.employee.client, n, privateRoom, "メンバーだけ");
    const stamp = await n.employee.client.call(posts.setPostStamp, {
      params: { networkId: n.network.id, postId: inOpen.id },
      body: { emoji: "tada", on: true },
    });
    expect(stamp.status, stamp.raw).toBe(200);
    // The employee, who is in the private room, fills the copy; the alumna does not see that room.
    const forEmployee = await feedOf(n.employee.client, n);
    expect(ids(forEmployee)).toEqual([inPrivate.id, inOpen.id]);
    expect(forEmployee.items[1]?.stamps).toEqual([{ emoji: "tada", count: 1, mine: true, custom: null }]);
    const forAlumna = await feedOf(n.alumni.client, n);
    expect(ids(forAlumna)).toEqual([inOpen.id]);
    expect(forAlumna.items[0]?.stamps).toEqual([{ emoji: "tada", count: 1, mine: false, custom: null }]);
    expect(forAlumna.items[0]?.can).toMatchObject({ edit: true, delete: true });
    // Served from the copy: a post written behind the app's back is not in it yet.
    const unannounced = await insertPost(n, open, n.admin.membership.id);
    expect(ids(await feedOf(n.alumni.client, n))).toEqual([inOpen.id]);
    // A block is read per request.
    const block = await n.employee.client.call(messages.blockMember, {
      params: { networkId: n.network.id, memberId: n.alumni.membership.id },
    });
    expect(block.status, block.raw).toBe(204);
    expect(ids(await feedOf(n.employee.client, n))).toEqual([inPrivate.id]);
    // A post through the app in any room of the network drops the copy.
    const later = await post(n.admin.client, n, open, "お知らせ");
    expect(ids(await feedOf(n.alumni.client, n))).toEqual([later.id, unannounced, inOpen.id]);
    expect(ids(await feedOf(n.admin.client, n))).toEqual([later.id, unannounced, inPrivate.id, inOpen.id]);
  });

  it("reads the page itself when the viewer sees too few of the copy's posts", async () => {
    const { n, open, privateRoom } = await openAndPrivateRoom();
    const older: string[] = [];
    const base = Date.now() - 3_600_000;
    for (let i = 0; i < 25; i++) older.push(await insertPost(n, open, n.alumni.membership.id, new Date(base + i * 1000)));
    // The 100 newest of the network are in the private room: the copy holds nothing else.
    for (let i = 0; i < 100; i++) await insertPost(n, privateRoom, n.employee.membership.id, new Date(base + 60_000 + i * 1000));
    expect((await feedOf(n.employee.client, n)).items.every((p) => p.room.id === privateRoom)).toBe(true);
    const page = await feedOf(n.alumni.client, n);
    expect(ids(page)).toEqual([...older].reverse().slice(0, 20));
    expect(page.nextCursor).not.toBeNull();
  });
});

describe("home extras for a young network", () => {
  it("newcomers of the last two weeks with their introduction, welcome state, prompts and who welcomes", async () => {
    const n = await makeQuickTenant(t);
    await inSystem(t.database, (tx) => createDefaultRooms(tx, n.network.id));
    const home = async (client: Client) => {
      const res = await client.call(feed.getHome, { params: { networkId: n.network.id } });
      expect(res.status, res.raw).toBe(200);
      return res.body as {
        young: boolean;
        newcomers: { memberId: string; introductionPostId: string | null; welcomedByMe: boolean }[];
        welcomer: boolean;
        rooms: { introductions: string; casual: string };
        prompts: { introduceYourself: boolean };
      };
    };
    // An old member (joined 30 days ago) is no newcomer.
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("memberships")
        .set({ joined_at: new Date(Date.now() - 30 * 86_400_000) })
        .where("id", "=", n.employee.membership.id)
        .execute(),
    );
    const newcomerAccount = await makeAccount(t, { name: "新人 花子" });
    const newcomer = await addMember(t, n.network, newcomerAccount, "alumni");
    const newcomerClient = await sessionClient(t, newcomerAccount);

    let h = await home(n.admin.client);
    expect(h.young).toBe(true);
    expect(h.welcomer).toBe(true);
    expect(h.newcomers.map((x) => x.memberId)).toEqual([newcomer.id, n.alumni.membership.id]);
    expect(h.newcomers[0]).toMatchObject({ introductionPostId: null, welcomedByMe: false });
    expect((await home(n.alumni.client)).welcomer).toBe(false);

    // The newcomer is prompted to introduce themself, and isn't any more once they have.
    expect((await home(newcomerClient)).prompts.introduceYourself).toBe(true);
    const intro = await post(newcomerClient, n, h.rooms.introductions, "はじめまして、新人です。");
    expect((await home(newcomerClient)).prompts.introduceYourself).toBe(false);

    h = await home(n.admin.client);
    expect(h.newcomers[0]).toMatchObject({ memberId: newcomer.id, introductionPostId: intro.id, welcomedByMe: false });
    // One stamp is a welcome.
    const stamp = await n.admin.client.call(posts.setPostStamp, {
      params: { networkId: n.network.id, postId: intro.id },
      body: { emoji: "clap", on: true },
    });
    expect(stamp.status, stamp.raw).toBe(200);
    expect((await home(n.admin.client)).newcomers[0]).toMatchObject({ welcomedByMe: true });
    expect((await home(n.alumni.client)).newcomers[0]).toMatchObject({ welcomedByMe: false });

    // A supporter welcomes too.
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ supporter_since: new Date() }).where("id", "=", n.alumni.membership.id).execute(),
    );
    expect((await home(n.alumni.client)).welcomer).toBe(true);

    // Twenty live posts: no longer young.
    await inSystem(t.database, async (tx) => {
      for (let i = 0; i < 20; i++)
        await tx
          .insertInto("posts")
          .values({
            network_id: n.network.id,
            room_id: h.rooms.casual,
            author_id: n.employee.membership.id,
            body: `近況${i}`,
            body_html: `<p>近況${i}</p>`,
          })
          .execute();
    });
    expect((await home(n.alumni.client)).young).toBe(false);
  });
});

describe("search", () => {
  it("finds posts and comments in the rooms the member sees, Japanese-aware, newest first, with snippets", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { name: "雑談", kind: "open", audience: "everyone" });
    const privateRoom = await insertRoom(n, { name: "人事", kind: "private", audience: "everyone", members: [n.employee.membership.id] });
    const p1 = await post(n.alumni.client, n, open, "**カムバック採用**について人事に聞きました。");
    const p2 = await post(n.employee.client, n, privateRoom, "カムバック採用の社内向け資料です");
    const c1 = await n.employee.client.call(posts.createComment, {
      params: { networkId: n.network.id, postId: p1.id },
      body: { body: "かむばっく、いいですね" },
    });
    expect(c1.status).toBe(201);
    const unrelated = await post(n.alumni.client, n, open, "週末は大阪で営業の同期と飲み会");

    // katakana query finds hiragana text too; alumni do not see the private room's post.
    const alumniHits = await searchAs(n.alumni.client, n, "カムバック");
    expect(alumniHits.items.map((h) => [h.kind, h.postId, h.commentId])).toEqual([
      ["comment", p1.id, c1.body.id],
      ["post", p1.id, null],
    ]);
    const employeeHits = await searchAs(n.employee.client, n, "ｶﾑﾊﾞｯｸ");
    expect(employeeHits.items.map((h) => h.postId)).toEqual([p1.id, p2.id, p1.id]);

    // Snippet: plain text (Markdown marks gone), the term marked.
    const hit = alumniHits.items[1]!;
    expect(hit.snippet).toBe("カムバック採用について人事に聞きました。");
    expect(hit.highlights).toEqual([[0, 5]]);
    expect(hit.room).toEqual({ id: open, name: "雑談", defaultKey: null });

    // Every term must appear.
    expect((await searchAs(n.alumni.client, n, "大阪 営業")).items.map((h) => h.postId)).toEqual([unrelated.id]);
    expect((await searchAs(n.alumni.client, n, "大阪 人事")).items).toEqual([]);
    // Nothing searchable → an empty page, never everything.
    expect((await searchAs(n.alumni.client, n, "  %  ")).items).toEqual([]);
    // One room only; a room the member cannot see is 404.
    expect((await searchAs(n.employee.client, n, "カムバック", { roomId: privateRoom })).items.map((h) => h.postId)).toEqual([p2.id]);
    const hiddenRoom = await n.alumni.client.call(search.searchPosts, {
      params: { networkId: n.network.id },
      query: { q: "カムバック", roomId: privateRoom },
    });
    expect(hiddenRoom.status).toBe(404);
    // Hidden posts and their comments drop out.
    await inSystem(t.database, (tx) => tx.updateTable("posts").set({ hidden_at: new Date() }).where("id", "=", p1.id).execute());
    expect((await searchAs(n.alumni.client, n, "カムバック")).items).toEqual([]);
    // Another network's member sees nothing of this one.
    const other = await makeQuickTenant(t);
    expect((await other.alumni.client.call(search.searchPosts, { params: { networkId: n.network.id }, query: { q: "営業" } })).status).toBe(
      404,
    );
    expect((await searchAs(other.alumni.client, other, "営業")).items).toEqual([]);
  });

  it("pages with a cursor across posts and comments", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { name: "雑談", kind: "open", audience: "everyone" });
    const made: string[] = [];
    await inSystem(t.database, async (tx) => {
      const { searchColumns } = await import("../../src/server/platform/search/index.ts");
      for (let i = 0; i < 25; i++) {
        const body = `同窓会の案内 ${i}`;
        const { id } = await tx
          .insertInto("posts")
          .values({
            network_id: n.network.id,
            room_id: open,
            author_id: n.alumni.membership.id,
            created_at: new Date(Date.UTC(2026, 0, 1, 0, i)),
            body,
            body_html: `<p>${body}</p>`,
            ...searchColumns(body),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        made.push(id);
      }
    });
    const first = await searchAs(n.employee.client, n, "同窓会");
    expect(first.items).toHaveLength(20);
    const second = await searchAs(n.employee.client, n, "同窓会", { cursor: first.nextCursor! });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((h) => h.postId)).toEqual([...made].reverse());
  });

  it("uses the GIN index inside a tenant scope once ts_match_vq is leakproof (decision 0012)", async () => {
    const n = await makeQuickTenant(t);
    const usable = await searchIndexUsableUnderRls(t.database.db);
    const isSuperuser = (await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(t.database.db))
      .rows[0]?.s;
    // The migrations ran as this connection's role: a superuser marks the function.
    expect(usable).toBe(isSuperuser);
    if (!usable) return;
    const plan = await inTenant(t.database, n.network.id, null, async (tx) => {
      await sql`set local enable_seqscan = off`.execute(tx);
      const { matchesSearch, searchQuery } = await import("../../src/server/platform/search/index.ts");
      const q = tx
        .selectFrom("posts")
        .select("id")
        .where(matchesSearch(searchQuery("人事異動")!));
      return (await sql<{ "QUERY PLAN": string }>`explain ${q}`.execute(tx)).rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/posts_search_idx/);
  });
});

describe("blocks", () => {
  it("members blocked either way do not see each other in the feed, search or the newcomers; unblocking brings them back", async () => {
    const n = await makeQuickTenant(t);
    const open = await insertRoom(n, { name: "雑談", kind: "open", audience: "everyone" });
    const byEmployee = await post(n.employee.client, n, open, "社員からの近況報告");
    const byAlumni = await post(n.alumni.client, n, open, "OBからの近況報告");
    const params = (memberId: string) => ({ params: { networkId: n.network.id, memberId } });
    const block = await n.alumni.client.call(messages.blockMember, params(n.employee.membership.id));
    expect(block.status, block.raw).toBe(204);

    const feedIds = async (client: Client) => (await feedOf(client, n)).items.map((p) => p.id);
    const hits = async (client: Client) => (await searchAs(client, n, "近況")).items.map((h) => h.postId);
    const newcomers = async (client: Client) =>
      ((await client.call(feed.getHome, { params: { networkId: n.network.id } })).body.newcomers as { memberId: string }[]).map(
        (x) => x.memberId,
      );
    // The blocker does not see the blocked, and the blocked does not see the blocker.
    expect(await feedIds(n.alumni.client)).toEqual([byAlumni.id]);
    expect(await feedIds(n.employee.client)).toEqual([byEmployee.id]);
    expect(await hits(n.alumni.client)).toEqual([byAlumni.id]);
    expect(await hits(n.employee.client)).toEqual([byEmployee.id]);
    expect(await newcomers(n.alumni.client)).not.toContain(n.employee.membership.id);
    expect(await newcomers(n.employee.client)).not.toContain(n.alumni.membership.id);
    // Others see both.
    expect(await feedIds(n.admin.client)).toEqual([byAlumni.id, byEmployee.id]);

    expect((await n.alumni.client.call(messages.unblockMember, params(n.employee.membership.id))).status).toBe(204);
    expect(await feedIds(n.employee.client)).toEqual([byAlumni.id, byEmployee.id]);
  });
});
