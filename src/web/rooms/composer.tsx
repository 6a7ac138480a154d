// The text box for new posts, comments and inline edits: a Markdown hint, a character count against
// the contract's limit, Ctrl/⌘+Enter to send, the server's problem shown under it, cleared after a
// new post or comment is sent.
import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { KeyboardEvent } from "react";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ProblemAlert } from "../members/problem-alert.tsx";

export function Composer({
  label,
  placeholder,
  max,
  submitLabel,
  onSubmit,
  initial = "",
  onCancel,
  hideLabel = false,
  autoFocus = false,
}: {
  label: string;
  placeholder?: string;
  max: number;
  submitLabel: string;
  onSubmit: (body: string) => Promise<unknown>;
  /** Editing: the current source; the box is not cleared after saving. */
  initial?: string;
  onCancel?: () => void;
  hideLabel?: boolean;
  autoFocus?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const hintId = useId();
  const countId = useId();
  const [body, setBody] = useState(initial);
  const send = useMutation({
    mutationFn: onSubmit,
    onSuccess: () => {
      if (!onCancel) setBody("");
    },
  });
  const tooLong = body.length > max;
  const empty = body.trim() === "";
  const submit = () => {
    if (empty || tooLong || send.isPending) return;
    send.mutate(body);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <Stack
      gap="xs"
      component="form"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Textarea
        label={label}
        labelProps={hideLabel ? { className: "tsunagu-visually-hidden" } : undefined}
        placeholder={placeholder}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        autosize
        minRows={2}
        maxRows={12}
        autoFocus={autoFocus}
        error={tooLong ? t("composer.tooLong", { max: format.number(max) }) : undefined}
        aria-describedby={`${hintId} ${countId}`}
      />
      <Group justify="space-between" gap="xs" wrap="wrap" align="flex-start">
        <Stack gap={0} style={{ flex: "1 1 12rem", minWidth: 0 }}>
          <Text id={hintId} size="xs" c="dimmed">
            {t("composer.hint")}
          </Text>
          <Text id={countId} size="xs" c={tooLong ? "red" : "dimmed"}>
            {t("composer.count", { count: format.number(body.length), max: format.number(max) })}
          </Text>
        </Stack>
        <Group gap="xs">
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={send.isPending}>
              {t("common.cancel")}
            </Button>
          )}
          <Button type="submit" loading={send.isPending} disabled={empty || tooLong}>
            {submitLabel}
          </Button>
        </Group>
      </Group>
      {send.isError && <ProblemAlert error={send.error} />}
    </Stack>
  );
}
