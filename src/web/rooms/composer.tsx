// The text box for new posts, comments and inline edits: a Markdown hint, a character count against
// the contract's limit, Ctrl/⌘+Enter to send, the server's problem shown under it, cleared after a
// new post or comment is sent. With `images`, pictures can be attached (button, paste or drop):
// words or images are needed, and sending waits until every upload has finished. With `mentions`,
// typing @ offers the members to mention (mention-suggest.tsx).
import { Button, Group, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMutation } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import type { ClipboardEvent, DragEvent, KeyboardEvent } from "react";
import type { Image } from "../../shared/contract/images.ts";
import type { MentionRef } from "../../shared/contract/mentions.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ProblemAlert } from "../members/problem-alert.tsx";
import { AttachButton, AttachmentTiles, filesOf, useAttachments } from "./image-attachments.tsx";
import { useMentionSuggest } from "./mention-suggest.tsx";

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
  images,
  mentions,
}: {
  label: string;
  placeholder?: string;
  max: number;
  submitLabel: string;
  /** The body, the ids of the attached images in order (none without `images`), and the members it mentions. */
  onSubmit: (body: string, imageIds: string[], mentionIds: string[]) => Promise<unknown>;
  /** Editing: the current source; the box is not cleared after saving. */
  initial?: string;
  onCancel?: () => void;
  hideLabel?: boolean;
  autoFocus?: boolean;
  /** Allow attaching images to this network's post or comment: at most `max`; `initial` when editing. */
  images?: { networkId: string; max: number; initial?: Image[] };
  /** Offer members to mention: those of this network who see `roomId`; `initial` when editing. */
  mentions?: { networkId: string; roomId?: string; initial?: MentionRef[] };
}) {
  const t = useT();
  const format = useFormat();
  const hintId = useId();
  const countId = useId();
  const [body, setBody] = useState(initial);
  const [dragging, setDragging] = useState(false);
  const attachments = useAttachments(images?.networkId ?? "", images?.max ?? 0, images?.initial);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const suggest = useMentionSuggest({
    networkId: mentions?.networkId ?? "",
    ...(mentions?.roomId ? { roomId: mentions.roomId } : {}),
    value: body,
    setValue: setBody,
    textarea,
    ...(mentions?.initial ? { initial: mentions.initial } : {}),
  });
  const send = useMutation({
    mutationFn: ({ text, imageIds, mentionIds }: { text: string; imageIds: string[]; mentionIds: string[] }) =>
      onSubmit(text, imageIds, mentionIds),
    onSuccess: () => {
      if (!onCancel) {
        setBody("");
        attachments.reset();
        suggest.reset();
      }
    },
  });
  const tooLong = body.length > max;
  const empty = body.trim() === "" && attachments.imageIds.length === 0;
  const blocked = empty || tooLong || attachments.uploading || send.isPending;
  const submit = () => {
    if (blocked) return;
    send.mutate({ text: body, imageIds: attachments.imageIds, mentionIds: mentions ? suggest.mentionIds() : [] });
  };
  const tooMany = () => notifications.show({ color: "yellow", message: t("attach.tooMany", { max: images?.max ?? 0 }) });
  const take = (files: File[]) => {
    if (!images || files.length === 0) return false;
    if (attachments.add(files)) tooMany();
    return true;
  };
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    if (take(filesOf(event.clipboardData))) event.preventDefault();
  };
  const dropProps = images
    ? {
        onDragOver: (event: DragEvent) => {
          if (!event.dataTransfer.types.includes("Files")) return;
          event.preventDefault();
          setDragging(true);
        },
        onDragLeave: () => setDragging(false),
        onDrop: (event: DragEvent) => {
          setDragging(false);
          if (take(filesOf(event.dataTransfer))) event.preventDefault();
        },
      }
    : {};
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (mentions && suggest.onKeyDown(event)) return;
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
      {...dropProps}
      style={
        dragging
          ? { outline: "2px dashed var(--mantine-primary-color-filled)", outlineOffset: 4, borderRadius: "var(--mantine-radius-sm)" }
          : undefined
      }
    >
      <div style={{ position: "relative" }}>
        <Textarea
          ref={textarea}
          label={label}
          labelProps={hideLabel ? { className: "tsunagu-visually-hidden" } : undefined}
          placeholder={placeholder}
          value={body}
          onChange={(event) => {
            setBody(event.currentTarget.value);
            if (mentions) suggest.track();
          }}
          onKeyDown={onKeyDown}
          onKeyUp={(event) => {
            if (mentions && (event.key === "ArrowLeft" || event.key === "ArrowRight" || event.key === "Home" || event.key === "End"))
              suggest.track();
          }}
          onClick={mentions ? suggest.track : undefined}
          onBlur={mentions ? suggest.close : undefined}
          {...(mentions ? suggest.inputProps : {})}
          onPaste={onPaste}
          autosize
          minRows={2}
          maxRows={12}
          autoFocus={autoFocus}
          error={tooLong ? t("composer.tooLong", { max: format.number(max) }) : undefined}
          aria-describedby={`${hintId} ${countId}`}
        />
        {mentions && suggest.list}
      </div>
      {images && <AttachmentTiles attachments={attachments} />}
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
          {images && <AttachButton attachments={attachments} max={images.max} onTooMany={tooMany} />}
          {onCancel && (
            <Button variant="default" onClick={onCancel} disabled={send.isPending}>
              {t("common.cancel")}
            </Button>
          )}
          <Button type="submit" loading={send.isPending || attachments.uploading} disabled={blocked}>
            {submitLabel}
          </Button>
        </Group>
      </Group>
      {send.isError && <ProblemAlert error={send.error} />}
    </Stack>
  );
}
