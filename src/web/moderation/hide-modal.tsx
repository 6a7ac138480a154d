// An admin hides a post or comment (only its author and the admins will see it), with a reason
// the author is shown; or shows it again.
import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { membership, moderation } from "../../shared/contract/index.ts";
import { moderationLimits } from "../../shared/contract/moderation.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate } from "../platform/query.ts";
import { refreshPosts } from "../rooms/room-queries.ts";

export type HideTarget = { kind: "post"; id: string; hidden: boolean } | { kind: "comment"; id: string; hidden: boolean };

function setHidden(networkId: string, target: HideTarget, hidden: boolean, reason: string) {
  return target.kind === "post"
    ? callApi(moderation.setPostHidden, { params: { networkId, postId: target.id }, body: { hidden, reason } })
    : callApi(moderation.setCommentHidden, { params: { networkId, commentId: target.id }, body: { hidden, reason } });
}

/** Hiding asks for the reason; showing again needs no form. */
export function useHideToggle(networkId: string) {
  const t = useT();
  const notify = useNotify();
  return useMutation({
    mutationFn: ({ target, hidden, reason }: { target: HideTarget; hidden: boolean; reason: string }) =>
      setHidden(networkId, target, hidden, reason),
    onSuccess: async (_, { hidden }) => {
      notify.success(t(hidden ? "moderation.hidden" : "moderation.unhidden"));
      await Promise.all([refreshPosts(), invalidate(membership.listAuditLog)]);
    },
    onError: (error) => notify.error(error),
  });
}

export function HideModal({ networkId, target, onClose }: { networkId: string; target: HideTarget | null; onClose: () => void }) {
  const t = useT();
  const [reason, setReason] = useState("");
  const toggle = useHideToggle(networkId);
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      title={target ? t("reports.actTitle.hide", { kind: t(`reports.target.${target.kind}`) }) : ""}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!target) return;
          toggle.mutate({ target, hidden: true, reason }, { onSuccess: () => (setReason(""), onClose()) });
        }}
      >
        <Stack gap="md">
          <Text size="sm">{t("reports.actLead.hide")}</Text>
          <Textarea
            label={t("reports.reasonLabel")}
            description={t("reports.reasonHint")}
            autosize
            minRows={2}
            maxLength={moderationLimits.reasonMax}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color="orange" loading={toggle.isPending}>
              {t("moderation.hide")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
