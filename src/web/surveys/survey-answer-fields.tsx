// The input for one question, by kind: radio buttons (one choice), checkboxes (several), 1–5 and
// 0–10 as rows of buttons, a text area. Each is a fieldset whose legend is the question, with the
// required mark, and its error read out with it.
import { Button, Checkbox, Chip, Fieldset, Group, Radio, Stack, Text, Textarea, VisuallyHidden } from "@mantine/core";
import { useId } from "react";
import type { ReactNode } from "react";
import type { SurveyQuestion } from "../../shared/contract/surveys.ts";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import { useSurveyT } from "./survey-i18n.ts";

export type AnswerState = string | string[] | number | null;

const scales = { rating: [1, 2, 3, 4, 5], nps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } as const;

export function AnswerField({
  question,
  index,
  value,
  error,
  disabled,
  onChange,
}: {
  question: SurveyQuestion;
  index: number;
  value: AnswerState;
  error: string | undefined;
  disabled: boolean;
  onChange: (value: AnswerState) => void;
}) {
  const st = useSurveyT();
  const errorId = useId();
  const legend = (
    <>
      {`${index + 1}. ${question.label}`}
      {question.required && (
        <>
          <Text span c="red" aria-hidden>
            {" *"}
          </Text>
          <VisuallyHidden component="span">{` (${st("surveys.answerPage.required")})`}</VisuallyHidden>
        </>
      )}
    </>
  );
  let input: ReactNode;
  const name = `q-${question.id}`;
  switch (question.kind) {
    case "single":
      input = (
        <Radio.Group name={name} value={typeof value === "string" ? value : null} onChange={(v) => onChange(v)}>
          <Stack gap="xs">
            {question.options.map((option) => (
              <Radio key={option} value={option} label={option} disabled={disabled} />
            ))}
          </Stack>
        </Radio.Group>
      );
      break;
    case "multiple":
      input = (
        <Checkbox.Group value={Array.isArray(value) ? value : []} onChange={(v) => onChange(v)}>
          <Stack gap="xs">
            {question.options.map((option) => (
              <Checkbox key={option} value={option} label={option} disabled={disabled} />
            ))}
          </Stack>
        </Checkbox.Group>
      );
      break;
    case "rating":
    case "nps": {
      const scale = scales[question.kind];
      input = (
        <Stack gap={6}>
          <Chip.Group
            multiple={false}
            value={typeof value === "number" ? String(value) : ""}
            onChange={(v) => onChange(v === "" ? null : Number(v))}
          >
            <Group gap={6}>
              {scale.map((score) => (
                <Chip key={score} value={String(score)} disabled={disabled} variant="outline" size="sm" name={name}>
                  {score}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Group justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {st(question.kind === "rating" ? "surveys.answerPage.rating.low" : "surveys.answerPage.nps.low")}
            </Text>
            <Text size="xs" c="dimmed">
              {st(question.kind === "rating" ? "surveys.answerPage.rating.high" : "surveys.answerPage.nps.high")}
            </Text>
          </Group>
        </Stack>
      );
      break;
    }
    case "text":
      input = (
        <Textarea
          aria-label={question.label}
          placeholder={st("surveys.answerPage.textPlaceholder")}
          autosize
          minRows={3}
          maxLength={surveyLimits.textAnswerMax}
          value={typeof value === "string" ? value : ""}
          onChange={(event) => onChange(event.currentTarget.value)}
          disabled={disabled}
        />
      );
      break;
  }
  const clearable = !question.required && value !== null && question.kind !== "text" && question.kind !== "multiple";
  return (
    <Fieldset
      legend={legend}
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
      data-path={`answers.${question.id}`}
      tabIndex={-1}
    >
      <Stack gap="xs">
        {input}
        {clearable && !disabled && (
          <Group>
            <Button variant="subtle" size="compact-xs" color="gray" onClick={() => onChange(null)}>
              {st("surveys.answerPage.clear")}
            </Button>
          </Group>
        )}
        {error && (
          <Text id={errorId} size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}
