// Normalises and checks each data row of an import on its own and against the rows before it in the file;
// checks against the database (already a member, already invited, …) belong to the import service.
import { z } from "zod";
import { limits, type MemberRole } from "../../shared/limits.ts";
import type { ColumnMapping, RowProblem } from "../../shared/member-import.ts";

export interface ValidatedRow {
  /** The row's line in the file, the header being line 1: the first data row is 2. */
  rowNumber: number;
  name: string;
  email: string;
  role: MemberRole | null;
  joinYear: number | null;
  leaveYear: number | null;
  department: string;
  problems: RowProblem[];
}

export interface ValidateOptions {
  defaultRole: MemberRole;
  currentYear: number;
  /** Line numbers from readCsvFile, so blank lines and multi-line cells don't shift them; else index + 2. */
  rowNumbers?: readonly number[];
}

export const departmentMax = 200;

/**
 * One ValidatedRow per data row, in file order, with every problem found (none means it can be invited).
 * Of rows sharing an email, only the later ones are flagged duplicate_in_file.
 */
export function validateRows(rows: readonly (readonly string[])[], mapping: ColumnMapping, options: ValidateOptions): ValidatedRow[] {
  const firstRowWith = new Set<string>();
  // Roles and years take few distinct values in a file: parse each once.
  const roles = new Map<string, MemberRole | null>();
  const years = new Map<string, number | null | undefined>();
  const year = (text: string) => {
    let value = years.get(text);
    if (value === undefined && !years.has(text)) {
      value = parseYear(text);
      if (typeof value === "number" && (value < 1900 || value > options.currentYear + 1)) value = undefined;
      years.set(text, value);
    }
    return value;
  };

  const result: ValidatedRow[] = new Array<ValidatedRow>(rows.length);
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    const problems: RowProblem[] = [];

    const family = collapseSpaces(cellAt(row, mapping.name));
    const given = collapseSpaces(cellAt(row, mapping.nameGiven));
    const name = family && given ? `${family} ${given}` : family || given;
    const department = collapseSpaces(cellAt(row, mapping.department));
    if (name === "") problems.push("missing_name");
    if (name.length > limits.displayNameMax || department.length > departmentMax) problems.push("too_long");

    const email = normaliseEmail(cellAt(row, mapping.email));
    if (email === "") problems.push("missing_email");
    else if (!isValidEmail(email)) problems.push("invalid_email");
    else if (firstRowWith.has(email)) problems.push("duplicate_in_file");
    else firstRowWith.add(email);

    const roleText = cellAt(row, mapping.role).trim();
    let role = roles.get(roleText);
    if (role === undefined) roles.set(roleText, (role = roleText === "" ? options.defaultRole : parseRole(roleText)));
    if (role === null) problems.push("invalid_role");

    const joinYear = year(cellAt(row, mapping.joinYear));
    const leaveYear = year(cellAt(row, mapping.leaveYear));
    if (joinYear === undefined || leaveYear === undefined) problems.push("invalid_year");
    else if (joinYear !== null && leaveYear !== null && joinYear > leaveYear) problems.push("year_order");

    const rowNumber = options.rowNumbers?.[index] ?? index + 2;
    result[index] = { rowNumber, name, email, role, joinYear: joinYear ?? null, leaveYear: leaveYear ?? null, department, problems };
  }
  return result;
}

const cellAt = (row: readonly string[], column: number | undefined) => (column === undefined ? "" : (row[column] ?? ""));

/**
 * Trims and turns any run of spaces (ASCII, ideographic U+3000, tabs, line breaks) into one half-width
 * space. No NFKC: it would turn compatibility ideographs in names into other characters.
 */
export function collapseSpaces(text: string): string {
  return /\s/.test(text) ? text.replace(/\s+/g, " ").trim() : text;
}

/** NFKC (full-width ＠ and letters), trimmed, lower case, without <…> or mailto:. */
export function normaliseEmail(text: string): string {
  let email = text.normalize("NFKC").trim().toLowerCase();
  if (email.startsWith("<") && email.endsWith(">")) email = email.slice(1, -1).trim();
  if (email.startsWith("mailto:")) email = email.slice("mailto:".length).trim();
  return email;
}

/**
 * The pattern and length an invitation's email is checked with (z.email() in the shared contract), so a
 * row that passes here can be invited; the bare regex is several times faster than safeParse per row.
 */
export function isValidEmail(email: string): boolean {
  return email.length <= limits.emailMax && z.regexes.email.test(email);
}

const roleNames: Record<string, MemberRole> = {};
const addRoleNames = (role: MemberRole, names: string[]) => names.forEach((name) => (roleNames[name] = role));
addRoleNames("alumni", ["alumni", "alumnus", "alumna", "ob", "og", "ob・og", "ob/og", "obog", "退職者", "卒業生", "アルムナイ", "元社員"]);
addRoleNames("employee", ["employee", "社員", "従業員", "在籍", "在籍者", "現役", "正社員"]);
addRoleNames("admin", ["admin", "事務局", "管理者", "運営"]);

/** The role a cell names (NFKC, any case, spaces ignored), or null if it names none. */
export function parseRole(text: string): MemberRole | null {
  return roleNames[text.normalize("NFKC").toLowerCase().replace(/\s+/g, "")] ?? null;
}

// Japanese eras still found in HR data: the Western year is the era's offset plus its year (元年 = 1).
const eras: Record<string, { offset: number; last: number }> = {
  昭和: { offset: 1925, last: 64 },
  s: { offset: 1925, last: 64 },
  平成: { offset: 1988, last: 31 },
  h: { offset: 1988, last: 31 },
  令和: { offset: 2018, last: 99 },
  r: { offset: 2018, last: 99 },
};

const western = /^(\d{4})(.*)$/;
const compact = /^(\d{4})(\d{2})(\d{2})?$/; // 201504, 20150401
const era = /^(昭和|平成|令和|[shr])\.?(元|\d{1,2})(.*)$/;
// What may follow the year: 年, 年度, 年4月, 年4月1日, /4, /4/1, -04-01, .04 …
const dateTail = /^(?:年度?|年(\d{1,2})月(?:(\d{1,2})日)?|[/.-](\d{1,2})(?:[/.-](\d{1,2}))?)?$/;
const timeOfDay = /[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * The year a cell means: 2015, 2015年(度), a date such as 2015/4/1, 2015-04-01, 2015.04, 2015年4月1日 or
 * 20150401, or an era year such as 平成27年, H27, 令和元年, R2, 昭和60, S60. Null when empty, undefined
 * when it is not a year. The caller checks the range.
 */
export function parseYear(text: string): number | null | undefined {
  if (/^\d{4}$/.test(text)) return Number(text);
  const value = text.normalize("NFKC").trim().toLowerCase().replace(timeOfDay, "").replace(/\s+/g, "");
  if (value === "") return null;

  const packed = compact.exec(value);
  if (packed) return validMonthDay(packed[2], packed[3]) ? Number(packed[1]) : undefined;

  let year: number;
  let tail: string;
  const w = western.exec(value);
  const e = w ? null : era.exec(value);
  if (w) {
    year = Number(w[1]);
    tail = w[2]!;
  } else if (e) {
    const { offset, last } = eras[e[1]!]!;
    const n = e[2] === "元" ? 1 : Number(e[2]);
    if (n < 1 || n > last) return undefined;
    year = offset + n;
    tail = e[3]!;
  } else {
    return undefined;
  }
  const date = dateTail.exec(tail);
  if (!date) return undefined;
  return validMonthDay(date[1] ?? date[3], date[2] ?? date[4]) ? year : undefined;
}

function validMonthDay(month: string | undefined, day: string | undefined): boolean {
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return false;
  return day === undefined || (Number(day) >= 1 && Number(day) <= 31);
}
