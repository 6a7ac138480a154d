// Dates and numbers in the UI language and the member's time zone (Asia/Tokyo when signed out).
import { useMemo } from "react";
import { useLocale } from "../i18n/i18n.context.tsx";
import { defaultTimeZone, useCachedMe } from "./use-me.ts";

export interface Formatters {
  dateTime: (iso: string) => string;
  date: (iso: string) => string;
  number: (value: number) => string;
  timeZone: string;
}

function safeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone });
  } catch {
    // An account saved with a zone this browser does not know: fall back rather than crash.
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: defaultTimeZone });
  }
}

export function useFormat(): Formatters {
  const { locale } = useLocale();
  const timeZone = useCachedMe()?.account.timeZone ?? defaultTimeZone;
  return useMemo(() => {
    const intlLocale = locale === "ja" ? "ja-JP" : "en-US";
    const dateTime = safeFormat(intlLocale, timeZone, { dateStyle: "medium", timeStyle: "short" });
    const date = safeFormat(intlLocale, timeZone, { dateStyle: "medium" });
    const number = new Intl.NumberFormat(intlLocale);
    return {
      dateTime: (iso) => dateTime.format(new Date(iso)),
      date: (iso) => date.format(new Date(iso)),
      number: (value) => number.format(value),
      timeZone,
    };
  }, [locale, timeZone]);
}
