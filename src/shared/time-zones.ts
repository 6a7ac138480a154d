// The wall clock of a named time zone at an instant, and its offset from UTC, from Intl's own
// zone data (no library): the web app shows event times in the viewer's zone with it, and the
// server writes iCalendar time zones (VTIMEZONE) with it.

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
}

const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
const partFormats = new Map<string, Intl.DateTimeFormat>();

function partFormat(timeZone: string): Intl.DateTimeFormat {
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      weekday: "short",
      era: "short",
    });
    partFormats.set(timeZone, format);
  }
  return format;
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    partFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in `timeZone` at an instant. Throws on a zone the browser does not know. */
export function zonedParts(instant: string | number | Date, timeZone: string): ZonedParts {
  const date = instant instanceof Date ? instant : new Date(instant);
  const values: Record<string, string> = {};
  for (const part of partFormat(timeZone).formatToParts(date)) values[part.type] = part.value;
  const year = Number(values.year);
  return {
    // Years before 1 AD come as "1 BC"; nobody schedules a meet-up there, but stay exact.
    year: values.era === "BC" ? 1 - year : year,
    month: Number(values.month),
    day: Number(values.day),
    hour: Number(values.hour) % 24,
    minute: Number(values.minute),
    second: Number(values.second),
    weekday: weekdayIndex[values.weekday ?? "Sun"] ?? 0,
  };
}

/** Milliseconds the zone is ahead of UTC at an instant, whole seconds (Tokyo: +9 h). */
export function offsetAt(timeZone: string, epochMs: number): number {
  const p = zonedParts(epochMs, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}
