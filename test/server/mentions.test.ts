// Mentions: rendering `@表示名` of the members a body mentions, and the candidates the composer
// offers (by name, kana-insensitive, only people who see the room, nobody blocked).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as mentions from "../../src/shared/contract/mentions.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import { isAllowedHtml, mentionedMemberIds, renderMarkdown } from "../../src/server/platform/markdown/markdown.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { addMember, makeAccount, makeQuickTenant } from "../helpers/factories.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const hanako = { memberId: "11111111-1111-4111-8111-111111111111", displayName: "山田 花子" };
const yamada = { memberId: "22222222-2222-4222-8222-222222222222", displayName: "山田" };

describe("rendering", () => {
  it("marks the mentioned names, the longest first, outside code and links; the rest stays text", () => {
    const html = renderMarkdown("@山田 花子 さん、@山田 さん、`@山田` [@山田](https://example.com) mail@山田", [yamada, hanako]);
    expect(html).toBe(
      `<p><span class="mention" data-member-id="${hanako.memberId}">@山田 花子</span> さん、` +
        `<span class="mention" data-member-id="${yamada.memberId}">@山田</span> さん、<code>@山田</code> ` +
        `<a href="https://example.com/" rel="noopener noreferrer nofollow" target="_blank">@山田</a> mail@山田</p>`,
    );
    expect(isAllowedHtml(html)).toBe(true);
    expect(mentionedMemberIds(html)).toEqual([hanako.memberId, yamada.memberId]);
  });

  it("escapes names and ignores what is not a member id", () => {
    const evil = { memberId: "33333333-3333-4333-8333-333333333333", displayName: '<img src=x onerror="alert(1)">' };
    const html = renderMarkdown(`@${evil.displayName}`, [evil, { memberId: '" onmouseover="x', displayName: "x" }]);
    expect(html).toBe(
      `<p><span class="mention" data-member-id="${evil.memberId}">@&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</span></p>`,
    );
    expect(isAllowedHtml(html)).toBe(true);
    expect(isAllowedHtml('<span class="mention" data-member-id="x" onclick="y">')).toBe(false);
    expect(renderMarkdown("@山田")).toBe("<p>@山田</p>");
  });
});

describe("candidates", () => {
  it("by name in either kana, only members who see the room, never the caller or anyone blocked", async () => {
    const n = await makeQuickTenant(t);
    const people = await Promise.all(
      ["サトウ ハナコ", "佐藤 一郎", "Sato Ken"].map(async (name) => {
        const account = await makeAccount(t, { name });
        return addMember(t, n.network, account, "alumni");
      }),
    );
    const [katakanaSato, kanjiSato, latinSato] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
    const me = n.alumni.client;
    const candidates = async (q: string, roomId?: string) => {
      const res = await me.call(mentions.listMentionCandidates, {
        params: { networkId: n.network.id },
        query: { q, ...(roomId ? { roomId } : {}) },
      });
      expect(res.status, res.raw).toBe(200);
      return (res.body.items as { memberId: string }[]).map((x) => x.memberId);
    };
    expect(await candidates("さとう")).toEqual([katakanaSato.id]);
    expect(await candidates("佐藤")).toEqual([kanjiSato.id]);
    expect(await candidates("sato")).toEqual([latinSato.id]);
    expect(await candidates("ＳＡＴＯ")).toEqual([latinSato.id]);
    expect((await candidates("")).length).toBeGreaterThanOrEqual(5);
    expect(await candidates("")).not.toContain(n.alumni.membership.id);

    // A private room: only its members (and the admins) are offered.
    const roomId = await inSystem(t.database, async (tx) => {
      const { id } = await tx
        .insertInto("rooms")
        .values({ network_id: n.network.id, name: "非公開", kind: "private", audience: "everyone" })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const member of [n.alumni.membership.id, kanjiSato.id])
        await tx.insertInto("room_members").values({ network_id: n.network.id, room_id: id, member_id: member }).execute();
      return id;
    });
    expect((await candidates("", roomId)).sort()).toEqual([n.admin.membership.id, kanjiSato.id].sort());
    const notInRoom = await n.employee.client.call(mentions.listMentionCandidates, {
      params: { networkId: n.network.id },
      query: { q: "", roomId },
    });
    expect(notInRoom.status).toBe(404);

    // Blocked either way: not offered.
    expect((await n.alumni.client.call(messages.blockMember, { params: { networkId: n.network.id, memberId: kanjiSato.id } })).status).toBe(
      204,
    );
    expect(await candidates("佐藤")).toEqual([]);
  });
});
