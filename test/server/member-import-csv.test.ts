// The member CSV import's pure half: decoding, parsing, column guessing, row checks and the report file.
import { describe, expect, it } from "vitest";
import { guessMapping } from "../../src/server/member-import/columns.ts";
import { CsvError, decodeCsv, parseCsv, readCsvFile, type CsvErrorCode } from "../../src/server/member-import/csv.ts";
import { toCsv } from "../../src/server/member-import/report.ts";
import { validateRows, type ValidateOptions } from "../../src/server/member-import/rows.ts";
import type { ColumnMapping } from "../../src/shared/member-import.ts";
import { encodeCp932, leaverCsv } from "../helpers/csv-fixtures.ts";

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const bytes = (...values: number[]) => new Uint8Array(values);

function csvError(run: () => unknown): CsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error("expected a CsvError");
}

function expectCsvError(run: () => unknown, code: CsvErrorCode, details: Record<string, number | string> = {}) {
  const error = csvError(run);
  expect({ code: error.code, details: error.details }).toEqual({ code, details });
}

describe("decodeCsv", () => {
  const text = "氏名,メールアドレス\r\n髙橋 翔太,takahashi@example.com\r\n";

  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsv(utf8(text))).toEqual({ text, encoding: "utf-8" });
  });

  it("reads UTF-8 with a BOM and strips it", () => {
    expect(decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({ text, encoding: "utf-8-bom" });
  });

  it("reads CP932 with 髙 (0xFBFC) and 﨑 (0xFAB1) from the IBM extension", () => {
    const cp932 = encodeCp932("髙橋,山﨑\r\n①,ｶﾅ\r\n");
    expect([...encodeCp932("髙")]).toEqual([0xfb, 0xfc]);
    expect([...encodeCp932("﨑")]).toEqual([0xfa, 0xb1]);
    expect(decodeCsv(cp932)).toEqual({ text: "髙橋,山﨑\r\n①,ｶﾅ\r\n", encoding: "shift_jis" });
  });

  it("reads UTF-16 with a BOM in either byte order (Excel's Unicode text)", () => {
    const le = Buffer.from("氏名\tメール\r\n髙橋\ta@example.com\r\n", "utf16le");
    expect(decodeCsv(new Uint8Array([0xff, 0xfe, ...le]))).toEqual({
      text: "氏名\tメール\r\n髙橋\ta@example.com\r\n",
      encoding: "utf-16le",
    });
    const be = Buffer.from(le).swap16();
    expect(decodeCsv(new Uint8Array([0xfe, 0xff, ...be]))).toEqual({
      text: "氏名\tメール\r\n髙橋\ta@example.com\r\n",
      encoding: "utf-16be",
    });
  });

  it("tells an Excel workbook apart, .xlsx and .xls", () => {
    expectCsvError(() => decodeCsv(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00)), "xlsx");
    expectCsvError(() => decodeCsv(bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00)), "xlsx");
  });

  it("refuses images, PDFs and NUL bytes as not a CSV", () => {
    expectCsvError(() => decodeCsv(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)), "not_csv");
    expectCsvError(() => decodeCsv(bytes(0xff, 0xd8, 0xff, 0xe0)), "not_csv");
    expectCsvError(() => decodeCsv(utf8("%PDF-1.7\n")), "not_csv");
    expectCsvError(() => decodeCsv(bytes(0x61, 0x00, 0x2c, 0x00, 0x62, 0x00)), "not_csv");
  });

  it("refuses bytes that are neither UTF-8 nor Shift_JIS", () => {
    const garbage = bytes(0x61, 0x2c, 0x80, 0xa0, 0xfd, 0xfe, 0xff, 0x0a);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(garbage)).toThrow(TypeError);
    expect(() => new TextDecoder("shift_jis", { fatal: true }).decode(garbage)).toThrow(TypeError);
    expectCsvError(() => decodeCsv(garbage), "undecodable");
  });
});

describe("parseCsv", () => {
  const expected = [
    ["a", "b"],
    ["c", "d"],
    ["e", "f"],
  ];

  it.each([
    ["CRLF", "a,b\r\nc,d\r\ne,f\r\n"],
    ["LF", "a,b\nc,d\ne,f\n"],
    ["CR", "a,b\rc,d\re,f\r"],
    ["mixed", "a,b\r\nc,d\re,f\n"],
    ["no final line end", "a,b\nc,d\ne,f"],
  ])("reads %s line ends", (_name, text) => {
    expect(parseCsv(text)).toEqual(expected);
  });

  it("reads quoted delimiters, doubled quotes and line breaks in fields", () => {
    expect(parseCsv('name,note\r\n"髙橋, 翔太","He said ""hi""\r\nthen left"\r\n"",x\r\n')).toEqual([
      ["name", "note"],
      ["髙橋, 翔太", 'He said "hi"\r\nthen left'],
      ["", "x"],
    ]);
  });

  it("keeps empty fields, also a trailing one", () => {
    expect(parseCsv("a,,c,\n,b,,")).toEqual([
      ["a", "", "c", ""],
      ["", "b", "", ""],
    ]);
  });

  it("keeps a stray quote inside an unquoted field as text", () => {
    expect(parseCsv('5" floppy,x\n')).toEqual([['5" floppy', "x"]]);
  });

  it("drops blank lines and rows of empty cells", () => {
    expect(parseCsv("\r\na,b\r\n\r\n,\r\n , \r\nc,d\r\n\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("reports the line where an unterminated quote opens", () => {
    expectCsvError(() => parseCsv('a,b\r\nc,d\r\n"e,f\r\ng,h\r\n'), "unterminated_quote", { line: 3 });
    expectCsvError(() => parseCsv('a,"multi\nline"\nb,"open'), "unterminated_quote", { line: 3 });
  });

  it("detects tabs and semicolons from the first line, ignoring quoted ones", () => {
    expect(parseCsv("氏名\tメール\n髙橋, 翔太\ta@example.com\n")).toEqual([
      ["氏名", "メール"],
      ["髙橋, 翔太", "a@example.com"],
    ]);
    expect(parseCsv('"a,b,c";d;e\n1;2;3\n')).toEqual([
      ["a,b,c", "d", "e"],
      ["1", "2", "3"],
    ]);
    expect(parseCsv("a;b,c\n", ",")).toEqual([["a;b", "c"]]);
  });
});

describe("readCsvFile", () => {
  const read = (text: string, maxRows = 100) => readCsvFile(utf8(text), { maxRows });

  it("splits the header from the data rows and numbers rows by their line in the file", () => {
    const file = read(
      '\r\n  氏名 ,ＥＭＡＩＬ,氏名\r\n髙橋,a@example.com,x\r\n\r\n"山﨑\r\n花子",b@example.com,y\r\n佐藤,c@example.com,z\r\n',
    );
    expect(file).toEqual({
      encoding: "utf-8",
      headers: ["氏名", "EMAIL", "氏名"],
      rows: [
        ["髙橋", "a@example.com", "x"],
        ["山﨑\r\n花子", "b@example.com", "y"],
        ["佐藤", "c@example.com", "z"],
      ],
      rowNumbers: [3, 5, 7],
    });
  });

  it("refuses an empty or blank file", () => {
    expectCsvError(() => readCsvFile(new Uint8Array(), { maxRows: 10 }), "empty_file");
    expectCsvError(() => read(" \r\n\t\n"), "empty_file");
    expectCsvError(() => readCsvFile(bytes(0xef, 0xbb, 0xbf), { maxRows: 10 }), "empty_file");
    expectCsvError(() => read(",,,\r\n,,\r\n"), "empty_file");
  });

  it("refuses a file with only a header row", () => {
    expectCsvError(() => read("氏名,メールアドレス\r\n\r\n,\r\n"), "header_only");
  });

  it("refuses one column of text that names no field, but takes a one-column email list", () => {
    expectCsvError(() => read("拝啓 時下ますますご清栄のことと\nお慶び申し上げます\n"), "not_csv");
    expect(read("メールアドレス\na@example.com\n").rows).toEqual([["a@example.com"]]);
  });

  it("refuses an .xlsx file", () => {
    expectCsvError(() => readCsvFile(bytes(0x50, 0x4b, 0x03, 0x04, 0x0a), { maxRows: 10 }), "xlsx");
  });

  it("refuses more data rows than allowed", () => {
    expect(read(leaverCsv(3), 3).rows).toHaveLength(3);
    expectCsvError(() => read(leaverCsv(4), 3), "too_many_rows", { max: 3 });
  });

  it("reads a tab-separated file", () => {
    const file = read("name\temail\nAiko Sato\taiko@example.com\n");
    expect(file.headers).toEqual(["name", "email"]);
    expect(file.rows).toEqual([["Aiko Sato", "aiko@example.com"]]);
  });
});

describe("guessMapping", () => {
  it("recognises an HR system's Japanese headers and ignores look-alikes", () => {
    const headers = [
      "社員番号",
      "氏名（カナ）",
      "氏名（漢字）",
      "メールアドレス（個人）",
      "雇用区分",
      "在籍区分",
      "入社日",
      "退職理由",
      "退職日",
      "最終所属",
    ];
    expect(guessMapping(headers)).toEqual({ name: 2, email: 3, role: 5, joinYear: 6, leaveYear: 8, department: 9 });
  });

  it("recognises English headers in any case, spacing and width", () => {
    expect(guessMapping(["Full Name", "Ｅ－ｍａｉｌ", "Role", "Hire Date", "Termination_Date", "Dept"])).toEqual({
      name: 0,
      email: 1,
      role: 2,
      joinYear: 3,
      leaveYear: 4,
      department: 5,
    });
  });

  it("maps a field to its first column and a column to one field", () => {
    expect(guessMapping(["メール", "email", "名前", "部署", "所属"])).toEqual({ email: 0, name: 2, department: 3 });
  });

  it("joins 姓 and 名 when there is no full-name column", () => {
    expect(guessMapping(["姓", "名", "メール"])).toEqual({ name: 0, nameGiven: 1, email: 2 });
    expect(guessMapping(["Last Name", "First Name", "氏名", "Email"])).toEqual({ name: 2, email: 3 });
  });

  it("finds the email column by its values when its header is unknown", () => {
    const rows = [
      ["髙橋", "東京", "a@example.com"],
      ["山﨑", "大阪", "ｂ＠example.com"],
      ["佐藤", "a@b", ""],
      ["鈴木", "福岡", "d@example.com"],
    ];
    expect(guessMapping(["列1", "列2", "列3"], rows)).toEqual({ email: 2 });
    expect(guessMapping(["列1", "列2", "列3"])).toEqual({});
  });

  it("does not take a reading (kana) column for the name", () => {
    expect(guessMapping(["氏名カナ", "メール"])).toEqual({ email: 1 });
  });
});

describe("validateRows", () => {
  const mapping: ColumnMapping = { name: 0, email: 1, role: 2, joinYear: 3, leaveYear: 4, department: 5 };
  const options: ValidateOptions = { defaultRole: "alumni", currentYear: 2025 };
  const row = (overrides: Partial<Record<"name" | "email" | "role" | "join" | "leave" | "department", string>> = {}) => [
    overrides.name ?? "髙橋 翔太",
    overrides.email ?? "takahashi@example.com",
    overrides.role ?? "退職者",
    overrides.join ?? "2010",
    overrides.leave ?? "2020",
    overrides.department ?? "営業部",
  ];
  const one = (cells: string[], opts: ValidateOptions = options, map: ColumnMapping = mapping) => validateRows([cells], map, opts)[0]!;

  it("normalises a valid row", () => {
    expect(
      one(row({ name: "　山﨑\u3000\u3000花子  ", email: "　ＹＡＭＡＳＡＫＩ＠ＥＸＡＭＰＬＥ．ＣＯＭ ", department: " 開発部   第二課 " })),
    ).toEqual({
      rowNumber: 2,
      name: "山﨑 花子",
      email: "yamasaki@example.com",
      role: "alumni",
      joinYear: 2010,
      leaveYear: 2020,
      department: "開発部 第二課",
      problems: [],
    });
  });

  it("keeps compatibility ideographs in names as written", () => {
    // NFKC would turn U+F929 into U+6717 (朗) and so change the person's name.
    expect(one(row({ name: "髙\uF929 﨑" })).name).toBe("髙\uF929 﨑");
  });

  it.each([
    ["<a@example.com>", "a@example.com"],
    ["mailto:A.B+alumni@Example.co.jp", "a.b+alumni@example.co.jp"],
    ["<MAILTO:a@example.com>", "a@example.com"],
  ])("reads the email %s as %s", (raw, email) => {
    expect(one(row({ email: raw }))).toMatchObject({ email, problems: [] });
  });

  it.each(["taro", "taro@", "@example.com", "taro@example", "ta ro@example.com", "taro@@example.com", `${"a".repeat(243)}@example.com`])(
    "flags the email %s as invalid",
    (email) => {
      expect(one(row({ email })).problems).toEqual(["invalid_email"]);
    },
  );

  it("accepts an email of 254 characters", () => {
    expect(one(row({ email: `${"a".repeat(242)}@example.com` })).problems).toEqual([]);
  });

  it("flags a missing name and a missing email", () => {
    expect(one(row({ name: " \u3000", email: "" })).problems).toEqual(["missing_name", "missing_email"]);
  });

  it.each([
    ["alumni", "alumni"],
    ["Alumnus", "alumni"],
    ["ＯＢ", "alumni"],
    ["OB・OG", "alumni"],
    ["og", "alumni"],
    ["退職者", "alumni"],
    ["卒業生", "alumni"],
    ["アルムナイ", "alumni"],
    ["元社員", "alumni"],
    ["Employee", "employee"],
    ["社員", "employee"],
    ["従業員", "employee"],
    ["在籍", "employee"],
    ["在籍者", "employee"],
    ["現役", "employee"],
    ["正社員", "employee"],
    ["ADMIN", "admin"],
    ["事務局", "admin"],
    ["管理者", "admin"],
    ["運営", "admin"],
  ])("reads the role %s as %s", (role, expected) => {
    expect(one(row({ role }))).toMatchObject({ role: expected, problems: [] });
  });

  it("flags a role it does not know", () => {
    expect(one(row({ role: "パート" }))).toMatchObject({ role: null, problems: ["invalid_role"] });
  });

  it("uses the default role for an empty cell or when no column is mapped", () => {
    const employees = { ...options, defaultRole: "employee" as const };
    expect(one(row({ role: "  " }), employees).role).toBe("employee");
    expect(one(row(), employees, { ...mapping, role: undefined }).role).toBe("employee");
  });

  it.each([
    ["2015", 2015],
    ["2015年", 2015],
    ["2015年度", 2015],
    ["２０１５年", 2015],
    ["2015/4/1", 2015],
    ["2015-04-01", 2015],
    ["2015-04-01 00:00:00", 2015],
    ["2015.04", 2015],
    ["2015年4月1日", 2015],
    ["20150401", 2015],
    ["平成27年", 2015],
    ["平成27年4月1日", 2015],
    ["H27", 2015],
    ["h27.4.1", 2015],
    ["令和2年", 2020],
    ["R2", 2020],
    ["令和元年", 2019],
    ["昭和60", 1985],
    ["S60", 1985],
    ["昭和64年1月7日", 1989],
  ])("reads the year %s as %i", (text, year) => {
    expect(one(row({ join: text, leave: "2026" }))).toMatchObject({ joinYear: year, leaveYear: 2026, problems: [] });
  });

  it.each(["来年", "15", "1899", "2027", "2015/13/01", "2015年4月32日", "平成32年", "昭和65", "H", "2015年ごろ"])(
    "flags the year %s as invalid",
    (text) => {
      expect(one(row({ leave: text }))).toMatchObject({ leaveYear: null, problems: ["invalid_year"] });
    },
  );

  it("allows empty years and the same year for joining and leaving", () => {
    expect(one(row({ join: "", leave: "" }))).toMatchObject({ joinYear: null, leaveYear: null, problems: [] });
    expect(one(row({ join: "2020", leave: "令和2年" }))).toMatchObject({ joinYear: 2020, leaveYear: 2020, problems: [] });
  });

  it("flags leaving before joining", () => {
    expect(one(row({ join: "2020", leave: "2019/3/31" })).problems).toEqual(["year_order"]);
  });

  it("flags a name over 80 and a department over 200 characters", () => {
    expect(one(row({ name: "髙".repeat(80), department: "部".repeat(200) })).problems).toEqual([]);
    expect(one(row({ name: "髙".repeat(81) })).problems).toEqual(["too_long"]);
    expect(one(row({ department: "部".repeat(201) })).problems).toEqual(["too_long"]);
    expect(one(row({ name: "髙".repeat(81), department: "部".repeat(201) })).problems).toEqual(["too_long"]);
  });

  it("flags later rows with the same email as duplicates, not the first", () => {
    const rows = [
      row({ email: "Dup@example.com" }),
      row({ email: "other@example.com" }),
      row({ email: "ｄｕｐ＠ｅｘａｍｐｌｅ．ｃｏｍ" }),
      row({ email: "dup@example.com" }),
    ];
    expect(validateRows(rows, mapping, options).map((r) => [r.rowNumber, r.email, r.problems])).toEqual([
      [2, "dup@example.com", []],
      [3, "other@example.com", []],
      [4, "dup@example.com", ["duplicate_in_file"]],
      [5, "dup@example.com", ["duplicate_in_file"]],
    ]);
  });

  it("joins a split name family name first, and uses the file's line numbers when given", () => {
    const rows = [
      ["髙橋", "翔太", "t@example.com"],
      ["山﨑", "", "y@example.com"],
    ];
    const result = validateRows(rows, { name: 0, nameGiven: 1, email: 2 }, { ...options, rowNumbers: [4, 9] });
    expect(result.map((r) => [r.rowNumber, r.name, r.role, r.problems])).toEqual([
      [4, "髙橋 翔太", "alumni", []],
      [9, "山﨑", "alumni", []],
    ]);
  });
});

describe("toCsv", () => {
  it("writes UTF-8 with a BOM and CRLF line ends", () => {
    const csv = toCsv([
      ["行", "氏名", "問題"],
      [2, "髙橋 翔太", null],
    ]);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.subarray(3).toString("utf8")).toBe("行,氏名,問題\r\n2,髙橋 翔太,\r\n");
  });

  it("quotes fields with commas, quotes, line breaks or outer spaces", () => {
    expect(
      toCsv([["a,b", 'say "hi"', "two\nlines", "cr\r", " lead", "trail ", "in side"]])
        .subarray(3)
        .toString("utf8"),
    ).toBe('"a,b","say ""hi""","two\nlines","cr\r"," lead","trail ",in side\r\n');
  });

  it("defuses cells a spreadsheet would run as formulas, but not numbers", () => {
    expect(
      toCsv([["=SUM(A1:A2)", "+81", "-1", "@cmd", "\tx", "\r=1", -1, 3.5]])
        .subarray(3)
        .toString("utf8"),
    ).toBe("'=SUM(A1:A2),'+81,'-1,'@cmd,'\tx,\"'\r=1\",-1,3.5\r\n");
  });
});

describe("a whole HR export", () => {
  it("reads and validates 10,000 leavers from a CP932 file", () => {
    const file = readCsvFile(encodeCp932(leaverCsv(10_000)), { maxRows: 50_000 });
    expect(file.encoding).toBe("shift_jis");
    expect(file.headers).toEqual(["氏名", "メールアドレス", "区分", "入社年", "退職年", "部署"]);
    const mapping = guessMapping(file.headers, file.rows);
    expect(mapping).toEqual({ name: 0, email: 1, role: 2, joinYear: 3, leaveYear: 4, department: 5 });

    const rows = validateRows(file.rows, mapping, { defaultRole: "employee", currentYear: 2025, rowNumbers: file.rowNumbers });
    expect(rows).toHaveLength(10_000);
    expect(rows.filter((r) => r.problems.length > 0)).toEqual([]);
    expect(rows[0]).toMatchObject({ rowNumber: 2, email: "leaver1@example.com", role: "alumni" });
    expect(rows[0]!.name).toMatch(/^髙橋 \S+$/);
    expect(rows[1]!.name).toMatch(/^山﨑 \S+$/);
    expect(rows[9_999]).toMatchObject({ rowNumber: 10_001, email: "leaver10000@example.com" });
    expect(rows.some((r) => r.department === "営業部, 東日本")).toBe(true);
  });

  it("reads English headers with LF line ends", () => {
    const file = readCsvFile(utf8(leaverCsv(20, { header: "en", lineEnding: "\n" })), { maxRows: 100 });
    expect(file.encoding).toBe("utf-8");
    const rows = validateRows(file.rows, guessMapping(file.headers), { defaultRole: "employee", currentYear: 2025 });
    expect(rows.map((r) => r.problems.length)).toEqual(new Array(20).fill(0));
    expect(rows.every((r) => r.role === "alumni")).toBe(true);
  });
});
