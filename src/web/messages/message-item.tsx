// One message: the bubble (own ones on the right), who wrote it when not me (事務局 for the office),
// the time with an "edited" mark, a placeholder once deleted, the stamps, and a menu: edit (inline)
// or delete my own messages, report others'.
import { ImageGrid } from "../rooms/image-grid.tsx";
import { ActionIcon, Button, Group, Menu, Stack, Text, Textarea } from "@mantine/core";
import { IconDots, IconFlag, IconPencil, IconTrash } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { messages } from "../../shared/contract/index.ts";
import type { Message } from "../../shared/contract/messages.ts";
import { messageLimits } from "../../shared/contract/messages.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { queryClient } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { ReportModal } from "../moderation/report-modal.tsx";
import { messagesKey, patchMessage } from "./message-queries.ts";
import { MessageStamps } from "./message-stamps.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** Today's messages by the hour and minute, older ones with their date (in the member's time zone). */
function useTime(): (iso: string) => string {
  const format = useFormat();
  const { locale } = useLocale();
  const clock = useMemo(
    () => new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { timeStyle: "short", timeZone: format.timeZone }),
    [locale, format.timeZone],
  );
  return (iso) => (format.date(iso) === format.date(new Date().toISOString()) ? clock.format(new Date(iso)) : format.dateTime(iso));
}

function EditForm({ networkId, message, onDone }: { networkId: string; message: Message; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [body, setBody] = useState(message.body);
  const save = useMutation({
    mutationFn: () => callApi(messages.updateMessage, { params: { networkId, messageId: message.id }, body: { body } }),
    onSuccess: (updated) => {
      patchMessage(networkId, message.conversationId, message.id, () => updated);
      onDone();
    },
    onError: notify.error,
  });
  return (
    <Stack gap={6} w="min(85%, 36rem)">
      <Textarea
        label={t("messages.editLabel")}
        autosize
        minRows={2}
        maxRows={10}
        value={body}
        maxLength={messageLimits.bodyMax}
        onChange={(e) => setBody(e.currentTarget.value)}
        data-autofocus
        autoFocus
      />
      <Group gap="xs" justify="flex-end">
        <Button variant="default" size="xs" onClick={onDone} disabled={save.isPending}>
          {t("common.cancel")}
        </Button>
        <Button size="xs" onClick={() => save.mutate()} loading={save.isPending} disabled={body.trim() === ""}>
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}

export function MessageItem({
  networkId,
  message,
  own,
  showAuthor,
}: {
  networkId: string;
  message: Message;
  own: boolean;
  showAuthor: boolean;
}) {
  const t = useT();
  const time = useTime();
  const format = useFormat();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [reporting, setReporting] = useState(false);
  const remove = useMutation({
    mutationFn: () => callApi(messages.deleteMessage, { params: { networkId, messageId: message.id } }),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: messagesKey(networkId, message.conversationId), exact: true });
    },
    onError: notify.error,
  });
  const author = message.asOffice && !own ? t("messages.office") : message.author.displayName;
  const canReport = !own && !message.deleted;
  const canAct = message.can.edit || message.can.delete || canReport;
  return (
    <Stack
      gap={2}
      className="tsunagu-dm-message"
      data-own={own || undefined}
      data-message-id={message.id}
      component="article"
      aria-label={own ? t("messages.byMe") : author}
    >
      {showAuthor && !own && (
        <Group gap={6} wrap="nowrap" px={4}>
          {/* The office answers as the office: no one person's face. */}
          {!message.asOffice && (
            <MemberAvatar
              name={message.author.displayName}
              avatarUrl={message.author.avatarUrl}
              supporter={message.author.supporter}
              size={24}
            />
          )}
          <Text size="xs" c="dimmed" fw={600}>
            {author}
          </Text>
        </Group>
      )}
      {editing ? (
        <EditForm networkId={networkId} message={message} onDone={() => setEditing(false)} />
      ) : (
        <Group gap={4} wrap="nowrap" align="center" style={{ flexDirection: own ? "row-reverse" : "row", maxWidth: "100%" }}>
          {message.deleted ? (
            <div className="tsunagu-dm-bubble" data-deleted>
              {message.removedByModerator ? (
                // Only its author gets the reason (the server sends it to no one else).
                <>
                  {t("moderation.deletedByModerator")}
                  {message.removedByModerator.reason && (
                    <>
                      <br />
                      {t("moderation.reasonShown", { reason: message.removedByModerator.reason })}
                    </>
                  )}
                </>
              ) : (
                t("messages.deleted")
              )}
            </div>
          ) : (
            <Stack gap={4} align={own ? "flex-end" : "flex-start"} style={{ minWidth: 0 }}>
              {message.bodyHtml && (
                // bodyHtml is rendered from Markdown and allow-listed by the server (platform/markdown).
                <div className="tsunagu-dm-bubble" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
              )}
              {message.images.length > 0 && (
                <div className="tsunagu-dm-images">
                  <ImageGrid images={message.images} compact />
                </div>
              )}
            </Stack>
          )}
          {canAct && (
            <Menu position={own ? "bottom-end" : "bottom-start"} withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t("messages.messageMenu")}>
                  <IconDots size={16} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {message.can.edit && (
                  <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                    {t("messages.edit")}
                  </Menu.Item>
                )}
                {message.can.delete && (
                  <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirming(true)}>
                    {t("messages.delete")}
                  </Menu.Item>
                )}
                {canReport && (
                  <Menu.Item leftSection={<IconFlag size={16} aria-hidden />} onClick={() => setReporting(true)}>
                    {t("report.action")}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      )}
      <Group gap={6} px={4} style={{ flexDirection: own ? "row-reverse" : "row" }}>
        <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt} title={format.dateTime(message.createdAt)}>
          {time(message.createdAt)}
        </Text>
        {message.editedAt && !message.deleted && (
          <Text size="xs" c="dimmed" title={format.dateTime(message.editedAt)}>
            {t("messages.edited")}
          </Text>
        )}
      </Group>
      {!message.deleted && <MessageStamps networkId={networkId} message={message} />}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate()}
        title={t("messages.deleteTitle")}
        confirmLabel={t("messages.delete")}
        pending={remove.isPending}
      >
        {t("messages.deleteBody")}
      </ConfirmModal>
      <ReportModal
        networkId={networkId}
        target={reporting ? { kind: "message", id: message.id } : null}
        onClose={() => setReporting(false)}
      />
    </Stack>
  );
}
