// The rows of an import's result report, in the admin's language: what was read from each line of
// the file, and what happened to it (or, before the import, what would).
import type { Locale, MemberRole } from "../../shared/limits.ts";
import type { RowProblem } from "../../shared/member-import.ts";
import type { ImportRowRecord } from "../platform/db/schema.ts";

const headers: Record<Locale, string[]> = {
  ja: ["行", "氏名", "メールアドレス", "区分", "入社年", "退職年", "部署", "結果", "理由"],
  en: ["Line", "Name", "Email", "Role", "Join year", "Leave year", "Department", "Result", "Reason"],
};

const roles: Record<Locale, Record<MemberRole, string>> = {
  ja: { alumni: "アルムナイ", employee: "社員", admin: "事務局" },
  en: { alumni: "Alumni", employee: "Employee", admin: "Admin" },
};

const outcomes: Record<Locale, Record<"invited" | "skipped" | "ok" | "problem", string>> = {
  ja: { invited: "招待しました", skipped: "招待しませんでした", ok: "招待できます", problem: "要確認" },
  en: { invited: "Invited", skipped: "Not invited", ok: "Can be invited", problem: "Needs fixing" },
};

export const problemLabels: Record<Locale, Record<RowProblem, string>> = {
  ja: {
    missing_name: "氏名がありません",
    missing_email: "メールアドレスがありません",
    invalid_email: "メールアドレスの形式が正しくありません",
    invalid_role: "区分が読み取れません（アルムナイ・社員・事務局）",
    invalid_year: "年が読み取れません",
    year_order: "入社年が退職年より後になっています",
    too_long: "文字数が多すぎます",
    duplicate_in_file: "ファイル内で同じメールアドレスが重複しています",
    already_member: "すでにメンバーです",
    already_invited: "すでに招待済みです",
    previously_removed: "以前に除名された方です",
    left_earlier: "以前に退会された方です",
  },
  en: {
    missing_name: "Name missing",
    missing_email: "Email missing",
    invalid_email: "Invalid email address",
    invalid_role: "Unknown role (alumni, employee, admin)",
    invalid_year: "Year not readable",
    year_order: "Join year is after leave year",
    too_long: "Too long",
    duplicate_in_file: "Same email earlier in the file",
    already_member: "Already a member",
    already_invited: "Already invited",
    previously_removed: "Removed earlier",
    left_earlier: "Left the network earlier",
  },
};

export function reportRows(rows: ImportRowRecord[], locale: Locale): (string | number | null)[][] {
  const out: (string | number | null)[][] = [headers[locale]];
  for (const r of rows) {
    const outcome = r.outcome ?? (r.problems.length === 0 ? "ok" : "problem");
    out.push([
      r.row_number,
      r.name,
      r.email,
      r.role ? roles[locale][r.role] : "",
      r.join_year,
      r.leave_year,
      r.department,
      outcomes[locale][outcome],
      r.problems.map((p) => problemLabels[locale][p as RowProblem] ?? p).join(" / "),
    ]);
  }
  return out;
}
