// Events (イベント): the lists, one event's page, creating and changing events (the host's admins
// and the event's organisers), cancelling, the cover, the report post, and which supporters may
// organise. Registration is in registration.service.ts, attendees and check-in in
// attendees.service.ts, co-hosts in cohosts.service.ts, series in series.service.ts. Decision 0017.
import { sql } from "kysely";
import type { EventCard, EventDetail, EventInput, EventPatch } from "../../shared/contract/events.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor, UploadedFile } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { renderMarkdown, cleanMarkdownSource } from "../platform/markdown/markdown.ts";
import { processImage } from "../platform/storage/images.ts";
import { type Tx } from "../platform/tenancy/scope.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import { avatarUrl } from "../posts/authors.ts";
import { createPost } from "../posts/posts.service.ts";
import { canPostInRoom } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import { roomsSeenBy } from "../rooms/rooms.repository.ts";
import { canCreateEvents, canEditEvent, canSeeEvent, registrationClosed } from "./events.policy.ts";
import { eventPageQuery, eventsQuery, visibleToViewer, type EventPageRow } from "./events.repository.ts";
import { noticeEventCancelled, noticeEventChanged, scheduleEventReminders } from "./event-notices.ts";
import { scheduleSatisfactionSurvey } from "../surveys/event-survey.ts";
import {
  editableEvent,
  eventUrl,
  eventViewer,
  factsOf,
  findVisibleEvent,
  iso,
  organizerFacts,
  presentCard,
  viewerOf,
} from "./events.access.ts";
import { setCapacity } from "./registration.service.ts";
import { cohostCopy } from "./cohosts.service.ts";

const coverSize = 1600;

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
