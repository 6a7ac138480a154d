// The organiser's registration questions: add, remove and reorder them; each with its answer type
// (free text, choose one, choose several), its wording, its options and whether it is required.
import { ActionIcon, Button, Checkbox, Group, Input, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconX } from "@tabler/icons-react";
import type { QuestionKind } from "../../shared/contract/events.ts";
import { eventLimits, questionKinds } from "../../shared/contract/events.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { EventForm } from "./event-form-fields.tsx";
import { emptyQuestion } from "./event-form-values.ts";

export function QuestionEditor({ form }: { form: EventForm }) {
  const t = useT();
  const questions = form.values.questions;
  return (
    <Stack gap="sm">
      {questions.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("events.form.questionsNone")}
        </Text>
      )}
      {questions.map((question, index) => {
        const number = index + 1;
        const choice = question.kind !== "text";
        const optionsError = form.errors[`questions.${index}.options`];
        return (
          <Paper key={question.key} withBorder p="sm" role="group" aria-label={t("events.form.question", { number })}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="nowrap">
                <Text fw={700} size="sm" aria-hidden>
                  {t("events.form.question", { number })}
                </Text>
                <Group gap={4} wrap="nowrap">
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t("events.form.questionUp", { number })}
                    disabled={index === 0}
                    onClick={() => form.reorderListItem("questions", { from: index, to: index - 1 })}
                  >
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={t("events.form.questionDown", { number })}
                    disabled={index === questions.length - 1}
                    onClick={() => form.reorderListItem("questions", { from: index, to: index + 1 })}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t("events.form.questionRemove", { number })}
                    onClick={() => form.removeListItem("questions", index)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
              <Select
                label={t("events.form.questionKind")}
                data={questionKinds.map((kind) => ({ value: kind, label: t(`events.form.questionKind.${kind}`) }))}
                allowDeselect={false}
                {...form.getInputProps(`questions.${index}.kind`)}
                onChange={(value) => {
                  if (!value) return;
                  form.setFieldValue(`questions.${index}.kind`, value as QuestionKind);
                  // A choice needs options to choose from: start with two empty ones.
                  if (value !== "text" && question.options.length === 0) form.setFieldValue(`questions.${index}.options`, ["", ""]);
                }}
              />
              <TextInput
                label={t("events.form.questionLabel")}
                required
                maxLength={eventLimits.questionLabelMax}
                {...form.getInputProps(`questions.${index}.label`)}
              />
              {choice && (
                <Input.Wrapper label={t("events.form.questionOptions")} error={optionsError} labelElement="div">
                  <Stack gap={6} mt={4} data-path={`questions.${index}.options`} tabIndex={-1}>
                    {question.options.map((_, optionIndex) => (
                      <Group key={optionIndex} gap={6} wrap="nowrap">
                        <TextInput
                          aria-label={t("events.form.questionOption", { number: optionIndex + 1 })}
                          placeholder={t("events.form.questionOption", { number: optionIndex + 1 })}
                          maxLength={eventLimits.optionMax}
                          style={{ flex: 1 }}
                          {...form.getInputProps(`questions.${index}.options.${optionIndex}`)}
                        />
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={t("events.form.optionRemove", { number: optionIndex + 1 })}
                          onClick={() => form.removeListItem(`questions.${index}.options`, optionIndex)}
                        >
                          <IconX size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    ))}
                    <Button
                      variant="subtle"
                      size="xs"
                      style={{ alignSelf: "flex-start" }}
                      leftSection={<IconPlus size={14} aria-hidden />}
                      disabled={question.options.length >= eventLimits.optionsMax}
                      onClick={() => form.insertListItem(`questions.${index}.options`, "")}
                    >
                      {t("events.form.optionAdd")}
                    </Button>
                  </Stack>
                </Input.Wrapper>
              )}
              <Checkbox
                label={t("events.form.questionRequired")}
                {...form.getInputProps(`questions.${index}.required`, { type: "checkbox" })}
              />
            </Stack>
          </Paper>
        );
      })}
      <Button
        variant="default"
        style={{ alignSelf: "flex-start" }}
        leftSection={<IconPlus size={16} aria-hidden />}
        disabled={questions.length >= eventLimits.questionsMax}
        onClick={() => form.insertListItem("questions", emptyQuestion())}
      >
        {t("events.form.questionAdd")}
      </Button>
    </Stack>
  );
}
