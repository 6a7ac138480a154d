// Images on posts and comments, through the HTTP API: what the upload refuses (a text file with
// an image name, 50 MB, a pixel bomb), what it strips (EXIF, GPS) and how it turns and sizes the
// variants, attaching (limits, ownership, reuse, order, edits), who may see a variant (uploader,
// room visibility, deleted posts), and housekeeping of abandoned uploads.
import { readdirSync } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as images from "../../src/shared/contract/images.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import type { Image } from "../../src/shared/contract/images.ts";
import { housekeeping } from "../../src/server/platform/db/housekeeping.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError, isJapanese } from "../helpers/assertions.ts";
import { makeQuickTenant, resetRateLimits } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile, multipartFilled } from "../helpers/uploads.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
let tenant: Tenant;
let openRoom: string;
/** A private room the employee is in and the alumni member is not. */
let privateRoom: string;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await makeQuickTenant(t);
  openRoom = await insertRoom("open", []);
  privateRoom = await insertRoom("private", [tenant.employee.membership.id]);
});
afterAll(async () => {
  await t.close();
});

async function insertRoom(kind: "open" | "private", members: string[]): Promise<string> {
  return inSystem(t.database, async (tx) => {
    const { id } = await tx
      .insertInto("rooms")
      .values({ network_id: tenant.network.id, name: `${kind} room`, kind })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const member_id of members)
      await tx.insertInto("room_members").values({ network_id: tenant.network.id, room_id: id, member_id }).execute();
    return id;
  });
}

const networkParams = () => ({ networkId: tenant.network.id });

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .png()
    .toBuffer();

async function upload(client: Client, data: Buffer | string, options: { filename?: string; contentType?: string } = {}) {
  return client.call(images.uploadImage, { params: networkParams(), ...(await multipartFile(data, options)) });
}

async function uploaded(client: Client, width = 64, height = 48): Promise<Image> {
  const res = await upload(client, await solid(width, height));
  expect(res.status, res.raw).toBe(201);
  return res.body as Image;
}

/** GET a variant, with the bytes as they came. */
async function fetchImage(client: Client, url: string) {
  const res = await t.app.fastify.inject({
    method: "GET",
    url,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return { status: res.statusCode, headers: res.headers, bytes: res.rawPayload };
}

const storedFiles = () => {
  try {
    return readdirSync(path.join(t.config.dataDir, "files", "images"));
  } catch {
    return [];
  }
};
const imageRows = () =>
  inSystem(t.database, (tx) => tx.selectFrom("images").selectAll().where("network_id", "=", tenant.network.id).execute());

const createPost = (client: Client, roomId: string, body: string, imageIds: string[]) =>
  client.call(posts.createPost, { params: { networkId: tenant.network.id, roomId }, body: { body, imageIds } });

/** A JPEG whose pixels are stored sideways (left half red, right half blue) with EXIF orientation 6 and GPS tags. */
async function sidewaysJpegWithGps(): Promise<Buffer> {
  const [width, height] = [600, 400];
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(x < width / 2 ? [255, 0, 0] : [0, 0, 255], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: "SecretCam", Artist: "secret-artist" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 39/1 29/1", GPSLongitudeRef: "E", GPSLongitude: "139/1 44/1 28/1" },
    })
    .toBuffer();
}

/** A real 16×16 PNG whose header is rewritten to claim 30000×30000 (with a valid CRC): a decompression bomb's shape. */
async function pixelBomb(): Promise<Buffer> {
  const png = Buffer.from(await solid(16, 16));
  // Signature (8) + length (4) + "IHDR" (4), then width and height, then the rest of IHDR and its CRC.
  png.writeUInt32BE(30_000, 16);
  png.writeUInt32BE(30_000, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

describe("uploads refused", () => {
  it("a text file named photo.jpg (declared image/jpeg): 400 not_an_image, nothing stored", async () => {
    const before = storedFiles().length;
    const res = await upload(tenant.alumni.client, "これは画像ではありません\n".repeat(50), {
      filename: "photo.jpg",
      contentType: "image/jpeg",
    });
    expectFieldError(res, "file");
    expect(res.body.error.fields.file).toContain("画像");
    expect(storedFiles().length).toBe(before);
  });

  it("an SVG (an image, but not one we take): 400", async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>';
    expectFieldError(await upload(tenant.alumni.client, svg, { filename: "a.png", contentType: "image/png" }), "file");
  });

  it("a 50 MB upload: 413 payload_too_large, and nothing stored", async () => {
    const [rows, files] = [(await imageRows()).length, storedFiles().length];
    const big = multipartFilled(50 * 1024 * 1024, "\xff", { filename: "huge.jpg", contentType: "image/jpeg" });
    const res = await tenant.alumni.client.call(images.uploadImage, { params: networkParams(), ...big });
    expectError(res, 413, "payload_too_large");
    expect((await imageRows()).length).toBe(rows);
    expect(storedFiles().length).toBe(files);
  });

  it("a pixel bomb (a tiny PNG declaring 30000×30000): 400 image_too_large with a clear message", async () => {
    const bomb = await pixelBomb();
    expect(bomb.length).toBeLessThan(2000);
    expect((await sharp(bomb, { limitInputPixels: false }).metadata()).width).toBe(30_000);
    const res = await upload(tenant.alumni.client, bomb, { filename: "bomb.png" });
    const message = expectFieldError(res, "file");
    expect(isJapanese(message)).toBe(true);
    expect(message).toContain("画素");
    // Also when the declared size is under sharp's own ceiling but over ours (7000×7000 = 49 megapixels).
    const png = Buffer.from(await solid(16, 16));
    png.writeUInt32BE(7000, 16);
    png.writeUInt32BE(7000, 20);
    png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
    expect(expectFieldError(await upload(tenant.alumni.client, png), "file")).toBe(message);
  });
});

describe("what is stored", () => {
  it("a JPEG with GPS EXIF: the variants are upright, WebP, and carry no EXIF, GPS, XMP or ICC", async () => {
    const original = await sidewaysJpegWithGps();
    const meta = await sharp(original).metadata();
    expect(meta.orientation).toBe(6);
    expect(meta.exif?.toString("latin1")).toContain("SecretCam");

    const res = await upload(tenant.alumni.client, original, { filename: "IMG_0001.JPG", contentType: "image/jpeg" });
    expect(res.status, res.raw).toBe(201);
    const image = res.body as Image;
    // Turned upright: 600×400 stored sideways is 400×600.
    expect({ width: image.width, height: image.height }).toEqual({ width: 400, height: 600 });

    for (const [url, size] of [
      [image.thumbUrl, { width: 320, height: 480 }],
      [image.largeUrl, { width: 400, height: 600 }],
    ] as const) {
      const served = await fetchImage(tenant.alumni.client, url);
      expect(served.status).toBe(200);
      expect(served.headers["content-type"]).toBe("image/webp");
      expect(served.headers["cache-control"]).toMatch(/^private, max-age=\d+, immutable$/);
      const out = await sharp(served.bytes).metadata();
      expect(out.format).toBe("webp");
      expect({ width: out.width, height: out.height }).toEqual(size);
      expect(out.exif).toBeUndefined();
      expect(out.xmp).toBeUndefined();
      expect(out.icc).toBeUndefined();
      expect(out.orientation).toBeUndefined();
      const bytes = served.bytes.toString("latin1");
      for (const secret of ["SecretCam", "secret-artist", "GPS", "Exif"]) expect(bytes).not.toContain(secret);
      // The red half (the stored left) is now on top, the blue half at the bottom.
      const { data, info } = await sharp(served.bytes).raw().toBuffer({ resolveWithObject: true });
      const pixel = (x: number, y: number) => [
        ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
      ];
      const [top, bottom] = [pixel(info.width / 2, 5), pixel(info.width / 2, info.height - 5)];
      expect(top[0]).toBeGreaterThan(200);
      expect(top[2]).toBeLessThan(60);
      expect(bottom[2]).toBeGreaterThan(200);
      expect(bottom[0]).toBeLessThan(60);
    }
    // Only the two variants are kept: never the original.
    const row = (await imageRows()).find((r) => r.id === image.id);
    expect(row).toBeDefined();
    expect(storedFiles()).toEqual(expect.arrayContaining([path.basename(row!.thumb_key), path.basename(row!.large_key)]));
    expect(row!.thumb_key).not.toBe(row!.large_key);
  });

  it("variant sizes: a 3000×2000 photo gives 1920×1280 and 480×320, sizes and bytes recorded; a small one is not enlarged", async () => {
    const image = await uploaded(tenant.alumni.client, 3000, 2000);
    expect({ width: image.width, height: image.height }).toEqual({ width: 1920, height: 1280 });
    const row = (await imageRows()).find((r) => r.id === image.id)!;
    expect([row.thumb_width, row.thumb_height, row.large_width, row.large_height]).toEqual([480, 320, 1920, 1280]);
    const large = await fetchImage(tenant.alumni.client, image.largeUrl);
    expect(row.large_bytes).toBe(large.bytes.length);
    const small = await uploaded(tenant.alumni.client, 100, 50);
    expect({ width: small.width, height: small.height }).toEqual({ width: 100, height: 50 });
  });

  it("GIF (first frame), WebP and AVIF (when this sharp reads it) are taken", async () => {
    const base = sharp({ create: { width: 30, height: 20, channels: 3, background: "green" } });
    for (const data of [await base.clone().gif().toBuffer(), await base.clone().webp().toBuffer()]) {
      const res = await upload(tenant.alumni.client, data, { filename: "x.bin", contentType: "application/octet-stream" });
      expect(res.status, res.raw).toBe(201);
    }
    const avif = await base
      .clone()
      .avif()
      .toBuffer()
      .catch(() => null);
    if (avif) expect((await upload(tenant.alumni.client, avif, { filename: "x.avif" })).status).toBe(201);
  });
});

describe("attaching", () => {
  it("a post with 10 images keeps their order; its body may be empty; 11 images: 400", async () => {
    await resetRateLimits(t);
    const ten = [];
    for (let i = 0; i < 10; i++) ten.push(await uploaded(tenant.alumni.client, 20 + i, 20));
    const ids = ten.map((i) => i.id).reverse();
    const res = await createPost(tenant.alumni.client, openRoom, "", ids);
    expect(res.status, res.raw).toBe(201);
    expect((res.body.images as Image[]).map((i) => i.id)).toEqual(ids);
    expect(res.body.images[0].width).toBe(29);
    expect(res.body.body).toBe("");

    const eleventh = await uploaded(tenant.alumni.client);
    const tooMany = await createPost(tenant.alumni.client, openRoom, "多すぎ", [...ten.map((i) => i.id), eleventh.id]);
    expectFieldError(tooMany, "imageIds");
    // Neither words nor images.
    expectFieldError(await createPost(tenant.alumni.client, openRoom, "  ", []), "body");
  });

  it("someone else's image, one already on another post, or the same one twice: 400 on imageIds", async () => {
    const employees = await uploaded(tenant.employee.client);
    expectFieldError(await createPost(tenant.alumni.client, openRoom, "他人の画像", [employees.id]), "imageIds");
    const mine = await uploaded(tenant.alumni.client);
    expect((await createPost(tenant.alumni.client, openRoom, "一枚目", [mine.id])).status).toBe(201);
    expectFieldError(await createPost(tenant.alumni.client, openRoom, "二回目", [mine.id]), "imageIds");
    const other = await uploaded(tenant.alumni.client);
    expectFieldError(await createPost(tenant.alumni.client, openRoom, "重複", [other.id, other.id]), "imageIds");
    // A failed post attaches nothing: the image is still free to use.
    expect((await createPost(tenant.alumni.client, openRoom, "今度こそ", [other.id])).status).toBe(201);
  });

  it("comments take up to 4 images; 5: 400", async () => {
    const post = await createPost(tenant.alumni.client, openRoom, "コメントしてね", []);
    const four = [];
    for (let i = 0; i < 5; i++) four.push((await uploaded(tenant.employee.client)).id);
    const params = { networkId: tenant.network.id, postId: post.body.id as string };
    const five = await tenant.employee.client.call(posts.createComment, { params, body: { body: "", imageIds: four } });
    expectFieldError(five, "imageIds");
    const ok = await tenant.employee.client.call(posts.createComment, { params, body: { body: "", imageIds: four.slice(0, 4) } });
    expect(ok.status, ok.raw).toBe(201);
    expect(ok.body.images).toHaveLength(4);
    const thread = await tenant.alumni.client.call(posts.getPost, { params });
    expect(thread.body.comments.items[0].images.map((i: Image) => i.id)).toEqual(four.slice(0, 4));
  });

  it("editing replaces the list: a removed image is deleted, the post is marked edited; omitting imageIds keeps them", async () => {
    const [a, b, c] = [await uploaded(tenant.alumni.client), await uploaded(tenant.alumni.client), await uploaded(tenant.alumni.client)];
    const post = await createPost(tenant.alumni.client, openRoom, "", [a.id, b.id]);
    const params = { networkId: tenant.network.id, postId: post.body.id as string };
    const kept = await tenant.alumni.client.call(posts.updatePost, { params, body: { body: "文章を足した" } });
    expect(kept.body.images.map((i: Image) => i.id)).toEqual([a.id, b.id]);
    const edited = await tenant.alumni.client.call(posts.updatePost, { params, body: { body: "", imageIds: [c.id, a.id] } });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body.images.map((i: Image) => i.id)).toEqual([c.id, a.id]);
    expect(edited.body.editedAt).not.toBeNull();
    expect((await fetchImage(tenant.alumni.client, b.thumbUrl)).status).toBe(404);
    expect((await imageRows()).some((r) => r.id === b.id)).toBe(false);
    // Removing the last image of a post without words: body_empty.
    expectFieldError(await tenant.alumni.client.call(posts.updatePost, { params, body: { body: "", imageIds: [] } }), "body");
  });
});

describe("who sees a variant", () => {
  it("an unattached image: its uploader only (another member, even an admin: 404)", async () => {
    const image = await uploaded(tenant.alumni.client);
    expect((await fetchImage(tenant.alumni.client, image.thumbUrl)).status).toBe(200);
    expect((await fetchImage(tenant.employee.client, image.thumbUrl)).status).toBe(404);
    expect((await fetchImage(tenant.admin.client, image.largeUrl)).status).toBe(404);
    expect((await fetchImage(t.anonymous(), image.largeUrl)).status).toBe(401);
    // Unknown variants and the public file route: 404.
    expect((await fetchImage(tenant.alumni.client, image.thumbUrl.replace(/thumb$/, "original"))).status).toBe(404);
    const row = (await imageRows()).find((r) => r.id === image.id)!;
    expect((await fetchImage(tenant.alumni.client, `/files/${row.thumb_key}`)).status).toBe(404);
  });

  it("on a post in a private room: 200 for a member of the room, 404 for one who cannot see it", async () => {
    const image = await uploaded(tenant.employee.client);
    const post = await createPost(tenant.employee.client, privateRoom, "内緒の写真", [image.id]);
    expect(post.status, post.raw).toBe(201);
    expect((await fetchImage(tenant.employee.client, image.largeUrl)).status).toBe(200);
    expect((await fetchImage(tenant.admin.client, image.largeUrl)).status).toBe(200);
    expect((await fetchImage(tenant.alumni.client, image.largeUrl)).status).toBe(404);
    expect((await fetchImage(tenant.alumni.client, image.thumbUrl)).status).toBe(404);
    // The same holds for an image on a comment there.
    const onComment = await uploaded(tenant.employee.client);
    const comment = await tenant.employee.client.call(posts.createComment, {
      params: { networkId: tenant.network.id, postId: post.body.id as string },
      body: { body: "追加", imageIds: [onComment.id] },
    });
    expect(comment.status, comment.raw).toBe(201);
    expect((await fetchImage(tenant.employee.client, onComment.thumbUrl)).status).toBe(200);
    expect((await fetchImage(tenant.alumni.client, onComment.thumbUrl)).status).toBe(404);
  });

  it("on a post in an open room: every member; deleting the post deletes its images (rows and files)", async () => {
    const image = await uploaded(tenant.alumni.client);
    const post = await createPost(tenant.alumni.client, openRoom, "みんなへ", [image.id]);
    expect((await fetchImage(tenant.employee.client, image.thumbUrl)).status).toBe(200);
    const row = (await imageRows()).find((r) => r.id === image.id)!;
    const del = await tenant.alumni.client.call(posts.deletePost, {
      params: { networkId: tenant.network.id, postId: post.body.id as string },
      body: {},
    });
    expect(del.status, del.raw).toBe(204);
    expect((await fetchImage(tenant.alumni.client, image.thumbUrl)).status).toBe(404);
    expect((await imageRows()).some((r) => r.id === image.id)).toBe(false);
    expect(storedFiles()).not.toContain(path.basename(row.thumb_key));
    expect(storedFiles()).not.toContain(path.basename(row.large_key));
  });
});

describe("housekeeping", () => {
  it("deletes images left unattached for more than a day (rows and files); attached and recent ones stay", async () => {
    const [old, recent, attachedOld] = [
      await uploaded(tenant.alumni.client),
      await uploaded(tenant.alumni.client),
      await uploaded(tenant.alumni.client),
    ];
    expect((await createPost(tenant.alumni.client, openRoom, "残る", [attachedOld.id])).status).toBe(201);
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("images")
        .set({ created_at: new Date(Date.now() - 25 * 3600_000) })
        .where("id", "in", [old.id, attachedOld.id])
        .execute(),
    );
    const oldRow = (await imageRows()).find((r) => r.id === old.id)!;
    await housekeeping(t.database, t.app.deps.storage);
    const ids = (await imageRows()).map((r) => r.id);
    expect(ids).not.toContain(old.id);
    expect(ids).toEqual(expect.arrayContaining([recent.id, attachedOld.id]));
    expect(storedFiles()).not.toContain(path.basename(oldRow.thumb_key));
    expect(storedFiles()).not.toContain(path.basename(oldRow.large_key));
    expect((await fetchImage(tenant.alumni.client, recent.thumbUrl)).status).toBe(200);
  });
});

describe("images on direct messages", () => {
  it("a message may be pictures only; the conversation's members see them, nobody else; deleting the message removes them", async () => {
    await resetRateLimits(t);
    const open = await tenant.alumni.client.call(messages.openDirectConversation, {
      params: networkParams(),
      body: { memberId: tenant.employee.membership.id },
    });
    expect(open.status, open.raw).toBeLessThan(300);
    const conversation = { ...networkParams(), conversationId: open.body.id as string };
    const [first, second] = [await uploaded(tenant.alumni.client), await uploaded(tenant.alumni.client)];
    const sent = await tenant.alumni.client.call(messages.sendMessage, {
      params: conversation,
      body: { body: "", imageIds: [second.id, first.id] },
    });
    expect(sent.status, sent.raw).toBe(201);
    expect((sent.body.images as Image[]).map((i) => i.id)).toEqual([second.id, first.id]);
    expect(sent.body.body).toBe("");
    // The conversation list says what the last message carries when it has no words.
    const list = await tenant.employee.client.call(messages.listConversations, { params: networkParams() });
    const listed = (list.body.items as { id: string; lastMessage: { preview: string; images: number } | null }[]).find(
      (c) => c.id === conversation.conversationId,
    );
    expect(listed?.lastMessage).toMatchObject({ preview: "", images: 2 });

    expect((await fetchImage(tenant.employee.client, first.thumbUrl)).status).toBe(200);
    // The admin is a member of the network, not of this conversation.
    expect((await fetchImage(tenant.admin.client, first.thumbUrl)).status).toBe(404);
    // An image on a message cannot be attached anywhere else; five are too many; neither words nor images is refused.
    const reuse = await tenant.alumni.client.call(posts.createPost, {
      params: { ...networkParams(), roomId: openRoom },
      body: { body: "転用", imageIds: [first.id] },
    });
    expectFieldError(reuse, "imageIds");
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => uploaded(tenant.alumni.client)));
    expect(
      (
        await tenant.alumni.client.call(messages.sendMessage, {
          params: conversation,
          body: { body: "多すぎ", imageIds: five.map((i) => i.id) },
        })
      ).status,
    ).toBe(400);
    expectFieldError(await tenant.alumni.client.call(messages.sendMessage, { params: conversation, body: { body: "  " } }), "body");

    const removed = await tenant.alumni.client.call(messages.deleteMessage, {
      params: { ...networkParams(), messageId: sent.body.id as string },
    });
    expect(removed.status, removed.raw).toBe(204);
    expect((await fetchImage(tenant.alumni.client, first.thumbUrl)).status).toBe(404);
    expect((await fetchImage(tenant.employee.client, second.largeUrl)).status).toBe(404);
  });
});
