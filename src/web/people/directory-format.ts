// Words of the directory that are built from data rather than looked up whole: a card's years at
// the company, the reasons of "people you may know", the parts of a text with search hits marked.
// Plain functions of a translator, so they are tested without a browser.
import type { PersonCard, SuggestionReason } from "../../shared/contract/people.ts";
import type { Translate } from "../platform/i18n/i18n.context.tsx";

export interface TextPart {
  text: string;
  mark: boolean;
}

/**
 * The text cut at the highlighted [start, end) ranges. The ranges come from the server; they are
 * sorted, clamped to the text and merged where they overlap, so a bad range can never duplicate
 * or drop characters.
 */
export function highlightParts(text: string, ranges: readonly (readonly [number, number])[]): TextPart[] {
  const clean = ranges
    .map(([start, end]) => [Math.max(0, Math.min(start, text.length)), Math.max(0, Math.min(end, text.length))] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts: TextPart[] = [];
  let at = 0;
  for (const [start, end] of clean) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: text.slice(at, from), mark: false });
    parts.push({ text: text.slice(from, end), mark: true });
    at = end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), mark: false });
  return parts;
}

/** 「2012年入社・2018年退職」, 「現役社員」 — or null when the viewer may see no year and the member is not an employee. */
export function yearsLabel(t: Translate, person: Pick<PersonCard, "role" | "joinYear" | "leaveYear">): string | null {
  const { joinYear: join, leaveYear: leave } = person;
  if (person.role === "employee") return join !== null ? t("directory.years.employeeSince", { join }) : t("directory.years.employee");
  if (join !== null && leave !== null) return t("directory.years.both", { join, leave });
  if (join !== null) return t("directory.years.join", { join });
  if (leave !== null) return t("directory.years.leave", { leave });
  return null;
}

/** A list in the UI language: 「AWS、Go」 / "AWS, Go". */
export function joinList(t: Translate, values: readonly string[]): string {
  return values.join(t("suggestions.listSeparator"));
}

/** Why someone is suggested, as one sentence: 「2012〜2015年に同じ営業本部」. */
export function reasonText(t: Translate, reason: SuggestionReason): string {
  switch (reason.kind) {
    case "department": {
      const { department, fromYear: from, toYear: to } = reason;
      if (from !== null && to !== null)
        return from === to
          ? t("suggestions.reason.departmentYear", { department, year: from })
          : t("suggestions.reason.departmentYears", { department, from, to });
      if (from !== null) return t("suggestions.reason.departmentFrom", { department, from });
      if (to !== null) return t("suggestions.reason.departmentTo", { department, to });
      return t("suggestions.reason.department", { department });
    }
    case "joinYear":
      return t("suggestions.reason.joinYear", { year: reason.year });
    case "skills":
      return t("suggestions.reason.skills", { values: joinList(t, reason.values) });
    case "interests":
      return t("suggestions.reason.interests", { values: joinList(t, reason.values) });
    case "rooms":
      return t("suggestions.reason.rooms", { rooms: joinList(t, reason.rooms) });
    case "contacts":
      return reason.count === 1 ? t("suggestions.reason.contactsOne") : t("suggestions.reason.contacts", { count: reason.count });
  }
}

const matchFields = [
  "name",
  "reading",
  "headline",
  "company",
  "position",
  "career",
  "skills",
  "interests",
  "department",
  "industry",
  "location",
] as const;

/** The label of the field a search term was found in (a field the web does not know yet: 「プロフィール」). */
export function matchFieldLabel(t: Translate, field: string): string {
  return (matchFields as readonly string[]).includes(field)
    ? t(`directory.field.${field as (typeof matchFields)[number]}`)
    : t("directory.field.other");
}
