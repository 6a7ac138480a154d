// Which language the UI speaks before anyone signs in: localStorage, else Japanese.
import { locales } from "../../../shared/limits.ts";
import type { Locale } from "../../../shared/limits.ts";

const storageKey = "tsunagu.locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(storageKey);
    return isLocale(value) ? value : "ja";
  } catch {
    return "ja";
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
}
