// Stamps under a message: a chip per stamp given (mine highlighted) and the posts' "+" picker
// (standard set and the network's custom stamps). Toggling is optimistic; the server's
// counts replace the guess.
import { Button, Group } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { messages } from "../../shared/contract/index.ts";
import type { Message } from "../../shared/contract/messages.ts";
import type { StampCount } from "../../shared/contract/posts.ts";
import { isStandardStamp, stampEmoji } from "../../shared/stamps.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { StampFace, StampPicker, toggledStamps, type StampToggle } from "../rooms/stamp-bar.tsx";
import { patchMessage } from "./message-queries.ts";

function useMessageStamp(networkId: string, message: Message) {
  const notify = useNotify();
  const patch = (stamps: (before: StampCount[]) => StampCount[]) =>
    patchMessage(networkId, message.conversationId, message.id, (m) => ({ ...m, stamps: stamps(m.stamps) }));
  return useMutation({
    mutationFn: ({ emoji, on }: StampToggle) =>
      callApi(messages.setMessageStamp, { params: { networkId, messageId: message.id }, body: { emoji, on } }),
    onMutate: ({ emoji, on, custom }) => patch((stamps) => toggledStamps(stamps, emoji, on, custom ?? null)),
    onSuccess: (result) => patch(() => result.stamps),
    onError: (error, { emoji, on, custom }) => {
      patch((stamps) => toggledStamps(stamps, emoji, !on, custom ?? null));
      notify.error(error);
    },
  });
}

export function MessageStamps({ networkId, message }: { networkId: string; message: Message }) {
  const t = useT();
  const toggle = useMessageStamp(networkId, message);
  const mine = new Set(message.stamps.filter((s) => s.mine).map((s) => s.emoji));
  const nameOf = (stamp: StampCount) => stamp.custom?.label ?? (isStandardStamp(stamp.emoji) ? stampEmoji[stamp.emoji] : stamp.emoji);
  return (
    <Group gap={4} role="group" aria-label={t("stamps.barLabel")}>
      {message.stamps.map((stamp) => (
        <Button
          key={stamp.emoji}
          size="compact-xs"
          radius="xl"
          variant={stamp.mine ? "light" : "default"}
          aria-pressed={stamp.mine}
          aria-label={t(stamp.mine ? "stamps.countMine" : "stamps.count", { emoji: nameOf(stamp), count: stamp.count })}
          onClick={() => toggle.mutate({ emoji: stamp.emoji, on: !stamp.mine, custom: stamp.custom })}
          leftSection={<StampFace stamp={stamp} size={16} />}
        >
          <span aria-hidden>{stamp.count}</span>
        </Button>
      ))}
      <StampPicker networkId={networkId} mine={mine} onToggle={(picked) => toggle.mutate(picked)} position="top" size={16} />
    </Group>
  );
}
