// The admins' CSV export of the member table: a file Excel opens as it is (UTF-8 with BOM, CRLF,
// RFC 4180 quoting, no formulas), headers in the admin's language, what the admins may see of each
// profile and never a field the member keeps to themself, the table's filters and the bulk
// selection, only for the network's admins, and an entry in the audit log for every download.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as membership from "../../src/shared/contract/membership.ts";
import * as people from "../../src/shared/contract/people.ts";
import type { MemberProfileInput, ProfileInput } from "../../src/shared/contract/people.ts";
import type { AccountRow, MembershipRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { parseCsvRecords } from "../../src/server/member-import/csv.ts";
import { exportChunkRows } from "../../src/server/membership/members-export.ts";
import { rebuildMemberProfiles } from "../../src/server/people/profile-index.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeNetwork, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });

const exportCsv = (client: Client, network: Pick<NetworkRow, "id">, query: Record<string, string | number> = {}) =>
  client.call(membership.exportManagedMembers, { ...p(network), query });

/** The file's rows (BOM and CRLF checked first), each as header → cell. */
function readCsv(res: Result): { headers: string[]; rows: Record<string, string>[] } {
  expect(res.status, res.raw).toBe(200);
  expect(res.raw.startsWith("\uFEFF")).toBe(true);
  expect(res.raw.endsWith("\r\n")).toBe(true);
  // Every line break outside quotes is CRLF: no bare LF ends a row.
  const unquoted = res.raw.replace(/"(?:[^"]|"")*"/g, "");
  expect(unquoted).toContain("\r\n");
  expect(/[^\r]\n/.test(unquoted)).toBe(false);
  const [headers = [], ...body] = parseCsvRecords(res.raw, ",").rows;
  return { headers, rows: body.map((cells) => Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? ""]))) };
}

async function setProfile(client: Client, network: Pick<NetworkRow, "id">, profile: ProfileInput, atCompany: MemberProfileInput) {
  const global = await client.call(people.updateMyProfile, { body: profile });
  expect(global.status, global.raw).toBe(200);
  const local = await client.call(people.updateMyMemberProfile, { ...p(network), body: atCompany });
  expect(local.status, local.raw).toBe(200);
}

const setHr = async (
  member: Pick<MembershipRow, "id" | "network_id">,
  values: Partial<Pick<MembershipRow, "hr_name" | "hr_join_year" | "hr_leave_year" | "hr_department">>,
) =>
  inSystem(t.database, async (tx) => {
    await tx.updateTable("memberships").set(values).where("id", "=", member.id).execute();
    await rebuildMemberProfiles(tx, { networkId: member.network_id, memberIds: [member.id] });
  });

const auditOf = (network: Pick<NetworkRow, "id">) =>
  inSystem(t.database, (tx) =>
    tx
      .selectFrom("audit_log")
      .selectAll()
      .where("network_id", "=", network.id)
      .where("action", "=", "members.exported")
      .orderBy("created_at")
      .execute(),
  );

describe("GET /api/networks/:networkId/manage/members/export", () => {
  let own: Tenant;
  let open: { account: AccountRow; membership: MembershipRow; client: Client };
  let secret: { account: AccountRow; membership: MembershipRow; client: Client };
  let tricky: { account: AccountRow; membership: MembershipRow };

  beforeAll(async () => {
    own = await makeQuickTenant(t);
    const member = async (name: string) => {
      const account = await makeAccount(t, { name });
      const row = await addMember(t, own.network, account, "alumni");
      return { account, membership: row, client: await sessionClient(t, account) };
    };
    open = await member("公開 太郎");
    await setProfile(
      open.client,
      own.network,
      {
        nameReading: "こうかい たろう",
        company: "株式会社テスト, 東京",
        position: '部長 "代表"',
        industry: "it",
        location: "JP-13",
        // Alumni-only and admins-only fields: the admins see both.
        visibility: { company: "alumni", position: "admins" },
      },
      {
        joinYear: 2010,
        leaveYear: 2018,
        departments: [{ department: "営業本部", position: "課長", fromYear: 2010, toYear: 2015 }],
        employmentType: "full_time",
        openTo: ["comeback", "mentoring"],
        visibility: { departments: "alumni", openTo: "admins" },
      },
    );
    secret = await member("秘密 花子");
    await setProfile(
      secret.client,
      own.network,
      {
        nameReading: "ひみつ はなこ",
        company: "秘密商事",
        position: "顧問",
        industry: "finance",
        location: "JP-27",
        visibility: { company: "self", position: "self", industry: "self", location: "self" },
      },
      {
        joinYear: 2012,
        leaveYear: 2020,
        departments: [{ department: "経理部", position: "", fromYear: null, toYear: null }],
        employmentType: "contract",
        openTo: ["side_job"],
        visibility: { years: "self", departments: "self", openTo: "self", employmentType: "self" },
      },
    );
    await setHr(secret.membership, { hr_join_year: 2011, hr_leave_year: 2019, hr_department: "財務部" });
    // Text that a spreadsheet would run, and HR data with a line break in it.
    const account = await makeAccount(t, { name: '=HYPERLINK("http://evil.example","x")' });
    tricky = { account, membership: await addMember(t, own.network, account, "employee") };
    await setHr(tricky.membership, { hr_name: "@SUM(1+1)", hr_department: "総務部\n人事課", hr_join_year: 2001 });
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("memberships")
        .set({ supporter_since: new Date("2024-03-31T15:00:00Z") })
        .where("id", "=", open.membership.id)
        .execute(),
    );
  });

  it("is UTF-8 with a BOM, CRLF line ends and Japanese headers, as a download", async () => {
    const res = await exportCsv(own.admin.client, own.network);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename=".*\.csv"; filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers["content-disposition"]).split("''")[1] ?? "")).toMatch(
      /^メンバー一覧-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(res.headers["cache-control"]).toBe("private, no-store");
    const { headers, rows } = readCsv(res);
    expect(headers).toEqual([
      "氏名",
      "読み仮名",
      "メールアドレス",
      "役割",
      "状態",
      "サポーター任命日",
      "入社年",
      "退職年",
      "部署",
      "現在の会社",
      "役職",
      "業界",
      "所在地",
      "オープンな関わり方",
      "雇用形態",
      "人事データ：氏名",
      "人事データ：入社年",
      "人事データ：退職年",
      "人事データ：部署",
      "参加日時",
      "最終利用日時",
    ]);
    // Every member, newest first, as in the table.
    expect(rows.map((r) => r["メールアドレス"])).toEqual([
      tricky.account.email,
      secret.account.email,
      open.account.email,
      own.alumni.account.email,
      own.employee.account.email,
      own.admin.account.email,
    ]);
  });

  it("writes the fields the admins may see: alumni-only and admins-only ones too, with labels", async () => {
    const { rows } = readCsv(await exportCsv(own.admin.client, own.network));
    const row = rows.find((r) => r["メールアドレス"] === open.account.email);
    expect(row).toMatchObject({
      氏名: "公開 太郎",
      読み仮名: "こうかい たろう",
      役割: "アルムナイ",
      状態: "参加中",
      // Midnight in Tokyo, the admin's time zone.
      サポーター任命日: "2024-04-01",
      入社年: "2010",
      退職年: "2018",
      部署: "営業本部 課長（2010〜2015）",
      現在の会社: "株式会社テスト, 東京",
      役職: '部長 "代表"',
      業界: "IT・通信",
      所在地: "東京都",
      オープンな関わり方: "カムバック、メンタリング",
      雇用形態: "正社員",
      "人事データ：氏名": "",
      "人事データ：入社年": "",
    });
    expect(row?.["参加日時"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it("leaves out every field a member keeps to themself; the HR data stays", async () => {
    const res = await exportCsv(own.admin.client, own.network);
    for (const hidden of ["秘密商事", "顧問", "金融", "大阪", "経理部", "副業", "契約社員", "2012", "2020"])
      expect(res.raw).not.toContain(hidden);
    const row = readCsv(res).rows.find((r) => r["メールアドレス"] === secret.account.email);
    expect(row).toMatchObject({
      氏名: "秘密 花子",
      読み仮名: "ひみつ はなこ",
      入社年: "",
      退職年: "",
      部署: "",
      現在の会社: "",
      役職: "",
      業界: "",
      所在地: "",
      オープンな関わり方: "",
      雇用形態: "",
      "人事データ：入社年": "2011",
      "人事データ：退職年": "2019",
      "人事データ：部署": "財務部",
    });
  });

  it("quotes commas, quotes and line breaks (RFC 4180) and neutralises formulas", async () => {
    const res = await exportCsv(own.admin.client, own.network);
    expect(res.raw).toContain(',"株式会社テスト, 東京",');
    expect(res.raw).toContain(',"部長 ""代表""",');
    expect(res.raw).toContain(',"総務部\n人事課",');
    const row = readCsv(res).rows.find((r) => r["メールアドレス"] === tricky.account.email);
    expect(row?.["氏名"]).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(row?.["人事データ：氏名"]).toBe("'@SUM(1+1)");
    expect(row?.["人事データ：部署"]).toBe("総務部\n人事課");
    // Imported HR data stands in for the years and department the member did not state.
    expect(row).toMatchObject({ 入社年: "2001", 部署: "総務部\n人事課（2001〜）", 役割: "社員" });
    // No cell of the file starts a formula.
    for (const r of readCsv(res).rows) for (const cell of Object.values(r)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it("has English headers and labels for an admin who uses English", async () => {
    const english = await makeAccount(t, { locale: "en" });
    await addMember(t, own.network, english, "admin");
    const res = await exportCsv(await sessionClient(t, english), own.network);
    expect(decodeURIComponent(String(res.headers["content-disposition"]).split("''")[1] ?? "")).toMatch(/^members-\d{4}-\d{2}-\d{2}\.csv$/);
    const { headers, rows } = readCsv(res);
    expect(headers.slice(0, 6)).toEqual(["Name", "Reading", "Email", "Role", "Status", "Supporter since"]);
    expect(rows.find((r) => r.Email === open.account.email)).toMatchObject({
      Role: "Alumni",
      Status: "Active",
      Departments: "営業本部, 課長 (2010–2015)",
      Industry: "IT & telecommunications",
      Location: "Tokyo",
      "Open to": "Comeback, Mentoring",
      "Employment type": "Full-time",
    });
  });

  it("takes the table's filters, at the admins' level: a hidden field finds nobody", async () => {
    const emails = async (query: Record<string, string | number>) =>
      readCsv(await exportCsv(own.admin.client, own.network, query)).rows.map((r) => r["メールアドレス"]);
    expect(await emails({ industry: "it" })).toEqual([open.account.email]);
    expect(await emails({ industry: "finance" })).toEqual([]);
    expect(await emails({ openTo: "comeback,mentoring" })).toEqual([open.account.email]);
    expect(await emails({ openTo: "side_job" })).toEqual([]);
    expect(await emails({ location: "JP-13" })).toEqual([open.account.email]);
    expect(await emails({ location: "JP-27" })).toEqual([]);
    expect(await emails({ department: "営業" })).toEqual([open.account.email]);
    expect(await emails({ department: "経理" })).toEqual([]);
    // The member's own departments, hidden, take the place of the import's: 財務部 finds nobody either.
    expect(await emails({ department: "財務" })).toEqual([]);
    expect(await emails({ department: "総務" })).toEqual([tricky.account.email]);
    expect(await emails({ joinFrom: 2000, joinTo: 2010 })).toEqual([tricky.account.email, open.account.email]);
    expect(await emails({ joinFrom: 2011 })).toEqual([]);
    expect(await emails({ leaveFrom: 2018, leaveTo: 2018 })).toEqual([open.account.email]);
    expect(await emails({ supporter: "true" })).toEqual([open.account.email]);
    expect(await emails({ q: "コウカイ" })).toEqual([open.account.email]);
    expect(await emails({ role: "employee" })).toEqual([tricky.account.email, own.employee.account.email]);
    expect(await emails({ status: "left" })).toEqual([]);
    // The list answers the same.
    const list = await own.admin.client.call(membership.listManagedMembers, {
      ...p(own.network),
      query: { industry: "it", openTo: "comeback" },
    });
    expect(list.body.items.map((m: { email: string }) => m.email)).toEqual([open.account.email]);
    expectFieldError(await exportCsv(own.admin.client, own.network, { joinFrom: 2015, joinTo: 2010 }), "joinTo");
    expectFieldError(await exportCsv(own.admin.client, own.network, { industry: "oil" }), "industry");
  });

  it("exports only the selected members (ids), within the filters", async () => {
    const emails = async (query: Record<string, string | number>) =>
      readCsv(await exportCsv(own.admin.client, own.network, query)).rows.map((r) => r["メールアドレス"]);
    const ids = [open.membership.id, secret.membership.id].join(",");
    expect(await emails({ ids })).toEqual([secret.account.email, open.account.email]);
    expect(await emails({ ids, industry: "it" })).toEqual([open.account.email]);
    // Another network's member is not found through ids.
    const other = await makeQuickTenant(t);
    expect(await emails({ ids: other.alumni.membership.id })).toEqual([]);
    expectFieldError(await exportCsv(own.admin.client, own.network, { ids: `${open.membership.id},not-an-id` }), "ids.1");
    const tooMany = Array.from({ length: membership.exportSelectionMax + 1 }, () => crypto.randomUUID()).join(",");
    expectFieldError(await exportCsv(own.admin.client, own.network, { ids: tooMany }), "ids");
  });

  it("records every export in the audit log with the number of members", async () => {
    const n = await makeQuickTenant(t);
    readCsv(await exportCsv(n.admin.client, n.network));
    readCsv(await exportCsv(n.admin.client, n.network, { role: "alumni", ids: `${n.alumni.membership.id},${n.employee.membership.id}` }));
    const entries = await auditOf(n.network);
    expect(entries.map((e) => [e.actor_name, e.details])).toEqual([
      [n.admin.account.display_name, { rows: 3, filters: {} }],
      [n.admin.account.display_name, { rows: 1, selected: 2, filters: { role: "alumni" } }],
    ]);
    const log = await n.admin.client.call(membership.listAuditLog, p(n.network));
    expect(log.body.items[0]).toMatchObject({ action: "members.exported", actorName: n.admin.account.display_name });
  });

  it("403 for employees and alumni, 404 for another network's admin and a non-member, 401 signed out; nothing recorded", async () => {
    const n = await makeQuickTenant(t);
    expectError(await exportCsv(n.employee.client, n.network), 403, "forbidden");
    expectError(await exportCsv(n.alumni.client, n.network), 403, "forbidden");
    expectError(await exportCsv(own.admin.client, n.network), 404, "not_found");
    expectError(await exportCsv(await sessionClient(t, await makeAccount(t)), n.network), 404, "not_found");
    expectError(await exportCsv(t.anonymous(), n.network), 401, "unauthenticated");
    expect(await auditOf(n.network)).toEqual([]);
  });

  it(`reads in chunks of ${String(exportChunkRows)}: past a chunk's end, every member once`, async () => {
    const network = await makeNetwork(t);
    const admin = await makeAccount(t);
    await addMember(t, network, admin, "admin");
    const count = exportChunkRows + 1;
    await inSystem(t.database, async (tx) => {
      const accounts = await tx
        .insertInto("accounts")
        .values(
          Array.from({ length: count }, (_, i) => ({
            email: `bulk-${network.slug}-${String(i)}@example.com`,
            display_name: `一括 ${String(i)}`,
            locale: "ja" as const,
          })),
        )
        .returning("id")
        .execute();
      // Two members share each created_at, so the chunk's cursor must break ties by id.
      await tx
        .insertInto("memberships")
        .values(
          accounts.map((a, i) => ({
            network_id: network.id,
            account_id: a.id,
            role: "alumni" as const,
            status: "active" as const,
            created_at: new Date(Date.UTC(2020, 0, 1, 0, 0, Math.floor(i / 2))),
          })),
        )
        .execute();
    });
    const { rows } = readCsv(await exportCsv(await sessionClient(t, admin), network));
    expect(rows).toHaveLength(count + 1);
    expect(new Set(rows.map((r) => r["メールアドレス"])).size).toBe(count + 1);
    const [entry] = await auditOf(network);
    expect(entry?.details).toMatchObject({ rows: count + 1 });
  });
});
