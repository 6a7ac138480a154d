// The results' charts, drawn with plain elements (no chart library): a bar per option or score with
// its count and share written beside it — the numbers are the content, the bars only show them —
// and NPS as one bar split into detractors, passives and promoters.
import { Group, Stack, Text } from "@mantine/core";
import type { QuestionResult } from "../../shared/contract/surveys.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useSurveyT } from "./survey-i18n.ts";

export const percentText = (value: number | null, number: (n: number) => string) => (value === null ? "—" : `${number(value)}%`);

/** Bars of a distribution: horizontal for options (labels can be long), the same for scores. */
export function DistributionBars({ result, highlight }: { result: QuestionResult; highlight?: (label: string) => string | undefined }) {
  const st = useSurveyT();
  const format = useFormat();
  const max = Math.max(1, ...result.distribution.map((d) => d.count));
  return (
    <Stack
      gap={6}
      component="ul"
      aria-label={st("surveys.resultsPage.distribution", { label: result.question.label })}
      style={{ listStyle: "none", padding: 0, margin: 0 }}
    >
      {result.distribution.map((d) => (
        <li key={d.label}>
          <Group gap="sm" wrap="nowrap" align="center">
            <Text size="sm" style={{ width: "30%", minWidth: 48, overflowWrap: "anywhere" }}>
              {d.label}
            </Text>
            <div
              aria-hidden
              style={{ flex: 1, height: 18, background: "var(--mantine-color-gray-1)", borderRadius: 4, overflow: "hidden" }}
            >
              <div
                style={{
                  width: `${(d.count / max) * 100}%`,
                  height: "100%",
                  background: highlight?.(d.label) ?? "var(--mantine-color-blue-6)",
                  borderRadius: 4,
                }}
              />
            </div>
            <Text size="sm" style={{ minWidth: 96, textAlign: "right" }}>
              {st("surveys.resultsPage.count", { count: format.number(d.count), percent: percentText(d.percent, format.number) })}
            </Text>
          </Group>
        </li>
      ))}
    </Stack>
  );
}

const npsColors = {
  detractors: "var(--mantine-color-red-6)",
  passives: "var(--mantine-color-gray-5)",
  promoters: "var(--mantine-color-teal-6)",
};

/** The colour of an NPS score's bar: detractors 0–6, passives 7–8, promoters 9–10. */
export const npsColor = (label: string) => {
  const score = Number(label);
  return score >= 9 ? npsColors.promoters : score >= 7 ? npsColors.passives : npsColors.detractors;
};

export function NpsSummary({ result }: { result: QuestionResult }) {
  const st = useSurveyT();
  const format = useFormat();
  const nps = result.nps;
  if (!nps) return null;
  const total = nps.promoters + nps.passives + nps.detractors;
  const parts = [
    { key: "detractors", count: nps.detractors, label: st("surveys.resultsPage.detractors") },
    { key: "passives", count: nps.passives, label: st("surveys.resultsPage.passives") },
    { key: "promoters", count: nps.promoters, label: st("surveys.resultsPage.promoters") },
  ] as const;
  const share = (n: number) => (total === 0 ? null : Math.round((n / total) * 1000) / 10);
  return (
    <Stack gap="xs">
      <Group gap="xs" align="baseline">
        <Text fw={700} size="xl">
          {st("surveys.resultsPage.nps")} {nps.score === null ? "—" : `${nps.score > 0 ? "+" : ""}${format.number(nps.score)}`}
        </Text>
        <Text size="xs" c="dimmed">
          {st("surveys.resultsPage.npsHint")}
        </Text>
      </Group>
      {total > 0 && (
        <div aria-hidden style={{ display: "flex", height: 20, borderRadius: 4, overflow: "hidden" }}>
          {parts.map((p) =>
            p.count > 0 ? <div key={p.key} style={{ width: `${(p.count / total) * 100}%`, background: npsColors[p.key] }} /> : null,
          )}
        </div>
      )}
      <Group gap="md" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {parts.map((p) => (
          <Group key={p.key} gap={6} component="li" wrap="nowrap">
            <span aria-hidden style={{ width: 12, height: 12, borderRadius: 2, background: npsColors[p.key], display: "inline-block" }} />
            <Text size="sm">
              {p.label}:{" "}
              {st("surveys.resultsPage.count", { count: format.number(p.count), percent: percentText(share(p.count), format.number) })}
            </Text>
          </Group>
        ))}
      </Group>
    </Stack>
  );
}
