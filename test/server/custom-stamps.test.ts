// Custom stamps per network, through the HTTP API: admins add them (name, label, image → 128×128
// WebP), others may not; names are unique and never a standard stamp's; members put them on posts
// and comments like standard ones; archived ones are refused for new stamps but still shown (and
// can be taken back); who stamped; and the per-member tallies of stamps given and received.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as messages from "../../src/shared/contract/messages.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import * as stamps from "../../src/shared/contract/stamps.ts";
import type { StampCount } from "../../src/shared/contract/posts.ts";
import type { CustomStamp } from "../../src/shared/contract/stamps.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { stampTallies } from "../../src/server/stamps/stamps.repository.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { makeQuickTenant } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile } from "../helpers/uploads.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
let tenant: Tenant;
let other: Tenant;
let roomId: string;
let png: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  [tenant, other] = [await makeQuickTenant(t), await makeQuickTenant(t)];
  roomId = await inSystem(
    t.database,
    async (tx) =>
      (
        await tx
          .insertInto("rooms")
          .values({ network_id: tenant.network.id, name: "雑談", kind: "open" })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id,
  );
  png = await sharp({ create: { width: 300, height: 150, channels: 4, background: { r: 250, g: 80, b: 120, alpha: 1 } } })
    .png()
    .withExif({ IFD0: { Artist: "stamp-author-secret" } })
    .toBuffer();
});
afterAll(async () => {
  await t.close();
});

const params = (tn: Tenant = tenant) => ({ networkId: tn.network.id });

async function createStamp(client: Client, name: string, label: string, data: Buffer | string = png, tn: Tenant = tenant) {
  return client.call(stamps.createCustomStamp, { params: params(tn), ...(await multipartFile(data, { fields: { name, label } })) });
}

async function newPost(client: Client, body = "スタンプください") {
  const res = await client.call(posts.createPost, { params: { networkId: tenant.network.id, roomId }, body: { body } });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as string;
}

const stampPost = (client: Client, postId: string, emoji: string, on = true) =>
  client.call(posts.setPostStamp, { params: { networkId: tenant.network.id, postId }, body: { emoji, on } });

async function fetchBytes(client: Client, url: string) {
  const res = await t.app.fastify.inject({
    method: "GET",
    url,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

describe("managing custom stamps", () => {
  it("an admin adds one: a 128×128 WebP without metadata, listed for every member", async () => {
    const res = await createStamp(tenant.admin.client, "yatta", "やった！");
    expect(res.status, res.raw).toBe(201);
    const stamp = res.body as CustomStamp;
    expect(stamp).toMatchObject({ name: "yatta", label: "やった！", archived: false });

    const list = await tenant.alumni.client.call(stamps.listCustomStamps, { params: params() });
    expect(list.status).toBe(200);
    expect((list.body.items as CustomStamp[]).map((s) => s.name)).toContain("yatta");

    const image = await fetchBytes(tenant.alumni.client, stamp.imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers["content-type"]).toBe("image/webp");
    const meta = await sharp(image.bytes).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({
      format: "webp",
      width: 128,
      height: 128,
      exif: undefined,
    });
    expect(image.bytes.toString("latin1")).not.toContain("stamp-author-secret");
    // Members of another network do not see it.
    expect((await fetchBytes(other.admin.client, stamp.imageUrl)).status).toBe(404);
    expect((await other.admin.client.call(stamps.listCustomStamps, { params: params(other) })).body.items).toEqual([]);
  });

  it("members who are not admins: 403, nothing added", async () => {
    expectError(await createStamp(tenant.employee.client, "nope", "だめ"), 403, "forbidden");
    expectError(await createStamp(tenant.alumni.client, "nope", "だめ"), 403, "forbidden");
    const list = await tenant.admin.client.call(stamps.listCustomStamps, { params: params() });
    expect((list.body.items as CustomStamp[]).map((s) => s.name)).not.toContain("nope");
  });

  it("a name taken, a standard stamp's, or badly formed, a missing label, or not an image: 400 with a field", async () => {
    expect((await createStamp(tenant.admin.client, "dupe", "一つ目")).status).toBe(201);
    expect(expectFieldError(await createStamp(tenant.admin.client, "dupe", "二つ目"), "name")).toContain("すでに");
    expect(expectFieldError(await createStamp(tenant.admin.client, "thumbsup", "いいね"), "name")).toContain("標準");
    expectFieldError(await createStamp(tenant.admin.client, "Bad-Name", "だめ"), "name");
    expectFieldError(await createStamp(tenant.admin.client, "nolabel", "  "), "label");
    expectFieldError(await createStamp(tenant.admin.client, "textfile", "文字", "not an image"), "file");
    // The same name in another network is fine.
    expect((await createStamp(other.admin.client, "dupe", "別のネットワーク", png, other)).status).toBe(201);
    expect((await createStamp(other.admin.client, "only_there", "あちらだけ", png, other)).status).toBe(201);
  });
});

describe("using custom stamps", () => {
  let party: CustomStamp;
  beforeAll(async () => {
    party = (await createStamp(tenant.admin.client, "party", "パーティー")).body as CustomStamp;
  });

  it("toggles on posts and comments; counts carry the image and label; standard ones stay emoji; unknown names: 400", async () => {
    const postId = await newPost(tenant.alumni.client);
    const on = await stampPost(tenant.employee.client, postId, "party");
    expect(on.status, on.raw).toBe(200);
    await stampPost(tenant.admin.client, postId, "party");
    const both = await stampPost(tenant.admin.client, postId, "thumbsup");
    const counts = both.body.stamps as StampCount[];
    // Standard stamps first (in the set's order), then custom ones.
    expect(counts).toEqual([
      { emoji: "thumbsup", count: 1, mine: true, custom: null },
      { emoji: "party", count: 2, mine: true, custom: { imageUrl: party.imageUrl, label: "パーティー" } },
    ]);
    const off = await stampPost(tenant.admin.client, postId, "party", false);
    expect((off.body.stamps as StampCount[]).find((s) => s.emoji === "party")?.count).toBe(1);

    expectFieldError(await stampPost(tenant.employee.client, postId, "no_such_stamp"), "emoji");
    expectFieldError(await stampPost(tenant.employee.client, postId, "only_there"), "emoji");
    expectFieldError(await stampPost(tenant.employee.client, postId, "UPPER"), "emoji");

    const comment = await tenant.employee.client.call(posts.createComment, {
      params: { networkId: tenant.network.id, postId },
      body: { body: "おめでとう" },
    });
    const onComment = await tenant.alumni.client.call(posts.setCommentStamp, {
      params: { networkId: tenant.network.id, commentId: comment.body.id as string },
      body: { emoji: "party", on: true },
    });
    expect(onComment.status, onComment.raw).toBe(200);
    expect(onComment.body.stamps[0]).toMatchObject({ emoji: "party", count: 1, mine: true });
  });

  it("an archived stamp is refused for new stamps but still shows where it was used, and can be taken back", async () => {
    const postId = await newPost(tenant.alumni.client);
    await stampPost(tenant.employee.client, postId, "party");
    const archived = await tenant.admin.client.call(stamps.setCustomStampArchived, {
      params: { ...params(), stampId: party.id },
      body: { archived: true },
    });
    expect(archived.status, archived.raw).toBe(200);
    expect(archived.body.archived).toBe(true);
    // Not an admin: 403.
    expectError(
      await tenant.alumni.client.call(stamps.setCustomStampArchived, {
        params: { ...params(), stampId: party.id },
        body: { archived: false },
      }),
      403,
      "forbidden",
    );

    expect(expectFieldError(await stampPost(tenant.admin.client, postId, "party"), "emoji")).toContain("アーカイブ");
    const post = await tenant.alumni.client.call(posts.getPost, { params: { networkId: tenant.network.id, postId } });
    expect(post.body.post.stamps).toEqual([
      { emoji: "party", count: 1, mine: false, custom: { imageUrl: party.imageUrl, label: "パーティー" } },
    ]);
    expect((await fetchBytes(tenant.alumni.client, party.imageUrl)).status).toBe(200);
    const list = await tenant.alumni.client.call(stamps.listCustomStamps, { params: params() });
    expect((list.body.items as CustomStamp[]).find((s) => s.id === party.id)?.archived).toBe(true);

    const back = await stampPost(tenant.employee.client, postId, "party", false);
    expect(back.status, back.raw).toBe(200);
    expect(back.body.stamps).toEqual([]);

    // Brought back, it can be used again.
    await tenant.admin.client.call(stamps.setCustomStampArchived, {
      params: { ...params(), stampId: party.id },
      body: { archived: false },
    });
    expect((await stampPost(tenant.admin.client, postId, "party")).status).toBe(200);
  });

  it("who stamped: names, oldest first, with the total; on comments too; 404 for a post one cannot see", async () => {
    const postId = await newPost(tenant.admin.client);
    await stampPost(tenant.alumni.client, postId, "heart");
    await stampPost(tenant.employee.client, postId, "heart");
    await stampPost(tenant.employee.client, postId, "party");
    const res = await tenant.admin.client.call(posts.listPostStampers, {
      params: { networkId: tenant.network.id, postId, stampName: "heart" },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({
      items: [
        { memberId: tenant.alumni.membership.id, displayName: tenant.alumni.account.display_name },
        { memberId: tenant.employee.membership.id, displayName: tenant.employee.account.display_name },
      ],
      total: 2,
    });
    const none = await tenant.admin.client.call(posts.listPostStampers, {
      params: { networkId: tenant.network.id, postId, stampName: "fire" },
    });
    expect(none.body).toEqual({ items: [], total: 0 });
    // A name that is no stamp here (another network's custom stamp): 404.
    expectError(
      await tenant.admin.client.call(posts.listPostStampers, { params: { networkId: tenant.network.id, postId, stampName: "only_there" } }),
      404,
      "not_found",
    );
    expectError(
      await other.admin.client.call(posts.listPostStampers, { params: { networkId: other.network.id, postId, stampName: "heart" } }),
      404,
      "not_found",
    );

    const comment = await tenant.alumni.client.call(posts.createComment, {
      params: { networkId: tenant.network.id, postId },
      body: { body: "コメント" },
    });
    const commentId = comment.body.id as string;
    await tenant.admin.client.call(posts.setCommentStamp, {
      params: { networkId: tenant.network.id, commentId },
      body: { emoji: "party", on: true },
    });
    const onComment = await tenant.employee.client.call(posts.listCommentStampers, {
      params: { networkId: tenant.network.id, commentId, stampName: "party" },
    });
    expect(onComment.body).toEqual({
      items: [{ memberId: tenant.admin.membership.id, displayName: tenant.admin.account.display_name }],
      total: 1,
    });
  });
});

describe("stamp tallies", () => {
  it("given and received per member: own posts and deleted posts do not count; since and member filters", async () => {
    const fresh = await makeQuickTenant(t);
    const room = await inSystem(
      t.database,
      async (tx) =>
        (
          await tx
            .insertInto("rooms")
            .values({ network_id: fresh.network.id, name: "r", kind: "open" })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
    );
    const post = async (client: Client) =>
      (await client.call(posts.createPost, { params: { networkId: fresh.network.id, roomId: room }, body: { body: "p" } })).body
        .id as string;
    const stamp = (client: Client, postId: string, emoji: string) =>
      client.call(posts.setPostStamp, { params: { networkId: fresh.network.id, postId }, body: { emoji, on: true } });
    const alumniPost = await post(fresh.alumni.client);
    const employeePost = await post(fresh.employee.client);
    const deletedPost = await post(fresh.employee.client);
    await stamp(fresh.admin.client, alumniPost, "heart");
    await stamp(fresh.admin.client, alumniPost, "clap");
    await stamp(fresh.employee.client, alumniPost, "heart");
    await stamp(fresh.alumni.client, employeePost, "tada");
    await stamp(fresh.alumni.client, alumniPost, "heart"); // on one's own post: counts neither way
    await stamp(fresh.admin.client, deletedPost, "heart");
    const comment = await fresh.admin.client.call(posts.createComment, {
      params: { networkId: fresh.network.id, postId: employeePost },
      body: { body: "c" },
    });
    await fresh.employee.client.call(posts.setCommentStamp, {
      params: { networkId: fresh.network.id, commentId: comment.body.id as string },
      body: { emoji: "pray", on: true },
    });
    await fresh.employee.client.call(posts.deletePost, { params: { networkId: fresh.network.id, postId: deletedPost }, body: {} });

    const tallies = (options?: Parameters<typeof stampTallies>[2]) =>
      inTenant(t.database, fresh.network.id, fresh.admin.account.id, (tx) => stampTallies(tx, fresh.network.id, options));
    const all = await tallies();
    const [admin, employee, alumni] = [fresh.admin, fresh.employee, fresh.alumni].map((m) => all.get(m.membership.id));
    expect(admin).toEqual({ given: 2, received: 1 });
    expect(employee).toEqual({ given: 2, received: 1 });
    expect(alumni).toEqual({ given: 1, received: 3 });

    const some = await tallies({ memberIds: [fresh.alumni.membership.id] });
    expect([...some.keys()]).toEqual([fresh.alumni.membership.id]);
    expect((await tallies({ since: new Date(Date.now() + 60_000) })).size).toBe(0);
    expect((await tallies({ memberIds: [] })).size).toBe(0);
    // Another network's stamps never count here.
    const fromOther = await inTenant(t.database, tenant.network.id, tenant.admin.account.id, (tx) => stampTallies(tx, fresh.network.id));
    expect(fromOther.size).toBe(0);
  });
});

describe("custom stamps on direct messages", () => {
  it("a message takes the network's custom stamps like a post; another network's name or an unknown one: 400", async () => {
    await createStamp(tenant.admin.client, "kanpai", "かんぱい");
    await createStamp(other.admin.client, "elsewhere", "よそ", png, other);
    const open = await tenant.alumni.client.call(messages.openDirectConversation, {
      params: params(),
      body: { memberId: tenant.employee.membership.id },
    });
    expect(open.status, open.raw).toBeLessThan(300);
    const sent = await tenant.alumni.client.call(messages.sendMessage, {
      params: { ...params(), conversationId: open.body.id as string },
      body: { body: "今夜どうですか" },
    });
    expect(sent.status, sent.raw).toBe(201);
    const stamp = (emoji: string, on = true) =>
      tenant.employee.client.call(messages.setMessageStamp, {
        params: { ...params(), messageId: sent.body.id as string },
        body: { emoji, on },
      });
    const res = await stamp("kanpai");
    expect(res.status, res.raw).toBe(200);
    const counts = res.body.stamps as StampCount[];
    expect(counts).toEqual([
      { emoji: "kanpai", count: 1, mine: true, custom: { imageUrl: expect.stringContaining("/custom-stamps/"), label: "かんぱい" } },
    ]);
    expect((await stamp("thumbsup")).body.stamps.map((s: StampCount) => s.emoji)).toEqual(["thumbsup", "kanpai"]);
    expectFieldError(await stamp("elsewhere"), "emoji");
    expectFieldError(await stamp("no_such_stamp"), "emoji");
    // The other member sees the same counts with the image.
    const list = await tenant.alumni.client.call(messages.listMessages, {
      params: { ...params(), conversationId: open.body.id as string },
    });
    expect((list.body.items[0].stamps as StampCount[]).map((s) => [s.emoji, s.mine, s.custom?.label ?? null])).toEqual([
      ["thumbsup", false, null],
      ["kanpai", false, "かんぱい"],
    ]);
  });
});
