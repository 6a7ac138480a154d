// Event times: a wall-clock date and time in a named zone ⇄ the instant the API stores, and the
// words for a time span in the viewer's zone (「12月5日(土) 19:00〜21:00」). Written by hand over
// Intl's parts rather than with Intl's range formatter, whose wording changes between ICU versions.
import type { Locale } from "../../shared/limits.ts";
import { isKnownTimeZone, offsetAt, zonedParts, type ZonedParts } from "../../shared/time-zones.ts";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";

export { isKnownTimeZone, zonedParts, type ZonedParts } from "../../shared/time-zones.ts";

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})$/;

/**
 * The instant of a wall-clock date ("2026-12-05") and time ("19:00") in a zone, as ISO in UTC
 * ("2026-12-05T10:00:00.000Z"); null when the date, time or zone is not one. A time the clocks skip
 * (a spring-forward gap) moves forward by the gap; a time that happens twice (fall back) is the
 * first — the same choice as Temporal's "compatible".
 */
export function zonedToInstant(date: string, time: string, timeZone: string): string | null {
  const d = datePattern.exec(date);
  const t = timePattern.exec(time);
  if (!d || !t || !isKnownTimeZone(timeZone)) return null;
  const [year, month, day, hour, minute] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return null;
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  // Date.UTC rolls 31 February over into March: refuse instead.
  const check = new Date(wall);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;

  // A zone changes its offset at most once within a day around any wall time we care about, so the
  // offsets a day before and a day after are the only candidates.
  const oneDay = 86_400_000;
  const candidates = [...new Set([wall - offsetAt(timeZone, wall - oneDay), wall - offsetAt(timeZone, wall + oneDay)])].sort(
    (a, b) => a - b,
  );
  const matching = candidates.filter((epoch) => {
    const p = zonedParts(epoch, timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
  });
  const first = matching[0];
  if (first !== undefined) return new Date(first).toISOString();
  // In a gap: with the offset from before the change, the wall time lands after the gap.
  return new Date(wall - offsetAt(timeZone, wall - oneDay)).toISOString();
}

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

/** The reverse, for editing: an instant as the date and time inputs' values in a zone. */
export function instantToZoned(iso: string, timeZone: string): { date: string; time: string } {
  const p = zonedParts(iso, timeZone);
  return { date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** The zone this browser runs in (the form's default), Tokyo if it cannot tell. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "Asia/Tokyo";
  } catch {
    return "Asia/Tokyo";
  }
}

// --- words ---

const jaWeekdays = ["日", "月", "火", "水", "木", "金", "土"];
const enWeekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const enMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function sameDay(a: ZonedParts, b: ZonedParts): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

function dayWords(p: ZonedParts, locale: Locale, withYear: boolean): string {
  if (locale === "ja") return `${withYear ? `${p.year}年` : ""}${p.month}月${p.day}日(${jaWeekdays[p.weekday]})`;
  return `${enWeekdays[p.weekday]}, ${enMonths[p.month - 1]} ${p.day}${withYear ? `, ${p.year}` : ""}`;
}

function timeWords(p: ZonedParts, locale: Locale): string {
  if (locale === "ja") return `${p.hour}:${pad(p.minute)}`;
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${hour12}:${pad(p.minute)} ${p.hour < 12 ? "AM" : "PM"}`;
}

function momentWords(p: ZonedParts, locale: Locale, withYear: boolean): string {
  return locale === "ja"
    ? `${dayWords(p, locale, withYear)} ${timeWords(p, locale)}`
    : `${dayWords(p, locale, withYear)}, ${timeWords(p, locale)}`;
}

/**
 * A span in a zone: 「12月5日(土) 19:00〜21:00」, "Sat, Dec 5, 7:00 PM – 9:00 PM"; the end's date is
 * written when it ends on another day, the year when it is not this year (in that zone).
 */
export function formatEventSpan(startsAt: string, endsAt: string, timeZone: string, locale: Locale, now: Date = new Date()): string {
  const start = zonedParts(startsAt, timeZone);
  const end = zonedParts(endsAt, timeZone);
  const thisYear = zonedParts(now, timeZone).year;
  const withYear = start.year !== thisYear || end.year !== thisYear;
  const endText = sameDay(start, end) ? timeWords(end, locale) : momentWords(end, locale, withYear);
  return `${momentWords(start, locale, withYear)}${locale === "ja" ? "〜" : " – "}${endText}`;
}

/** One moment in a zone: 「12月1日(火) 23:59」, "Tue, Dec 1, 11:59 PM". */
export function formatEventMoment(iso: string, timeZone: string, locale: Locale, now: Date = new Date()): string {
  const p = zonedParts(iso, timeZone);
  return momentWords(p, locale, p.year !== zonedParts(now, timeZone).year);
}

/** Whether a span reads the same in two zones (Tokyo and Seoul do; Tokyo and London do not). */
export function sameWallClock(startsAt: string, endsAt: string, zoneA: string, zoneB: string): boolean {
  if (zoneA === zoneB) return true;
  return (
    JSON.stringify([zonedParts(startsAt, zoneA), zonedParts(endsAt, zoneA)]) ===
    JSON.stringify([zonedParts(startsAt, zoneB), zonedParts(endsAt, zoneB)])
  );
}

/** The short list offered first in the form's zone picker, each with a name in the UI language. */
export const commonTimeZones: readonly { zone: string; label: MessageKey }[] = [
  { zone: "Asia/Tokyo", label: "events.zone.tokyo" },
  { zone: "Asia/Seoul", label: "events.zone.seoul" },
  { zone: "Asia/Shanghai", label: "events.zone.shanghai" },
  { zone: "Asia/Taipei", label: "events.zone.taipei" },
  { zone: "Asia/Singapore", label: "events.zone.singapore" },
  { zone: "Asia/Bangkok", label: "events.zone.bangkok" },
  { zone: "Asia/Kolkata", label: "events.zone.kolkata" },
  { zone: "Europe/London", label: "events.zone.london" },
  { zone: "Europe/Paris", label: "events.zone.paris" },
  { zone: "America/New_York", label: "events.zone.newYork" },
  { zone: "America/Chicago", label: "events.zone.chicago" },
  { zone: "America/Los_Angeles", label: "events.zone.losAngeles" },
  { zone: "Pacific/Honolulu", label: "events.zone.honolulu" },
  { zone: "Australia/Sydney", label: "events.zone.sydney" },
  { zone: "UTC", label: "events.zone.utc" },
];

/** A zone's name for people: 「日本時間」 for the common ones, else the browser's name for it, else the id. */
export function timeZoneName(timeZone: string, t: Translate, locale: Locale): string {
  const common = commonTimeZones.find((entry) => entry.zone === timeZone);
  if (common) return t(common.label);
  try {
    const part = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { timeZone, timeZoneName: "longGeneric" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName");
    if (part && !/^GMT/.test(part.value)) return part.value;
  } catch {
    // An unknown zone: its id is the best we have.
  }
  return timeZone;
}
