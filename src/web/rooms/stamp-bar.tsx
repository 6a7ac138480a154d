// The stamps under a post or comment: one toggle chip per stamp already given (the caller's own
// highlighted), a "+" popover with the standard set and the network's custom stamps, and who
// stamped on hover, focus or long press (fetched when first shown). Toggling is optimistic (see
// useStampToggle). Custom stamps are 20px images with their label as alt text.
import { ActionIcon, Button, Divider, Group, Popover, SimpleGrid, Text, Tooltip, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconMoodPlus } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { posts, stamps as stampsContract } from "../../shared/contract/index.ts";
import type { StampCount } from "../../shared/contract/posts.ts";
import type { CustomStamp } from "../../shared/contract/stamps.ts";
import { isStandardStamp, stampEmoji, stampNames } from "../../shared/stamps.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery } from "../platform/query.ts";
import { patchComment, patchPost, refreshPosts } from "./room-queries.ts";

export type StampTarget = { postId: string } | { commentId: string };

const standardRank = new Map<string, number>(stampNames.map((name, i) => [name, i]));
const rank = (stamp: StampCount) => standardRank.get(stamp.emoji) ?? stampNames.length;

/** The counts after the caller puts (on) or takes back a stamp: standard ones in the set's order, then custom ones by name. */
export function toggledStamps(stamps: StampCount[], emoji: string, on: boolean, custom: StampCount["custom"] = null): StampCount[] {
  const byName = new Map(stamps.map((stamp) => [stamp.emoji, stamp]));
  const current = byName.get(emoji);
  if (on && !current?.mine) byName.set(emoji, { emoji, count: (current?.count ?? 0) + 1, mine: true, custom: current?.custom ?? custom });
  if (!on && current?.mine) byName.set(emoji, { ...current, count: current.count - 1, mine: false });
  return [...byName.values()].filter((stamp) => stamp.count > 0).sort((a, b) => rank(a) - rank(b) || a.emoji.localeCompare(b.emoji));
}

export interface StampToggle {
  emoji: string;
  on: boolean;
  custom?: StampCount["custom"];
}

/** Put or take back a stamp on a post or a comment, updating the caches before the server answers. */
export function useStampToggle(networkId: string, target: StampTarget) {
  const notify = useNotify();
  const patch = (change: (stamps: StampCount[]) => StampCount[]) =>
    "postId" in target
      ? patchPost(target.postId, (post) => ({ ...post, stamps: change(post.stamps) }))
      : patchComment(target.commentId, (comment) => ({ ...comment, stamps: change(comment.stamps) }));
  return useMutation({
    mutationFn: ({ emoji, on }: StampToggle) =>
      "postId" in target
        ? callApi(posts.setPostStamp, { params: { networkId, postId: target.postId }, body: { emoji, on } })
        : callApi(posts.setCommentStamp, { params: { networkId, commentId: target.commentId }, body: { emoji, on } }),
    onMutate: ({ emoji, on, custom }) => patch((stamps) => toggledStamps(stamps, emoji, on, custom ?? null)),
    onSuccess: (result) => patch(() => result.stamps),
    onError: (error) => {
      notify.error(error);
      void refreshPosts();
    },
  });
}

/** The network's custom stamps (archived ones included: old posts still show them). */
export const customStampsQuery = (networkId: string) => apiQuery(stampsContract.listCustomStamps, { params: { networkId } });

/** A stamp's face: the emoji, or the custom stamp's image. */
export function StampFace({ stamp, size = 20 }: { stamp: Pick<StampCount, "emoji" | "custom">; size?: number }) {
  if (stamp.custom)
    return (
      <img
        src={stamp.custom.imageUrl}
        alt={stamp.custom.label}
        width={size}
        height={size}
        style={{ display: "inline-block", verticalAlign: "middle" }}
      />
    );
  return <span aria-hidden>{isStandardStamp(stamp.emoji) ? stampEmoji[stamp.emoji] : stamp.emoji}</span>;
}

/** Who stamped, fetched the first time the tooltip opens. */
function Stampers({ networkId, target, emoji }: { networkId: string; target: StampTarget; emoji: string }) {
  const t = useT();
  const query = useQuery(
    "postId" in target
      ? apiQuery(posts.listPostStampers, { params: { networkId, postId: target.postId, stampName: emoji } })
      : apiQuery(posts.listCommentStampers, { params: { networkId, commentId: target.commentId, stampName: emoji } }),
  );
  if (query.isPending) return <>{t("stamps.whoLoading")}</>;
  if (query.isError) return <>{t("stamps.whoError")}</>;
  const names = query.data.items.map((item) => item.displayName).join("、");
  const more = query.data.total - query.data.items.length;
  return <>{more > 0 ? t("stamps.whoMore", { names, count: more }) : names}</>;
}

function StampChip({
  stamp,
  networkId,
  target,
  onToggle,
}: {
  stamp: StampCount;
  networkId: string;
  target: StampTarget;
  onToggle: (toggle: StampToggle) => void;
}) {
  const t = useT();
  const [shown, setShown] = useState(false);
  const pressTimer = useRef<number | null>(null);
  const longPressed = useRef(false);
  const label = stamp.custom ? stamp.custom.label : isStandardStamp(stamp.emoji) ? stampEmoji[stamp.emoji] : stamp.emoji;
  const endPress = () => {
    if (pressTimer.current !== null) window.clearTimeout(pressTimer.current);
    pressTimer.current = null;
  };
  return (
    <Tooltip
      label={shown ? <Stampers networkId={networkId} target={target} emoji={stamp.emoji} /> : ""}
      opened={shown}
      multiline
      maw={280}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Button
        size="compact-sm"
        radius="xl"
        variant={stamp.mine ? "light" : "default"}
        aria-pressed={stamp.mine}
        aria-label={t(stamp.mine ? "stamps.countMine" : "stamps.count", { emoji: label, count: stamp.count })}
        onMouseEnter={() => setShown(true)}
        onMouseLeave={() => setShown(false)}
        onFocus={() => setShown(true)}
        onBlur={() => setShown(false)}
        onTouchStart={() => {
          longPressed.current = false;
          pressTimer.current = window.setTimeout(() => {
            longPressed.current = true;
            setShown(true);
          }, 500);
        }}
        onTouchEnd={endPress}
        onTouchMove={endPress}
        onClick={() => {
          // A long press shows who stamped; it does not toggle.
          if (longPressed.current) {
            longPressed.current = false;
            return;
          }
          onToggle({ emoji: stamp.emoji, on: !stamp.mine });
        }}
        style={stamp.mine ? { outline: "1px solid var(--mantine-primary-color-light-color)" } : undefined}
      >
        <StampFace stamp={stamp} />
        <span aria-hidden style={{ marginInlineStart: 4 }}>
          {stamp.count}
        </span>
      </Button>
    </Tooltip>
  );
}

const pickerCell = (selected: boolean) => ({
  fontSize: 22,
  lineHeight: 1,
  padding: 6,
  borderRadius: "var(--mantine-radius-sm)",
  textAlign: "center" as const,
  background: selected ? "var(--mantine-primary-color-light)" : undefined,
});

/**
 * The "+" button and its popover: the standard set, then the network's usable custom stamps
 * (fetched when first opened). Picking one toggles it (on unless it is among `mine`).
 */
export function StampPicker({
  networkId,
  mine,
  onToggle,
  position = "bottom-start",
  size = 18,
}: {
  networkId: string;
  mine: ReadonlySet<string>;
  onToggle: (toggle: StampToggle) => void;
  position?: "bottom-start" | "top";
  size?: number;
}) {
  const t = useT();
  const [opened, picker] = useDisclosure(false);
  const pickerTitleId = useId();
  const custom = useQuery({ ...customStampsQuery(networkId), enabled: opened, staleTime: 5 * 60_000 });
  const usable: CustomStamp[] = (custom.data?.items ?? []).filter((stamp) => !stamp.archived);
  const pick = (emoji: string, customFace: StampCount["custom"] = null) => {
    onToggle({ emoji, on: !mine.has(emoji), custom: customFace });
    picker.close();
  };
  return (
    <Popover
      opened={opened}
      onChange={(next) => (next ? picker.open() : picker.close())}
      position={position}
      withArrow
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          radius="xl"
          size={size === 18 ? undefined : "sm"}
          aria-label={t("stamps.add")}
          onClick={picker.toggle}
          aria-expanded={opened}
        >
          <IconMoodPlus size={size} aria-hidden />
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
              onClick={() => pick(name)}
              style={pickerCell(mine.has(name))}
            >
              {stampEmoji[name]}
            </UnstyledButton>
          ))}
        </SimpleGrid>
        {usable.length > 0 && (
          <>
            <Divider my={6} label={t("stamps.customHeading")} labelPosition="left" />
            <SimpleGrid cols={6} spacing={4}>
              {usable.map((stamp) => (
                <Tooltip key={stamp.id} label={stamp.label} withArrow>
                  <UnstyledButton
                    aria-label={stamp.label}
                    aria-pressed={mine.has(stamp.name)}
                    onClick={() => pick(stamp.name, { imageUrl: stamp.imageUrl, label: stamp.label })}
                    style={pickerCell(mine.has(stamp.name))}
                  >
                    <img src={stamp.imageUrl} alt="" width={22} height={22} style={{ display: "block", margin: "0 auto" }} />
                  </UnstyledButton>
                </Tooltip>
              ))}
            </SimpleGrid>
          </>
        )}
        {custom.isError && (
          <Text size="xs" c="dimmed" mt={4}>
            {t("stamps.customError")}
          </Text>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

export function StampBar({
  stamps,
  networkId,
  target,
  onToggle,
}: {
  stamps: StampCount[];
  networkId: string;
  target: StampTarget;
  onToggle: (toggle: StampToggle) => void;
}) {
  const t = useT();
  const mine = new Set(stamps.filter((stamp) => stamp.mine).map((stamp) => stamp.emoji));
  return (
    <Group gap={6} role="group" aria-label={t("stamps.barLabel")}>
      {stamps.map((stamp) => (
        <StampChip key={stamp.emoji} stamp={stamp} networkId={networkId} target={target} onToggle={onToggle} />
      ))}
      <StampPicker networkId={networkId} mine={mine} onToggle={onToggle} />
    </Group>
  );
}
