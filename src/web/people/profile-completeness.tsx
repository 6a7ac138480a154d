// How complete a profile is: a meter with the percentage and the most useful field still empty
// (the server decides which: a face and the reading of the name first, then what the person does).
import { Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { IconCircleCheck } from "@tabler/icons-react";
import { useId } from "react";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { fieldLabel } from "./profile-labels.ts";

export function CompletenessMeter({ percent, next }: { percent: number; next: string | null }) {
  const t = useT();
  const id = useId();
  const done = next === null;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={8}>
        <Group justify="space-between" gap="xs">
          <Text id={id} fw={700} size="sm">
            {t("profile.completeness.title")}
          </Text>
          <Text fw={700} size="sm" c={done ? "green.8" : "ai.8"}>
            {t("profile.completeness.percent", { percent })}
          </Text>
        </Group>
        {/* The section carries the progressbar role: its name and value go there, not on the root. */}
        <Progress.Root size="md" radius="xl">
          <Progress.Section
            value={percent}
            color={done ? "green" : "ai"}
            aria-labelledby={id}
            aria-valuetext={t("profile.completeness.percent", { percent })}
          />
        </Progress.Root>
        {done ? (
          <Group gap={6} wrap="nowrap">
            <IconCircleCheck size={16} color="var(--mantine-color-green-8)" aria-hidden />
            <Text size="sm">{t("profile.completeness.done")}</Text>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {t("profile.completeness.next", { field: fieldLabel(t, next) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
