// The message box under a conversation. On a desktop Enter sends and Shift+Enter starts a new line;
// on touch screens Enter is a new line and the button sends. Never sends while an input method is
// composing (Japanese conversion: the Enter that confirms a conversion is not "send"). Up to four
// pictures go with a message (button or paste); it waits for their uploads.
import { ActionIcon, Group, Text, Textarea } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconSend } from "@tabler/icons-react";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import type { ClipboardEvent, KeyboardEvent } from "react";
import { imageLimits } from "../../shared/contract/images.ts";
import { messageLimits } from "../../shared/contract/messages.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { AttachButton, AttachmentTiles, filesOf, useAttachments } from "../rooms/image-attachments.tsx";

export function MessageComposer({
  networkId,
  onSend,
  disabledReason,
}: {
  networkId: string;
  onSend: (body: string, imageIds: string[]) => void;
  disabledReason: string | null;
}) {
  const t = useT();
  const [body, setBody] = useState("");
  const touch = useMediaQuery("(pointer: coarse)", false, { getInitialValueInEffect: false });
  const input = useRef<HTMLTextAreaElement>(null);
  const attachments = useAttachments(networkId, imageLimits.perMessage);
  const empty = body.trim() === "" && attachments.imageIds.length === 0;
  const blocked = empty || body.length > messageLimits.bodyMax || attachments.uploading;

  const send = () => {
    if (blocked) return;
    onSend(body, attachments.imageIds);
    setBody("");
    attachments.reset();
    input.current?.focus();
  };
  const tooMany = () => notifications.show({ color: "yellow", message: t("attach.tooMany", { max: imageLimits.perMessage }) });
  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = filesOf(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    if (attachments.add(files)) tooMany();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey || touch) return;
    // 229: the key went to the input method (Safari reports isComposing late on the confirming Enter).
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    send();
  };

  if (disabledReason)
    return (
      <Text size="sm" c="dimmed" ta="center" className="tsunagu-dm-composer">
        {disabledReason}
      </Text>
    );
  return (
    <form
      className="tsunagu-dm-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <AttachmentTiles attachments={attachments} />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <AttachButton attachments={attachments} max={imageLimits.perMessage} onTooMany={tooMany} />
        <Textarea
          ref={input}
          style={{ flex: 1 }}
          aria-label={t("messages.composerLabel")}
          aria-description={touch ? undefined : t("messages.composerHint")}
          placeholder={t(touch ? "messages.composerPlaceholder" : "messages.composerPlaceholderDesktop")}
          autosize
          minRows={1}
          maxRows={6}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          error={body.length > messageLimits.bodyMax ? t("messages.tooLong", { max: messageLimits.bodyMax }) : undefined}
        />
        <ActionIcon type="submit" size={36} radius="xl" aria-label={t("messages.send")} disabled={blocked} loading={attachments.uploading}>
          <IconSend size={18} aria-hidden />
        </ActionIcon>
      </Group>
    </form>
  );
}
