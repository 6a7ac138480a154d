// How a conversation is named and dated in the list and its header: a group's title or its
// members, the other member of a direct one, 事務局 for a member's office conversation (and the
// member's name for the admins answering it); times relative to now ("3分前"), dates once older.
import type { Conversation } from "../../shared/contract/messages.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";

/** Names shown before "and n more" in a group without a title. */
const namesShown = 3;

export function useConversationName(): (conversation: Conversation) => string {
  const t = useT();
  return (c) => {
    if (c.kind === "office")
      return c.asOffice
        ? t("messages.officeFrom", { name: c.members[0]?.displayName ?? t("messages.formerMember") })
        : t("messages.office");
    if (c.title) return c.title;
    if (c.members.length === 0) return t("messages.noMembers");
    const names = c.members.slice(0, namesShown).map((m) => m.displayName);
    const joined = names.join(t("messages.nameSeparator"));
    return c.members.length > namesShown ? t("messages.namesAndMore", { names: joined, count: c.members.length - namesShown }) : joined;
  };
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "たった今", "5分前", "3時間前", "昨日"; a date beyond a week. */
export function useRelativeTime(): (iso: string, now?: number) => string {
  const { locale } = useLocale();
  const format = useFormat();
  const t = useT();
  return (iso, now = Date.now()) => {
    const ago = now - new Date(iso).getTime();
    const rtf = new Intl.RelativeTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { numeric: "auto" });
    if (ago < minute) return t("messages.justNow");
    if (ago < hour) return rtf.format(-Math.floor(ago / minute), "minute");
    if (ago < day) return rtf.format(-Math.floor(ago / hour), "hour");
    if (ago < 7 * day) return rtf.format(-Math.floor(ago / day), "day");
    return format.date(iso);
  };
}
