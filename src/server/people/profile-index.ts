// What the directory, search and "people you may know" read, rebuilt from the profile, the
// profile at the company and the membership (decision 0016). Whoever changes one of them calls
// rebuildMemberProfiles in the same transaction: a profile edit, an admin's HR edit, a new member,
// a change of display name. Each member row gets, per viewer level (1 members, 2 alumni,
// 3 admins), what that level may find, filter and sort by — so a hidden field never matches.
import { sql } from "kysely";
import { industries, locationLabel, openToFlags, type Industry, type OpenToFlag } from "../../shared/people.ts";
import type { MemberRole } from "../../shared/limits.ts";
import { normaliseForSearch, searchDocument, searchTokens } from "../platform/search/index.ts";
import type { Database } from "../platform/db/database.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { levelOf } from "./visibility.ts";

export type IndexTarget = { networkId: string; memberIds?: string[] } | { accountId: string };

/** The levels a member row is indexed for: a viewer sees fields of a level up to their own. */
const levels = [1, 2, 3] as const;
const chunkSize = 500;

export interface Department {
  department: string;
  position: string;
  fromYear: number | null;
  toYear: number | null;
  source: "member" | "import";
}

/** The rows a profile is built from (also read by the presenter). */
export interface ProfileSource {
  network_id: string;
  member_id: string;
  account_id: string;
  role: MemberRole;
  display_name: string;
  hr_join_year: number | null;
  hr_leave_year: number | null;
  hr_department: string | null;
  name_reading: string | null;
  headline: string | null;
  company: string | null;
  position: string | null;
  industry: string | null;
  location: string | null;
  career: { company: string; role: string; fromYear: number | null; toYear: number | null }[] | null;
  skills: string[] | null;
  interests: string[] | null;
  profile_visibility: Record<string, string> | null;
  join_year: number | null;
  leave_year: number | null;
  departments: { department: string; position: string; fromYear: number | null; toYear: number | null }[] | null;
  employment_type: string | null;
  open_to: string[] | null;
  member_visibility: Record<string, string> | null;
}

/** The year shown to others: the member's own, else the admins' import. */
export function effectiveYear(own: number | null, imported: number | null): { value: number; source: "member" | "import" } | null {
  if (own !== null) return { value: own, source: "member" };
  if (imported !== null) return { value: imported, source: "import" };
  return null;
}

/** The departments shown to others: the member's own list, else the import's department. */
export function effectiveDepartments(
  s: Pick<ProfileSource, "departments" | "hr_department" | "hr_join_year" | "hr_leave_year">,
): Department[] {
  if (s.departments && s.departments.length > 0) return s.departments.map((d) => ({ ...d, source: "member" as const }));
  if (!s.hr_department) return [];
  return [{ department: s.hr_department, position: "", fromYear: s.hr_join_year, toYear: s.hr_leave_year, source: "import" }];
}

/** Rebuilds the index rows of the members in the target; returns how many were rebuilt. */
export async function rebuildMemberProfiles(tx: Tx, target: IndexTarget): Promise<number> {
  let rebuilt = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    let q = sourceQuery(tx).where("m.id", ">", after).orderBy("m.id").limit(chunkSize);
    if ("accountId" in target) q = q.where("m.account_id", "=", target.accountId);
    else {
      q = q.where("m.network_id", "=", target.networkId);
      if (target.memberIds) {
        if (target.memberIds.length === 0) return rebuilt;
        q = q.where("m.id", "in", target.memberIds);
      }
    }
    const rows = (await q.execute()) as ProfileSource[];
    if (rows.length === 0) return rebuilt;
    await writeIndex(tx, rows.map(indexRow));
    rebuilt += rows.length;
    if (rows.length < chunkSize) return rebuilt;
    after = rows[rows.length - 1]!.member_id;
  }
}

/** The membership, account, profile and profile at the company of members (left joins: any may be missing). */
export const sourceQuery = (tx: Tx) =>
  tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .leftJoin("profiles as p", "p.account_id", "m.account_id")
    .leftJoin("member_profiles as mp", (j) => j.onRef("mp.network_id", "=", "m.network_id").onRef("mp.member_id", "=", "m.id"))
    .select([
      "m.network_id",
      "m.id as member_id",
      "m.account_id",
      "m.role",
      "a.display_name",
      "m.hr_join_year",
      "m.hr_leave_year",
      "m.hr_department",
      "p.name_reading",
      "p.headline",
      "p.company",
      "p.position",
      "p.industry",
      "p.location",
      "p.career",
      "p.skills",
      "p.interests",
      "p.visibility as profile_visibility",
      "mp.join_year",
      "mp.leave_year",
      "mp.departments",
      "mp.employment_type",
      "mp.open_to",
      "mp.visibility as member_visibility",
    ]);

interface IndexRow {
  network_id: string;
  member_id: string;
  account_id: string;
  sort_reading: string;
  leave_year_1: number | null;
  leave_year_2: number | null;
  leave_year_3: number | null;
  facets: string[];
  search_name: string;
  name_tokens: string[];
  t1: string;
  v1: string[];
  t2: string;
  v2: string[];
  t3: string;
  v3: string[];
  member_facets: { facet: string; ord: number; level: number; label: string; from_year: number | null; to_year: number | null }[];
}

/** Labels of a location and an industry in both languages: a search in either finds them. */
export const bothLabels = (label: (locale: "ja" | "en") => string) => [label("ja"), label("en")];
export const industryLabels = (code: string | null) =>
  code && code in industries ? bothLabels((l) => industries[code as Industry][l]) : [];
export const locationLabels = (code: string | null) => (code ? bothLabels((l) => locationLabel(code, l)) : []);

export function indexRow(s: ProfileSource): IndexRow {
  const pv = s.profile_visibility ?? {};
  const mv = s.member_visibility ?? {};
  const level = (field: string, of: Record<string, string>) => levelOf(of, field);
  const join = effectiveYear(s.join_year, s.hr_join_year);
  const leave = effectiveYear(s.leave_year, s.hr_leave_year);
  const departments = effectiveDepartments(s);
  const reading = s.name_reading ?? "";

  // Filterable values with the level that sees them.
  const facets: string[] = [];
  const facet = (key: string, value: string | number, at: number) => {
    if (at <= 3) facets.push(`${key}:${value}@${at}`);
  };
  if (s.industry) facet("industry", s.industry, level("industry", pv));
  if (s.location) facet("loc", s.location, level("location", pv));
  for (const d of departments) facet("dept", normaliseForSearch(d.department), level("departments", mv));
  for (const flag of s.open_to ?? []) facet("open", flag, level("openTo", mv));
  if (join) facet("join", join.value, level("years", mv));
  if (leave) facet("leave", leave.value, level("years", mv));
  if (s.employment_type) facet("emp", s.employment_type, level("employmentType", mv));

  // What "people you may know" looks others up by.
  const memberFacets: IndexRow["member_facets"] = [];
  const lookup = (facetKey: string, label: string, at: number, from: number | null = null, to: number | null = null) => {
    if (at <= 3) memberFacets.push({ facet: facetKey, ord: memberFacets.length, level: at, label, from_year: from, to_year: to });
  };
  for (const d of departments)
    lookup(`dept:${normaliseForSearch(d.department)}`, d.department, level("departments", mv), d.fromYear, d.toYear);
  if (join) lookup(`join:${join.value}`, String(join.value), level("years", mv));
  for (const skill of s.skills ?? []) lookup(`skill:${normaliseForSearch(skill)}`, skill, level("skills", pv));
  for (const interest of s.interests ?? []) lookup(`interest:${normaliseForSearch(interest)}`, interest, level("interests", pv));

  // Searchable text by level, cumulative. Fields are joined by "\n" so no token spans two.
  const parts: { at: number; text: string }[] = [
    { at: 1, text: s.display_name },
    { at: 1, text: reading },
    { at: level("headline", pv), text: s.headline ?? "" },
    { at: level("company", pv), text: s.company ?? "" },
    { at: level("position", pv), text: s.position ?? "" },
    ...industryLabels(s.industry).map((text) => ({ at: level("industry", pv), text })),
    ...(s.career ?? []).map((c) => ({ at: level("career", pv), text: `${c.company} ${c.role}` })),
    ...(s.skills ?? []).map((text) => ({ at: level("skills", pv), text })),
    ...(s.interests ?? []).map((text) => ({ at: level("interests", pv), text })),
    ...departments.map((d) => ({ at: level("departments", mv), text: `${d.department} ${d.position}` })),
    ...(s.open_to ?? [])
      .filter((f): f is OpenToFlag => f in openToFlags)
      .flatMap((f) => bothLabels((l) => openToFlags[f][l]).map((text) => ({ at: level("openTo", mv), text }))),
  ];
  // A location is matched by the start of its name (京都 finds 京都府, not 東京都): its tokens go
  // into the vector, for the index, but not into the text, so the substring recheck cannot match
  // inside it; the directory rechecks a term against the location facets instead.
  const locationLevel = level("location", pv);
  const docs = levels.map((at) => {
    const doc = searchDocument(
      parts
        .filter((p) => p.at <= at && p.text.trim() !== "")
        .map((p) => p.text)
        .join("\n"),
    );
    const tokens = locationLevel <= at ? [...new Set([...doc.tokens, ...searchTokens(locationLabels(s.location).join("\n"))])] : doc.tokens;
    return { text: doc.text, tokens };
  });
  const leaveAt = level("years", mv);
  return {
    network_id: s.network_id,
    member_id: s.member_id,
    account_id: s.account_id,
    sort_reading: normaliseForSearch(reading || s.display_name),
    leave_year_1: leave && leaveAt <= 1 ? leave.value : null,
    leave_year_2: leave && leaveAt <= 2 ? leave.value : null,
    leave_year_3: leave && leaveAt <= 3 ? leave.value : null,
    facets,
    search_name: normaliseForSearch(`${s.display_name}\n${reading}`),
    name_tokens: searchTokens(`${s.display_name}\n${reading}`),
    t1: docs[0]!.text,
    v1: docs[0]!.tokens,
    t2: docs[1]!.text,
    v2: docs[1]!.tokens,
    t3: docs[2]!.text,
    v3: docs[2]!.tokens,
    member_facets: memberFacets,
  };
}

async function writeIndex(tx: Tx, rows: IndexRow[]): Promise<void> {
  const profiles = JSON.stringify(rows.map(({ member_facets: _, ...r }) => r));
  await sql`
    insert into member_profiles (network_id, member_id, account_id, sort_reading, leave_year_1, leave_year_2, leave_year_3,
      facets, search_name, name_vector, search_text_1, search_vector_1, search_text_2, search_vector_2, search_text_3, search_vector_3)
    select r.network_id, r.member_id, r.account_id, r.sort_reading, r.leave_year_1, r.leave_year_2, r.leave_year_3,
      r.facets, r.search_name, array_to_tsvector(r.name_tokens), r.t1, array_to_tsvector(r.v1), r.t2, array_to_tsvector(r.v2), r.t3, array_to_tsvector(r.v3)
    from jsonb_to_recordset(${profiles}::jsonb) as r(network_id uuid, member_id uuid, account_id uuid, sort_reading text,
      leave_year_1 int, leave_year_2 int, leave_year_3 int, facets text[], search_name text, name_tokens text[], t1 text, v1 text[], t2 text,
      v2 text[], t3 text, v3 text[])
    on conflict (network_id, member_id) do update set
      sort_reading = excluded.sort_reading, leave_year_1 = excluded.leave_year_1, leave_year_2 = excluded.leave_year_2,
      leave_year_3 = excluded.leave_year_3, facets = excluded.facets, search_name = excluded.search_name, name_vector = excluded.name_vector,
      search_text_1 = excluded.search_text_1, search_vector_1 = excluded.search_vector_1,
      search_text_2 = excluded.search_text_2, search_vector_2 = excluded.search_vector_2,
      search_text_3 = excluded.search_text_3, search_vector_3 = excluded.search_vector_3`.execute(tx);
  const keys = JSON.stringify(rows.map((r) => ({ network_id: r.network_id, member_id: r.member_id })));
  const facets = JSON.stringify(
    rows.flatMap((r) => r.member_facets.map((f) => ({ network_id: r.network_id, member_id: r.member_id, ...f }))),
  );
  await sql`
    delete from member_facets f using jsonb_to_recordset(${keys}::jsonb) as k(network_id uuid, member_id uuid)
    where f.network_id = k.network_id and f.member_id = k.member_id`.execute(tx);
  if (facets === "[]") return;
  await sql`
    insert into member_facets (network_id, member_id, facet, ord, level, label, from_year, to_year)
    select r.network_id, r.member_id, r.facet, r.ord, r.level, r.label, r.from_year, r.to_year
    from jsonb_to_recordset(${facets}::jsonb) as r(network_id uuid, member_id uuid, facet text, ord smallint, level smallint,
      label text, from_year int, to_year int)`.execute(tx);
}

/**
 * Indexes every membership that has no index row yet (members from before migration 0014, or
 * added by hand). Idempotent; runs at start-up, in chunks, each its own transaction.
 */
export async function backfillMemberProfiles(database: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await inSystem(database, async (tx) => {
      const missing = await tx
        .selectFrom("memberships as m")
        .leftJoin("member_profiles as mp", (j) => j.onRef("mp.network_id", "=", "m.network_id").onRef("mp.member_id", "=", "m.id"))
        .select(["m.network_id", "m.id"])
        .where("mp.member_id", "is", null)
        .limit(chunkSize)
        .execute();
      const byNetwork = Map.groupBy(missing, (r) => r.network_id);
      for (const [networkId, rows] of byNetwork) await rebuildMemberProfiles(tx, { networkId, memberIds: rows.map((r) => r.id) });
      return missing.length;
    });
    total += done;
    if (done < chunkSize) return total;
  }
}
