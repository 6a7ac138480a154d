// People: profiles with per-field visibility, the directory (filters, sort, keyset pages, blocks)
// and the Japanese search quality set (test/data/people-search-quality.json). Every visibility
// is checked for every viewer role on the profile, the directory card, search and filters.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as people from "../../src/shared/contract/people.ts";
import * as messages from "../../src/shared/contract/messages.ts";
import * as accounts from "../../src/shared/contract/accounts.ts";
import type { MemberProfile, PersonCard, ProfileInput, MemberProfileInput } from "../../src/shared/contract/people.ts";
import type { Visibility } from "../../src/shared/people.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { rebuildMemberProfiles } from "../../src/server/people/profile-index.ts";
import { directoryTuning } from "../../src/server/people/directory.service.ts";
import { addMember, makeAccount, makeNetwork, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile } from "../helpers/uploads.ts";
import sharp from "sharp";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function putProfile(client: Client, body: ProfileInput) {
  const res = await client.call(people.updateMyProfile, { body });
  expect(res.status, res.raw).toBe(200);
  return res.body as people.MyProfile;
}

async function putMemberProfile(client: Client, networkId: string, body: MemberProfileInput) {
  const res = await client.call(people.updateMyMemberProfile, { params: { networkId }, body });
  expect(res.status, res.raw).toBe(200);
  return res.body as people.MyMemberProfile;
}

async function directory(client: Client, networkId: string, query: Record<string, string> = {}) {
  const res = await client.call(people.listDirectory, { params: { networkId }, query });
  expect(res.status, res.raw).toBe(200);
  return res.body as { items: PersonCard[]; nextCursor: string | null };
}

async function profileOf(client: Client, networkId: string, memberId: string) {
  const res = await client.call(people.getMemberProfile, { params: { networkId, memberId } });
  expect(res.status, res.raw).toBe(200);
  return res.body as MemberProfile;
}

/** A member of the tenant with a session. */
async function newMember(tenant: Tenant, role: "admin" | "employee" | "alumni", name?: string) {
  const account = await makeAccount(t, name ? { name } : {});
  const membership = await addMember(t, tenant.network, account, role);
  return { account, membership, client: await sessionClient(t, account) };
}

describe("my profile", () => {
  it("starts empty with a completeness that names the next field, and saves every field", async () => {
    const tenant = await makeQuickTenant(t);
    const empty = await tenant.alumni.client.call(people.getMyProfile, {});
    expect(empty.status).toBe(200);
    const before = empty.body as people.MyProfile;
    expect(before.completeness).toEqual({ percent: 0, next: "avatar" });
    expect(before.confirmDue).toBe(false);

    const saved = await putProfile(tenant.alumni.client, {
      nameReading: "たかはし けん",
      headline: "新規事業の立ち上げ",
      company: "株式会社ミライ",
      position: "事業開発",
      industry: "it",
      location: "JP-27",
      career: [{ company: "株式会社さくら", role: "営業", fromYear: 2010, toYear: 2018 }],
      skills: ["営業", "AWS", "営業"],
      interests: ["登山"],
      links: [{ label: "note", url: "https://note.example.com/ken" }],
      languages: ["ja", "en"],
      visibility: { company: "alumni", position: "admins", skills: "self" },
    });
    expect(saved.skills).toEqual(["営業", "AWS"]);
    expect(saved.visibility).toEqual({ company: "alumni", position: "admins", skills: "self" });
    expect(saved.completeness.percent).toBe(85);
    expect(saved.completeness.next).toBe("avatar");
    expect(saved.updatedAt).not.toBeNull();
  });

  it("refuses bad input with a field error and keeps the stored profile", async () => {
    const tenant = await makeQuickTenant(t);
    await putProfile(tenant.alumni.client, { headline: "そのまま" });
    const bad = [
      [{ location: "JP-99" }, "location"],
      [{ industry: "astrology" }, "industry"],
      [{ links: [{ label: "x", url: "javascript:alert(1)" }] }, "links.0.url"],
      [{ career: [{ company: "A", fromYear: 2020, toYear: 2010 }] }, "career.0.toYear"],
      [{ visibility: { company: "friends" } }, "visibility.company"],
      [{ headline: "あ".repeat(121) }, "headline"],
    ] as const;
    for (const [body, field] of bad) {
      const res = await tenant.alumni.client.call(people.updateMyProfile, { body: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const fields = (res.body as { error: { fields: Record<string, string> } }).error.fields;
      expect(Object.keys(fields)).toContain(field);
      // A sentence for people, not a code.
      expect(fields[field]).not.toMatch(/^[a-z_]+$/);
    }
    const after = (await tenant.alumni.client.call(people.getMyProfile, {})).body as people.MyProfile;
    expect(after.headline).toBe("そのまま");
  });

  it("asks once a year whether the profile is still current, and a confirmation answers it", async () => {
    const tenant = await makeQuickTenant(t);
    await putProfile(tenant.alumni.client, { headline: "去年のまま" });
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("profiles")
        .set({ updated_at: new Date(Date.now() - 400 * 86_400_000) })
        .where("account_id", "=", tenant.alumni.account.id)
        .execute(),
    );
    expect(((await tenant.alumni.client.call(people.getMyProfile, {})).body as people.MyProfile).confirmDue).toBe(true);
    const confirmed = await tenant.alumni.client.call(people.confirmMyProfile, {});
    expect(confirmed.status).toBe(200);
    expect((confirmed.body as people.MyProfile).confirmDue).toBe(false);
  });

  it("uses the import's years and department until the member states their own, and admins see both", async () => {
    const tenant = await makeQuickTenant(t);
    await inSystem(t.database, async (tx) => {
      await tx
        .updateTable("memberships")
        .set({ hr_join_year: 2008, hr_leave_year: 2015, hr_department: "営業本部" })
        .where("id", "=", tenant.alumni.membership.id)
        .execute();
      await rebuildMemberProfiles(tx, { networkId: tenant.network.id, memberIds: [tenant.alumni.membership.id] });
    });
    const seen = await profileOf(tenant.employee.client, tenant.network.id, tenant.alumni.membership.id);
    expect(seen.joinYear).toEqual({ value: 2008, source: "import" });
    expect(seen.departments).toEqual([{ department: "営業本部", position: "", fromYear: 2008, toYear: 2015, source: "import" }]);
    expect(seen.imported).toBeNull();

    const mine = await putMemberProfile(tenant.alumni.client, tenant.network.id, {
      joinYear: 2009,
      leaveYear: 2015,
      departments: [{ department: "東日本営業部", position: "課長", fromYear: 2009, toYear: 2015 }],
      openTo: ["comeback", "mentoring", "comeback"],
    });
    expect(mine.openTo).toEqual(["comeback", "mentoring"]);
    expect(mine.imported).toEqual({ joinYear: 2008, leaveYear: 2015, department: "営業本部" });
    const corrected = await profileOf(tenant.employee.client, tenant.network.id, tenant.alumni.membership.id);
    expect(corrected.joinYear).toEqual({ value: 2009, source: "member" });
    expect(corrected.departments?.map((d) => d.department)).toEqual(["東日本営業部"]);
    const byAdmin = await profileOf(tenant.admin.client, tenant.network.id, tenant.alumni.membership.id);
    expect(byAdmin.imported).toEqual({ joinYear: 2008, leaveYear: 2015, department: "営業本部" });
    expect(byAdmin.joinYear).toEqual({ value: 2009, source: "member" });

    const bad = await tenant.alumni.client.call(people.updateMyMemberProfile, {
      params: { networkId: tenant.network.id },
      body: { joinYear: 2016, leaveYear: 2010 },
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty("leaveYear");
  });
});

describe("avatar", () => {
  it("is cropped square, resized, stripped of GPS and EXIF, shown to members, replaced and removed", async () => {
    const tenant = await makeQuickTenant(t);
    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 200, g: 80, b: 40 } } })
      .jpeg()
      .withExif({
        IFD0: { Artist: "secret-artist" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "35/1 39/1 29/1", GPSLongitudeRef: "E", GPSLongitude: "139/1 44/1 28/1" },
      })
      .toBuffer();
    const upload = await tenant.alumni.client.call(
      people.uploadAvatar,
      await multipartFile(photo, { filename: "me.jpg", contentType: "image/jpeg" }),
    );
    expect(upload.status, upload.raw).toBe(200);
    const url = (upload.body as people.MyProfile).avatarUrl!;
    expect(url).toMatch(/^\/files\/avatars\//);
    const file = await t.app.fastify.inject({ method: "GET", url });
    expect(file.statusCode).toBe(200);
    const bytes = file.rawPayload;
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["webp", 400, 400]);
    expect(meta.exif).toBeUndefined();
    for (const secret of ["secret-artist", "GPS", "Exif"]) expect(bytes.includes(secret)).toBe(false);
    // Others see it on the card.
    const card = (await directory(tenant.employee.client, tenant.network.id, { q: tenant.alumni.account.display_name })).items[0];
    expect(card?.avatarUrl).toBe(url);
    // Not an image: refused, the avatar stays.
    const fake = await tenant.alumni.client.call(people.uploadAvatar, await multipartFile("not an image", { filename: "x.png" }));
    expect(fake.status).toBe(400);
    expect(((await tenant.alumni.client.call(people.getMyProfile, {})).body as people.MyProfile).avatarUrl).toBe(url);
    const removed = await tenant.alumni.client.call(people.deleteAvatar, {});
    expect(removed.status).toBe(200);
    expect((removed.body as people.MyProfile).avatarUrl).toBeNull();
    expect((await t.app.fastify.inject({ method: "GET", url })).statusCode).toBe(404);
  });
});

// --- visibility matrix ---------------------------------------------------------------------

const viewers = ["employee", "alumni", "admin", "self"] as const;
const expected: Record<Visibility, Record<(typeof viewers)[number], boolean>> = {
  members: { employee: true, alumni: true, admin: true, self: true },
  alumni: { employee: false, alumni: true, admin: true, self: true },
  admins: { employee: false, alumni: false, admin: true, self: true },
  self: { employee: false, alumni: false, admin: false, self: true },
};

describe("visibility of every field, for every viewer", () => {
  let tenant: Tenant;
  // One subject per visibility, each with every field filled in with a word unique to it.
  const subjects = new Map<Visibility, { memberId: string; word: string }>();
  const clients = new Map<(typeof viewers)[number], Client>();

  beforeAll(async () => {
    tenant = await makeQuickTenant(t);
    clients.set("employee", tenant.employee.client);
    clients.set("alumni", tenant.alumni.client);
    clients.set("admin", tenant.admin.client);
    for (const visibility of ["members", "alumni", "admins", "self"] as const) {
      const word = `ひみつ${visibility}`;
      const subject = await newMember(tenant, "alumni", `被写体 ${visibility}`);
      const all = Object.fromEntries(
        ["headline", "company", "position", "industry", "location", "career", "skills", "interests", "links", "languages"].map((f) => [
          f,
          visibility,
        ]),
      );
      await putProfile(subject.client, {
        headline: `見出し${word}`,
        company: `会社${word}`,
        position: `役職${word}`,
        industry: "consulting",
        location: "JP-40",
        career: [{ company: `前職${word}`, role: "営業" }],
        skills: [`技能${word}`],
        interests: [`趣味${word}`],
        links: [{ label: "site", url: "https://example.com/" }],
        languages: ["ko"],
        visibility: all,
      });
      await putMemberProfile(subject.client, tenant.network.id, {
        joinYear: 1991,
        leaveYear: 1999,
        departments: [{ department: `部署${word}`, fromYear: 1991, toYear: 1999 }],
        employmentType: "contract",
        openTo: ["side_job"],
        visibility: { years: visibility, departments: visibility, employmentType: visibility, openTo: visibility },
      });
      subjects.set(visibility, { memberId: subject.membership.id, word });
      if (visibility === "self") clients.set("self", subject.client);
    }
  });

  for (const visibility of ["members", "alumni", "admins", "self"] as const) {
    for (const viewer of viewers) {
      const visible = expected[visibility][viewer];
      it(`${visibility} fields ${visible ? "are" : "are not"} shown, found or filtered for ${viewer}`, async () => {
        const subject = subjects.get(visibility)!;
        // "self" looks at the self-only subject (itself); the others look at each subject.
        if (viewer === "self" && visibility !== "self") return;
        const client = clients.get(viewer)!;
        const profile = await profileOf(client, tenant.network.id, subject.memberId);
        const fields = [
          profile.headline,
          profile.company,
          profile.position,
          profile.industry,
          profile.location,
          profile.career,
          profile.skills,
          profile.interests,
          profile.links,
          profile.languages,
          profile.joinYear,
          profile.leaveYear,
          profile.departments,
          profile.employmentType,
          profile.openTo,
        ];
        for (const value of fields) expect(value === null, JSON.stringify(profile)).toBe(!visible);
        expect(profile.displayName).toBe(`被写体 ${visibility}`);

        if (viewer === "self") return; // the directory is about others; one's own card follows the same rules
        // Search by each field's word: found only when visible.
        for (const prefix of ["見出し", "会社", "役職", "前職", "技能", "趣味", "部署"]) {
          const found = await directory(client, tenant.network.id, { q: `${prefix}${subject.word}` });
          expect(
            found.items.map((c) => c.memberId),
            `${prefix} as ${viewer}`,
          ).toEqual(visible ? [subject.memberId] : []);
        }
        // Filters by each field: the subject is in the result only when visible.
        const filters: Record<string, string>[] = [
          { industry: "consulting" },
          { location: "JP-40" },
          { openTo: "side_job" },
          { joinFrom: "1990", joinTo: "1992" },
          { leaveFrom: "1999", leaveTo: "1999" },
          { department: `部署${subject.word}` },
        ];
        for (const filter of filters) {
          const found = await directory(client, tenant.network.id, filter);
          expect(
            found.items.some((c) => c.memberId === subject.memberId),
            `${JSON.stringify(filter)} as ${viewer}`,
          ).toBe(visible);
        }
        // The card shows only what is visible.
        const card = (await directory(client, tenant.network.id, { q: `被写体 ${visibility}` })).items[0]!;
        expect(card.memberId).toBe(subject.memberId);
        expect(card.company === null).toBe(!visible);
        expect(card.joinYear === null).toBe(!visible);
        expect(card.department === null).toBe(!visible);
        expect(card.openTo.length === 0).toBe(!visible);
        // Sorting by leave year does not order by a hidden year: it sorts as unknown (last).
        const byLeave = await directory(client, tenant.network.id, { sort: "leaveYear" });
        const ours = byLeave.items.find((c) => c.memberId === subject.memberId)!;
        expect(ours.leaveYear === null).toBe(!visible);
      });
    }
  }

  it("never shows an email in a profile or a card", async () => {
    const subject = subjects.get("members")!;
    const profile = await profileOf(tenant.admin.client, tenant.network.id, subject.memberId);
    const card = await directory(tenant.admin.client, tenant.network.id, { q: "被写体" });
    expect(JSON.stringify(profile) + JSON.stringify(card)).not.toMatch(/@example\.com/);
  });
});

// --- the directory -------------------------------------------------------------------------

describe("directory", () => {
  it("sorts by reading (あいうえお), pages without gaps or repeats, and leaves out departed and blocked members", async () => {
    const tenant = await makeQuickTenant(t);
    const readings = ["わたなべ", "あべ", "かとう", "さとう", "いとう", "うえだ", "おおた", "きむら", "くどう", "あおき"];
    const made: string[] = [];
    for (const reading of readings) {
      const m = await newMember(tenant, "alumni", `名前 ${reading}`);
      await putProfile(m.client, { nameReading: reading });
      made.push(m.membership.id);
    }
    const gone = await newMember(tenant, "alumni", "退会 した人");
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ status: "left" }).where("id", "=", gone.membership.id).execute(),
    );
    const blocker = await newMember(tenant, "alumni", "ブロック する人");
    const block = await blocker.client.call(messages.blockMember, {
      params: { networkId: tenant.network.id, memberId: tenant.employee.membership.id },
    });
    expect(block.status, block.raw).toBeLessThan(300);

    const seen: PersonCard[] = [];
    let cursor: string | null = null;
    do {
      const res = await tenant.employee.client.call(people.listDirectory, {
        params: { networkId: tenant.network.id },
        query: cursor ? { cursor } : {},
      });
      expect(res.status, res.raw).toBe(200);
      const page = res.body as { items: PersonCard[]; nextCursor: string | null };
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const ids = seen.map((c) => c.memberId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).not.toContain(gone.membership.id);
    expect(ids).not.toContain(blocker.membership.id);
    const ourReadings = seen.filter((c) => made.includes(c.memberId)).map((c) => c.nameReading);
    expect(ourReadings).toEqual([...readings].sort());
    // The blocked viewer's profile is a 404 for both.
    const hidden = await tenant.employee.client.call(people.getMemberProfile, {
      params: { networkId: tenant.network.id, memberId: blocker.membership.id },
    });
    expect(hidden.status).toBe(404);
  });

  it("pages through more than one page in every sort, with and without a search", async () => {
    const tenant = await makeQuickTenant(t);
    await inSystem(t.database, async (tx) => {
      const accountsRows = await tx
        .insertInto("accounts")
        .values(
          Array.from({ length: 60 }, (_, i) => ({
            email: `bulk-${tenant.network.id}-${i}@example.com`,
            display_name: `一括 ${i}`,
            locale: "ja" as const,
          })),
        )
        .returning("id")
        .execute();
      const members = await tx
        .insertInto("memberships")
        .values(
          accountsRows.map((a, i) => ({
            network_id: tenant.network.id,
            account_id: a.id,
            role: "alumni" as const,
            status: "active" as const,
            hr_leave_year: 2000 + (i % 7),
            last_active_at: new Date(Date.now() - i * 60_000),
          })),
        )
        .returning("id")
        .execute();
      await rebuildMemberProfiles(tx, { networkId: tenant.network.id, memberIds: members.map((m) => m.id) });
    });
    for (const query of [
      { sort: "name" },
      { sort: "leaveYear" },
      { sort: "active" },
      { sort: "name", q: "一括" },
      { sort: "leaveYear", q: "一括" },
    ]) {
      const seen: PersonCard[] = [];
      let cursor: string | null = null;
      do {
        const page = await directory(tenant.alumni.client, tenant.network.id, {
          ...(query as Record<string, string>),
          ...(cursor ? { cursor } : {}),
        });
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      const bulk = seen.filter((c) => c.displayName.startsWith("一括"));
      expect(bulk.length, JSON.stringify(query)).toBe(60);
      expect(new Set(seen.map((c) => c.memberId)).size).toBe(seen.length);
      if (query.sort === "leaveYear") {
        const years = bulk.map((c) => c.leaveYear!);
        expect(years).toEqual([...years].sort((a, b) => b - a));
      }
    }
  });

  it("a search sorted by reading pages exactly through name hits, the reading-order prefix and the index beyond it", async () => {
    const tenant = await makeQuickTenant(t);
    const word = `ぶらんち${tenant.network.id.slice(0, 4)}`;
    await inSystem(t.database, async (tx) => {
      const people = [
        ...Array.from({ length: 4 }, (_, i) => ({ name: `${word}${i} さん`, reading: `ん${i}`, headline: "" })),
        ...Array.from({ length: 30 }, (_, i) => ({
          name: `他人 ${i}`,
          reading: `か${String(i).padStart(2, "0")}`,
          headline: `趣味は${word}です`,
        })),
        ...Array.from({ length: 10 }, (_, i) => ({ name: `無関係 ${i}`, reading: `あ${i}`, headline: "別の話" })),
      ];
      const accountRows = await tx
        .insertInto("accounts")
        .values(
          people.map((p, i) => ({ email: `phase-${tenant.network.id}-${i}@example.com`, display_name: p.name, locale: "ja" as const })),
        )
        .returning("id")
        .execute();
      await tx
        .insertInto("profiles")
        .values(
          people.map((p, i) => ({
            account_id: accountRows[i]!.id,
            name_reading: p.reading,
            headline: p.headline,
            career: "[]",
            links: "[]",
            visibility: "{}",
          })),
        )
        .execute();
      const members = await tx
        .insertInto("memberships")
        .values(
          accountRows.map((a) => ({ network_id: tenant.network.id, account_id: a.id, role: "alumni" as const, status: "active" as const })),
        )
        .returning("id")
        .execute();
      await rebuildMemberProfiles(tx, { networkId: tenant.network.id, memberIds: members.map((m) => m.id) });
    });
    const before = directoryTuning.readingPrefix;
    try {
      for (const prefix of [3, 7, 500]) {
        directoryTuning.readingPrefix = prefix;
        const seen: PersonCard[] = [];
        let cursor: string | null = null;
        do {
          const page = await directory(tenant.alumni.client, tenant.network.id, { q: word, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        const names = seen.map((c) => c.displayName);
        expect(names, `prefix ${prefix}`).toEqual([
          ...Array.from({ length: 4 }, (_, i) => `${word}${i} さん`),
          ...Array.from({ length: 30 }, (_, i) => `他人 ${i}`),
        ]);
      }
    } finally {
      directoryTuning.readingPrefix = before;
    }
  });

  it("filters by role, supporter and year ranges; a reversed range is a field error; a forged cursor is refused", async () => {
    const tenant = await makeQuickTenant(t);
    const a = await newMember(tenant, "alumni", "範囲 一");
    await putMemberProfile(a.client, tenant.network.id, { joinYear: 2005, leaveYear: 2012 });
    const b = await newMember(tenant, "alumni", "範囲 二");
    await putMemberProfile(b.client, tenant.network.id, { joinYear: 2011, leaveYear: 2020 });
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ supporter_since: new Date() }).where("id", "=", b.membership.id).execute(),
    );
    const ids = async (query: Record<string, string>) =>
      (await directory(tenant.alumni.client, tenant.network.id, query)).items.map((c) => c.memberId);
    expect(await ids({ joinFrom: "2004", joinTo: "2006" })).toEqual([a.membership.id]);
    expect(await ids({ leaveFrom: "2015" })).toEqual([b.membership.id]);
    expect(await ids({ supporter: "true" })).toEqual([b.membership.id]);
    expect(await ids({ role: "employee" })).toEqual([tenant.employee.membership.id]);
    const reversed = await tenant.alumni.client.call(people.listDirectory, {
      params: { networkId: tenant.network.id },
      query: { joinFrom: "2010", joinTo: "2000" },
    });
    expect(reversed.status).toBe(400);
    const forged = await tenant.alumni.client.call(people.listDirectory, {
      params: { networkId: tenant.network.id },
      query: { cursor: Buffer.from(JSON.stringify(["x'); drop table accounts; --", "nope"])).toString("base64url") },
    });
    expect(forged.status).toBe(400);
  });

  it("finds a renamed member by the new name at once", async () => {
    const tenant = await makeQuickTenant(t);
    const m = await newMember(tenant, "alumni", "旧姓 花子");
    const renamed = await m.client.call(accounts.updateMe, { body: { displayName: "新姓 花子" } });
    expect(renamed.status, renamed.raw).toBe(200);
    const found = await directory(tenant.employee.client, tenant.network.id, { q: "新姓" });
    expect(found.items.map((c) => c.memberId)).toEqual([m.membership.id]);
    expect((await directory(tenant.employee.client, tenant.network.id, { q: "旧姓" })).items).toEqual([]);
  });

  it("another network's members are never listed and its member ids are 404", async () => {
    const tenant = await makeQuickTenant(t);
    const other = await makeNetwork(t);
    const stranger = await makeAccount(t, { name: "よその 人" });
    const membership = await addMember(t, other, stranger, "alumni");
    const found = await directory(tenant.alumni.client, tenant.network.id, { q: "よその" });
    expect(found.items).toEqual([]);
    const res = await tenant.alumni.client.call(people.getMemberProfile, {
      params: { networkId: tenant.network.id, memberId: membership.id },
    });
    expect(res.status).toBe(404);
  });
});

// --- the search quality set -------------------------------------------------------------------

interface QualityProfile {
  key: string;
  name: string;
  reading: string;
  headline?: string;
  company?: string;
  position?: string;
  location?: string;
  skills?: string[];
  departments?: string[];
}
const quality = JSON.parse(readFileSync(new URL("../data/people-search-quality.json", import.meta.url), "utf8")) as {
  profiles: QualityProfile[];
  cases: { query: string; finds: string[]; notFinds: string[] }[];
};

describe("search quality set", () => {
  let tenant: Tenant;
  const ids = new Map<string, string>();
  beforeAll(async () => {
    tenant = await makeQuickTenant(t);
    for (const p of quality.profiles) {
      const m = await newMember(tenant, "alumni", p.name);
      await putProfile(m.client, {
        nameReading: p.reading,
        headline: p.headline ?? "",
        company: p.company ?? "",
        position: p.position ?? "",
        location: p.location ?? null,
        skills: p.skills ?? [],
      });
      if (p.departments)
        await putMemberProfile(m.client, tenant.network.id, { departments: p.departments.map((department) => ({ department })) });
      ids.set(p.key, m.membership.id);
    }
  });

  for (const c of quality.cases) {
    it(`${c.query} finds ${c.finds.join(", ") || "nothing"} and not ${c.notFinds.join(", ") || "—"}`, async () => {
      const found = new Set((await directory(tenant.alumni.client, tenant.network.id, { q: c.query })).items.map((card) => card.memberId));
      for (const key of c.finds) expect(found.has(ids.get(key)!), `${c.query} should find ${key}`).toBe(true);
      for (const key of c.notFinds) expect(found.has(ids.get(key)!), `${c.query} should not find ${key}`).toBe(false);
    });
  }

  it("ranks a hit in the name before a hit elsewhere, and marks where it matched", async () => {
    const named = await newMember(tenant, "alumni", "営業 太郎");
    const other = await newMember(tenant, "alumni", "別の 人");
    await putProfile(other.client, { nameReading: "べつの ひと", headline: "営業が得意です" });
    const found = (await directory(tenant.alumni.client, tenant.network.id, { q: "営業" })).items;
    const order = found.map((c) => c.memberId);
    expect(order.indexOf(named.membership.id)).toBeLessThan(order.indexOf(other.membership.id));
    const namedCard = found.find((c) => c.memberId === named.membership.id)!;
    expect(namedCard.nameHighlights).toEqual([[0, 2]]);
    const otherCard = found.find((c) => c.memberId === other.membership.id)!;
    expect(otherCard.matches).toEqual([{ field: "headline", text: "営業が得意です", highlights: [[0, 2]] }]);
    // Half-width input highlights the full-width text it matched.
    const half = (await directory(tenant.alumni.client, tenant.network.id, { q: "ｱﾙﾑﾅｲ" })).items.find(
      (c) => c.memberId === ids.get("alumni"),
    );
    expect(half?.matches).toEqual([{ field: "headline", text: "アルムナイ活動を推進中", highlights: [[0, 5]] }]);
  });

  it("answers an empty page for input with nothing searchable", async () => {
    for (const q of ["%", "🙂", "、。"]) expect((await directory(tenant.alumni.client, tenant.network.id, { q })).items).toEqual([]);
  });
});
