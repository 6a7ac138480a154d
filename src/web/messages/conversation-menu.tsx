// The "…" menu of a conversation: mute or unmute, leave a group, block the other member of a
// direct conversation (with a confirmation), report them (single messages are reported from their
// own menu).
import { ActionIcon, Menu } from "@mantine/core";
import { IconBan, IconBell, IconBellOff, IconDots, IconDoorExit, IconFlag } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { messages } from "../../shared/contract/index.ts";
import type { Conversation } from "../../shared/contract/messages.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate, queryClient } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { ReportModal } from "../moderation/report-modal.tsx";
import { conversationQuery } from "./message-queries.ts";

type Confirming = "leave" | "block" | "report" | null;

export function ConversationMenu({ network, conversation }: { network: MyNetwork; conversation: Conversation }) {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState<Confirming>(null);
  const params = { networkId: network.id, conversationId: conversation.id };
  const other = conversation.kind === "direct" ? conversation.members[0] : undefined;
  const refreshLists = () => Promise.all([invalidate(messages.listConversations), invalidate(messages.getUnreadMessages)]);

  const mute = useMutation({
    mutationFn: (muted: boolean) => callApi(messages.setConversationMuted, { params, body: { muted } }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(conversationQuery(network.id, conversation.id).queryKey, updated);
      notify.success(updated.muted ? t("messages.mutedDone") : t("messages.unmutedDone"));
      await refreshLists();
    },
    onError: notify.error,
  });
  const leave = useMutation({
    mutationFn: () => callApi(messages.leaveConversation, { params }),
    onSuccess: async () => {
      setConfirming(null);
      notify.success(t("messages.leftDone"));
      await navigate(`/n/${network.slug}/messages`);
      await refreshLists();
    },
    onError: notify.error,
  });
  const block = useMutation({
    mutationFn: (memberId: string) => callApi(messages.blockMember, { params: { networkId: network.id, memberId } }),
    onSuccess: async () => {
      setConfirming(null);
      notify.success(t("messages.blockedDone", { name: other?.displayName ?? "" }));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationQuery(network.id, conversation.id).queryKey }),
        invalidate(messages.listBlocks),
        refreshLists(),
      ]);
    },
    onError: notify.error,
  });

  // Admins answering for the office are not members of it: nothing here is theirs to change.
  const canMute = !conversation.asOffice;
  if (!canMute && !conversation.can.leave && !other) return null;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={t("messages.menu")}>
            <IconDots size={20} aria-hidden />
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          {canMute && (
            <Menu.Item
              leftSection={conversation.muted ? <IconBell size={16} aria-hidden /> : <IconBellOff size={16} aria-hidden />}
              onClick={() => mute.mutate(!conversation.muted)}
            >
              {conversation.muted ? t("messages.unmute") : t("messages.mute")}
            </Menu.Item>
          )}
          {conversation.can.leave && (
            <Menu.Item leftSection={<IconDoorExit size={16} aria-hidden />} onClick={() => setConfirming("leave")}>
              {t("messages.leave")}
            </Menu.Item>
          )}
          {other && (
            <Menu.Item color="red" leftSection={<IconBan size={16} aria-hidden />} onClick={() => setConfirming("block")}>
              {t("messages.block", { name: other.displayName })}
            </Menu.Item>
          )}
          {other && (
            <Menu.Item leftSection={<IconFlag size={16} aria-hidden />} onClick={() => setConfirming("report")}>
              {t("messages.reportMember", { name: other.displayName })}
            </Menu.Item>
          )}
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirming === "leave"}
        onClose={() => setConfirming(null)}
        onConfirm={() => leave.mutate()}
        title={t("messages.leaveTitle")}
        confirmLabel={t("messages.leave")}
        pending={leave.isPending}
      >
        {t("messages.leaveBody")}
      </ConfirmModal>
      {other && (
        <ConfirmModal
          opened={confirming === "block"}
          onClose={() => setConfirming(null)}
          onConfirm={() => block.mutate(other.memberId)}
          title={t("messages.blockTitle", { name: other.displayName })}
          confirmLabel={t("messages.blockConfirm")}
          pending={block.isPending}
        >
          {t("messages.blockBody")}
        </ConfirmModal>
      )}
      <ReportModal
        networkId={network.id}
        target={confirming === "report" && other ? { kind: "member", id: other.memberId } : null}
        onClose={() => setConfirming(null)}
      />
    </>
  );
}
