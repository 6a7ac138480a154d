// Calendar files (RFC 5545), read back with an independent parser (ical.js) using only the
// VTIMEZONE definitions in the file: the right instants across daylight-saving changes
// (London's spring-forward Sunday, a New York evening over the autumn change, the hour London
// lives twice, Tokyo without DST), folding at 75 octets without splitting a character, text
// escaping; over HTTP the .ics of an event (404 for one the viewer can't see, the online URL
// only for confirmed attendees and organisers, a cancellation with SEQUENCE raised) and the
// personal feed (only the owner's registrations, in every network; a rotated token or a revoked
// feed answers 404; limited per token).
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ev from "../../src/shared/contract/events.ts";
import { calendarEventOf, foldLine, renderCalendar, type CalendarEvent } from "../../src/server/events/calendar.ts";
import { feedFetchesPerHour } from "../../src/server/events/calendar.service.ts";
import { hashSecret } from "../../src/server/platform/auth/tokens.ts";
import type { NetworkEventRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { createEvent, inDays } from "../helpers/events.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

// --- reading a file back ---

interface ParsedEvent {
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  description: string;
  location: string;
  url: string;
  start: string;
  end: string;
  startTzid: string | null;
}

/** Parses with ical.js, registering only the file's own VTIMEZONEs, and gives each VEVENT's UTC instants. */
function parseCalendar(text: string): { calendar: ICAL.Component; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  ICAL.TimezoneService.reset();
  for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
  const events = calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    const text = (name: string) => String(component.getFirstPropertyValue(name) ?? "");
    return {
      uid: event.uid,
      sequence: event.sequence,
      status: text("status"),
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: text("url"),
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      startTzid: (component.getFirstProperty("dtstart")?.getParameter("tzid") as string | undefined) ?? null,
    };
  });
  return { calendar, events };
}

/** Every physical line: CRLF-terminated, at most 75 octets, each valid UTF-8 on its own. */
function expectWellFormed(body: Buffer): void {
  const text = body.toString("utf8");
  expect(text.endsWith("\r\n")).toBe(true);
  expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let start = 0;
  for (let i = 0; i < body.length - 1; i++) {
    if (body[i] === 0x0d && body[i + 1] === 0x0a) {
      const line = body.subarray(start, i);
      expect(line.length, decoder.decode(line)).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
      start = i + 2;
    }
  }
}

// --- pure: the file ---

const eventRow = (overrides: Partial<NetworkEventRow>): NetworkEventRow => ({
  network_id: "00000000-0000-4000-8000-000000000001",
  id: "00000000-0000-4000-8000-00000000000a",
  title: "Event",
  description: "",
  description_html: "",
  cover_key: null,
  kind: "offline",
  venue_name: "Hall",
  venue_address: "1 Street",
  map_url: "",
  online_url: "",
  starts_at: new Date("2027-01-01T10:00:00Z"),
  ends_at: new Date("2027-01-01T12:00:00Z"),
  time_zone: "Asia/Tokyo",
  capacity: null,
  registration_deadline: null,
  audience: "everyone",
  room_id: null,
  announcement_post_id: null,
  report_post_id: null,
  series_id: null,
  series_theme: "",
  status: "published",
  cancel_reason: "",
  sequence: 0,
  created_by: null,
  created_at: new Date("2026-12-01T00:00:00Z"),
  updated_at: new Date("2026-12-02T00:00:00Z"),
  ...overrides,
});

const render = (rows: NetworkEventRow[], locale: "ja" | "en" = "en") =>
  renderCalendar(
    rows.map((row) => calendarEventOf(row, { pageUrl: `https://tsunagu.example/n/acme/events/${row.id}`, locale, showOnlineUrl: false })),
    { now: new Date("2026-11-01T00:00:00Z"), publicUrl: "https://tsunagu.example" },
  );

describe("iCalendar files, read by ical.js", () => {
  // Each case: the instants the organiser gave; ical.js must compute them back from TZID + VTIMEZONE.
  const cases: [string, string, string, string][] = [
    // 00:30 GMT, then clocks jump 01:00 → 02:00: ends 04:00 BST.
    ["London, the Sunday DST starts", "Europe/London", "2027-03-28T00:30:00Z", "2027-03-28T03:00:00Z"],
    // 23:00 EDT on Saturday to 03:00 EST on Sunday, over the 02:00 → 01:00 change.
    ["New York, spanning the change to standard time", "America/New_York", "2027-11-07T03:00:00Z", "2027-11-07T08:00:00Z"],
    // New York in summer, and a winter event in the same file: both rules of the zone are used.
    ["New York in summer", "America/New_York", "2027-07-04T22:00:00Z", "2027-07-05T01:00:00Z"],
    ["Tokyo (no DST)", "Asia/Tokyo", "2027-12-05T10:00:00Z", "2027-12-05T12:00:00Z"],
    // 01:30 happens twice in London on 31 October 2027; this is the second one (GMT).
    ["London, the hour lived twice", "Europe/London", "2027-10-31T01:30:00Z", "2027-10-31T03:00:00Z"],
    ["Sydney (southern hemisphere), the day DST ends", "Australia/Sydney", "2027-04-03T14:30:00Z", "2027-04-03T17:30:00Z"],
    ["Kolkata (half-hour offset)", "Asia/Kolkata", "2027-02-01T04:00:00Z", "2027-02-01T06:30:00Z"],
  ];

  it("carries the right instants across time-zone boundaries, with TZID and one VTIMEZONE per zone", () => {
    const rows = cases.map(([title, zone, start, end], i) =>
      eventRow({
        id: `00000000-0000-4000-8000-00000000001${String(i)}`,
        title,
        time_zone: zone,
        starts_at: new Date(start),
        ends_at: new Date(end),
      }),
    );
    const text = render(rows);
    expectWellFormed(Buffer.from(text, "utf8"));
    const { calendar, events } = parseCalendar(text);
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(String(calendar.getFirstPropertyValue("prodid"))).toContain("Tsunagu");
    const zones = calendar.getAllSubcomponents("vtimezone").map((z) => String(z.getFirstPropertyValue("tzid")));
    expect(zones.sort()).toEqual([...new Set(cases.map((c) => c[1]))].sort());
    for (const [title, zone, start, end] of cases) {
      const event = events.find((e) => e.summary === title);
      expect(event, title).toBeDefined();
      expect({ title, start: event?.start, end: event?.end }).toEqual({
        title,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
      });
      // The second 01:30 in London cannot be written with TZID (it would mean the first): UTC instead.
      expect(event?.startTzid, title).toBe(title === "London, the hour lived twice" ? null : zone);
    }
  });

  it("writes Tokyo as one STANDARD +0900 and London's rules as yearly DAYLIGHT/STANDARD pairs", () => {
    const { calendar } = parseCalendar(
      render([eventRow({ time_zone: "Asia/Tokyo" }), eventRow({ id: "00000000-0000-4000-8000-00000000000b", time_zone: "Europe/London" })]),
    );
    const zone = (tzid: string) => calendar.getAllSubcomponents("vtimezone").find((z) => z.getFirstPropertyValue("tzid") === tzid);
    const tokyo = zone("Asia/Tokyo");
    expect(tokyo?.getAllSubcomponents().map((c) => c.name)).toEqual(["standard"]);
    expect(tokyo?.getAllSubcomponents("standard")[0]?.getFirstProperty("tzoffsetto")?.toICALString()).toBe("TZOFFSETTO:+0900");
    const london = zone("Europe/London");
    const daylight = london?.getFirstSubcomponent("daylight");
    expect(daylight?.getFirstProperty("rrule")?.toICALString()).toBe("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
    expect(daylight?.getFirstProperty("tzoffsetto")?.toICALString()).toBe("TZOFFSETTO:+0100");
    expect(london?.getFirstSubcomponent("standard")?.getFirstProperty("rrule")?.toICALString()).toBe(
      "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    );
  });

  it("folds a long Japanese title at 75 octets without splitting a character, and escapes text", () => {
    const title = "第7回 アルムナイ交流会「これからのキャリアと、会社とのつながり方」〜現役社員とアルムナイが語り合う夜〜";
    const description = "持ち物: 名刺; 筆記用具, ノート\n\\ バックスラッシュも\nhttps://example.com/a,b";
    const text = render([eventRow({ title, description, venue_name: "本社, 20F", venue_address: "東京都千代田区; 丸の内1-1" })], "ja");
    const bytes = Buffer.from(text, "utf8");
    expectWellFormed(bytes);
    expect(text).toContain("\r\n ");
    expect(text).toContain("本社\\, 20F\\, 東京都千代田区\\; 丸の内1-1");
    const [event] = parseCalendar(text).events;
    expect(event?.summary).toBe(title);
    expect(event?.description.startsWith("持ち物: 名刺; 筆記用具, ノート\n\\ バックスラッシュも\nhttps://example.com/a,b")).toBe(true);
    expect(event?.location).toBe("本社, 20F, 東京都千代田区; 丸の内1-1");
    // 4-byte characters (emoji) are never split either.
    const folded = foldLine(`SUMMARY:${"🎉".repeat(40)}`);
    for (const line of folded.split("\r\n")) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      expect(line.replace(/^ /, "")).toMatch(/^(SUMMARY:)?(🎉)+$/u);
    }
  });

  it("marks a cancelled event CANCELLED with its SEQUENCE, and a cancelled registration with SEQUENCE raised", () => {
    const cancelled = calendarEventOf(eventRow({ status: "cancelled", sequence: 3, cancel_reason: "台風のため" }), {
      pageUrl: "https://tsunagu.example/n/acme/events/x",
      locale: "ja",
      showOnlineUrl: true,
    });
    expect(cancelled).toMatchObject<Partial<CalendarEvent>>({ status: "CANCELLED", sequence: 3 });
    expect(cancelled.description).toContain("台風のため");
    const mine = calendarEventOf(eventRow({ sequence: 3 }), {
      pageUrl: "https://tsunagu.example/n/acme/events/x",
      locale: "ja",
      showOnlineUrl: false,
      status: "CANCELLED",
    });
    expect(mine).toMatchObject<Partial<CalendarEvent>>({ status: "CANCELLED", sequence: 4 });
  });
});

// --- over HTTP ---

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const ics = (client: Client, networkId: string, eventId: string) => client.call(ev.eventIcs, { params: { networkId, eventId } });

async function icsEvent(client: Client, networkId: string, eventId: string): Promise<ParsedEvent> {
  const res = await ics(client, networkId, eventId);
  expect(res.status, res.raw).toBe(200);
  expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
  expect(String(res.headers["content-disposition"])).toMatch(/^attachment; filename=".*\.ics"/);
  expectWellFormed(Buffer.from(res.raw, "utf8"));
  const { events } = parseCalendar(res.raw);
  expect(events).toHaveLength(1);
  return events[0] as ParsedEvent;
}

const register = async (client: Client, networkId: string, eventId: string) => {
  const res = await client.call(ev.register, { params: { networkId, eventId }, body: { answers: {} } });
  expect(res.status, res.raw).toBe(200);
  return res.body as ev.MyRegistration;
};

describe("GET …/events/:eventId/event.ics", () => {
  it("answers the event with a stable UID, its times in its zone, and the online URL only for confirmed attendees and organisers", async () => {
    const { network, admin, alumni, employee } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network, {
      kind: "hybrid",
      onlineUrl: "https://meet.example.com/secret-room",
      startsAt: "2027-03-28T00:30:00.000Z",
      endsAt: "2027-03-28T03:00:00.000Z",
      timeZone: "Europe/London",
      registrationDeadline: null,
    });
    const host = new URL(t.config.publicUrl).host;

    const seen = await icsEvent(alumni.client, network.id, event.id);
    expect(seen).toMatchObject({
      uid: `${event.id}@${host}`,
      sequence: 0,
      status: "CONFIRMED",
      summary: "アルムナイ交流会",
      start: "2027-03-28T00:30:00.000Z",
      end: "2027-03-28T03:00:00.000Z",
      startTzid: "Europe/London",
      url: `${t.config.publicUrl}/n/${network.slug}/events/${event.id}`,
      location: "本社 20F ラウンジ, 東京都千代田区1-1 / オンライン",
    });
    // The Markdown as plain text, with the link's address and the event page.
    expect(seen.description).toContain("ようこそ、会社のサイト (https://example.com)もどうぞ");
    expect(seen.description).toContain(`${t.config.publicUrl}/n/${network.slug}/events/${event.id}`);
    expect(seen.description).not.toContain("secret-room");

    await register(alumni.client, network.id, event.id);
    expect((await icsEvent(alumni.client, network.id, event.id)).description).toContain("https://meet.example.com/secret-room");
    // The organiser sees it without registering; another member still does not.
    expect((await icsEvent(admin.client, network.id, event.id)).description).toContain("https://meet.example.com/secret-room");
    expect((await icsEvent(employee.client, network.id, event.id)).description).not.toContain("secret-room");
    // The same UID every time: calendar apps update the event instead of adding another.
    expect((await icsEvent(employee.client, network.id, event.id)).uid).toBe(seen.uid);
  });

  it("marks a cancelled event STATUS:CANCELLED with SEQUENCE raised, and says why", async () => {
    const { network, admin, alumni } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network);
    const before = await icsEvent(alumni.client, network.id, event.id);
    const moved = await admin.client.call(ev.updateEvent, {
      params: { networkId: network.id, eventId: event.id },
      body: { startsAt: inDays(11, 10), endsAt: inDays(11, 12) },
    });
    expect(moved.status, moved.raw).toBe(200);
    const after = await icsEvent(alumni.client, network.id, event.id);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start).toBe(inDays(11, 10));
    const cancel = await admin.client.call(ev.cancelEvent, {
      params: { networkId: network.id, eventId: event.id },
      body: { reason: "会場の都合により中止します" },
    });
    expect(cancel.status, cancel.raw).toBe(200);
    const cancelled = await icsEvent(alumni.client, network.id, event.id);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.sequence).toBeGreaterThan(after.sequence);
    expect(cancelled.uid).toBe(before.uid);
    expect(cancelled.description).toContain("会場の都合により中止します");
  });

  it("answers 404 for an event the viewer can't see: outside its audience, another network's, no such event, not a member", async () => {
    const { network, admin, alumni } = await makeQuickTenant(t);
    const other = await makeQuickTenant(t);
    const employeesOnly = await createEvent(admin.client, network, { audience: "employees" });
    expectError(await ics(alumni.client, network.id, employeesOnly.id), 404, "not_found");
    const open = await createEvent(admin.client, network);
    // Through their own network's path, or the host's: neither shows it.
    expectError(await ics(other.alumni.client, other.network.id, open.id), 404, "not_found");
    expectError(await ics(other.alumni.client, network.id, open.id), 404, "not_found");
    expectError(await ics(alumni.client, network.id, "00000000-0000-4000-8000-000000000000"), 404, "not_found");
    const stranger = await sessionClient(t, await makeAccount(t));
    expectError(await ics(stranger, network.id, open.id), 404, "not_found");
    expectError(await ics(t.anonymous(), network.id, open.id), 401, "unauthenticated");
  });
});

describe("the calendar feed", () => {
  const feedPath = (url: string) => new URL(url).pathname;

  async function fetchFeed(url: string) {
    const res = await t.anonymous().request("GET", feedPath(url));
    return res;
  }

  it("lists the owner's registrations in every network, cancelled ones as CANCELLED, nobody else's", async () => {
    const a = await makeQuickTenant(t);
    const b = await makeQuickTenant(t);
    // The alumni of network A is also a member of network B.
    await addMember(t, b.network, a.alumni.account, "alumni");
    const inA = await createEvent(a.admin.client, a.network, { title: "Aの交流会", timeZone: "Asia/Tokyo" });
    const inB = await createEvent(b.admin.client, b.network, {
      title: "Bの勉強会",
      timeZone: "America/New_York",
      startsAt: inDays(20, 23),
      endsAt: inDays(21, 2),
      kind: "online",
      venueName: "",
      venueAddress: "",
      onlineUrl: "https://meet.example.com/b",
    });
    const cancelledLater = await createEvent(a.admin.client, a.network, { title: "キャンセルした会" });
    const othersOnly = await createEvent(a.admin.client, a.network, { title: "他の人だけの会" });
    const notRegistered = await createEvent(a.admin.client, a.network, { title: "登録していない会" });
    void notRegistered;
    await register(a.alumni.client, a.network.id, inA.id);
    await register(a.alumni.client, b.network.id, inB.id);
    await register(a.alumni.client, a.network.id, cancelledLater.id);
    const cancel = await a.alumni.client.call(ev.cancelRegistration, { params: { networkId: a.network.id, eventId: cancelledLater.id } });
    expect(cancel.status, cancel.raw).toBe(200);
    await register(a.employee.client, a.network.id, othersOnly.id);

    expect((await a.alumni.client.call(ev.getCalendarFeed)).body).toEqual({ url: null, createdAt: null });
    const created = await a.alumni.client.call(ev.createCalendarFeed);
    expect(created.status, created.raw).toBe(200);
    const url = created.body.url as string;
    expect(url.startsWith(`${t.config.publicUrl}/api/calendar/`)).toBe(true);
    // Afterwards only that it exists: the address is not kept.
    const state = await a.alumni.client.call(ev.getCalendarFeed);
    expect(state.body).toEqual({ url: null, createdAt: created.body.createdAt });

    const res = await fetchFeed(url);
    expect(res.status, res.raw).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("private, no-store");
    expectWellFormed(Buffer.from(res.raw, "utf8"));
    const { calendar, events } = parseCalendar(res.raw);
    expect(String(calendar.getFirstPropertyValue("x-wr-calname"))).toContain("つなぐ");
    const byTitle = new Map(events.map((e) => [e.summary, e]));
    expect([...byTitle.keys()].sort()).toEqual(["Aの交流会", "Bの勉強会", "キャンセルした会"].sort());
    expect(byTitle.get("Aの交流会")).toMatchObject({
      status: "CONFIRMED",
      url: `${t.config.publicUrl}/n/${a.network.slug}/events/${inA.id}`,
    });
    expect(byTitle.get("Bの勉強会")).toMatchObject({
      status: "CONFIRMED",
      start: inDays(20, 23),
      end: inDays(21, 2),
      startTzid: "America/New_York",
      location: "オンライン",
      url: `${t.config.publicUrl}/n/${b.network.slug}/events/${inB.id}`,
    });
    // Confirmed: the online link is in their calendar, as on the event page.
    expect(byTitle.get("Bの勉強会")?.description).toContain("https://meet.example.com/b");
    expect(byTitle.get("キャンセルした会")).toMatchObject({ status: "CANCELLED", sequence: 1 });

    // The other person's feed has only their own event.
    const theirs = await a.employee.client.call(ev.createCalendarFeed);
    const other = parseCalendar((await fetchFeed(theirs.body.url as string)).raw).events.map((e) => e.summary);
    expect(other).toEqual(["他の人だけの会"]);
  });

  it("stops answering an old address once a new one is made, and every address once revoked", async () => {
    const { network, admin, alumni } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network);
    await register(alumni.client, network.id, event.id);
    const first = (await alumni.client.call(ev.createCalendarFeed)).body.url as string;
    expect((await fetchFeed(first)).status).toBe(200);
    const second = (await alumni.client.call(ev.createCalendarFeed)).body.url as string;
    expect(second).not.toBe(first);
    expectError(await fetchFeed(first), 404, "not_found");
    expect((await fetchFeed(second)).status).toBe(200);
    const revoked = await alumni.client.call(ev.revokeCalendarFeed);
    expect(revoked.status, revoked.raw).toBe(200);
    expect(revoked.body).toEqual({ url: null, createdAt: null });
    expectError(await fetchFeed(second), 404, "not_found");
    expectError(await t.anonymous().request("GET", `/api/calendar/${"x".repeat(43)}`), 404, "not_found");
    // A new one after revoking works again.
    const third = (await alumni.client.call(ev.createCalendarFeed)).body.url as string;
    expect((await fetchFeed(third)).status).toBe(200);
  });

  it("keeps only the token's hash, and refuses a feed fetched too often (429), per feed", async () => {
    const { network, admin, alumni, employee } = await makeQuickTenant(t);
    await createEvent(admin.client, network);
    const url = (await alumni.client.call(ev.createCalendarFeed)).body.url as string;
    const token = feedPath(url).split("/").pop() ?? "";
    const stored = await inSystem(t.database, (tx) =>
      tx.selectFrom("calendar_feeds").select("token_hash").where("account_id", "=", alumni.account.id).executeTakeFirstOrThrow(),
    );
    expect(stored.token_hash).toBe(hashSecret(token));
    expect(stored.token_hash).not.toContain(token);
    // As if it had been fetched the allowed number of times this hour.
    await t.database.db
      .insertInto("rate_limits")
      .values({ key: `calendar-feed:${hashSecret(token)}`, window_start: new Date(), hits: feedFetchesPerHour })
      .execute();
    const limited = await fetchFeed(url);
    expectError(limited, 429, "rate_limited");
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Another person's feed is not affected.
    const theirs = (await employee.client.call(ev.createCalendarFeed)).body.url as string;
    expect((await fetchFeed(theirs)).status).toBe(200);
  });

  it("needs a session to make, see or revoke a feed", async () => {
    expectError(await t.anonymous().call(ev.getCalendarFeed), 401, "unauthenticated");
    expectError(await t.anonymous().call(ev.createCalendarFeed), 401, "unauthenticated");
    expectError(await t.anonymous().call(ev.revokeCalendarFeed), 401, "unauthenticated");
  });
});
