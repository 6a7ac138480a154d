// Rows → API shapes for posts and comments. Deleted ones keep their place with empty bodies.
import type { Comment, Post, StampCount } from "../../shared/contract/posts.ts";
import type { CommentWithAuthor, PostWithAuthor } from "./posts.repository.ts";

export const presentPost = (row: PostWithAuthor, stamps: StampCount[], can: Post["can"]): Post => {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    roomId: row.room_id,
    author: { memberId: row.author_id, displayName: row.author_name },
    body: deleted ? "" : row.body,
    bodyHtml: deleted ? "" : row.body_html,
    deleted,
    editedAt: row.edited_at?.toISOString() ?? null,
    pinnedAt: row.pinned_at?.toISOString() ?? null,
    commentCount: row.comment_count,
    stamps: deleted ? [] : stamps,
    createdAt: row.created_at.toISOString(),
    can: deleted ? { edit: false, delete: false, pin: false, comment: false } : can,
  };
};

export const presentComment = (row: CommentWithAuthor, stamps: StampCount[], can: Comment["can"]): Comment => {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    postId: row.post_id,
    author: { memberId: row.author_id, displayName: row.author_name },
    body: deleted ? "" : row.body,
    bodyHtml: deleted ? "" : row.body_html,
    deleted,
    editedAt: row.edited_at?.toISOString() ?? null,
    stamps: deleted ? [] : stamps,
    createdAt: row.created_at.toISOString(),
    can: deleted ? { edit: false, delete: false } : can,
  };
};
