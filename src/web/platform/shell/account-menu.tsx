// Header menu for the signed-in account: settings, the operator console, language, sign out.
import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from "@mantine/core";
import { IconChevronDown, IconId, IconLanguage, IconLogout, IconServerCog, IconSettings } from "@tabler/icons-react";
import { Link } from "react-router";
import { useSignOut } from "../../accounts/use-sign-out.ts";
import { useUpdateMe } from "../../accounts/use-update-me.ts";
import { useNotify } from "../hooks/use-notify.ts";
import { useMe } from "../hooks/use-me.ts";
import { useT } from "../i18n/i18n.context.tsx";
import { localeNames } from "./language-switch.tsx";

export function AccountMenu() {
  const { account } = useMe();
  const t = useT();
  const signOut = useSignOut();
  const updateMe = useUpdateMe();
  const notify = useNotify();
  const otherLocale = account.locale === "ja" ? "en" : "ja";

  return (
    <Menu position="bottom-end" width={260} shadow="md">
      <Menu.Target>
        <UnstyledButton p={4} style={{ borderRadius: "var(--mantine-radius-md)" }}>
          <Group gap={8} wrap="nowrap">
            <VisuallyHidden>{t("accountMenu.label", { name: account.displayName })}</VisuallyHidden>
            <Avatar
              src={account.avatarUrl}
              alt=""
              name={account.displayName}
              color="ai"
              variant="filled"
              radius="xl"
              size={34}
              aria-hidden="true"
            />
            <Text size="sm" fw={600} visibleFrom="sm" truncate="end" maw={160} aria-hidden="true">
              {account.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark.7" truncate="end">
            {account.displayName}
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            {account.email}
          </Text>
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item component={Link} to="/me/profile" leftSection={<IconId size={16} aria-hidden />}>
          {t("profile.nav")}
        </Menu.Item>
        <Menu.Item component={Link} to="/account" leftSection={<IconSettings size={16} aria-hidden />}>
          {t("accountMenu.settings")}
        </Menu.Item>
        {account.isOperator && (
          <Menu.Item component={Link} to="/operator/networks" leftSection={<IconServerCog size={16} aria-hidden />}>
            {t("accountMenu.operator")}
          </Menu.Item>
        )}
        <Menu.Item
          leftSection={<IconLanguage size={16} aria-hidden />}
          disabled={updateMe.isPending}
          onClick={() => updateMe.mutate({ locale: otherLocale }, { onError: (error) => notify.error(error) })}
        >
          <span lang={otherLocale}>{localeNames[otherLocale]}</span>
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={16} aria-hidden />}
          onClick={() => signOut.mutate()}
          disabled={signOut.isPending}
        >
          {t("accountMenu.signOut")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
