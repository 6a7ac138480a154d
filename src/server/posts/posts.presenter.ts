// Rows → API shapes for posts and comments. Deleted ones keep their place with empty bodies
// and without images or stamps. What a moderator did (hidden, or deleted by someone else) is
// told to the author and the admins only.
import type { Image } from "../../shared/contract/images.ts";
import type { Comment, Post, StampCount } from "../../shared/contract/posts.ts";
import type { CommentWithAuthor, PostWithAuthor } from "./posts.repository.ts";
import { presentAuthor } from "./authors.ts";

type Moderated = Pick<PostWithAuthor, "hidden_at" | "deleted_at" | "deleted_by" | "moderation_reason" | "author_account_id">;

/** The moderation note for `viewer` (the author or an admin), or null. */
export function moderationOf(row: Moderated, viewer: { accountId: string; admin: boolean }): Post["moderation"] {
  if (viewer.accountId !== row.author_account_id && !viewer.admin) return null;
  if (row.deleted_at !== null)
    return row.deleted_by !== null && row.deleted_by !== row.author_account_id
      ? { action: "deleted", reason: row.moderation_reason ?? "" }
      : null;
  if (row.hidden_at !== null) return { action: "hidden", reason: row.moderation_reason ?? "" };
  return null;
}

const mentionTag = /<span class="mention" data-member-id="([0-9a-f-]{36})">@([^<]*)<\/span>/g;
const unescapeHtml = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

/** The members a rendered body mentions (first mention first), with the names written in it. */
function mentionsOf(html: string): Post["mentions"] {
  const found = new Map<string, string>();
  for (const [, memberId = "", name = ""] of html.matchAll(mentionTag)) if (!found.has(memberId)) found.set(memberId, unescapeHtml(name));
  return [...found].map(([memberId, displayName]) => ({ memberId, displayName }));
}

export const presentPost = (
  row: PostWithAuthor,
  stamps: StampCount[],
  can: Post["can"],
  images: Image[],
  viewer: { accountId: string; admin: boolean },
): Post => {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    roomId: row.room_id,
    author: presentAuthor(row.author_id, row.author_name, row.author_avatar_key, row.author_supporter),
    body: deleted ? "" : row.body,
    bodyHtml: deleted ? "" : row.body_html,
    deleted,
    editedAt: row.edited_at?.toISOString() ?? null,
    pinnedAt: row.pinned_at?.toISOString() ?? null,
    commentCount: row.comment_count,
    images: deleted ? [] : images,
    stamps: deleted ? [] : stamps,
    mentions: deleted ? [] : mentionsOf(row.body_html),
    moderation: moderationOf(row, viewer),
    createdAt: row.created_at.toISOString(),
    can: deleted ? { edit: false, delete: false, pin: false, comment: false } : can,
  };
};

export const presentComment = (
  row: CommentWithAuthor,
  stamps: StampCount[],
  can: Comment["can"],
  images: Image[],
  viewer: { accountId: string; admin: boolean },
): Comment => {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    postId: row.post_id,
    author: presentAuthor(row.author_id, row.author_name, row.author_avatar_key, row.author_supporter),
    body: deleted ? "" : row.body,
    bodyHtml: deleted ? "" : row.body_html,
    deleted,
    editedAt: row.edited_at?.toISOString() ?? null,
    images: deleted ? [] : images,
    stamps: deleted ? [] : stamps,
    mentions: deleted ? [] : mentionsOf(row.body_html),
    moderation: moderationOf(row, viewer),
    createdAt: row.created_at.toISOString(),
    can: deleted ? { edit: false, delete: false } : can,
  };
};
