// Side navigation of the signed-in app: the current network's pages and talk rooms, account, operator console.
// On phones it lives in the burger drawer.
import { NavLink, ScrollArea, Stack, Text } from "@mantine/core";
import {
  IconAddressBook,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconClipboardList,
  IconHome,
  IconId,
  IconInfoCircle,
  IconMail,
  IconSettings,
  IconUserCircle,
  IconUsers,
} from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useLocation } from "react-router";
import type { MyNetwork } from "../../../shared/contract/accounts.ts";
import { MessagesNavItem } from "../../messages/messages-nav.tsx";
import { RoomsNavItems } from "../../rooms/rooms-nav.tsx";
import { useMe } from "../hooks/use-me.ts";
import { useT } from "../i18n/i18n.context.tsx";

function Item({
  to,
  label,
  icon,
  exact = false,
  section,
}: {
  to: string;
  label: string;
  icon: ReactNode;
  exact?: boolean;
  section?: string;
}) {
  const { pathname } = useLocation();
  // `section`: the item stays current on every page under it (member management's five pages).
  const base = section ?? to;
  const active = exact ? pathname === to : pathname === base || pathname.startsWith(`${base}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      leftSection={icon}
      active={active}
      aria-current={active ? "page" : undefined}
      variant="light"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4} style={{ letterSpacing: "0.06em" }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}

export function ShellNav({ current }: { current: MyNetwork | undefined }) {
  const { account } = useMe();
  const t = useT();
  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap="lg">
        {current && (
          <Section title={current.name}>
            <Item to={`/n/${current.slug}`} label={t("nav.networkHome")} icon={<IconHome size={18} aria-hidden />} exact />
            <MessagesNavItem network={current} />
            <Item to={`/n/${current.slug}/people`} label={t("directory.nav")} icon={<IconAddressBook size={18} aria-hidden />} />
            <Item to={`/n/${current.slug}/events`} label={t("events.nav")} icon={<IconCalendarEvent size={18} aria-hidden />} />
            <Item to={`/n/${current.slug}/surveys`} label={t("surveys.title")} icon={<IconClipboardList size={18} aria-hidden />} />
            <Item to={`/n/${current.slug}/about`} label={t("nav.networkAbout")} icon={<IconInfoCircle size={18} aria-hidden />} />
            {current.role === "admin" && (
              <>
                <Item
                  to={`/n/${current.slug}/manage/members`}
                  section={`/n/${current.slug}/manage`}
                  label={t("nav.manageMembers")}
                  icon={<IconUsers size={18} aria-hidden />}
                />
                <Item to={`/n/${current.slug}/settings`} label={t("nav.networkSettings")} icon={<IconSettings size={18} aria-hidden />} />
              </>
            )}
          </Section>
        )}
        {current && (
          <Section title={t("rooms.nav")}>
            <RoomsNavItems network={current} />
          </Section>
        )}
        <Section title={t("nav.account")}>
          <Item to="/me/profile" label={t("profile.nav")} icon={<IconId size={18} aria-hidden />} />
          <Item to="/account" label={t("nav.accountSettings")} icon={<IconUserCircle size={18} aria-hidden />} />
        </Section>
        {account.isOperator && (
          <Section title={t("nav.operator")}>
            <Item to="/operator/networks" label={t("nav.operatorNetworks")} icon={<IconBuildingCommunity size={18} aria-hidden />} />
            <Item to="/operator/outbox" label={t("nav.operatorOutbox")} icon={<IconMail size={18} aria-hidden />} />
          </Section>
        )}
      </Stack>
    </ScrollArea>
  );
}
