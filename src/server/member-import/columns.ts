// Guesses which column holds which field from the header names HR systems and Excel sheets use.
import type { ColumnMapping, ImportField } from "../../shared/member-import.ts";

type Target = ImportField | "family" | "given";

// Exact names, in their normalised form (see normaliseHeader).
const exactNames: Record<Target, readonly string[]> = {
  name: ["氏名", "名前", "お名前", "氏名漢字", "社員名", "従業員名", "フルネーム", "name", "fullname"],
  family: ["姓", "苗字", "名字", "lastname", "familyname", "surname"],
  given: ["名", "firstname", "givenname"],
  email: [
    "メールアドレス",
    "メール",
    "eメール",
    "email",
    "mail",
    "メアド",
    "個人メールアドレス",
    "個人メール",
    "連絡先メール",
    "連絡先メールアドレス",
    "privateemail",
    "personalemail",
    "emailaddress",
    "mailaddress",
  ],
  role: ["区分", "種別", "役割", "ロール", "role", "type", "在籍区分"],
  joinYear: ["入社年", "入社年度", "入社日", "入社年月日", "入社年月", "入社", "joinyear", "joined", "hireyear", "hiredate", "startyear"],
  leaveYear: [
    "退職年",
    "退職年度",
    "退職日",
    "退職年月日",
    "退職年月",
    "退職",
    "退社日",
    "退社年",
    "leaveyear",
    "left",
    "leavingyear",
    "endyear",
    "terminationdate",
  ],
  department: ["部署", "所属", "部門", "最終所属", "所属部署", "部署名", "最終部署", "department", "dept", "team", "division"],
};

// Substrings specific enough to find a field inside a longer header ("メールアドレス（個人）"). Bare 退職,
// 入社 or 区分 are left out on purpose: 退職理由 is not a year and 雇用区分 (正社員/契約社員) is not a role.
const containedNames: Record<Target, readonly string[]> = {
  name: ["氏名", "名前", "フルネーム", "fullname"],
  family: [],
  given: [],
  email: ["メールアドレス", "mailaddress", "email", "eメール", "メアド"],
  role: ["在籍区分", "役割", "ロール", "role"],
  joinYear: ["入社年", "入社日", "joinyear", "joindate", "hireyear", "hiredate", "startyear"],
  leaveYear: ["退職年", "退職日", "退社日", "leaveyear", "leavedate", "leavingyear", "terminationdate", "endyear"],
  department: ["部署", "所属", "部門", "department", "dept", "division"],
};

// A kana or romanised name column is a companion of the real one, never a stand-in for it.
const readingMarks = /カナ|かな|kana|ローマ字|romaji/;

const targets = Object.keys(exactNames) as Target[];

/** NFKC (full-width → half-width), lower case, without spaces, _ - ・ and brackets. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s_\-・()]/g, "");
}

function exactTarget(normalised: string): Target | null {
  return targets.find((t) => exactNames[t].includes(normalised)) ?? null;
}

function containedTarget(normalised: string, target: Target): boolean {
  if (target === "name" && readingMarks.test(normalised)) return false;
  return containedNames[target].some((part) => normalised.includes(part));
}

/** Whether a header names any field we know, by itself: used to tell a one-column CSV from a text file. */
export function isKnownHeader(header: string): boolean {
  const normalised = normaliseHeader(header);
  return exactTarget(normalised) !== null || targets.some((t) => containedTarget(normalised, t));
}

/**
 * The mapping a person would most likely choose: exact names first, then names contained in longer
 * headers, then (for email only) the column whose sample values mostly contain "@". A field takes at
 * most one column and a column serves at most one field; the leftmost column wins.
 */
export function guessMapping(headers: readonly string[], sampleRows: readonly (readonly string[])[] = []): ColumnMapping {
  const normalised = headers.map(normaliseHeader);
  const found = new Map<Target, number>();
  const used = new Set<number>();
  const take = (target: Target, column: number) => {
    found.set(target, column);
    used.add(column);
  };

  normalised.forEach((header, column) => {
    const target = exactTarget(header);
    if (target && !found.has(target)) take(target, column);
  });
  for (const target of targets) {
    if (found.has(target)) continue;
    const column = normalised.findIndex((header, i) => !used.has(i) && containedTarget(header, target));
    if (column >= 0) take(target, column);
  }
  if (!found.has("email")) {
    const column = atSignColumn(headers.length, sampleRows, used);
    if (column !== null) take("email", column);
  }

  const mapping: ColumnMapping = {};
  for (const [target, column] of found) {
    if (target !== "family" && target !== "given") mapping[target] = column;
  }
  const family = found.get("family");
  const given = found.get("given");
  if (mapping.name === undefined && family !== undefined && given !== undefined) {
    mapping.name = family;
    mapping.nameGiven = given;
  }
  return mapping;
}

/** The unused column where most of the first 20 non-empty values contain "@", if any. */
function atSignColumn(width: number, rows: readonly (readonly string[])[], used: ReadonlySet<number>): number | null {
  const sample = rows.slice(0, 20);
  let best: number | null = null;
  let bestShare = 0.5;
  for (let column = 0; column < width; column++) {
    if (used.has(column)) continue;
    const values = sample.map((row) => (row[column] ?? "").trim()).filter((v) => v !== "");
    if (values.length === 0) continue;
    const share = values.filter((v) => v.normalize("NFKC").includes("@")).length / values.length;
    if (share > bestShare) {
      best = column;
      bestShare = share;
    }
  }
  return best;
}
