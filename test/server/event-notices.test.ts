// What attendees are told about an event: reminders a day and an hour before (durable jobs:
// exactly once, even when the server restarts between scheduling and sending, or a job runs
// again after a crash; nothing for a moved or cancelled event's old start), a new time or place,
// a cancellation with its reason, and a place from the waitlist — by mail in each person's
// language and as a notification in the network they registered from (a co-host's member in
// theirs, with a link to the event page there).
import { sql } from "kysely";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ev from "../../src/shared/contract/events.ts";
import type { EventInput } from "../../src/shared/contract/events.ts";
import * as n from "../../src/shared/contract/notifications.ts";
import { buildApp } from "../../src/server/app.ts";
import { describeEventTime, reminderJobKind, noticeJobKind } from "../../src/server/events/event-notices.ts";
import { loadConfig } from "../../src/server/platform/config/config.ts";
import type { Database } from "../../src/server/platform/db/database.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { addMember, makeAccount, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { mailsTo } from "../helpers/outbox.ts";
import { createTestDatabase } from "../helpers/test-database.ts";
import { Client, createTestApp, type TestApp } from "../helpers/test-app.ts";

describe("an event's time in words", () => {
  const start = new Date("2026-12-05T10:00:00Z");
  const end = new Date("2026-12-05T12:00:00Z");
  const now = new Date("2026-06-01T00:00:00Z");

  it("reads as people write it, in the event's time zone", () => {
    expect(describeEventTime(start, end, "Asia/Tokyo", "ja", now)).toBe("12月5日(土) 19:00〜21:00（日本時間）");
    expect(describeEventTime(start, end, "Asia/Tokyo", "en", now)).toBe("Sat, Dec 5, 19:00–21:00 (Japan time)");
    // The same instants in New York: the evening before, in that zone's words.
    expect(describeEventTime(start, end, "America/New_York", "en", now)).toMatch(/^Sat, Dec 5, 05:00–07:00 \(.+\)$/);
  });

  it("names the year when it is not this year's, and both days when it ends on another", () => {
    expect(describeEventTime(start, end, "Asia/Tokyo", "ja", new Date("2025-06-01T00:00:00Z"))).toBe(
      "2026年12月5日(土) 19:00〜21:00（日本時間）",
    );
    const late = new Date("2026-12-05T14:00:00Z");
    const after = new Date("2026-12-05T16:30:00Z");
    expect(describeEventTime(late, after, "Asia/Tokyo", "ja", now)).toBe("12月5日(土) 23:00〜12月6日(日) 01:30（日本時間）");
    expect(describeEventTime(late, after, "Asia/Tokyo", "en", now)).toBe("Sat, Dec 5, 23:00 – Sun, Dec 6, 01:30 (Japan time)");
  });
});

// --- with the app ---

const hour = 3600 * 1000;
const day = 24 * hour;
/** A whole minute some time from now (the API takes ISO instants). */
const fromNow = (ms: number) => new Date(Math.ceil((Date.now() + ms) / 60_000) * 60_000).toISOString();

function eventBody(overrides: Partial<EventInput> = {}) {
  const startsAt = overrides.startsAt ?? fromNow(3 * day);
  return {
    title: "アルムナイ交流会 2026冬",
    description: "",
    kind: "offline" as const,
    venueName: "本社 20F ラウンジ",
    venueAddress: "東京都千代田区丸の内1-1",
    startsAt,
    endsAt: new Date(Date.parse(startsAt) + 2 * hour).toISOString(),
    timeZone: "Asia/Tokyo",
    ...overrides,
  };
}

async function createEvent(t: TestApp, client: Client, network: NetworkRow, overrides: Partial<EventInput> = {}) {
  const res = await client.call(ev.createEvent, { params: { networkId: network.id }, body: eventBody(overrides) });
  expect(res.status, res.raw).toBe(201);
  return res.body as ev.EventDetail;
}

async function member(t: TestApp, network: NetworkRow, locale: "ja" | "en" = "ja") {
  const account = await makeAccount(t, { locale });
  const membership = await addMember(t, network, account, "alumni");
  return { account, membership, client: await sessionClient(t, account) };
}

async function register(client: Client, networkId: string, eventId: string, expected: "confirmed" | "waitlisted" = "confirmed") {
  const res = await client.call(ev.register, { params: { networkId, eventId }, body: { answers: {} } });
  expect(res.status, res.raw).toBe(200);
  expect(res.body.status).toBe(expected);
}

/** The event's reminder jobs (not yet done). */
function reminderJobs(database: Database, eventId: string) {
  return database.db
    .selectFrom("jobs")
    .select(["id", "run_at", "payload", "done_at"])
    .where("kind", "=", reminderJobKind)
    .where(sql<boolean>`payload->>'eventId' = ${eventId}`)
    .orderBy("run_at")
    .execute();
}

/** Makes the event's reminder of this kind due now, as if the clock had reached it. */
async function makeDue(database: Database, eventId: string, kind: "reminder_day" | "reminder_hour", startsAt?: string) {
  let q = database.db
    .updateTable("jobs")
    .set({ run_at: sql<Date>`now() - interval '1 second'` })
    .where("kind", "=", reminderJobKind)
    .where("done_at", "is", null)
    .where(sql<boolean>`payload->>'eventId' = ${eventId}`)
    .where(sql<boolean>`payload->>'kind' = ${kind}`);
  if (startsAt) q = q.where(sql<boolean>`payload->>'startsAt' = ${startsAt}`);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Runs a finished job again, as after a crash between its commit and its done mark. */
async function runAgain(database: Database, kind: string, eventId: string) {
  await database.db
    .updateTable("jobs")
    .set({ done_at: null, run_at: sql<Date>`now() - interval '1 second'` })
    .where("kind", "=", kind)
    .where(sql<boolean>`payload->>'eventId' = ${eventId}`)
    .execute();
}

const eventLink = (t: TestApp, slug: string, eventId: string) => `${t.config.publicUrl}/n/${slug}/events/${eventId}`;

async function notificationsOf(client: Client, networkId: string) {
  const res = await client.call(n.listNotifications, { params: { networkId } });
  expect(res.status, res.raw).toBe(200);
  return res.body.items as n.Notification[];
}

describe("reminders, changes, cancellation and promotion", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });
  const drain = () => t.app.deps.jobs.drain();

  it("schedules a reminder a day and an hour before the start, skipping one whose time has passed", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const later = await createEvent(t, admin.client, network, { startsAt: fromNow(3 * day) });
    const jobs = await reminderJobs(t.database, later.id);
    expect(jobs.map((j) => (j.payload as { kind: string }).kind)).toEqual(["reminder_day", "reminder_hour"]);
    expect(jobs.map((j) => j.run_at.getTime())).toEqual([Date.parse(later.startsAt) - day, Date.parse(later.startsAt) - hour]);
    const soon = await createEvent(t, admin.client, network, { startsAt: fromNow(3 * hour) });
    expect((await reminderJobs(t.database, soon.id)).map((j) => (j.payload as { kind: string }).kind)).toEqual(["reminder_hour"]);
    const now = await createEvent(t, admin.client, network, { startsAt: fromNow(30 * 60_000) });
    expect(await reminderJobs(t.database, now.id)).toEqual([]);
  });

  it("mails each confirmed attendee once, in their language, with the time in words, the place and their event page", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const event = await createEvent(t, admin.client, network, { capacity: 2 });
    const ja = await member(t, network, "ja");
    const en = await member(t, network, "en");
    const waiting = await member(t, network);
    const gone = await member(t, network);
    await register(gone.client, network.id, event.id);
    const cancelled = await gone.client.call(ev.cancelRegistration, { params: { networkId: network.id, eventId: event.id } });
    expect(cancelled.status, cancelled.raw).toBe(200);
    await register(ja.client, network.id, event.id);
    await register(en.client, network.id, event.id);
    await register(waiting.client, network.id, event.id, "waitlisted");
    await drain();

    expect(await makeDue(t.database, event.id, "reminder_day")).toBe(1);
    await drain();
    const [jaMail, ...moreJa] = await mailsTo(t, ja.account.email, "event_reminder");
    expect(moreJa).toEqual([]);
    expect(jaMail?.subject).toBe(`【つなぐ】明日開催：${event.title}`);
    const start = new Date(event.startsAt);
    const end = new Date(event.endsAt);
    expect(jaMail?.text_body).toContain(`日時：${describeEventTime(start, end, "Asia/Tokyo", "ja")}`);
    expect(jaMail?.text_body).toContain("（日本時間）");
    expect(jaMail?.text_body).toContain("場所：本社 20F ラウンジ（東京都千代田区丸の内1-1）");
    expect(jaMail?.text_body).toContain(eventLink(t, network.slug, event.id));
    expect(jaMail?.html_body).toContain(eventLink(t, network.slug, event.id));
    const [enMail, ...moreEn] = await mailsTo(t, en.account.email, "event_reminder");
    expect(moreEn).toEqual([]);
    expect(enMail?.subject).toBe(`[Tsunagu] Tomorrow: ${event.title}`);
    expect(enMail?.text_body).toContain(`When: ${describeEventTime(start, end, "Asia/Tokyo", "en")}`);
    expect(await mailsTo(t, waiting.account.email, "event_reminder")).toEqual([]);
    expect(await mailsTo(t, gone.account.email, "event_reminder")).toEqual([]);

    // Run again after a crash between the commit and the done mark: nothing twice.
    await runAgain(t.database, reminderJobKind, event.id);
    await makeDue(t.database, event.id, "reminder_hour");
    await drain();
    const jaMails = await mailsTo(t, ja.account.email, "event_reminder");
    expect(jaMails.map((m) => m.subject)).toEqual([`【つなぐ】明日開催：${event.title}`, `【つなぐ】まもなく開始：${event.title}`]);
    expect((await mailsTo(t, en.account.email, "event_reminder")).length).toBe(2);
    // And once more: still one of each.
    await runAgain(t.database, reminderJobKind, event.id);
    await drain();
    expect((await mailsTo(t, ja.account.email, "event_reminder")).length).toBe(2);
  });

  it("tells confirmed and waitlisted attendees of a new time, once; the old start's reminders send nothing", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const event = await createEvent(t, admin.client, network, { capacity: 1 });
    const confirmed = await member(t, network);
    const waiting = await member(t, network, "en");
    await register(confirmed.client, network.id, event.id);
    await register(waiting.client, network.id, event.id, "waitlisted");
    const oldStart = new Date(event.startsAt).toISOString();

    const newStart = fromNow(4 * day);
    const moved = await admin.client.call(ev.updateEvent, {
      params: { networkId: network.id, eventId: event.id },
      body: { startsAt: newStart, endsAt: new Date(Date.parse(newStart) + 3 * hour).toISOString() },
    });
    expect(moved.status, moved.raw).toBe(200);
    await drain();
    const when = describeEventTime(new Date(newStart), new Date(Date.parse(newStart) + 3 * hour), "Asia/Tokyo", "ja");
    const [changed, ...more] = await mailsTo(t, confirmed.account.email, "event_changed");
    expect(more).toEqual([]);
    expect(changed?.subject).toBe(`【つなぐ】イベント内容の変更：${event.title}`);
    expect(changed?.text_body).toContain("日時が変更されました");
    expect(changed?.text_body).toContain(`日時：${when}`);
    expect(changed?.text_body).toContain(eventLink(t, network.slug, event.id));
    const [english] = await mailsTo(t, waiting.account.email, "event_changed");
    expect(english?.subject).toBe(`[Tsunagu] Changed: ${event.title}`);
    expect(english?.text_body).toContain("The time of");
    for (const person of [confirmed, waiting]) {
      const [notice, ...others] = await notificationsOf(person.client, network.id);
      expect(others).toEqual([]);
      expect(notice).toMatchObject({
        kind: "event_changed",
        actor: null,
        summary: event.title,
        link: `/n/${network.slug}/events/${event.id}`,
      });
    }
    // The organiser who changed it is not an attendee: no mail.
    expect(await mailsTo(t, admin.account.email, "event_changed")).toEqual([]);
    await runAgain(t.database, noticeJobKind, event.id);
    await drain();
    expect((await mailsTo(t, confirmed.account.email, "event_changed")).length).toBe(1);
    expect((await notificationsOf(confirmed.client, network.id)).length).toBe(1);

    // The reminders for the old start find the event moved; the new start's send.
    expect(await makeDue(t.database, event.id, "reminder_day", oldStart)).toBe(1);
    await drain();
    expect(await mailsTo(t, confirmed.account.email, "event_reminder")).toEqual([]);
    expect(await makeDue(t.database, event.id, "reminder_day", new Date(newStart).toISOString())).toBe(1);
    await drain();
    const [reminder] = await mailsTo(t, confirmed.account.email, "event_reminder");
    expect(reminder?.text_body).toContain(`日時：${when}`);
  });

  it("tells attendees of a cancellation with its reason, and sends no reminder for it", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const event = await createEvent(t, admin.client, network, { capacity: 1 });
    const confirmed = await member(t, network);
    const waiting = await member(t, network);
    await register(confirmed.client, network.id, event.id);
    await register(waiting.client, network.id, event.id, "waitlisted");
    const res = await admin.client.call(ev.cancelEvent, {
      params: { networkId: network.id, eventId: event.id },
      body: { reason: "台風の接近により、安全のため中止します。" },
    });
    expect(res.status, res.raw).toBe(200);
    await drain();
    for (const person of [confirmed, waiting]) {
      const [mail, ...more] = await mailsTo(t, person.account.email, "event_cancelled");
      expect(more).toEqual([]);
      expect(mail?.subject).toBe(`【つなぐ】イベント中止のお知らせ：${event.title}`);
      expect(mail?.text_body).toContain("> 台風の接近により、安全のため中止します。");
      const [notice] = await notificationsOf(person.client, network.id);
      expect(notice).toMatchObject({ kind: "event_cancelled", summary: event.title, link: `/n/${network.slug}/events/${event.id}` });
    }
    await runAgain(t.database, noticeJobKind, event.id);
    expect(await makeDue(t.database, event.id, "reminder_day")).toBe(1);
    await drain();
    expect((await mailsTo(t, confirmed.account.email, "event_cancelled")).length).toBe(1);
    expect(await mailsTo(t, confirmed.account.email, "event_reminder")).toEqual([]);
  });

  it("tells a co-host's member in their own network, with the event page under it", async () => {
    const host = await makeQuickTenant(t);
    const cohost = await makeQuickTenant(t);
    const event = await createEvent(t, host.admin.client, host.network);
    const invite = await host.admin.client.call(ev.addCohost, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { slug: cohost.network.slug },
    });
    expect(invite.status, invite.raw).toBe(200);
    const accept = await cohost.admin.client.call(ev.decideCohostInvitation, {
      params: { networkId: cohost.network.id, eventId: event.id },
      body: { accept: true },
    });
    expect(accept.status, accept.raw).toBe(200);
    await register(cohost.alumni.client, cohost.network.id, event.id);
    await register(host.alumni.client, host.network.id, event.id);

    const moved = await host.admin.client.call(ev.updateEvent, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { venueName: "新本社 30F ホール", venueAddress: "東京都港区1-1" },
    });
    expect(moved.status, moved.raw).toBe(200);
    await drain();
    const [theirs] = await notificationsOf(cohost.alumni.client, cohost.network.id);
    expect(theirs).toMatchObject({ kind: "event_changed", link: `/n/${cohost.network.slug}/events/${event.id}` });
    const row = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("notifications")
        .select(["network_id", "recipient_id", "event_id"])
        .where("recipient_account_id", "=", cohost.alumni.account.id)
        .executeTakeFirstOrThrow(),
    );
    expect(row).toEqual({ network_id: cohost.network.id, recipient_id: cohost.alumni.membership.id, event_id: event.id });
    const [mail] = await mailsTo(t, cohost.alumni.account.email, "event_changed");
    expect(mail?.text_body).toContain("場所が変更されました");
    expect(mail?.text_body).toContain("場所：新本社 30F ホール（東京都港区1-1）");
    expect(mail?.text_body).toContain(eventLink(t, cohost.network.slug, event.id));
    expect(mail?.text_body).not.toContain(`/n/${host.network.slug}/`);
    const [hostSide] = await notificationsOf(host.alumni.client, host.network.id);
    expect(hostSide).toMatchObject({ kind: "event_changed", link: `/n/${host.network.slug}/events/${event.id}` });

    // A day before: the reminder reaches both, each with their own network's page.
    expect(await makeDue(t.database, event.id, "reminder_day")).toBe(1);
    await drain();
    expect((await mailsTo(t, cohost.alumni.account.email, "event_reminder"))[0]?.text_body).toContain(
      eventLink(t, cohost.network.slug, event.id),
    );
    expect((await mailsTo(t, host.alumni.account.email, "event_reminder")).length).toBe(1);
  });

  it("tells the first on the waitlist they got a place when someone cancels", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const event = await createEvent(t, admin.client, network, { capacity: 1 });
    const first = await member(t, network);
    const next = await member(t, network, "en");
    const after = await member(t, network);
    await register(first.client, network.id, event.id);
    await register(next.client, network.id, event.id, "waitlisted");
    await register(after.client, network.id, event.id, "waitlisted");
    const res = await first.client.call(ev.cancelRegistration, { params: { networkId: network.id, eventId: event.id } });
    expect(res.status, res.raw).toBe(200);
    await drain();
    const [mail, ...more] = await mailsTo(t, next.account.email, "event_promoted");
    expect(more).toEqual([]);
    expect(mail?.subject).toBe(`[Tsunagu] You have a place: ${event.title}`);
    expect(mail?.text_body).toContain(eventLink(t, network.slug, event.id));
    const [notice] = await notificationsOf(next.client, network.id);
    expect(notice).toMatchObject({ kind: "event_promoted", summary: event.title, link: `/n/${network.slug}/events/${event.id}` });
    expect(await mailsTo(t, after.account.email, "event_promoted")).toEqual([]);
    expect(await notificationsOf(after.client, network.id)).toEqual([]);
    await drain();
    expect((await mailsTo(t, next.account.email, "event_promoted")).length).toBe(1);
  });
});

describe("a restart between scheduling and sending", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let dataDir: string;

  /** An app process on the shared database; `close` stops it (its jobs too) and leaves the database. */
  async function start(): Promise<TestApp> {
    const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PUBLIC_URL: "http://localhost:3000" });
    const app = await buildApp(config, database, { logger: false });
    await app.fastify.ready();
    const instance: TestApp = { app, database, config, anonymous: () => new Client(app), close: () => app.close() };
    return instance;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), "tsunagu-test-"));
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("still sends exactly once: scheduled by one process, sent by the next, and never again", async () => {
    const first = await start();
    const { network, admin } = await makeQuickTenant(first);
    const event = await createEvent(first, admin.client, network, { capacity: 2 });
    const people = [await member(first, network), await member(first, network, "en")];
    for (const p of people) await register(p.client, network.id, event.id);
    const waiting = await member(first, network);
    await register(waiting.client, network.id, event.id, "waitlisted");
    expect((await reminderJobs(database, event.id)).length).toBe(2);
    await first.close();

    // A new process on the same database; the day-before time has come.
    const second = await start();
    expect(await makeDue(database, event.id, "reminder_day")).toBe(1);
    expect(await second.app.deps.jobs.drain()).toBeGreaterThanOrEqual(1);
    for (const p of people) expect((await mailsTo(second, p.account.email, "event_reminder")).length).toBe(1);
    expect(await mailsTo(second, waiting.account.email, "event_reminder")).toEqual([]);
    const notices = await inSystem(database, (tx) => tx.selectFrom("event_notices").selectAll().where("event_id", "=", event.id).execute());
    expect(notices.map((r) => ({ kind: r.kind, startsAt: r.starts_at.toISOString() }))).toEqual([
      { kind: "reminder_day", startsAt: new Date(event.startsAt).toISOString() },
    ]);

    // Nothing left to run; a re-run (a crash after the commit) and a duplicate job send nothing.
    expect(await second.app.deps.jobs.drain()).toBe(0);
    await runAgain(database, reminderJobKind, event.id);
    await second.app.deps.jobs.enqueue(
      database.db,
      reminderJobKind,
      { networkId: network.id, eventId: event.id, kind: "reminder_day", startsAt: new Date(event.startsAt).toISOString() },
      { runAt: new Date(Date.now() - 1000) },
    );
    await makeDue(database, event.id, "reminder_hour");
    await second.app.deps.jobs.drain();
    await second.close();
    const third = await start();
    await third.app.deps.jobs.drain();
    for (const p of people) {
      const mails = await mailsTo(third, p.account.email, "event_reminder");
      expect(mails.length).toBe(2);
      expect(new Set(mails.map((m) => m.subject)).size).toBe(2);
    }
    await third.close();
  });
});
