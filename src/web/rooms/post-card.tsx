// One post or comment: author, time, "edited", the body as the server rendered it, the stamps, and
// a menu to edit (author, inline), delete (author or admin; an admin removing someone else's
// words may give a reason, shown to the author), pin (admins, posts only), hide or show again
// (admins) and report (anyone else). Its author and the admins see what a moderator did.
import { ActionIcon, Alert, Anchor, Badge, Group, Menu, Paper, Stack, Text, Textarea, Typography } from "@mantine/core";
import {
  IconDots,
  IconEye,
  IconEyeOff,
  IconFlag,
  IconMessageCircle,
  IconPencil,
  IconPin,
  IconPinnedOff,
  IconTrash,
} from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { posts } from "../../shared/contract/index.ts";
import type { Author, Comment, Post } from "../../shared/contract/posts.ts";
import { imageLimits } from "../../shared/contract/images.ts";
import { postLimits } from "../../shared/contract/posts.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { HideModal, useHideToggle, type HideTarget } from "../moderation/hide-modal.tsx";
import { ReportModal, type ReportTarget } from "../moderation/report-modal.tsx";
import { useMe } from "../platform/hooks/use-me.ts";
import { Composer } from "./composer.tsx";
import { patchComment, patchPost, refreshPosts } from "./room-queries.ts";
import { ImageGrid } from "./image-grid.tsx";
import { StampBar, useStampToggle } from "./stamp-bar.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** The author (avatar with the supporter frame, name linking to their profile), time and "edited". */
function Byline({
  author,
  avatarSize,
  createdAt,
  editedAt,
  extra,
}: {
  author: Author;
  avatarSize: number;
  createdAt: string;
  editedAt: string | null;
  extra?: ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  const { slug } = useParams();
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
      <MemberAvatar name={author.displayName} avatarUrl={author.avatarUrl} supporter={author.supporter} size={avatarSize} />
      <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
        {slug ? (
          <Anchor
            component={Link}
            to={`/n/${slug}/people/${author.memberId}`}
            fw={700}
            size="sm"
            c="inherit"
            style={{ overflowWrap: "anywhere" }}
          >
            {author.displayName}
          </Anchor>
        ) : (
          <Text fw={700} size="sm" style={{ overflowWrap: "anywhere" }}>
            {author.displayName}
          </Text>
        )}
        <Text size="xs" c="dimmed" component="time" dateTime={createdAt}>
          {format.dateTime(createdAt)}
        </Text>
        {editedAt && (
          <Text size="xs" c="dimmed">
            {t("post.edited")}
          </Text>
        )}
        {extra}
      </Group>
    </Group>
  );
}

function Body({ html }: { html: string }) {
  return (
    <Typography style={{ overflowWrap: "anywhere" }}>
      {/* bodyHtml is rendered from Markdown and checked against an allow-list by the server (platform/markdown). */}
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}

/** Delete confirmation; `moderating` (an admin, not the author) adds the optional reason. */
function DeleteModal({
  opened,
  onClose,
  title,
  moderating,
  onDelete,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  moderating: boolean;
  onDelete: (reason: string) => Promise<unknown>;
}) {
  const t = useT();
  const notify = useNotify();
  const problem = useProblemNotice();
  const [reason, setReason] = useState("");
  const remove = useMutation({
    mutationFn: () => onDelete(reason),
    onSuccess: () => {
      notify.success(t("post.deleted.toast"));
      setReason("");
      onClose();
    },
    onError: problem,
  });
  return (
    <ConfirmModal
      opened={opened}
      onClose={onClose}
      onConfirm={() => remove.mutate()}
      title={title}
      confirmLabel={t("post.deleteConfirm")}
      pending={remove.isPending}
    >
      <Stack gap="sm">
        <Text>{t("post.deleteBody")}</Text>
        {moderating && (
          <Textarea
            label={t("post.deleteReason")}
            description={t("post.deleteReasonHint")}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={postLimits.deleteReasonMax}
            autosize
            minRows={2}
          />
        )}
      </Stack>
    </ConfirmModal>
  );
}

function ItemMenu({
  label,
  onEdit,
  onDelete,
  pin,
  hide,
  onReport,
}: {
  label: string;
  onEdit?: () => void;
  onDelete?: () => void;
  pin?: { pinned: boolean; onToggle: () => void };
  hide?: { hidden: boolean; onToggle: () => void };
  onReport?: () => void;
}) {
  const t = useT();
  if (!onEdit && !onDelete && !pin && !hide && !onReport) return null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={label}>
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        {onEdit && (
          <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
            {t("post.edit")}
          </Menu.Item>
        )}
        {pin && (
          <Menu.Item
            leftSection={pin.pinned ? <IconPinnedOff size={16} aria-hidden /> : <IconPin size={16} aria-hidden />}
            onClick={pin.onToggle}
          >
            {pin.pinned ? t("post.unpin") : t("post.pin")}
          </Menu.Item>
        )}
        {hide && (
          <Menu.Item
            leftSection={hide.hidden ? <IconEye size={16} aria-hidden /> : <IconEyeOff size={16} aria-hidden />}
            onClick={hide.onToggle}
          >
            {hide.hidden ? t("moderation.unhide") : t("moderation.hide")}
          </Menu.Item>
        )}
        {onDelete && (
          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
            {t("post.delete")}
          </Menu.Item>
        )}
        {onReport && (
          <Menu.Item leftSection={<IconFlag size={16} aria-hidden />} onClick={onReport}>
            {t("report.action")}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

export function PostCard({
  post,
  networkId,
  slug,
  showCommentLink = true,
}: {
  post: Post;
  networkId: string;
  slug: string;
  showCommentLink?: boolean;
}) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const problem = useProblemNotice();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const stamp = useStampToggle(networkId, { postId: post.id });
  const moderation = useModerationActions(networkId, {
    kind: "post",
    id: post.id,
    authorId: post.author.memberId,
    hidden: post.moderation?.action === "hidden",
  });
  const params = { networkId, postId: post.id };
  const pin = useMutation({
    mutationFn: (pinned: boolean) => callApi(posts.pinPost, { params, body: { pinned } }),
    onSuccess: async (updated) => {
      notify.success(updated.pinnedAt ? t("post.pinDone") : t("post.unpinDone"));
      await refreshPosts();
    },
    onError: problem,
  });

  const commentsLink = `/n/${slug}/posts/${post.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-label={t("post.titleBy", { name: post.author.displayName })}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Byline
            author={post.author}
            avatarSize={40}
            createdAt={post.createdAt}
            editedAt={post.deleted ? null : post.editedAt}
            extra={
              post.pinnedAt && (
                <Badge size="sm" variant="light" leftSection={<IconPin size={12} aria-hidden />}>
                  {t("post.pinnedBadge")}
                </Badge>
              )
            }
          />
          {!post.deleted && (
            <ItemMenu
              label={t("post.menu")}
              onEdit={post.can.edit ? () => setEditing(true) : undefined}
              onDelete={post.can.delete ? () => setDeleting(true) : undefined}
              pin={post.can.pin ? { pinned: post.pinnedAt !== null, onToggle: () => pin.mutate(post.pinnedAt === null) } : undefined}
              {...moderation.menu}
            />
          )}
        </Group>
        <ModerationNote moderation={post.moderation} />
        {post.deleted ? (
          <Text c="dimmed" fs="italic" size="sm">
            {t("post.deleted")}
          </Text>
        ) : editing ? (
          <Composer
            label={t("post.editLabel")}
            hideLabel
            max={postLimits.bodyMax}
            submitLabel={t("common.save")}
            initial={post.body}
            images={{ networkId, max: imageLimits.perPost, initial: post.images }}
            mentions={{ networkId, roomId: post.roomId, initial: post.mentions }}
            autoFocus
            onCancel={() => setEditing(false)}
            onSubmit={async (body, imageIds, mentions) => {
              const updated = await callApi(posts.updatePost, { params, body: { body, imageIds, mentions } });
              patchPost(post.id, () => updated);
              setEditing(false);
              notify.success(t("post.saved"));
              void refreshPosts();
            }}
          />
        ) : (
          <>
            {post.bodyHtml && <Body html={post.bodyHtml} />}
            <ImageGrid images={post.images} />
          </>
        )}
        {!post.deleted && <StampBar stamps={post.stamps} networkId={networkId} target={{ postId: post.id }} onToggle={stamp.mutate} />}
        {showCommentLink && (
          <Group>
            <Anchor component={Link} to={commentsLink} size="sm">
              <Group gap={4} component="span">
                <IconMessageCircle size={16} aria-hidden />
                {post.commentCount > 0 ? t("post.comments", { count: format.number(post.commentCount) }) : t("post.commentsNone")}
              </Group>
            </Anchor>
          </Group>
        )}
      </Stack>
      <DeleteModal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t("post.deleteTitle")}
        moderating={!post.can.edit}
        onDelete={async (reason) => {
          await callApi(posts.deletePost, { params, body: { reason } });
          await refreshPosts();
        }}
      />
      {moderation.modals}
    </Paper>
  );
}

export function CommentCard({ comment, networkId }: { comment: Comment; networkId: string }) {
  const t = useT();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const stamp = useStampToggle(networkId, { commentId: comment.id });
  const moderation = useModerationActions(networkId, {
    kind: "comment",
    id: comment.id,
    authorId: comment.author.memberId,
    hidden: comment.moderation?.action === "hidden",
  });
  const params = { networkId, commentId: comment.id };
  return (
    <Paper withBorder p="sm" component="article" aria-label={comment.author.displayName}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Byline
            author={comment.author}
            avatarSize={32}
            createdAt={comment.createdAt}
            editedAt={comment.deleted ? null : comment.editedAt}
          />
          {!comment.deleted && (
            <ItemMenu
              label={t("comment.menu")}
              onEdit={comment.can.edit ? () => setEditing(true) : undefined}
              onDelete={comment.can.delete ? () => setDeleting(true) : undefined}
              {...moderation.menu}
            />
          )}
        </Group>
        <ModerationNote moderation={comment.moderation} />
        {comment.deleted ? (
          <Text c="dimmed" fs="italic" size="sm">
            {t("comment.deleted")}
          </Text>
        ) : editing ? (
          <Composer
            label={t("comment.editLabel")}
            hideLabel
            max={postLimits.commentBodyMax}
            submitLabel={t("common.save")}
            initial={comment.body}
            images={{ networkId, max: imageLimits.perComment, initial: comment.images }}
            mentions={{ networkId, initial: comment.mentions }}
            autoFocus
            onCancel={() => setEditing(false)}
            onSubmit={async (body, imageIds, mentions) => {
              const updated = await callApi(posts.updateComment, { params, body: { body, imageIds, mentions } });
              patchComment(comment.id, () => updated);
              setEditing(false);
              notify.success(t("post.saved"));
            }}
          />
        ) : (
          <>
            {comment.bodyHtml && <Body html={comment.bodyHtml} />}
            <ImageGrid images={comment.images} compact />
          </>
        )}
        {!comment.deleted && (
          <StampBar stamps={comment.stamps} networkId={networkId} target={{ commentId: comment.id }} onToggle={stamp.mutate} />
        )}
      </Stack>
      <DeleteModal
        opened={deleting}
        onClose={() => setDeleting(false)}
        title={t("comment.deleteTitle")}
        moderating={!comment.can.edit}
        onDelete={async (reason) => {
          await callApi(posts.deleteComment, { params, body: { reason } });
          await refreshPosts();
        }}
      />
      {moderation.modals}
    </Paper>
  );
}

/** What the signed-in person is in the network of `networkId`: their member id and whether they are an admin. */
function useViewer(networkId: string) {
  const { networks } = useMe();
  const network = networks.find((n) => n.id === networkId);
  return { memberId: network?.memberId ?? "", admin: network?.role === "admin" };
}

/** Report and hide: what a post's or comment's menu offers besides editing and deleting. */
function useModerationActions(networkId: string, target: { kind: "post" | "comment"; id: string; authorId: string; hidden: boolean }) {
  const viewer = useViewer(networkId);
  const [reporting, setReporting] = useState<ReportTarget | null>(null);
  const [hiding, setHiding] = useState<HideTarget | null>(null);
  const toggle = useHideToggle(networkId);
  const own = viewer.memberId === target.authorId;
  const menu = {
    onReport: own ? undefined : () => setReporting({ kind: target.kind, id: target.id }),
    hide:
      viewer.admin && !own
        ? {
            hidden: target.hidden,
            onToggle: () =>
              target.hidden
                ? toggle.mutate({ target: { kind: target.kind, id: target.id, hidden: true }, hidden: false, reason: "" })
                : setHiding({ kind: target.kind, id: target.id, hidden: false }),
          }
        : undefined,
  };
  const modals = (
    <>
      <ReportModal networkId={networkId} target={reporting} onClose={() => setReporting(null)} />
      <HideModal networkId={networkId} target={hiding} onClose={() => setHiding(null)} />
    </>
  );
  return { menu, modals };
}

/** What a moderator did, for the author and the admins: hidden (with the reason) or deleted by the admins. */
function ModerationNote({ moderation }: { moderation: Post["moderation"] }) {
  const t = useT();
  if (!moderation) return null;
  return (
    <Alert color={moderation.action === "hidden" ? "orange" : "gray"} variant="light" p="xs" icon={<IconEyeOff size={16} aria-hidden />}>
      <Text size="sm">{moderation.action === "hidden" ? t("moderation.hiddenBanner") : t("moderation.deletedByModerator")}</Text>
      {moderation.reason && (
        <Text size="sm" c="dimmed" className="tsunagu-prose">
          {t("moderation.reasonShown", { reason: moderation.reason })}
        </Text>
      )}
    </Alert>
  );
}
