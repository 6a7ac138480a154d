// The registration rate (registered ÷ invited) that tells admins whether invitations reach people;
// about half is typical for alumni networks, so the lead says so.
import { Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import type { RegistrationStats } from "../../shared/contract/membership.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export function percent(rate: number): number {
  return Math.round(Math.min(Math.max(rate, 0), 1) * 100);
}

export function RegistrationRate({ stats }: { stats: RegistrationStats }) {
  const t = useT();
  const format = useFormat();
  const value = percent(stats.rate);
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="registration-rate-title">
      <Stack gap="xs">
        <Group justify="space-between" align="baseline" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="registration-rate-title">
            {t("invitations.rateTitle")}
          </Title>
          <Text fw={700} fz="xl">
            {t("invitations.ratePercent", { percent: format.number(value) })}
          </Text>
        </Group>
        <Progress value={value} size="lg" radius="xl" aria-label={t("invitations.rateTitle")} />
        <Text size="sm">
          {t("invitations.rateCounts", { registered: format.number(stats.registered), invited: format.number(stats.invited) })}
        </Text>
        <Text size="xs" c="dimmed">
          {t("invitations.rateHint")}
        </Text>
      </Stack>
    </Paper>
  );
}
