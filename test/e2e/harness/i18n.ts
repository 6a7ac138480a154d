// The web app's own dictionaries, so the tests find buttons and labels by the words people see and
// keep working when the wording changes.
import { en } from "../../../src/web/platform/i18n/en.ts";
import { ja } from "../../../src/web/platform/i18n/ja.ts";
import type { MessageKey, Messages } from "../../../src/web/platform/i18n/ja.ts";

export type Lang = "ja" | "en";

const dictionaries: Record<Lang, Messages> = { ja, en };

/** The same lookup and `{name}` interpolation the app does. */
export function tr(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const tJa = (key: MessageKey, vars?: Record<string, string | number>) => tr("ja", key, vars);
export const tEn = (key: MessageKey, vars?: Record<string, string | number>) => tr("en", key, vars);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** An exact-text matcher for locators: the whole accessible name, nothing around it. */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`);
}

/** A matcher for an accessible name that contains the text (e.g. a menu item's name plus its badge). */
export function containing(text: string): RegExp {
  return new RegExp(escapeRegExp(text));
}
