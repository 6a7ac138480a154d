// Registration (参加登録) and the waitlist (キャンセル待ち). Every registration change locks the
// event's `event_seats` row, so registrations arrive in one order and no event is over-booked,
// whichever network's scope they come through. A seat freed while people wait is `reserved` and
// handed out by the promotion job, which runs in the system scope because only it sees every
// network's registrations (a co-host's scope sees its own members' rows only). Decision 0017.
import { sql } from "kysely";
import type { EventQuestion, MyRegistration } from "../../shared/contract/events.ts";
import type { Deps } from "../platform/deps.ts";
import type { EventRegistrationRow } from "../platform/db/schema.ts";
import { isUniqueViolation } from "../platform/db/errors.ts";
import { conflict, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { newSecret } from "../platform/auth/tokens.ts";
import { withAfterCommit } from "../platform/realtime/bus.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { registrationClosed } from "./events.policy.ts";
import { waitlistPlace } from "./events.repository.ts";
import { noticePromoted } from "./event-notices.ts";
import { eventViewer, factsOf, findVisibleEvent, iso, lockSeats, questionsOf } from "./events.access.ts";

export const promotionJobKind = "events.promote";

async function myRegistrationRow(tx: Tx, hostId: string, eventId: string, accountId: string) {
  return tx
    .selectFrom("event_registrations")
    .selectAll()
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
}

async function presentMine(tx: Tx, row: EventRegistrationRow): Promise<MyRegistration> {
  return {
    id: row.id,
    status: row.status,
    waitlistPlace: row.status === "waitlisted" ? await waitlistPlace(tx, row.network_id, row.event_id, row.position) : null,
    answers: row.answers,
    ticketCode: row.status === "confirmed" ? row.ticket_code : null,
    checkedInAt: row.checked_in_at ? iso(row.checked_in_at) : null,
    promotedAt: row.promoted_at ? iso(row.promoted_at) : null,
    createdAt: iso(row.created_at),
  };
}

// Registration
/** Answers checked against the event's questions: every error names its question. */
function checkAnswers(questions: EventQuestion[], answers: Record<string, string | string[]>): Record<string, string | string[]> {
  const fields: Record<string, string> = {};
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) if (!byId.has(key)) fields[`answers.${key}`] = "event_unknown_question";
  const clean: Record<string, string | string[]> = {};
  for (const q of questions) {
    const value = answers[q.id];
    const empty = value === undefined || (typeof value === "string" ? value.trim() === "" : value.length === 0);
    if (empty) {
      if (q.required) fields[`answers.${q.id}`] = "event_answer_required";
      continue;
    }
    if (q.kind === "text") {
      if (typeof value !== "string") fields[`answers.${q.id}`] = "event_answer_kind";
      else clean[q.id] = value.trim();
    } else if (q.kind === "single") {
      if (typeof value !== "string" || !q.options.includes(value)) fields[`answers.${q.id}`] = "event_unknown_option";
      else clean[q.id] = value;
    } else {
      const list = typeof value === "string" ? [value] : value;
      if (list.some((v) => !q.options.includes(v))) fields[`answers.${q.id}`] = "event_unknown_option";
      else clean[q.id] = [...new Set(list)];
    }
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
  return clean;
}

/**
 * Registers the actor: confirmed while seats are free (reserved seats belong to the waitlist),
 * else waitlisted in order of arrival. Registering again while registered changes the answers
 * and keeps the place (idempotent); after a cancellation it is a new arrival.
 */
export async function register(
  deps: Deps,
  actor: MemberActor,
  eventId: string,
  answers: Record<string, string | string[]>,
): Promise<MyRegistration> {
  const event = await findVisibleEvent(actor, eventId);
  const closed = registrationClosed(eventViewer(actor, event), factsOf(event), new Date());
  const existing = await myRegistrationRow(actor.tx, event.network_id, eventId, actor.account.id);
  const clean = checkAnswers(await questionsOf(actor.tx, event.network_id, eventId), answers);
  if (existing && existing.status !== "cancelled") {
    if (closed === "cancelled" || closed === "started") throw conflict({ registration: `event_closed_${closed}` });
    const row = await actor.tx
      .updateTable("event_registrations")
      .set({ answers: JSON.stringify(clean), updated_at: sql<Date>`now()` })
      .where("network_id", "=", event.network_id)
      .where("id", "=", existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentMine(actor.tx, row);
  }
  if (closed) throw conflict({ registration: `event_closed_${closed}` });

  const seats = await lockSeats(actor.tx, event.network_id, eventId);
  const confirmed = seats.capacity === null || seats.confirmed + seats.reserved < seats.capacity;
  const position = seats.next_position;
  await actor.tx
    .updateTable("event_seats")
    .set({
      next_position: position + 1,
      ...(confirmed ? { confirmed: seats.confirmed + 1 } : { waitlisted: seats.waitlisted + 1 }),
    })
    .where("network_id", "=", event.network_id)
    .where("event_id", "=", eventId)
    .execute();
  if (!confirmed)
    await actor.tx.insertInto("event_waitlist").values({ network_id: event.network_id, event_id: eventId, position }).execute();
  const values = {
    member_network_id: actor.networkId,
    member_id: actor.membershipId,
    status: confirmed ? ("confirmed" as const) : ("waitlisted" as const),
    position,
    answers: JSON.stringify(clean),
    ticket_code: newSecret(16),
    checked_in_at: null,
    checked_in_by: null,
    promoted_at: null,
    cancelled_at: null,
  };
  try {
    const row = existing
      ? await actor.tx
          .updateTable("event_registrations")
          .set({ ...values, created_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
          .where("network_id", "=", event.network_id)
          .where("id", "=", existing.id)
          .returningAll()
          .executeTakeFirstOrThrow()
      : await actor.tx
          .insertInto("event_registrations")
          .values({ network_id: event.network_id, event_id: eventId, account_id: actor.account.id, ...values })
          .returningAll()
          .executeTakeFirstOrThrow();
    return await presentMine(actor.tx, row);
  } catch (error) {
    // Registered already through another network of the event (host or co-host).
    if (isUniqueViolation(error)) throw conflict({ registration: "event_registered_elsewhere" });
    throw error;
  }
}

/** Cancels the actor's registration; a confirmed seat freed while people wait goes to the first of them. */
export async function cancelRegistration(deps: Deps, actor: MemberActor, eventId: string): Promise<MyRegistration> {
  const event = await findVisibleEvent(actor, eventId);
  const seats = await lockSeats(actor.tx, event.network_id, eventId);
  const mine = await myRegistrationRow(actor.tx, event.network_id, eventId, actor.account.id);
  if (!mine) throw notFound();
  if (mine.status === "cancelled") return presentMine(actor.tx, mine);
  if (mine.status === "confirmed") {
    const reserve = seats.waitlisted > seats.reserved ? 1 : 0;
    await actor.tx
      .updateTable("event_seats")
      .set({ confirmed: seats.confirmed - 1, reserved: seats.reserved + reserve })
      .where("network_id", "=", event.network_id)
      .where("event_id", "=", eventId)
      .execute();
    if (reserve > 0) {
      await deps.jobs.enqueue(actor.tx, promotionJobKind, { networkId: event.network_id, eventId });
      actor.afterCommit(() => Promise.resolve(deps.jobs.kick()));
    }
  } else {
    await leaveWaitlist(actor.tx, event.network_id, eventId, mine.position, seats);
  }
  const row = await actor.tx
    .updateTable("event_registrations")
    .set({ status: "cancelled", cancelled_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("network_id", "=", event.network_id)
    .where("id", "=", mine.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentMine(actor.tx, row);
}

/** A waitlisted person leaves: fewer wait, and no seat stays reserved for nobody. */
async function leaveWaitlist(
  tx: Tx,
  hostId: string,
  eventId: string,
  position: number,
  seats: { waitlisted: number; reserved: number },
): Promise<void> {
  const waitlisted = seats.waitlisted - 1;
  await tx
    .updateTable("event_seats")
    .set({ waitlisted, reserved: Math.min(seats.reserved, waitlisted) })
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .execute();
  await tx
    .deleteFrom("event_waitlist")
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .where("position", "=", position)
    .execute();
}

/**
 * The promotion job (system scope: it sees every network's registrations): gives each reserved
 * seat to the first person waiting, in order, and tells them. Idempotent: a re-run finds no
 * reserved seat.
 */
export async function runPromotion(deps: Deps, payload: { networkId: string; eventId: string }): Promise<void> {
  const promoted = await withAfterCommit((afterCommit) =>
    inSystem(deps.database, async (tx) => {
      const seats = await lockSeats(tx, payload.networkId, payload.eventId);
      const event = await tx
        .selectFrom("network_events")
        .selectAll()
        .where("network_id", "=", payload.networkId)
        .where("id", "=", payload.eventId)
        .executeTakeFirstOrThrow();
      // A cancelled event gives out no more seats.
      const next =
        seats.reserved === 0 || event.status === "cancelled"
          ? []
          : await tx
              .selectFrom("event_registrations")
              .selectAll()
              .where("network_id", "=", payload.networkId)
              .where("event_id", "=", payload.eventId)
              .where("status", "=", "waitlisted")
              .orderBy("position")
              .limit(seats.reserved)
              .execute();
      for (const r of next) {
        await tx
          .updateTable("event_registrations")
          .set({ status: "confirmed", promoted_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
          .where("network_id", "=", r.network_id)
          .where("id", "=", r.id)
          .execute();
        await tx
          .deleteFrom("event_waitlist")
          .where("network_id", "=", r.network_id)
          .where("event_id", "=", r.event_id)
          .where("position", "=", r.position)
          .execute();
        if (event.status === "published")
          await noticePromoted(
            deps,
            tx,
            event,
            { memberNetworkId: r.member_network_id, memberId: r.member_id, accountId: r.account_id },
            afterCommit,
          );
      }
      await tx
        .updateTable("event_seats")
        .set({ confirmed: seats.confirmed + next.length, waitlisted: seats.waitlisted - next.length, reserved: 0 })
        .where("network_id", "=", payload.networkId)
        .where("event_id", "=", payload.eventId)
        .execute();
      return next.length;
    }),
  );
  if (promoted > 0) deps.jobs.kick();
}

/** A new capacity: seats freed for people waiting are reserved for the promotion job. */
export async function setCapacity(
  deps: Deps,
  actor: MemberActor,
  eventId: string,
  capacity: number | null,
  seats: { confirmed: number; waitlisted: number; reserved: number },
): Promise<void> {
  const free = capacity === null ? Infinity : capacity - seats.confirmed - seats.reserved;
  const reserve = Math.max(0, Math.min(free, seats.waitlisted - seats.reserved));
  await actor.tx
    .updateTable("event_seats")
    .set({ capacity, reserved: seats.reserved + reserve })
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .execute();
  if (reserve > 0) await deps.jobs.enqueue(actor.tx, promotionJobKind, { networkId: actor.networkId, eventId });
}

/** Seats and waitlist rebuilt from the registrations (the host's scope sees them all). */
export async function recountSeats(deps: Deps, tx: Tx, hostId: string, eventId: string, capacity: number | null): Promise<void> {
  const counts = await tx
    .selectFrom("event_registrations")
    .select([
      sql<number>`count(*) filter (where status = 'confirmed')::int`.as("confirmed"),
      sql<number>`count(*) filter (where status = 'waitlisted')::int`.as("waitlisted"),
    ])
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .executeTakeFirstOrThrow();
  await tx.deleteFrom("event_waitlist").where("network_id", "=", hostId).where("event_id", "=", eventId).execute();
  await tx
    .insertInto("event_waitlist")
    .columns(["network_id", "event_id", "position"])
    .expression((eb) =>
      eb
        .selectFrom("event_registrations")
        .select(["network_id", "event_id", "position"])
        .where("network_id", "=", hostId)
        .where("event_id", "=", eventId)
        .where("status", "=", "waitlisted"),
    )
    .execute();
  const free = capacity === null ? Infinity : capacity - counts.confirmed;
  const reserved = Math.max(0, Math.min(free, counts.waitlisted));
  await tx
    .updateTable("event_seats")
    .set({ confirmed: counts.confirmed, waitlisted: counts.waitlisted, reserved })
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .execute();
  if (reserved > 0) await deps.jobs.enqueue(tx, promotionJobKind, { networkId: hostId, eventId });
}
