// Where the admin is in the CSV import: choose file → map columns → check → invite. A row of
// numbered steps on wide screens, one line with a bar on phones.
import { Group, Paper, Progress, Stack, Text, ThemeIcon } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";

export type ImportStep = 1 | 2 | 3 | 4;
const steps: { step: ImportStep; label: MessageKey }[] = [
  { step: 1, label: "imports.step.upload" },
  { step: 2, label: "imports.step.mapping" },
  { step: 3, label: "imports.step.preview" },
  { step: 4, label: "imports.step.invite" },
];

export function ImportSteps({ current, done = false }: { current: ImportStep; done?: boolean }) {
  const t = useT();
  const currentLabel = t(steps[current - 1]?.label ?? "imports.step.upload");
  return (
    <Paper withBorder p="sm" component="nav" aria-label={t("imports.stepsLabel")}>
      <Stack gap={6} hiddenFrom="sm">
        <Text size="sm" fw={600}>
          {t("imports.stepOf", { step: current, total: steps.length, label: currentLabel })}
        </Text>
        <Progress value={done ? 100 : ((current - 1) / steps.length) * 100 + 100 / (steps.length * 2)} size="sm" aria-hidden />
      </Stack>
      <Group component="ol" gap="lg" m={0} p={0} wrap="nowrap" visibleFrom="sm" style={{ listStyle: "none" }}>
        {steps.map(({ step, label }) => {
          const complete = step < current || (done && step === current);
          const active = step === current && !done;
          return (
            <Group component="li" key={step} gap={8} wrap="nowrap" aria-current={active ? "step" : undefined}>
              <ThemeIcon
                radius="xl"
                size={26}
                variant={active || complete ? "filled" : "light"}
                color={complete ? "green" : active ? "ai" : "gray"}
              >
                {complete ? (
                  <IconCheck size={16} aria-hidden />
                ) : (
                  <Text size="sm" fw={700} c="inherit" aria-hidden>
                    {step}
                  </Text>
                )}
              </ThemeIcon>
              <Text size="sm" fw={active ? 700 : 400} c={active || complete ? undefined : "dimmed"}>
                <span className="tsunagu-visually-hidden">
                  {complete ? t("imports.stepDone", { step }) : t("imports.stepNumber", { step })}
                </span>
                {t(label)}
              </Text>
            </Group>
          );
        })}
      </Group>
    </Paper>
  );
}
