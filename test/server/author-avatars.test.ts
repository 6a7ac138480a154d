// The member shown beside words and in pickers — posts, comments, the feed, search hits, messages,
// conversation lists, blocks, mention candidates, the member list, newcomers — carries the avatar
// (`/files/<accounts.avatar_key>`, null without one) and the supporter flag (an appointment date
// on the membership), read in the same statement as the rest.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as feed from "../../src/shared/contract/feed.ts";
import * as mentions from "../../src/shared/contract/mentions.ts";
import * as m from "../../src/shared/contract/messages.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import * as posts from "../../src/shared/contract/posts.ts";
import * as search from "../../src/shared/contract/search.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { makeQuickTenant } from "../helpers/factories.ts";
import { createTestApp, type Result, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function ok(res: Promise<Result>, status = 200): Promise<Result> {
  const r = await res;
  expect(r.status, r.raw).toBe(status);
  return r;
}

describe("author and member refs", () => {
  it("carry the avatar and the supporter frame everywhere a member is shown, and lose the frame with the appointment", async () => {
    const n = await makeQuickTenant(t);
    const networkId = n.network.id;
    const avatarKey = `avatars/${n.alumni.account.id}.webp`;
    const roomId = await inSystem(t.database, async (tx) => {
      await tx.updateTable("accounts").set({ avatar_key: avatarKey }).where("id", "=", n.alumni.account.id).execute();
      await tx
        .updateTable("memberships")
        .set({ supporter_since: new Date("2025-04-01T00:00:00Z") })
        .where("id", "=", n.alumni.membership.id)
        .execute();
      const room = await tx
        .insertInto("rooms")
        .values({ network_id: networkId, name: "雑談", kind: "open", audience: "everyone" })
        .returning("id")
        .executeTakeFirstOrThrow();
      return room.id;
    });
    const supporter = { memberId: n.alumni.membership.id, avatarUrl: `/files/${avatarKey}`, supporter: true };
    const plain = { memberId: n.employee.membership.id, avatarUrl: null, supporter: false };

    // Posts and comments: as written, in the room's timeline, on the post's page, in the feed, in search.
    const post = (
      await ok(n.alumni.client.call(posts.createPost, { params: { networkId, roomId }, body: { body: "サポーターの近況です" } }), 201)
    ).body as posts.Post;
    expect(post.author).toEqual({ ...supporter, displayName: n.alumni.account.display_name });
    const comment = (
      await ok(n.employee.client.call(posts.createComment, { params: { networkId, postId: post.id }, body: { body: "いいですね" } }), 201)
    ).body as posts.Comment;
    expect(comment.author).toMatchObject(plain);
    const timeline = (await ok(n.employee.client.call(posts.listRoomPosts, { params: { networkId, roomId } }))).body;
    expect(timeline.items[0].author).toMatchObject(supporter);
    const page = (await ok(n.employee.client.call(posts.getPost, { params: { networkId, postId: post.id } }))).body;
    expect(page.post.author).toMatchObject(supporter);
    expect(page.comments.items[0].author).toMatchObject(plain);
    const latest = (await ok(n.employee.client.call(feed.listFeed, { params: { networkId } }))).body;
    expect(latest.items[0].author).toMatchObject(supporter);
    const hits = (await ok(n.employee.client.call(search.searchPosts, { params: { networkId }, query: { q: "近況" } }))).body;
    expect(hits.items.map((h: search.SearchHit) => h.author)).toEqual([{ ...supporter, displayName: n.alumni.account.display_name }]);

    // Direct messages: the message as sent (answered without reading it back), the conversation
    // as the other member reads it, and the list's last message.
    const direct = (
      await ok(n.alumni.client.call(m.openDirectConversation, { params: { networkId }, body: { memberId: n.employee.membership.id } }))
    ).body as m.Conversation;
    const conv = { params: { networkId, conversationId: direct.id } };
    const sent = (await ok(n.alumni.client.call(m.sendMessage, { ...conv, body: { body: "お久しぶりです" } }), 201)).body as m.Message;
    expect(sent.author).toMatchObject(supporter);
    const read = (await ok(n.employee.client.call(m.listMessages, conv))).body;
    expect(read.items[0].author).toMatchObject(supporter);
    const list = (await ok(n.employee.client.call(m.listConversations, { params: { networkId } }))).body;
    expect(list.items[0].members).toEqual([{ ...supporter, displayName: n.alumni.account.display_name }]);
    expect(list.items[0].lastMessage.author).toMatchObject(supporter);
    expect(direct.members).toEqual([{ ...plain, displayName: n.employee.account.display_name }]);

    // Pickers and lists of members.
    const candidates = (await ok(n.employee.client.call(mentions.listMentionCandidates, { params: { networkId } }))).body;
    expect(candidates.items.find((c: mentions.MentionCandidate) => c.memberId === supporter.memberId)).toMatchObject(supporter);
    const members = (await ok(n.employee.client.call(networks.listMembers, { params: { networkId }, query: { limit: 10 } }))).body;
    expect(members.items.find((x: networks.Member) => x.id === supporter.memberId)).toMatchObject({
      avatarUrl: supporter.avatarUrl,
      supporter: true,
    });
    expect(members.items.find((x: networks.Member) => x.id === plain.memberId)).toMatchObject({ avatarUrl: null, supporter: false });
    const home = (await ok(n.employee.client.call(feed.getHome, { params: { networkId } }))).body;
    expect(home.newcomers.find((x: feed.Newcomer) => x.memberId === supporter.memberId)).toMatchObject({
      avatarUrl: supporter.avatarUrl,
      supporter: true,
    });

    // Blocks: the blocked member as the blocker's list shows them.
    await ok(n.employee.client.call(m.blockMember, { params: { networkId, memberId: supporter.memberId } }), 204);
    const blocks = (await ok(n.employee.client.call(m.listBlocks, { params: { networkId } }))).body;
    expect(blocks.items[0].member).toEqual({ ...supporter, displayName: n.alumni.account.display_name });

    // The appointment ends with the alumni role: no frame in the answer, nor on their words.
    const changed = (
      await ok(
        n.admin.client.call(networks.changeMemberRole, {
          params: { networkId, memberId: supporter.memberId },
          body: { role: "employee" },
        }),
      )
    ).body as networks.Member;
    expect(changed).toMatchObject({ avatarUrl: supporter.avatarUrl, supporter: false });
    const after = (await ok(n.admin.client.call(posts.getPost, { params: { networkId, postId: post.id } }))).body;
    expect(after.post.author).toMatchObject({ avatarUrl: supporter.avatarUrl, supporter: false });
  });
});
