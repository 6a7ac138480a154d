// Time zones for iCalendar files (RFC 5545 §3.6.5): a VTIMEZONE built from the zone's real
// offsets as this process's ICU knows them (Intl), and local times written against it.
//
// Google Calendar reads the IANA name in TZID; Outlook reads the VTIMEZONE and expects a
// zone in its own model — one STANDARD and one DAYLIGHT rule that repeat yearly. So when the
// transitions in the years the events span follow one yearly rule (as they do almost
// everywhere), the rule is written as an RRULE; otherwise each transition gets its own
// sub-component, which RFC 5545 allows and every reader computes the same way.

import { offsetAt } from "../../shared/time-zones.ts";

const dayMs = 86_400_000;

/** `20270328T013000`: the wall-clock time of a UTC-based millisecond count. */
function basicDateTime(localMs: number): string {
  return new Date(localMs).toISOString().slice(0, 19).replace(/[-:]/g, "");
}

/** `20270328T013000Z`. */
export const utcDateTime = (instant: Date) => `${basicDateTime(instant.getTime())}Z`;

/**
 * DTSTART/DTEND for an instant shown in `zone`: `;TZID=zone:local`. A local time that occurs
 * twice (the hour after clocks go back) means its first occurrence (RFC 5545 §3.3.5); for an
 * instant in the second one the UTC form is written instead, so that no reader is an hour off.
 */
export function zonedDateTime(zone: string, instant: Date): { params: string; value: string } {
  const ms = instant.getTime();
  const local = ms + offsetAt(zone, ms);
  if (firstInstantOf(zone, local) !== ms) return { params: "", value: utcDateTime(instant) };
  return { params: `;TZID=${zone}`, value: basicDateTime(local) };
}

/** The earliest instant whose wall-clock time in `zone` is `localMs`, or null in a gap. */
function firstInstantOf(zone: string, localMs: number): number | null {
  const offsets = new Set([offsetAt(zone, localMs - dayMs), offsetAt(zone, localMs), offsetAt(zone, localMs + dayMs)]);
  const valid = [...offsets].map((o) => localMs - o).filter((i) => offsetAt(zone, i) === localMs - i);
  return valid.length ? Math.min(...valid) : null;
}

interface Transition {
  /** The first instant with the new offset. */
  at: number;
  from: number;
  to: number;
}

const transitionsByYear = new Map<string, Transition[]>();

/** The zone's offset changes during one UTC year (a day's margin each side is the next year's). */
function transitionsIn(zone: string, year: number): Transition[] {
  const key = `${zone}@${String(year)}`;
  const known = transitionsByYear.get(key);
  if (known) return known;
  const found: Transition[] = [];
  const end = Date.UTC(year + 1, 0, 1);
  // Daily samples: no zone changes its offset twice within a day.
  for (let t = Date.UTC(year, 0, 1); t < end; t += dayMs) {
    const next = Math.min(t + dayMs, end);
    const from = offsetAt(zone, t);
    const to = offsetAt(zone, next);
    if (from === to) continue;
    let lo = t;
    let hi = next;
    while (hi - lo > 1000) {
      const mid = Math.floor((lo + hi) / 2000) * 1000;
      if (offsetAt(zone, mid) === from) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, from, to });
  }
  transitionsByYear.set(key, found);
  return found;
}

/** `+0900`, `-0500`, `+0530`, `+013045` (seconds only when there are any). */
function utcOffset(ms: number): string {
  const sign = ms < 0 ? "-" : "+";
  const total = Math.abs(Math.round(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, "0");
  const seconds = total % 60;
  return `${sign}${pad(Math.floor(total / 3600))}${pad(Math.floor(total / 60) % 60)}${seconds ? pad(seconds) : ""}`;
}

const weekdays = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"] as const;

/** A transition as a yearly rule's parts, read from the wall clock before it (the RFC's convention). */
function ruleOf(t: Transition) {
  const local = new Date(t.at + t.from);
  const month = local.getUTCMonth();
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), month + 1, 0)).getUTCDate();
  return {
    month: month + 1,
    weekday: weekdays[local.getUTCDay()] ?? "SU",
    time: local.toISOString().slice(11, 19),
    nth: Math.ceil(day / 7),
    last: day > daysInMonth - 7,
    from: t.from,
    to: t.to,
  };
}

/** One yearly RRULE for these transitions (one a year), or null when they do not follow one. */
function yearlyRule(list: Transition[]): string | null {
  const rules = list.map(ruleOf);
  const first = rules[0];
  if (!first) return null;
  const same = rules.every(
    (r) => r.month === first.month && r.weekday === first.weekday && r.time === first.time && r.from === first.from && r.to === first.to,
  );
  if (!same) return null;
  // "Last Sunday" (EU) rather than "4th or 5th"; "2nd Sunday" (US) is never the last one.
  if (rules.every((r) => r.last)) return `FREQ=YEARLY;BYMONTH=${String(first.month)};BYDAY=-1${first.weekday}`;
  if (rules.every((r) => r.nth === first.nth))
    return `FREQ=YEARLY;BYMONTH=${String(first.month)};BYDAY=${String(first.nth)}${first.weekday}`;
  return null;
}

function component(kind: "STANDARD" | "DAYLIGHT", start: number, from: number, to: number, rrule?: string): string[] {
  return [
    `BEGIN:${kind}`,
    `DTSTART:${basicDateTime(start)}`,
    `TZOFFSETFROM:${utcOffset(from)}`,
    `TZOFFSETTO:${utcOffset(to)}`,
    ...(rrule ? [`RRULE:${rrule}`] : []),
    `END:${kind}`,
  ];
}

/**
 * The VTIMEZONE lines (unfolded) for `zone`, valid for instants from the year before
 * `fromYear` to the end of `toYear` (UTC years).
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const firstYear = fromYear - 1;
  const years = Array.from({ length: toYear - firstYear + 1 }, (_, i) => firstYear + i);
  const perYear = years.map((y) => transitionsIn(zone, y));
  const all = perYear.flat();
  const body: string[] = [];
  const start = Date.UTC(firstYear, 0, 1);
  const initial = offsetAt(zone, start);
  if (all.length === 0) {
    body.push(...component("STANDARD", start + initial, initial, initial));
  } else if (perYear.every((list) => list.length === 2 && list.some((t) => t.to > t.from) && list.some((t) => t.to < t.from))) {
    const daylight = all.filter((t) => t.to > t.from);
    const standard = all.filter((t) => t.to < t.from);
    const daylightRule = yearlyRule(daylight);
    const standardRule = yearlyRule(standard);
    const [d] = daylight;
    const [s] = standard;
    if (daylightRule && standardRule && d && s) {
      body.push(...component("DAYLIGHT", d.at + d.from, d.from, d.to, daylightRule));
      body.push(...component("STANDARD", s.at + s.from, s.from, s.to, standardRule));
    }
  }
  if (body.length === 0) {
    // Irregular changes: the offset at the start, then every transition on its own.
    body.push(...component("STANDARD", start + initial, initial, initial));
    for (const t of all) body.push(...component(t.to > t.from ? "DAYLIGHT" : "STANDARD", t.at + t.from, t.from, t.to));
  }
  return ["BEGIN:VTIMEZONE", `TZID:${zone}`, ...body, "END:VTIMEZONE"];
}
