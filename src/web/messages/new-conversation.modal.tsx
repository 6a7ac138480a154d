// Start a conversation: one to one (pick a member: their "who may message me" and blocks decide,
// the server says no with a reason) or a group of 3–50 with an optional name.
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { messages } from "../../shared/contract/index.ts";
import { messageLimits } from "../../shared/contract/messages.ts";
import type { Member } from "../../shared/contract/networks.ts";
import { callApi } from "../platform/api.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate } from "../platform/query.ts";
import { useProblemMessage } from "../members/use-problem.ts";
import { MemberPicker } from "./member-picker.tsx";

type Mode = "direct" | "group";

export function NewConversationModal({ network, opened, onClose }: { network: MyNetwork; opened: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("messages.newTitle")}
      closeButtonProps={{ "aria-label": t("common.close") }}
      size="md"
    >
      {opened && <NewConversationForm network={network} onClose={onClose} />}
    </Modal>
  );
}

function NewConversationForm({ network, onClose }: { network: MyNetwork; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const problem = useProblemMessage();
  const [mode, setMode] = useState<Mode>("direct");
  const [picked, setPicked] = useState<Map<string, Member>>(new Map());
  const [title, setTitle] = useState("");
  const params = { networkId: network.id };

  const opened = async (conversationId: string) => {
    onClose();
    await invalidate(messages.listConversations);
    await navigate(`/n/${network.slug}/messages/${conversationId}`);
  };
  const direct = useMutation({
    mutationFn: (memberId: string) => callApi(messages.openDirectConversation, { params, body: { memberId } }),
    onSuccess: (conversation) => opened(conversation.id),
  });
  const group = useMutation({
    mutationFn: () =>
      callApi(messages.createGroupConversation, {
        params,
        body: { memberIds: [...picked.keys()], ...(title.trim() ? { title: title.trim() } : {}) },
      }),
    onSuccess: (conversation) => opened(conversation.id),
  });

  const others = picked.size;
  const tooFew = others < messageLimits.groupMin - 1;
  const tooMany = others > messageLimits.groupMax - 1;
  const error = direct.error ?? group.error;

  return (
    <Stack>
      <SegmentedControl
        value={mode}
        onChange={(value) => setMode(value)}
        data={[
          { value: "direct", label: t("messages.modeDirect") },
          { value: "group", label: t("messages.modeGroup") },
        ]}
        aria-label={t("messages.modeLabel")}
      />
      {error && (
        <Alert variant="light" color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
          {problem(error)}
        </Alert>
      )}
      {mode === "direct" ? (
        <MemberPicker networkId={network.id} selected={new Set()} multiple={false} onPick={(member) => direct.mutate(member.id)} />
      ) : (
        <>
          <TextInput
            label={t("messages.groupTitle")}
            maxLength={messageLimits.titleMax}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <MemberPicker
            networkId={network.id}
            selected={new Set(picked.keys())}
            multiple
            onPick={(member) =>
              setPicked((before) => {
                const next = new Map(before);
                if (next.has(member.id)) next.delete(member.id);
                else next.set(member.id, member);
                return next;
              })
            }
          />
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" c={tooMany ? "red.7" : "dimmed"} aria-live="polite">
              {t("messages.groupPicked", { count: others + 1, max: messageLimits.groupMax })}
            </Text>
            <Button onClick={() => group.mutate()} loading={group.isPending} disabled={tooFew || tooMany}>
              {t("messages.createGroup")}
            </Button>
          </Group>
          {tooFew && (
            <Text size="xs" c="dimmed">
              {t("messages.groupTooFew", { min: messageLimits.groupMin - 1 })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
