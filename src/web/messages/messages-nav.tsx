// The side nav's メッセージ entry of the current network, with the unread total as a badge. Mounted
// for as long as a network is current, it also keeps the message caches following the events.
import { Badge, NavLink } from "@mantine/core";
import { IconMessageCircle } from "@tabler/icons-react";
import { Link, useLocation } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useMessagesLive, useUnreadTotal } from "./message-queries.ts";

export function MessagesNavItem({ network }: { network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const { pathname } = useLocation();
  useMessagesLive(network.id);
  const unread = useUnreadTotal(network.id);
  const to = `/n/${network.slug}/messages`;
  const active = pathname === to || pathname.startsWith(`${to}/`);
  // Admins' badge counts the office inbox too: it is theirs to answer.
  const count = (unread.data?.total ?? 0) + (unread.data?.office ?? 0);
  return (
    <NavLink
      component={Link}
      to={to}
      label={t("messages.nav")}
      leftSection={<IconMessageCircle size={18} aria-hidden />}
      rightSection={
        count > 0 ? (
          <Badge size="sm" circle={count < 10} aria-label={t("messages.navUnread", { count })}>
            {count > 99 ? "99+" : format.number(count)}
          </Badge>
        ) : undefined
      }
      active={active}
      aria-current={active ? "page" : undefined}
      variant="light"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
    />
  );
}
