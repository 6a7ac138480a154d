// One row of the notifications list: what happened, as a sentence per kind ("Aさん他2人があなたの
// 投稿にスタンプしました"), the target's summary and when. Unread rows are bold with a dot and say
// "未読" to screen readers (never colour alone). Following the link marks the row read.
import { Box, Group, Skeleton, Stack, Text, ThemeIcon, VisuallyHidden } from "@mantine/core";
import {
  IconAt,
  IconCalendarCheck,
  IconCalendarTime,
  IconCalendarX,
  IconDoorEnter,
  IconMail,
  IconMessageCircle2,
  IconMoodSmile,
  IconUserPlus,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { Notification, NotificationKind } from "../../shared/contract/notifications.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import "./notifications.css";

const kindIcons: Record<NotificationKind, ReactNode> = {
  mention: <IconAt size={18} aria-hidden />,
  reply: <IconMessageCircle2 size={18} aria-hidden />,
  stamp: <IconMoodSmile size={18} aria-hidden />,
  dm: <IconMail size={18} aria-hidden />,
  room_request_decided: <IconDoorEnter size={18} aria-hidden />,
  newcomer: <IconUserPlus size={18} aria-hidden />,
  event_promoted: <IconCalendarCheck size={18} aria-hidden />,
  event_changed: <IconCalendarTime size={18} aria-hidden />,
  event_cancelled: <IconCalendarX size={18} aria-hidden />,
};

const kindColors: Record<NotificationKind, string> = {
  mention: "orange",
  reply: "teal",
  stamp: "yellow",
  dm: "grape",
  room_request_decided: "cyan",
  newcomer: "green",
  event_promoted: "green",
  event_changed: "blue",
  event_cancelled: "red",
};

/** The sentence of a notification: who (and how many others) did what. Event kinds name no one: the summary is the event's title. */
export function useNotificationText(): (n: Notification) => string {
  const t = useT();
  return (n) => {
    const others = n.actorCount - 1;
    const who = !n.actor
      ? t("notifications.formerMember")
      : others > 0
        ? t("notifications.whoAndOthers", { name: n.actor.displayName, count: others })
        : t("notifications.who", { name: n.actor.displayName });
    return t(`notifications.kind.${n.kind}`, { who });
  };
}

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "たった今", "5 分前", "3 時間前", "昨日"; the date beyond a week. */
function useRelativeTime(): (iso: string) => string {
  const { locale } = useLocale();
  const format = useFormat();
  const t = useT();
  return (iso) => {
    const ago = Date.now() - new Date(iso).getTime();
    const rtf = new Intl.RelativeTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { numeric: "auto" });
    if (ago < minute) return t("notifications.justNow");
    if (ago < hour) return rtf.format(-Math.floor(ago / minute), "minute");
    if (ago < day) return rtf.format(-Math.floor(ago / hour), "hour");
    if (ago < 7 * day) return rtf.format(-Math.floor(ago / day), "day");
    return format.date(iso);
  };
}

export function NotificationItem({ notification: n, onOpen }: { notification: Notification; onOpen: (n: Notification) => void }) {
  const t = useT();
  const format = useFormat();
  const text = useNotificationText();
  const relative = useRelativeTime();
  return (
    <li className="tsunagu-notification" data-unread={n.read ? undefined : true}>
      <Link to={n.link} className="tsunagu-notification-link" onClick={() => onOpen(n)}>
        <ThemeIcon variant="light" color={kindColors[n.kind]} radius="xl" size={36}>
          {kindIcons[n.kind]}
        </ThemeIcon>
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          {!n.read && <VisuallyHidden>{t("notifications.unread")}</VisuallyHidden>}
          <Text size="sm" fw={n.read ? 400 : 700} c="dark.7" style={{ overflowWrap: "anywhere" }}>
            {text(n)}
          </Text>
          {n.summary && (
            <Text size="sm" c="dimmed" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
              {n.summary}
            </Text>
          )}
          <Text size="xs" c="dimmed" component="time" dateTime={n.updatedAt} title={format.dateTime(n.updatedAt)}>
            {relative(n.updatedAt)}
          </Text>
        </Stack>
        <Box className="tsunagu-notification-dot" aria-hidden="true" />
      </Link>
    </li>
  );
}

/** Placeholder rows while the first page loads, shaped like the real ones. */
export function NotificationSkeletons({ count = 5 }: { count?: number }) {
  const t = useT();
  return (
    <Stack gap={0} role="status" aria-live="polite" aria-label={t("common.loading")}>
      {Array.from({ length: count }, (_, index) => (
        <Group key={index} gap="sm" wrap="nowrap" align="flex-start" p="sm">
          <Skeleton circle height={36} />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={14} width={index % 2 === 0 ? "80%" : "65%"} radius="sm" />
            <Skeleton height={12} width="95%" radius="sm" />
            <Skeleton height={10} width={60} radius="sm" />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}
