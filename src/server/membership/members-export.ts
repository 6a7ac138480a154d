// The admins' member table as a CSV file for Excel: the same filters as the table (or only the
// members selected in it), what the admins may see of each profile (never a field the member keeps
// to themself) beside the HR data, headers in the admin's language. UTF-8 with a BOM, CRLF, RFC 4180
// quoting, and no cell that a spreadsheet would run as a formula (member-import/report.ts).
//
// Read and written 1,000 members at a time, each chunk turned into bytes before the next is read,
// so a network of 100,000 never has all its rows in memory as objects and as text at once.
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import type { ManagedMember, ManagedMemberFilters } from "../../shared/contract/membership.ts";
import type { Locale, MemberRole, MemberStatus } from "../../shared/limits.ts";
import { employmentTypes, industries, locationLabel, openToFlags } from "../../shared/people.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { csvLine, utf8Bom } from "../member-import/report.ts";
import { forbidden } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { recordAudit } from "./audit-log.ts";
import { auditActor } from "./invitations.service.ts";
import { after, applyManagedFilters, managedMembersQuery } from "./managed-members.repository.ts";
import { presentManagedMember } from "./membership.presenter.ts";

export const exportChunkRows = 1000;

const headers: Record<Locale, string[]> = {
  ja: [
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
  ],
  en: [
    "Name",
    "Reading",
    "Email",
    "Role",
    "Status",
    "Supporter since",
    "Join year",
    "Leave year",
    "Departments",
    "Current company",
    "Position",
    "Industry",
    "Location",
    "Open to",
    "Employment type",
    "HR name",
    "HR join year",
    "HR leave year",
    "HR department",
    "Joined",
    "Last active",
  ],
};

const roles: Record<Locale, Record<MemberRole, string>> = {
  ja: { alumni: "アルムナイ", employee: "社員", admin: "事務局" },
  en: { alumni: "Alumni", employee: "Employee", admin: "Admin" },
};

const statuses: Record<Locale, Record<MemberStatus, string>> = {
  ja: { invited: "招待中", active: "参加中", left: "退会済み", removed: "除名" },
  en: { invited: "Invited", active: "Active", left: "Left", removed: "Removed" },
};

const listSeparator: Record<Locale, string> = { ja: "、", en: ", " };

/** "営業部 課長（2010〜2015）", "Sales, manager (2010–2015)". */
function departmentText(d: ManagedMember["profile"]["departments"][number], locale: Locale): string {
  const name = d.position ? `${d.department}${locale === "ja" ? " " : ", "}${d.position}` : d.department;
  if (d.fromYear === null && d.toYear === null) return name;
  const years = `${d.fromYear ?? ""}${locale === "ja" ? "〜" : "–"}${d.toYear ?? ""}`;
  return locale === "ja" ? `${name}（${years}）` : `${name} (${years})`;
}

/** "2024-04-01 09:30" where the admin is: a form Excel reads as a date and time. */
function dateTimeIn(timeZone: string, withTime: boolean) {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
  });
  return (iso: string | null) => (iso === null ? null : format.format(new Date(iso)).replace(", ", " "));
}

/** The cells of one member, in the order of the headers (the date formats made once per export). */
export function exportRows(locale: Locale, timeZone: string): (m: ManagedMember) => (string | number | null)[] {
  const date = dateTimeIn(timeZone, false);
  const dateTime = dateTimeIn(timeZone, true);
  return (m) => {
    const p = m.profile;
    return [
      m.displayName,
      m.nameReading,
      m.email,
      roles[locale][m.role],
      statuses[locale][m.status],
      date(m.supporterSince),
      p.joinYear?.value ?? null,
      p.leaveYear?.value ?? null,
      p.departments.map((d) => departmentText(d, locale)).join(listSeparator[locale]),
      p.company,
      p.position,
      p.industry ? (industries[p.industry as keyof typeof industries]?.[locale] ?? p.industry) : null,
      p.location ? locationLabel(p.location, locale) : null,
      p.openTo.map((flag) => openToFlags[flag as keyof typeof openToFlags]?.[locale] ?? flag).join(listSeparator[locale]),
      p.employmentType ? (employmentTypes[p.employmentType as keyof typeof employmentTypes]?.[locale] ?? p.employmentType) : null,
      m.hr.name,
      m.hr.joinYear,
      m.hr.leaveYear,
      m.hr.department,
      dateTime(m.joinedAt),
      dateTime(m.lastActiveAt),
    ];
  };
}

export async function exportManagedMembers(
  actor: MemberActor,
  filters: ManagedMemberFilters & { ids?: string[] | undefined },
  locale: Locale,
): Promise<FileResponse> {
  if (!canManageMembers(actor)) throw forbidden();
  const timeZone = actor.account.time_zone;
  const cells = exportRows(locale, timeZone);
  const chunks: Buffer[] = [Buffer.from(utf8Bom + csvLine(headers[locale]), "utf8")];
  let query = applyManagedFilters(managedMembersQuery(actor.tx, actor.networkId), filters);
  if (filters.ids) query = query.where("m.id", "in", filters.ids);
  let cursor: { key: string; id: string } | null = null;
  let rows = 0;
  for (;;) {
    const page = await after(query, cursor).limit(exportChunkRows).execute();
    chunks.push(Buffer.from(page.map((row) => csvLine(cells(presentManagedMember(row)))).join(""), "utf8"));
    rows += page.length;
    const last = page.at(-1);
    if (!last || page.length < exportChunkRows) break;
    cursor = { key: last.sort_key, id: last.id };
  }
  const { ids, ...rest } = filters;
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "members.exported",
    {},
    {
      rows,
      ...(ids ? { selected: ids.length } : {}),
      filters: Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined && value !== "")),
    },
  );
  const today = dateTimeIn(timeZone, false)(new Date().toISOString()) ?? "";
  return { filename: `${locale === "ja" ? "メンバー一覧" : "members"}-${today}.csv`, body: Buffer.concat(chunks) };
}
