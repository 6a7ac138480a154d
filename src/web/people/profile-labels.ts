// Labels of the profile's fixed lists in the UI language: industries, places (the 47 prefectures,
// then countries), languages, employment types, open-to flags, and who may see a field. The codes
// and their Japanese/English names live in shared/people.ts; country and language names come from
// the browser's Intl.DisplayNames, so they need no dictionary of ours.
import {
  countryCodes,
  employmentTypes,
  industries,
  languageCodes,
  locationLabel,
  openToFlags,
  prefectures,
  visibilities,
} from "../../shared/people.ts";
import type { Visibility } from "../../shared/people.ts";
import type { Locale } from "../../shared/limits.ts";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";

export interface Option {
  value: string;
  label: string;
}

const fromList = (list: Record<string, { ja: string; en: string }>, locale: Locale): Option[] =>
  Object.entries(list).map(([value, labels]) => ({ value, label: labels[locale] }));

export const industryOptions = (locale: Locale) => fromList(industries, locale);
export const employmentTypeOptions = (locale: Locale) => fromList(employmentTypes, locale);
export const openToOptions = (locale: Locale) => fromList(openToFlags, locale);

/** A code's label from one of the fixed lists; an unknown (retired) code shows as itself. */
export function listLabel(list: Record<string, { ja: string; en: string }>, code: string, locale: Locale): string {
  return list[code]?.[locale] ?? code;
}

export const industryLabel = (code: string, locale: Locale) => listLabel(industries, code, locale);
export const employmentTypeLabel = (code: string, locale: Locale) => listLabel(employmentTypes, code, locale);
export const openToLabel = (code: string, locale: Locale) => listLabel(openToFlags, code, locale);

/** Prefectures north to south, then countries in the order of the UI language's alphabet. */
export function locationGroups(locale: Locale, t: Translate): { group: string; items: Option[] }[] {
  const collator = new Intl.Collator(locale);
  const countries = countryCodes
    .map((code) => ({ value: code, label: locationLabel(code, locale) }))
    .sort((a, b) => collator.compare(a.label, b.label));
  return [
    {
      group: t("profile.location.prefectures"),
      items: Object.keys(prefectures).map((code) => ({ value: code, label: locationLabel(code, locale) })),
    },
    { group: t("profile.location.countries"), items: countries },
  ];
}

export function languageLabel(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: "language" }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The languages offered, with any the member saved earlier that the list no longer has. */
export function languageOptions(locale: Locale, saved: readonly string[]): Option[] {
  const codes = [...new Set([...languageCodes, ...saved])];
  return codes.map((code) => ({ value: code, label: languageLabel(code, locale) }));
}

export const visibilityKeys: Record<Visibility, MessageKey> = {
  members: "profile.visibility.members",
  alumni: "profile.visibility.alumni",
  admins: "profile.visibility.admins",
  self: "profile.visibility.self",
};

export const visibilityOptions = (t: Translate): Option[] => visibilities.map((value) => ({ value, label: t(visibilityKeys[value]) }));

/** The field keys `completeness.next` may name, and what the meter calls them. */
const nextFieldKeys: Record<string, MessageKey> = {
  avatar: "profile.field.avatar",
  nameReading: "profile.field.nameReading",
  headline: "profile.field.headline",
  company: "profile.field.company",
  position: "profile.field.position",
  industry: "profile.field.industry",
  location: "profile.field.location",
  career: "profile.field.career",
  skills: "profile.field.skills",
  interests: "profile.field.interests",
  links: "profile.field.links",
  languages: "profile.field.languages",
  joinYear: "profile.field.joinYear",
  leaveYear: "profile.field.leaveYear",
  years: "profile.field.years",
  departments: "profile.field.departments",
  employmentType: "profile.field.employmentType",
  openTo: "profile.field.openTo",
};

export function fieldLabel(t: Translate, key: string): string {
  const messageKey = nextFieldKeys[key];
  return messageKey ? t(messageKey) : key;
}
