// People you may know (知り合いかも): members who shared a department with me in overlapping
// years, joined the same year, share skills or interests, share private rooms with me, or talk
// with people I talk with — each suggestion with its reasons (decision 0016).
//
// One statement ranks them, one more reads the cards. Candidates come from my own rows of
// member_facets (all of them: it is my data) looked up against the rows of others the viewer may
// see (`level` <= the viewer's level), through the b-tree (network_id, facet, member_id) that row-
// level security lets the planner use. Every lookup is bounded — a facet, a room or a contact
// brings at most a few hundred people — so a department or a join year shared by 30,000 members
// costs what one shared by 300 does. Left out: me, members blocked either way, people I already
// share a direct or group conversation with (as in messages' "contacts"), members not active.
import { sql } from "kysely";
import type { SuggestionReason } from "../../shared/contract/people.ts";
import { roomAudiences } from "../../shared/contract/rooms.ts";
import { hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { canSeeRoom } from "../rooms/rooms.policy.ts";
import { personCards } from "./people.presenter.ts";
import { viewerLevel } from "./visibility.ts";

export const suggestionLimits = {
  /** Suggestions shown. */
  count: 20,
  /**
   * People looked at per department, join year, skill or interest of mine (tags weigh least, so
   * fewer), per private room of mine, per contact of mine.
   */
  perDepartment: 300,
  perJoinYear: 200,
  perTag: 100,
  perRoom: 300,
  perContact: 30,
  /** Contacts whose own conversations are looked into. */
  contacts: 50,
  /**
   * Candidates, best scores first, whose membership and reading are read to rank them (more when
   * several share the last score; all of them when fewer than `count` of these are still members).
   */
  pool: 60,
  /** Rooms named in a reason. */
  roomsShown: 3,
} as const;

/**
 * The weights of the reasons: a department shared in overlapping years says most (and more, the
 * longer the overlap), then the join year; shared tags, rooms and contacts add a little each.
 */
export const suggestionScores = {
  department: 5,
  perOverlapYear: 1,
  overlapYearsMax: 5,
  joinYear: 3,
  perTag: 1,
  tagsMax: 3,
  rooms: 2,
  contacts: 2,
  perContact: 1,
  contactsMax: 3,
} as const;

interface RankedRow {
  member_id: string;
  reasons: SuggestionReason[];
}

export async function listSuggestions(actor: MemberActor) {
  const ranked = await rankSuggestions(actor);
  const cards = await personCards(
    actor,
    ranked.map((r) => r.member_id),
  );
  return {
    items: ranked.flatMap((r) => {
      const person = cards.get(r.member_id);
      return person ? [{ person, reasons: r.reasons }] : [];
    }),
  };
}

/** The private-room audiences the viewer sees a room of when listed in it (rooms.policy.ts). */
const privateAudiences = (actor: MemberActor) =>
  roomAudiences.filter((audience) => canSeeRoom({ role: actor.role, inRoom: true }, { kind: "private", audience, archived: false }));

/**
 * The top suggestions with their reasons, in one statement. Every candidate gets a score from
 * plain counts (no per-candidate sorting or JSON); only the top ones are joined to their
 * membership and reading, and only theirs get reasons built.
 */
async function rankSuggestions(actor: MemberActor): Promise<RankedRow[]> {
  const n = actor.networkId;
  const me = actor.membershipId;
  const level = viewerLevel(actor.role);
  const l = suggestionLimits;
  const s = suggestionScores;
  // Constants inline, so the statement's text is the same for everyone (prepared once, decision
  // 0015) and a union's columns take their types from them.
  const lit = (value: number) => sql.lit(value);
  const { rows } = await sql<RankedRow>`
    with facet_hits as (
      -- Only what the index may hold (member, level, years): labels are read for the top ones only.
      select o.member_id, split_part(m.facet, ':', 1) as kind, m.facet,
        -- The overlap is stated only when all four years are known.
        case when num_nonnulls(m.from_year, m.to_year, o.from_year, o.to_year) = 4
          then greatest(m.from_year, o.from_year) end as from_year,
        case when num_nonnulls(m.from_year, m.to_year, o.from_year, o.to_year) = 4
          then least(m.to_year, o.to_year) end as to_year
      from member_facets m
      cross join lateral (
        select o.member_id, o.from_year, o.to_year
        from member_facets o
        where o.network_id = ${n} and o.facet = m.facet and o.member_id <> ${me} and o.level <= ${level}
          -- A department counts when the years overlap; an unknown year never rules it out.
          and (left(m.facet, 5) <> 'dept:' or (
            coalesce(m.from_year, 0) <= coalesce(o.to_year, 9999) and coalesce(o.from_year, 0) <= coalesce(m.to_year, 9999)))
        limit case left(m.facet, 5) when 'dept:' then ${lit(l.perDepartment)} when 'join:' then ${lit(l.perJoinYear)}
          else ${lit(l.perTag)} end
      ) o
      where m.network_id = ${n} and m.member_id = ${me}
    ),
    hits as (
      -- One row per candidate and facet: a department held twice speaks through its longest overlap.
      select distinct on (member_id, facet) member_id, kind, facet, from_year, to_year
      from facet_hits
      order by member_id, facet, to_year - from_year desc nulls last
    ),
    room_pairs as (
      select o.member_id, r.name
      from room_members rm
      join rooms r on r.network_id = rm.network_id and r.id = rm.room_id
      cross join lateral (
        select o.member_id from room_members o
        where o.network_id = ${n} and o.room_id = r.id and o.member_id <> ${me}
        limit ${lit(l.perRoom)}
      ) o
      where rm.network_id = ${n} and rm.member_id = ${me} and r.kind = 'private' and r.archived_at is null
        and r.audience = any(${sql.val(privateAudiences(actor))}::text[])
    ),
    contacts as (
      -- Everyone I share a direct or group conversation with (a group I left no longer counts). An
      -- office conversation has one member row, the member's own (the admins answer through their
      -- role), so it adds nobody here and the conversation's kind need not be read.
      select distinct y.member_id
      from conversation_members x
      join conversation_members y on y.network_id = x.network_id and y.conversation_id = x.conversation_id
      where x.network_id = ${n} and x.member_id = ${me} and x.left_at is null and y.member_id <> ${me}
    ),
    contact_pairs as (
      -- Who my contacts talk with, once per contact.
      select distinct k.member_id as via, w.member_id
      from (select member_id from contacts limit ${lit(l.contacts)}) k
      cross join lateral (
        select w.member_id
        from conversation_members z
        join conversation_members w on w.network_id = z.network_id and w.conversation_id = z.conversation_id
        where z.network_id = ${n} and z.member_id = k.member_id and z.left_at is null
          and w.member_id <> k.member_id and w.member_id <> ${me}
        limit ${lit(l.perContact)}
      ) w
    ),
    scores as (
      select member_id,
        sum(case when kind <> 'dept' then 0
          -- least() skips nulls: unknown years add nothing, not the cap.
          when from_year is null then ${lit(s.department)}
          else ${lit(s.department)} + least(to_year - from_year + 1, ${lit(s.overlapYearsMax)}) * ${lit(s.perOverlapYear)} end)
        + ${lit(s.joinYear)} * count(*) filter (where kind = 'join')
        + ${lit(s.perTag)} * least(count(*) filter (where kind = 'skill'), ${lit(s.tagsMax)})
        + ${lit(s.perTag)} * least(count(*) filter (where kind = 'interest'), ${lit(s.tagsMax)}) as score
      from hits group by member_id
      union all
      select distinct member_id, ${lit(s.rooms)} from room_pairs
      union all
      select member_id, ${lit(s.contacts)} + least(count(*), ${lit(s.contactsMax)}) * ${lit(s.perContact)}
      from contact_pairs group by member_id
    ),
    ranked as (
      select member_id, sum(score)::int as score
      from scores
      where member_id not in (select member_id from contacts)
        and member_id not in ${hiddenMembersQuery(actor.tx, n, me)}
      group by member_id
    ),
    cut as (
      -- The score of the pool's last candidate: the top ones are among those scoring at least this,
      -- unless most of them have left the network (then the others are looked at too, below).
      select score from ranked order by score desc offset ${lit(l.pool - 1)} limit 1
    ),
    placed as (
      select r.member_id, r.score,
        coalesce(mp.sort_reading, (select lower(a.display_name) from accounts a where a.id = m.account_id)) collate "C" as reading
      from ranked r
      join memberships m on m.network_id = ${n} and m.id = r.member_id and m.status = 'active'
      left join member_profiles mp on mp.network_id = m.network_id and mp.member_id = m.id
      where r.score >= coalesce((select score from cut), 0)
    ),
    top as (
      select * from placed
      union all
      select r.member_id, r.score,
        coalesce(mp.sort_reading, (select lower(a.display_name) from accounts a where a.id = m.account_id)) collate "C"
      from ranked r
      join memberships m on m.network_id = ${n} and m.id = r.member_id and m.status = 'active'
      left join member_profiles mp on mp.network_id = m.network_id and mp.member_id = m.id
      where r.score < (select score from cut) and (select count(*) from placed) < ${lit(l.count)}
      order by score desc, reading, member_id
      limit ${lit(l.count)}
    ),
    top_hits as (
      -- The top ones' shared facets with their own label (the first they wrote, if twice).
      select h.member_id, h.kind, h.facet, h.from_year, h.to_year, f.label, f.ord
      from top t
      join hits h on h.member_id = t.member_id
      cross join lateral (
        select f.label, f.ord from member_facets f
        where f.network_id = ${n} and f.member_id = h.member_id and f.facet = h.facet
        order by f.ord limit 1
      ) f
    ),
    reasons as (
      select member_id, 1 as pos, from_year as sub, label as sub_label,
        jsonb_build_object('kind', 'department', 'department', label, 'fromYear', from_year, 'toYear', to_year) as reason
      from top_hits where kind = 'dept'
      union all
      select member_id, 2, null::int, null::text, jsonb_build_object('kind', 'joinYear', 'year', split_part(facet, ':', 2)::int)
      from top_hits where kind = 'join'
      union all
      select member_id, case kind when 'skill' then 3 else 4 end, null::int, null::text,
        jsonb_build_object('kind', case kind when 'skill' then 'skills' else 'interests' end, 'values', jsonb_agg(label order by ord))
      from top_hits where kind in ('skill', 'interest')
      group by member_id, kind
      union all
      select p.member_id, 5, null::int, null::text,
        jsonb_build_object('kind', 'rooms', 'rooms', to_jsonb((array_agg(p.name order by p.name))[1:${lit(l.roomsShown)}]))
      from top t join room_pairs p on p.member_id = t.member_id
      group by p.member_id
      union all
      select p.member_id, 6, null::int, null::text, jsonb_build_object('kind', 'contacts', 'count', count(*))
      from top t join contact_pairs p on p.member_id = t.member_id
      group by p.member_id
    )
    select t.member_id, jsonb_agg(r.reason order by r.pos, r.sub nulls last, r.sub_label collate "C") as reasons
    from top t join reasons r on r.member_id = t.member_id
    group by t.member_id, t.score, t.reading
    order by t.score desc, t.reading, t.member_id`.execute(actor.tx);
  return rows;
}
