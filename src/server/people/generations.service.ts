// The generations of my departments (縦・横のつながり): for each department I was in, the members
// the viewer may see there — my generation (joined within two years of me, 横) and the others by
// join year (縦), unknown years last. My departments are my own rows of member_facets; a member's
// join year is theirs when the viewer may see it. Bounded: per department a pool of members is
// read through the facet index and the ones nearest my join year are kept.
import { sql } from "kysely";
import type { PersonCard } from "../../shared/contract/people.ts";
import { hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { personCards } from "./people.presenter.ts";
import { viewerLevel } from "./visibility.ts";

export const generationLimits = {
  /** Members read per department before keeping those nearest my join year. */
  pool: 300,
  /** Members shown per department. */
  perDepartment: 100,
  /** My generation: joined at most this many years before or after me. */
  sameGenerationYears: 2,
} as const;

interface Row {
  /** null: I list no department (the one row then only carries my join year). */
  facet: string | null;
  department: string | null;
  my_join_year: number | null;
  member_id: string | null;
  join_year: number | null;
}

export async function listGenerations(actor: MemberActor) {
  const rows = await readGenerations(actor);
  const myJoinYear = rows[0]?.my_join_year ?? null;
  const cards = await personCards(actor, [...new Set(rows.flatMap((r) => (r.member_id ? [r.member_id] : [])))]);

  const departments: { department: string; sameGeneration: PersonCard[]; otherGenerations: PersonCard[] }[] = [];
  const byFacet = new Map<string, (typeof departments)[number]>();
  for (const row of rows) {
    if (row.facet === null || row.department === null) continue;
    let entry = byFacet.get(row.facet);
    if (!entry) {
      entry = { department: row.department, sameGeneration: [], otherGenerations: [] };
      byFacet.set(row.facet, entry);
      departments.push(entry);
    }
    const card = row.member_id ? cards.get(row.member_id) : undefined;
    if (!card) continue;
    const same =
      myJoinYear !== null && row.join_year !== null && Math.abs(row.join_year - myJoinYear) <= generationLimits.sameGenerationYears;
    (same ? entry.sameGeneration : entry.otherGenerations).push(card);
  }
  return { myJoinYear, departments };
}

/**
 * My departments (in the order I listed them), each with its members by join year then reading —
 * one statement, whose rows always start from mine (so my join year comes back without a department).
 */
async function readGenerations(actor: MemberActor): Promise<Row[]> {
  const n = actor.networkId;
  const me = actor.membershipId;
  const level = viewerLevel(actor.role);
  const lit = (value: number) => sql.lit(value);
  const { rows } = await sql<Row>`
    with me as (
      select coalesce(mp.join_year, m.hr_join_year) as join_year
      from memberships m
      left join member_profiles mp on mp.network_id = m.network_id and mp.member_id = m.id
      where m.network_id = ${n} and m.id = ${me}
    ),
    my_departments as (
      select distinct on (facet) facet, label, ord
      from member_facets
      where network_id = ${n} and member_id = ${me} and facet like 'dept:%'
      order by facet, ord
    ),
    people as (
      select distinct d.facet, o.member_id
      from my_departments d
      cross join lateral (
        select o.member_id from member_facets o
        where o.network_id = ${n} and o.facet = d.facet and o.member_id <> ${me} and o.level <= ${level}
        limit ${lit(generationLimits.pool)}
      ) o
    ),
    placed as (
      select p.facet, p.member_id, y.year,
        coalesce(mp.sort_reading, (select lower(a.display_name) from accounts a where a.id = m.account_id)) as reading,
        row_number() over (
          partition by p.facet
          order by abs(y.year - (select join_year from me)) nulls last, y.year nulls last, p.member_id
        ) as nearest
      from people p
      join memberships m on m.network_id = ${n} and m.id = p.member_id and m.status = 'active'
      left join member_profiles mp on mp.network_id = m.network_id and mp.member_id = m.id
      -- Their join year if the viewer may see it: the 'join:2012@2' entry of the row just read,
      -- rather than one more index lookup per member.
      left join lateral (
        select split_part(split_part(f, '@', 1), ':', 2)::int as year
        from unnest(mp.facets) f
        where f like 'join:%' and split_part(f, '@', 2)::int <= ${level}
        limit 1
      ) y on true
      where p.member_id not in ${hiddenMembersQuery(actor.tx, n, me)}
    )
    select d.facet, d.label as department, me.join_year as my_join_year, p.member_id, p.year as join_year
    from me
    left join my_departments d on true
    left join placed p on p.facet = d.facet and p.nearest <= ${lit(generationLimits.perDepartment)}
    order by d.ord, p.year nulls last, p.reading collate "C", p.member_id`.execute(actor.tx);
  return rows;
}
