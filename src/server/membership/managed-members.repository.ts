// The admins' member table in SQL: each membership with its account, the person's profile and their
// profile at this company (both may be missing: left joins), filtered like the directory but at the
// admins' level, newest first. Shared by the paged list and the CSV export.
import { sql, type SqlBool } from "kysely";
import type { ManagedMemberFilters } from "../../shared/contract/membership.ts";
import { validationFailed } from "../platform/errors/errors.ts";
import { normaliseForSearch } from "../platform/search/index.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { facetValues } from "../people/directory.service.ts";
import type { ViewerLevel } from "../people/visibility.ts";

/** The admins' level: every field except those a member keeps to themself. */
export const adminLevel: ViewerLevel = 3;

export function managedMembersQuery(tx: Tx, networkId: string) {
  return tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .leftJoin("profiles as p", "p.account_id", "m.account_id")
    .leftJoin("member_profiles as mp", (join) => join.onRef("mp.network_id", "=", "m.network_id").onRef("mp.member_id", "=", "m.id"))
    .selectAll("m")
    .select([
      "a.display_name",
      "a.email",
      "p.name_reading",
      "p.company",
      "p.position",
      "p.industry",
      "p.location",
      "p.visibility as profile_visibility",
      "mp.join_year",
      "mp.leave_year",
      "mp.departments",
      "mp.employment_type",
      "mp.open_to",
      "mp.visibility as member_visibility",
    ])
    .select(sql<string>`m.created_at::text`.as("sort_key"))
    .where("m.network_id", "=", networkId)
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc");
}

type ManagedQuery = ReturnType<typeof managedMembersQuery>;
export type ManagedMemberRow = Awaited<ReturnType<ManagedQuery["executeTakeFirstOrThrow"]>>;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const hasAnyFacet = (keys: string[]) => sql<SqlBool>`mp.facets && ${keys}::text[]`;

/** The years from..to (an open end: 1900, 2100). */
function yearsBetween(from: number | undefined, to: number | undefined): number[] {
  const years: number[] = [];
  for (let y = from ?? 1900; y <= (to ?? 2100); y++) years.push(y);
  return years;
}

/**
 * Filters read the facets of the index rows (people/profile-index.ts), as the directory does but
 * at the admins' level: a member with no index row yet matches no filter on a profile field.
 */
export function applyManagedFilters(query: ManagedQuery, filters: ManagedMemberFilters): ManagedQuery {
  const level = adminLevel;
  if (filters.joinFrom !== undefined && filters.joinTo !== undefined && filters.joinFrom > filters.joinTo)
    throw validationFailed({ joinTo: "years_order" });
  if (filters.leaveFrom !== undefined && filters.leaveTo !== undefined && filters.leaveFrom > filters.leaveTo)
    throw validationFailed({ leaveTo: "years_order" });
  let q = query;
  const text = filters.q.trim();
  if (text) {
    const like = `%${escapeLike(text)}%`;
    // search_name is the name and reading normalised (kana and width folded): ｶﾀｶﾅ finds ひらがな.
    const folded = `%${escapeLike(normaliseForSearch(text))}%`;
    q = q.where((eb) =>
      eb.or([
        eb("a.display_name", "ilike", like),
        eb("a.email", "ilike", like),
        eb("m.hr_name", "ilike", like),
        eb("p.name_reading", "ilike", like),
        eb("mp.search_name", "like", folded),
      ]),
    );
  }
  if (filters.role) q = q.where("m.role", "=", filters.role);
  if (filters.status) q = q.where("m.status", "=", filters.status);
  if (filters.supporter !== undefined) q = q.where("m.supporter_since", filters.supporter ? "is not" : "is", null);
  if (filters.joinFrom !== undefined || filters.joinTo !== undefined)
    q = q.where(hasAnyFacet(facetValues("join", yearsBetween(filters.joinFrom, filters.joinTo), level)));
  if (filters.leaveFrom !== undefined || filters.leaveTo !== undefined)
    q = q.where(hasAnyFacet(facetValues("leave", yearsBetween(filters.leaveFrom, filters.leaveTo), level)));
  // A part of a department's name, as in the directory: 営業 finds 営業本部 and 東日本営業部.
  const department = filters.department ? normaliseForSearch(filters.department) : "";
  if (department)
    q = q.where(
      sql<SqlBool>`exists (select 1 from unnest(mp.facets) f
        where f like 'dept:%' and strpos(split_part(substr(f, 6), '@', 1), ${department}) > 0
          and split_part(f, '@', 2)::int <= ${Math.min(level, 3)})`,
    );
  if (filters.industry) q = q.where(hasAnyFacet(facetValues("industry", [filters.industry], level)));
  if (filters.location) q = q.where(hasAnyFacet(facetValues("loc", [filters.location], level)));
  // Every flag asked for: "open to comeback and mentoring" finds those open to both.
  for (const flag of filters.openTo ?? []) q = q.where(hasAnyFacet(facetValues("open", [flag], level)));
  return q;
}

/** Rows after the cursor's (created_at, id), in the table's order. */
export function after(query: ManagedQuery, cursor: { key: string; id: string } | null): ManagedQuery {
  return cursor ? query.where(sql<SqlBool>`(m.created_at, m.id) < (${cursor.key}::timestamptz, ${cursor.id}::uuid)`) : query;
}
