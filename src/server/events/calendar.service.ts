// Calendar files: the .ics of one event (for a member who can see it) and a person's calendar
// feed — a secret address of the events they registered for, in every network, that calendar
// apps poll without a session. Only the token's SHA-256 is stored; a new token replaces the old
// one, and revoking deletes it, so the old address answers 404 at once.
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import type { Locale } from "../../shared/limits.ts";
import { hashSecret, newSecret } from "../platform/auth/tokens.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound } from "../platform/errors/errors.ts";
import type { AccountActor, MemberActor } from "../platform/http/context.ts";
import { hitRateLimit } from "../platform/http/rate-limit.ts";
import { inAccount, inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { calendarEventOf, renderCalendar, type CalendarStatus } from "./calendar.ts";
import { canEditEvent } from "./events.policy.ts";
import { findVisibleEvent } from "./events.access.ts";

/** The feed lists events that ended at most this long ago, and every upcoming one. */
const feedPastDays = 90;
/** Calendar apps poll; a feed fetched more often than this per hour is refused (429). */
export const feedFetchesPerHour = 120;
const feedRefreshMinutes = 60;
/** A bound on one response; nobody registers for more events than this within the window. */
const feedEventsMax = 1000;

export interface CalendarFeedState {
  url: string | null;
  createdAt: string | null;
}

const eventPageUrl = (publicUrl: string, slug: string, eventId: string) => `${publicUrl}/n/${slug}/events/${eventId}`;

/** A file name any system accepts: the title without path separators or control characters. */
function icsFilename(title: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const safe = [...title.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, " ").trim()].slice(0, 60).join("");
  return `${safe || "event"}.ics`;
}

/** GET …/events/:eventId/event.ics — 404 when the actor cannot see the event, as its page. */
export async function eventIcs(deps: Deps, actor: MemberActor, eventId: string): Promise<FileResponse> {
  const event = await findVisibleEvent(actor, eventId);
  // The online URL as on the event page: confirmed attendees and those who organise it.
  const organises = canEditEvent({ role: actor.role, host: event.is_host, organizer: event.is_organizer, invited: event.is_invited });
  const showOnlineUrl = event.my_status === "confirmed" || organises;
  // The page under the caller's own network: a co-host's member reaches the event from there.
  const slug = actor.memberships.find((m) => m.networkId === actor.networkId)?.slug ?? event.host_slug;
  const locale = actor.account.locale;
  const body = renderCalendar(
    [calendarEventOf(event, { pageUrl: eventPageUrl(deps.config.publicUrl, slug, event.id), locale, showOnlineUrl })],
    {
      now: new Date(),
      publicUrl: deps.config.publicUrl,
    },
  );
  return { filename: icsFilename(event.title), body: Buffer.from(body, "utf8") };
}

const feedUrl = (publicUrl: string, token: string) => `${publicUrl}/api/calendar/${token}`;

export function getCalendarFeed(deps: Deps, actor: AccountActor): Promise<CalendarFeedState> {
  return inAccount(deps.database, actor.account.id, async (tx) => {
    const row = await tx.selectFrom("calendar_feeds").select("created_at").where("account_id", "=", actor.account.id).executeTakeFirst();
    // The address itself is not kept: it is shown once, when made.
    return { url: null, createdAt: row ? row.created_at.toISOString() : null };
  });
}

/** A new secret address; the previous one stops working in the same statement. */
export function createCalendarFeed(deps: Deps, actor: AccountActor): Promise<CalendarFeedState> {
  const token = newSecret(32);
  return inAccount(deps.database, actor.account.id, async (tx) => {
    const row = await tx
      .insertInto("calendar_feeds")
      .values({ account_id: actor.account.id, token_hash: hashSecret(token) })
      .onConflict((oc) => oc.column("account_id").doUpdateSet({ token_hash: hashSecret(token), created_at: new Date() }))
      .returning("created_at")
      .executeTakeFirstOrThrow();
    return { url: feedUrl(deps.config.publicUrl, token), createdAt: row.created_at.toISOString() };
  });
}

export function revokeCalendarFeed(deps: Deps, actor: AccountActor): Promise<CalendarFeedState> {
  return inAccount(deps.database, actor.account.id, async (tx) => {
    await tx.deleteFrom("calendar_feeds").where("account_id", "=", actor.account.id).execute();
    return { url: null, createdAt: null };
  });
}

/** The events an account registered for, in every network where it is still an active member. */
function registeredEvents(tx: Tx, accountId: string, since: Date) {
  return tx
    .selectFrom("event_registrations as r")
    .innerJoin("network_events as e", (j) => j.onRef("e.network_id", "=", "r.network_id").onRef("e.id", "=", "r.event_id"))
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "r.member_network_id").onRef("m.id", "=", "r.member_id"))
    .innerJoin("networks as w", "w.id", "r.member_network_id")
    .selectAll("e")
    .select(["r.status as registration_status", "w.slug as member_slug"])
    .where("r.account_id", "=", accountId)
    .where("m.status", "=", "active")
    .where("e.ends_at", ">=", since)
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .limit(feedEventsMax)
    .execute();
}

const registrationStatus: Record<"confirmed" | "waitlisted" | "cancelled", CalendarStatus> = {
  confirmed: "CONFIRMED",
  // On the waitlist: in the calendar, but not yet a place.
  waitlisted: "TENTATIVE",
  cancelled: "CANCELLED",
};

const feedName: Record<Locale, string> = { ja: "つなぐ — 参加するイベント", en: "Tsunagu — my events" };

/** GET /api/calendar/:feedToken — no session: the token is the credential. Unknown or revoked → 404. */
export async function calendarFeed(deps: Deps, token: string): Promise<FileResponse> {
  const tokenHash = hashSecret(token);
  const owner = await inSystem(deps.database, (tx) =>
    tx
      .selectFrom("calendar_feeds as f")
      .innerJoin("accounts as a", "a.id", "f.account_id")
      .select(["a.id", "a.locale"])
      .where("f.token_hash", "=", tokenHash)
      .executeTakeFirst(),
  );
  // Unknown tokens write nothing (no counter per made-up token). Known ones are limited per feed,
  // keyed by the hash (the secret never lands in rate_limits), not per address: Google and
  // Outlook fetch every subscriber's feed from the same few servers.
  if (!owner) throw notFound();
  await hitRateLimit(deps.database, `calendar-feed:${tokenHash}`, feedFetchesPerHour, 3600);
  const now = new Date();
  const locale = owner.locale;
  const rows = await inSystem(deps.database, (tx) => registeredEvents(tx, owner.id, new Date(now.getTime() - feedPastDays * 86_400_000)));
  const events = rows.map((row) =>
    calendarEventOf(row, {
      pageUrl: eventPageUrl(deps.config.publicUrl, row.member_slug, row.id),
      locale,
      showOnlineUrl: row.registration_status === "confirmed",
      status: registrationStatus[row.registration_status],
    }),
  );
  const body = renderCalendar(events, {
    now,
    publicUrl: deps.config.publicUrl,
    feed: { name: feedName[locale], refreshMinutes: feedRefreshMinutes },
  });
  return { filename: "tsunagu-events.ics", body: Buffer.from(body, "utf8") };
}
