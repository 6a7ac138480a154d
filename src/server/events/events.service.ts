// Events (イベント): creating and changing them, registration with a waitlist, attendees and
// check-in, co-host networks, series, the report post. Decision 0017.
//
// Seats: every registration change locks the event's `event_seats` row, so registrations arrive
// in one order and no event is over-booked, whichever network's scope they come through. A seat
// freed while people wait is `reserved` and handed out by the promotion job, which runs in the
// system scope because only it sees every network's registrations (a co-host's scope sees its
// own members' rows only).
import { sql } from "kysely";
import type {
  Attendee,
  EventCard,
  EventDetail,
  EventInput,
  EventPatch,
  EventQuestion,
  EventSeries,
  MyRegistration,
} from "../../shared/contract/events.ts";
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import type { Deps } from "../platform/deps.ts";
import type { EventRegistrationRow, NetworkEventRow } from "../platform/db/schema.ts";
import { isUniqueViolation } from "../platform/db/errors.ts";
import { conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor, UploadedFile } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { newSecret } from "../platform/auth/tokens.ts";
import { renderMarkdown, cleanMarkdownSource } from "../platform/markdown/markdown.ts";
import { processImage } from "../platform/storage/images.ts";
import { withAfterCommit } from "../platform/realtime/bus.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import { avatarUrl } from "../posts/authors.ts";
import { createPost } from "../posts/posts.service.ts";
import { canPostInRoom } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import { roomsSeenBy } from "../rooms/rooms.repository.ts";
import { toCsv } from "../member-import/report.ts";
import { canCreateEvents, canEditEvent, canSeeEvent, registrationClosed, type EventViewer } from "./events.policy.ts";
import { eventPageQuery, eventsQuery, visibleToViewer, waitlistPlace, type EventListRow, type EventPageRow } from "./events.repository.ts";
import { noticeEventCancelled, noticeEventChanged, noticePromoted, scheduleEventReminders } from "./event-notices.ts";
import { scheduleSatisfactionSurvey } from "../surveys/event-survey.ts";

export const promotionJobKind = "events.promote";
const coverSize = 1600;

const viewerOf = (actor: MemberActor) => ({ networkId: actor.networkId, memberId: actor.membershipId, accountId: actor.account.id });

const eventViewer = (actor: MemberActor, row: Pick<EventListRow, "is_host" | "is_organizer" | "is_invited">): EventViewer => ({
  role: actor.role,
  host: row.is_host,
  organizer: row.is_organizer,
  invited: row.is_invited,
});

const factsOf = (row: NetworkEventRow) => ({
  audience: row.audience,
  status: row.status,
  startsAt: new Date(row.starts_at),
  registrationDeadline: row.registration_deadline ? new Date(row.registration_deadline) : null,
});

const iso = (d: Date | string) => new Date(d).toISOString();

/** The event as the actor sees it; one they cannot see does not exist for them (404). */
export async function findVisibleEvent(actor: MemberActor, eventId: string, lock = false): Promise<EventListRow> {
  let q = eventsQuery(actor.tx, viewerOf(actor)).where("e.id", "=", eventId);
  if (lock) q = q.forUpdate("e");
  const row = await q.executeTakeFirst();
  if (!row || !canSeeEvent(eventViewer(actor, row), row)) throw notFound();
  return row;
}

async function editableEvent(actor: MemberActor, eventId: string): Promise<EventListRow> {
  const row = await findVisibleEvent(actor, eventId, true);
  if (!canEditEvent(eventViewer(actor, row))) throw forbidden();
  return row;
}

function presentCard(row: EventListRow, actor: MemberActor): EventCard {
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

// ---------------------------------------------------------------------------------------------
// Lists

export async function listEvents(
  actor: MemberActor,
  query: { when: "upcoming" | "past" | "mine"; cursor?: string | undefined; limit: number },
): Promise<{ items: EventCard[]; nextCursor: string | null }> {
  const after = decodeCursor(query.cursor);
  const past = query.when === "past";
  let q = eventsQuery(actor.tx, viewerOf(actor))
    .where(visibleToViewer({ networkId: actor.networkId, memberId: actor.membershipId, role: actor.role }))
    .orderBy("e.starts_at", past ? "desc" : "asc")
    .orderBy("e.id", past ? "desc" : "asc")
    .limit(query.limit + 1);
  q = past ? q.where("e.ends_at", "<", sql<Date>`now()`) : q.where("e.ends_at", ">=", sql<Date>`now()`);
  if (query.when === "mine") q = q.where("r.status", "in", ["confirmed", "waitlisted"]);
  if (after) {
    q = q.where(
      past
        ? sql<boolean>`(e.starts_at, e.id) < (${after.key}::timestamptz, ${after.id}::uuid)`
        : sql<boolean>`(e.starts_at, e.id) > (${after.key}::timestamptz, ${after.id}::uuid)`,
    );
  }
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map((r) => presentCard(r, actor)), nextCursor };
}

// ---------------------------------------------------------------------------------------------
// One event

async function questionsOf(tx: Tx, hostId: string, eventId: string): Promise<EventQuestion[]> {
  const rows = await tx
    .selectFrom("event_questions")
    .select(["id", "kind", "label", "options", "required"])
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .orderBy("position")
    .execute();
  return rows.map((q) => ({ id: q.id, kind: q.kind, label: q.label, options: q.options, required: q.required }));
}

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

export async function getEvent(actor: MemberActor, eventId: string): Promise<EventDetail> {
  const row = await eventPageQuery(actor.tx, { ...viewerOf(actor), admin: actor.role === "admin" })
    .where("e.id", "=", eventId)
    .executeTakeFirst();
  if (!row || !canSeeEvent(eventViewer(actor, row), row)) throw notFound();
  return presentEvent(actor, row);
}

const person = (p: { member_id: string; display_name: string; avatar_key: string | null }) => ({
  memberId: p.member_id,
  displayName: p.display_name,
  avatarUrl: avatarUrl(p.avatar_key),
});

function presentEvent(actor: MemberActor, row: EventPageRow): EventDetail {
  const viewer = eventViewer(actor, row);
  const editor = canEditEvent(viewer);
  const mine =
    row.r_id && row.my_status
      ? {
          id: row.r_id,
          status: row.my_status,
          waitlistPlace: row.r_place,
          answers: row.r_answers ?? {},
          ticketCode: row.my_status === "confirmed" ? row.r_ticket_code : null,
          checkedInAt: row.r_checked_in_at ? iso(row.r_checked_in_at) : null,
          promotedAt: row.r_promoted_at ? iso(row.r_promoted_at) : null,
          createdAt: iso(row.r_created_at!),
        }
      : null;
  const showOnline = editor || mine?.status === "confirmed";
  return {
    ...presentCard(row, actor),
    description: row.description,
    descriptionHtml: row.description_html,
    venueAddress: row.venue_address,
    mapUrl: row.map_url,
    onlineUrl: showOnline ? row.online_url : "",
    onlineUrlHidden: !showOnline && row.online_url !== "",
    registrationDeadline: row.registration_deadline ? iso(row.registration_deadline) : null,
    audience: row.audience,
    cancelReason: row.cancel_reason,
    room: row.room,
    announcementPostId: row.is_host ? row.announcement_post_id : null,
    reportPostId: row.is_host ? row.report_post_id : null,
    organizers: row.organizers.map(person),
    questions: row.questions,
    cohosts: row.cohosts,
    invitees: editor ? row.invitees.map(person) : [],
    attendance: editor && row.checked_in ? { checkedIn: row.checked_in, confirmed: row.confirmed } : null,
    myRegistration: mine,
    registrationClosed: registrationClosed(viewer, factsOf(row), new Date()),
    can: { edit: editor, manageAttendees: editor },
    sequence: row.sequence,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

// ---------------------------------------------------------------------------------------------
// Creating and changing

async function organizerFacts(actor: MemberActor) {
  const me = await actor.tx
    .selectFrom("memberships")
    .select(["supporter_since", "organizes_events"])
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .executeTakeFirstOrThrow();
  return { role: actor.role, supporter: me.supporter_since !== null, organizesEvents: me.organizes_events };
}

/** Checks what the fields say together, and the ids they name; the event's current values fill what a change leaves out. */
async function checkEventFields(
  actor: MemberActor,
  next: {
    startsAt: Date;
    endsAt: Date;
    registrationDeadline: Date | null;
    kind: string;
    venueName: string;
    roomId: string | null;
    seriesId: string | null;
  },
  changed: { roomId: boolean; seriesId: boolean; inviteeIds?: string[] | undefined; organizerIds?: string[] | undefined },
): Promise<void> {
  const fields: Record<string, string> = {};
  if (next.endsAt <= next.startsAt) fields.endsAt = "event_ends_before_start";
  if (next.registrationDeadline && next.registrationDeadline > next.startsAt) fields.registrationDeadline = "event_deadline_after_start";
  if (next.kind !== "online" && next.venueName.trim() === "") fields.venueName = "event_venue_required";
  if (changed.roomId && next.roomId) {
    const room = await roomsSeenBy(actor.tx, actor.networkId, actor.membershipId).where("r.id", "=", next.roomId).executeTakeFirst();
    if (!room || !canPostInRoom({ role: actor.role, inRoom: room.in_room }, roomFacts(room))) fields.roomId = "event_room_not_postable";
  }
  if (changed.seriesId && next.seriesId) {
    const series = await actor.tx
      .selectFrom("event_series")
      .select("id")
      .where("network_id", "=", actor.networkId)
      .where("id", "=", next.seriesId)
      .executeTakeFirst();
    if (!series) fields.seriesId = "event_unknown_series";
  }
  const members = async (ids: string[]) =>
    ids.length === 0
      ? []
      : actor.tx
          .selectFrom("memberships")
          .select(["id", "account_id", "role", "supporter_since", "organizes_events"])
          .where("network_id", "=", actor.networkId)
          .where("status", "=", "active")
          .where("id", "in", ids)
          .execute();
  if (changed.inviteeIds) {
    const found = await members(changed.inviteeIds);
    if (found.length !== new Set(changed.inviteeIds).size) fields.inviteeIds = "event_unknown_member";
  }
  if (changed.organizerIds) {
    const found = await members(changed.organizerIds);
    if (found.length !== new Set(changed.organizerIds).size) fields.organizerIds = "event_unknown_member";
    else if (
      found.some((m) => !canCreateEvents({ role: m.role, supporter: m.supporter_since !== null, organizesEvents: m.organizes_events }))
    )
      fields.organizerIds = "event_not_an_organizer";
  }
  if (Object.keys(fields).length > 0) throw validationFailed(fields);
}

async function writeQuestions(tx: Tx, hostId: string, eventId: string, questions: EventInput["questions"]): Promise<void> {
  const keep = questions.flatMap((q) => (q.id ? [q.id] : []));
  let del = tx.deleteFrom("event_questions").where("network_id", "=", hostId).where("event_id", "=", eventId);
  if (keep.length > 0) del = del.where("id", "not in", keep);
  await del.execute();
  for (const [position, q] of questions.entries()) {
    const values = { kind: q.kind, label: q.label, options: q.kind === "text" ? [] : q.options, required: q.required, position };
    if (q.id) {
      const updated = await tx
        .updateTable("event_questions")
        .set(values)
        .where("network_id", "=", hostId)
        .where("event_id", "=", eventId)
        .where("id", "=", q.id)
        .executeTakeFirst();
      if (updated.numUpdatedRows === 0n) throw validationFailed({ [`questions.${String(position)}`]: "event_unknown_question" });
    } else {
      await tx
        .insertInto("event_questions")
        .values({ network_id: hostId, event_id: eventId, ...values })
        .execute();
    }
  }
}

async function writePeople(tx: Tx, hostId: string, eventId: string, table: "event_organizers" | "event_invitees", memberIds: string[]) {
  await tx.deleteFrom(table).where("network_id", "=", hostId).where("event_id", "=", eventId).execute();
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return;
  if (table === "event_invitees") {
    await tx
      .insertInto("event_invitees")
      .values(ids.map((member_id) => ({ network_id: hostId, event_id: eventId, member_id })))
      .execute();
    return;
  }
  await tx
    .insertInto("event_organizers")
    .columns(["network_id", "event_id", "member_id", "account_id"])
    .expression((eb) =>
      eb
        .selectFrom("memberships")
        .select([sql<string>`network_id`.as("network_id"), sql<string>`${eventId}::uuid`.as("event_id"), "id", "account_id"])
        .where("network_id", "=", hostId)
        .where("id", "in", ids),
    )
    .execute();
}

const eventUrl = (deps: Deps, slug: string, eventId: string) => `${deps.config.publicUrl}/n/${slug}/events/${eventId}`;

export async function createEvent(deps: Deps, actor: MemberActor, input: EventInput): Promise<EventDetail> {
  if (!canCreateEvents(await organizerFacts(actor))) throw forbidden();
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const deadline = input.registrationDeadline ? new Date(input.registrationDeadline) : null;
  await checkEventFields(
    actor,
    {
      startsAt,
      endsAt,
      registrationDeadline: deadline,
      kind: input.kind,
      venueName: input.venueName,
      roomId: input.roomId,
      seriesId: input.seriesId,
    },
    { roomId: true, seriesId: true, inviteeIds: input.inviteeIds, organizerIds: input.organizerIds },
  );
  const description = cleanMarkdownSource(input.description);
  const row = await actor.tx
    .insertInto("network_events")
    .values({
      network_id: actor.networkId,
      title: input.title,
      description,
      description_html: renderMarkdown(description),
      kind: input.kind,
      venue_name: input.venueName,
      venue_address: input.venueAddress,
      map_url: input.mapUrl,
      online_url: input.onlineUrl,
      starts_at: startsAt,
      ends_at: endsAt,
      time_zone: input.timeZone,
      capacity: input.capacity,
      registration_deadline: deadline,
      audience: input.audience,
      room_id: input.roomId,
      series_id: input.seriesId,
      series_theme: input.seriesTheme,
      created_by: actor.account.id,
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  const eventId = row.id;
  await actor.tx.insertInto("event_seats").values({ network_id: actor.networkId, event_id: eventId, capacity: input.capacity }).execute();
  await writePeople(actor.tx, actor.networkId, eventId, "event_organizers", [actor.membershipId, ...input.organizerIds]);
  await writePeople(actor.tx, actor.networkId, eventId, "event_invitees", input.audience === "invited" ? input.inviteeIds : []);
  await writeQuestions(actor.tx, actor.networkId, eventId, input.questions);
  await scheduleEventReminders(deps, actor.tx, { networkId: actor.networkId, eventId, startsAt });
  await scheduleSatisfactionSurvey(deps, actor.tx, { networkId: actor.networkId, eventId, endsAt });
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "event.created", { id: eventId, name: input.title });
  if (input.roomId) {
    const network = await actor.tx.selectFrom("networks").select("slug").where("id", "=", actor.networkId).executeTakeFirstOrThrow();
    const post = await createPost(deps, actor, input.roomId, {
      body: announcementBody(input.title, startsAt, input.timeZone, eventUrl(deps, network.slug, eventId)),
      imageIds: [],
      mentions: [],
    });
    await actor.tx
      .updateTable("network_events")
      .set({ announcement_post_id: post.id })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", eventId)
      .execute();
  }
  actor.afterCommit(() => Promise.resolve(deps.jobs.kick()));
  return getEvent(actor, eventId);
}

/** The post that announces an event in its room, in Japanese (the product's first language; the link shows the rest). */
function announcementBody(title: string, startsAt: Date, timeZone: string, url: string): string {
  const when = new Intl.DateTimeFormat("ja-JP", {
    timeZone,
    month: "long",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  }).format(startsAt);
  return `**イベントを公開しました：${title}**\n\n日時：${when}\n\n詳細と参加登録はこちら：[${title}](${url})`;
}

export async function updateEvent(deps: Deps, actor: MemberActor, eventId: string, patch: EventPatch): Promise<EventDetail> {
  const before = await editableEvent(actor, eventId);
  if (before.status === "cancelled") throw conflict({ event: "event_cancelled" });
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : new Date(before.starts_at);
  const endsAt = patch.endsAt ? new Date(patch.endsAt) : new Date(before.ends_at);
  const deadline =
    patch.registrationDeadline === undefined
      ? before.registration_deadline
        ? new Date(before.registration_deadline)
        : null
      : patch.registrationDeadline
        ? new Date(patch.registrationDeadline)
        : null;
  const kind = patch.kind ?? before.kind;
  const roomId = patch.roomId === undefined ? before.room_id : patch.roomId;
  const seriesId = patch.seriesId === undefined ? before.series_id : patch.seriesId;
  await checkEventFields(
    actor,
    { startsAt, endsAt, registrationDeadline: deadline, kind, venueName: patch.venueName ?? before.venue_name, roomId, seriesId },
    {
      roomId: patch.roomId !== undefined && patch.roomId !== before.room_id,
      seriesId: patch.seriesId !== undefined && patch.seriesId !== before.series_id,
      inviteeIds: patch.inviteeIds,
      organizerIds: patch.organizerIds,
    },
  );

  const seats = await actor.tx
    .selectFrom("event_seats")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (patch.capacity !== undefined && patch.capacity !== null && patch.capacity < seats.confirmed + seats.reserved)
    throw validationFailed({ capacity: "event_capacity_below_registered" });

  const changed: ("time" | "place" | "online")[] = [];
  if (
    +startsAt !== +new Date(before.starts_at) ||
    +endsAt !== +new Date(before.ends_at) ||
    (patch.timeZone ?? before.time_zone) !== before.time_zone
  )
    changed.push("time");
  if (
    kind !== before.kind ||
    (patch.venueName ?? before.venue_name) !== before.venue_name ||
    (patch.venueAddress ?? before.venue_address) !== before.venue_address ||
    (patch.mapUrl ?? before.map_url) !== before.map_url
  )
    changed.push("place");
  if ((patch.onlineUrl ?? before.online_url) !== before.online_url) changed.push("online");

  const description = patch.description === undefined ? undefined : cleanMarkdownSource(patch.description);
  await actor.tx
    .updateTable("network_events")
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(description !== undefined ? { description, description_html: renderMarkdown(description) } : {}),
      kind,
      ...(patch.venueName !== undefined ? { venue_name: patch.venueName } : {}),
      ...(patch.venueAddress !== undefined ? { venue_address: patch.venueAddress } : {}),
      ...(patch.mapUrl !== undefined ? { map_url: patch.mapUrl } : {}),
      ...(patch.onlineUrl !== undefined ? { online_url: patch.onlineUrl } : {}),
      starts_at: startsAt,
      ends_at: endsAt,
      ...(patch.timeZone !== undefined ? { time_zone: patch.timeZone } : {}),
      ...(patch.capacity !== undefined ? { capacity: patch.capacity } : {}),
      registration_deadline: deadline,
      ...(patch.audience !== undefined ? { audience: patch.audience } : {}),
      room_id: roomId,
      series_id: seriesId,
      ...(patch.seriesTheme !== undefined ? { series_theme: patch.seriesTheme } : {}),
      ...(changed.length > 0 ? { sequence: sql<number>`sequence + 1` } : {}),
      updated_at: sql<Date>`now()`,
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", eventId)
    .execute();
  if (patch.organizerIds !== undefined)
    await writePeople(actor.tx, actor.networkId, eventId, "event_organizers", [
      ...(await currentCreator(actor, eventId)),
      ...patch.organizerIds,
    ]);
  const audience = patch.audience ?? before.audience;
  if (patch.inviteeIds !== undefined || audience !== "invited")
    await writePeople(actor.tx, actor.networkId, eventId, "event_invitees", audience === "invited" ? (patch.inviteeIds ?? []) : []);
  if (patch.questions !== undefined) await writeQuestions(actor.tx, actor.networkId, eventId, patch.questions);
  if (patch.capacity !== undefined) await setCapacity(deps, actor, eventId, patch.capacity, seats);

  if (changed.includes("time")) {
    if (+startsAt !== +new Date(before.starts_at))
      await scheduleEventReminders(deps, actor.tx, { networkId: actor.networkId, eventId, startsAt });
    if (+endsAt !== +new Date(before.ends_at))
      await scheduleSatisfactionSurvey(deps, actor.tx, { networkId: actor.networkId, eventId, endsAt });
  }
  const after = await findVisibleEvent(actor, eventId);
  await actor.tx
    .updateTable("event_cohosts")
    .set(cohostCopy(after))
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .execute();
  if (changed.length > 0) await noticeEventChanged(deps, actor.tx, after, changed);
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "event.updated",
    { id: eventId, name: after.title },
    {
      changed: Object.keys(patch),
    },
  );
  actor.afterCommit(() => Promise.resolve(deps.jobs.kick()));
  return getEvent(actor, eventId);
}

/** The event's creator stays an organiser when the list is replaced (if still a member here). */
async function currentCreator(actor: MemberActor, eventId: string): Promise<string[]> {
  const row = await actor.tx
    .selectFrom("network_events as e")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "e.network_id").onRef("m.account_id", "=", "e.created_by"))
    .select("m.id")
    .where("e.network_id", "=", actor.networkId)
    .where("e.id", "=", eventId)
    .where("m.status", "=", "active")
    .executeTakeFirst();
  return row ? [row.id] : [];
}

/** A new capacity: seats freed for people waiting are reserved for the promotion job. */
async function setCapacity(
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

export async function cancelEvent(deps: Deps, actor: MemberActor, eventId: string, reason: string): Promise<EventDetail> {
  const before = await editableEvent(actor, eventId);
  if (before.status === "cancelled") return getEvent(actor, eventId);
  await actor.tx
    .updateTable("network_events")
    .set({ status: "cancelled", cancel_reason: reason, sequence: sql<number>`sequence + 1`, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", eventId)
    .execute();
  const after = await findVisibleEvent(actor, eventId);
  await noticeEventCancelled(deps, actor.tx, after);
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "event.cancelled", { id: eventId, name: after.title }, { reason });
  actor.afterCommit(() => Promise.resolve(deps.jobs.kick()));
  return getEvent(actor, eventId);
}

export async function setCover(deps: Deps, actor: MemberActor, eventId: string, file: UploadedFile | null): Promise<EventDetail> {
  await editableEvent(actor, eventId);
  if (!file) throw validationFailed({ file: "file_required" });
  const image = await processImage(file.data, { maxSize: coverSize, crop: false });
  const stored = await deps.storage.put("event-covers", image, "image/webp", "webp");
  return replaceCover(deps, actor, eventId, stored.key);
}

export async function deleteCover(deps: Deps, actor: MemberActor, eventId: string): Promise<EventDetail> {
  await editableEvent(actor, eventId);
  return replaceCover(deps, actor, eventId, null);
}

async function replaceCover(deps: Deps, actor: MemberActor, eventId: string, key: string | null): Promise<EventDetail> {
  const before = await actor.tx
    .selectFrom("network_events")
    .select("cover_key")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", eventId)
    .executeTakeFirstOrThrow();
  await actor.tx
    .updateTable("network_events")
    .set({ cover_key: key, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", eventId)
    .execute();
  const previous = before.cover_key;
  if (previous) actor.afterCommit(() => deps.storage.delete(previous).catch(() => undefined));
  return getEvent(actor, eventId);
}

// ---------------------------------------------------------------------------------------------
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

async function lockSeats(tx: Tx, hostId: string, eventId: string) {
  return tx
    .selectFrom("event_seats")
    .selectAll()
    .where("network_id", "=", hostId)
    .where("event_id", "=", eventId)
    .forUpdate()
    .executeTakeFirstOrThrow();
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

// ---------------------------------------------------------------------------------------------
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

// ---------------------------------------------------------------------------------------------
// Co-hosts

async function cohostList(tx: Tx, hostId: string, eventId: string) {
  const rows = await tx
    .selectFrom("event_cohosts as c")
    .innerJoin("networks as n", "n.id", "c.cohost_network_id")
    .select(["n.id", "n.name", "n.slug", "c.status"])
    .where("c.network_id", "=", hostId)
    .where("c.event_id", "=", eventId)
    .orderBy("c.created_at")
    .execute();
  return { items: rows.map((r) => ({ network: { id: r.id, name: r.name, slug: r.slug }, status: r.status })) };
}

/** What an invited network sees of the event (event_cohosts keeps a copy). */
const cohostCopy = (e: Pick<NetworkEventRow, "title" | "starts_at" | "ends_at" | "time_zone">) => ({
  event_title: e.title,
  event_starts_at: e.starts_at,
  event_ends_at: e.ends_at,
  event_time_zone: e.time_zone,
});

async function hostEvent(actor: MemberActor, eventId: string) {
  const row = await findVisibleEvent(actor, eventId);
  if (!row.is_host) throw notFound();
  return row;
}

export async function listCohosts(actor: MemberActor, eventId: string) {
  await hostEvent(actor, eventId);
  return cohostList(actor.tx, actor.networkId, eventId);
}

export async function addCohost(actor: MemberActor, eventId: string, slug: string) {
  const event = await hostEvent(actor, eventId);
  const network = await actor.tx.selectFrom("networks").select(["id", "name"]).where("slug", "=", slug).executeTakeFirst();
  if (!network) throw validationFailed({ slug: "event_unknown_network" });
  if (network.id === actor.networkId) throw validationFailed({ slug: "event_cohost_self" });
  await actor.tx
    .insertInto("event_cohosts")
    .values({ network_id: actor.networkId, event_id: eventId, cohost_network_id: network.id, ...cohostCopy(event) })
    .onConflict((oc) => oc.columns(["network_id", "event_id", "cohost_network_id"]).doUpdateSet({ status: "invited", decided_at: null }))
    .execute();
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "event.cohost_invited",
    { id: eventId, name: event.title },
    { network: network.name },
  );
  return cohostList(actor.tx, actor.networkId, eventId);
}

/** Ends co-hosting: the network's members no longer see the event, and their registrations are cancelled. */
export async function removeCohost(deps: Deps, actor: MemberActor, eventId: string, cohostNetworkId: string) {
  const event = await hostEvent(actor, eventId);
  const removed = await actor.tx
    .deleteFrom("event_cohosts")
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .where("cohost_network_id", "=", cohostNetworkId)
    .executeTakeFirst();
  if (removed.numDeletedRows === 0n) throw notFound();
  const seats = await lockSeats(actor.tx, actor.networkId, eventId);
  const gone = await actor.tx
    .updateTable("event_registrations")
    .set({ status: "cancelled", cancelled_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .where("member_network_id", "=", cohostNetworkId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .returning("id")
    .execute();
  if (gone.length > 0) await recountSeats(deps, actor.tx, actor.networkId, eventId, seats.capacity);
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "event.cohost_removed",
    { id: eventId, name: event.title },
    {
      network: cohostNetworkId,
      cancelledRegistrations: gone.length,
    },
  );
  return cohostList(actor.tx, actor.networkId, eventId);
}

/** Seats and waitlist rebuilt from the registrations (the host's scope sees them all). */
async function recountSeats(deps: Deps, tx: Tx, hostId: string, eventId: string, capacity: number | null): Promise<void> {
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

export async function listCohostInvitations(actor: MemberActor) {
  const rows = await actor.tx
    .selectFrom("event_cohosts as c")
    .innerJoin("networks as n", "n.id", "c.network_id")
    .select([
      "c.network_id",
      "c.event_id",
      "c.status",
      "c.event_title",
      "c.event_starts_at",
      "c.event_ends_at",
      "c.event_time_zone",
      "n.name",
      "n.slug",
    ])
    .where("c.cohost_network_id", "=", actor.networkId)
    .orderBy("c.event_starts_at", "desc")
    .execute();
  return {
    items: rows.map((r) => ({
      event: {
        id: r.event_id,
        title: r.event_title,
        startsAt: iso(r.event_starts_at),
        endsAt: iso(r.event_ends_at),
        timeZone: r.event_time_zone,
      },
      host: { id: r.network_id, name: r.name, slug: r.slug },
      status: r.status,
    })),
  };
}

export async function decideCohostInvitation(actor: MemberActor, eventId: string, accept: boolean) {
  const row = await actor.tx
    .updateTable("event_cohosts")
    .set({ status: accept ? "accepted" : "declined", decided_at: sql<Date>`now()` })
    .where("cohost_network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .returning(["network_id"])
    .executeTakeFirst();
  if (!row) throw notFound();
  const { items } = await listCohostInvitations(actor);
  const item = items.find((i) => i.event.id === eventId);
  if (!item) throw notFound();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), accept ? "event.cohost_accepted" : "event.cohost_declined", {
    id: eventId,
    name: item.event.title,
  });
  return item;
}

// ---------------------------------------------------------------------------------------------
// The report, series, organiser permission

export async function writeReport(deps: Deps, actor: MemberActor, eventId: string, input: { body: string; imageIds: string[] }) {
  const event = await editableEvent(actor, eventId);
  if (!event.room_id) throw validationFailed({ roomId: "event_room_required" });
  const network = await actor.tx.selectFrom("networks").select("slug").where("id", "=", actor.networkId).executeTakeFirstOrThrow();
  const link = `\n\n[${event.title}](${eventUrl(deps, network.slug, eventId)})`;
  const post = await createPost(deps, actor, event.room_id, { body: `${input.body}${link}`, imageIds: input.imageIds, mentions: [] });
  await actor.tx
    .updateTable("network_events")
    .set({ report_post_id: post.id, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", eventId)
    .execute();
  return getEvent(actor, eventId);
}

export async function listSeries(actor: MemberActor) {
  const rows = await actor.tx
    .selectFrom("event_series as s")
    .select(["s.id", "s.title", "s.description", "s.created_at"])
    .select((eb) =>
      eb
        .selectFrom("network_events as e")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("e.network_id", "=", "s.network_id")
        .whereRef("e.series_id", "=", "s.id")
        .as("sessions"),
    )
    .where("s.network_id", "=", actor.networkId)
    .orderBy("s.created_at", "desc")
    .execute();
  return {
    items: rows.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      createdAt: iso(s.created_at),
      sessions: s.sessions ?? 0,
    })),
  };
}

export async function createSeries(actor: MemberActor, input: { title: string; description: string }): Promise<EventSeries> {
  if (!canCreateEvents(await organizerFacts(actor))) throw forbidden();
  const row = await actor.tx
    .insertInto("event_series")
    .values({ network_id: actor.networkId, title: input.title, description: input.description, created_by: actor.account.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  return getSeries(actor, row.id);
}

export async function updateSeries(
  actor: MemberActor,
  seriesId: string,
  input: { title?: string | undefined; description?: string | undefined },
) {
  if (!canCreateEvents(await organizerFacts(actor))) throw forbidden();
  const updated = await actor.tx
    .updateTable("event_series")
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", seriesId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw notFound();
  return getSeries(actor, seriesId);
}

export async function getSeries(actor: MemberActor, seriesId: string): Promise<EventSeries> {
  const series = await actor.tx.selectFrom("event_series").selectAll().where("id", "=", seriesId).executeTakeFirst();
  if (!series) throw notFound();
  const events = await eventsQuery(actor.tx, viewerOf(actor))
    .where("e.network_id", "=", series.network_id)
    .where("e.series_id", "=", seriesId)
    .where(visibleToViewer({ networkId: actor.networkId, memberId: actor.membershipId, role: actor.role }))
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .execute();
  // A co-host sees a series only through an event of it that it can see.
  if (series.network_id !== actor.networkId && events.length === 0) throw notFound();
  return {
    id: series.id,
    title: series.title,
    description: series.description,
    createdAt: iso(series.created_at),
    events: events.map((e) => presentCard(e, actor)),
  };
}

export async function setEventOrganizer(actor: MemberActor, memberId: string, organizesEvents: boolean) {
  const member = await actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.id", "m.supporter_since", "m.status", "a.display_name"])
    .where("m.network_id", "=", actor.networkId)
    .where("m.id", "=", memberId)
    .executeTakeFirst();
  if (!member || member.status !== "active") throw notFound();
  if (organizesEvents && member.supporter_since === null) throw validationFailed({ organizesEvents: "event_not_a_supporter" });
  await actor.tx
    .updateTable("memberships")
    .set({ organizes_events: organizesEvents, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    organizesEvents ? "member.event_organizer_set" : "member.event_organizer_unset",
    { id: memberId, name: member.display_name },
  );
  return { memberId, organizesEvents };
}
