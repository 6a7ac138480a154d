// What a young network's home shows above its (nearly empty) feed, so it does not look dead:
// concrete first posts to write, with a link straight to the room, and for admins, inviting.
import { Paper, SimpleGrid, Stack, Text, ThemeIcon, Title, UnstyledButton } from "@mantine/core";
import { IconCoffee, IconHandStop, IconUserPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useId } from "react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

function Prompt({ to, icon, title, hint }: { to: string; icon: ReactNode; title: string; hint: string }) {
  return (
    <UnstyledButton component={Link} to={to} className="tsunagu-prompt" p="md">
      <Stack gap={6}>
        <ThemeIcon variant="light" size="lg" radius="xl" aria-hidden>
          {icon}
        </ThemeIcon>
        <Text fw={700} size="sm">
          {title}
        </Text>
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </UnstyledButton>
  );
}

export function YoungNetwork({
  network,
  rooms,
  introduce,
  canInvite,
}: {
  network: MyNetwork;
  rooms: { introductions: string | null; casual: string | null };
  introduce: boolean;
  canInvite: boolean;
}) {
  const t = useT();
  const titleId = useId();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={titleId}>
            {t("young.title")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("young.body")}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          {introduce && rooms.introductions && (
            <Prompt
              to={`/n/${network.slug}/rooms/${rooms.introductions}`}
              icon={<IconHandStop size={18} />}
              title={t("young.introduce")}
              hint={t("young.introduceHint")}
            />
          )}
          {rooms.casual && (
            <Prompt
              to={`/n/${network.slug}/rooms/${rooms.casual}`}
              icon={<IconCoffee size={18} />}
              title={t("young.casual")}
              hint={t("young.casualHint")}
            />
          )}
          {canInvite && (
            <Prompt
              to={`/n/${network.slug}/manage/invitations`}
              icon={<IconUserPlus size={18} />}
              title={t("young.invite")}
              hint={t("young.inviteHint")}
            />
          )}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
