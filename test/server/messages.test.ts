// Direct messages (ダイレクトメッセージ) and blocks through the HTTP API: one direct conversation per
// pair, group sizes, who sees a conversation (404 otherwise), "who may message me", blocks in both
// directions, office conversations (事務局), read state and unread counts, edit and delete, stamps,
// keyset pages, events on a WebSocket — and, on PostgreSQL, a message sent through one app
// process arriving on a socket connected to another.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as m from "../../src/shared/contract/messages.ts";
import type { MemberRole } from "../../src/shared/limits.ts";
import { hiddenMemberIds, hiddenMembersQuery } from "../../src/server/blocks/blocks.repository.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { messageWithContext } from "../../src/server/messages/messages.service.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeNetwork, sessionClient } from "../helpers/factories.ts";
import { connect, createRealtimeTestApp, type RealtimeSocket, type RealtimeTestApp } from "../helpers/realtime.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";
import type { Client, Result } from "../helpers/test-app.ts";
import { onPostgres } from "../helpers/test-database.ts";

let t: RealtimeTestApp;
const sockets: RealtimeSocket[] = [];
beforeAll(async () => {
  t = await createRealtimeTestApp();
});
afterEach(async () => {
  await Promise.all(sockets.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await t.close();
});

interface Person {
  accountId: string;
  memberId: string;
  name: string;
  client: Client;
}

async function person(network: NetworkRow, role: MemberRole = "alumni"): Promise<Person> {
  const account = await makeAccount(t);
  const membership = await addMember(t, network, account, role);
  return { accountId: account.id, memberId: membership.id, name: account.display_name, client: await sessionClient(t, account) };
}

function people(network: NetworkRow, n: 2, role?: MemberRole): Promise<[Person, Person]>;
function people(network: NetworkRow, n: 3, role?: MemberRole): Promise<[Person, Person, Person]>;
function people(network: NetworkRow, n: 4, role?: MemberRole): Promise<[Person, Person, Person, Person]>;
function people(network: NetworkRow, n: number, role?: MemberRole): Promise<Person[]>;
async function people(network: NetworkRow, n: number, role: MemberRole = "alumni"): Promise<Person[]> {
  const result: Person[] = [];
  for (let i = 0; i < n; i++) result.push(await person(network, role));
  return result;
}

const net = (network: NetworkRow) => ({ params: { networkId: network.id } });
const conv = (network: NetworkRow, conversationId: string) => ({ params: { networkId: network.id, conversationId } });
const msg = (network: NetworkRow, messageId: string) => ({ params: { networkId: network.id, messageId } });

async function ok(res: Promise<Result>, status = 200): Promise<Result> {
  const r = await res;
  expect(r.status, r.raw).toBe(status);
  return r;
}

const openDirect = (network: NetworkRow, from: Person, to: Person) =>
  from.client.call(m.openDirectConversation, { ...net(network), body: { memberId: to.memberId } });
const createGroup = (network: NetworkRow, from: Person, members: Person[], title?: string) =>
  from.client.call(m.createGroupConversation, {
    ...net(network),
    body: { memberIds: members.map((p) => p.memberId), ...(title ? { title } : {}) },
  });
const send = (network: NetworkRow, from: Person, conversationId: string, body: string) =>
  from.client.call(m.sendMessage, { ...conv(network, conversationId), body: { body } });
const messagesOf = async (network: NetworkRow, who: Person, conversationId: string) =>
  (await ok(who.client.call(m.listMessages, conv(network, conversationId)))).body.items as m.Message[];
const totalUnread = async (network: NetworkRow, who: Person) =>
  (await ok(who.client.call(m.getUnreadMessages, net(network)))).body as { total: number; office: number | null };
const conversationsOf = async (network: NetworkRow, who: Person) =>
  (await ok(who.client.call(m.listConversations, net(network)))).body.items as m.Conversation[];
const setPolicy = (network: NetworkRow, who: Person, dmPolicy: m.DmPolicy) =>
  ok(who.client.call(m.updateDmSettings, { ...net(network), body: { dmPolicy } }));
const block = (network: NetworkRow, who: Person, whom: Person) =>
  ok(who.client.call(m.blockMember, { params: { networkId: network.id, memberId: whom.memberId } }), 204);
const unblock = (network: NetworkRow, who: Person, whom: Person) =>
  ok(who.client.call(m.unblockMember, { params: { networkId: network.id, memberId: whom.memberId } }), 204);

/** The refusal for "you may not message this person": 403 naming dm_not_accepted, the same whatever the reason. */
function expectNotAccepted(res: Result, field: string) {
  const error = expectError(res, 403, "forbidden");
  expect(error.fields?.[field]).toBe("この方には現在メッセージを送れません。");
  return error;
}

describe("direct conversations", () => {
  it("are one per pair: opening again, from either side, answers the same conversation", async () => {
    const network = await makeNetwork(t);
    const [a, b] = await people(network, 2);
    const first = (await ok(openDirect(network, a, b))).body as m.Conversation;
    expect(first).toMatchObject({ kind: "direct", title: null, members: [{ memberId: b.memberId, displayName: b.name }], unread: 0 });
    expect(first.can).toEqual({ send: true, addMembers: false, leave: false });
    expect((await ok(openDirect(network, a, b))).body.id).toBe(first.id);
    expect((await ok(openDirect(network, b, a))).body.id).toBe(first.id);
    // Opened at once from both sides: still one.
    const [x, y] = await people(network, 2);
    const both = await Promise.all([openDirect(network, x, y), openDirect(network, y, x)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    expect(both[0]?.body.id).toBe(both[1]?.body.id);
    const rows = await t.database.db
      .selectFrom("conversations")
      .select("id")
      .where("network_id", "=", network.id)
      .where("kind", "=", "direct")
      .execute();
    expect(rows).toHaveLength(2);
  });

  it("refuses oneself (400), and a member of another network or an unknown id (404)", async () => {
    const network = await makeNetwork(t);
    const other = await makeNetwork(t);
    const a = await person(network);
    const stranger = await person(other);
    expectFieldError(await openDirect(network, a, a), "memberId");
    expectError(await openDirect(network, a, stranger), 404, "not_found");
    const left = await person(network);
    await t.database.db.updateTable("memberships").set({ status: "left" }).where("id", "=", left.memberId).execute();
    expectError(await openDirect(network, a, left), 404, "not_found");
  });
});

describe("groups", () => {
  it("take 3 to 50 members with the creator: 2 or 51 are refused, and adding a 51st is too", async () => {
    const network = await makeNetwork(t);
    const everyone = await people(network, 51);
    const [creator, ...others] = everyone as [Person, ...Person[]];
    expectFieldError(await createGroup(network, creator, others.slice(0, 1)), "memberIds");
    expectFieldError(await createGroup(network, creator, others.slice(0, 50)), "memberIds");
    const group = (await ok(createGroup(network, creator, others.slice(0, 49), "同期会"), 201)).body as m.Conversation;
    expect(group).toMatchObject({ kind: "group", title: "同期会" });
    expect(group.members).toHaveLength(49);
    const fiftyFirst = others[49]!;
    const res = await creator.client.call(m.addConversationMembers, {
      ...conv(network, group.id),
      body: { memberIds: [fiftyFirst.memberId] },
    });
    expectError(res, 409, "conflict");
    // After someone leaves, any member (not only the creator) may add one.
    await ok(others[0]!.client.call(m.leaveConversation, conv(network, group.id)), 204);
    const added = await ok(
      others[1]!.client.call(m.addConversationMembers, { ...conv(network, group.id), body: { memberIds: [fiftyFirst.memberId] } }),
    );
    expect((added.body as m.Conversation).members.map((p) => p.memberId)).toContain(fiftyFirst.memberId);
  });

  it("someone added later reads from the day they joined; who left reads nothing (404) and keeps their name on old messages", async () => {
    const network = await makeNetwork(t);
    const [a, b, c, d] = await people(network, 4);
    const group = (await ok(createGroup(network, a, [b, c]), 201)).body as m.Conversation;
    await ok(send(network, c, group.id, "前の話"), 201);
    await ok(a.client.call(m.addConversationMembers, { ...conv(network, group.id), body: { memberIds: [d.memberId, b.memberId] } }));
    expect((await messagesOf(network, d, group.id)).map((x) => x.body)).toEqual([]);
    await ok(send(network, a, group.id, "ようこそ"), 201);
    expect((await messagesOf(network, d, group.id)).map((x) => x.body)).toEqual(["ようこそ"]);

    await ok(c.client.call(m.leaveConversation, conv(network, group.id)), 204);
    expectError(await c.client.call(m.listMessages, conv(network, group.id)), 404, "not_found");
    expectError(await send(network, c, group.id, "まだいる？"), 404, "not_found");
    expectError(await c.client.call(m.getConversation, conv(network, group.id)), 404, "not_found");
    expect((await conversationsOf(network, c)).map((x) => x.id)).not.toContain(group.id);
    const seenByA = await messagesOf(network, a, group.id);
    expect(seenByA.find((x) => x.body === "前の話")?.author).toEqual({
      memberId: c.memberId,
      displayName: c.name,
      avatarUrl: null,
      supporter: false,
    });
    expect(
      ((await ok(a.client.call(m.getConversation, conv(network, group.id)))).body as m.Conversation).members.map((p) => p.memberId),
    ).not.toContain(c.memberId);
    // Direct conversations cannot be left; non-members and other networks get 404.
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    expectError(await a.client.call(m.leaveConversation, conv(network, direct.id)), 403, "forbidden");
    const outsider = await person(network);
    expectError(await outsider.client.call(m.getConversation, conv(network, direct.id)), 404, "not_found");
    expectError(await send(network, outsider, direct.id, "こんにちは"), 404, "not_found");
    const other = await makeNetwork(t);
    const elsewhere = await person(other, "admin");
    expectError(await elsewhere.client.call(m.listMessages, conv(other, direct.id)), 404, "not_found");
  });
});

describe("who may message me", () => {
  it("everyone (the default), contacts, nobody — the office always", async () => {
    const network = await makeNetwork(t);
    const [a, b, c, admin] = [await person(network), await person(network), await person(network), await person(network, "admin")];
    expect((await ok(b.client.call(m.getDmSettings, net(network)))).body).toEqual({ dmPolicy: "everyone" });

    await setPolicy(network, b, "nobody");
    expect((await ok(b.client.call(m.getDmSettings, net(network)))).body).toEqual({ dmPolicy: "nobody" });
    expectNotAccepted(await openDirect(network, a, b), "memberId");
    expectNotAccepted(await createGroup(network, a, [b, c]), "memberIds");
    // Nobody may still write to the office, and the office answers.
    const office = (await ok(b.client.call(m.openOfficeConversation, net(network)))).body as m.Conversation;
    await ok(send(network, b, office.id, "相談です"), 201);
    await ok(send(network, admin, office.id, "承知しました"), 201);

    await setPolicy(network, b, "contacts");
    expectNotAccepted(await openDirect(network, a, b), "memberId");
    // Sharing a group makes contacts: c starts one with a and b while b takes everyone.
    await setPolicy(network, b, "everyone");
    await ok(createGroup(network, c, [a, b]), 201);
    await setPolicy(network, b, "contacts");
    await ok(openDirect(network, a, b));
    const d = await person(network);
    expectNotAccepted(await openDirect(network, d, b), "memberId");
    // Adding b to a group asks the same.
    const group = (await ok(createGroup(network, d, [a, c]), 201)).body as m.Conversation;
    expectNotAccepted(
      await d.client.call(m.addConversationMembers, { ...conv(network, group.id), body: { memberIds: [b.memberId] } }),
      "memberIds",
    );
    expectFieldError(await b.client.call(m.updateDmSettings, { ...net(network), body: { dmPolicy: "friends" } }), "dmPolicy");
  });
});

describe("blocks", () => {
  it("in either direction: no new direct conversation, no message in an existing one, no adding to a group — the same refusal as a setting", async () => {
    const network = await makeNetwork(t);
    const [a, b, c] = await people(network, 3);
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    await block(network, b, a);
    await block(network, b, a); // idempotent
    const byPolicy = await (async () => {
      const n = await person(network);
      await setPolicy(network, n, "nobody");
      return expectNotAccepted(await openDirect(network, c, n), "memberId");
    })();
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const refused = expectNotAccepted(await openDirect(network, from, to), "memberId");
      expect(refused.message).toBe(byPolicy.message); // says nothing of a block
      expectNotAccepted(await send(network, from, direct.id, "こんにちは"), "body");
    }
    // The conversation stays readable, but cannot be written to.
    const seen = (await ok(a.client.call(m.getConversation, conv(network, direct.id)))).body as m.Conversation;
    expect(seen.can.send).toBe(false);
    expectNotAccepted(await createGroup(network, a, [b, c]), "memberIds");
    expectNotAccepted(await createGroup(network, b, [a, c]), "memberIds");
    const group = (await ok(createGroup(network, c, [a, (await people(network, 1))[0]!]), 201)).body as m.Conversation;
    expectNotAccepted(
      await a.client.call(m.addConversationMembers, { ...conv(network, group.id), body: { memberIds: [b.memberId] } }),
      "memberIds",
    );

    expect((await ok(b.client.call(m.listBlocks, net(network)))).body.items).toEqual([
      { member: { memberId: a.memberId, displayName: a.name, avatarUrl: null, supporter: false }, createdAt: expect.any(String) },
    ]);
    expect((await ok(a.client.call(m.listBlocks, net(network)))).body.items).toEqual([]);
    // For other features: hidden both ways, as a set and as a subquery.
    await inTenant(t.database, network.id, a.accountId, async (tx) => {
      expect([...(await hiddenMemberIds(tx, network.id, a.memberId))]).toEqual([b.memberId]);
      expect([...(await hiddenMemberIds(tx, network.id, b.memberId))]).toEqual([a.memberId]);
      const visible = await tx
        .selectFrom("memberships")
        .select("id")
        .where("network_id", "=", network.id)
        .where("id", "in", [a.memberId, b.memberId, c.memberId])
        .where("id", "not in", hiddenMembersQuery(tx, network.id, b.memberId))
        .execute();
      expect(visible.map((r) => r.id).sort()).toEqual([b.memberId, c.memberId].sort());
    });

    await unblock(network, b, a);
    await unblock(network, b, a);
    await ok(send(network, a, direct.id, "また話せますね"), 201);
    expectFieldError(await b.client.call(m.blockMember, { params: { networkId: network.id, memberId: b.memberId } }), "memberId");
    const other = await person(await makeNetwork(t));
    expectError(await b.client.call(m.blockMember, { params: { networkId: network.id, memberId: other.memberId } }), 404, "not_found");
  });

  it("in groups, messages of a member I blocked are hidden from me (and not counted as unread), not from the others", async () => {
    const network = await makeNetwork(t);
    const [a, b, c] = await people(network, 3);
    const group = (await ok(createGroup(network, c, [a, b]), 201)).body as m.Conversation;
    await ok(send(network, a, group.id, "前から"), 201);
    await block(network, b, a);
    await ok(send(network, a, group.id, "ブロック後"), 201); // a may still write to the group
    await ok(send(network, c, group.id, "cより"), 201);
    expect((await messagesOf(network, b, group.id)).map((x) => x.body)).toEqual(["cより"]);
    expect((await messagesOf(network, c, group.id)).map((x) => x.body)).toEqual(["cより", "ブロック後", "前から"]);
    expect((await totalUnread(network, b)).total).toBe(1);
    const listed = (await conversationsOf(network, b)).find((x) => x.id === group.id);
    expect(listed?.lastMessage?.preview).toBe("cより");
    await unblock(network, b, a);
    expect((await messagesOf(network, b, group.id)).map((x) => x.body)).toEqual(["cより", "ブロック後", "前から"]);
  });
});

describe("the office (事務局へのメッセージ)", () => {
  it("is the member's and every admin's, nobody else's; admins answer as the office and share its read state", async () => {
    const network = await makeNetwork(t);
    const [admin1, admin2] = await people(network, 2, "admin");
    const [alumni, other] = await people(network, 2);
    const office = (await ok(alumni.client.call(m.openOfficeConversation, net(network)))).body as m.Conversation;
    expect(office).toMatchObject({ kind: "office", asOffice: false, members: [] });
    expect((await ok(alumni.client.call(m.openOfficeConversation, net(network)))).body.id).toBe(office.id);
    expectError(await admin1.client.call(m.openOfficeConversation, net(network)), 403, "forbidden");

    await ok(send(network, alumni, office.id, "退職証明書について"), 201);
    await ok(send(network, alumni, office.id, "よろしくお願いします"), 201);
    for (const admin of [admin1, admin2]) {
      const listed = (await ok(admin.client.call(m.listOfficeConversations, net(network)))).body.items as m.Conversation[];
      expect(listed.map((x) => x.id)).toEqual([office.id]);
      expect(listed[0]).toMatchObject({ asOffice: true, unread: 2, members: [{ memberId: alumni.memberId, displayName: alumni.name }] });
      expect(await totalUnread(network, admin)).toEqual({ total: 0, office: 2 });
    }
    expectError(await other.client.call(m.getConversation, conv(network, office.id)), 404, "not_found");
    expectError(await other.client.call(m.listMessages, conv(network, office.id)), 404, "not_found");
    expectError(await other.client.call(m.listOfficeConversations, net(network)), 403, "forbidden");

    const answer = (await ok(send(network, admin2, office.id, "確認します"), 201)).body as m.Message;
    expect(answer).toMatchObject({ asOffice: true, author: { memberId: admin2.memberId, displayName: admin2.name } });
    // Answering is reading, for the whole office.
    expect(await totalUnread(network, admin1)).toEqual({ total: 0, office: 0 });
    const seen = await messagesOf(network, alumni, office.id);
    expect(seen[0]).toMatchObject({ body: "確認します", asOffice: true });
    expect(await totalUnread(network, alumni)).toEqual({ total: 1, office: null });

    await ok(send(network, alumni, office.id, "ありがとうございます"), 201);
    expect((await totalUnread(network, admin2)).office).toBe(1);
    expect((await ok(admin1.client.call(m.markConversationRead, conv(network, office.id)))).body).toEqual({ unread: 0 });
    expect((await totalUnread(network, admin2)).office).toBe(0);
  });
});

describe("read state and unread counts", () => {
  it("per conversation and in total, after reading and after new messages", async () => {
    const network = await makeNetwork(t);
    const [a, b, c] = await people(network, 3);
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    const group = (await ok(createGroup(network, c, [a, b]), 201)).body as m.Conversation;
    for (const text of ["一", "二", "三"]) await ok(send(network, a, direct.id, text), 201);
    await ok(send(network, c, group.id, "グループ"), 201);
    const list = await conversationsOf(network, b);
    expect(list.map((x) => [x.id, x.unread])).toEqual([
      [group.id, 1],
      [direct.id, 3],
    ]);
    expect(list[1]?.lastMessage).toMatchObject({ preview: "三", author: { memberId: a.memberId } });
    expect(await totalUnread(network, b)).toEqual({ total: 4, office: null });
    expect(await totalUnread(network, a)).toEqual({ total: 1, office: null }); // own messages are read

    expect((await ok(b.client.call(m.markConversationRead, conv(network, direct.id)))).body).toEqual({ unread: 0 });
    expect((await totalUnread(network, b)).total).toBe(1);
    await ok(send(network, a, direct.id, "**四**"), 201);
    const again = (await ok(b.client.call(m.getConversation, conv(network, direct.id)))).body as m.Conversation;
    expect(again.unread).toBe(1);
    expect(again.lastMessage?.preview).toBe("四");
    expect((await totalUnread(network, b)).total).toBe(2);
    // Deleted messages are not unread.
    const five = (await ok(send(network, a, direct.id, "五"), 201)).body as m.Message;
    await ok(a.client.call(m.deleteMessage, msg(network, five.id)), 204);
    expect((await totalUnread(network, b)).total).toBe(2);
    // Muting is kept per member.
    expect((await ok(b.client.call(m.setConversationMuted, { ...conv(network, direct.id), body: { muted: true } }))).body.muted).toBe(true);
    expect((await ok(a.client.call(m.getConversation, conv(network, direct.id)))).body.muted).toBe(false);
  });
});

describe("messages", () => {
  it("render Markdown; only their author edits (marked edited) and deletes (a placeholder)", async () => {
    const network = await makeNetwork(t);
    const [a, b] = await people(network, 2);
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    const sent = (await ok(send(network, a, direct.id, "**太字** <script>alert(1)</script>"), 201)).body as m.Message;
    expect(sent.bodyHtml).toContain("<strong>太字</strong>");
    expect(sent.bodyHtml).not.toContain("<script");
    expect(sent).toMatchObject({ editedAt: null, deleted: false, asOffice: false, can: { edit: true, delete: true } });
    expect((await messagesOf(network, b, direct.id))[0]?.can).toEqual({ edit: false, delete: false });
    expectFieldError(await send(network, a, direct.id, "   "), "body");
    expectFieldError(await send(network, a, direct.id, "あ".repeat(4001)), "body");

    expectError(await b.client.call(m.updateMessage, { ...msg(network, sent.id), body: { body: "乗っ取り" } }), 403, "forbidden");
    expectError(await b.client.call(m.deleteMessage, msg(network, sent.id)), 403, "forbidden");
    const edited = (await ok(a.client.call(m.updateMessage, { ...msg(network, sent.id), body: { body: "*直しました*" } })))
      .body as m.Message;
    expect(edited.editedAt).not.toBeNull();
    expect(edited.bodyHtml).toContain("<em>直しました</em>");

    await ok(a.client.call(m.deleteMessage, msg(network, sent.id)), 204);
    await ok(a.client.call(m.deleteMessage, msg(network, sent.id)), 204);
    const [placeholder] = await messagesOf(network, b, direct.id);
    expect(placeholder).toMatchObject({ id: sent.id, deleted: true, body: "", bodyHtml: "", author: { memberId: a.memberId } });
    expectError(await a.client.call(m.updateMessage, { ...msg(network, sent.id), body: { body: "復活" } }), 404, "not_found");
    const outsider = await person(network);
    expectError(await outsider.client.call(m.updateMessage, { ...msg(network, sent.id), body: { body: "x" } }), 404, "not_found");
  });

  it("take stamps (standard ones here; custom ones: custom-stamps.test.ts): toggles are idempotent, counts say which are mine", async () => {
    const network = await makeNetwork(t);
    const [a, b] = await people(network, 2);
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    const sent = (await ok(send(network, a, direct.id, "乾杯"), 201)).body as m.Message;
    const stamp = (who: Person, emoji: string, on: boolean) =>
      who.client.call(m.setMessageStamp, { ...msg(network, sent.id), body: { emoji, on } });
    await ok(stamp(b, "tada", true));
    expect((await ok(stamp(b, "tada", true))).body.stamps).toEqual([{ emoji: "tada", count: 1, mine: true, custom: null }]);
    await ok(stamp(a, "tada", true));
    await ok(stamp(a, "thumbsup", true));
    expect((await ok(stamp(b, "heart", false))).body.stamps).toEqual([
      { emoji: "thumbsup", count: 1, mine: false, custom: null },
      { emoji: "tada", count: 2, mine: true, custom: null },
    ]);
    await ok(stamp(b, "tada", false));
    expect((await ok(stamp(b, "tada", false))).body.stamps).toEqual([
      { emoji: "thumbsup", count: 1, mine: false, custom: null },
      { emoji: "tada", count: 1, mine: false, custom: null },
    ]);
    expect((await messagesOf(network, a, direct.id))[0]?.stamps).toEqual([
      { emoji: "thumbsup", count: 1, mine: true, custom: null },
      { emoji: "tada", count: 1, mine: true, custom: null },
    ]);
    expectFieldError(await stamp(b, "not_a_stamp", true), "emoji");
  });

  it("page newest first by keyset, without duplicates or gaps, even with equal times", async () => {
    const network = await makeNetwork(t);
    const [a, b] = await people(network, 2);
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    // 65 messages, five at each instant (after the conversation began): the id breaks the ties.
    await inSystem(t.database, async (tx) => {
      const base = Date.now() + 60_000;
      await tx
        .insertInto("messages")
        .values(
          Array.from({ length: 65 }, (_, i) => ({
            network_id: network.id,
            conversation_id: direct.id,
            author_id: i % 2 ? a.memberId : b.memberId,
            body: `m${i}`,
            body_html: `<p>m${i}</p>`,
            created_at: new Date(base + Math.floor(i / 5) * 1000),
          })),
        )
        .execute();
    });
    const seen: m.Message[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: Result = await ok(
        a.client.call(m.listMessages, { ...conv(network, direct.id), ...(cursor ? { query: { cursor } } : {}) }),
      );
      seen.push(...(res.body.items as m.Message[]));
      cursor = res.body.nextCursor as string | null;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(65);
    expect(new Set(seen.map((x) => x.id)).size).toBe(65);
    const times = seen.map((x) => x.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expectFieldError(await a.client.call(m.listMessages, { ...conv(network, direct.id), query: { cursor: "nope" } }), "cursor");
  });

  it("conversations page by latest activity (keyset), without duplicates, even with equal times", async () => {
    const network = await makeNetwork(t);
    const [a, b, c] = await people(network, 3);
    await inSystem(t.database, async (tx) => {
      const base = Date.now() - 3_600_000;
      for (let i = 0; i < 35; i++) {
        const { id } = await tx
          .insertInto("conversations")
          .values({ network_id: network.id, kind: "group", title: `g${i}`, last_message_at: new Date(base + Math.floor(i / 4) * 1000) })
          .returning("id")
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("conversation_members")
          .values([a, b, c].map((p) => ({ network_id: network.id, conversation_id: id, member_id: p.memberId })))
          .execute();
      }
    });
    const first = await ok(a.client.call(m.listConversations, net(network)));
    expect(first.body.items).toHaveLength(30);
    const second = await ok(a.client.call(m.listConversations, { ...net(network), query: { cursor: first.body.nextCursor as string } }));
    expect(second.body.nextCursor).toBeNull();
    const titles = [...first.body.items, ...second.body.items].map((x: m.Conversation) => x.title);
    expect(new Set(titles).size).toBe(35);
    // Newest activity first: groups of four share an instant (the id orders them).
    const instant = (title: string) => Math.floor(Number(title.slice(1)) / 4);
    const instants = titles.map((x: string | null) => instant(x ?? ""));
    expect(instants).toEqual([...instants].sort((x, y) => y - x));
  });

  it("come with their context for a report: up to five before and after", async () => {
    const network = await makeNetwork(t);
    const [a, b] = await people(network, 2);
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(((await ok(send(network, i % 2 ? a : b, direct.id, `${i}番`), 201)).body as m.Message).id);
    const context = await inTenant(t.database, network.id, a.accountId, (tx) => messageWithContext(tx, network.id, ids[6]!));
    expect(context?.message).toMatchObject({ id: ids[6], body: "6番", authorId: b.memberId, authorName: b.name });
    expect(context?.before.map((x) => x.body)).toEqual(["1番", "2番", "3番", "4番", "5番"]);
    expect(context?.after.map((x) => x.body)).toEqual(["7番", "8番", "9番", "10番", "11番"]);
    const edge = await inTenant(t.database, network.id, a.accountId, (tx) => messageWithContext(tx, network.id, ids[1]!, 3));
    expect(edge?.before.map((x) => x.body)).toEqual(["0番"]);
    expect(edge?.after.map((x) => x.body)).toEqual(["2番", "3番", "4番"]);
    const other = await makeNetwork(t);
    expect(await inTenant(t.database, other.id, a.accountId, (tx) => messageWithContext(tx, other.id, ids[6]!))).toBeNull();
  });
});

describe("events", () => {
  async function socketOf(who: Person, base = t.wsBase, origin?: string): Promise<RealtimeSocket> {
    const socket = await connect(base, { client: who.client, ...(origin ? { origin } : {}) });
    sockets.push(socket);
    await socket.ready();
    return socket;
  }

  it("reach every member's sockets with ids only; read state goes to my own tabs; outsiders get nothing", async () => {
    const network = await makeNetwork(t);
    const [a, b, outsider] = await people(network, 3);
    const [aSocket, bSocket, outsiderSocket] = [await socketOf(a), await socketOf(b), await socketOf(outsider)];
    const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
    for (const s of [aSocket, bSocket]) {
      const [created] = await s.eventsUntil(1);
      expect(created).toMatchObject({ kind: "conversation.created", networkId: network.id, payload: { conversationId: direct.id } });
    }
    const sent = (await ok(send(network, a, direct.id, "秘密の話"), 201)).body as m.Message;
    const received = (await bSocket.eventsUntil(2))[1];
    expect(received).toMatchObject({ kind: "message.created", networkId: network.id });
    expect(received?.payload).toEqual({ conversationId: direct.id, messageId: sent.id });
    expect(JSON.stringify(received)).not.toContain("秘密");

    await ok(b.client.call(m.setMessageStamp, { ...msg(network, sent.id), body: { emoji: "heart", on: true } }));
    await ok(a.client.call(m.updateMessage, { ...msg(network, sent.id), body: { body: "直した" } }));
    await ok(a.client.call(m.deleteMessage, msg(network, sent.id)), 204);
    await ok(b.client.call(m.markConversationRead, conv(network, direct.id)));
    const kinds = (await bSocket.eventsUntil(7)).map((e) => e.kind);
    expect(kinds).toEqual([
      "conversation.created",
      "message.created",
      // The message's notification (notifications/), in the same transaction.
      "notification.created",
      "message.stamp",
      "message.updated",
      "message.deleted",
      "conversation.read",
    ]);
    await aSocket.eventsUntil(5);
    await aSocket.quiet();
    expect(aSocket.events.map((e) => e.kind)).not.toContain("conversation.read");
    for (const e of bSocket.events) expect(Buffer.byteLength(JSON.stringify(e.payload))).toBeLessThanOrEqual(2048);
    await outsiderSocket.quiet();
    expect(outsiderSocket.events).toEqual([]);
  });

  it("of office conversations reach the member and every admin", async () => {
    const network = await makeNetwork(t);
    const [admin1, admin2] = await people(network, 2, "admin");
    const alumni = await person(network);
    const office = (await ok(alumni.client.call(m.openOfficeConversation, net(network)))).body as m.Conversation;
    const sockets = [await socketOf(admin1), await socketOf(admin2), await socketOf(alumni)];
    const sent = (await ok(send(network, alumni, office.id, "質問です"), 201)).body as m.Message;
    for (const s of sockets) {
      // A just-connected socket may also get the conversation's own event (decision 0010).
      await s.until((ms) => ms.some((x) => x.type === "event" && x.kind === "message.created"), 10_000, "message.created");
      const e = s.events.find((x) => x.kind === "message.created");
      expect(e).toMatchObject({ kind: "message.created", payload: { conversationId: office.id, messageId: sent.id } });
    }
  });

  describe.skipIf(!onPostgres)("two app processes on one database", { timeout: 120_000 }, () => {
    const servers: ServerProcess[] = [];
    let workDir = "";
    beforeAll(() => {
      workDir = mkdtempSync(path.join(tmpdir(), "tsunagu-messages-"));
    });
    afterAll(() => {
      // Only the children this test spawned.
      for (const s of servers.splice(0)) s.kill();
      rmSync(workDir, { recursive: true, force: true });
    });

    async function start(name: string): Promise<{ http: string; ws: string }> {
      const server = startServer({ PORT: "0", DATA_DIR: path.join(workDir, name), DATABASE_URL: t.databaseUrl ?? "" });
      servers.push(server);
      const http = (await server.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? "";
      await server.waitFor(/Tsunagu is running/);
      return { http, ws: http.replace(/^http/, "ws") };
    }

    it("a message sent through one process arrives on a socket connected to the other", async () => {
      const [one, two] = await Promise.all([start("one"), start("two")]);
      const network = await makeNetwork(t);
      const [a, b] = await people(network, 2);
      const direct = (await ok(openDirect(network, a, b))).body as m.Conversation;
      const bOnTwo = await socketOf(b, two.ws, two.http);
      // Sent over real HTTP to process one, with a's session cookie and CSRF token.
      const cookie = [...a.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
      const res = await fetch(`${one.http}/api/networks/${network.id}/conversations/${direct.id}/messages`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": a.client.csrfToken ?? "", "content-type": "application/json" },
        body: JSON.stringify({ body: "別のプロセスから" }),
      });
      expect(res.status).toBe(201);
      const sent = (await res.json()) as m.Message;
      // A socket that has just connected may still get the conversation's own event (it committed
      // while an older transaction on the server was open: decision 0010); the message's is what counts.
      await bOnTwo.until((ms) => ms.some((x) => x.type === "event" && x.kind === "message.created"), 10_000, "message.created");
      const event = bOnTwo.events.find((e) => e.kind === "message.created");
      expect(event).toMatchObject({
        kind: "message.created",
        networkId: network.id,
        payload: { conversationId: direct.id, messageId: sent.id },
      });
      // And it reads back through process two.
      const read = await fetch(`${two.http}/api/networks/${network.id}/conversations/${direct.id}/messages`, {
        headers: { cookie: [...b.client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
      });
      expect(((await read.json()) as { items: m.Message[] }).items[0]?.body).toBe("別のプロセスから");
    });
  });
});
