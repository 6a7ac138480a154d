// One post or comment: author, time, "edited", the body as the server rendered it, the stamps, and
// a menu to edit (author, inline), delete (author or admin; an admin removing someone else's
// words may give a reason for the audit log) and pin (admins, posts only).
import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text, Textarea, Typography } from "@mantine/core";
import { IconDots, IconMessageCircle, IconPencil, IconPin, IconPinnedOff, IconTrash } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { posts } from "../../shared/contract/index.ts";
import type { Comment, Post } from "../../shared/contract/posts.ts";
import { postLimits } from "../../shared/contract/posts.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { Composer } from "./composer.tsx";
import { patchComment, patchPost, refreshPosts } from "./room-queries.ts";
import { StampBar, useStampToggle } from "./stamp-bar.tsx";

function Byline({ name, createdAt, editedAt, extra }: { name: string; createdAt: string; editedAt: string | null; extra?: ReactNode }) {
  const t = useT();
  const format = useFormat();
  return (
    <Group gap={6} wrap="wrap" style={{ minWidth: 0 }}>
      <Text fw={700} size="sm" style={{ overflowWrap: "anywhere" }}>
        {name}
      </Text>
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
}: {
  label: string;
  onEdit?: () => void;
  onDelete?: () => void;
  pin?: { pinned: boolean; onToggle: () => void };
}) {
  const t = useT();
  if (!onEdit && !onDelete && !pin) return null;
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
        {onDelete && (
          <Menu.Item color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={onDelete}>
            {t("post.delete")}
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
            name={post.author.displayName}
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
            />
          )}
        </Group>
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
            autoFocus
            onCancel={() => setEditing(false)}
            onSubmit={async (body) => {
              const updated = await callApi(posts.updatePost, { params, body: { body } });
              patchPost(post.id, () => updated);
              setEditing(false);
              notify.success(t("post.saved"));
              void refreshPosts();
            }}
          />
        ) : (
          <Body html={post.bodyHtml} />
        )}
        {!post.deleted && <StampBar stamps={post.stamps} onToggle={(emoji, on) => stamp.mutate({ emoji, on })} />}
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
    </Paper>
  );
}

export function CommentCard({ comment, networkId }: { comment: Comment; networkId: string }) {
  const t = useT();
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const stamp = useStampToggle(networkId, { commentId: comment.id });
  const params = { networkId, commentId: comment.id };
  return (
    <Paper withBorder p="sm" component="article" aria-label={comment.author.displayName}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Byline name={comment.author.displayName} createdAt={comment.createdAt} editedAt={comment.deleted ? null : comment.editedAt} />
          {!comment.deleted && (
            <ItemMenu
              label={t("comment.menu")}
              onEdit={comment.can.edit ? () => setEditing(true) : undefined}
              onDelete={comment.can.delete ? () => setDeleting(true) : undefined}
            />
          )}
        </Group>
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
            autoFocus
            onCancel={() => setEditing(false)}
            onSubmit={async (body) => {
              const updated = await callApi(posts.updateComment, { params, body: { body } });
              patchComment(comment.id, () => updated);
              setEditing(false);
              notify.success(t("post.saved"));
            }}
          />
        ) : (
          <Body html={comment.bodyHtml} />
        )}
        {!comment.deleted && <StampBar stamps={comment.stamps} onToggle={(emoji, on) => stamp.mutate({ emoji, on })} />}
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
    </Paper>
  );
}
