// Notifications: notify() (never the actor, settings, stamp grouping), the member's list (keyset
// pages, unread counts, read marks), room request decisions, the batched mail for DMs and
// mentions (one mail per batch, none once read, never twice on a retry), digests (daily for
// newcomers, weekly later, room visibility, nothing → no mail), and mails through a real SMTP peer
// with List-Unsubscribe headers whose one-click POST turns the mail off.
import { sql } from "kysely";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as n from "../../src/shared/contract/notifications.ts";
import type { Notification } from "../../src/shared/contract/notifications.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import * as rooms from "../../src/shared/contract/rooms.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { enqueueDueDigests } from "../../src/server/notifications/notifications.digest.ts";
import { notify, type NotifyInput } from "../../src/server/notifications/notifications.service.ts";
import { createDefaultRooms } from "../../src/server/rooms/rooms.repository.ts";
import { withAfterCommit } from "../../src/server/platform/realtime/bus.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { expectError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { decodeHeader, leafParts, parseMime } from "../helpers/mime.ts";
import { mailsTo } from "../helpers/outbox.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

/** A network with an admin, an employee and an alumni member, and the three default rooms. */
async function tenant(): Promise<Tenant> {
  const w = await makeQuickTenant(t);
  await inSystem(t.database, (tx) => createDefaultRooms(tx, w.network.id));
  return w;
}

interface Received {
  to: string[];
  raw: string;
}

let t: TestApp;
let smtp: SMTPServer;
const received: Received[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: "Tsunagu <no-reply@tsunagu.example>",
    NOTIFY_MAIL_DELAY: "60",
  });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });

/** notify() as another feature calls it: inside a tenant transaction, events after the commit. */
const notifyNow = (input: NotifyInput) =>
  withAfterCommit((afterCommit) => inTenant(t.database, input.networkId, null, (tx) => notify(t.app.deps, tx, afterCommit, input)));

async function list(client: Client, network: Pick<NetworkRow, "id">, query: Record<string, string | number> = {}) {
  const res = await client.call(n.listNotifications, { ...p(network), query });
  expect(res.status, res.raw).toBe(200);
  return res.body as { items: Notification[]; nextCursor: string | null };
}

async function unread(client: Client, network: Pick<NetworkRow, "id">): Promise<number> {
  const res = await client.call(n.notificationUnreadCount, p(network));
  expect(res.status, res.raw).toBe(200);
  return res.body.unread as number;
}

async function createPost(client: Client, network: Pick<NetworkRow, "id">, roomId: string, body: string): Promise<string> {
  const res = await client.call(posts.createPost, { params: { networkId: network.id, roomId }, body: { body } });
  expect(res.status, res.raw).toBe(201);
  return res.body.id as string;
}

async function roomId(client: Client, network: Pick<NetworkRow, "id">, defaultKey: string): Promise<string> {
  const res = await client.call(rooms.listRooms, p(network));
  const room = (res.body.items as { id: string; defaultKey: string | null }[]).find((r) => r.defaultKey === defaultKey);
  if (!room) throw new Error(`no ${defaultKey} room`);
  return room.id;
}

/** The mail jobs that wait for their delay run now (as if NOTIFY_MAIL_DELAY had passed). */
async function mailDelayPassed(): Promise<void> {
  await inSystem(t.database, (tx) =>
    tx
      .updateTable("jobs")
      .set({ run_at: new Date(Date.now() - 1000) })
      .where("kind", "=", "notifications.mail")
      .where("done_at", "is", null)
      .execute(),
  );
}

const mailJobsOf = (memberId: string) =>
  inSystem(t.database, (tx) =>
    tx
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "=", "notifications.mail")
      .where(sql<boolean>`payload->>'memberId' = ${memberId}`)
      .execute(),
  );

const dm = (tenant: Tenant, from: Tenant["admin"], to: Tenant["admin"], excerpt: string, conversationId = randomUUID()) =>
  notifyNow({
    networkId: tenant.network.id,
    recipientMemberIds: [to.membership.id],
    kind: "dm",
    actorMemberId: from.membership.id,
    conversationId,
    messageId: randomUUID(),
    excerpt,
  });

describe("notify()", () => {
  let w: Tenant;
  beforeAll(async () => {
    w = await tenant();
  });

  it("notifies the recipients, never the actor themself, and publishes notification.created", async () => {
    const postId = await createPost(w.admin.client, w.network, await roomId(w.admin.client, w.network, "casual"), "みなさん、こんにちは");
    const ids = await notifyNow({
      networkId: w.network.id,
      recipientMemberIds: [w.employee.membership.id, w.admin.membership.id, w.employee.membership.id],
      kind: "mention",
      actorMemberId: w.admin.membership.id,
      postId,
    });
    expect(ids).toHaveLength(1);
    expect((await list(w.admin.client, w.network)).items).toEqual([]);
    const [item] = (await list(w.employee.client, w.network)).items;
    expect(item).toMatchObject({
      kind: "mention",
      actor: { memberId: w.admin.membership.id, displayName: w.admin.account.display_name },
      actorCount: 1,
      summary: "みなさん、こんにちは",
      link: `/n/${w.network.slug}/posts/${postId}`,
      read: false,
    });
    const events = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("events")
        .selectAll()
        .where("kind", "=", "notification.created")
        .where("account_id", "=", w.employee.account.id)
        .execute(),
    );
    expect(events.map((e) => e.payload)).toEqual([{ notificationId: item!.id }]);
  });

  it("respects the in-app settings per kind and skips members who are not active", async () => {
    const res = await w.alumni.client.call(n.updateNotificationSettings, { ...p(w.network), body: { inApp: { reply: false } } });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.inApp).toMatchObject({ reply: false, mention: true });
    const gone = await addMember(t, w.network, await makeAccount(t), "alumni", "left");
    const postId = await createPost(w.alumni.client, w.network, await roomId(w.alumni.client, w.network, "casual"), "質問です");
    const ids = await notifyNow({
      networkId: w.network.id,
      recipientMemberIds: [w.alumni.membership.id, gone.id],
      kind: "reply",
      actorMemberId: w.employee.membership.id,
      postId,
    });
    expect(ids).toEqual([]);
    expect(await unread(w.alumni.client, w.network)).toBe(0);
    // Other kinds still arrive.
    await notifyNow({
      networkId: w.network.id,
      recipientMemberIds: [w.alumni.membership.id],
      kind: "stamp",
      actorMemberId: w.employee.membership.id,
      postId,
    });
    expect(await unread(w.alumni.client, w.network)).toBe(1);
  });

  it("collapses stamps on one post into one unread notification, and starts a new one once it is read", async () => {
    const author = w.employee;
    const postId = await createPost(author.client, w.network, await roomId(author.client, w.network, "casual"), "# 近況報告\n本文");
    const stamp = (actor: { membership: { id: string } }) =>
      notifyNow({
        networkId: w.network.id,
        recipientMemberIds: [author.membership.id],
        kind: "stamp",
        actorMemberId: actor.membership.id,
        postId,
      });
    const before = await unread(author.client, w.network);
    await stamp(w.admin);
    await stamp(w.alumni);
    const third = await makeAccount(t);
    const thirdMember = await addMember(t, w.network, third, "alumni");
    await stamp({ membership: thirdMember });
    await stamp(w.alumni); // the same actor again is not another person
    expect(await unread(author.client, w.network)).toBe(before + 1);
    const grouped = (await list(author.client, w.network)).items.filter((i) => i.kind === "stamp");
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toMatchObject({ actorCount: 3, actor: { memberId: w.alumni.membership.id }, summary: "近況報告", read: false });

    const read = await author.client.call(n.markNotificationRead, { params: { networkId: w.network.id, notificationId: grouped[0]!.id } });
    expect(read.status, read.raw).toBe(200);
    expect(read.body.unread).toBe(before);
    await stamp(w.admin);
    const after = (await list(author.client, w.network)).items.filter((i) => i.kind === "stamp");
    expect(after.map((i) => [i.read, i.actorCount])).toEqual([
      [false, 1],
      [true, 3],
    ]);
  });

  it("lists in keyset pages, newest first, and marks one or all read", async () => {
    const x = await tenant();
    const postId = await createPost(x.admin.client, x.network, await roomId(x.admin.client, x.network, "casual"), "ページ");
    for (let i = 0; i < 7; i++)
      await notifyNow({
        networkId: x.network.id,
        recipientMemberIds: [x.alumni.membership.id],
        kind: "reply",
        actorMemberId: x.admin.membership.id,
        postId,
      });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(x.alumni.client, x.network, { limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const all = (await list(x.alumni.client, x.network, { limit: 50 })).items;
    expect(all.map((i) => i.id)).toEqual(seen);
    expect([...all].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).map((i) => i.id)).toEqual(seen);

    expect(await unread(x.alumni.client, x.network)).toBe(7);
    // Someone else's notification is not there for them.
    expectError(
      await x.employee.client.call(n.markNotificationRead, { params: { networkId: x.network.id, notificationId: seen[0]! } }),
      404,
      "not_found",
    );
    expect(
      (await x.alumni.client.call(n.markNotificationRead, { params: { networkId: x.network.id, notificationId: seen[0]! } })).body.unread,
    ).toBe(6);
    expect((await list(x.alumni.client, x.network, { unreadOnly: "true" })).items).toHaveLength(6);
    const all2 = await x.alumni.client.call(n.markAllNotificationsRead, p(x.network));
    expect(all2.status, all2.raw).toBe(200);
    expect(await unread(x.alumni.client, x.network)).toBe(0);
    // The member's other tabs hear about both reads (ids only).
    const reads = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("events")
        .select("payload")
        .where("kind", "=", "notification.read")
        .where("account_id", "=", x.alumni.account.id)
        .orderBy("id")
        .execute(),
    );
    expect(reads.map((e) => e.payload)).toEqual([{ notificationId: seen[0] }, {}]);
  });

  it("tells the requester that their room request was decided", async () => {
    const x = await tenant();
    const created = await x.alumni.client.call(rooms.createRoomRequest, {
      ...p(x.network),
      body: { name: "釣りの会", kind: "open", reason: "釣り好きが集まる場所" },
    });
    expect(created.status, created.raw).toBe(201);
    const decided = await x.admin.client.call(rooms.decideRoomRequest, {
      params: { networkId: x.network.id, roomRequestId: created.body.id },
      body: { decision: "approve", reply: "作りました" },
    });
    expect(decided.status, decided.raw).toBe(200);
    const [item] = (await list(x.alumni.client, x.network)).items;
    expect(item).toMatchObject({
      kind: "room_request_decided",
      actor: { memberId: x.admin.membership.id },
      summary: "釣りの会",
      link: `/n/${x.network.slug}/rooms/${decided.body.roomId}`,
    });
  });

  it("never lists another network's notifications; the account total counts only the account's own", async () => {
    const a = await tenant();
    const b = await tenant();
    const both = await makeAccount(t);
    const inA = await addMember(t, a.network, both, "alumni");
    const inB = await addMember(t, b.network, both, "alumni");
    const client = await sessionClient(t, both);
    await dm(a, a.admin, { ...a.admin, membership: inA }, "Aから");
    await dm(b, b.admin, { ...b.admin, membership: inB }, "Bから");
    await dm(b, b.admin, { ...b.admin, membership: inB }, "Bから2");
    const inListA = (await list(client, a.network)).items;
    expect(inListA.map((i) => i.summary)).toEqual(["Aから"]);
    expect((await list(a.admin.client, a.network)).items).toEqual([]);
    expectError(await a.admin.client.call(n.listNotifications, p(b.network)), 404, "not_found");
    const total = await client.call(n.myUnreadNotifications);
    expect(total.status, total.raw).toBe(200);
    expect(total.body.total).toBe(3);
    expect(new Map((total.body.networks as { networkId: string; unread: number }[]).map((x) => [x.networkId, x.unread]))).toEqual(
      new Map([
        [a.network.id, 1],
        [b.network.id, 2],
      ]),
    );
    // A foreign notification id is unknown.
    const foreign = (await list(client, b.network)).items[0]!.id;
    expectError(
      await client.call(n.markNotificationRead, { params: { networkId: a.network.id, notificationId: foreign } }),
      404,
      "not_found",
    );
  });
});

describe("batched mail for DMs and mentions", () => {
  let w: Tenant;
  beforeEach(async () => {
    w = await tenant();
    await t.app.deps.jobs.drain();
    received.length = 0;
  });

  it("two DMs within the delay make one job and one mail listing both", async () => {
    await dm(w, w.admin, w.alumni, "最初のメッセージ");
    await dm(w, w.employee, w.alumni, "二通目です");
    expect(await mailJobsOf(w.alumni.membership.id)).toHaveLength(1);
    expect(await t.app.deps.jobs.drain()).toBe(0); // not before the delay
    await mailDelayPassed();
    await t.app.deps.jobs.drain();
    const mails = await mailsTo(t, w.alumni.account.email, "notifications");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text_body).toContain("最初のメッセージ");
    expect(mails[0]!.text_body).toContain("二通目です");
    expect(mails[0]!.text_body).toContain(w.employee.account.display_name);
    expect(received.filter((r) => r.to.includes(w.alumni.account.email))).toHaveLength(1);
    // A DM after the mail starts a new batch.
    await dm(w, w.admin, w.alumni, "三通目");
    expect(await mailJobsOf(w.alumni.membership.id)).toHaveLength(2);
  });

  it("sends nothing to a member who read them before the delay was over", async () => {
    await dm(w, w.admin, w.alumni, "読まれるメッセージ");
    const mention = await notifyNow({
      networkId: w.network.id,
      recipientMemberIds: [w.alumni.membership.id],
      kind: "mention",
      actorMemberId: w.employee.membership.id,
      postId: await createPost(w.employee.client, w.network, await roomId(w.employee.client, w.network, "casual"), "@alumni さん"),
    });
    expect(mention).toHaveLength(1);
    expect((await w.alumni.client.call(n.markAllNotificationsRead, p(w.network))).status).toBe(200);
    await mailDelayPassed();
    await t.app.deps.jobs.drain();
    expect(await mailsTo(t, w.alumni.account.email, "notifications")).toEqual([]);
  });

  it("sends no mail for a kind the member turned off", async () => {
    const res = await w.alumni.client.call(n.updateNotificationSettings, { ...p(w.network), body: { emailDm: false } });
    expect(res.body).toMatchObject({ emailDm: false, emailMention: true, digest: "auto" });
    await dm(w, w.admin, w.alumni, "メールにならない");
    expect(await mailJobsOf(w.alumni.membership.id)).toEqual([]);
    expect((await list(w.alumni.client, w.network)).items).toHaveLength(1); // still listed in the app
  });

  it("a job that failed and is retried, or runs twice, mails once", async () => {
    await dm(w, w.admin, w.alumni, "一度だけ届く");
    await sql`create or replace function test_outbox_down() returns trigger language plpgsql as $$ begin raise exception 'outbox down'; end $$`.execute(
      t.database.db,
    );
    await sql`create trigger test_outbox_down before insert on mail_outbox for each row execute function test_outbox_down()`.execute(
      t.database.db,
    );
    try {
      await mailDelayPassed();
      await t.app.deps.jobs.drain();
    } finally {
      await sql`drop trigger test_outbox_down on mail_outbox`.execute(t.database.db);
    }
    const [job] = await mailJobsOf(w.alumni.membership.id);
    expect(job).toMatchObject({ attempts: 1, done_at: null });
    expect(job!.last_error).toContain("outbox down");
    expect(await mailsTo(t, w.alumni.account.email, "notifications")).toEqual([]);

    await mailDelayPassed();
    await t.app.deps.jobs.drain();
    expect(await mailsTo(t, w.alumni.account.email, "notifications")).toHaveLength(1);
    // The same job once more (a lost lock, a second process): nothing left to mail.
    await inSystem(t.database, (tx) =>
      tx
        .insertInto("jobs")
        .values({ kind: "notifications.mail", payload: JSON.stringify({ networkId: w.network.id, memberId: w.alumni.membership.id }) })
        .execute(),
    );
    await t.app.deps.jobs.drain();
    expect(await mailsTo(t, w.alumni.account.email, "notifications")).toHaveLength(1);
    expect(received.filter((r) => r.to.includes(w.alumni.account.email))).toHaveLength(1);
  });
});

/** Makes the network and its members look `days` old, with no digest yet. */
async function age(tenant: Tenant, days: number): Promise<void> {
  const then = new Date(Date.now() - days * 86_400_000);
  await inSystem(t.database, async (tx) => {
    await tx.updateTable("networks").set({ created_at: then }).where("id", "=", tenant.network.id).execute();
    await tx.updateTable("memberships").set({ created_at: then, joined_at: then }).where("network_id", "=", tenant.network.id).execute();
  });
}

async function setLastDigest(tenant: Tenant, memberId: string, daysAgo: number): Promise<void> {
  await inSystem(t.database, (tx) =>
    tx
      .insertInto("notification_settings")
      .values({ network_id: tenant.network.id, member_id: memberId, last_digest_at: new Date(Date.now() - daysAgo * 86_400_000) })
      .onConflict((oc) =>
        oc.columns(["network_id", "member_id"]).doUpdateSet({ last_digest_at: new Date(Date.now() - daysAgo * 86_400_000) }),
      )
      .execute(),
  );
}

async function runDigests(): Promise<void> {
  await enqueueDueDigests(t.app.deps);
  await t.app.deps.jobs.drain();
}

const lastDigestAt = async (tenant: Tenant, memberId: string) =>
  (
    await inSystem(t.database, (tx) =>
      tx
        .selectFrom("notification_settings")
        .select("last_digest_at")
        .where("network_id", "=", tenant.network.id)
        .where("member_id", "=", memberId)
        .executeTakeFirst(),
    )
  )?.last_digest_at ?? null;

describe("digests", () => {
  beforeEach(async () => {
    await t.app.deps.jobs.drain();
    received.length = 0;
  });

  it("a new member of a new network gets a daily digest of the rooms they see, private rooms they are not in left out", async () => {
    const w = await tenant();
    await age(w, 2);
    const casual = await roomId(w.admin.client, w.network, "casual");
    const privateRoom = await w.admin.client.call(rooms.createRoom, { ...p(w.network), body: { name: "幹事会", kind: "private" } });
    expect(privateRoom.status, privateRoom.raw).toBe(201);
    const added = await w.admin.client.call(rooms.addRoomMember, {
      params: { networkId: w.network.id, roomId: privateRoom.body.id },
      body: { memberId: w.employee.membership.id },
    });
    expect(added.status, added.raw).toBe(201);
    await createPost(w.admin.client, w.network, privateRoom.body.id, "幹事だけの秘密の話");
    const popular = await createPost(w.employee.client, w.network, casual, "花見の写真です\n続き");
    await createPost(w.admin.client, w.network, casual, "来週の予定");
    const stampRes = await w.admin.client.call(posts.setPostStamp, {
      params: { networkId: w.network.id, postId: popular },
      body: { emoji: "tada", on: true },
    });
    expect(stampRes.status, stampRes.raw).toBe(200);

    await runDigests();
    const [mail] = await mailsTo(t, w.alumni.account.email, "digest");
    expect(mail).toBeDefined();
    expect(mail!.subject).toBe(`【つなぐ】${w.network.name} の今日のダイジェスト`);
    expect(mail!.text_body).toContain("雑談ルーム：新しい投稿 2件");
    expect(mail!.text_body).toContain("雑談ルーム｜花見の写真です");
    expect(mail!.text_body.indexOf("花見の写真です")).toBeLessThan(mail!.text_body.indexOf("来週の予定")); // most-reacted first
    expect(mail!.text_body).toContain(`${t.config.publicUrl}/n/${w.network.slug}/posts/${popular}`);
    expect(mail!.text_body).not.toContain("幹事");
    expect(mail!.html_body).not.toContain("幹事");
    // A member of the private room sees it.
    expect((await mailsTo(t, w.employee.account.email, "digest"))[0]!.text_body).toContain("幹事会：新しい投稿 1件");

    // Done for today: running again sends nothing more.
    await runDigests();
    expect(await mailsTo(t, w.alumni.account.email, "digest")).toHaveLength(1);
  });

  it("an old member of an old network gets a weekly one: not after two days, after eight", async () => {
    const w = await tenant();
    await age(w, 200);
    await setLastDigest(w, w.alumni.membership.id, 2);
    await createPost(w.admin.client, w.network, await roomId(w.admin.client, w.network, "casual"), "週末の話");
    await runDigests();
    expect(await mailsTo(t, w.alumni.account.email, "digest")).toEqual([]);
    await setLastDigest(w, w.alumni.membership.id, 8);
    await runDigests();
    const mails = await mailsTo(t, w.alumni.account.email, "digest");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`【つなぐ】${w.network.name} の今週のダイジェスト`);
  });

  it("nothing happened: no mail, but the marker moves on", async () => {
    const w = await tenant();
    await age(w, 3);
    await runDigests();
    expect(await mailsTo(t, w.alumni.account.email, "digest")).toEqual([]);
    const at = await lastDigestAt(w, w.alumni.membership.id);
    expect(at).toBeInstanceOf(Date);
    expect(Date.now() - at!.getTime()).toBeLessThan(60_000);
  });

  it("a member who chose daily in an old network gets it daily; off gets none", async () => {
    const w = await tenant();
    await age(w, 100);
    await setLastDigest(w, w.alumni.membership.id, 2);
    await setLastDigest(w, w.employee.membership.id, 30);
    expect((await w.alumni.client.call(n.updateNotificationSettings, { ...p(w.network), body: { digest: "daily" } })).status).toBe(200);
    expect((await w.employee.client.call(n.updateNotificationSettings, { ...p(w.network), body: { digest: "off" } })).status).toBe(200);
    await createPost(w.admin.client, w.network, await roomId(w.admin.client, w.network, "casual"), "今日の話");
    await runDigests();
    expect(await mailsTo(t, w.alumni.account.email, "digest")).toHaveLength(1);
    expect(await mailsTo(t, w.employee.account.email, "digest")).toEqual([]);
  });
});

describe("through a real SMTP peer, with one-click unsubscribe", () => {
  function headerOf(raw: string, name: string): string {
    return decodeHeader(parseMime(raw).headers.get(name) ?? "");
  }
  const tokenOf = (listUnsubscribe: string) => /\/api\/unsubscribe\/([^>]+)>/.exec(listUnsubscribe)?.[1] ?? "";

  it("a digest arrives with List-Unsubscribe headers; the one-click POST stops the next digest", async () => {
    const w = await tenant();
    await age(w, 2);
    await t.app.deps.jobs.drain();
    received.length = 0;
    await createPost(w.admin.client, w.network, await roomId(w.admin.client, w.network, "casual"), "ダイジェストに載る投稿");
    await runDigests();
    const message = received.find((r) => r.to.includes(w.alumni.account.email));
    expect(message, "no digest reached the peer").toBeDefined();
    const listUnsubscribe = headerOf(message!.raw, "list-unsubscribe");
    expect(listUnsubscribe).toMatch(new RegExp(`^<${t.config.publicUrl}/api/unsubscribe/[^>]+>$`));
    expect(headerOf(message!.raw, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const parts = leafParts(parseMime(message!.raw));
    const token = tokenOf(listUnsubscribe);
    expect(parts.find((x) => (x.headers.get("content-type") ?? "").startsWith("text/plain"))?.body).toContain(
      `${t.config.publicUrl}/unsubscribe/${token}`,
    );

    // What the page shows, without a session.
    const anonymous = t.anonymous();
    const state = await anonymous.request("GET", `/api/unsubscribe/${token}`);
    expect(state.status, state.raw).toBe(200);
    expect(state.body).toEqual({ kind: "digest", networkName: w.network.name, active: true });
    // A mail provider's one-click POST: a form body, no cookies, no Origin.
    for (let i = 0; i < 2; i++) {
      const res = await anonymous.request("POST", `/api/unsubscribe/${token}`, {
        payload: "List-Unsubscribe=One-Click",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      expect(res.status, res.raw).toBe(200);
      expect(res.body).toMatchObject({ kind: "digest", active: false });
    }
    const settings = await w.alumni.client.call(n.getNotificationSettings, p(w.network));
    expect(settings.body.digest).toBe("off");

    await setLastDigest(w, w.alumni.membership.id, 3);
    await createPost(w.admin.client, w.network, await roomId(w.admin.client, w.network, "casual"), "もう届かない投稿");
    received.length = 0;
    await runDigests();
    expect(received.filter((r) => r.to.includes(w.alumni.account.email))).toEqual([]);
    expect(await mailsTo(t, w.alumni.account.email, "digest")).toHaveLength(1);
  });

  it("a DM mail arrives with the headers; its link stops DM mails only", async () => {
    const w = await tenant();
    await t.app.deps.jobs.drain();
    received.length = 0;
    await dm(w, w.admin, w.employee, "お元気ですか");
    await mailDelayPassed();
    await t.app.deps.jobs.drain();
    const message = received.find((r) => r.to.includes(w.employee.account.email));
    expect(message, "no DM mail reached the peer").toBeDefined();
    expect(headerOf(message!.raw, "subject")).toBe(`【つなぐ】${w.network.name} で新しい通知が1件あります`);
    expect(headerOf(message!.raw, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const token = tokenOf(headerOf(message!.raw, "list-unsubscribe"));
    expect(token).toContain(".dm_mail.");
    const res = await t.anonymous().request("POST", `/api/unsubscribe/${token}`);
    expect(res.status, res.raw).toBe(200);
    const settings = await w.employee.client.call(n.getNotificationSettings, p(w.network));
    expect(settings.body).toMatchObject({ emailDm: false, emailMention: true, digest: "auto" });
    await dm(w, w.admin, w.employee, "二通目");
    expect(await mailJobsOf(w.employee.membership.id)).toHaveLength(1); // only the first one's
  });

  it("a forged or altered link is refused and changes nothing", async () => {
    const w = await tenant();
    await dm(w, w.admin, w.alumni, "トークン用");
    await mailDelayPassed();
    await t.app.deps.jobs.drain();
    const [mail] = await mailsTo(t, w.alumni.account.email, "notifications");
    const token = /\/unsubscribe\/([A-Za-z0-9_.-]+)/.exec(mail!.text_body)?.[1] ?? "";
    const [memberId, kind, signature] = token.split(".");
    expect(kind).toBe("dm_mail");
    const before = await w.alumni.client.call(n.getNotificationSettings, p(w.network));
    const flipped = `${signature!.slice(0, -2)}${signature!.endsWith("AA") ? "BA" : "AA"}`;
    const forged = [
      `${memberId}.digest.${signature}`, // another kind with this signature
      `${memberId}.dm_mail.${flipped}`, // a changed signature
      `${w.employee.membership.id}.dm_mail.${signature}`, // another member
    ];
    for (const bad of forged) {
      expectError(await t.anonymous().request("POST", `/api/unsubscribe/${bad}`), 404, "not_found");
      expectError(await t.anonymous().request("GET", `/api/unsubscribe/${bad}`), 404, "not_found");
    }
    expectError(await t.anonymous().request("POST", `/api/unsubscribe/not-a-token`), 400, "validation_failed");
    const after = await w.alumni.client.call(n.getNotificationSettings, p(w.network));
    expect(after.body).toEqual(before.body);
    expect(before.body).toMatchObject({ emailDm: true, digest: "auto" });
  });
});
