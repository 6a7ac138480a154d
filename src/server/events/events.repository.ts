// Reads of events, as the actor's scope lets them: the host's scope sees its events, an accepted
// co-host's scope reads them too (row-level security, migrations/0015_events.sql).
import { sql } from "kysely";
import type { MemberRole } from "../../shared/limits.ts";
import type { Tx } from "../platform/tenancy/scope.ts";

/** The audience value a role belongs to besides "everyone" (admins: none — they see their own network's events anyway). */
export const roleAudience = (role: MemberRole) => (role === "alumni" ? "alumni" : role === "employee" ? "employees" : "none");

/**
 * Events with what a card shows: host network, seats, series, the caller's registration and
 * whether they organise or are invited. `viewer` is the actor: network, member, account.
 */
export function eventsQuery(tx: Tx, viewer: { networkId: string; memberId: string; accountId: string }) {
  return tx
    .selectFrom("network_events as e")
    .innerJoin("networks as n", "n.id", "e.network_id")
    .leftJoin("event_seats as s", (j) => j.onRef("s.network_id", "=", "e.network_id").onRef("s.event_id", "=", "e.id"))
    .leftJoin("event_series as sr", (j) => j.onRef("sr.network_id", "=", "e.network_id").onRef("sr.id", "=", "e.series_id"))
    .leftJoin("event_registrations as r", (j) =>
      j.onRef("r.network_id", "=", "e.network_id").onRef("r.event_id", "=", "e.id").on("r.account_id", "=", viewer.accountId),
    )
    .selectAll("e")
    .select([
      "n.name as host_name",
      "n.slug as host_slug",
      "s.capacity as seats_capacity",
      sql<number>`coalesce(s.confirmed, 0)`.as("confirmed"),
      sql<number>`coalesce(s.waitlisted, 0)`.as("waitlisted"),
      "sr.title as series_title",
      "r.status as my_status",
      sql<boolean>`e.network_id = ${viewer.networkId}::uuid`.as("is_host"),
      sql<boolean>`e.network_id = ${viewer.networkId}::uuid and exists (select 1 from event_organizers o
        where o.network_id = e.network_id and o.event_id = e.id and o.member_id = ${viewer.memberId}::uuid)`.as("is_organizer"),
      sql<boolean>`e.network_id = ${viewer.networkId}::uuid and exists (select 1 from event_invitees i
        where i.network_id = e.network_id and i.event_id = e.id and i.member_id = ${viewer.memberId}::uuid)`.as("is_invited"),
      sql<string>`e.starts_at::text`.as("sort_key"),
    ]);
}

export type EventListRow = Awaited<ReturnType<ReturnType<typeof eventsQuery>["executeTakeFirstOrThrow"]>>;

/**
 * The audience rule of events.policy.ts in SQL, for lists: organisers and the host's admins see
 * every event of the host; others the events of their audience (invited: host members listed).
 */
export function visibleToViewer(viewer: { networkId: string; memberId: string; role: MemberRole }) {
  const audience = roleAudience(viewer.role);
  const admin = viewer.role === "admin";
  return sql<boolean>`(
    e.audience = 'everyone' or e.audience = ${audience}
    or (e.network_id = ${viewer.networkId}::uuid and (${admin}::boolean
      or exists (select 1 from event_organizers o where o.network_id = e.network_id and o.event_id = e.id and o.member_id = ${viewer.memberId}::uuid)
      or (e.audience = 'invited' and exists (select 1 from event_invitees i
        where i.network_id = e.network_id and i.event_id = e.id and i.member_id = ${viewer.memberId}::uuid)))))`;
}

/** Place in the waitlist (1 = next) of a waitlisted position. */
export async function waitlistPlace(tx: Tx, hostId: string, eventId: string, position: number): Promise<number> {
  const row = await tx
    .selectFrom("event_waitlist")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .where("position", "<=", position)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The event page in one statement: the card's columns plus questions, organisers, accepted
 * co-hosts, the room, the caller's registration with their waitlist place, and — for those who
 * manage it — invitees and the check-in count. One prepared statement is one round trip on a
 * read route (decision 0015); the page is the most read thing of an event.
 */
export function eventPageQuery(tx: Tx, viewer: { networkId: string; memberId: string; accountId: string; admin: boolean }) {
  const editor = sql<boolean>`(e.network_id = ${viewer.networkId}::uuid and (${viewer.admin}::boolean or exists (select 1 from event_organizers o
    where o.network_id = e.network_id and o.event_id = e.id and o.member_id = ${viewer.memberId}::uuid)))`;
  return eventsQuery(tx, viewer).select([
    "r.id as r_id",
    "r.position as r_position",
    "r.answers as r_answers",
    "r.ticket_code as r_ticket_code",
    "r.checked_in_at as r_checked_in_at",
    "r.promoted_at as r_promoted_at",
    "r.created_at as r_created_at",
    sql<number | null>`case when r.status = 'waitlisted' then (select count(*)::int from event_waitlist w
      where w.network_id = e.network_id and w.event_id = e.id and w.position <= r.position) end`.as("r_place"),
    sql<{ id: string; kind: "text" | "single" | "multiple"; label: string; options: string[]; required: boolean }[]>`(select
      coalesce(json_agg(json_build_object('id', q.id, 'kind', q.kind, 'label', q.label, 'options', q.options, 'required', q.required)
        order by q.position), '[]') from event_questions q where q.network_id = e.network_id and q.event_id = e.id)`.as("questions"),
    sql<{ member_id: string; display_name: string; avatar_key: string | null }[]>`(select
      coalesce(json_agg(json_build_object('member_id', o.member_id, 'display_name', a.display_name, 'avatar_key', a.avatar_key)
        order by a.display_name), '[]')
      from event_organizers o join accounts a on a.id = o.account_id where o.network_id = e.network_id and o.event_id = e.id)`.as(
      "organizers",
    ),
    sql<{ id: string; name: string; slug: string }[]>`(select
      coalesce(json_agg(json_build_object('id', cn.id, 'name', cn.name, 'slug', cn.slug) order by cn.name), '[]')
      from event_cohosts c join networks cn on cn.id = c.cohost_network_id
      where c.network_id = e.network_id and c.event_id = e.id and c.status = 'accepted')`.as("cohosts"),
    sql<{ id: string; name: string } | null>`(select json_build_object('id', rm.id, 'name', rm.name) from rooms rm
      where rm.network_id = ${viewer.networkId}::uuid and rm.network_id = e.network_id and rm.id = e.room_id)`.as("room"),
    editor.as("is_editor"),
    sql<{ member_id: string; display_name: string; avatar_key: string | null }[]>`case when ${editor} then (select
      coalesce(json_agg(json_build_object('member_id', i.member_id, 'display_name', a.display_name, 'avatar_key', a.avatar_key)
        order by a.display_name), '[]')
      from event_invitees i join memberships m on m.network_id = i.network_id and m.id = i.member_id join accounts a on a.id = m.account_id
      where i.network_id = e.network_id and i.event_id = e.id) else '[]' end`.as("invitees"),
    sql<number | null>`case when ${editor} then (select count(*)::int from event_registrations x
      where x.network_id = e.network_id and x.event_id = e.id and x.status = 'confirmed' and x.checked_in_at is not null) end`.as(
      "checked_in",
    ),
  ]);
}

export type EventPageRow = Awaited<ReturnType<ReturnType<typeof eventPageQuery>["executeTakeFirstOrThrow"]>>;
