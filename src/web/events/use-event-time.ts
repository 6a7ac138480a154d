// Event times in the viewer's words: their UI language and their account's time zone, and the
// event's own zone beside it when the two read differently (「日本時間：…」).
import { useMemo } from "react";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { formatEventMoment, formatEventSpan, isKnownTimeZone, sameWallClock, timeZoneName } from "./event-time.ts";

export function useEventTime() {
  const { locale } = useLocale();
  const t = useT();
  const { timeZone: viewerZone } = useFormat();
  return useMemo(() => {
    // An account saved with a zone this browser does not know: Tokyo rather than a crash.
    const zone = isKnownTimeZone(viewerZone) ? viewerZone : "Asia/Tokyo";
    return {
      viewerZone: zone,
      span: (event: { startsAt: string; endsAt: string }) => formatEventSpan(event.startsAt, event.endsAt, zone, locale),
      moment: (iso: string) => formatEventMoment(iso, zone, locale),
      /** The span in the event's own zone, or null when it reads the same as in the viewer's. */
      inEventZone: (event: { startsAt: string; endsAt: string; timeZone: string }) => {
        if (!isKnownTimeZone(event.timeZone) || sameWallClock(event.startsAt, event.endsAt, zone, event.timeZone)) return null;
        return t("events.inZone", {
          zone: timeZoneName(event.timeZone, t, locale),
          time: formatEventSpan(event.startsAt, event.endsAt, event.timeZone, locale),
        });
      },
      zoneName: (timeZone: string) => timeZoneName(timeZone, t, locale),
    };
  }, [locale, t, viewerZone]);
}
