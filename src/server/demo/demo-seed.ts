// Demo data: an operator, a company-hosted and a volunteer-hosted network, their admins,
// employees and alumni, and one person in both; pending invitations, a join request to the
// volunteer network (which takes requests), profiles, and events with a survey (demo-events.ts).
// Running it again changes nothing.
import { sql } from "kysely";
import type { Locale, MemberRole, NetworkKind } from "../../shared/limits.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { hashSecret, newSecret } from "../platform/auth/tokens.ts";
import type { Database } from "../platform/db/database.ts";
import { JobQueue } from "../platform/jobs/jobs.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { rebuildMemberProfiles } from "../people/profile-index.ts";
import { createDefaultRooms } from "../rooms/rooms.repository.ts";
import { seedDemoEvents } from "./demo-events.ts";
import { demoDirectoryPeople, demoProfiles } from "./demo-profiles.ts";

export const demoPassword = "tsunagu-demo-2026";

interface DemoPerson {
  email: string;
  name: string;
  locale?: Locale;
  operator?: boolean;
  memberships: [slug: string, role: MemberRole][];
  /** What HR knows: years at the company and the last department. */
  hr?: { joinYear: number; leaveYear: number | null; department: string };
}

interface DemoNetwork {
  slug: string;
  name: string;
  kind: NetworkKind;
  purpose: string;
  eligibility: string;
  codeOfConduct: string;
  joinRequestsOpen: boolean;
}

export const demoNetworks: DemoNetwork[] = [
  {
    slug: "sakura-denki",
    name: "さくら電機 アルムナイ",
    kind: "company",
    purpose:
      "さくら電機を卒業したみなさんと、いま働く社員がゆるやかにつながり続けるための公式ネットワークです。近況の共有、協業や副業の相談、カムバックの情報交換にお使いください。",
    eligibility: "さくら電機株式会社およびグループ会社に在籍したことのある方、現役社員。",
    codeOfConduct: "1. お互いの経験と選択を尊重します。\n2. 社外秘の情報は書き込みません。\n3. 勧誘・営業目的の一方的な投稿はしません。",
    joinRequestsOpen: false,
  },
  {
    slug: "minato-ob",
    name: "みなと商事 有志OB・OG会",
    kind: "volunteer",
    purpose: "みなと商事の元社員が有志で運営する交流の場です（会社公認）。世代や部署を越えたつながりを大切にしています。",
    eligibility: "みなと商事に在籍したことのある方。",
    codeOfConduct: "1. 世代や立場を越えて、敬意をもって交流します。\n2. 個人情報の扱いに注意します。",
    joinRequestsOpen: true,
  },
];

export const demoPeople: DemoPerson[] = [
  { email: "operator@example.com", name: "運営 太郎", operator: true, memberships: [] },
  { email: "admin@sakura.example.com", name: "佐藤 花子", memberships: [["sakura-denki", "admin"]] },
  {
    email: "employee@sakura.example.com",
    name: "鈴木 一郎",
    memberships: [["sakura-denki", "employee"]],
    hr: { joinYear: 2012, leaveYear: null, department: "人事部" },
  },
  {
    email: "alumni@sakura.example.com",
    name: "高橋 健",
    memberships: [["sakura-denki", "alumni"]],
    hr: { joinYear: 2008, leaveYear: 2019, department: "開発部" },
  },
  {
    email: "jane@example.com",
    name: "Jane Smith",
    locale: "en",
    memberships: [["sakura-denki", "alumni"]],
    hr: { joinYear: 2015, leaveYear: 2021, department: "海外営業部" },
  },
  { email: "admin@minato.example.com", name: "伊藤 直樹", memberships: [["minato-ob", "admin"]] },
  { email: "alumni@minato.example.com", name: "渡辺 さくら", memberships: [["minato-ob", "alumni"]] },
  // Worked at both companies: one account, two networks.
  {
    email: "misaki@example.com",
    name: "田中 美咲",
    memberships: [
      ["sakura-denki", "alumni"],
      ["minato-ob", "alumni"],
    ],
    hr: { joinYear: 2010, leaveYear: 2016, department: "マーケティング部" },
  },
  // Has an account (joined nothing yet) and asked to join the volunteer network.
  { email: "kobayashi@example.com", name: "小林 誠", memberships: [] },
];

/** Invitations sent but not yet accepted, so the admins' list and the registration rate show something. */
const demoInvitations = [
  {
    slug: "sakura-denki",
    email: "yamazaki@example.com",
    name: "山﨑 翔太",
    opened: true,
    hr: { joinYear: 2005, leaveYear: 2018, department: "営業部" },
  },
  {
    slug: "sakura-denki",
    email: "takahashi.y@example.com",
    name: "髙橋 陽子",
    opened: false,
    hr: { joinYear: 2011, leaveYear: 2023, department: "広報室" },
  },
  { slug: "minato-ob", email: "kato@example.com", name: "加藤 隆", opened: false, hr: null },
];

const demoJoinRequests = [
  {
    slug: "minato-ob",
    email: "kobayashi@example.com",
    message: "1998年から2012年まで大阪支社の営業部に在籍していました。懐かしい皆さんとまたつながれたら嬉しいです。",
  },
];

export async function seedDemo(database: Database): Promise<{ created: number }> {
  const passwordHash = await hashPassword(demoPassword);
  return inSystem(database, async (tx) => {
    let created = 0;
    const networkIds = new Map<string, string>();
    for (const n of demoNetworks) {
      const row = await tx
        .insertInto("networks")
        .values({
          slug: n.slug,
          name: n.name,
          kind: n.kind,
          purpose: n.purpose,
          eligibility: n.eligibility,
          code_of_conduct: n.codeOfConduct,
          join_requests_open: n.joinRequestsOpen,
        })
        .onConflict((oc) => oc.column("slug").doNothing())
        .returning("id")
        .executeTakeFirst();
      if (row) {
        created++;
        await createDefaultRooms(tx, row.id);
      }
      const id = row?.id ?? (await tx.selectFrom("networks").select("id").where("slug", "=", n.slug).executeTakeFirstOrThrow()).id;
      networkIds.set(n.slug, id);
    }
    for (const p of demoPeople) {
      let account = await tx
        .selectFrom("accounts")
        .select("id")
        .where((eb) => eb(eb.fn("lower", ["email"]), "=", p.email))
        .executeTakeFirst();
      if (!account) {
        account = await tx
          .insertInto("accounts")
          .values({
            email: p.email,
            display_name: p.name,
            password_hash: passwordHash,
            locale: p.locale ?? "ja",
            is_operator: p.operator ?? false,
            email_verified_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        created++;
      }
      for (const [slug, role] of p.memberships) {
        const networkId = networkIds.get(slug);
        if (!networkId) continue;
        const inserted = await tx
          .insertInto("memberships")
          .values({
            network_id: networkId,
            account_id: account.id,
            role,
            status: "active",
            joined_at: new Date(),
            terms_version: 1,
            terms_accepted_at: new Date(),
            hr_join_year: p.hr?.joinYear ?? null,
            hr_leave_year: p.hr?.leaveYear ?? null,
            hr_department: p.hr?.department ?? null,
          })
          .onConflict((oc) => oc.columns(["network_id", "account_id"]).doNothing())
          .executeTakeFirst();
        if (inserted.numInsertedOrUpdatedRows && inserted.numInsertedOrUpdatedRows > 0n) created++;
      }
    }
    for (const inv of demoInvitations) {
      const networkId = networkIds.get(inv.slug);
      if (!networkId) continue;
      const inserted = await tx
        .insertInto("invitations")
        .values({
          network_id: networkId,
          email: inv.email,
          name: inv.name,
          role: "alumni",
          // Nobody knows this link: the admin re-sends the invitation to get a working one.
          token_hash: hashSecret(newSecret()),
          invited_by: null,
          import_id: null,
          hr_join_year: inv.hr?.joinYear ?? null,
          hr_leave_year: inv.hr?.leaveYear ?? null,
          hr_department: inv.hr?.department ?? null,
          opened_at: inv.opened ? new Date() : null,
          expires_at: new Date(Date.now() + 30 * 86_400_000),
        })
        .onConflict((oc) => oc.expression(sql`network_id, lower(email)`).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows && inserted.numInsertedOrUpdatedRows > 0n) created++;
    }
    for (const request of demoJoinRequests) {
      const networkId = networkIds.get(request.slug);
      const account = await tx
        .selectFrom("accounts")
        .select("id")
        .where(sql<boolean>`lower(email) = ${request.email}`)
        .executeTakeFirst();
      if (!networkId || !account) continue;
      const existing = await tx
        .selectFrom("join_requests")
        .select("id")
        .where("network_id", "=", networkId)
        .where("account_id", "=", account.id)
        .executeTakeFirst();
      if (existing) continue;
      await tx
        .insertInto("join_requests")
        .values({ network_id: networkId, account_id: account.id, message: request.message, terms_version: 1 })
        .execute();
      created++;
    }
    created += await seedDemoProfiles(tx, networkIds, passwordHash);
    // Only enqueued here (reminders, surveys): the server's queue runs them.
    created += await seedDemoEvents(tx, new JobQueue(database, console), networkIds);
    return { created };
  });
}

/**
 * Profiles for the demo accounts that have none, the extra さくら電機 alumni, and the directory's
 * index for every demo network. A profile someone edited in the demo is left as it is.
 */
async function seedDemoProfiles(tx: Tx, networkIds: Map<string, string>, passwordHash: string): Promise<number> {
  let created = 0;
  const sakura = networkIds.get("sakura-denki");
  if (sakura) {
    for (const p of demoDirectoryPeople) {
      const account =
        (await tx
          .selectFrom("accounts")
          .select("id")
          .where(sql<boolean>`lower(email) = ${p.email}`)
          .executeTakeFirst()) ??
        (await tx
          .insertInto("accounts")
          .values({ email: p.email, display_name: p.name, password_hash: passwordHash, locale: "ja", email_verified_at: new Date() })
          .returning("id")
          .executeTakeFirstOrThrow());
      const inserted = await tx
        .insertInto("memberships")
        .values({
          network_id: sakura,
          account_id: account.id,
          role: p.role,
          status: "active",
          joined_at: new Date(),
          terms_version: 1,
          terms_accepted_at: new Date(),
          last_active_at: new Date(Date.now() - created * 3_600_000),
          hr_join_year: p.hr.joinYear,
          hr_leave_year: p.hr.leaveYear,
          hr_department: p.hr.department,
        })
        .onConflict((oc) => oc.columns(["network_id", "account_id"]).doNothing())
        .executeTakeFirst();
      if (inserted.numInsertedOrUpdatedRows && inserted.numInsertedOrUpdatedRows > 0n) created++;
    }
  }
  const profiles = [
    ...Object.entries(demoProfiles).map(([email, profile]) => ({ email, profile })),
    ...demoDirectoryPeople.map((p) => ({ email: p.email, profile: p.profile })),
  ];
  for (const { email, profile } of profiles) {
    const account = await tx
      .selectFrom("accounts")
      .select("id")
      .where(sql<boolean>`lower(email) = ${email}`)
      .executeTakeFirst();
    if (!account) continue;
    const inserted = await tx
      .insertInto("profiles")
      .values({
        account_id: account.id,
        name_reading: profile.reading,
        headline: profile.headline ?? "",
        company: profile.company ?? "",
        position: profile.position ?? "",
        industry: profile.industry ?? null,
        location: profile.location ?? null,
        career: JSON.stringify(profile.career ?? []),
        skills: profile.skills ?? [],
        interests: profile.interests ?? [],
        links: "[]",
        languages: ["ja"],
        visibility: JSON.stringify(profile.visibility ?? {}),
      })
      .onConflict((oc) => oc.column("account_id").doNothing())
      .executeTakeFirst();
    if (!inserted.numInsertedOrUpdatedRows || !sakura || !profile.departments) continue;
    // The profile at さくら電機 (the demo's company network) comes with the global one.
    const membership = await tx
      .selectFrom("memberships")
      .select("id")
      .where("network_id", "=", sakura)
      .where("account_id", "=", account.id)
      .executeTakeFirst();
    if (!membership) continue;
    const first = profile.departments[0]!;
    const last = profile.departments[profile.departments.length - 1]!;
    await tx
      .insertInto("member_profiles")
      .values({
        network_id: sakura,
        member_id: membership.id,
        account_id: account.id,
        join_year: first.fromYear,
        leave_year: last.toYear,
        departments: JSON.stringify(profile.departments.map((d) => ({ position: "", ...d }))),
        open_to: profile.openTo ?? [],
        visibility: "{}",
      })
      .onConflict((oc) => oc.columns(["network_id", "member_id"]).doNothing())
      .execute();
  }
  for (const networkId of networkIds.values()) await rebuildMemberProfiles(tx, { networkId });
  return created;
}
