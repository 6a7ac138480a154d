// What every part of the events feature needs: the actor as an event viewer, the event as they
// see it (or 404), the card, the questions, and the lock on an event's seats. Decision 0017.
import type { EventCard, EventQuestion } from "../../shared/contract/events.ts";
import type { Deps } from "../platform/deps.ts";
import type { NetworkEventRow } from "../platform/db/schema.ts";
import { forbidden, notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { type Tx } from "../platform/tenancy/scope.ts";
import { canEditEvent, canSeeEvent, type EventViewer } from "./events.policy.ts";
import { eventsQuery, type EventListRow } from "./events.repository.ts";

export const viewerOf = (actor: MemberActor) => ({ networkId: actor.networkId, memberId: actor.membershipId, accountId: actor.account.id });

export const eventViewer = (actor: MemberActor, row: Pick<EventListRow, "is_host" | "is_organizer" | "is_invited">): EventViewer => ({
  role: actor.role,
  host: row.is_host,
  organizer: row.is_organizer,
  invited: row.is_invited,
});

export const factsOf = (row: NetworkEventRow) => ({
  audience: row.audience,
  status: row.status,
  startsAt: new Date(row.starts_at),
  registrationDeadline: row.registration_deadline ? new Date(row.registration_deadline) : null,
});

export const iso = (d: Date | string) => new Date(d).toISOString();

/** The event as the actor sees it; one they cannot see does not exist for them (404). */
export async function findVisibleEvent(actor: MemberActor, eventId: string, lock = false): Promise<EventListRow> {
  let q = eventsQuery(actor.tx, viewerOf(actor)).where("e.id", "=", eventId);
  if (lock) q = q.forUpdate("e");
  const row = await q.executeTakeFirst();
  if (!row || !canSeeEvent(eventViewer(actor, row), row)) throw notFound();
  return row;
}

export async function editableEvent(actor: MemberActor, eventId: string): Promise<EventListRow> {
  const row = await findVisibleEvent(actor, eventId, true);
  if (!canEditEvent(eventViewer(actor, row))) throw forbidden();
  return row;
}

export function presentCard(row: EventListRow, actor: MemberActor): EventCard {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    venueName: row.venue_name,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    timeZone: row.time_zone,
    coverUrl: row.cover_key ? `/files/${row.cover_key}` : null,
    status: row.status,
    capacity: row.capacity,
    confirmed: row.confirmed,
    waitlisted: row.waitlisted,
    host: { id: row.network_id, name: row.host_name, slug: row.host_slug },
    cohosted: row.network_id !== actor.networkId,
    series: row.series_id && row.series_title ? { id: row.series_id, title: row.series_title, theme: row.series_theme } : null,
    myStatus: row.my_status ?? null,
  };
}

// One event
export async function questionsOf(tx: Tx, hostId: string, eventId: string): Promise<EventQuestion[]> {
  const rows = await tx
    .selectFrom("event_questions")
    .select(["id", "kind", "label", "options", "required"])
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .orderBy("position")
    .execute();
  return rows.map((q) => ({ id: q.id, kind: q.kind, label: q.label, options: q.options, required: q.required }));
}

export async function lockSeats(tx: Tx, hostId: string, eventId: string) {
  return tx
    .selectFrom("event_seats")
    .selectAll()
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export const eventUrl = (deps: Deps, slug: string, eventId: string) => `${deps.config.publicUrl}/n/${slug}/events/${eventId}`;

// Creating and changing
export async function organizerFacts(actor: MemberActor) {
  const me = await actor.tx
    .selectFrom("memberships")
    .select(["supporter_since", "organizes_events"])
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .executeTakeFirstOrThrow();
  return { role: actor.role, supporter: me.supporter_since !== null, organizesEvents: me.organizes_events };
}
