// Posts (投稿) in talk rooms, their comments and stamps. Bodies are Markdown (a small subset:
// see platform/markdown); the server renders and sanitises them when they are written and
// answers both the source (for editing) and `bodyHtml` (for showing). Deleted posts and
// comments stay as placeholders (`deleted: true`, empty bodies) so a thread keeps its shape.
import { z } from "zod";
import { stampNames } from "../stamps.ts";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page } from "./common.ts";

export const postLimits = {
  bodyMax: 10_000,
  commentBodyMax: 4_000,
  deleteReasonMax: 500,
  timelinePage: 20,
  commentsPageMax: 100,
  /** Pinned posts per room. */
  pinnedMax: 5,
} as const;

export const stampName = z.enum(stampNames);

const roomParams = z.object({ networkId: id, roomId: id });
const postParams = z.object({ networkId: id, postId: id });
const commentParams = z.object({ networkId: id, commentId: id });

const body = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, { params: { key: "body_empty" } });

export const authorSchema = z.object({ memberId: id, displayName: z.string() });
export const stampCountSchema = z.object({ emoji: stampName, count: z.number().int(), mine: z.boolean() });
export type StampCount = z.infer<typeof stampCountSchema>;

export const postSchema = z.object({
  id,
  roomId: id,
  author: authorSchema,
  /** Markdown source; empty once deleted. */
  body: z.string(),
  /** Sanitised HTML (allow-listed tags only); empty once deleted. */
  bodyHtml: z.string(),
  deleted: z.boolean(),
  editedAt: isoDateTime.nullable(),
  pinnedAt: isoDateTime.nullable(),
  commentCount: z.number().int(),
  /** Counts per emoji (only those with stamps), in the order of the stamp set. */
  stamps: z.array(stampCountSchema),
  createdAt: isoDateTime,
  can: z.object({ edit: z.boolean(), delete: z.boolean(), pin: z.boolean(), comment: z.boolean() }),
});
export type Post = z.infer<typeof postSchema>;

export const commentSchema = z.object({
  id,
  postId: id,
  author: authorSchema,
  body: z.string(),
  bodyHtml: z.string(),
  deleted: z.boolean(),
  editedAt: isoDateTime.nullable(),
  stamps: z.array(stampCountSchema),
  createdAt: isoDateTime,
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Comment = z.infer<typeof commentSchema>;

export const listRoomPosts = endpoint({
  id: "listRoomPosts",
  method: "GET",
  path: "/api/networks/:networkId/rooms/:roomId/posts",
  summary:
    "A room's timeline, newest first, 20 a page. The first page (no cursor) also lists the pinned posts in `pinned`; " +
    "pinned posts are never in `items`. Deleted posts show as placeholders while they have comments.",
  tag: "posts",
  access: "member",
  params: roomParams,
  query: z.object({ cursor: z.string().max(200).optional() }),
  response: page(postSchema).extend({ pinned: z.array(postSchema) }),
});

export const createPost = endpoint({
  id: "createPost",
  method: "POST",
  path: "/api/networks/:networkId/rooms/:roomId/posts",
  summary: "Post in a room (announcement rooms: admins only)",
  tag: "posts",
  access: "member",
  status: 201,
  params: roomParams,
  body: z.object({ body: body(postLimits.bodyMax) }),
  response: postSchema,
});

export const getPost = endpoint({
  id: "getPost",
  method: "GET",
  path: "/api/networks/:networkId/posts/:postId",
  summary: "A post with a page of its comments, oldest first",
  tag: "posts",
  access: "member",
  params: postParams,
  query: z.object({
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(postLimits.commentsPageMax).default(50),
  }),
  response: z.object({ post: postSchema, comments: page(commentSchema) }),
});

export const updatePost = endpoint({
  id: "updatePost",
  method: "PATCH",
  path: "/api/networks/:networkId/posts/:postId",
  summary: "Edit one's own post (marks it edited)",
  tag: "posts",
  access: "member",
  params: postParams,
  body: z.object({ body: body(postLimits.bodyMax) }),
  response: postSchema,
});

const deletion = z.object({ reason: z.string().trim().max(postLimits.deleteReasonMax).default("") });

export const deletePost = endpoint({
  id: "deletePost",
  method: "DELETE",
  path: "/api/networks/:networkId/posts/:postId",
  summary: "Delete a post (its author, or an admin with an optional reason kept in the audit log); it stays as a placeholder",
  tag: "posts",
  access: "member",
  params: postParams,
  body: deletion,
});

export const pinPost = endpoint({
  id: "pinPost",
  method: "PUT",
  path: "/api/networks/:networkId/posts/:postId/pin",
  summary: "Pin or unpin a post at the top of its room (admins; at most 5 pinned per room)",
  tag: "posts",
  access: "network_admin",
  params: postParams,
  body: z.object({ pinned: z.boolean() }),
  response: postSchema,
});

export const setPostStamp = endpoint({
  id: "setPostStamp",
  method: "PUT",
  path: "/api/networks/:networkId/posts/:postId/stamps",
  summary: "Put (on: true) or take back (on: false) one's stamp on a post; idempotent. Answers the post's stamp counts",
  tag: "posts",
  access: "member",
  params: postParams,
  body: z.object({ emoji: stampName, on: z.boolean() }),
  response: z.object({ stamps: z.array(stampCountSchema) }),
});

export const createComment = endpoint({
  id: "createComment",
  method: "POST",
  path: "/api/networks/:networkId/posts/:postId/comments",
  summary: "Comment on a post (whoever sees the room, announcement rooms included)",
  tag: "posts",
  access: "member",
  status: 201,
  params: postParams,
  body: z.object({ body: body(postLimits.commentBodyMax) }),
  response: commentSchema,
});

export const updateComment = endpoint({
  id: "updateComment",
  method: "PATCH",
  path: "/api/networks/:networkId/comments/:commentId",
  summary: "Edit one's own comment (marks it edited)",
  tag: "posts",
  access: "member",
  params: commentParams,
  body: z.object({ body: body(postLimits.commentBodyMax) }),
  response: commentSchema,
});

export const deleteComment = endpoint({
  id: "deleteComment",
  method: "DELETE",
  path: "/api/networks/:networkId/comments/:commentId",
  summary: "Delete a comment (its author, or an admin with an optional reason kept in the audit log)",
  tag: "posts",
  access: "member",
  params: commentParams,
  body: deletion,
});

export const setCommentStamp = endpoint({
  id: "setCommentStamp",
  method: "PUT",
  path: "/api/networks/:networkId/comments/:commentId/stamps",
  summary: "Put or take back one's stamp on a comment; idempotent. Answers the comment's stamp counts",
  tag: "posts",
  access: "member",
  params: commentParams,
  body: z.object({ emoji: stampName, on: z.boolean() }),
  response: z.object({ stamps: z.array(stampCountSchema) }),
});
