// What attendees are told about an event, by mail and in their notifications: reminders a day
// and an hour before, a new time or place, a cancellation, a place from the waitlist.
//
// Exactly once. Reminders are durable jobs queued in the transaction that set the start time;
// a job sends only if the event still starts when the job says (a moved event has newer jobs)
// and only if it can insert the event_notices row of (event, kind, start) — in the transaction
// that queues the mails. So a restart between scheduling and sending, a job run twice, or two
// jobs for the same start all send once. Changes and cancellations work the same way through a
// job of their own, keyed by the event's SEQUENCE: a co-host's attendees are told in their own
// network, which the organiser's request (in the host's scope) cannot write, so the job runs in
// the system scope.
import type { Locale } from "../../shared/limits.ts";
import type { Deps } from "../platform/deps.ts";
import type { NetworkEventRow } from "../platform/db/schema.ts";
import type { EventPlace, MailTemplate } from "../platform/mail/templates.ts";
import type { OutgoingMail } from "../platform/mail/mailer.ts";
import { withAfterCommit, type AfterCommit } from "../platform/realtime/bus.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { notify } from "../notifications/notifications.service.ts";

export const reminderJobKind = "events.reminder";
export const noticeJobKind = "events.notice";

const hourMs = 3_600_000;
const reminders = [
  { kind: "reminder_day", before: 24 * hourMs },
  { kind: "reminder_hour", before: hourMs },
] as const;
type ReminderKind = (typeof reminders)[number]["kind"];

export interface ReminderPayload {
  networkId: string;
  eventId: string;
  kind: ReminderKind;
  /** The start this reminder is for (ISO); the job does nothing if the event has moved since. */
  startsAt: string;
}

export type EventChange = "time" | "place" | "online";

export interface NoticePayload {
  networkId: string;
  eventId: string;
  notice: "changed" | "cancelled";
  changed: EventChange[];
  /** The event's SEQUENCE after this change, and its start then: one notice per change, however often the job runs. */
  sequence: number;
  startsAt: string;
}

// --- time in words ---

/** 「日本時間」 rather than ICU's 「日本標準時」: how people in Japan say it. */
const zoneNames: Record<string, Record<Locale, string>> = { "Asia/Tokyo": { ja: "日本時間", en: "Japan time" } };

function zoneName(zone: string, locale: Locale, at: Date): string {
  const known = zoneNames[zone]?.[locale];
  if (known) return known;
  const part = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { timeZone: zone, timeZoneName: "longGeneric" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? zone;
}

function wallClock(zone: string, locale: Locale, at: Date) {
  const parts: Record<string, string> = {};
  const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", {
    timeZone: zone,
    year: "numeric",
    month: locale === "ja" ? "numeric" : "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  for (const p of format.formatToParts(at)) parts[p.type] = p.value;
  return {
    year: parts.year ?? "",
    date:
      locale === "ja"
        ? `${parts.month ?? ""}月${parts.day ?? ""}日(${parts.weekday ?? ""})`
        : `${parts.weekday ?? ""}, ${parts.month ?? ""} ${parts.day ?? ""}`,
    time: `${parts.hour ?? ""}:${parts.minute ?? ""}`,
  };
}

/**
 * An event's time in words, in its own time zone: 「12月5日(土) 19:00〜21:00（日本時間）」,
 * "Sat, Dec 5, 19:00–21:00 (Japan time)"; the year when it is not this year's; both dates when
 * it ends on another day.
 */
export function describeEventTime(startsAt: Date, endsAt: Date, zone: string, locale: Locale, now: Date = new Date()): string {
  const ja = locale === "ja";
  const start = wallClock(zone, locale, startsAt);
  const end = wallClock(zone, locale, endsAt);
  const thisYear = wallClock(zone, locale, now).year;
  const dated = (w: typeof start) => (w.year === thisYear ? w.date : ja ? `${w.year}年${w.date}` : `${w.date}, ${w.year}`);
  const sameDay = start.year === end.year && start.date === end.date;
  const span = sameDay
    ? ja
      ? `${dated(start)} ${start.time}〜${end.time}`
      : `${dated(start)}, ${start.time}–${end.time}`
    : ja
      ? `${dated(start)} ${start.time}〜${dated(end)} ${end.time}`
      : `${dated(start)}, ${start.time} – ${dated(end)}, ${end.time}`;
  const name = zoneName(zone, locale, startsAt);
  return ja ? `${span}（${name}）` : `${span} (${name})`;
}

// --- recipients ---

const placeOf = (event: NetworkEventRow): EventPlace => ({
  venue: event.venue_name,
  address: event.venue_address,
  online: event.kind !== "offline",
});

/** Attendees in these states, as active members of the network they registered from (host or co-host). */
function attendees(tx: Tx, event: Pick<NetworkEventRow, "network_id" | "id">, statuses: ("confirmed" | "waitlisted")[]) {
  return tx
    .selectFrom("event_registrations as r")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "r.member_network_id").onRef("m.id", "=", "r.member_id"))
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .innerJoin("networks as w", "w.id", "r.member_network_id")
    .select(["r.member_network_id", "r.member_id", "a.email", "a.locale", "a.display_name", "w.slug"])
    .where("r.network_id", "=", event.network_id)
    .where("r.event_id", "=", event.id)
    .where("r.status", "in", statuses)
    .where("m.status", "=", "active")
    .orderBy("r.position")
    .execute();
}

type Attendee = Awaited<ReturnType<typeof attendees>>[number];

const eventPage = (deps: Pick<Deps, "config">, slug: string, eventId: string) => `${deps.config.publicUrl}/n/${slug}/events/${eventId}`;

async function hostName(tx: Tx, networkId: string): Promise<string> {
  const row = await tx.selectFrom("networks").select("name").where("id", "=", networkId).executeTakeFirst();
  return row?.name ?? "";
}

/** One mail per attendee, `when` in each reader's language. */
function mailsFor(
  deps: Pick<Deps, "config">,
  event: NetworkEventRow,
  host: string,
  people: Attendee[],
  template: (base: { name: string; eventTitle: string; hostName: string; when: string; url: string }) => MailTemplate,
): OutgoingMail[] {
  const span = (locale: Locale) => describeEventTime(new Date(event.starts_at), new Date(event.ends_at), event.time_zone, locale);
  const when: Record<Locale, string> = { ja: span("ja"), en: span("en") };
  return people.map((p) => ({
    to: p.email,
    locale: p.locale,
    template: template({
      name: p.display_name,
      eventTitle: event.title,
      hostName: host,
      when: when[p.locale],
      url: eventPage(deps, p.slug, event.id),
    }),
  }));
}

/** In-app notifications, each in the attendee's own network (a co-host's member in theirs). */
async function notifyAttendees(
  deps: Deps,
  tx: Tx,
  afterCommit: AfterCommit,
  event: NetworkEventRow,
  people: Pick<Attendee, "member_network_id" | "member_id">[],
  kind: "event_promoted" | "event_changed" | "event_cancelled",
): Promise<void> {
  const byNetwork = new Map<string, string[]>();
  for (const p of people) byNetwork.set(p.member_network_id, [...(byNetwork.get(p.member_network_id) ?? []), p.member_id]);
  for (const [networkId, memberIds] of byNetwork)
    await notify(deps, tx, afterCommit, {
      networkId,
      recipientMemberIds: memberIds,
      kind,
      actorMemberId: null,
      eventId: event.id,
      excerpt: event.title,
      // Unread notices of one event collapse into one (two changes in a row: one line).
      groupKey: `${kind}:${event.id}`,
    });
}

/** The event_notices row, once: false when it was already there (sent before). */
async function claimNotice(tx: Tx, event: Pick<NetworkEventRow, "network_id" | "id">, kind: string, startsAt: Date): Promise<boolean> {
  const inserted = await tx
    .insertInto("event_notices")
    .values({ network_id: event.network_id, event_id: event.id, kind, starts_at: startsAt })
    .onConflict((oc) => oc.columns(["network_id", "event_id", "kind", "starts_at"]).doNothing())
    .returning("kind")
    .executeTakeFirst();
  return inserted !== undefined;
}

const findEvent = (tx: Tx, networkId: string, eventId: string) =>
  tx.selectFrom("network_events").selectAll().where("network_id", "=", networkId).where("id", "=", eventId).executeTakeFirst();

// --- reminders ---

/**
 * Queues the day-before and hour-before reminders for the event's start, in the caller's
 * transaction (created, or moved: the jobs for an earlier start find it changed and do nothing).
 * A reminder whose time has passed is skipped.
 */
export async function scheduleEventReminders(
  deps: Pick<Deps, "jobs">,
  tx: Tx,
  event: { networkId: string; eventId: string; startsAt: Date },
): Promise<void> {
  const now = Date.now();
  for (const r of reminders) {
    const runAt = new Date(event.startsAt.getTime() - r.before);
    if (runAt.getTime() <= now) continue;
    const payload: ReminderPayload = {
      networkId: event.networkId,
      eventId: event.eventId,
      kind: r.kind,
      startsAt: event.startsAt.toISOString(),
    };
    await deps.jobs.enqueue(tx, reminderJobKind, payload, { runAt });
  }
}

export async function runReminder(deps: Deps, payload: ReminderPayload): Promise<void> {
  const startsAt = new Date(payload.startsAt);
  const sent = await inSystem(deps.database, async (tx) => {
    const event = await findEvent(tx, payload.networkId, payload.eventId);
    if (!event || event.status === "cancelled" || event.starts_at.getTime() !== startsAt.getTime()) return false;
    // Late (the server was down): past the start nothing is worth sending, and within the last
    // hour the hour-before reminder says it.
    const left = startsAt.getTime() - Date.now();
    if (left <= 0 || (payload.kind === "reminder_day" && left < hourMs)) return false;
    if (!(await claimNotice(tx, event, payload.kind, startsAt))) return false;
    const people = await attendees(tx, event, ["confirmed"]);
    const host = await hostName(tx, event.network_id);
    const soon = payload.kind === "reminder_day" ? "day" : "hour";
    await deps.mailer.sendMany(
      tx,
      mailsFor(deps, event, host, people, (base) => ({ kind: "event_reminder", soon, place: placeOf(event), ...base })),
    );
    return people.length > 0;
  });
  if (sent) deps.mailer.flush();
}

// --- changes and cancellation ---

/**
 * Tells confirmed and waitlisted attendees that the time, place or online link changed (mail and
 * notification). Call in the transaction that changed the event, after raising its SEQUENCE.
 */
export async function noticeEventChanged(deps: Pick<Deps, "jobs">, tx: Tx, event: NetworkEventRow, changed: EventChange[]): Promise<void> {
  if (changed.length === 0) return;
  const payload: NoticePayload = {
    networkId: event.network_id,
    eventId: event.id,
    notice: "changed",
    changed: [...new Set(changed)],
    sequence: event.sequence,
    startsAt: new Date(event.starts_at).toISOString(),
  };
  await deps.jobs.enqueue(tx, noticeJobKind, payload);
}

/** Tells confirmed and waitlisted attendees that the event is cancelled, with the reason. Call in the cancelling transaction. */
export async function noticeEventCancelled(deps: Pick<Deps, "jobs">, tx: Tx, event: NetworkEventRow): Promise<void> {
  const payload: NoticePayload = {
    networkId: event.network_id,
    eventId: event.id,
    notice: "cancelled",
    changed: [],
    sequence: event.sequence,
    startsAt: new Date(event.starts_at).toISOString(),
  };
  await deps.jobs.enqueue(tx, noticeJobKind, payload);
}

export async function runNotice(deps: Deps, payload: NoticePayload): Promise<void> {
  const sent = await withAfterCommit((afterCommit) =>
    inSystem(deps.database, async (tx) => {
      const event = await findEvent(tx, payload.networkId, payload.eventId);
      if (!event) return false;
      // A change notice for an event cancelled meanwhile says nothing useful: the cancellation says it all.
      if (payload.notice === "changed" && event.status === "cancelled") return false;
      const kind = payload.notice === "cancelled" ? "cancelled" : `changed:${String(payload.sequence)}`;
      if (!(await claimNotice(tx, event, kind, new Date(payload.startsAt)))) return false;
      const people = await attendees(tx, event, ["confirmed", "waitlisted"]);
      const host = await hostName(tx, event.network_id);
      const mails =
        payload.notice === "cancelled"
          ? mailsFor(deps, event, host, people, (base) => ({ kind: "event_cancelled", reason: event.cancel_reason, ...base }))
          : mailsFor(deps, event, host, people, (base) => ({
              kind: "event_changed",
              changed: payload.changed,
              place: placeOf(event),
              ...base,
            }));
      await deps.mailer.sendMany(tx, mails);
      await notifyAttendees(deps, tx, afterCommit, event, people, payload.notice === "cancelled" ? "event_cancelled" : "event_changed");
      return people.length > 0;
    }),
  );
  if (sent) deps.mailer.flush();
}

// --- promotion ---

/**
 * "You got a place" (mail and notification) to a member promoted from the waitlist. Call in the
 * promoting transaction — a system-scope one (or the member's own network's): the notification
 * is written in the network the member registered from. Pass the transaction's `afterCommit`
 * (withAfterCommit) so that the member's open tabs hear of it and the mail leaves at once;
 * without it they see it on their next load and the mail with the next poll.
 */
export async function noticePromoted(
  deps: Deps,
  tx: Tx,
  event: NetworkEventRow,
  registration: { memberNetworkId: string; memberId: string; accountId: string },
  afterCommit: AfterCommit = () => undefined,
): Promise<void> {
  const person = await tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .innerJoin("networks as w", "w.id", "m.network_id")
    .select(["m.network_id as member_network_id", "m.id as member_id", "a.email", "a.locale", "a.display_name", "w.slug"])
    .where("m.network_id", "=", registration.memberNetworkId)
    .where("m.id", "=", registration.memberId)
    .where("m.account_id", "=", registration.accountId)
    .where("m.status", "=", "active")
    .executeTakeFirst();
  if (!person) return;
  const host = await hostName(tx, event.network_id);
  await deps.mailer.sendMany(
    tx,
    mailsFor(deps, event, host, [person], (base) => ({ kind: "event_promoted", place: placeOf(event), ...base })),
  );
  await notifyAttendees(deps, tx, afterCommit, event, [person], "event_promoted");
  afterCommit(() => {
    deps.mailer.flush();
    return Promise.resolve();
  });
}

export function registerEventNoticeJobs(deps: Deps): void {
  deps.jobs.register(reminderJobKind, (payload) => runReminder(deps, payload as ReminderPayload));
  deps.jobs.register(noticeJobKind, (payload) => runNotice(deps, payload as NoticePayload));
}
