// One question in the builder: its answer type, wording, whether it must be answered and, for
// choices, the options; with buttons to move it up or down and to remove it.
import { ActionIcon, Button, Fieldset, Group, Select, Stack, Switch, Text, TextInput } from "@mantine/core";
import type { useForm } from "@mantine/form";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from "@tabler/icons-react";
import { questionKinds, surveyLimits } from "../../shared/contract/surveys.ts";
import type { SurveyQuestionKind } from "../../shared/contract/surveys.ts";
import type { BuilderValues } from "./survey-builder-values.ts";
import { isChoice } from "./survey-builder-values.ts";
import { useSurveyT } from "./survey-i18n.ts";

/** What the editor uses of the builder's form. */
type BuilderForm = Pick<
  ReturnType<typeof useForm<BuilderValues>>,
  "getValues" | "setFieldValue" | "getInputProps" | "errors" | "reorderListItem" | "removeListItem" | "insertListItem"
>;

export function QuestionEditor({ form, index, count }: { form: BuilderForm; index: number; count: number }) {
  const st = useSurveyT();
  const question = form.getValues().questions[index];
  if (!question) return null;
  const n = index + 1;
  const path = `questions.${index}`;
  const optionsError = form.errors[`${path}.options`];

  const changeKind = (kind: SurveyQuestionKind) => {
    form.setFieldValue(`${path}.kind`, kind);
    if (isChoice(kind) && question.options.length < surveyLimits.optionsMin) form.setFieldValue(`${path}.options`, ["", ""]);
  };

  return (
    <Fieldset legend={st("surveys.builder.question", { n })}>
      <Stack gap="sm">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            label={st("surveys.builder.kind")}
            data={questionKinds.map((kind) => ({ value: kind, label: st(`surveys.builder.kind.${kind}`) }))}
            value={question.kind}
            onChange={(value) => value && changeKind(value)}
            allowDeselect={false}
            style={{ minWidth: 220 }}
          />
          <Switch label={st("surveys.builder.required")} {...form.getInputProps(`${path}.required`, { type: "checkbox" })} mb={8} />
          <Group gap={4} ml="auto">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={st("surveys.builder.moveUp", { n })}
              disabled={index === 0}
              onClick={() => form.reorderListItem("questions", { from: index, to: index - 1 })}
            >
              <IconArrowUp size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={st("surveys.builder.moveDown", { n })}
              disabled={index === count - 1}
              onClick={() => form.reorderListItem("questions", { from: index, to: index + 1 })}
            >
              <IconArrowDown size={18} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={st("surveys.builder.removeQuestion", { n })}
              disabled={count === 1}
              onClick={() => form.removeListItem("questions", index)}
            >
              <IconTrash size={18} aria-hidden />
            </ActionIcon>
          </Group>
        </Group>
        <TextInput
          label={st("surveys.builder.label")}
          required
          maxLength={surveyLimits.labelMax}
          {...form.getInputProps(`${path}.label`)}
        />
        {isChoice(question.kind) && (
          <Stack gap={6} role="group" aria-label={st("surveys.builder.options")}>
            <Text size="sm" fw={500}>
              {st("surveys.builder.options")}
            </Text>
            {question.options.map((_, optionIndex) => (
              <Group key={optionIndex} gap="xs" wrap="nowrap">
                <TextInput
                  aria-label={st("surveys.builder.option", { n: optionIndex + 1 })}
                  placeholder={st("surveys.builder.option", { n: optionIndex + 1 })}
                  maxLength={surveyLimits.optionMax}
                  style={{ flex: 1 }}
                  {...form.getInputProps(`${path}.options.${optionIndex}`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={st("surveys.builder.removeOption", { n: optionIndex + 1 })}
                  disabled={question.options.length <= surveyLimits.optionsMin}
                  onClick={() => form.removeListItem(`${path}.options`, optionIndex)}
                >
                  <IconX size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {optionsError && (
              <Text size="sm" c="red" role="alert" data-path={`${path}.options`} tabIndex={-1}>
                {optionsError}
              </Text>
            )}
            <Group>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                disabled={question.options.length >= surveyLimits.optionsMax}
                onClick={() => form.insertListItem(`${path}.options`, "")}
              >
                {st("surveys.builder.addOption")}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Fieldset>
  );
}
