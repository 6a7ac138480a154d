// iCalendar files (RFC 5545) of events: the .ics of one event and a person's calendar feed.
// Pure functions, no database: the service reads the rows and decides what each reader may see
// (the online URL only for confirmed attendees and organisers, as on the event page).
//
// What calendar apps rely on: a stable UID per event (an update replaces, never duplicates),
// SEQUENCE raised on every change of time, place or status, STATUS:CANCELLED to take an event
// off, and times with TZID plus a VTIMEZONE (calendar-zones.ts). Lines end in CRLF and are
// folded at 75 octets without splitting a UTF-8 character.
import type { Locale } from "../../shared/limits.ts";
import type { NetworkEventRow } from "../platform/db/schema.ts";
import { utcDateTime, vtimezone, zonedDateTime } from "./calendar-zones.ts";

export type CalendarStatus = "CONFIRMED" | "TENTATIVE" | "CANCELLED";

export interface CalendarEvent {
  id: string;
  sequence: number;
  status: CalendarStatus;
  title: string;
  /** Plain text. */
  description: string;
  location: string;
  /** The event page. */
  url: string;
  startsAt: Date;
  endsAt: Date;
  /** IANA name: the times are written in it. */
  timeZone: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface CalendarOptions {
  /** DTSTAMP: when this file was made. */
  now: Date;
  /** The deployment's public origin: the UID's domain. */
  publicUrl: string;
  /** A feed's name and how often apps should fetch it again. */
  feed?: { name: string; refreshMinutes: number };
}

const prodId = "-//Tsunagu//Tsunagu Events 1.0//EN";

/** The whole file, CRLF line ends, folded. */
export function renderCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const host = new URL(options.publicUrl).host;
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${prodId}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  if (options.feed) {
    const refresh = `PT${String(options.feed.refreshMinutes)}M`;
    lines.push(
      `NAME:${escapeText(options.feed.name)}`,
      `X-WR-CALNAME:${escapeText(options.feed.name)}`,
      `REFRESH-INTERVAL;VALUE=DURATION:${refresh}`,
      `X-PUBLISHED-TTL:${refresh}`,
    );
  }
  for (const zone of [...new Set(events.map((e) => e.timeZone))].sort()) {
    const mine = events.filter((e) => e.timeZone === zone);
    const years = mine.flatMap((e) => [e.startsAt.getUTCFullYear(), e.endsAt.getUTCFullYear()]);
    lines.push(...vtimezone(zone, Math.min(...years), Math.max(...years)));
  }
  for (const e of events) {
    const start = zonedDateTime(e.timeZone, e.startsAt);
    const end = zonedDateTime(e.timeZone, e.endsAt);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.id}@${host}`,
      `DTSTAMP:${utcDateTime(options.now)}`,
      `DTSTART${start.params}:${start.value}`,
      `DTEND${end.params}:${end.value}`,
      `SUMMARY:${escapeText(e.title)}`,
      ...(e.description ? [`DESCRIPTION:${escapeText(e.description)}`] : []),
      ...(e.location ? [`LOCATION:${escapeText(e.location)}`] : []),
      `URL:${e.url}`,
      `SEQUENCE:${String(e.sequence)}`,
      `STATUS:${e.status}`,
      `CREATED:${utcDateTime(e.createdAt)}`,
      `LAST-MODIFIED:${utcDateTime(e.updatedAt)}`,
      // Busy only while it is on for this person.
      `TRANSP:${e.status === "CONFIRMED" ? "OPAQUE" : "TRANSPARENT"}`,
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** TEXT values (§3.3.11): backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
      .replace(/[\\;,]/g, (c) => `\\${c}`)
      .replace(/\n/g, "\\n")
  );
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (§3.1): continuation lines start with a space; never inside a character. */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; the others 74 after their leading space.
    const limit = out.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join("\r\n ");
}

/**
 * Markdown as plain text for DESCRIPTION: emphasis and code marks dropped, `[text](url)` as
 * "text (url)", quotes and fences unmarked. Lists and line breaks stay as typed.
 */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .filter((line) => !/^\s*```/.test(line))
    .map((line) =>
      line
        .replace(/^(\s*>)+\s?/, "")
        .replace(/!?\[([^\]]*)\]\(([^)\s]+)\)/g, (_, text: string, url: string) => (text && text !== url ? `${text} (${url})` : url))
        .replace(/<(https?:\/\/[^>\s]+)>/g, "$1")
        .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
        .replace(/(?<![*\w])\*(?=\S)(.+?)(?<=\S)\*(?!\*)/g, "$1")
        .replace(/`([^`]+)`/g, "$1")
        .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, "$1"),
    )
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

const onlineWord: Record<Locale, string> = { ja: "オンライン", en: "Online" };

/** LOCATION: the venue and its address; "Online" for an online event (the link is not a place). */
export function locationOf(event: Pick<NetworkEventRow, "kind" | "venue_name" | "venue_address">, locale: Locale): string {
  const venue = [event.venue_name, event.venue_address].filter((s) => s.trim() !== "").join(", ");
  if (event.kind === "online") return onlineWord[locale];
  if (event.kind === "hybrid") return venue ? `${venue} / ${onlineWord[locale]}` : onlineWord[locale];
  return venue;
}

export interface EventView {
  /** The event page under the reader's own network. */
  pageUrl: string;
  locale: Locale;
  /** The reader may have the online URL (a confirmed attendee or an organiser). */
  showOnlineUrl: boolean;
  /** The reader's own state when it differs from the event's (a cancelled or waitlisted registration). */
  status?: CalendarStatus;
}

/** One event as a reader sees it in their calendar. */
export function calendarEventOf(event: NetworkEventRow, view: EventView): CalendarEvent {
  const ja = view.locale === "ja";
  const parts = [markdownToPlainText(event.description)];
  if (event.status === "cancelled") {
    const reason = event.cancel_reason.trim();
    parts.unshift(
      ja ? `このイベントは中止になりました。${reason ? `\n${reason}` : ""}` : `This event was cancelled.${reason ? `\n${reason}` : ""}`,
    );
  }
  if (event.kind !== "offline" && event.online_url && view.showOnlineUrl)
    parts.push(ja ? `オンライン参加URL: ${event.online_url}` : `Join online: ${event.online_url}`);
  else if (event.kind !== "offline")
    parts.push(
      ja
        ? "オンライン参加のURLは、参加が確定した方にイベントページでお知らせします。"
        : "The link to join online is shown on the event page to confirmed attendees.",
    );
  if (event.map_url) parts.push(ja ? `地図: ${event.map_url}` : `Map: ${event.map_url}`);
  parts.push(ja ? `イベントページ: ${view.pageUrl}` : `Event page: ${view.pageUrl}`);
  const status: CalendarStatus = event.status === "cancelled" ? "CANCELLED" : (view.status ?? "CONFIRMED");
  return {
    id: event.id,
    // A registration cancelled while the event goes on is a change to this person's copy.
    sequence: event.sequence + (status === "CANCELLED" && event.status !== "cancelled" ? 1 : 0),
    status,
    title: event.title,
    description: parts.filter((p) => p !== "").join("\n\n"),
    location: locationOf(event, view.locale),
    url: view.pageUrl,
    // Dates as the driver gave them (a scoped read may give text).
    startsAt: new Date(event.starts_at),
    endsAt: new Date(event.ends_at),
    timeZone: event.time_zone,
    createdAt: new Date(event.created_at),
    updatedAt: new Date(event.updated_at),
  };
}
