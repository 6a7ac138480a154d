// The header's bell: the current network's unread notifications as a badge, opening its
// notifications page. Mounted for as long as someone is signed in, it also keeps the notification
// caches following the real-time events.
import { ActionIcon, Badge } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useNotificationsLive, useUnreadCount } from "./notification-queries.ts";
import "./notifications.css";

export function NotificationBell({ network }: { network: MyNetwork | undefined }) {
  useNotificationsLive();
  if (!network) return null;
  return <Bell network={network} />;
}

function Bell({ network }: { network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const { pathname } = useLocation();
  const unread = useUnreadCount(network.id).data?.unread ?? 0;
  const to = `/n/${network.slug}/notifications`;
  const current = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <span className="tsunagu-bell">
      <ActionIcon
        component={Link}
        to={to}
        variant={current ? "light" : "subtle"}
        color={current ? "ai" : "gray"}
        size="lg"
        radius="xl"
        aria-label={t("notifications.bellLabel", { count: unread })}
        aria-current={current ? "page" : undefined}
      >
        <IconBell size={22} aria-hidden />
      </ActionIcon>
      {/* The link's label already says the count; the badge is for the eye only. */}
      {unread > 0 && (
        <Badge className="tsunagu-bell-badge" variant="filled" color="red" size="xs" circle={unread < 10} aria-hidden="true">
          {unread > 99 ? "99+" : format.number(unread)}
        </Badge>
      )}
    </span>
  );
}
