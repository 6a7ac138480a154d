// What the community features notify: a direct message (one unread notification per conversation,
// read when the conversation is read; not for muted conversations or people who blocked the
// author), a newcomer (to the admins and supporters, once the join has committed), and mentions,
// replies and stamps on posts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membership from "../../src/shared/contract/membership.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import * as notifications from "../../src/shared/contract/notifications.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import type { Notification } from "../../src/shared/contract/notifications.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { inviteByApi, makeAccount, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function notificationsOf(client: Client, tenant: Tenant): Promise<Notification[]> {
  const res = await client.call(notifications.listNotifications, { params: { networkId: tenant.network.id } });
  expect(res.status, res.raw).toBe(200);
  return res.body.items as Notification[];
}

async function send(client: Client, tenant: Tenant, conversationId: string, body: string) {
  const res = await client.call(messages.sendMessage, { params: { networkId: tenant.network.id, conversationId }, body: { body } });
  expect(res.status, res.raw).toBe(201);
}

describe("direct messages", () => {
  it("one unread notification per conversation with the latest message; reading the conversation reads it", async () => {
    const n = await makeQuickTenant(t);
    const open = await n.alumni.client.call(messages.openDirectConversation, {
      params: { networkId: n.network.id },
      body: { memberId: n.employee.membership.id },
    });
    expect(open.status, open.raw).toBeLessThan(300);
    const conversationId = open.body.id as string;
    await send(n.alumni.client, n, conversationId, "お久しぶりです");
    await send(n.alumni.client, n, conversationId, "来月の同期会、**参加**しますか？");

    const list = await notificationsOf(n.employee.client, n);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      kind: "dm",
      read: false,
      actor: { memberId: n.alumni.membership.id },
      summary: "来月の同期会、参加しますか？",
    });
    expect(list[0]!.link).toContain(conversationId);
    expect(await notificationsOf(n.alumni.client, n)).toEqual([]);

    const read = await n.employee.client.call(messages.markConversationRead, { params: { networkId: n.network.id, conversationId } });
    expect(read.status, read.raw).toBe(200);
    expect((await notificationsOf(n.employee.client, n))[0]!.read).toBe(true);

    // Muted: no notification. Blocked the author: none either.
    const mute = await n.employee.client.call(messages.setConversationMuted, {
      params: { networkId: n.network.id, conversationId },
      body: { muted: true },
    });
    expect(mute.status, mute.raw).toBe(200);
    await send(n.alumni.client, n, conversationId, "ミュート中の送信");
    expect((await notificationsOf(n.employee.client, n)).filter((x) => !x.read)).toEqual([]);

    const group = await n.admin.client.call(messages.createGroupConversation, {
      params: { networkId: n.network.id },
      body: { memberIds: [n.employee.membership.id, n.alumni.membership.id], title: "運営" },
    });
    expect(group.status, group.raw).toBe(201);
    expect(
      (await n.employee.client.call(messages.blockMember, { params: { networkId: n.network.id, memberId: n.admin.membership.id } })).status,
    ).toBe(204);
    await send(n.admin.client, n, group.body.id, "グループへの連絡");
    expect((await notificationsOf(n.employee.client, n)).filter((x) => !x.read)).toEqual([]);
    expect((await notificationsOf(n.alumni.client, n)).map((x) => x.kind)).toEqual(["dm"]);
  });

  it("a message to the office notifies every admin; an admin's answer notifies the member", async () => {
    const n = await makeQuickTenant(t);
    const secondAdmin = await makeAccount(t);
    const second = await inSystem(t.database, (tx) =>
      tx
        .insertInto("memberships")
        .values({ network_id: n.network.id, account_id: secondAdmin.id, role: "admin", status: "active", joined_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const office = await n.alumni.client.call(messages.openOfficeConversation, { params: { networkId: n.network.id } });
    expect(office.status, office.raw).toBeLessThan(300);
    await send(n.alumni.client, n, office.body.id, "退職証明書の再発行をお願いできますか");
    expect((await notificationsOf(n.admin.client, n)).map((x) => x.kind)).toEqual(["dm"]);
    const secondClient = await sessionClient(t, secondAdmin);
    expect((await notificationsOf(secondClient, n)).map((x) => x.kind)).toEqual(["dm"]);
    expect(second.id).toBeTruthy();

    await send(n.admin.client, n, office.body.id, "承知しました。郵送します。");
    expect((await notificationsOf(n.alumni.client, n))[0]).toMatchObject({ kind: "dm", actor: { memberId: n.admin.membership.id } });
  });
});

describe("newcomers", () => {
  it("the admins and supporters hear of someone who joined, once", async () => {
    const n = await makeQuickTenant(t);
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ supporter_since: new Date() }).where("id", "=", n.alumni.membership.id).execute(),
    );
    const person = await makeAccount(t);
    const { token } = await inviteByApi(t, n.admin.client, n.network, { email: person.email });
    const client = await sessionClient(t, person);
    const accepted = await client.call(membership.acceptInvitation, {
      params: { slug: n.network.slug },
      body: { token, termsVersion: n.network.terms_version },
    });
    expect(accepted.status, accepted.raw).toBe(200);
    await t.app.deps.jobs.drain();
    await t.app.deps.jobs.drain();

    for (const welcomer of [n.admin.client, n.alumni.client]) {
      const list = await notificationsOf(welcomer, n);
      expect(list.map((x) => x.kind)).toEqual(["newcomer"]);
      expect(list[0]!.actor?.displayName).toBe(person.display_name);
    }
    expect(await notificationsOf(n.employee.client, n)).toEqual([]);
  });
});

describe("posts", () => {
  async function room(n: Tenant, kind: "open" | "private" = "open", members: string[] = []) {
    return inSystem(t.database, async (tx) => {
      const { id } = await tx
        .insertInto("rooms")
        .values({ network_id: n.network.id, name: "雑談", kind, audience: "everyone" })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const member of members)
        await tx.insertInto("room_members").values({ network_id: n.network.id, room_id: id, member_id: member }).execute();
      return id;
    });
  }

  it("a mention notifies the mentioned member who sees the room, once; an edit notifies only new mentions", async () => {
    const n = await makeQuickTenant(t);
    const roomId = await room(n);
    const employeeName = n.employee.account.display_name;
    const adminName = n.admin.account.display_name;
    const created = await n.alumni.client.call(posts.createPost, {
      params: { networkId: n.network.id, roomId },
      body: { body: `@${employeeName} さん、来週の件よろしくお願いします`, mentions: [n.employee.membership.id] },
    });
    expect(created.status, created.raw).toBe(201);
    expect(created.body.mentions).toEqual([{ memberId: n.employee.membership.id, displayName: employeeName }]);
    expect(created.body.bodyHtml).toContain(`data-member-id="${n.employee.membership.id}"`);
    expect((await notificationsOf(n.employee.client, n)).map((x) => [x.kind, x.actor?.memberId])).toEqual([
      ["mention", n.alumni.membership.id],
    ]);

    // The edit keeps the first mention (no second notification) and adds the admin.
    const edited = await n.alumni.client.call(posts.updatePost, {
      params: { networkId: n.network.id, postId: created.body.id },
      body: { body: `@${employeeName} さん、@${adminName} さん、来週の件よろしくお願いします`, mentions: [n.admin.membership.id] },
    });
    expect(edited.status, edited.raw).toBe(200);
    expect(edited.body.mentions.map((m: { memberId: string }) => m.memberId)).toEqual([n.employee.membership.id, n.admin.membership.id]);
    expect(await notificationsOf(n.employee.client, n)).toHaveLength(1);
    expect((await notificationsOf(n.admin.client, n)).map((x) => x.kind)).toEqual(["mention"]);

    // Someone who cannot see the room is not notified (the mention still renders).
    const secret = await room(n, "private", [n.alumni.membership.id]);
    const hidden = await n.alumni.client.call(posts.createPost, {
      params: { networkId: n.network.id, roomId: secret },
      body: { body: `@${employeeName} さん`, mentions: [n.employee.membership.id] },
    });
    expect(hidden.status, hidden.raw).toBe(201);
    expect(await notificationsOf(n.employee.client, n)).toHaveLength(1);
  });

  it("a comment tells the post's author; stamps on it are one grouped notification; blocked people notify nobody", async () => {
    const n = await makeQuickTenant(t);
    const roomId = await room(n);
    const post = await n.alumni.client.call(posts.createPost, {
      params: { networkId: n.network.id, roomId },
      body: { body: "転職しました" },
    });
    const comment = await n.employee.client.call(posts.createComment, {
      params: { networkId: n.network.id, postId: post.body.id },
      body: { body: "おめでとうございます！" },
    });
    expect(comment.status, comment.raw).toBe(201);
    let list = await notificationsOf(n.alumni.client, n);
    expect(list.map((x) => [x.kind, x.summary])).toEqual([["reply", "おめでとうございます！"]]);

    for (const client of [n.employee.client, n.admin.client]) {
      const res = await client.call(posts.setPostStamp, {
        params: { networkId: n.network.id, postId: post.body.id },
        body: { emoji: "tada", on: true },
      });
      expect(res.status, res.raw).toBe(200);
    }
    list = await notificationsOf(n.alumni.client, n);
    expect(list.map((x) => [x.kind, x.actorCount])).toEqual([
      ["stamp", 2],
      ["reply", 1],
    ]);
    // The commenter's comment gets a stamp from the post's author.
    await n.alumni.client.call(posts.setCommentStamp, {
      params: { networkId: n.network.id, commentId: comment.body.id },
      body: { emoji: "pray", on: true },
    });
    expect((await notificationsOf(n.employee.client, n)).map((x) => x.kind)).toEqual(["stamp"]);

    // The author blocks the admin: the admin's comment and stamps notify nothing.
    await n.alumni.client.call(messages.blockMember, { params: { networkId: n.network.id, memberId: n.admin.membership.id } });
    await n.admin.client.call(posts.createComment, {
      params: { networkId: n.network.id, postId: post.body.id },
      body: { body: "管理者より" },
    });
    expect((await notificationsOf(n.alumni.client, n)).map((x) => x.kind)).toEqual(["stamp", "reply"]);
  });
});
