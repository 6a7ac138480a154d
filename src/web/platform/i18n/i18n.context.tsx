// The UI language: follows the signed-in account's locale, else the visitor's stored choice, else
// Japanese. Provides useT() for dictionary lookups and keeps <html lang> and the API client in step.
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { Locale } from "../../../shared/limits.ts";
import { setApiLanguage } from "../api.ts";
import { useCachedMe } from "../hooks/use-me.ts";
import { en } from "./en.ts";
import { ja } from "./ja.ts";
import type { MessageKey, Messages } from "./ja.ts";
import { storedLocale, storeLocale } from "./locale.ts";

const dictionaries: Record<Locale, Messages> = { ja, en };

export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

interface I18nValue {
  locale: Locale;
  /** Set the visitor's language (signed-out pages); signed-in pages PATCH the account instead. */
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function interpolate(template: string, vars: TranslateVars | undefined): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Translate in a given language, e.g. to confirm a language change in the language just chosen. */
export function translatorFor(locale: Locale): Translate {
  return (key, vars) => interpolate(dictionaries[locale][key], vars);
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [visitorLocale, setVisitorLocale] = useState<Locale>(storedLocale);
  // The cached account, without fetching it: signed-out pages never ask /api/me.
  const accountLocale = useCachedMe()?.account.locale;
  const locale = accountLocale ?? visitorLocale;

  // Adopt the account's language as the visitor's too, so the sign-in page after sign-out speaks
  // it (state adjusted during render, React's pattern for following a changing value).
  const [adopted, setAdopted] = useState(accountLocale);
  if (accountLocale && accountLocale !== adopted) {
    setAdopted(accountLocale);
    setVisitorLocale(accountLocale);
  }
  useEffect(() => {
    if (accountLocale) storeLocale(accountLocale);
  }, [accountLocale]);

  // Set synchronously during render so the very first request already carries the language.
  setApiLanguage(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setVisitorLocale(next);
  }, []);

  const t = useMemo(() => translatorFor(locale), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext value={value}>{children}</I18nContext>;
}

function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useT() outside <I18nProvider>");
  return value;
}

export function useT(): Translate {
  return useI18n().t;
}

export function useLocale(): { locale: Locale; setLocale: (locale: Locale) => void } {
  const { locale, setLocale } = useI18n();
  return { locale, setLocale };
}
