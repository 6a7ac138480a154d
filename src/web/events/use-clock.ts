// A time of day in the viewer's words and zone (a check-in's "19:02"): the door page and the ticket
// say when, and the day is plain from the event.
import { useMemo } from "react";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale } from "../platform/i18n/i18n.context.tsx";
import { isKnownTimeZone } from "./event-time.ts";

export function useClock(): (iso: string) => string {
  const { locale } = useLocale();
  const { timeZone } = useFormat();
  return useMemo(() => {
    // An account saved with a zone this browser does not know: Tokyo, as the rest of the app does.
    const zone = isKnownTimeZone(timeZone) ? timeZone : "Asia/Tokyo";
    const format = new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { timeZone: zone, hour: "2-digit", minute: "2-digit" });
    return (iso: string) => format.format(new Date(iso));
  }, [locale, timeZone]);
}
