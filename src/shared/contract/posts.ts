// Posts (投稿) in talk rooms, their comments and stamps. Bodies are Markdown (a small subset:
// see platform/markdown); the server renders and sanitises them when they are written and
// answers both the source (for editing) and `bodyHtml` (for showing). Deleted posts and
// comments stay as placeholders (`deleted: true`, empty bodies) so a thread keeps its shape.
import { z } from "zod";
import { mentionIds, mentionSchema } from "./mentions.ts";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page } from "./common.ts";
import { imageIds, imageLimits, imageSchema } from "./images.ts";
import { stampName } from "./stamps.ts";

export const postLimits = {
  bodyMax: 10_000,
  commentBodyMax: 4_000,
  deleteReasonMax: 500,
  timelinePage: 20,
  commentsPageMax: 100,
  /** Pinned posts per room. */
  pinnedMax: 5,
  /** Who stamped: the first this many, oldest first. */
  stampersMax: 100,
} as const;

export { stampName };

const roomParams = z.object({ networkId: id, roomId: id });
const postParams = z.object({ networkId: id, postId: id });
const commentParams = z.object({ networkId: id, commentId: id });

/** A body may be empty when there are images; the service checks the two together (body_empty). */
const body = (max: number) => z.string().max(max);

/** A new post or comment needs words or images. */
const wordsOrImages = (input: { body: string; imageIds: string[] }, ctx: z.core.$RefinementCtx) => {
  if (input.body.trim() === "" && input.imageIds.length === 0)
    ctx.addIssue({ code: "custom", path: ["body"], params: { key: "body_empty" }, input: input.body });
};

/** Who wrote something, as shown beside it: the avatar (null: initials) and whether to draw the supporter frame. */
export const authorSchema = z.object({ memberId: id, displayName: z.string(), avatarUrl: z.string().nullable(), supporter: z.boolean() });
export type Author = z.infer<typeof authorSchema>;
/** One stamp's count on a post or comment. Standard stamps are emoji (src/shared/stamps.ts); custom ones carry their image. */
export const stampCountSchema = z.object({
  emoji: z.string(),
  count: z.number().int(),
  mine: z.boolean(),
  /** Custom stamps only: the image and what it says (archived ones too). */
  custom: z.object({ imageUrl: z.string(), label: z.string() }).nullable(),
});
export type StampCount = z.infer<typeof stampCountSchema>;

/**
 * What a moderator did, shown to the author (and the admins) only: hidden (nobody else sees it)
 * or deleted, with the reason the moderator gave.
 */
export const moderationSchema = z.object({ action: z.enum(["hidden", "deleted"]), reason: z.string() }).nullable();

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
  /** In the order they were attached; none once deleted. */
  images: z.array(imageSchema),
  /** Counts per stamp (only those with stamps): standard ones in the order of the set, then custom ones by name. */
  stamps: z.array(stampCountSchema),
  /** The members it mentions (what an edit starts from). */
  mentions: z.array(mentionSchema),
  moderation: moderationSchema,
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
  images: z.array(imageSchema),
  stamps: z.array(stampCountSchema),
  mentions: z.array(mentionSchema),
  moderation: moderationSchema,
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
  summary: "Post in a room (announcement rooms: admins only), with up to 10 of one's uploaded images; words or images are needed",
  tag: "posts",
  access: "member",
  status: 201,
  params: roomParams,
  body: z
    .object({ body: body(postLimits.bodyMax), imageIds: imageIds(imageLimits.perPost).default([]), mentions: mentionIds })
    .superRefine(wordsOrImages),
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
  summary:
    "Edit one's own post (marks it edited). `imageIds`, when given, is the new list: images left out are deleted, new ones must be one's own uploads",
  tag: "posts",
  access: "member",
  params: postParams,
  body: z.object({ body: body(postLimits.bodyMax), imageIds: imageIds(imageLimits.perPost).optional(), mentions: mentionIds.optional() }),
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
  summary:
    "Put (on: true) or take back (on: false) one's stamp on a post: a standard stamp or one of the network's custom stamps " +
    "(archived ones can only be taken back); idempotent. Answers the post's stamp counts",
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
  summary: "Comment on a post (whoever sees the room, announcement rooms included), with up to 4 images",
  tag: "posts",
  access: "member",
  status: 201,
  params: postParams,
  body: z
    .object({ body: body(postLimits.commentBodyMax), imageIds: imageIds(imageLimits.perComment).default([]), mentions: mentionIds })
    .superRefine(wordsOrImages),
  response: commentSchema,
});

export const updateComment = endpoint({
  id: "updateComment",
  method: "PATCH",
  path: "/api/networks/:networkId/comments/:commentId",
  summary: "Edit one's own comment (marks it edited); `imageIds` as for posts",
  tag: "posts",
  access: "member",
  params: commentParams,
  body: z.object({
    body: body(postLimits.commentBodyMax),
    imageIds: imageIds(imageLimits.perComment).optional(),
    mentions: mentionIds.optional(),
  }),
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

export const stamperSchema = z.object({ memberId: id, displayName: z.string() });
const stampersResponse = z.object({
  /** The first 100, oldest stamp first. */
  items: z.array(stamperSchema),
  total: z.number().int(),
});

export const listPostStampers = endpoint({
  id: "listPostStampers",
  method: "GET",
  path: "/api/networks/:networkId/posts/:postId/stamps/:stampName",
  summary: "Who put a stamp on a post (the first 100, oldest first) and how many in all; a name that is no stamp of the network: 404",
  tag: "posts",
  access: "member",
  params: postParams.extend({ stampName }),
  response: stampersResponse,
});

export const listCommentStampers = endpoint({
  id: "listCommentStampers",
  method: "GET",
  path: "/api/networks/:networkId/comments/:commentId/stamps/:stampName",
  summary: "Who put a stamp on a comment (the first 100, oldest first) and how many in all",
  tag: "posts",
  access: "member",
  params: commentParams.extend({ stampName }),
  response: stampersResponse,
});
