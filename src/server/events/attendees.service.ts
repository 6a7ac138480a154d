// The organisers' side of registrations: the attendee list with answers and where each came
// from, its CSV, and check-in by ticket code or by registration (idempotent, undoable).
import { sql } from "kysely";
import type { Attendee } from "../../shared/contract/events.ts";
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import { conflict, notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { avatarUrl } from "../posts/authors.ts";
import { toCsv } from "../member-import/report.ts";
import { editableEvent, iso, questionsOf } from "./events.access.ts";

// Attendees and check-in (organisers)
async function attendeeRows(
  actor: MemberActor,
  eventId: string,
  filter: { q?: string | undefined; status?: string | undefined; id?: string; ticketCode?: string },
) {
  let q = actor.tx
    .selectFrom("event_registrations as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .innerJoin("networks as n", "n.id", "r.member_network_id")
    .selectAll("r")
    .select([
      "a.display_name",
      "a.avatar_key",
      "n.name as network_name",
      "n.slug as network_slug",
      sql<number | null>`case when r.status = 'waitlisted' then row_number() over (partition by r.status order by r.position) end`.as(
        "place",
      ),
    ])
    .where("r.network_id", "=", actor.networkId)
    .where("r.event_id", "=", eventId)
    .orderBy(sql`case r.status when 'confirmed' then 0 when 'waitlisted' then 1 else 2 end`)
    .orderBy("r.position");
  if (filter.status) q = q.where("r.status", "=", filter.status as "confirmed");
  if (filter.id) q = q.where("r.id", "=", filter.id);
  if (filter.ticketCode) q = q.where("r.ticket_code", "=", filter.ticketCode);
  const rows = await q.execute();
  const needle = filter.q?.normalize("NFKC").toLowerCase();
  return needle ? rows.filter((r) => r.display_name.normalize("NFKC").toLowerCase().includes(needle)) : rows;
}

type AttendeeRow = Awaited<ReturnType<typeof attendeeRows>>[number];

const presentAttendee = (r: AttendeeRow): Attendee => ({
  id: r.id,
  displayName: r.display_name,
  avatarUrl: avatarUrl(r.avatar_key),
  network: { id: r.member_network_id, name: r.network_name, slug: r.network_slug },
  status: r.status,
  waitlistPlace: r.place,
  answers: r.answers,
  checkedInAt: r.checked_in_at ? iso(r.checked_in_at) : null,
  promotedAt: r.promoted_at ? iso(r.promoted_at) : null,
  createdAt: iso(r.created_at),
});

export async function listAttendees(actor: MemberActor, eventId: string, query: { q?: string | undefined; status?: string | undefined }) {
  await editableEvent(actor, eventId);
  const rows = await attendeeRows(actor, eventId, query);
  return { items: rows.map(presentAttendee), questions: await questionsOf(actor.tx, actor.networkId, eventId) };
}

export async function exportAttendees(actor: MemberActor, eventId: string): Promise<FileResponse> {
  const event = await editableEvent(actor, eventId);
  const [rows, questions] = await Promise.all([attendeeRows(actor, eventId, {}), questionsOf(actor.tx, actor.networkId, eventId)]);
  const ja = actor.account.locale === "ja";
  const status = (s: string) =>
    (ja
      ? { confirmed: "参加確定", waitlisted: "キャンセル待ち", cancelled: "キャンセル" }
      : { confirmed: "Confirmed", waitlisted: "Waitlisted", cancelled: "Cancelled" })[s as "confirmed"];
  const time = (d: Date | string | null) => (d ? new Date(d).toISOString() : "");
  const header = ja
    ? ["名前", "ネットワーク", "状態", "キャンセル待ち順", "登録日時", "チェックイン", ...questions.map((q) => q.label)]
    : ["Name", "Network", "Status", "Waitlist place", "Registered at", "Checked in", ...questions.map((q) => q.label)];
  const lines = rows.map((r) => [
    r.display_name,
    r.network_name,
    status(r.status),
    r.place,
    time(r.created_at),
    time(r.checked_in_at),
    ...questions.map((q) => {
      const a = r.answers[q.id];
      return a === undefined ? "" : Array.isArray(a) ? a.join(" / ") : a;
    }),
  ]);
  const date = new Date(event.starts_at).toISOString().slice(0, 10);
  return { filename: `${date}-${ja ? "参加者" : "attendees"}.csv`, body: toCsv([header, ...lines]) };
}

export async function checkIn(actor: MemberActor, eventId: string, by: { ticketCode: string } | { registrationId: string }) {
  await editableEvent(actor, eventId);
  const [row] = await attendeeRows(actor, eventId, "ticketCode" in by ? { ticketCode: by.ticketCode } : { id: by.registrationId });
  if (!row) throw notFound();
  if (row.status !== "confirmed")
    throw conflict({ registration: row.status === "waitlisted" ? "event_not_confirmed" : "event_registration_cancelled" });
  if (row.checked_in_at) return { attendee: presentAttendee(row), alreadyCheckedIn: true };
  await actor.tx
    .updateTable("event_registrations")
    .set({ checked_in_at: sql<Date>`now()`, checked_in_by: actor.account.id, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", row.id)
    .where("checked_in_at", "is", null)
    .execute();
  const [after] = await attendeeRows(actor, eventId, { id: row.id });
  return { attendee: presentAttendee(after!), alreadyCheckedIn: false };
}

export async function undoCheckIn(actor: MemberActor, eventId: string, registrationId: string): Promise<Attendee> {
  await editableEvent(actor, eventId);
  const updated = await actor.tx
    .updateTable("event_registrations")
    .set({ checked_in_at: null, checked_in_by: null, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .where("id", "=", registrationId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw notFound();
  const [row] = await attendeeRows(actor, eventId, { id: registrationId });
  return presentAttendee(row!);
}
