// Posts, comments and stamps in talk rooms: the permission matrix over role × room × action
// (generated from the tables below, exact statuses), the Markdown renderer against an XSS corpus
// posted through the API, timeline paging and pins, stamps, edit and delete, unread counts in the
// rooms list, published events, validation and rate limits.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membership from "../../src/shared/contract/membership.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import * as moderation from "../../src/shared/contract/moderation.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import * as rooms from "../../src/shared/contract/rooms.ts";
import type { Post, StampCount } from "../../src/shared/contract/posts.ts";
import type { Room, RoomAudience, RoomKind } from "../../src/shared/contract/rooms.ts";
import type { MemberRole } from "../../src/shared/limits.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { cleanMarkdownSource, isAllowedHtml, renderMarkdown } from "../../src/server/platform/markdown/markdown.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeQuickTenant, resetRateLimits, sessionClient } from "../helpers/factories.ts";
import { presenceGraceMs, touchPresence } from "../../src/server/platform/realtime/presence.ts";
import { markPresent } from "../helpers/realtime.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";
import { xssCorpus } from "../helpers/xss-corpus.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const net = (network: Pick<NetworkRow, "id">) => network.id;
const roomCall = (network: Pick<NetworkRow, "id">, roomId: string) => ({ params: { networkId: net(network), roomId } });
const postCall = (network: Pick<NetworkRow, "id">, postId: string) => ({ params: { networkId: net(network), postId } });
const commentCall = (network: Pick<NetworkRow, "id">, commentId: string) => ({ params: { networkId: net(network), commentId } });

async function insertRoom(
  tenant: Tenant,
  spec: { kind: RoomKind; audience: RoomAudience; members?: readonly MemberRole[]; archived?: boolean },
) {
  return inSystem(t.database, async (tx) => {
    const { id } = await tx
      .insertInto("rooms")
      .values({
        network_id: tenant.network.id,
        name: `${spec.kind}-${spec.audience}`,
        kind: spec.kind,
        audience: spec.audience,
        archived_at: spec.archived ? new Date() : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const role of spec.members ?? [])
      await tx
        .insertInto("room_members")
        .values({ network_id: tenant.network.id, room_id: id, member_id: memberOf(tenant, role).membership.id })
        .execute();
    return id;
  });
}

const memberOf = (tenant: Tenant, role: MemberRole) =>
  role === "admin" ? tenant.admin : role === "employee" ? tenant.employee : tenant.alumni;

/** A post (and optionally a comment on it) straight in the database, bypassing the policy. */
async function insertPost(tenant: Tenant, roomId: string, authorId: string, withComment?: string) {
  return inSystem(t.database, async (tx) => {
    const { id } = await tx
      .insertInto("posts")
      .values({ network_id: tenant.network.id, room_id: roomId, author_id: authorId, body: "元の本文", body_html: "<p>元の本文</p>" })
      .returning("id")
      .executeTakeFirstOrThrow();
    let commentId = "";
    if (withComment) {
      commentId = (
        await tx
          .insertInto("comments")
          .values({
            network_id: tenant.network.id,
            post_id: id,
            author_id: withComment,
            body: "元のコメント",
            body_html: "<p>元のコメント</p>",
          })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
      await tx.updateTable("posts").set({ comment_count: 1 }).where("id", "=", id).execute();
    }
    return { postId: id, commentId };
  });
}

async function createPost(client: Client, network: Pick<NetworkRow, "id">, roomId: string, body: string): Promise<Post> {
  const res = await client.call(posts.createPost, { ...roomCall(network, roomId), body: { body } });
  expect(res.status, res.raw).toBe(201);
  return res.body as Post;
}

async function roomsOf(client: Client, network: Pick<NetworkRow, "id">): Promise<Room[]> {
  const res = await client.call(rooms.listRooms, { params: { networkId: network.id } });
  expect(res.status, res.raw).toBe(200);
  return res.body.items as Room[];
}

/** An open room for everyone (quick tenants have no default rooms). */
const casualRoom = (tenant: Tenant) => insertRoom(tenant, { kind: "open", audience: "everyone" });

// --- the permission matrix ---

// A supporter (アルムナイサポーター) is an alumni member with an appointment: the same rights as alumni.
type Who = "admin" | "employee" | "alumni" | "supporter" | "nonMember" | "otherAdmin";
const everyone: Who[] = ["admin", "employee", "alumni", "supporter", "nonMember", "otherAdmin"];
const roleOf = (who: "admin" | "employee" | "alumni" | "supporter"): MemberRole => (who === "supporter" ? "alumni" : who);

const matrixRooms = {
  open: { kind: "open", audience: "everyone", members: [], archived: false, sees: ["admin", "employee", "alumni"] },
  privateMember: {
    kind: "private",
    audience: "everyone",
    members: ["employee", "alumni"],
    archived: false,
    sees: ["admin", "employee", "alumni"],
  },
  privateNotMember: { kind: "private", audience: "everyone", members: [], archived: false, sees: ["admin"] },
  announcement: { kind: "announcement", audience: "everyone", members: [], archived: false, sees: ["admin", "employee", "alumni"] },
  alumniOnly: { kind: "open", audience: "alumni", members: [], archived: false, sees: ["admin", "alumni"] },
  employeeOnly: { kind: "open", audience: "employees", members: [], archived: false, sees: ["admin", "employee"] },
  archived: { kind: "open", audience: "everyone", members: [], archived: true, sees: ["admin"] },
} as const satisfies Record<
  string,
  { kind: RoomKind; audience: RoomAudience; members: readonly MemberRole[]; archived: boolean; sees: readonly MemberRole[] }
>;
type RoomKey = keyof typeof matrixRooms;

interface World {
  tenant: Tenant;
  supporterId: string;
  clients: Record<Who, Client>;
  roomIds: Record<RoomKey, string>;
}

/** The member who acts as `who` in the tenant (outsiders act as nobody there). */
const membershipOf = (w: World, who: Who) =>
  who === "supporter"
    ? w.supporterId
    : who === "admin" || who === "employee" || who === "alumni"
      ? memberOf(w.tenant, who).membership.id
      : w.tenant.admin.membership.id;
/** Someone else than `who`: the employee for the admin, the admin for everybody else. */
const otherThan = (w: World, who: Who) => (who === "admin" ? w.tenant.employee.membership.id : w.tenant.admin.membership.id);

interface Action {
  /** What it answers to a caller who sees the room (archived rooms: only admins see them). */
  outcome: (who: MemberRole, room: (typeof matrixRooms)[RoomKey]) => number;
  /** Admin-only endpoints answer 403 to members before looking at the room. */
  adminOnlyRoute?: boolean;
  call: (w: World, who: Who, room: RoomKey) => Promise<Result>;
}

const ok = (status: number, room: { archived: boolean }) => (room.archived ? 403 : status);

const actions: Record<string, Action> = {
  readTimeline: {
    outcome: () => 200,
    call: (w, who, room) => w.clients[who].call(posts.listRoomPosts, roomCall(w.tenant.network, w.roomIds[room])),
  },
  readPost: {
    outcome: () => 200,
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(posts.getPost, postCall(w.tenant.network, postId));
    },
  },
  post: {
    outcome: (who, room) => (room.archived || (room.kind === "announcement" && who !== "admin") ? 403 : 201),
    call: (w, who, room) =>
      w.clients[who].call(posts.createPost, { ...roomCall(w.tenant.network, w.roomIds[room]), body: { body: `${who}の投稿` } }),
  },
  comment: {
    outcome: (_who, room) => ok(201, room),
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(posts.createComment, { ...postCall(w.tenant.network, postId), body: { body: "コメント" } });
    },
  },
  stampPost: {
    outcome: (_who, room) => ok(200, room),
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(posts.setPostStamp, { ...postCall(w.tenant.network, postId), body: { emoji: "thumbsup", on: true } });
    },
  },
  stampComment: {
    outcome: (_who, room) => ok(200, room),
    call: async (w, who, room) => {
      const { commentId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who), otherThan(w, who));
      return w.clients[who].call(posts.setCommentStamp, { ...commentCall(w.tenant.network, commentId), body: { emoji: "tada", on: true } });
    },
  },
  editOwn: {
    outcome: (_who, room) => ok(200, room),
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], membershipOf(w, who));
      return w.clients[who].call(posts.updatePost, { ...postCall(w.tenant.network, postId), body: { body: "直しました" } });
    },
  },
  editOther: {
    outcome: () => 403,
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(posts.updatePost, { ...postCall(w.tenant.network, postId), body: { body: "乗っ取り" } });
    },
  },
  deleteOwn: {
    outcome: () => 204, // archived rooms: only admins see them, and admins may delete anything
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], membershipOf(w, who));
      return w.clients[who].call(posts.deletePost, { ...postCall(w.tenant.network, postId), body: {} });
    },
  },
  deleteOther: {
    outcome: (who) => (who === "admin" ? 204 : 403),
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(posts.deletePost, { ...postCall(w.tenant.network, postId), body: { reason: "規約違反" } });
    },
  },
  editOwnComment: {
    outcome: (_who, room) => ok(200, room),
    call: async (w, who, room) => {
      const { commentId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who), membershipOf(w, who));
      return w.clients[who].call(posts.updateComment, { ...commentCall(w.tenant.network, commentId), body: { body: "直しました" } });
    },
  },
  editOtherComment: {
    outcome: () => 403,
    call: async (w, who, room) => {
      const { commentId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who), otherThan(w, who));
      return w.clients[who].call(posts.updateComment, { ...commentCall(w.tenant.network, commentId), body: { body: "乗っ取り" } });
    },
  },
  deleteOtherComment: {
    outcome: (who) => (who === "admin" ? 204 : 403),
    call: async (w, who, room) => {
      const { commentId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who), otherThan(w, who));
      return w.clients[who].call(posts.deleteComment, { ...commentCall(w.tenant.network, commentId), body: {} });
    },
  },
  hide: {
    adminOnlyRoute: true,
    outcome: () => 204,
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(moderation.setPostHidden, {
        ...postCall(w.tenant.network, postId),
        body: { hidden: true, reason: "確認中" },
      });
    },
  },
  report: {
    // Reports are about what the reporter sees in a live room (an archived room's posts are history).
    outcome: (_who, room) => (room.archived ? 404 : 201),
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(moderation.createReport, {
        params: { networkId: w.tenant.network.id },
        body: { targetKind: "post", targetId: postId, reason: "spam" },
      });
    },
  },
  pin: {
    adminOnlyRoute: true,
    outcome: () => 200,
    call: async (w, who, room) => {
      const { postId } = await insertPost(w.tenant, w.roomIds[room], otherThan(w, who));
      return w.clients[who].call(posts.pinPost, { ...postCall(w.tenant.network, postId), body: { pinned: true } });
    },
  },
};

function expected(action: Action, who: Who, room: RoomKey): number {
  if (who === "nonMember" || who === "otherAdmin") return 404;
  if (action.adminOnlyRoute && who !== "admin") return 403;
  const spec = matrixRooms[room];
  const role = roleOf(who);
  if (!(spec.sees as readonly MemberRole[]).includes(role)) return 404;
  return action.outcome(role, spec);
}

describe("permission matrix: role × room × action", () => {
  let w: World;
  beforeAll(async () => {
    const tenant = await makeQuickTenant(t);
    const other = await makeQuickTenant(t);
    const roomIds = {} as Record<RoomKey, string>;
    for (const [key, spec] of Object.entries(matrixRooms) as [RoomKey, (typeof matrixRooms)[RoomKey]][])
      roomIds[key] = await insertRoom(tenant, spec);
    const supporterAccount = await makeAccount(t);
    const supporter = await addMember(t, tenant.network, supporterAccount, "alumni");
    await inSystem(t.database, async (tx) => {
      await tx.updateTable("memberships").set({ supporter_since: new Date() }).where("id", "=", supporter.id).execute();
      // In the private room wherever alumni are.
      await tx
        .insertInto("room_members")
        .values({ network_id: tenant.network.id, room_id: roomIds.privateMember, member_id: supporter.id })
        .execute();
    });
    w = {
      tenant,
      roomIds,
      supporterId: supporter.id,
      clients: {
        admin: tenant.admin.client,
        employee: tenant.employee.client,
        alumni: tenant.alumni.client,
        supporter: await sessionClient(t, supporterAccount),
        nonMember: await sessionClient(t, await makeAccount(t)),
        otherAdmin: other.admin.client,
      },
    };
  });

  const cases = Object.entries(actions).flatMap(([name, action]) =>
    (Object.keys(matrixRooms) as RoomKey[]).map((room) => [name, room, action] as const),
  );

  it.each(cases)("%s in the %s room: exactly who may", async (_name, room, action) => {
    await resetRateLimits(t);
    const outcomes: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const who of everyone) {
      outcomes[who] = (await action.call(w, who, room)).status;
      wanted[who] = expected(action, who, room);
    }
    expect(outcomes).toEqual(wanted);
  });

  it("a post's `can` tells the member what the server allows", async () => {
    const { postId } = await insertPost(w.tenant, w.roomIds.announcement, w.tenant.employee.membership.id);
    const read = async (who: Who) =>
      (await w.clients[who].call(posts.getPost, postCall(w.tenant.network, postId))).body.post.can as Post["can"];
    expect(await read("employee")).toEqual({ edit: true, delete: true, pin: false, comment: true });
    expect(await read("alumni")).toEqual({ edit: false, delete: false, pin: false, comment: true });
    expect(await read("admin")).toEqual({ edit: false, delete: true, pin: true, comment: true });
  });
});

// --- Markdown and the XSS corpus ---

const allowedTags = new Set(["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "a"]);

/** Independent of the renderer's own check: parses every tag and its attributes. */
function assertSafeHtml(html: string, what: string) {
  expect(html.toLowerCase(), what).not.toContain("<script");
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) {
    const m = /^<\/?([a-z]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>$/.exec(tag);
    expect(m, `${what}: malformed tag ${tag}`).not.toBeNull();
    const name = m?.[1] ?? "";
    expect(allowedTags.has(name), `${what}: tag ${tag}`).toBe(true);
    const attributes = [...(m?.[2] ?? "").matchAll(/([a-z-]+)="([^"]*)"/g)].map((a) => [a[1] ?? "", a[2] ?? ""] as const);
    for (const [attribute, value] of attributes) {
      expect(attribute.startsWith("on"), `${what}: event handler in ${tag}`).toBe(false);
      if (name === "a") {
        expect(["href", "rel", "target"], `${what}: ${tag}`).toContain(attribute);
        if (attribute === "href") expect(value, `${what}: ${tag}`).toMatch(/^(https?:\/\/[^\s]|mailto:)/);
        if (attribute === "rel") expect(value).toBe("noopener noreferrer nofollow");
        if (attribute === "target") expect(value).toBe("_blank");
      } else if (name === "ol") expect(attribute).toBe("start");
      else throw new Error(`${what}: attribute ${attribute} on <${name}>`);
    }
  }
  // Nothing that looks like markup outside the tags: all text is escaped.
  const text = html.replace(/<[^>]*>/g, "");
  expect(text, what).not.toMatch(/[<>]/);
  expect(text, what).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
}

describe("Markdown rendering", () => {
  it("renders the subset", () => {
    expect(renderMarkdown("こんにちは **太字** と *斜体* と `code`\n次の行")).toBe(
      "<p>こんにちは <strong>太字</strong> と <em>斜体</em> と <code>code</code><br>次の行</p>",
    );
    expect(renderMarkdown("- 一\n- 二\n\n3. 三\n4. 四")).toBe('<ul><li>一</li><li>二</li></ul><ol start="3"><li>三</li><li>四</li></ol>');
    expect(renderMarkdown("> 引用\n> 続き\n\n本文")).toBe("<blockquote><p>引用<br>続き</p></blockquote><p>本文</p>");
    expect(renderMarkdown("```ts\nconst a = 1 < 2;\n```")).toBe("<pre><code>const a = 1 &lt; 2;</code></pre>");
    const rel = 'rel="noopener noreferrer nofollow" target="_blank"';
    expect(renderMarkdown("[社内報](https://example.com/a?b=1&c=2) と https://example.com/x。")).toBe(
      `<p><a href="https://example.com/a?b=1&amp;c=2" ${rel}>社内報</a> と <a href="https://example.com/x" ${rel}>https://example.com/x</a>。</p>`,
    );
    expect(renderMarkdown("<mailto:info@example.com>")).toBe(`<p><a href="mailto:info@example.com" ${rel}>mailto:info@example.com</a></p>`);
    expect(renderMarkdown("snake_case_name \\*そのまま\\*")).toBe("<p>snake_case_name *そのまま*</p>");
    expect(renderMarkdown("![画像](https://example.com/x.png)")).not.toContain("<img");
  });

  it("the allow-list check refuses anything else", () => {
    expect(isAllowedHtml("<p>ok</p>")).toBe(true);
    for (const bad of [
      "<img src=x>",
      '<p onclick="x">',
      '<a href="javascript:x" rel="noopener noreferrer nofollow" target="_blank">',
      "<p>a < b</p>",
      "&foo;",
    ])
      expect(isAllowedHtml(bad), bad).toBe(false);
  });

  it(`an XSS corpus of ${xssCorpus.length} payloads posted through the API comes back safe, with the ordinary text kept`, async () => {
    expect(xssCorpus.length).toBeGreaterThanOrEqual(100);
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    for (const [i, payload] of xssCorpus.entries()) {
      if (i % 50 === 0) await resetRateLimits(t);
      const body = `前置きテキスト${i}\n\n${payload}\n\n後書きテキスト${i}`;
      const res = await tenant.employee.client.call(posts.createPost, { ...roomCall(tenant.network, roomId), body: { body } });
      expect(res.status, `payload ${i}: ${res.raw}`).toBe(201);
      const post = res.body as Post;
      const what = `payload ${i} ${JSON.stringify(payload).slice(0, 80)} → ${post.bodyHtml.slice(0, 300)}`;
      assertSafeHtml(post.bodyHtml, what);
      expect(post.bodyHtml, what).toContain(`前置きテキスト${i}`);
      expect(post.bodyHtml, what).toContain(`後書きテキスト${i}`);
      // What is stored is what was answered.
      const stored = await inSystem(t.database, (tx) =>
        tx.selectFrom("posts").select(["body", "body_html"]).where("id", "=", post.id).executeTakeFirstOrThrow(),
      );
      expect(stored.body_html).toBe(post.bodyHtml);
      expect(stored.body).toBe(post.body);
      expect(post.body).toBe(cleanMarkdownSource(body));
    }
    // Comments go through the same renderer.
    const target = await createPost(tenant.admin.client, tenant.network, roomId, "コメント欄");
    for (const payload of xssCorpus.slice(0, 30)) {
      const res = await tenant.alumni.client.call(posts.createComment, {
        ...postCall(tenant.network, target.id),
        body: { body: `文${payload}` },
      });
      expect(res.status, res.raw).toBe(201);
      assertSafeHtml(res.body.bodyHtml as string, payload);
    }
  });
});

// --- the timeline ---

describe("the first page from this process's copy of the room (decision 0022)", () => {
  const firstPage = async (client: Client, tenant: Tenant, roomId: string) => {
    const res = await client.call(posts.listRoomPosts, roomCall(tenant.network, roomId));
    expect(res.status, res.raw).toBe(200);
    return res.body as { pinned: Post[]; items: Post[]; nextCursor: string | null };
  };
  const ids = (page: { items: Post[] }) => page.items.map((p) => p.id);

  it("is served from the copy until a change through the app drops it", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const first = await createPost(tenant.alumni.client, tenant.network, roomId, "最初の投稿");
    expect(ids(await firstPage(tenant.employee.client, tenant, roomId))).toEqual([first.id]);
    // Written behind the app's back: nothing announces it, so the copy (kept for seconds) does not show it yet.
    const { postId: unannounced } = await insertPost(tenant, roomId, tenant.admin.membership.id);
    expect(ids(await firstPage(tenant.employee.client, tenant, roomId))).toEqual([first.id]);
    // A post through the app drops the copy: the next read has everything.
    const second = await createPost(tenant.alumni.client, tenant.network, roomId, "二つ目");
    expect(ids(await firstPage(tenant.employee.client, tenant, roomId))).toEqual([second.id, unannounced, first.id]);
    // So do a stamp, a comment, an edit, a pin and a deletion.
    const stamp = await tenant.employee.client.call(posts.setPostStamp, {
      ...postCall(tenant.network, first.id),
      body: { emoji: "thumbsup", on: true },
    });
    expect(stamp.status, stamp.raw).toBe(200);
    let page = await firstPage(tenant.alumni.client, tenant, roomId);
    expect(page.items.find((p) => p.id === first.id)?.stamps).toEqual([{ emoji: "thumbsup", count: 1, mine: false, custom: null }]);
    const comment = await tenant.employee.client.call(posts.createComment, {
      ...postCall(tenant.network, first.id),
      body: { body: "コメント" },
    });
    expect(comment.status, comment.raw).toBe(201);
    expect((await firstPage(tenant.alumni.client, tenant, roomId)).items.find((p) => p.id === first.id)?.commentCount).toBe(1);
    const edit = await tenant.alumni.client.call(posts.updatePost, {
      ...postCall(tenant.network, second.id),
      body: { body: "直しました" },
    });
    expect(edit.status, edit.raw).toBe(200);
    expect((await firstPage(tenant.employee.client, tenant, roomId)).items[0]?.body).toBe("直しました");
    const pin = await tenant.admin.client.call(posts.pinPost, { ...postCall(tenant.network, second.id), body: { pinned: true } });
    expect(pin.status, pin.raw).toBe(200);
    page = await firstPage(tenant.employee.client, tenant, roomId);
    expect(page.pinned.map((p) => p.id)).toEqual([second.id]);
    expect(ids(page)).toEqual([unannounced, first.id]);
    const removed = await tenant.admin.client.call(posts.deletePost, {
      ...postCall(tenant.network, unannounced),
      body: { reason: "重複" },
    });
    expect(removed.status, removed.raw).toBe(204);
    expect(ids(await firstPage(tenant.employee.client, tenant, roomId))).toEqual([first.id]);
  });

  it("is filtered for each viewer: their own stamps, the people they blocked or who blocked them, hidden posts", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const byAlumni = await createPost(tenant.alumni.client, tenant.network, roomId, "アルムナイの投稿");
    const byEmployee = await createPost(tenant.employee.client, tenant.network, roomId, "社員の投稿");
    const toHide = await createPost(tenant.employee.client, tenant.network, roomId, "隠される投稿");
    for (const client of [tenant.alumni.client, tenant.admin.client]) {
      const res = await client.call(posts.setPostStamp, { ...postCall(tenant.network, byEmployee.id), body: { emoji: "tada", on: true } });
      expect(res.status, res.raw).toBe(200);
    }
    const hide = await tenant.admin.client.call(moderation.setPostHidden, {
      ...postCall(tenant.network, toHide.id),
      body: { hidden: true, reason: "確認中" },
    });
    expect(hide.status, hide.raw).toBe(204);
    // The admin's read fills the copy (with the hidden post, which admins see).
    const forAdmin = await firstPage(tenant.admin.client, tenant, roomId);
    expect(ids(forAdmin)).toEqual([toHide.id, byEmployee.id, byAlumni.id]);
    expect(forAdmin.items[1]?.stamps).toEqual([{ emoji: "tada", count: 2, mine: true, custom: null }]);
    // The author still sees their hidden post, with the reason; the alumna does not.
    const forAuthor = await firstPage(tenant.employee.client, tenant, roomId);
    expect(ids(forAuthor)).toEqual([toHide.id, byEmployee.id, byAlumni.id]);
    expect(forAuthor.items[0]?.moderation).toEqual({ action: "hidden", reason: "確認中" });
    expect(forAuthor.items[1]?.stamps).toEqual([{ emoji: "tada", count: 2, mine: false, custom: null }]);
    const forAlumna = await firstPage(tenant.alumni.client, tenant, roomId);
    expect(ids(forAlumna)).toEqual([byEmployee.id, byAlumni.id]);
    expect(forAlumna.items[0]?.stamps).toEqual([{ emoji: "tada", count: 2, mine: true, custom: null }]);
    expect(forAlumna.items[0]?.can).toMatchObject({ edit: false, delete: false });
    expect(forAlumna.items[1]?.can).toMatchObject({ edit: true, delete: true });
    // A block changes nothing in the room, so nothing drops the copy: it is applied per request.
    const block = await tenant.alumni.client.call(messages.blockMember, {
      params: { networkId: tenant.network.id, memberId: tenant.employee.membership.id },
    });
    expect(block.status, block.raw).toBe(204);
    expect(ids(await firstPage(tenant.alumni.client, tenant, roomId))).toEqual([byAlumni.id]);
    expect(ids(await firstPage(tenant.employee.client, tenant, roomId))).toEqual([toHide.id, byEmployee.id]);
    expect(ids(await firstPage(tenant.admin.client, tenant, roomId))).toEqual([toHide.id, byEmployee.id, byAlumni.id]);
  });

  it("reads the page itself when the viewer's blocks leave the copy short of a page", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const older: string[] = [];
    for (let i = 0; i < 25; i++) older.push((await insertPost(tenant, roomId, tenant.employee.membership.id)).postId);
    // The 30 newest are the admin's: the copy's window (41) holds them and 11 of the others.
    for (let i = 0; i < 30; i++) await insertPost(tenant, roomId, tenant.admin.membership.id);
    expect((await firstPage(tenant.employee.client, tenant, roomId)).items).toHaveLength(20);
    const block = await tenant.alumni.client.call(messages.blockMember, {
      params: { networkId: tenant.network.id, memberId: tenant.admin.membership.id },
    });
    expect(block.status, block.raw).toBe(204);
    const page = await firstPage(tenant.alumni.client, tenant, roomId);
    expect(page.items.map((p) => p.author.memberId)).toEqual(Array(20).fill(tenant.employee.membership.id));
    expect(page.nextCursor).not.toBeNull();
    const rest = await tenant.alumni.client.call(posts.listRoomPosts, {
      ...roomCall(tenant.network, roomId),
      query: { cursor: page.nextCursor ?? "" },
    });
    expect(new Set([...ids(page), ...(rest.body.items as Post[]).map((p) => p.id)])).toEqual(new Set(older));
  });
});

describe("timeline", () => {
  it("pages newest first, 20 at a time, without duplicates; pinned posts come first on the first page only", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    await resetRateLimits(t);
    const made: Post[] = [];
    for (let i = 0; i < 45; i++)
      made.push(await createPost(i % 2 ? tenant.employee.client : tenant.alumni.client, tenant.network, roomId, `投稿 ${i}`));
    const pinned = [made[3], made[10]].map((p) => p?.id ?? "");
    for (const id of pinned) {
      const res = await tenant.admin.client.call(posts.pinPost, { ...postCall(tenant.network, id), body: { pinned: true } });
      expect(res.status, res.raw).toBe(200);
      expect(res.body.pinnedAt).not.toBeNull();
    }
    const pages: Post[][] = [];
    let cursor: string | null = null;
    let first = true;
    do {
      const res: Result = await tenant.alumni.client.call(posts.listRoomPosts, {
        ...roomCall(tenant.network, roomId),
        ...(cursor ? { query: { cursor } } : {}),
      });
      expect(res.status, res.raw).toBe(200);
      if (first) expect((res.body.pinned as Post[]).map((p) => p.id)).toEqual([...pinned].reverse());
      else expect(res.body.pinned).toEqual([]);
      first = false;
      pages.push(res.body.items as Post[]);
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([20, 20, 3]);
    const ids = pages.flat().map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const expectedIds = made
      .map((p) => p.id)
      .filter((id) => !pinned.includes(id))
      .reverse();
    expect(ids).toEqual(expectedIds);
    const sample = pages[0]?.[0];
    expect(sample?.author.displayName).toBeTruthy();
    expect(sample?.commentCount).toBe(0);
    expect(sample?.stamps).toEqual([]);
    // A bad cursor is a validation error.
    expectFieldError(
      await tenant.alumni.client.call(posts.listRoomPosts, { ...roomCall(tenant.network, roomId), query: { cursor: "nope" } }),
      "cursor",
    );
  });

  it("pins: at most 5 per room, unpinning puts the post back in the timeline; audit entries", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const made: Post[] = [];
    for (let i = 0; i < 6; i++) made.push(await createPost(tenant.admin.client, tenant.network, roomId, `お知らせ ${i}`));
    for (const post of made.slice(0, 5))
      expect((await tenant.admin.client.call(posts.pinPost, { ...postCall(tenant.network, post.id), body: { pinned: true } })).status).toBe(
        200,
      );
    const sixth = await tenant.admin.client.call(posts.pinPost, { ...postCall(tenant.network, made[5]?.id ?? ""), body: { pinned: true } });
    expectError(sixth, 409, "conflict");
    const unpin = await tenant.admin.client.call(posts.pinPost, {
      ...postCall(tenant.network, made[0]?.id ?? ""),
      body: { pinned: false },
    });
    expect(unpin.body.pinnedAt).toBeNull();
    const page = await tenant.admin.client.call(posts.listRoomPosts, roomCall(tenant.network, roomId));
    expect((page.body.items as Post[]).map((p) => p.id)).toEqual([made[5]?.id, made[0]?.id]);
    expect(page.body.pinned).toHaveLength(4);
    const audit = await tenant.admin.client.call(membership.listAuditLog, {
      params: { networkId: tenant.network.id },
      query: { limit: 20 },
    });
    const actions = (audit.body.items as { action: string }[]).map((e) => e.action);
    expect(actions.filter((a) => a === "post.pinned")).toHaveLength(5);
    expect(actions.filter((a) => a === "post.unpinned")).toHaveLength(1);
  });
});

// --- stamps ---

describe("stamps", () => {
  it("putting and taking back is idempotent; counts per emoji with `mine` per viewer, in the set's order", async () => {
    const tenant = await makeQuickTenant(t);
    await markPresent(t, [tenant.admin.account.id, tenant.employee.account.id, tenant.alumni.account.id]);
    const roomId = await casualRoom(tenant);
    const post = await createPost(tenant.admin.client, tenant.network, roomId, "スタンプください");
    const stamp = async (client: Client, emoji: string, on: boolean) => {
      const res = await client.call(posts.setPostStamp, { ...postCall(tenant.network, post.id), body: { emoji, on } });
      expect(res.status, res.raw).toBe(200);
      return res.body.stamps as StampCount[];
    };
    expect(await stamp(tenant.employee.client, "tada", true)).toEqual([{ emoji: "tada", count: 1, mine: true, custom: null }]);
    expect(await stamp(tenant.employee.client, "tada", true)).toEqual([{ emoji: "tada", count: 1, mine: true, custom: null }]);
    expect(await stamp(tenant.alumni.client, "tada", true)).toEqual([{ emoji: "tada", count: 2, mine: true, custom: null }]);
    expect(await stamp(tenant.alumni.client, "thumbsup", true)).toEqual([
      { emoji: "thumbsup", count: 1, mine: true, custom: null },
      { emoji: "tada", count: 2, mine: true, custom: null },
    ]);
    const seenByAdmin = await tenant.admin.client.call(posts.listRoomPosts, roomCall(tenant.network, roomId));
    expect(seenByAdmin.body.items[0].stamps).toEqual([
      { emoji: "thumbsup", count: 1, mine: false, custom: null },
      { emoji: "tada", count: 2, mine: false, custom: null },
    ]);
    expect(await stamp(tenant.alumni.client, "tada", false)).toEqual([
      { emoji: "thumbsup", count: 1, mine: true, custom: null },
      { emoji: "tada", count: 1, mine: false, custom: null },
    ]);
    expect(await stamp(tenant.alumni.client, "tada", false)).toEqual([
      { emoji: "thumbsup", count: 1, mine: true, custom: null },
      { emoji: "tada", count: 1, mine: false, custom: null },
    ]);
    const unknown = await tenant.alumni.client.call(posts.setPostStamp, {
      ...postCall(tenant.network, post.id),
      body: { emoji: "skull_and_crossbones", on: true },
    });
    expectFieldError(unknown, "emoji");
    // Only changes are published.
    const events = await eventsFor(post.id, "stamp.changed", "postId");
    expect(events.length).toBe(4 * 3); // 4 changes × admin, employee, alumni

    // Comments take stamps the same way.
    const comment = await tenant.employee.client.call(posts.createComment, {
      ...postCall(tenant.network, post.id),
      body: { body: "ありがとう" },
    });
    const res = await tenant.admin.client.call(posts.setCommentStamp, {
      ...commentCall(tenant.network, comment.body.id as string),
      body: { emoji: "heart", on: true },
    });
    expect(res.body.stamps).toEqual([{ emoji: "heart", count: 1, mine: true, custom: null }]);
    const thread = await tenant.employee.client.call(posts.getPost, postCall(tenant.network, post.id));
    expect(thread.body.comments.items[0].stamps).toEqual([{ emoji: "heart", count: 1, mine: false, custom: null }]);
  });
});

// --- edit and delete ---

async function auditOf(tenant: Tenant) {
  const res = await tenant.admin.client.call(membership.listAuditLog, { params: { networkId: tenant.network.id }, query: { limit: 50 } });
  return res.body.items as { action: string; details: Record<string, unknown> }[];
}

describe("edit and delete", () => {
  it("editing re-renders and marks edited (not when nothing changed); deleting keeps a placeholder with its comments", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const post = await createPost(tenant.employee.client, tenant.network, roomId, "はじめまして");
    expect(post.editedAt).toBeNull();
    const same = await tenant.employee.client.call(posts.updatePost, {
      ...postCall(tenant.network, post.id),
      body: { body: "はじめまして" },
    });
    expect(same.body.editedAt).toBeNull();
    const edited = await tenant.employee.client.call(posts.updatePost, {
      ...postCall(tenant.network, post.id),
      body: { body: "**よろしく**" },
    });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body.editedAt).not.toBeNull();
    expect(edited.body.bodyHtml).toBe("<p><strong>よろしく</strong></p>");

    const comments = [];
    for (const text of ["一つ目", "二つ目", "三つ目"]) {
      const res = await tenant.alumni.client.call(posts.createComment, { ...postCall(tenant.network, post.id), body: { body: text } });
      expect(res.status, res.raw).toBe(201);
      comments.push(res.body.id as string);
    }
    const c0 = comments[0] ?? "";
    const editedComment = await tenant.alumni.client.call(posts.updateComment, {
      ...commentCall(tenant.network, c0),
      body: { body: "一つ目（修正）" },
    });
    expect(editedComment.body.editedAt).not.toBeNull();
    expect(
      (await tenant.alumni.client.call(posts.deleteComment, { ...commentCall(tenant.network, comments[1] ?? ""), body: {} })).status,
    ).toBe(204);

    // Comment pages, oldest first, with the deleted one as a placeholder.
    const first = await tenant.admin.client.call(posts.getPost, { ...postCall(tenant.network, post.id), query: { limit: 2 } });
    expect(first.body.post.commentCount).toBe(2);
    expect(first.body.comments.items.map((c: { body: string; deleted: boolean }) => [c.body, c.deleted])).toEqual([
      ["一つ目（修正）", false],
      ["", true],
    ]);
    const second = await tenant.admin.client.call(posts.getPost, {
      ...postCall(tenant.network, post.id),
      query: { limit: 2, cursor: first.body.comments.nextCursor as string },
    });
    expect(second.body.comments.items.map((c: { body: string }) => c.body)).toEqual(["三つ目"]);
    expect(second.body.comments.nextCursor).toBeNull();

    // The author deletes: a placeholder remains while it has comments; no audit entry.
    expect((await tenant.employee.client.call(posts.deletePost, { ...postCall(tenant.network, post.id), body: {} })).status).toBe(204);
    expect((await tenant.employee.client.call(posts.deletePost, { ...postCall(tenant.network, post.id), body: {} })).status).toBe(204);
    const after = await tenant.alumni.client.call(posts.getPost, postCall(tenant.network, post.id));
    expect(after.body.post).toMatchObject({ deleted: true, body: "", bodyHtml: "", commentCount: 2 });
    expect(after.body.comments.items).toHaveLength(3);
    const timeline = await tenant.alumni.client.call(posts.listRoomPosts, roomCall(tenant.network, roomId));
    expect(timeline.body.items.map((p: Post) => [p.id, p.deleted])).toEqual([[post.id, true]]);
    expectError(
      await tenant.employee.client.call(posts.updatePost, { ...postCall(tenant.network, post.id), body: { body: "復活" } }),
      404,
      "not_found",
    );
    expectError(
      await tenant.alumni.client.call(posts.createComment, { ...postCall(tenant.network, post.id), body: { body: "まだ？" } }),
      404,
      "not_found",
    );
    expect((await auditOf(tenant)).map((e) => e.action)).not.toContain("post.deleted");

    // A deleted post without comments leaves the timeline.
    const lone = await createPost(tenant.alumni.client, tenant.network, roomId, "消します");
    await tenant.alumni.client.call(posts.deletePost, { ...postCall(tenant.network, lone.id), body: {} });
    const again = await tenant.alumni.client.call(posts.listRoomPosts, roomCall(tenant.network, roomId));
    expect(again.body.items.map((p: Post) => p.id)).toEqual([post.id]);
  });

  it("an admin deletes other people's posts and comments with a reason in the audit log", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const post = await createPost(tenant.alumni.client, tenant.network, roomId, "規約違反の投稿");
    const comment = await tenant.employee.client.call(posts.createComment, {
      ...postCall(tenant.network, post.id),
      body: { body: "違反コメント" },
    });
    const delComment = await tenant.admin.client.call(posts.deleteComment, {
      ...commentCall(tenant.network, comment.body.id as string),
      body: { reason: "誹謗中傷" },
    });
    expect(delComment.status, delComment.raw).toBe(204);
    const delPost = await tenant.admin.client.call(posts.deletePost, {
      ...postCall(tenant.network, post.id),
      body: { reason: "規約違反のため" },
    });
    expect(delPost.status, delPost.raw).toBe(204);
    const audit = await auditOf(tenant);
    const postEntry = audit.find((e) => e.action === "post.deleted");
    const commentEntry = audit.find((e) => e.action === "comment.deleted");
    expect(postEntry?.details).toMatchObject({ roomId, reason: "規約違反のため" });
    expect(commentEntry?.details).toMatchObject({ roomId, postId: post.id, reason: "誹謗中傷" });
    const stored = await inSystem(t.database, (tx) =>
      tx.selectFrom("posts").select(["deleted_by", "search_text"]).where("id", "=", post.id).executeTakeFirstOrThrow(),
    );
    expect(stored).toEqual({ deleted_by: tenant.admin.account.id, search_text: "" });
  });

  it("validates bodies: empty, blank and too long are refused; search columns are stored", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const call = (body: string) => tenant.alumni.client.call(posts.createPost, { ...roomCall(tenant.network, roomId), body: { body } });
    expectFieldError(await call(""), "body");
    expectFieldError(await call("   \n  "), "body");
    expectFieldError(await call("あ".repeat(posts.postLimits.bodyMax + 1)), "body");
    const longest = await call("あ".repeat(posts.postLimits.bodyMax));
    expect(longest.status, longest.raw.slice(0, 200)).toBe(201);
    const post = await createPost(tenant.alumni.client, tenant.network, roomId, "人事部の田中です");
    const comment = await tenant.alumni.client.call(posts.createComment, {
      ...postCall(tenant.network, post.id),
      body: { body: "あ".repeat(4001) },
    });
    expectFieldError(comment, "body");
    const stored = await inSystem(t.database, (tx) =>
      tx.selectFrom("posts").select(["search_text", "search_vector"]).where("id", "=", post.id).executeTakeFirstOrThrow(),
    );
    expect(stored.search_text).toContain("人事部");
    expect(stored.search_vector).toContain("人事");
  });

  it("rate-limits post creation per member", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    await resetRateLimits(t);
    for (let i = 0; i < 60; i++) await createPost(tenant.alumni.client, tenant.network, roomId, `連投 ${i}`);
    const res = await tenant.alumni.client.call(posts.createPost, { ...roomCall(tenant.network, roomId), body: { body: "もう一つ" } });
    expectError(res, 429, "rate_limited");
    // Someone else may still post.
    await createPost(tenant.employee.client, tenant.network, roomId, "別の人");
    await resetRateLimits(t);
  });
});

// --- unread counts ---

describe("unread counts in the rooms list", () => {
  it("counts others' live posts after the member's last read, muted rooms too", async () => {
    const tenant = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const unread = async (client: Client) => (await roomsOf(client, tenant.network)).find((r) => r.id === roomId)?.unread;
    expect(await unread(tenant.alumni.client)).toBe(0);
    const made = [];
    for (const text of ["一", "二", "三"]) made.push(await createPost(tenant.employee.client, tenant.network, roomId, text));
    await createPost(tenant.alumni.client, tenant.network, roomId, "自分の投稿");
    expect(await unread(tenant.alumni.client)).toBe(3);
    expect(await unread(tenant.employee.client)).toBe(1);
    await tenant.employee.client.call(posts.deletePost, { ...postCall(tenant.network, made[0]?.id ?? ""), body: {} });
    expect(await unread(tenant.alumni.client)).toBe(2);
    const read = await tenant.alumni.client.call(rooms.markRoomRead, roomCall(tenant.network, roomId));
    expect(read.body.unread).toBe(0);
    await tenant.alumni.client.call(rooms.setRoomMuted, { ...roomCall(tenant.network, roomId), body: { muted: true } });
    await createPost(tenant.employee.client, tenant.network, roomId, "新しい投稿");
    const room = (await roomsOf(tenant.alumni.client, tenant.network)).find((r) => r.id === roomId);
    expect(room).toMatchObject({ muted: true, unread: 1 });
    const single = await tenant.alumni.client.call(rooms.getRoom, roomCall(tenant.network, roomId));
    expect(single.body.unread).toBe(1);
  });
});

// --- events ---

async function eventsFor(id: string, kind: string, key: string) {
  return inSystem(t.database, (tx) =>
    tx
      .selectFrom("events")
      .select(["account_id", "network_id", "payload"])
      .where("kind", "=", kind)
      .where(sql<boolean>`payload ->> ${key} = ${id}`)
      .execute(),
  );
}

describe("events", () => {
  it("post.created, comment.created and stamp.changed go to the members who see the room, with ids only", async () => {
    const tenant = await makeQuickTenant(t);
    await markPresent(t, [tenant.admin.account.id, tenant.employee.account.id, tenant.alumni.account.id]);
    const privateRoom = await insertRoom(tenant, { kind: "private", audience: "everyone", members: ["employee"] });
    const post = await createPost(tenant.employee.client, tenant.network, privateRoom, "内緒の話");
    const recipients = (rows: { account_id: string }[]) => rows.map((r) => r.account_id).sort();
    const expectedAccounts = [tenant.admin.account.id, tenant.employee.account.id].sort();
    const created = await eventsFor(post.id, "post.created", "postId");
    expect(recipients(created)).toEqual(expectedAccounts);
    expect(created[0]?.payload).toEqual({ roomId: privateRoom, postId: post.id });
    expect(created[0]?.network_id).toBe(tenant.network.id);

    const comment = await tenant.admin.client.call(posts.createComment, { ...postCall(tenant.network, post.id), body: { body: "了解" } });
    const commented = await eventsFor(comment.body.id as string, "comment.created", "commentId");
    expect(recipients(commented)).toEqual(expectedAccounts);
    expect(commented[0]?.payload).toEqual({ roomId: privateRoom, postId: post.id, commentId: comment.body.id });

    await tenant.admin.client.call(posts.setCommentStamp, {
      ...commentCall(tenant.network, comment.body.id as string),
      body: { emoji: "bow", on: true },
    });
    expect(recipients(await eventsFor(comment.body.id as string, "stamp.changed", "commentId"))).toEqual(expectedAccounts);

    // An alumni-only room: the employee hears nothing.
    const alumniRoom = await insertRoom(tenant, { kind: "open", audience: "alumni" });
    const alumniPost = await createPost(tenant.alumni.client, tenant.network, alumniRoom, "OB会");
    expect(recipients(await eventsFor(alumniPost.id, "post.created", "postId"))).toEqual(
      [tenant.admin.account.id, tenant.alumni.account.id].sort(),
    );
  });

  it("go only to members present for real time: not without a socket, within the grace period after one, not after it", async () => {
    const tenant = await makeQuickTenant(t);
    const other = await makeQuickTenant(t);
    const roomId = await casualRoom(tenant);
    const recipients = async (post: Post) => (await eventsFor(post.id, "post.created", "postId")).map((r) => r.account_id).sort();
    // Nobody has a socket: not one row, however many members see the room.
    expect(await recipients(await createPost(tenant.employee.client, tenant.network, roomId, "誰もいない"))).toEqual([]);

    // The alumni member's socket (on some app process) has just closed: present for the grace
    // period. A present account of another network hears nothing of this one.
    const instance = randomUUID();
    await touchPresence(t.database, instance, tenant.alumni.account.id, 1);
    await touchPresence(t.database, instance, tenant.alumni.account.id, 0);
    await markPresent(t, [other.admin.account.id]);
    expect(await recipients(await createPost(tenant.employee.client, tenant.network, roomId, "いますか"))).toEqual([
      tenant.alumni.account.id,
    ]);

    // Away longer than the grace period: the row no longer counts.
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("realtime_presence")
        .set({ seen_at: sql<Date>`now() - ${presenceGraceMs + 1000} * interval '1 millisecond'` })
        .where("account_id", "=", tenant.alumni.account.id)
        .execute(),
    );
    expect(await recipients(await createPost(tenant.employee.client, tenant.network, roomId, "もういない"))).toEqual([]);

    // A private room's audience starts from its members and the admins (posts.repository.ts
    // listedAudience): none of them present, no row.
    const privateRoom = await insertRoom(tenant, { kind: "private", audience: "everyone", members: ["alumni"] });
    expect(await recipients(await createPost(tenant.alumni.client, tenant.network, privateRoom, "誰か"))).toEqual([]);

    // Present but not seeing the room (private, not listed; archived for non-admins): nothing.
    await markPresent(t, [tenant.employee.account.id, tenant.alumni.account.id, tenant.admin.account.id]);
    expect(await recipients(await createPost(tenant.alumni.client, tenant.network, privateRoom, "内輪"))).toEqual(
      [tenant.admin.account.id, tenant.alumni.account.id].sort(),
    );
    const employeesRoom = await insertRoom(tenant, { kind: "open", audience: "employees" });
    expect(await recipients(await createPost(tenant.employee.client, tenant.network, employeesRoom, "社員向け"))).toEqual(
      [tenant.admin.account.id, tenant.employee.account.id].sort(),
    );
  });
});
