// The stamps under a post or comment: one toggle chip per stamp already given (the caller's own
// highlighted) and a "+" popover with the whole set. Toggling is optimistic (see useStampToggle).
import { ActionIcon, Button, Group, Popover, SimpleGrid, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconMoodPlus } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useId } from "react";
import { posts } from "../../shared/contract/index.ts";
import type { StampCount } from "../../shared/contract/posts.ts";
import { stampEmoji, stampNames } from "../../shared/stamps.ts";
import type { StampName } from "../../shared/stamps.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { patchComment, patchPost, refreshPosts } from "./room-queries.ts";

/** The counts after the caller puts (on) or takes back a stamp, in the order of the stamp set. */
export function toggledStamps(stamps: StampCount[], emoji: StampName, on: boolean): StampCount[] {
  const byName = new Map(stamps.map((stamp) => [stamp.emoji, stamp]));
  const current = byName.get(emoji);
  if (on && !current?.mine) byName.set(emoji, { emoji, count: (current?.count ?? 0) + 1, mine: true });
  if (!on && current?.mine) byName.set(emoji, { emoji, count: current.count - 1, mine: false });
  return stampNames.flatMap((name) => {
    const stamp = byName.get(name);
    return stamp && stamp.count > 0 ? [stamp] : [];
  });
}

/** Put or take back a stamp on a post or a comment, updating the caches before the server answers. */
export function useStampToggle(networkId: string, target: { postId: string } | { commentId: string }) {
  const notify = useNotify();
  const patch = (change: (stamps: StampCount[]) => StampCount[]) =>
    "postId" in target
      ? patchPost(target.postId, (post) => ({ ...post, stamps: change(post.stamps) }))
      : patchComment(target.commentId, (comment) => ({ ...comment, stamps: change(comment.stamps) }));
  return useMutation({
    mutationFn: ({ emoji, on }: { emoji: StampName; on: boolean }) =>
      "postId" in target
        ? callApi(posts.setPostStamp, { params: { networkId, postId: target.postId }, body: { emoji, on } })
        : callApi(posts.setCommentStamp, { params: { networkId, commentId: target.commentId }, body: { emoji, on } }),
    onMutate: ({ emoji, on }) => patch((stamps) => toggledStamps(stamps, emoji, on)),
    onSuccess: (result) => patch(() => result.stamps),
    onError: (error) => {
      notify.error(error);
      void refreshPosts();
    },
  });
}

export function StampBar({ stamps, onToggle }: { stamps: StampCount[]; onToggle: (emoji: StampName, on: boolean) => void }) {
  const t = useT();
  const [opened, picker] = useDisclosure(false);
  const pickerTitleId = useId();
  const mine = new Set(stamps.filter((stamp) => stamp.mine).map((stamp) => stamp.emoji));
  return (
    <Group gap={6} role="group" aria-label={t("stamps.barLabel")}>
      {stamps.map((stamp) => {
        const emoji = stampEmoji[stamp.emoji];
        return (
          <Button
            key={stamp.emoji}
            size="compact-sm"
            radius="xl"
            variant={stamp.mine ? "light" : "default"}
            aria-pressed={stamp.mine}
            aria-label={t(stamp.mine ? "stamps.countMine" : "stamps.count", { emoji, count: stamp.count })}
            onClick={() => onToggle(stamp.emoji, !stamp.mine)}
            style={stamp.mine ? { outline: "1px solid var(--mantine-primary-color-light-color)" } : undefined}
          >
            <span aria-hidden>{emoji}</span>
            <span aria-hidden style={{ marginInlineStart: 4 }}>
              {stamp.count}
            </span>
          </Button>
        );
      })}
      <Popover
        opened={opened}
        onChange={(next) => (next ? picker.open() : picker.close())}
        position="bottom-start"
        withArrow
        shadow="md"
        trapFocus
      >
        <Popover.Target>
          <ActionIcon variant="subtle" color="gray" radius="xl" aria-label={t("stamps.add")} onClick={picker.toggle} aria-expanded={opened}>
            <IconMoodPlus size={18} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        {/* Mantine names the dropdown after its target button; our own aria-labelledby (spread last) names it for what it is. */}
        <Popover.Dropdown p="xs" aria-labelledby={pickerTitleId} role="dialog">
          <span id={pickerTitleId} className="tsunagu-visually-hidden">
            {t("stamps.pickerLabel")}
          </span>
          <SimpleGrid cols={6} spacing={4}>
            {stampNames.map((name) => (
              <UnstyledButton
                key={name}
                aria-label={stampEmoji[name]}
                aria-pressed={mine.has(name)}
                onClick={() => {
                  onToggle(name, !mine.has(name));
                  picker.close();
                }}
                style={{
                  fontSize: 22,
                  lineHeight: 1,
                  padding: 6,
                  borderRadius: "var(--mantine-radius-sm)",
                  textAlign: "center",
                  background: mine.has(name) ? "var(--mantine-primary-color-light)" : undefined,
                }}
              >
                {stampEmoji[name]}
              </UnstyledButton>
            ))}
          </SimpleGrid>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
