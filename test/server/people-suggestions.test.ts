// People you may know and the generations of my departments (縦・横): a network whose expected
// suggestions, reasons and order are known exactly, seen by an alumni member and by an admin.
// Profiles are written through the API, so the index they read is the one the app rebuilds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as messages from "../../src/shared/contract/messages.ts";
import * as people from "../../src/shared/contract/people.ts";
import type { MemberProfileInput, PersonCard, ProfileInput, SuggestionReason } from "../../src/shared/contract/people.ts";
import type { MemberRole } from "../../src/shared/limits.ts";
import type { AccountRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { rebuildMemberProfiles } from "../../src/server/people/profile-index.ts";
import { suggestionLimits } from "../../src/server/people/suggestions.service.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { addMember, makeAccount, makeNetwork, sessionClient } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

interface Person {
  name: string;
  memberId: string;
  client: Client;
}

async function person(
  network: NetworkRow,
  name: string,
  role: MemberRole,
  profile: Partial<ProfileInput>,
  atCompany: Partial<MemberProfileInput> = {},
): Promise<Person> {
  const account = await makeAccount(t, { name });
  const membership = await addMember(t, network, account, role);
  const client = await sessionClient(t, account);
  const global = await client.call(people.updateMyProfile, { body: profile });
  expect(global.status, global.raw).toBe(200);
  const local = await client.call(people.updateMyMemberProfile, { params: { networkId: network.id }, body: atCompany });
  expect(local.status, local.raw).toBe(200);
  return { name, memberId: membership.id, client };
}

const dept = (department: string, fromYear: number | null, toYear: number | null) => ({ department, fromYear, toYear });

async function suggestionsFor(viewer: Person, network: NetworkRow) {
  const res = await viewer.client.call(people.listSuggestions, { params: { networkId: network.id } });
  expect(res.status, res.raw).toBe(200);
  return (res.body as { items: { person: PersonCard; reasons: SuggestionReason[] }[] }).items.map((i) => ({
    name: i.person.displayName,
    reasons: i.reasons,
  }));
}

async function generationsFor(viewer: Person, network: NetworkRow) {
  const res = await viewer.client.call(people.listGenerations, { params: { networkId: network.id } });
  expect(res.status, res.raw).toBe(200);
  const body = res.body as {
    myJoinYear: number | null;
    departments: { department: string; sameGeneration: PersonCard[]; otherGenerations: PersonCard[] }[];
  };
  return {
    myJoinYear: body.myJoinYear,
    departments: body.departments.map((d) => ({
      department: d.department,
      same: d.sameGeneration.map((p) => [p.displayName, p.joinYear]),
      other: d.otherGenerations.map((p) => [p.displayName, p.joinYear]),
    })),
  };
}

async function privateRoom(network: NetworkRow, name: string, members: Person[], archived = false) {
  await inSystem(t.database, async (tx) => {
    const { id } = await tx
      .insertInto("rooms")
      .values({ network_id: network.id, name, kind: "private", audience: "everyone", archived_at: archived ? new Date() : null })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const m of members)
      await tx.insertInto("room_members").values({ network_id: network.id, room_id: id, member_id: m.memberId }).execute();
  });
}

async function directConversation(network: NetworkRow, from: Person, to: Person) {
  const res = await from.client.call(messages.openDirectConversation, {
    params: { networkId: network.id },
    body: { memberId: to.memberId },
  });
  expect(res.status, res.raw).toBeLessThan(300);
}

describe("people you may know", () => {
  let network: NetworkRow;
  let viewer: Person;
  let admin: Person;
  let sameYear: Person;

  beforeAll(async () => {
    network = await makeNetwork(t);
    // The viewer: 営業本部 2012–2015, 人事部 2016–2018, joined 2010, AWS and データ分析, 登山.
    viewer = await person(
      network,
      "ビューア",
      "alumni",
      { nameReading: "ぶい", skills: ["AWS", "データ分析"], interests: ["登山"] },
      { joinYear: 2010, departments: [dept("営業本部", 2012, 2015), dept("人事部", 2016, 2018)] },
    );
    admin = await person(network, "事務局", "admin", { nameReading: "じむきょく" }, { departments: [dept("営業本部", 2014, 2014)] });

    // 営業本部 2013–2018: overlaps 2013〜2015; and AWS (written in full-width capitals).
    await person(
      network,
      "エー",
      "alumni",
      { nameReading: "えー", skills: ["ＡＷＳ"] },
      { joinYear: 2005, departments: [dept("営業本部", 2013, 2018)] },
    );
    // 営業本部 after the viewer left it: no overlap; joined 2011 (same generation, not the same year).
    await person(network, "ビー", "alumni", { nameReading: "びー" }, { joinYear: 2011, departments: [dept("営業本部", 2016, 2020)] });
    // The same join year.
    sameYear = await person(network, "シー", "alumni", { nameReading: "しー" }, { joinYear: 2010 });
    // Two shared skills (lower case) and a shared interest; one more skill not shared.
    await person(network, "ディー", "employee", { nameReading: "でぃー", skills: ["Go", "aws", "データ分析"], interests: ["登山"] });
    // Overlapping 営業本部, but blocked: by the viewer, and the other way.
    const blockedByViewer = await person(
      network,
      "イーワン",
      "alumni",
      { nameReading: "いーわん" },
      { departments: [dept("営業本部", 2012, 2013)] },
    );
    const blockingViewer = await person(
      network,
      "イーツー",
      "alumni",
      { nameReading: "いーつー" },
      { departments: [dept("営業本部", 2012, 2013)] },
    );
    // The same join year, but the viewer already talks with them.
    const contact = await person(network, "エフ", "alumni", { nameReading: "えふ" }, { joinYear: 2010 });
    // 営業本部 (years unknown), shown to the admins only.
    await person(
      network,
      "ジー",
      "alumni",
      { nameReading: "じー" },
      { departments: [dept("営業本部", null, null)], visibility: { departments: "admins" } },
    );
    // Talks with the viewer's contact.
    const contactOfContact = await person(network, "エイチ", "alumni", { nameReading: "えいち" });
    // Shares a private room with the viewer (and an archived one with シー, which does not count).
    const roommate = await person(network, "アイ", "alumni", { nameReading: "あい" });
    // The same join year, but gone from the network.
    const departed = await person(network, "ジェイ", "alumni", { nameReading: "じぇい" }, { joinYear: 2010 });
    // 人事部 from 2017, end unknown: overlaps, without years in the reason.
    await person(network, "ケー", "alumni", { nameReading: "けー" }, { departments: [dept("人事部", 2017, null)] });
    // 営業本部 with no years at all, no join year.
    await person(network, "エル", "alumni", { nameReading: "える" }, { departments: [dept("営業本部", null, null)] });

    await directConversation(network, viewer, contact);
    await directConversation(network, contact, contactOfContact);
    const block = await viewer.client.call(messages.blockMember, { params: { networkId: network.id, memberId: blockedByViewer.memberId } });
    expect(block.status, block.raw).toBeLessThan(300);
    const blocked = await blockingViewer.client.call(messages.blockMember, {
      params: { networkId: network.id, memberId: viewer.memberId },
    });
    expect(blocked.status, blocked.raw).toBeLessThan(300);
    await privateRoom(network, "新規事業", [viewer, roommate]);
    await privateRoom(network, "旧プロジェクト", [viewer, sameYear], true);
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ status: "left", left_at: new Date() }).where("id", "=", departed.memberId).execute(),
    );
  });

  it("suggests, with the reasons, by score then reading; blocked, already messaged, departed and non-overlapping people are left out", async () => {
    expect(await suggestionsFor(viewer, network)).toEqual([
      {
        name: "エー",
        reasons: [
          { kind: "department", department: "営業本部", fromYear: 2013, toYear: 2015 },
          { kind: "skills", values: ["ＡＷＳ"] },
        ],
      },
      { name: "事務局", reasons: [{ kind: "department", department: "営業本部", fromYear: 2014, toYear: 2014 }] },
      { name: "エル", reasons: [{ kind: "department", department: "営業本部", fromYear: null, toYear: null }] },
      { name: "ケー", reasons: [{ kind: "department", department: "人事部", fromYear: null, toYear: null }] },
      { name: "エイチ", reasons: [{ kind: "contacts", count: 1 }] },
      { name: "シー", reasons: [{ kind: "joinYear", year: 2010 }] },
      {
        name: "ディー",
        reasons: [
          { kind: "skills", values: ["aws", "データ分析"] },
          { kind: "interests", values: ["登山"] },
        ],
      },
      { name: "アイ", reasons: [{ kind: "rooms", rooms: ["新規事業"] }] },
    ]);
  });

  it("uses a department the person shows to the admins only for the admins", async () => {
    expect(await suggestionsFor(admin, network)).toEqual([
      { name: "エー", reasons: [{ kind: "department", department: "営業本部", fromYear: 2014, toYear: 2014 }] },
      { name: "ビューア", reasons: [{ kind: "department", department: "営業本部", fromYear: 2014, toYear: 2014 }] },
      { name: "エル", reasons: [{ kind: "department", department: "営業本部", fromYear: null, toYear: null }] },
      { name: "ジー", reasons: [{ kind: "department", department: "営業本部", fromYear: null, toYear: null }] },
    ]);
  });

  it("lists my departments with my generation (within two years) and the others by join year, unknown last", async () => {
    expect(await generationsFor(viewer, network)).toEqual({
      myJoinYear: 2010,
      departments: [
        {
          department: "営業本部",
          same: [["ビー", 2011]],
          other: [
            ["エー", 2005],
            ["エル", null],
            ["事務局", null],
          ],
        },
        { department: "人事部", same: [], other: [["ケー", null]] },
      ],
    });
  });

  it("shows the admins the members whose department only they may see, and everyone in other generations when my join year is unknown", async () => {
    expect(await generationsFor(admin, network)).toEqual({
      myJoinYear: null,
      departments: [
        {
          department: "営業本部",
          same: [],
          other: [
            ["エー", 2005],
            ["ビューア", 2010],
            ["ビー", 2011],
            ["イーツー", null],
            ["イーワン", null],
            ["エル", null],
            ["ジー", null],
          ],
        },
      ],
    });
  });

  it("has no suggestion for a member with nothing in common, and no department for one who lists none", async () => {
    const newcomer = await person(network, "ニュー", "alumni", {});
    expect(await suggestionsFor(newcomer, network)).toEqual([]);
    expect(await generationsFor(newcomer, network)).toEqual({ myJoinYear: null, departments: [] });
    expect(await generationsFor(sameYear, network)).toEqual({ myJoinYear: 2010, departments: [] });
  });
});

describe("people you may know beyond the first candidates", () => {
  it("still fills the list when most of the best-scored candidates have left the network", async () => {
    // More former colleagues than the pool of best scores read first, most of them gone: the list
    // goes on with the lower scores. Written as rows and indexed in one rebuild (80 people through
    // the API would only be slower).
    const network = await makeNetwork(t);
    const viewer = await person(network, "ビューア", "alumni", {}, { joinYear: 2000, departments: [dept("営業本部", 2010, 2020)] });
    const colleagues = suggestionLimits.pool + 2;
    const stayed = 12;
    const pad = (i: number) => String(i).padStart(2, "0");
    const people = [
      ...Array.from({ length: colleagues }, (_, i) => ({
        name: `同僚${pad(i)}`,
        reading: `どうりょう${pad(i)}`,
        member: { departments: [dept("営業本部", 2008, 2022)], joinYear: null },
        left: i < colleagues - stayed,
      })),
      ...Array.from({ length: 15 }, (_, i) => ({
        name: `同期${pad(i)}`,
        reading: `どうき${pad(i)}`,
        member: { departments: [] as ReturnType<typeof dept>[], joinYear: 2000 },
        left: false,
      })),
    ];
    const members: ((typeof people)[number] & { account: AccountRow; membership: Awaited<ReturnType<typeof addMember>> })[] = [];
    for (const p of people) {
      const account = await makeAccount(t, { name: p.name });
      const membership = await addMember(t, network, account, "alumni", p.left ? "left" : "active");
      members.push({ ...p, account, membership });
    }
    await inSystem(t.database, async (tx) => {
      for (const { account, membership, ...p } of members) {
        // addMember made the (empty) profile at the company; the years and departments go in it.
        await tx
          .insertInto("profiles")
          .values({ account_id: account.id, name_reading: p.reading, career: "[]", links: "[]", visibility: "{}" })
          .execute();
        await tx
          .updateTable("member_profiles")
          .set({
            join_year: p.member.joinYear,
            departments: JSON.stringify(p.member.departments.map((d) => ({ ...d, position: "" }))),
          })
          .where("network_id", "=", network.id)
          .where("member_id", "=", membership.id)
          .execute();
      }
      await rebuildMemberProfiles(tx, { networkId: network.id });
    });

    const overlap = { kind: "department", department: "営業本部", fromYear: 2010, toYear: 2020 };
    expect(await suggestionsFor(viewer, network)).toEqual([
      ...Array.from({ length: stayed }, (_, i) => ({ name: `同僚${pad(colleagues - stayed + i)}`, reasons: [overlap] })),
      ...Array.from({ length: suggestionLimits.count - stayed }, (_, i) => ({
        name: `同期${pad(i)}`,
        reasons: [{ kind: "joinYear", year: 2000 }],
      })),
    ]);
  });
});
