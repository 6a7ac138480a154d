// The CSV import of leavers over HTTP: upload (encodings, line endings, quoting, bad files), the
// mapping step, the dry-run preview with its per-row problems, the import job with its invitations
// and mails, idempotent re-runs, the result report, the registration rate, and who may do what.
import { randomUUID } from "node:crypto";
import { sql, type KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as m from "../../src/shared/contract/membership.ts";
import type { ColumnMapping } from "../../src/shared/member-import.ts";
import { runImport, importJobKind } from "../../src/server/member-import/import.service.ts";
import { fieldMessage, type FieldMessage } from "../../src/server/platform/i18n/messages.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { encodeCp932, leaverCsv } from "../helpers/csv-fixtures.ts";
import { addMember, makeAccount, makeTenant, signIn, testPassword } from "../helpers/factories.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";
import { onPostgres } from "../helpers/test-database.ts";
import { multipartFile, multipartFilled, multipartWithoutFile } from "../helpers/uploads.ts";

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type Tenant = Awaited<ReturnType<typeof makeTenant>>;

const jaHeaders = ["氏名", "メールアドレス", "区分", "入社年", "退職年", "部署"];
const fullMapping: ColumnMapping = { name: 0, email: 1, role: 2, joinYear: 3, leaveYear: 4, department: 5 };
const bom = Buffer.from([0xef, 0xbb, 0xbf]);
const tag = () => randomUUID().slice(0, 8);

// --- calls ---

const net = (network: Pick<NetworkRow, "id">) => ({ networkId: network.id });
const imp = (network: Pick<NetworkRow, "id">, importId: string) => ({ networkId: network.id, importId });

async function upload(client: Client, network: Pick<NetworkRow, "id">, data: Buffer | string, filename = "leavers.csv"): Promise<Result> {
  return client.call(m.uploadMemberImport, { params: net(network), ...(await multipartFile(data, { filename, contentType: "text/csv" })) });
}

async function uploadOk(client: Client, network: Pick<NetworkRow, "id">, data: Buffer | string, filename?: string) {
  const res = await upload(client, network, data, filename);
  expect(res.status, res.raw).toBe(201);
  return res.body as m.MemberImport;
}

function preview(client: Client, network: Pick<NetworkRow, "id">, importId: string, mapping: ColumnMapping, defaultRole = "alumni") {
  return client.call(m.previewMemberImport, { params: imp(network, importId), body: { mapping, defaultRole } });
}

async function previewOk(client: Client, network: Pick<NetworkRow, "id">, importId: string, mapping: ColumnMapping = fullMapping) {
  const res = await preview(client, network, importId, mapping);
  expect(res.status, res.raw).toBe(200);
  return res.body as m.MemberImport;
}

async function rowsOf(client: Client, network: Pick<NetworkRow, "id">, importId: string, query: Record<string, string | number> = {}) {
  const res = await client.call(m.listMemberImportRows, { params: imp(network, importId), query: { limit: 500, ...query } });
  expect(res.status, res.raw).toBe(200);
  return res.body as { items: m.ImportRow[]; nextCursor: string | null };
}

/** Every row of an import, following the cursor. */
async function allRows(client: Client, network: Pick<NetworkRow, "id">, importId: string, filter = "all") {
  const rows: m.ImportRow[] = [];
  let cursor: string | null = null;
  do {
    const page = await rowsOf(client, network, importId, { filter, ...(cursor ? { cursor } : {}) });
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

async function start(client: Client, network: Pick<NetworkRow, "id">, importId: string, note = "") {
  return client.call(m.startMemberImport, { params: imp(network, importId), body: { note } });
}

async function getImport(client: Client, network: Pick<NetworkRow, "id">, importId: string) {
  const res = await client.call(m.getMemberImport, { params: imp(network, importId) });
  expect(res.status, res.raw).toBe(200);
  return res.body as m.MemberImport;
}

/** Upload, preview with the full mapping, start and run the job to the end. */
async function importFile(client: Client, network: Pick<NetworkRow, "id">, data: Buffer | string, filename?: string) {
  const uploaded = await uploadOk(client, network, data, filename);
  const previewed = await previewOk(client, network, uploaded.id);
  const started = await start(client, network, uploaded.id);
  expect(started.status, started.raw).toBe(200);
  await t.app.deps.jobs.drain();
  return { previewed, done: await getImport(client, network, uploaded.id) };
}

/** The response with its bytes, for file downloads. */
function download(client: Client, url: string) {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return t.app.fastify.inject({ method: "GET", url, headers: { cookie } });
}

// --- what is in the database ---

function importsOf(network: Pick<NetworkRow, "id">) {
  return inSystem(t.database, (tx) => tx.selectFrom("member_imports").selectAll().where("network_id", "=", network.id).execute());
}

function invitationsOf(network: Pick<NetworkRow, "id">) {
  return inSystem(t.database, (tx) =>
    tx.selectFrom("invitations").selectAll().where("network_id", "=", network.id).orderBy("email").execute(),
  );
}

/** Invitation mails whose link leads to this network's join page. */
function invitationMails(network: Pick<NetworkRow, "slug">) {
  const link = `/join/${network.slug}#token=`;
  return inSystem(t.database, (tx) =>
    tx
      .selectFrom("mail_outbox")
      .select(["to_address", "text_body"])
      .where("kind", "=", "invitation")
      .where(sql<boolean>`strpos(text_body, ${link}) > 0`)
      .orderBy("to_address")
      .execute(),
  );
}

/** The token of the join link in an invitation mail (the first link may be elsewhere: a name can hold a URL). */
function joinToken(text: string, network: Pick<NetworkRow, "slug">): string {
  const prefix = `${t.config.publicUrl}/join/${network.slug}#token=`;
  const at = text.indexOf(prefix);
  expect(at, text).toBeGreaterThanOrEqual(0);
  return /^[^\s"'<>]+/.exec(text.slice(at + prefix.length))![0];
}

/** Asserts a 400 naming `file` with the message of `key`, in the caller's language (ja). */
function expectFileError(res: Result, key: FieldMessage) {
  expect(expectFieldError(res, "file")).toBe(fieldMessage(key, "ja"));
}

// --- upload ---

describe("upload", () => {
  let tenant: Tenant;
  beforeAll(async () => {
    tenant = await makeTenant(t);
  });

  it("reads UTF-8, guesses the Japanese headers and returns a sample of the first rows", async () => {
    const body = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(7), "退職者リスト.csv");
    expect(body).toMatchObject({
      filename: "退職者リスト.csv",
      encoding: "utf-8",
      headers: jaHeaders,
      mapping: fullMapping,
      status: "uploaded",
      totalRows: 7,
      okRows: 0,
      processedRows: 0,
      invitedRows: 0,
      registeredRows: 0,
      createdByName: tenant.admin.account.display_name,
      startedAt: null,
      finishedAt: null,
    });
    expect(body.sampleRows).toHaveLength(5);
    expect(body.sampleRows[0]!.slice(0, 3)).toEqual([expect.stringMatching(/^髙橋\u3000/), "leaver1@example.com", "退職者"]);
    expect(body.sampleRows[1]![0]).toMatch(/^山﨑\u3000/);
    // Stored, and listed newest first.
    const list = await tenant.admin.client.call(m.listMemberImports, { params: net(tenant.network) });
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toEqual(body);
  });

  it("reads UTF-8 with a BOM; English headers are guessed too", async () => {
    const body = await uploadOk(tenant.admin.client, tenant.network, Buffer.concat([bom, Buffer.from(leaverCsv(3, { header: "en" }))]));
    expect(body.encoding).toBe("utf-8-bom");
    // The BOM is not part of the first header.
    expect(body.headers).toEqual(["name", "email", "role", "join year", "leave year", "department"]);
    expect(body.mapping).toEqual(fullMapping);
    expect(body.totalRows).toBe(3);
  });

  it("reads CP932 as Excel writes it: 髙橋 and 山﨑 come back unchanged in the rows", async () => {
    const body = await uploadOk(tenant.admin.client, tenant.network, encodeCp932(leaverCsv(4)), "cp932.csv");
    expect(body.encoding).toBe("shift_jis");
    expect(body.headers).toEqual(jaHeaders);
    expect(body.mapping).toEqual(fullMapping);
    expect(body.sampleRows.map((row) => row[0]!.slice(0, 2))).toEqual(["髙橋", "山﨑", "佐藤", "鈴木"]);

    await previewOk(tenant.admin.client, tenant.network, body.id);
    const rows = await allRows(tenant.admin.client, tenant.network, body.id);
    expect(rows.map((r) => [r.rowNumber, r.name.slice(0, 3), r.email])).toEqual([
      [2, "髙橋 ", "leaver1@example.com"],
      [3, "山﨑 ", "leaver2@example.com"],
      [4, "佐藤 ", "leaver3@example.com"],
      [5, "鈴木 ", "leaver4@example.com"],
    ]);
    // Not folded to 高/崎 anywhere on the way.
    expect(rows[0]!.name.codePointAt(0)).toBe(0x9ad9);
    expect(rows[1]!.name.codePointAt(1)).toBe(0xfa11);
    expect(rows.every((r) => r.problems.length === 0 && r.role === "alumni")).toBe(true);
  });

  it("reads CRLF, LF and lone CR in one file; row numbers are the file's lines", async () => {
    const text =
      "氏名,メールアドレス\r\n青木 一郎,aoki@example.com\n井上 二郎,inoue@example.com\r上田 三郎,ueda@example.com\r\n\r\n江藤 四郎,eto@example.com";
    const body = await uploadOk(tenant.admin.client, tenant.network, text);
    expect(body.totalRows).toBe(4);
    expect(body.mapping).toEqual({ name: 0, email: 1 });
    await previewOk(tenant.admin.client, tenant.network, body.id, { name: 0, email: 1 });
    const rows = await allRows(tenant.admin.client, tenant.network, body.id);
    expect(rows.map((r) => [r.rowNumber, r.name, r.email, r.problems])).toEqual([
      [2, "青木 一郎", "aoki@example.com", []],
      [3, "井上 二郎", "inoue@example.com", []],
      [4, "上田 三郎", "ueda@example.com", []],
      // A blank line is skipped but still counted.
      [6, "江藤 四郎", "eto@example.com", []],
    ]);
  });

  it("reads quoted fields holding commas, doubled quotes and line breaks", async () => {
    const text = [
      "氏名,メールアドレス,部署",
      '"髙橋, 翔太",takahashi@example.com,"営業部\r\n東日本"',
      '"山﨑 ""ヨーコ"" 陽子",yamasaki@example.com,"開発部, 第2課"',
      "佐藤 大輔,sato@example.com,人事部",
      "",
    ].join("\r\n");
    const body = await uploadOk(tenant.admin.client, tenant.network, text);
    expect(body.totalRows).toBe(3);
    expect(body.mapping).toEqual({ name: 0, email: 1, department: 2 });
    expect(body.sampleRows).toEqual([
      ["髙橋, 翔太", "takahashi@example.com", "営業部\r\n東日本"],
      ['山﨑 "ヨーコ" 陽子', "yamasaki@example.com", "開発部, 第2課"],
      ["佐藤 大輔", "sato@example.com", "人事部"],
    ]);
    await previewOk(tenant.admin.client, tenant.network, body.id, body.mapping);
    const rows = await allRows(tenant.admin.client, tenant.network, body.id);
    expect(rows.map((r) => [r.rowNumber, r.name, r.department])).toEqual([
      [2, "髙橋, 翔太", "営業部 東日本"],
      // The quoted line break moved the next record to line 4.
      [4, '山﨑 "ヨーコ" 陽子', "開発部, 第2課"],
      [5, "佐藤 大輔", "人事部"],
    ]);
  });

  it("keeps at most 200 characters of the file's name, never half of one", async () => {
    const body = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(1), `${"髙".repeat(199)}😀😀.csv`);
    expect(body.filename).toBe(`${"髙".repeat(199)}😀`);
  });

  it("reads UTF-16 with a BOM and tabs (Excel's Unicode text)", async () => {
    const text = "氏名\tメールアドレス\r\n髙橋 翔太\ttakahashi@example.com\r\n";
    const body = await uploadOk(
      tenant.admin.client,
      tenant.network,
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    expect(body).toMatchObject({ encoding: "utf-16le", headers: ["氏名", "メールアドレス"], mapping: { name: 0, email: 1 }, totalRows: 1 });
    expect(body.sampleRows).toEqual([["髙橋 翔太", "takahashi@example.com"]]);
  });

  it("takes 50,000 rows; 400 csv_too_many_rows above", async () => {
    const own = await makeTenant(t);
    const file = (rows: number) => "氏名,メールアドレス\n" + "髙橋 翔太,a@example.com\n".repeat(rows);
    expectFileError(await upload(own.admin.client, own.network, file(50_001)), "csv_too_many_rows");
    expect(await importsOf(own.network)).toEqual([]);
    expect((await uploadOk(own.admin.client, own.network, file(50_000))).totalRows).toBe(50_000);
  });

  describe("bad files: 400 naming the file, nothing stored", () => {
    let own: Tenant;
    beforeAll(async () => {
      own = await makeTenant(t);
    });

    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from("[Content_Types].xml")]);
    const cases: [string, Buffer | string, FieldMessage][] = [
      ["a PNG", png, "csv_not_csv"],
      ["an Excel workbook (.xlsx)", xlsx, "csv_xlsx"],
      ["an empty file", "", "csv_empty_file"],
      ["blank lines only", "\r\n\r\n  \r\n", "csv_empty_file"],
      ["a header without rows", "氏名,メールアドレス,区分\r\n", "csv_header_only"],
      [
        "bytes neither UTF-8 nor CP932",
        Buffer.concat([Buffer.from("氏名,メールアドレス\r\nA,"), Buffer.from([0xff, 0xfd]), Buffer.from("@example.com\r\n")]),
        "csv_undecodable",
      ],
      [
        "an unterminated quote",
        '氏名,メールアドレス\r\n"髙橋 翔太,takahashi@example.com\r\n佐藤,sato@example.com\r\n',
        "csv_unterminated_quote",
      ],
      // UTF-16 with a NUL character: no text column can hold it.
      [
        "UTF-16 holding a NUL",
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("氏名\tメール\r\nA\u0000B\ta@example.com\r\n", "utf16le")]),
        "csv_not_csv",
      ],
    ];
    it.each(cases)("%s", async (_what, data, key) => {
      expectFileError(await upload(own.admin.client, own.network, data), key);
      expect(await importsOf(own.network)).toEqual([]);
    });

    it("no file part: file_required", async () => {
      const res = await own.admin.client.call(m.uploadMemberImport, { params: net(own.network), ...(await multipartWithoutFile()) });
      expectFileError(res, "file_required");
      expect(await importsOf(own.network)).toEqual([]);
    });

    it("a malformed multipart body: 400 invalid_body, not a 500", async () => {
      const { payload, headers } = await multipartFile(leaverCsv(3), { filename: "cut.csv", contentType: "text/csv" });
      const bodies: [Buffer | string, string][] = [
        ["garbage", "multipart/form-data"],
        ["garbage", "multipart/form-data; boundary=xyz"],
        [payload.subarray(0, payload.length - 60), headers["content-type"]!],
      ];
      for (const [body, contentType] of bodies) {
        const res = await own.admin.client.call(m.uploadMemberImport, {
          params: net(own.network),
          payload: body,
          headers: { "content-type": contentType },
        });
        expect(expectFieldError(res, "_")).toBe(fieldMessage("invalid_body", "ja"));
      }
      expect(await importsOf(own.network)).toEqual([]);
    });

    it("a 50 MB upload: 413 payload_too_large", async () => {
      const big = multipartFilled(50 * 1024 * 1024, "髙橋 翔太,takahashi@example.com,退職者,2001,2010,営業部\r\n");
      const res = await own.admin.client.call(m.uploadMemberImport, { params: net(own.network), ...big });
      expectError(res, 413, "payload_too_large");
      expect(await importsOf(own.network)).toEqual([]);
    });
  });
});

// --- the mapping step ---

describe("mapping", () => {
  let tenant: Tenant;
  let importId: string;
  beforeAll(async () => {
    tenant = await makeTenant(t);
    importId = (await uploadOk(tenant.admin.client, tenant.network, leaverCsv(3))).id;
  });

  it("400 mapping_required without a name or an email column", async () => {
    for (const mapping of [{ email: 1 }, { name: 0 }, {}]) {
      const res = await preview(tenant.admin.client, tenant.network, importId, mapping);
      expect(expectFieldError(res, "mapping")).toBe(fieldMessage("mapping_required", "ja"));
    }
    expect((await getImport(tenant.admin.client, tenant.network, importId)).status).toBe("uploaded");
  });

  it("400 mapping_column for a column the file doesn't have", async () => {
    for (const mapping of [
      { ...fullMapping, department: 6 },
      { name: 0, email: 1, nameGiven: 40 },
    ]) {
      const res = await preview(tenant.admin.client, tenant.network, importId, mapping);
      expect(expectFieldError(res, "mapping")).toBe(fieldMessage("mapping_column", "ja"));
    }
    expect(await rowsOf(tenant.admin.client, tenant.network, importId)).toEqual({ items: [], nextCursor: null });
  });

  it("the admin fixes a wrong guess and the preview follows the new mapping", async () => {
    // HR put the personal address (the one to invite) in 備考 and the company one in メールアドレス.
    const text = [
      "氏名,メールアドレス,備考",
      "髙橋 翔太,t.takahashi@corp.example,takahashi.private@example.com",
      "山﨑 陽子,y.yamasaki@corp.example,yamasaki.private@example.com",
    ].join("\r\n");
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, text);
    expect(uploaded.mapping).toEqual({ name: 0, email: 1 });
    const guessed = await previewOk(tenant.admin.client, tenant.network, uploaded.id, uploaded.mapping);
    expect(guessed.mapping).toEqual({ name: 0, email: 1 });
    expect((await allRows(tenant.admin.client, tenant.network, uploaded.id)).map((r) => r.email)).toEqual([
      "t.takahashi@corp.example",
      "y.yamasaki@corp.example",
    ]);

    const fixed = await previewOk(tenant.admin.client, tenant.network, uploaded.id, { name: 0, email: 2 });
    expect(fixed).toMatchObject({ mapping: { name: 0, email: 2 }, status: "previewed", totalRows: 2, okRows: 2, problemCounts: {} });
    expect((await allRows(tenant.admin.client, tenant.network, uploaded.id)).map((r) => [r.rowNumber, r.name, r.email])).toEqual([
      [2, "髙橋 翔太", "takahashi.private@example.com"],
      [3, "山﨑 陽子", "yamasaki.private@example.com"],
    ]);
    expect((await getImport(tenant.admin.client, tenant.network, uploaded.id)).mapping).toEqual({ name: 0, email: 2 });
  });

  it("two swapped columns: every row is invalid with the guess, every row fine once swapped back", async () => {
    // The headers are swapped against the data.
    const text = "メールアドレス,氏名\r\n髙橋 翔太,takahashi@example.com\r\n山﨑 陽子,yamasaki@example.com\r\n";
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, text);
    expect(uploaded.mapping).toEqual({ name: 1, email: 0 });
    const guessed = await previewOk(tenant.admin.client, tenant.network, uploaded.id, uploaded.mapping);
    expect(guessed).toMatchObject({ okRows: 0, problemCounts: { invalid_email: 2 } });
    const swapped = await previewOk(tenant.admin.client, tenant.network, uploaded.id, { name: 0, email: 1 });
    expect(swapped).toMatchObject({ okRows: 2, problemCounts: {} });
    expect((await allRows(tenant.admin.client, tenant.network, uploaded.id)).map((r) => [r.name, r.email, r.problems])).toEqual([
      ["髙橋 翔太", "takahashi@example.com", []],
      ["山﨑 陽子", "yamasaki@example.com", []],
    ]);
  });

  it("the default role applies to rows without one, and is kept with the import", async () => {
    const text = "氏名,メールアドレス,区分\r\n髙橋 翔太,takahashi@example.com,\r\n山﨑 陽子,yamasaki@example.com,退職者\r\n";
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, text);
    const res = await preview(tenant.admin.client, tenant.network, uploaded.id, uploaded.mapping, "employee");
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ defaultRole: "employee", okRows: 2 });
    expect((await allRows(tenant.admin.client, tenant.network, uploaded.id)).map((r) => r.role)).toEqual(["employee", "alumni"]);
  });

  it("409 import_state when starting before a preview", async () => {
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(2));
    expect(expectError(await start(tenant.admin.client, tenant.network, uploaded.id), 409, "conflict").fields).toEqual({
      import: fieldMessage("import_state", "ja"),
    });
    expect((await getImport(tenant.admin.client, tenant.network, uploaded.id)).status).toBe("uploaded");
  });

  it("family and given names in two columns are joined family name first", async () => {
    const text = "姓,名,メールアドレス\r\n髙橋,翔太,takahashi@example.com\r\n";
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, text);
    expect(uploaded.mapping).toEqual({ name: 0, nameGiven: 1, email: 2 });
    await previewOk(tenant.admin.client, tenant.network, uploaded.id, uploaded.mapping);
    expect((await allRows(tenant.admin.client, tenant.network, uploaded.id)).map((r) => r.name)).toEqual(["髙橋 翔太"]);
  });
});

// --- preview, import, report, registration ---

// One import followed from preview to registration: the tests run in order and build on each other.
describe("preview, import and report", () => {
  let tenant: Tenant;
  let importId: string;
  let invitedBefore: string;
  let members: { active: string; removed: string; left: string };
  const x = tag();
  const ok = (n: number) => `ok${n}-${x}@example.com`;

  // Each line's expected problems, by line number.
  const expected: Record<number, string[]> = {
    2: [],
    3: ["invalid_email"],
    4: ["missing_name"],
    5: ["missing_email"],
    6: [],
    7: ["duplicate_in_file"],
    8: ["invalid_year"],
    9: ["year_order"],
    10: ["already_member"],
    11: ["already_invited"],
    12: ["previously_removed"],
    13: ["left_earlier"],
    // 14 and 15: one record with a line break in its department
    14: [],
    16: [],
    17: ["invalid_role"],
    18: [],
  };
  const okLines = [2, 6, 14, 16, 18];

  beforeAll(async () => {
    tenant = await makeTenant(t);
    const [removed, left] = await Promise.all([makeAccount(t), makeAccount(t)]);
    await addMember(t, tenant.network, removed, "alumni", "removed");
    await addMember(t, tenant.network, left, "alumni", "left");
    members = { active: tenant.alumni.account.email, removed: removed.email, left: left.email };
    invitedBefore = `invited-${x}@example.com`;
    const invite = await tenant.admin.client.call(m.createInvitation, {
      params: net(tenant.network),
      body: { email: invitedBefore, name: "前川 招待済", role: "alumni" },
    });
    expect(invite.status, invite.raw).toBe(201);

    const lines = [
      jaHeaders.join(","),
      `髙橋 翔太,${ok(1)},退職者,2001,2010,営業部`,
      `山﨑 陽子,not-an-address,退職者,2002,2011,開発部`,
      `,noname-${x}@example.com,退職者,2003,2012,人事部`,
      `佐藤 大輔,,退職者,2004,2013,経理部`,
      `鈴木 美咲,${ok(2)},社員,平成15年,2019/3/31,広報室`,
      // The same address as line 2, written differently: only this later row is flagged.
      `田中 健一,${ok(1).toUpperCase()},退職者,2005,2014,営業部`,
      `伊藤 さくら,year-${x}@example.com,退職者,二千五年,2015,開発部`,
      `渡辺 拓也,order-${x}@example.com,退職者,2016,2010,開発部`,
      `山本 由美,${members.active},退職者,2006,2015,営業部`,
      `中村 隆,${invitedBefore},退職者,2007,2016,営業部`,
      `小林 花子,${members.removed},退職者,2008,2017,営業部`,
      `加藤 直樹,${members.left},退職者,2009,2018,営業部`,
      `吉田 恵,${ok(3)},,2010,2019,"マーケティング部\r\nデジタル課"`,
      `髙木 﨑子,${ok(4)},退職者,,,`,
      `大西 役員,role-${x}@example.com,役員,2001,2010,営業部`,
      // Text a spreadsheet would run as a formula when the report is opened.
      `"=HYPERLINK(""http://evil.example"")",${ok(5)},退職者,2001,2010,@SUM(1)`,
    ];
    importId = (await uploadOk(tenant.admin.client, tenant.network, lines.join("\r\n") + "\r\n", "2024年度退職者.csv")).id;
  });

  it("preview is a dry run: per-row problems and counts, no invitation and no mail", async () => {
    const invitationsBefore = await invitationsOf(tenant.network);
    const mailsBefore = await invitationMails(tenant.network);
    expect(invitationsBefore.map((i) => i.email)).toEqual([invitedBefore]);
    expect(mailsBefore.map((mail) => mail.to_address)).toEqual([invitedBefore]);

    const body = await previewOk(tenant.admin.client, tenant.network, importId);
    expect(body).toMatchObject({
      status: "previewed",
      totalRows: 16,
      okRows: 5,
      processedRows: 0,
      invitedRows: 0,
      defaultRole: "alumni",
      problemCounts: {
        invalid_email: 1,
        invalid_role: 1,
        missing_name: 1,
        missing_email: 1,
        duplicate_in_file: 1,
        invalid_year: 1,
        year_order: 1,
        already_member: 1,
        already_invited: 1,
        previously_removed: 1,
        left_earlier: 1,
      },
    });

    const rows = await allRows(tenant.admin.client, tenant.network, importId);
    expect(Object.fromEntries(rows.map((r) => [r.rowNumber, r.problems]))).toEqual(expected);
    expect(rows.every((r) => r.outcome === null)).toBe(true);
    const byLine = new Map(rows.map((r) => [r.rowNumber, r]));
    expect(byLine.get(6)).toMatchObject({
      name: "鈴木 美咲",
      email: ok(2),
      role: "employee",
      joinYear: 2003,
      leaveYear: 2019,
      department: "広報室",
    });
    expect(byLine.get(7)).toMatchObject({ email: ok(1) });
    expect(byLine.get(14)).toMatchObject({ role: "alumni", department: "マーケティング部 デジタル課" });
    expect(byLine.get(16)).toMatchObject({ name: "髙木 﨑子", joinYear: null, leaveYear: null, department: "" });
    expect(byLine.get(17)).toMatchObject({ role: null });
    expect(byLine.get(18)).toMatchObject({ name: '=HYPERLINK("http://evil.example")', department: "@SUM(1)" });

    expect(await invitationsOf(tenant.network)).toEqual(invitationsBefore);
    expect(await invitationMails(tenant.network)).toEqual(mailsBefore);
  });

  it("lists ok rows or problem rows, paged by line number", async () => {
    expect((await allRows(tenant.admin.client, tenant.network, importId, "ok")).map((r) => r.rowNumber)).toEqual(okLines);
    expect((await allRows(tenant.admin.client, tenant.network, importId, "problems")).map((r) => r.rowNumber)).toEqual([
      3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 17,
    ]);

    const first = await rowsOf(tenant.admin.client, tenant.network, importId, { limit: 5 });
    expect(first.items.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6]);
    expect(first.nextCursor).toBe("6");
    const second = await rowsOf(tenant.admin.client, tenant.network, importId, { limit: 5, cursor: first.nextCursor! });
    expect(second.items.map((r) => r.rowNumber)).toEqual([7, 8, 9, 10, 11]);
    const third = await rowsOf(tenant.admin.client, tenant.network, importId, { limit: 5, cursor: second.nextCursor! });
    expect(third.items.map((r) => r.rowNumber)).toEqual([12, 13, 14, 16, 17]);
    expect(third.nextCursor).toBe("17");
    const fourth = await rowsOf(tenant.admin.client, tenant.network, importId, { limit: 5, cursor: third.nextCursor! });
    expect(fourth).toEqual({ items: [expect.objectContaining({ rowNumber: 18 })], nextCursor: null });

    const problems = await rowsOf(tenant.admin.client, tenant.network, importId, { filter: "problems", limit: 4, cursor: "4" });
    expect(problems.items.map((r) => r.rowNumber)).toEqual([5, 7, 8, 9]);
    expect(problems.nextCursor).toBe("9");
  });

  it("the report before the import says what would happen", async () => {
    const res = await download(tenant.admin.client, `/api/networks/${tenant.network.id}/imports/${importId}/report.csv`);
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.subarray(3).toString("utf8").split("\r\n");
    expect(lines[1]).toBe(`2,髙橋 翔太,${ok(1)},アルムナイ,2001,2010,営業部,招待できます,`);
    expect(lines[2]).toBe("3,山﨑 陽子,not-an-address,アルムナイ,2002,2011,開発部,要確認,メールアドレスの形式が正しくありません");
  });

  it("start: importing, then the job invites the ok rows with their HR data and one mail each", async () => {
    const res = await start(tenant.admin.client, tenant.network, importId, "お久しぶりです。");
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ status: "importing", processedRows: 0, invitedRows: 0, finishedAt: null });
    expect(res.body.startedAt).not.toBeNull();
    // Nothing happens before the job runs; while it is queued, the import can't be previewed or started again.
    expect(await invitationsOf(tenant.network)).toHaveLength(1);
    expectError(await preview(tenant.admin.client, tenant.network, importId, fullMapping), 409, "conflict");
    expectError(await start(tenant.admin.client, tenant.network, importId), 409, "conflict");

    await t.app.deps.jobs.drain();
    const done = await getImport(tenant.admin.client, tenant.network, importId);
    expect(done).toMatchObject({ status: "done", totalRows: 16, okRows: 5, processedRows: 16, invitedRows: 5, registeredRows: 0 });
    expect(done.finishedAt).not.toBeNull();

    const invitations = (await invitationsOf(tenant.network)).filter((i) => i.import_id === importId);
    expect(
      invitations.map((i) => ({
        email: i.email,
        name: i.name,
        role: i.role,
        note: i.note,
        status: i.status,
        join: i.hr_join_year,
        leave: i.hr_leave_year,
        dept: i.hr_department,
        by: i.invited_by,
      })),
    ).toEqual(
      [
        { email: ok(1), name: "髙橋 翔太", role: "alumni", join: 2001, leave: 2010, dept: "営業部" },
        { email: ok(2), name: "鈴木 美咲", role: "employee", join: 2003, leave: 2019, dept: "広報室" },
        { email: ok(3), name: "吉田 恵", role: "alumni", join: 2010, leave: 2019, dept: "マーケティング部 デジタル課" },
        { email: ok(4), name: "髙木 﨑子", role: "alumni", join: null, leave: null, dept: null },
        { email: ok(5), name: '=HYPERLINK("http://evil.example")', role: "alumni", join: 2001, leave: 2010, dept: "@SUM(1)" },
      ].map((i) => ({ ...i, note: "お久しぶりです。", status: "pending", by: tenant.admin.account.id })),
    );
    // The invitation made by hand before the import is untouched.
    expect((await invitationsOf(tenant.network)).filter((i) => i.import_id === null).map((i) => i.email)).toEqual([invitedBefore]);

    const mails = await invitationMails(tenant.network);
    expect(mails.map((mail) => mail.to_address).sort()).toEqual([invitedBefore, ok(1), ok(2), ok(3), ok(4), ok(5)].sort());
    for (const mail of mails) expect(joinToken(mail.text_body, tenant.network)).toMatch(/^[\w-]{20,}$/);
    expect(mails.find((mail) => mail.to_address === ok(1))!.text_body).toContain("お久しぶりです。");

    const rows = await allRows(tenant.admin.client, tenant.network, importId);
    expect(Object.fromEntries(rows.map((r) => [r.rowNumber, r.outcome]))).toEqual(
      Object.fromEntries(Object.keys(expected).map((line) => [line, okLines.includes(Number(line)) ? "invited" : "skipped"])),
    );
    expect(Object.fromEntries(rows.map((r) => [r.rowNumber, r.problems]))).toEqual(expected);

    const audit = await tenant.admin.client.call(m.listAuditLog, { params: net(tenant.network) });
    expect(
      audit.body.items
        .filter((e: m.AuditEntry) => e.action.startsWith("import."))
        .map((e: m.AuditEntry) => [e.action, e.subjectName, e.details]),
    ).toEqual([
      ["import.finished", "2024年度退職者.csv", { invited: 5, rows: 16 }],
      ["import.started", "2024年度退職者.csv", { rows: 5 }],
    ]);

    const list = await tenant.admin.client.call(m.listInvitations, { params: net(tenant.network), query: { importId } });
    expect(list.body.items.map((i: m.Invitation) => i.email).sort()).toEqual([ok(1), ok(2), ok(3), ok(4), ok(5)]);
  });

  it("409 import_state: start twice, preview after start", async () => {
    expect(expectError(await start(tenant.admin.client, tenant.network, importId), 409, "conflict").fields).toEqual({
      import: fieldMessage("import_state", "ja"),
    });
    expect(expectError(await preview(tenant.admin.client, tenant.network, importId, fullMapping), 409, "conflict").fields).toEqual({
      import: fieldMessage("import_state", "ja"),
    });
    // The rows keep their outcome.
    expect((await allRows(tenant.admin.client, tenant.network, importId, "ok")).map((r) => r.outcome)).toEqual([
      "invited",
      "invited",
      "invited",
      "invited",
      "invited",
    ]);
  });

  it("report.csv: UTF-8 with a BOM, an attachment with a UTF-8 name, a line per row in the caller's language", async () => {
    const url = `/api/networks/${tenant.network.id}/imports/${importId}/report.csv`;
    const res = await download(tenant.admin.client, url);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(
      `attachment; filename="2024_____-__.csv"; filename*=UTF-8''${encodeURIComponent("2024年度退職者-結果.csv")}`,
    );
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.subarray(3).toString("utf8");
    expect(text.endsWith("\r\n")).toBe(true);
    const lines = text.slice(0, -2).split("\r\n");
    expect(lines).toEqual([
      "行,氏名,メールアドレス,区分,入社年,退職年,部署,結果,理由",
      `2,髙橋 翔太,${ok(1)},アルムナイ,2001,2010,営業部,招待しました,`,
      "3,山﨑 陽子,not-an-address,アルムナイ,2002,2011,開発部,招待しませんでした,メールアドレスの形式が正しくありません",
      `4,,noname-${x}@example.com,アルムナイ,2003,2012,人事部,招待しませんでした,氏名がありません`,
      "5,佐藤 大輔,,アルムナイ,2004,2013,経理部,招待しませんでした,メールアドレスがありません",
      `6,鈴木 美咲,${ok(2)},社員,2003,2019,広報室,招待しました,`,
      `7,田中 健一,${ok(1)},アルムナイ,2005,2014,営業部,招待しませんでした,ファイル内で同じメールアドレスが重複しています`,
      `8,伊藤 さくら,year-${x}@example.com,アルムナイ,,2015,開発部,招待しませんでした,年が読み取れません`,
      `9,渡辺 拓也,order-${x}@example.com,アルムナイ,2016,2010,開発部,招待しませんでした,入社年が退職年より後になっています`,
      `10,山本 由美,${members.active},アルムナイ,2006,2015,営業部,招待しませんでした,すでにメンバーです`,
      `11,中村 隆,${invitedBefore},アルムナイ,2007,2016,営業部,招待しませんでした,すでに招待済みです`,
      `12,小林 花子,${members.removed},アルムナイ,2008,2017,営業部,招待しませんでした,以前に除名された方です`,
      `13,加藤 直樹,${members.left},アルムナイ,2009,2018,営業部,招待しませんでした,以前に退会された方です`,
      `14,吉田 恵,${ok(3)},アルムナイ,2010,2019,マーケティング部 デジタル課,招待しました,`,
      `16,髙木 﨑子,${ok(4)},アルムナイ,,,,招待しました,`,
      `17,大西 役員,role-${x}@example.com,,2001,2010,営業部,招待しませんでした,区分が読み取れません（アルムナイ・社員・事務局）`,
      // Formulas are defused with a leading quote.
      `18,"'=HYPERLINK(""http://evil.example"")",${ok(5)},アルムナイ,2001,2010,'@SUM(1),招待しました,`,
    ]);

    // An admin whose account is in English gets English headers, results and reasons.
    const english = await makeAccount(t, { locale: "en" });
    await addMember(t, tenant.network, english, "admin");
    const en = await download(await signIn(t, english), url);
    expect(en.headers["content-disposition"]).toContain(`filename*=UTF-8''${encodeURIComponent("2024年度退職者-result.csv")}`);
    const enLines = en.rawPayload.subarray(3).toString("utf8").split("\r\n");
    expect(enLines[0]).toBe("Line,Name,Email,Role,Join year,Leave year,Department,Result,Reason");
    expect(enLines[1]).toBe(`2,髙橋 翔太,${ok(1)},Alumni,2001,2010,営業部,Invited,`);
    expect(enLines[2]).toBe("3,山﨑 陽子,not-an-address,Alumni,2002,2011,開発部,Not invited,Invalid email address");
  });

  it("registration rate: an invited person signs up with the link from the mail", async () => {
    const mail = (await invitationMails(tenant.network)).find((row) => row.to_address === ok(2))!;
    const joined = await t.anonymous().call(m.signUpWithInvitation, {
      params: { slug: tenant.network.slug },
      body: {
        token: joinToken(mail.text_body, tenant.network),
        termsVersion: 1,
        displayName: "鈴木 美咲",
        password: testPassword,
        locale: "ja",
      },
    });
    expect(joined.status, joined.raw).toBe(201);
    expect(joined.body).toEqual({ networkId: tenant.network.id, slug: tenant.network.slug });

    expect((await getImport(tenant.admin.client, tenant.network, importId)).registeredRows).toBe(1);
    const list = await tenant.admin.client.call(m.listMemberImports, { params: net(tenant.network) });
    expect(list.body.items.find((i: m.MemberImport) => i.id === importId).registeredRows).toBe(1);

    const stats = await tenant.admin.client.call(m.getRegistrationStats, { params: net(tenant.network) });
    expect(stats.status, stats.raw).toBe(200);
    // Overall: the hand-made invitation and the four imported ones.
    expect(stats.body).toMatchObject({ invited: 6, registered: 1, rate: 1 / 6 });
    expect(stats.body.imports).toEqual([
      { id: importId, filename: "2024年度退職者.csv", createdAt: expect.any(String), invited: 5, registered: 1, rate: 0.2 },
    ]);

    // The new member carries the HR data of the row.
    const members = await tenant.admin.client.call(m.listManagedMembers, { params: net(tenant.network), query: { q: ok(2) } });
    expect(members.body.items).toHaveLength(1);
    expect(members.body.items[0]).toMatchObject({
      role: "employee",
      status: "active",
      hr: { joinYear: 2003, leaveYear: 2019, department: "広報室" },
    });
  });
});

describe("imports list and report names", () => {
  it("lists imports newest first, page by page", async () => {
    const tenant = await makeTenant(t);
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await uploadOk(tenant.admin.client, tenant.network, leaverCsv(n), `${n}.csv`)).id);
    const first = await tenant.admin.client.call(m.listMemberImports, { params: net(tenant.network), query: { limit: 2 } });
    expect(first.body.items.map((i: m.MemberImport) => i.filename)).toEqual(["3.csv", "2.csv"]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await tenant.admin.client.call(m.listMemberImports, {
      params: net(tenant.network),
      query: { limit: 2, cursor: first.body.nextCursor },
    });
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0], filename: "1.csv" })], nextCursor: null });
  });

  it("a report name with an apostrophe and brackets stays a valid RFC 5987 value", async () => {
    const tenant = await makeTenant(t);
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(1), "O'Brien (2024) 退職*.csv");
    expect(uploaded.filename).toBe("O'Brien (2024) 退職*.csv");
    const res = await download(tenant.admin.client, `/api/networks/${tenant.network.id}/imports/${uploaded.id}/report.csv`);
    expect(res.statusCode).toBe(200);
    const disposition = String(res.headers["content-disposition"]);
    const [, ascii, extended] = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(.*)$/.exec(disposition) ?? [];
    expect(ascii).toBe("O'Brien (2024) __*-__.csv");
    // attr-char only (RFC 5987 §3.2.1): letters, digits, !#$&+-.^_`|~ and %XX.
    expect(extended).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/);
    expect(decodeURIComponent(extended!)).toBe("O'Brien (2024) 退職*-結果.csv");
  });
});

// --- idempotency ---

describe("idempotency", () => {
  it("the same file again invites nobody new; a job run again or twice changes nothing", async () => {
    const tenant = await makeTenant(t);
    const file = encodeCp932(leaverCsv(12));
    const first = await importFile(tenant.admin.client, tenant.network, file, "first.csv");
    expect(first.done).toMatchObject({ status: "done", totalRows: 12, okRows: 12, processedRows: 12, invitedRows: 12 });
    const invitations = await invitationsOf(tenant.network);
    expect(invitations).toHaveLength(12);
    const mails = await invitationMails(tenant.network);
    expect(mails).toHaveLength(12);

    // The job again, directly and as a second queued job: the import is done, nothing moves.
    await runImport(t.app.deps, { networkId: tenant.network.id, importId: first.done.id });
    await inSystem(t.database, (tx) =>
      t.app.deps.jobs.enqueue(tx, importJobKind, { networkId: tenant.network.id, importId: first.done.id }),
    );
    expect(await t.app.deps.jobs.drain()).toBe(1);
    expect(await getImport(tenant.admin.client, tenant.network, first.done.id)).toEqual(first.done);
    expect(await invitationsOf(tenant.network)).toEqual(invitations);
    expect(await invitationMails(tenant.network)).toEqual(mails);

    // The same file uploaded again: every row is already invited in the preview, nobody is invited.
    const again = await importFile(tenant.admin.client, tenant.network, file, "again.csv");
    expect(again.previewed).toMatchObject({ totalRows: 12, okRows: 0, problemCounts: { already_invited: 12 } });
    expect(again.done).toMatchObject({ status: "done", processedRows: 12, invitedRows: 0 });
    const rows = await allRows(tenant.admin.client, tenant.network, again.done.id);
    expect(rows.map((r) => [r.outcome, r.problems])).toEqual(Array.from({ length: 12 }, () => ["skipped", ["already_invited"]]));
    expect(await invitationsOf(tenant.network)).toEqual(invitations);
    expect(await invitationMails(tenant.network)).toEqual(mails);
  });

  it("someone invited between preview and start is not invited twice, and the row says why", async () => {
    const tenant = await makeTenant(t);
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(3));
    expect((await previewOk(tenant.admin.client, tenant.network, uploaded.id)).okRows).toBe(3);
    const invite = await tenant.admin.client.call(m.createInvitation, {
      params: net(tenant.network),
      body: { email: "leaver2@example.com", name: "手動 招待", role: "employee" },
    });
    expect(invite.status, invite.raw).toBe(201);
    expect((await start(tenant.admin.client, tenant.network, uploaded.id)).status).toBe(200);
    await t.app.deps.jobs.drain();

    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({
      status: "done",
      processedRows: 3,
      invitedRows: 2,
    });
    const invitations = await invitationsOf(tenant.network);
    expect(invitations.map((i) => [i.email, i.import_id === uploaded.id, i.role])).toEqual([
      ["leaver1@example.com", true, "alumni"],
      ["leaver2@example.com", false, "employee"],
      ["leaver3@example.com", true, "alumni"],
    ]);
    expect((await invitationMails(tenant.network)).map((mail) => mail.to_address)).toEqual([
      "leaver1@example.com",
      "leaver2@example.com",
      "leaver3@example.com",
    ]);
    const rows = await allRows(tenant.admin.client, tenant.network, uploaded.id);
    expect(rows.map((r) => [r.rowNumber, r.outcome, r.problems])).toEqual([
      [2, "invited", []],
      [3, "skipped", ["already_invited"]],
      [4, "invited", []],
    ]);
  });
});

describe("the job", () => {
  it("fails in the middle and is run again, twice at once: every row invited exactly once", async () => {
    const tenant = await makeTenant(t);
    const count = 1001; // three chunks of at most 500
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(count));
    await previewOk(tenant.admin.client, tenant.network, uploaded.id);
    expect((await start(tenant.admin.client, tenant.network, uploaded.id)).status).toBe(200);

    // Writing the outbox fails for the second chunk: the first chunk stays committed, the second rolls back.
    const mailer = t.app.deps.mailer;
    const sendMany = mailer.sendMany.bind(mailer);
    let calls = 0;
    mailer.sendMany = async (tx, mails) => {
      if (++calls === 2) throw new Error("outbox unavailable");
      return sendMany(tx, mails);
    };
    try {
      expect(await t.app.deps.jobs.drain()).toBe(1);
    } finally {
      mailer.sendMany = sendMany;
    }
    const jobs = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("jobs")
        .selectAll()
        .where("kind", "=", importJobKind)
        .where(sql<boolean>`payload->>'importId' = ${uploaded.id}`)
        .execute(),
    );
    expect(jobs).toEqual([expect.objectContaining({ attempts: 1, last_error: "outbox unavailable", done_at: null })]);
    const job = jobs[0]!;
    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({
      status: "importing",
      processedRows: 500,
      invitedRows: 500,
    });
    expect(await invitationsOf(tenant.network)).toHaveLength(500);
    expect(await invitationMails(tenant.network)).toHaveLength(500);

    // The retry, run twice at the same time and once more by the queue.
    const payload = { networkId: tenant.network.id, importId: uploaded.id };
    await Promise.all([runImport(t.app.deps, payload), runImport(t.app.deps, payload)]);
    await inSystem(t.database, (tx) => tx.updateTable("jobs").set({ run_at: new Date() }).where("id", "=", job.id).execute());
    expect(await t.app.deps.jobs.drain()).toBe(1);

    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({
      status: "done",
      processedRows: count,
      invitedRows: count,
    });
    const invitations = await invitationsOf(tenant.network);
    expect(invitations).toHaveLength(count);
    expect(new Set(invitations.map((i) => i.email)).size).toBe(count);
    const mails = await invitationMails(tenant.network);
    expect(mails).toHaveLength(count);
    expect(new Set(mails.map((mail) => mail.to_address)).size).toBe(count);
    const outcomes = await allRows(tenant.admin.client, tenant.network, uploaded.id);
    expect(outcomes.filter((r) => r.outcome === "invited" && r.problems.length === 0)).toHaveLength(count);
  });

  it("a database error while reading the import fails the job, to be retried, instead of ending it", async () => {
    const tenant = await makeTenant(t);
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, leaverCsv(2));
    await previewOk(tenant.admin.client, tenant.network, uploaded.id);
    expect((await start(tenant.admin.client, tenant.network, uploaded.id)).status).toBe(200);

    // The import's row can't be locked: e.g. the connection drops.
    const lockFails: KyselyPlugin = {
      transformQuery({ node }) {
        const text = JSON.stringify(node);
        if (node.kind === "SelectQueryNode" && text.includes('"member_imports"') && text.includes("ForUpdate"))
          throw new Error("connection lost");
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    };
    const deps = { ...t.app.deps, database: { ...t.app.deps.database, db: t.app.deps.database.db.withPlugin(lockFails) } };
    const payload = { networkId: tenant.network.id, importId: uploaded.id };
    await expect(runImport(deps, payload)).rejects.toThrow("connection lost");
    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({ status: "importing", processedRows: 0 });

    await t.app.deps.jobs.drain();
    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({
      status: "done",
      processedRows: 2,
      invitedRows: 2,
    });
  });

  it("who joined, was removed or left between preview and start is skipped with the reason the preview would give", async () => {
    const tenant = await makeTenant(t);
    const x = tag();
    const address = (n: number) => `between${n}-${x}@example.com`;
    const text = ["氏名,メールアドレス", ...[1, 2, 3, 4].map((n) => `髙橋 ${n}郎,${address(n)}`)].join("\r\n");
    const uploaded = await uploadOk(tenant.admin.client, tenant.network, text);
    expect((await previewOk(tenant.admin.client, tenant.network, uploaded.id, { name: 0, email: 1 })).okRows).toBe(4);
    const statuses = ["active", "removed", "left"] as const;
    for (const [i, status] of statuses.entries()) {
      await addMember(t, tenant.network, await makeAccount(t, { email: address(i + 1) }), "alumni", status);
    }
    expect((await start(tenant.admin.client, tenant.network, uploaded.id)).status).toBe(200);
    await t.app.deps.jobs.drain();

    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({
      status: "done",
      processedRows: 4,
      invitedRows: 1,
    });
    expect((await invitationsOf(tenant.network)).map((i) => i.email)).toEqual([address(4)]);
    const rows = await allRows(tenant.admin.client, tenant.network, uploaded.id);
    expect(rows.map((r) => [r.email, r.outcome, r.problems])).toEqual([
      [address(1), "skipped", ["already_member"]],
      [address(2), "skipped", ["previously_removed"]],
      [address(3), "skipped", ["left_earlier"]],
      [address(4), "invited", []],
    ]);
  });
});

// --- 10,000 rows ---

describe("10,000 CP932 rows", () => {
  it("uploads, previews and imports every row; a re-run invites nobody new", { timeout: 120_000 }, async () => {
    const tenant = await makeTenant(t);
    const count = 10_000;
    const file = encodeCp932(leaverCsv(count));
    const timings: Record<string, number> = {};
    const timed = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      try {
        return await run();
      } finally {
        timings[name] = Math.round(performance.now() - started);
      }
    };

    const uploaded = await timed("upload", () => uploadOk(tenant.admin.client, tenant.network, file, "10000.csv"));
    expect(uploaded).toMatchObject({ encoding: "shift_jis", totalRows: count, mapping: fullMapping });
    const previewed = await timed("preview", () => previewOk(tenant.admin.client, tenant.network, uploaded.id));
    expect(previewed).toMatchObject({ totalRows: count, okRows: count, problemCounts: {} });
    expect((await start(tenant.admin.client, tenant.network, uploaded.id)).status).toBe(200);
    await timed("import", () => t.app.deps.jobs.drain());
    console.log(`10,000 CP932 rows on ${onPostgres ? "PostgreSQL" : "PGlite"}: ${JSON.stringify(timings)} ms`);

    expect(await getImport(tenant.admin.client, tenant.network, uploaded.id)).toMatchObject({
      status: "done",
      processedRows: count,
      invitedRows: count,
    });
    const counts = () =>
      inSystem(t.database, async (tx) => {
        const invitations = await tx
          .selectFrom("invitations")
          .select([sql<number>`count(*)::int`.as("n"), sql<number>`count(distinct lower(email))::int`.as("distinct")])
          .where("network_id", "=", tenant.network.id)
          .where("import_id", "=", uploaded.id)
          .executeTakeFirstOrThrow();
        const names = await tx
          .selectFrom("invitations")
          .select("name")
          .where("network_id", "=", tenant.network.id)
          .where("email", "in", ["leaver1@example.com", "leaver9998@example.com"])
          .orderBy("email")
          .execute();
        const outcomes = await tx
          .selectFrom("member_import_rows")
          .select(["outcome", sql<number>`count(*)::int`.as("n")])
          .where("network_id", "=", tenant.network.id)
          .where("import_id", "=", uploaded.id)
          .groupBy("outcome")
          .execute();
        return { invitations, names: names.map((r) => r.name.slice(0, 2)), outcomes };
      });
    expect(await counts()).toEqual({
      invitations: { n: count, distinct: count },
      // leaver9998 is row 9998: (9998 - 1) % 12 = 1, a 山﨑.
      names: ["髙橋", "山﨑"],
      outcomes: [{ outcome: "invited", n: count }],
    });
    expect(await invitationMails(tenant.network)).toHaveLength(count);

    const again = await importFile(tenant.admin.client, tenant.network, file, "10000-again.csv");
    expect(again.previewed).toMatchObject({ okRows: 0, problemCounts: { already_invited: count } });
    expect(again.done).toMatchObject({ status: "done", processedRows: count, invitedRows: 0 });
    expect((await invitationsOf(tenant.network)).length).toBe(count);
    expect(await invitationMails(tenant.network)).toHaveLength(count);
  });
});

// --- access ---

describe("access", () => {
  let tenant: Tenant;
  let other: Tenant;
  let importId: string;
  beforeAll(async () => {
    [tenant, other] = await Promise.all([makeTenant(t), makeTenant(t)]);
    importId = (await uploadOk(tenant.admin.client, tenant.network, leaverCsv(2))).id;
    await previewOk(tenant.admin.client, tenant.network, importId);
  });

  const calls = (client: Client, network: Pick<NetworkRow, "id">, id: string) => ({
    upload: () => upload(client, network, leaverCsv(2)),
    list: () => client.call(m.listMemberImports, { params: net(network) }),
    get: () => client.call(m.getMemberImport, { params: imp(network, id) }),
    preview: () => preview(client, network, id, fullMapping),
    rows: () => client.call(m.listMemberImportRows, { params: imp(network, id) }),
    start: () => start(client, network, id),
    report: () => client.call(m.downloadMemberImportReport, { params: imp(network, id) }),
    stats: () => client.call(m.getRegistrationStats, { params: net(network) }),
  });

  it.each(["alumni", "employee"] as const)("403 for an %s on every import endpoint", async (role) => {
    for (const [name, call] of Object.entries(calls(tenant[role].client, tenant.network, importId))) {
      const res = await call();
      expect([name, res.status, res.body?.error?.code]).toEqual([name, 403, "forbidden"]);
    }
    expect(await importsOf(tenant.network)).toHaveLength(1);
    expect((await getImport(tenant.admin.client, tenant.network, importId)).status).toBe("previewed");
  });

  it("404 for another network's import, through the admin's own network", async () => {
    const own = calls(other.admin.client, other.network, importId);
    for (const name of ["get", "preview", "rows", "start", "report"] as const) {
      const res = await own[name]();
      expect([name, res.status, res.body?.error?.code]).toEqual([name, 404, "not_found"]);
    }
    expect((await getImport(tenant.admin.client, tenant.network, importId)).status).toBe("previewed");
    expect(await invitationsOf(other.network)).toEqual([]);
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(m.getMemberImport, { params: imp(tenant.network, importId) }), 401, "unauthenticated");
    expectError(await t.anonymous().call(m.listMemberImports, { params: net(tenant.network) }), 401, "unauthenticated");
  });

  it("404 for a network the caller doesn't belong to", async () => {
    const res = await other.admin.client.call(m.getMemberImport, { params: imp(tenant.network, importId) });
    expectError(res, 404, "not_found");
  });
});
