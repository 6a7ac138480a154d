// Event times in the web app (src/web/events/event-time.ts): the form's date + time + zone become
// the right instant — across daylight saving changes, in gaps and overlaps — and back again for
// editing, and a span reads 「12月5日(土) 19:00〜21:00」 in the viewer's zone in both languages.
import { describe, expect, it } from "vitest";
import { en } from "../../src/web/platform/i18n/en.ts";
import { ja } from "../../src/web/platform/i18n/ja.ts";
import type { Messages } from "../../src/web/platform/i18n/ja.ts";
import type { Translate } from "../../src/web/platform/i18n/i18n.context.tsx";
import {
  formatEventMoment,
  formatEventSpan,
  instantToZoned,
  sameWallClock,
  timeZoneName,
  zonedParts,
  zonedToInstant,
} from "../../src/web/events/event-time.ts";

const translator =
  (messages: Messages): Translate =>
  (key, vars = {}) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

describe("zonedToInstant", () => {
  it("turns a Tokyo evening into its UTC instant", () => {
    expect(zonedToInstant("2026-12-05", "19:00", "Asia/Tokyo")).toBe("2026-12-05T10:00:00.000Z");
    // Past midnight in Tokyo is the previous day in UTC.
    expect(zonedToInstant("2026-12-06", "02:30", "Asia/Tokyo")).toBe("2026-12-05T17:30:00.000Z");
  });

  it("uses New York's offset of that date: EST in winter, EDT in summer", () => {
    expect(zonedToInstant("2026-12-05", "19:00", "America/New_York")).toBe("2026-12-06T00:00:00.000Z");
    expect(zonedToInstant("2026-07-04", "19:00", "America/New_York")).toBe("2026-07-04T23:00:00.000Z");
    // The days either side of the spring change (8 March 2026).
    expect(zonedToInstant("2026-03-07", "12:00", "America/New_York")).toBe("2026-03-07T17:00:00.000Z");
    expect(zonedToInstant("2026-03-08", "12:00", "America/New_York")).toBe("2026-03-08T16:00:00.000Z");
  });

  it("moves a time the clocks skip forward by the gap", () => {
    // 02:30 does not exist on 8 March 2026 in New York: it is 03:30 EDT.
    expect(zonedToInstant("2026-03-08", "02:30", "America/New_York")).toBe("2026-03-08T07:30:00.000Z");
    expect(zonedParts("2026-03-08T07:30:00.000Z", "America/New_York")).toMatchObject({ hour: 3, minute: 30 });
  });

  it("takes the first of a time that happens twice", () => {
    // 01:30 on 1 November 2026 in New York: first EDT (05:30Z), then EST (06:30Z).
    expect(zonedToInstant("2026-11-01", "01:30", "America/New_York")).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedToInstant("2026-10-25", "01:30", "Europe/London")).toBe("2026-10-25T00:30:00.000Z");
  });

  it("handles zones with half hours and UTC", () => {
    expect(zonedToInstant("2026-12-05", "19:00", "Asia/Kolkata")).toBe("2026-12-05T13:30:00.000Z");
    expect(zonedToInstant("2026-12-05", "19:00", "UTC")).toBe("2026-12-05T19:00:00.000Z");
  });

  it("refuses what is not a date, a time or a zone", () => {
    expect(zonedToInstant("", "19:00", "Asia/Tokyo")).toBeNull();
    expect(zonedToInstant("2026-12-05", "", "Asia/Tokyo")).toBeNull();
    expect(zonedToInstant("2026-02-31", "19:00", "Asia/Tokyo")).toBeNull();
    expect(zonedToInstant("2026-12-05", "24:00", "Asia/Tokyo")).toBeNull();
    expect(zonedToInstant("2026-12-05", "19:00", "Mars/Olympus_Mons")).toBeNull();
  });
});

describe("instantToZoned", () => {
  it("gives the inputs' values back in the event's zone", () => {
    expect(instantToZoned("2026-12-05T10:00:00.000Z", "Asia/Tokyo")).toEqual({ date: "2026-12-05", time: "19:00" });
    expect(instantToZoned("2026-12-06T00:00:00.000Z", "America/New_York")).toEqual({ date: "2026-12-05", time: "19:00" });
    expect(instantToZoned("2026-07-04T23:00:00+00:00", "America/New_York")).toEqual({ date: "2026-07-04", time: "19:00" });
    expect(instantToZoned("2026-12-05T15:00:00.000Z", "Asia/Tokyo")).toEqual({ date: "2026-12-06", time: "00:00" });
  });

  it("round-trips every hour of a year with a DST change", () => {
    for (let hour = 0; hour < 24 * 365; hour += 7) {
      const iso = new Date(Date.UTC(2026, 0, 1) + hour * 3_600_000).toISOString();
      const { date, time } = instantToZoned(iso, "America/New_York");
      const back = zonedToInstant(date, time, "America/New_York");
      // The repeated hour of November maps to its first occurrence; everything else comes back exactly.
      if (back !== iso) expect(instantToZoned(back ?? "", "America/New_York")).toEqual({ date, time });
      else expect(back).toBe(iso);
    }
  });
});

describe("formatEventSpan", () => {
  const now = new Date("2026-06-01T00:00:00Z");

  it("writes an evening in Japanese and English", () => {
    expect(formatEventSpan("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "Asia/Tokyo", "ja", now)).toBe("12月5日(土) 19:00〜21:00");
    expect(formatEventSpan("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "Asia/Tokyo", "en", now)).toBe("Sat, Dec 5, 7:00 PM – 9:00 PM");
  });

  it("shows the same instants in the viewer's zone", () => {
    expect(formatEventSpan("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "America/New_York", "ja", now)).toBe("12月5日(土) 5:00〜7:00");
    expect(formatEventSpan("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "Europe/London", "en", now)).toBe(
      "Sat, Dec 5, 10:00 AM – 12:00 PM",
    );
  });

  it("names the end's day when it ends on another, and the year when it is not this one", () => {
    expect(formatEventSpan("2026-12-05T10:00:00Z", "2026-12-05T17:30:00Z", "Asia/Tokyo", "ja", now)).toBe(
      "12月5日(土) 19:00〜12月6日(日) 2:30",
    );
    expect(formatEventSpan("2027-01-09T10:00:00Z", "2027-01-09T12:00:00Z", "Asia/Tokyo", "ja", now)).toBe("2027年1月9日(土) 19:00〜21:00");
    expect(formatEventSpan("2027-01-09T10:00:00Z", "2027-01-09T12:00:00Z", "Asia/Tokyo", "en", now)).toBe(
      "Sat, Jan 9, 2027, 7:00 PM – 9:00 PM",
    );
  });

  it("writes one moment (a deadline) the same way", () => {
    expect(formatEventMoment("2026-12-01T14:59:00Z", "Asia/Tokyo", "ja", now)).toBe("12月1日(火) 23:59");
    expect(formatEventMoment("2026-12-01T14:59:00Z", "Asia/Tokyo", "en", now)).toBe("Tue, Dec 1, 11:59 PM");
    expect(formatEventMoment("2026-12-01T03:05:00Z", "Asia/Tokyo", "en", now)).toBe("Tue, Dec 1, 12:05 PM");
  });
});

describe("zones", () => {
  it("knows when two zones read the same", () => {
    expect(sameWallClock("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "Asia/Tokyo", "Asia/Seoul")).toBe(true);
    expect(sameWallClock("2026-12-05T10:00:00Z", "2026-12-05T12:00:00Z", "Asia/Tokyo", "Europe/London")).toBe(false);
  });

  it("names the common zones in both languages and falls back for the rest", () => {
    expect(timeZoneName("Asia/Tokyo", translator(ja), "ja")).toBe("日本時間");
    expect(timeZoneName("Asia/Tokyo", translator(en), "en")).toBe("Japan time");
    expect(timeZoneName("America/New_York", translator(ja), "ja")).toBe("米国東部時間");
    expect(timeZoneName("Nowhere/Special", translator(en), "en")).toBe("Nowhere/Special");
    expect(timeZoneName("Europe/Helsinki", translator(en), "en")).not.toBe("");
  });
});
