// Posts, comments and stamps in talk rooms. Everything starts from the room as the actor sees
// it: a post in a room they cannot see does not exist for them (404); seeing it without the right
// to do something is 403. Bodies are rendered to sanitised HTML here, at write time. New posts,
// comments and changed stamps are published (ids only) to every active member who sees the room.
// Admins' deletions of other people's posts and comments, and pins, go to the audit log.
import { sql } from "kysely";
import type { Comment, Post, StampCount } from "../../shared/contract/posts.ts";
import { postLimits } from "../../shared/contract/posts.ts";
import type { StampName } from "../../shared/stamps.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { cleanMarkdownSource, renderMarkdown } from "../platform/markdown/markdown.ts";
import { searchColumns } from "../platform/search/index.ts";
import { canCommentInRoom, canPostInRoom, canSeeRoom, type RoomFacts, type RoomViewer } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import { roomsSeenBy, type RoomWithState } from "../rooms/rooms.repository.ts";
import { canDelete, canEditOwn, canPin, canStamp } from "./posts.policy.ts";
import { presentComment, presentPost } from "./posts.presenter.ts";
import {
  commentsWithAuthor,
  postsWithAuthor,
  roomAudienceOf,
  stampCounts,
  type CommentWithAuthor,
  type PostWithAuthor,
} from "./posts.repository.ts";

interface RoomContext {
  room: RoomWithState;
  viewer: RoomViewer;
  facts: RoomFacts;
}

/** The room as the actor sees it (404 if they cannot). */
async function roomContext(actor: MemberActor, roomId: string): Promise<RoomContext> {
  const room = await roomsSeenBy(actor.tx, actor.networkId, actor.membershipId).where("r.id", "=", roomId).executeTakeFirst();
  if (!room) throw notFound();
  const viewer = { role: actor.role, inRoom: room.in_room };
  const facts = roomFacts(room);
  if (!canSeeRoom(viewer, facts)) throw notFound();
  return { room, viewer, facts };
}

async function postContext(actor: MemberActor, postId: string, lock = false): Promise<RoomContext & { post: PostWithAuthor }> {
  let q = postsWithAuthor(actor.tx, actor.networkId).where("p.id", "=", postId);
  if (lock) q = q.forUpdate("p");
  const post = await q.executeTakeFirst();
  if (!post) throw notFound();
  return { ...(await roomContext(actor, post.room_id)), post };
}

async function commentContext(
  actor: MemberActor,
  commentId: string,
  lock = false,
): Promise<RoomContext & { post: PostWithAuthor; comment: CommentWithAuthor }> {
  let q = commentsWithAuthor(actor.tx, actor.networkId).where("c.id", "=", commentId);
  if (lock) q = q.forUpdate("c");
  const comment = await q.executeTakeFirst();
  if (!comment) throw notFound();
  return { ...(await postContext(actor, comment.post_id)), comment };
}

const postCan = (actor: MemberActor, ctx: RoomContext, post: PostWithAuthor): Post["can"] => {
  const own = post.author_id === actor.membershipId;
  return {
    edit: canEditOwn(ctx.viewer, ctx.facts, own),
    delete: canDelete(ctx.viewer, ctx.facts, own),
    pin: canPin(ctx.viewer),
    comment: canCommentInRoom(ctx.viewer, ctx.facts),
  };
};

const commentCan = (actor: MemberActor, ctx: RoomContext, comment: CommentWithAuthor): Comment["can"] => {
  const own = comment.author_id === actor.membershipId;
  return { edit: canEditOwn(ctx.viewer, ctx.facts, own), delete: canDelete(ctx.viewer, ctx.facts, own) };
};

async function presentPosts(actor: MemberActor, ctx: RoomContext, rows: PostWithAuthor[]): Promise<Post[]> {
  const stamps = await stampCounts(
    actor.tx,
    actor.networkId,
    "post_id",
    rows.map((r) => r.id),
    actor.membershipId,
  );
  return rows.map((r) => presentPost(r, stamps.get(r.id) ?? [], postCan(actor, ctx, r)));
}

async function presentComments(actor: MemberActor, ctx: RoomContext, rows: CommentWithAuthor[]): Promise<Comment[]> {
  const stamps = await stampCounts(
    actor.tx,
    actor.networkId,
    "comment_id",
    rows.map((r) => r.id),
    actor.membershipId,
  );
  return rows.map((r) => presentComment(r, stamps.get(r.id) ?? [], commentCan(actor, ctx, r)));
}

async function reloadPost(actor: MemberActor, ctx: RoomContext, postId: string): Promise<Post> {
  const row = await postsWithAuthor(actor.tx, actor.networkId).where("p.id", "=", postId).executeTakeFirstOrThrow();
  const [post] = await presentPosts(actor, ctx, [row]);
  if (!post) throw notFound();
  return post;
}

async function reloadComment(actor: MemberActor, ctx: RoomContext, commentId: string): Promise<Comment> {
  const row = await commentsWithAuthor(actor.tx, actor.networkId).where("c.id", "=", commentId).executeTakeFirstOrThrow();
  const [comment] = await presentComments(actor, ctx, [row]);
  if (!comment) throw notFound();
  return comment;
}

/** Publishes one event to every active member who sees the room (the actor's other tabs included). */
async function publishToRoom(deps: Deps, actor: MemberActor, ctx: RoomContext, kind: string, payload: Record<string, string>) {
  const audience = await roomAudienceOf(actor.tx, actor.networkId, ctx.room.id);
  const events = audience
    .filter((m) => canSeeRoom({ role: m.role, inRoom: m.in_room }, ctx.facts))
    .map((m) => ({ accountId: m.account_id, networkId: actor.networkId, kind, payload }));
  await deps.bus.publish(actor.tx, events, (task) => actor.afterCommit(task));
}

/** The body as stored (see cleanMarkdownSource); one that is blank once cleaned is refused. */
function cleanBody(raw: string): string {
  const body = cleanMarkdownSource(raw);
  if (body.trim() === "") throw validationFailed({ body: "body_empty" });
  return body;
}

// --- posts ---

/**
 * The timeline, newest first. Pinned posts are listed apart (`pinned`, newest pin first) on the
 * first page only and never in `items`, so keyset pages never repeat a post. Deleted posts stay
 * as placeholders while they have live comments.
 */
export async function listRoomPosts(actor: MemberActor, roomId: string, query: { cursor?: string | undefined }) {
  const ctx = await roomContext(actor, roomId);
  const after = decodeCursor(query.cursor);
  const limit = postLimits.timelinePage;
  let q = postsWithAuthor(actor.tx, actor.networkId)
    .where("p.room_id", "=", roomId)
    .where("p.pinned_at", "is", null)
    .where((eb) => eb.or([eb("p.deleted_at", "is", null), eb("p.comment_count", ">", 0)]))
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), limit, (r) => ({ key: r.sort_key, id: r.id }));
  const pinnedRows = after
    ? []
    : await postsWithAuthor(actor.tx, actor.networkId)
        .where("p.room_id", "=", roomId)
        .where("p.pinned_at", "is not", null)
        .where("p.deleted_at", "is", null)
        .orderBy("p.pinned_at", "desc")
        .orderBy("p.id", "desc")
        .execute();
  const presented = await presentPosts(actor, ctx, [...pinnedRows, ...rows]);
  return { pinned: presented.slice(0, pinnedRows.length), items: presented.slice(pinnedRows.length), nextCursor };
}

export async function createPost(deps: Deps, actor: MemberActor, roomId: string, input: { body: string }): Promise<Post> {
  const body = cleanBody(input.body);
  const ctx = await roomContext(actor, roomId);
  if (!canPostInRoom(ctx.viewer, ctx.facts)) throw forbidden();
  const row = await actor.tx
    .insertInto("posts")
    .values({
      network_id: actor.networkId,
      room_id: roomId,
      author_id: actor.membershipId,
      body: body,
      body_html: renderMarkdown(body),
      ...searchColumns(body),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await publishToRoom(deps, actor, ctx, "post.created", { roomId, postId: row.id });
  return reloadPost(actor, ctx, row.id);
}

export async function getPost(actor: MemberActor, postId: string, query: { cursor?: string | undefined; limit: number }) {
  const ctx = await postContext(actor, postId);
  const after = decodeCursor(query.cursor);
  let q = commentsWithAuthor(actor.tx, actor.networkId)
    .where("c.post_id", "=", postId)
    .orderBy("c.created_at")
    .orderBy("c.id")
    .limit(query.limit + 1);
  if (after) q = q.where(sql<boolean>`(c.created_at, c.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  const [post] = await presentPosts(actor, ctx, [ctx.post]);
  if (!post) throw notFound();
  return { post, comments: { items: await presentComments(actor, ctx, rows), nextCursor } };
}

/** The columns an edit writes, the same for posts and comments: source, rendering, search, edited mark. */
function editedBody(body: string) {
  const now = new Date();
  return { body, body_html: renderMarkdown(body), ...searchColumns(body), edited_at: now, updated_at: now };
}

export async function updatePost(actor: MemberActor, postId: string, input: { body: string }): Promise<Post> {
  const body = cleanBody(input.body);
  const ctx = await postContext(actor, postId, true);
  if (ctx.post.deleted_at) throw notFound();
  if (!canEditOwn(ctx.viewer, ctx.facts, ctx.post.author_id === actor.membershipId)) throw forbidden();
  if (body !== ctx.post.body)
    await actor.tx.updateTable("posts").set(editedBody(body)).where("network_id", "=", actor.networkId).where("id", "=", postId).execute();
  return reloadPost(actor, ctx, postId);
}

/** Deleting twice is a no-op. An admin deleting someone else's post leaves an audit entry (with the reason). */
export async function deletePost(actor: MemberActor, postId: string, input: { reason: string }): Promise<void> {
  const ctx = await postContext(actor, postId, true);
  const own = ctx.post.author_id === actor.membershipId;
  if (!canDelete(ctx.viewer, ctx.facts, own)) throw forbidden();
  if (ctx.post.deleted_at) return;
  await actor.tx
    .updateTable("posts")
    .set({ deleted_at: new Date(), deleted_by: actor.account.id, pinned_at: null, updated_at: new Date(), ...searchColumns("") })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", postId)
    .execute();
  if (!own)
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      "post.deleted",
      { id: postId, name: ctx.post.author_name },
      {
        roomId: ctx.room.id,
        roomName: ctx.room.name,
        reason: input.reason,
      },
    );
}

export async function pinPost(actor: MemberActor, postId: string, pinned: boolean): Promise<Post> {
  const ctx = await postContext(actor, postId, true);
  if (!canPin(ctx.viewer)) throw forbidden();
  if (ctx.post.deleted_at) throw notFound();
  if ((ctx.post.pinned_at !== null) !== pinned) {
    if (pinned) {
      const { n } = await actor.tx
        .selectFrom("posts")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("network_id", "=", actor.networkId)
        .where("room_id", "=", ctx.room.id)
        .where("pinned_at", "is not", null)
        .executeTakeFirstOrThrow();
      if (Number(n) >= postLimits.pinnedMax) throw conflict({ pinned: "pin_limit" });
    }
    await actor.tx
      .updateTable("posts")
      .set({ pinned_at: pinned ? new Date() : null })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", postId)
      .execute();
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      pinned ? "post.pinned" : "post.unpinned",
      { id: postId, name: ctx.post.author_name },
      {
        roomId: ctx.room.id,
        roomName: ctx.room.name,
      },
    );
  }
  return reloadPost(actor, ctx, postId);
}

// --- comments ---

export async function createComment(deps: Deps, actor: MemberActor, postId: string, input: { body: string }): Promise<Comment> {
  const body = cleanBody(input.body);
  const ctx = await postContext(actor, postId, true);
  if (ctx.post.deleted_at) throw notFound();
  if (!canCommentInRoom(ctx.viewer, ctx.facts)) throw forbidden();
  const row = await actor.tx
    .insertInto("comments")
    .values({
      network_id: actor.networkId,
      post_id: postId,
      author_id: actor.membershipId,
      body: body,
      body_html: renderMarkdown(body),
      ...searchColumns(body),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await actor.tx
    .updateTable("posts")
    .set({ comment_count: sql<number>`comment_count + 1` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", postId)
    .execute();
  await publishToRoom(deps, actor, ctx, "comment.created", { roomId: ctx.room.id, postId, commentId: row.id });
  return reloadComment(actor, ctx, row.id);
}

export async function updateComment(actor: MemberActor, commentId: string, input: { body: string }): Promise<Comment> {
  const body = cleanBody(input.body);
  const ctx = await commentContext(actor, commentId, true);
  if (ctx.comment.deleted_at) throw notFound();
  if (!canEditOwn(ctx.viewer, ctx.facts, ctx.comment.author_id === actor.membershipId)) throw forbidden();
  if (body !== ctx.comment.body)
    await actor.tx
      .updateTable("comments")
      .set(editedBody(body))
      .where("network_id", "=", actor.networkId)
      .where("id", "=", commentId)
      .execute();
  return reloadComment(actor, ctx, commentId);
}

export async function deleteComment(actor: MemberActor, commentId: string, input: { reason: string }): Promise<void> {
  const ctx = await commentContext(actor, commentId, true);
  const own = ctx.comment.author_id === actor.membershipId;
  if (!canDelete(ctx.viewer, ctx.facts, own)) throw forbidden();
  if (ctx.comment.deleted_at) return;
  await actor.tx
    .updateTable("comments")
    .set({ deleted_at: new Date(), deleted_by: actor.account.id, updated_at: new Date(), ...searchColumns("") })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", commentId)
    .execute();
  await actor.tx
    .updateTable("posts")
    .set({ comment_count: sql<number>`greatest(comment_count - 1, 0)` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", ctx.post.id)
    .execute();
  if (!own)
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      "comment.deleted",
      { id: commentId, name: ctx.comment.author_name },
      {
        roomId: ctx.room.id,
        roomName: ctx.room.name,
        postId: ctx.post.id,
        reason: input.reason,
      },
    );
}

// --- stamps ---

async function setStamp(
  deps: Deps,
  actor: MemberActor,
  ctx: RoomContext,
  target: { post_id: string } | { comment_id: string },
  emoji: StampName,
  on: boolean,
): Promise<{ stamps: StampCount[] }> {
  if (!canStamp(ctx.viewer, ctx.facts)) throw forbidden();
  const [column, targetId] = "post_id" in target ? (["post_id", target.post_id] as const) : (["comment_id", target.comment_id] as const);
  let changed: boolean;
  if (on) {
    const inserted = await actor.tx
      .insertInto("stamps")
      .values({ network_id: actor.networkId, member_id: actor.membershipId, emoji, ...target })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    changed = inserted !== undefined;
  } else {
    const deleted = await actor.tx
      .deleteFrom("stamps")
      .where("network_id", "=", actor.networkId)
      .where(column, "=", targetId)
      .where("member_id", "=", actor.membershipId)
      .where("emoji", "=", emoji)
      .executeTakeFirst();
    changed = deleted.numDeletedRows > 0n;
  }
  if (changed)
    await publishToRoom(deps, actor, ctx, "stamp.changed", {
      roomId: ctx.room.id,
      ...("post_id" in target ? { postId: targetId } : { commentId: targetId }),
    });
  const counts = await stampCounts(actor.tx, actor.networkId, column, [targetId], actor.membershipId);
  return { stamps: counts.get(targetId) ?? [] };
}

export async function setPostStamp(deps: Deps, actor: MemberActor, postId: string, input: { emoji: StampName; on: boolean }) {
  const ctx = await postContext(actor, postId);
  if (ctx.post.deleted_at) throw notFound();
  return setStamp(deps, actor, ctx, { post_id: postId }, input.emoji, input.on);
}

export async function setCommentStamp(deps: Deps, actor: MemberActor, commentId: string, input: { emoji: StampName; on: boolean }) {
  const ctx = await commentContext(actor, commentId);
  if (ctx.comment.deleted_at) throw notFound();
  return setStamp(deps, actor, ctx, { comment_id: commentId }, input.emoji, input.on);
}
