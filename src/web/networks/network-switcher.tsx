// Header menu listing the member's networks (logo, name, role); picks one by opening /n/:slug.
import { Badge, Button, Group, Menu, Text, VisuallyHidden } from "@mantine/core";
import { IconCheck, IconSelector } from "@tabler/icons-react";
import { useNavigate } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useMe } from "../platform/hooks/use-me.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { NetworkAvatar } from "./network-avatar.tsx";

export function NetworkSwitcher({ current }: { current: MyNetwork | undefined }) {
  const { networks } = useMe();
  const t = useT();
  const navigate = useNavigate();
  if (networks.length === 0) return null;
  return (
    <Menu position="bottom-start" width={300} shadow="md">
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          px={6}
          rightSection={<IconSelector size={16} aria-hidden />}
          styles={{ label: { minWidth: 0 } }}
          style={{ minWidth: 0 }}
        >
          <VisuallyHidden>{current ? t("switcher.labelWithCurrent", { name: current.name }) : t("switcher.label")}</VisuallyHidden>
          {current ? (
            <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }} aria-hidden="true">
              <NetworkAvatar name={current.name} logoUrl={current.logoUrl} size={26} />
              <Text component="span" fw={600} size="sm" c="dark.7" truncate="end" maw={{ base: 120, sm: 220 }}>
                {current.name}
              </Text>
            </Group>
          ) : (
            <Text component="span" size="sm" fw={600} c="dark.7" aria-hidden="true">
              {t("switcher.choose")}
            </Text>
          )}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("switcher.heading")}</Menu.Label>
        {networks.map((network) => {
          const isCurrent = network.id === current?.id;
          return (
            <Menu.Item
              key={network.id}
              onClick={() => void navigate(`/n/${network.slug}`)}
              aria-current={isCurrent ? "page" : undefined}
              leftSection={<NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={32} />}
              rightSection={
                isCurrent ? (
                  <>
                    <IconCheck size={16} aria-hidden color="var(--mantine-color-ai-7)" />
                    <VisuallyHidden>{t("switcher.current")}</VisuallyHidden>
                  </>
                ) : undefined
              }
            >
              <Text size="sm" fw={600} lineClamp={1}>
                {network.name}
              </Text>
              <Badge size="xs" color={network.role === "admin" ? "ai" : "gray"}>
                {t(`role.${network.role}`)}
              </Badge>
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
