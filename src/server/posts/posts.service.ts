// Posts, comments and stamps in talk rooms. Everything starts from the room as the actor sees
// it: a post in a room they cannot see does not exist for them (404); seeing it without the right
// to do something is 403. Bodies are rendered to sanitised HTML here, at write time. New posts,
// comments and changed stamps are published (ids only) to every active member who sees the room
// and is present for real-time events (decision 0013).
// Admins' deletions of other people's posts and comments, and pins, go to the audit log.
// Posts and comments may carry images (images/images.attachments.ts): words or images are
// needed, and deleting a post or comment deletes its images. A post or comment a moderator hid
// exists only for its author and the admins; members blocked either way are left out of the
// timeline and the threads. Mentions, comments on one's post and stamps notify (notifications/).
import { sql } from "kysely";
import type { Comment, Post, StampCount } from "../../shared/contract/posts.ts";
import { postLimits } from "../../shared/contract/posts.ts";
import { deleteImagesOf, imageCount, imagesOf, setImages, type ImageTarget } from "../images/images.attachments.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import type { Deps } from "../platform/deps.ts";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { cleanMarkdownSource, mentionedMemberIds, renderMarkdown, type Mention } from "../platform/markdown/markdown.ts";
import { hiddenMemberIds, hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import { resolveMentions } from "../mentions/mentions.service.ts";
import { notify } from "../notifications/notifications.service.ts";
import { searchColumns } from "../platform/search/index.ts";
import { canCommentInRoom, canPostInRoom, canSeeRoom, type RoomFacts, type RoomViewer } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import { roomsSeenBy, type RoomWithState } from "../rooms/rooms.repository.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { checkStampName, isStampOf } from "../stamps/stamps.service.ts";
import { canDelete, canEditOwn, canPin, canStamp, postRights } from "./posts.policy.ts";
import { presentComment, presentPost } from "./posts.presenter.ts";
import type { PageCopies, PageCopy } from "./page-copies.ts";
import {
  commentsWithAuthor,
  pinnedAndPage,
  postsWithAuthor,
  roomAudience,
  stampCounts,
  stampers,
  extrasOf,
  stampsMarkedMine,
  stampsOfMember,
  withMine,
  withStampsAndImages,
  type CommentWithAuthor,
  type PostWithAuthor,
  type PostWithExtras,
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
  if (!post || !seesModerated(actor, post)) throw notFound();
  return { ...(await roomContext(actor, post.room_id)), post };
}

/** A hidden post or comment exists for its author and the admins only. */
const seesModerated = (actor: MemberActor, row: { hidden_at: Date | null; author_id: string }) =>
  row.hidden_at === null || row.author_id === actor.membershipId || actor.role === "admin";

/** The same as a condition on a query of posts (alias p) or comments (alias c). */
const hiddenSeenBy = (actor: MemberActor, alias: "p" | "c") =>
  actor.role === "admin"
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.ref(`${alias}.hidden_at`)} is null or ${sql.ref(`${alias}.author_id`)} = ${actor.membershipId})`;

const viewerOf = (actor: MemberActor) => ({ accountId: actor.account.id, admin: actor.role === "admin" });

async function commentContext(
  actor: MemberActor,
  commentId: string,
  lock = false,
): Promise<RoomContext & { post: PostWithAuthor; comment: CommentWithAuthor }> {
  let q = commentsWithAuthor(actor.tx, actor.networkId).where("c.id", "=", commentId);
  if (lock) q = q.forUpdate("c");
  const comment = await q.executeTakeFirst();
  if (!comment || !seesModerated(actor, comment)) throw notFound();
  return { ...(await postContext(actor, comment.post_id)), comment };
}

const visible = async (context: Promise<unknown>) =>
  context.then(
    () => true,
    (error: unknown) => {
      if (error instanceof AppError && error.status === 404) return false;
      throw error;
    },
  );

/** Whether the actor sees the post and it is not deleted (what its images follow). */
export const canSeePost = (actor: MemberActor, postId: string) =>
  visible(postContext(actor, postId).then((ctx) => (ctx.post.deleted_at ? Promise.reject(notFound()) : ctx)));

/** Whether the actor sees the comment, on a post that is not deleted, and it is not deleted itself. */
export const canSeeComment = (actor: MemberActor, commentId: string) =>
  visible(
    commentContext(actor, commentId).then((ctx) => (ctx.comment.deleted_at || ctx.post.deleted_at ? Promise.reject(notFound()) : ctx)),
  );

const postCan = (actor: MemberActor, ctx: RoomContext, post: PostWithAuthor): Post["can"] =>
  postRights(ctx.viewer, ctx.facts, post.author_id === actor.membershipId);

const commentCan = (actor: MemberActor, ctx: RoomContext, comment: CommentWithAuthor): Comment["can"] => {
  const own = comment.author_id === actor.membershipId;
  return { edit: canEditOwn(ctx.viewer, ctx.facts, own), delete: canDelete(ctx.viewer, ctx.facts, own) };
};

/** Rows read `withStampsAndImages` carry their stamps and images; others have them read here. */
async function presentPosts(actor: MemberActor, ctx: RoomContext, rows: PostWithAuthor[] | PostWithExtras[]): Promise<Post[]> {
  const { stamps, images } = hasExtras(rows) ? extrasOf(actor.networkId, rows) : await readExtras(actor, rows);
  return rows.map((r) => presentPost(r, stamps.get(r.id) ?? [], postCan(actor, ctx, r), images.get(r.id) ?? [], viewerOf(actor)));
}

const hasExtras = (rows: PostWithAuthor[] | PostWithExtras[]): rows is PostWithExtras[] => rows.every((r) => "stamp_rows" in r);

async function readExtras(actor: MemberActor, rows: PostWithAuthor[]) {
  const ids = rows.map((r) => r.id);
  const stamps = await stampCounts(actor.tx, actor.networkId, "post_id", ids, actor.membershipId);
  const images = await imagesOf(actor.tx, actor.networkId, "post_id", ids);
  return { stamps, images };
}

async function presentComments(actor: MemberActor, ctx: RoomContext, rows: CommentWithAuthor[]): Promise<Comment[]> {
  const ids = rows.map((r) => r.id);
  const stamps = await stampCounts(actor.tx, actor.networkId, "comment_id", ids, actor.membershipId);
  const images = await imagesOf(actor.tx, actor.networkId, "comment_id", ids);
  return rows.map((r) => presentComment(r, stamps.get(r.id) ?? [], commentCan(actor, ctx, r), images.get(r.id) ?? [], viewerOf(actor)));
}

async function reloadPost(actor: MemberActor, ctx: RoomContext, postId: string): Promise<Post> {
  const row = await withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId)
    .where("p.id", "=", postId)
    .executeTakeFirstOrThrow();
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

/**
 * Publishes one event to every active member who sees the room and is present for real-time
 * events (the actor's other tabs included). Those away refetch when they come back (decision 0013).
 */
async function publishToRoom(deps: Deps, actor: MemberActor, ctx: RoomContext, kind: string, payload: Record<string, string>) {
  const audience = roomAudience(actor.tx, actor.networkId, ctx.room.id, ctx.facts);
  if (!audience) return;
  await deps.bus.publishToAudience(actor.tx, audience, { networkId: actor.networkId, kind, payload }, (task) => actor.afterCommit(task));
}

/** The body as stored (see cleanMarkdownSource): blank once cleaned means none, which only a post or comment with images may have. */
function cleanBody(raw: string, imageCount: number): string {
  const body = cleanMarkdownSource(raw);
  if (body.trim() === "") {
    if (imageCount === 0) throw validationFailed({ body: "body_empty" });
    return "";
  }
  return body;
}

/** An edit's body, and the images it leaves (its new list, or the ones the target has). */
async function editedContent(actor: MemberActor, target: ImageTarget, input: { body: string; imageIds?: string[] | undefined }) {
  const images = input.imageIds ? input.imageIds.length : await imageCount(actor.tx, actor.networkId, target);
  return cleanBody(input.body, images);
}

// --- posts ---

/**
 * The timeline, newest first. Pinned posts are listed apart (`pinned`, newest pin first) on the
 * first page only and never in `items`, so keyset pages never repeat a post. Deleted posts stay
 * as placeholders while they have live comments.
 */
export async function listRoomPosts(actor: MemberActor, roomId: string, query: { cursor?: string | undefined }, pages: PageCopies) {
  const after = decodeCursor(query.cursor);
  const limit = postLimits.timelinePage;
  if (!after) {
    const first = await firstPageFromCopy(actor, roomId, pages);
    if (first) return first;
  }
  let q = withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId)
    .where("p.room_id", "=", roomId)
    .where("p.pinned_at", "is", null)
    .where((eb) => eb.or([eb("p.deleted_at", "is", null), eb("p.comment_count", ">", 0)]))
    .where(hiddenSeenBy(actor, "p"))
    .where("p.author_id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId))
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const pinnedQuery = withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId)
    .where("p.room_id", "=", roomId)
    .where("p.pinned_at", "is not", null)
    .where("p.deleted_at", "is", null)
    .where(hiddenSeenBy(actor, "p"))
    .orderBy("p.pinned_at", "desc")
    .orderBy("p.id", "desc");
  // Read together with the room (one round trip on a read route); nothing of it is used unless the actor sees the room.
  const [ctx, read] = await Promise.all([
    roomContext(actor, roomId),
    after ? q.execute().then((page) => ({ pinned: [], page })) : pinnedAndPage(actor.tx, pinnedQuery, q),
  ]);
  const pinnedRows = read.pinned;
  const { rows, nextCursor } = pageOf(read.page, limit, (r) => ({ key: r.sort_key, id: r.id }));
  const presented = await presentPosts(actor, ctx, [...pinnedRows, ...rows]);
  return { pinned: presented.slice(0, pinnedRows.length), items: presented.slice(pinnedRows.length), nextCursor };
}

/** How many of the newest posts a room's copy holds: the first page twice over, so blocked authors seldom leave it short. */
const copyWindow = 2 * postLimits.timelinePage + 1;

/**
 * The first page from this process's copy of the room (page-copies.ts), reading or refreshing it;
 * null when the viewer's blocks leave the copy's window short of a page (the page is read as usual).
 * The same as the page query below: hidden posts for their authors and the admins only, blocked
 * authors left out of the page (not of the pinned posts), the viewer's own stamps marked.
 */
async function firstPageFromCopy(actor: MemberActor, roomId: string, pages: PageCopies) {
  const limit = postLimits.timelinePage;
  const copy = pages.get(roomId);
  let ctx: RoomContext;
  let page: PageCopy;
  let mine: Set<string>;
  let blocked: Set<string>;
  if (copy) {
    // One round trip: the room, the blocks and the viewer's stamps on the copy's posts.
    const ids = [...copy.pinned, ...copy.window].map((r) => r.id);
    [ctx, mine, blocked] = await Promise.all([
      roomContext(actor, roomId),
      stampsOfMember(actor.tx, actor.networkId, actor.membershipId, ids),
      hiddenMemberIds(actor.tx, actor.networkId, actor.membershipId),
    ]);
    page = copy;
  } else {
    const mark = pages.mark();
    const shared = withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId).where("p.room_id", "=", roomId);
    const windowQuery = shared
      .where("p.pinned_at", "is", null)
      .where((eb) => eb.or([eb("p.deleted_at", "is", null), eb("p.comment_count", ">", 0)]))
      .orderBy("p.created_at", "desc")
      .orderBy("p.id", "desc")
      .limit(copyWindow);
    const pinnedQuery = shared
      .where("p.pinned_at", "is not", null)
      .where("p.deleted_at", "is", null)
      .orderBy("p.pinned_at", "desc")
      .orderBy("p.id", "desc");
    const [room, read, hidden] = await Promise.all([
      roomContext(actor, roomId),
      pinnedAndPage(actor.tx, pinnedQuery, windowQuery),
      hiddenMemberIds(actor.tx, actor.networkId, actor.membershipId),
    ]);
    ctx = room;
    blocked = hidden;
    page = { pinned: read.pinned, window: read.page, complete: read.page.length < copyWindow, pinnedComplete: true };
    mine = stampsMarkedMine([...page.pinned, ...page.window]);
    // Read by a member who sees the room: what everyone who sees it shares (only `mine` is theirs, and it is recomputed per viewer).
    pages.put(roomId, mark, page);
  }
  const seen = (r: PostWithExtras) => seesModerated(actor, r);
  const rows = page.window.filter((r) => seen(r) && !blocked.has(r.author_id)).slice(0, limit + 1);
  if (rows.length <= limit && !page.complete) return null;
  const own = (r: PostWithExtras) => withMine(r, mine);
  const pinnedRows = page.pinned.filter(seen).map(own);
  const { rows: items, nextCursor } = pageOf(rows.map(own), limit, (r) => ({ key: r.sort_key, id: r.id }));
  const presented = await presentPosts(actor, ctx, [...pinnedRows, ...items]);
  return { pinned: presented.slice(0, pinnedRows.length), items: presented.slice(pinnedRows.length), nextCursor };
}

/** After the commit, the copies of the room's first page and of its network's feed are dropped, in every process (page-copies.ts). */
export const roomChanged = (deps: Deps, actor: MemberActor, roomId: string) =>
  deps.bus.roomsChanged({ networkId: actor.networkId, roomIds: [roomId] }, (task) => actor.afterCommit(task));

export async function createPost(
  deps: Deps,
  actor: MemberActor,
  roomId: string,
  input: { body: string; imageIds: string[]; mentions: string[] },
): Promise<Post> {
  const body = cleanBody(input.body, input.imageIds.length);
  const ctx = await roomContext(actor, roomId);
  if (!canPostInRoom(ctx.viewer, ctx.facts)) throw forbidden();
  const mentions = await resolveMentions(actor.tx, actor.networkId, actor.membershipId, body, input.mentions);
  const row = await actor.tx
    .insertInto("posts")
    .values({
      network_id: actor.networkId,
      room_id: roomId,
      author_id: actor.membershipId,
      body: body,
      body_html: renderMarkdown(body, mentions),
      ...searchColumns(body),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.imageIds.length > 0) await setImages(deps, actor, { post_id: row.id }, input.imageIds);
  await publishToRoom(deps, actor, ctx, "post.created", { roomId, postId: row.id });
  roomChanged(deps, actor, roomId);
  await notifyMentions(deps, actor, ctx, mentions, new Set(), { postId: row.id });
  return reloadPost(actor, ctx, row.id);
}

export async function getPost(actor: MemberActor, postId: string, query: { cursor?: string | undefined; limit: number }) {
  const ctx = await postContext(actor, postId);
  const after = decodeCursor(query.cursor);
  let q = commentsWithAuthor(actor.tx, actor.networkId)
    .where("c.post_id", "=", postId)
    .where(hiddenSeenBy(actor, "c"))
    .where("c.author_id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId))
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
function editedBody(body: string, mentions: readonly Mention[]) {
  const now = new Date();
  return { body, body_html: renderMarkdown(body, mentions), ...searchColumns(body), edited_at: now, updated_at: now };
}

/** An edit's mentions: the members it mentioned before and the ids it sent, while their names are still in the text. */
async function editedMentions(actor: MemberActor, body: string, previousHtml: string, ids: string[] | undefined) {
  return resolveMentions(actor.tx, actor.networkId, actor.membershipId, body, [...mentionedMemberIds(previousHtml), ...(ids ?? [])]);
}

export async function updatePost(
  deps: Deps,
  actor: MemberActor,
  postId: string,
  input: { body: string; imageIds?: string[] | undefined; mentions?: string[] | undefined },
): Promise<Post> {
  const ctx = await postContext(actor, postId, true);
  if (ctx.post.deleted_at) throw notFound();
  if (!canEditOwn(ctx.viewer, ctx.facts, ctx.post.author_id === actor.membershipId)) throw forbidden();
  const body = await editedContent(actor, { post_id: postId }, input);
  const mentions = await editedMentions(actor, body, ctx.post.body_html, input.mentions);
  const before = new Set(mentionedMemberIds(ctx.post.body_html));
  const mentionsChanged = mentions.length !== before.size || mentions.some((m) => !before.has(m.memberId));
  const imagesChanged = input.imageIds !== undefined && (await changesImages(actor, { post_id: postId }, input.imageIds));
  if (imagesChanged && input.imageIds) await setImages(deps, actor, { post_id: postId }, input.imageIds);
  if (body !== ctx.post.body || imagesChanged || mentionsChanged)
    await actor.tx
      .updateTable("posts")
      .set(editedBody(body, mentions))
      .where("network_id", "=", actor.networkId)
      .where("id", "=", postId)
      .execute();
  roomChanged(deps, actor, ctx.room.id);
  await notifyMentions(deps, actor, ctx, mentions, before, { postId });
  return reloadPost(actor, ctx, postId);
}

/** Whether the list differs from the target's images now (same ids in the same order: no edit). */
async function changesImages(
  actor: MemberActor,
  target: Extract<ImageTarget, { post_id: string } | { comment_id: string }>,
  imageIds: readonly string[],
): Promise<boolean> {
  const column = "post_id" in target ? "post_id" : "comment_id";
  const id = "post_id" in target ? target.post_id : target.comment_id;
  const current = (await imagesOf(actor.tx, actor.networkId, column, [id])).get(id) ?? [];
  return current.length !== imageIds.length || current.some((image, i) => image.id !== imageIds[i]);
}

/** Deleting twice is a no-op. An admin deleting someone else's post leaves an audit entry (with the reason). */
export async function deletePost(deps: Deps, actor: MemberActor, postId: string, input: { reason: string }): Promise<void> {
  const ctx = await postContext(actor, postId, true);
  const own = ctx.post.author_id === actor.membershipId;
  if (!canDelete(ctx.viewer, ctx.facts, own)) throw forbidden();
  if (ctx.post.deleted_at) return;
  await actor.tx
    .updateTable("posts")
    .set({
      deleted_at: new Date(),
      deleted_by: actor.account.id,
      pinned_at: null,
      updated_at: new Date(),
      // An admin's reason is shown to the author (see presentPost's moderation).
      moderation_reason: own ? null : input.reason,
      ...searchColumns(""),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", postId)
    .execute();
  await deleteImagesOf(deps, actor, { post_id: postId });
  roomChanged(deps, actor, ctx.room.id);
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

export async function pinPost(deps: Deps, actor: MemberActor, postId: string, pinned: boolean): Promise<Post> {
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
    roomChanged(deps, actor, ctx.room.id);
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

export async function createComment(
  deps: Deps,
  actor: MemberActor,
  postId: string,
  input: { body: string; imageIds: string[]; mentions: string[] },
): Promise<Comment> {
  const body = cleanBody(input.body, input.imageIds.length);
  const ctx = await postContext(actor, postId, true);
  if (ctx.post.deleted_at) throw notFound();
  if (!canCommentInRoom(ctx.viewer, ctx.facts)) throw forbidden();
  const mentions = await resolveMentions(actor.tx, actor.networkId, actor.membershipId, body, input.mentions);
  const row = await actor.tx
    .insertInto("comments")
    .values({
      network_id: actor.networkId,
      post_id: postId,
      author_id: actor.membershipId,
      body: body,
      body_html: renderMarkdown(body, mentions),
      ...searchColumns(body),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (input.imageIds.length > 0) await setImages(deps, actor, { comment_id: row.id }, input.imageIds);
  await actor.tx
    .updateTable("posts")
    .set({ comment_count: sql<number>`comment_count + 1` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", postId)
    .execute();
  roomChanged(deps, actor, ctx.room.id);
  await publishToRoom(deps, actor, ctx, "comment.created", { roomId: ctx.room.id, postId, commentId: row.id });
  const mentioned = await notifyMentions(deps, actor, ctx, mentions, new Set(), { postId, commentId: row.id });
  // The post's author hears of the comment (unless the comment mentions them: one notification is enough).
  if (!mentioned.has(ctx.post.author_id))
    await notifyIfSeen(deps, actor, ctx, [ctx.post.author_id], { kind: "reply", postId, commentId: row.id });
  return reloadComment(actor, ctx, row.id);
}

export async function updateComment(
  deps: Deps,
  actor: MemberActor,
  commentId: string,
  input: { body: string; imageIds?: string[] | undefined; mentions?: string[] | undefined },
): Promise<Comment> {
  const ctx = await commentContext(actor, commentId, true);
  if (ctx.comment.deleted_at) throw notFound();
  if (!canEditOwn(ctx.viewer, ctx.facts, ctx.comment.author_id === actor.membershipId)) throw forbidden();
  const body = await editedContent(actor, { comment_id: commentId }, input);
  const mentions = await editedMentions(actor, body, ctx.comment.body_html, input.mentions);
  const before = new Set(mentionedMemberIds(ctx.comment.body_html));
  const mentionsChanged = mentions.length !== before.size || mentions.some((m) => !before.has(m.memberId));
  const imagesChanged = input.imageIds !== undefined && (await changesImages(actor, { comment_id: commentId }, input.imageIds));
  if (imagesChanged && input.imageIds) await setImages(deps, actor, { comment_id: commentId }, input.imageIds);
  if (body !== ctx.comment.body || imagesChanged || mentionsChanged)
    await actor.tx
      .updateTable("comments")
      .set(editedBody(body, mentions))
      .where("network_id", "=", actor.networkId)
      .where("id", "=", commentId)
      .execute();
  await notifyMentions(deps, actor, ctx, mentions, before, { postId: ctx.post.id, commentId });
  return reloadComment(actor, ctx, commentId);
}

export async function deleteComment(deps: Deps, actor: MemberActor, commentId: string, input: { reason: string }): Promise<void> {
  const ctx = await commentContext(actor, commentId, true);
  const own = ctx.comment.author_id === actor.membershipId;
  if (!canDelete(ctx.viewer, ctx.facts, own)) throw forbidden();
  if (ctx.comment.deleted_at) return;
  await actor.tx
    .updateTable("comments")
    .set({
      deleted_at: new Date(),
      deleted_by: actor.account.id,
      updated_at: new Date(),
      moderation_reason: own ? null : input.reason,
      ...searchColumns(""),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", commentId)
    .execute();
  await deleteImagesOf(deps, actor, { comment_id: commentId });
  await actor.tx
    .updateTable("posts")
    .set({ comment_count: sql<number>`greatest(comment_count - 1, 0)` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", ctx.post.id)
    .execute();
  roomChanged(deps, actor, ctx.room.id);
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
  emoji: string,
  on: boolean,
  /** Whose post or comment it is (they are told of a new stamp), and what to point them to. */
  author: { memberId: string; target: { postId: string; commentId?: string } },
): Promise<{ stamps: StampCount[] }> {
  if (!canStamp(ctx.viewer, ctx.facts)) throw forbidden();
  await checkStampName(actor.tx, actor.networkId, emoji, on);
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
  if (changed && "post_id" in target) roomChanged(deps, actor, ctx.room.id);
  if (changed)
    await publishToRoom(deps, actor, ctx, "stamp.changed", {
      roomId: ctx.room.id,
      ...("post_id" in target ? { postId: targetId } : { commentId: targetId }),
    });
  if (changed && on) await notifyIfSeen(deps, actor, ctx, [author.memberId], { kind: "stamp", ...author.target });
  const counts = await stampCounts(actor.tx, actor.networkId, column, [targetId], actor.membershipId);
  return { stamps: counts.get(targetId) ?? [] };
}

export async function setPostStamp(deps: Deps, actor: MemberActor, postId: string, input: { emoji: string; on: boolean }) {
  const ctx = await postContext(actor, postId);
  if (ctx.post.deleted_at) throw notFound();
  return setStamp(deps, actor, ctx, { post_id: postId }, input.emoji, input.on, { memberId: ctx.post.author_id, target: { postId } });
}

export async function setCommentStamp(deps: Deps, actor: MemberActor, commentId: string, input: { emoji: string; on: boolean }) {
  const ctx = await commentContext(actor, commentId);
  if (ctx.comment.deleted_at) throw notFound();
  return setStamp(deps, actor, ctx, { comment_id: commentId }, input.emoji, input.on, {
    memberId: ctx.comment.author_id,
    target: { postId: ctx.post.id, commentId },
  });
}

/** Who put `emoji` on a post (whoever sees the post); a name that is no stamp of the network is 404. */
export async function listPostStampers(actor: MemberActor, postId: string, emoji: string) {
  const ctx = await postContext(actor, postId);
  if (ctx.post.deleted_at || !(await isStampOf(actor.tx, actor.networkId, emoji))) throw notFound();
  return stampers(actor.tx, actor.networkId, "post_id", postId, emoji, postLimits.stampersMax);
}

export async function listCommentStampers(actor: MemberActor, commentId: string, emoji: string) {
  const ctx = await commentContext(actor, commentId);
  if (ctx.comment.deleted_at || !(await isStampOf(actor.tx, actor.networkId, emoji))) throw notFound();
  return stampers(actor.tx, actor.networkId, "comment_id", commentId, emoji, postLimits.stampersMax);
}

// --- notifications ---

/** Of `memberIds`: the active members who see the room, and whom the actor has not blocked or been blocked by. */
async function reachable(tx: Tx, actor: MemberActor, ctx: RoomContext, memberIds: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(memberIds)].filter((id) => id !== actor.membershipId);
  if (wanted.length === 0) return [];
  const rows = await tx
    .selectFrom("memberships as m")
    .leftJoin("room_members as rm", (j) =>
      j.onRef("rm.network_id", "=", "m.network_id").onRef("rm.member_id", "=", "m.id").on("rm.room_id", "=", ctx.room.id),
    )
    .select(["m.id", "m.role", sql<boolean>`rm.member_id is not null`.as("in_room")])
    .where("m.network_id", "=", actor.networkId)
    .where("m.status", "=", "active")
    .where("m.id", "in", wanted)
    .execute();
  const hidden = await hiddenMemberIds(tx, actor.networkId, actor.membershipId);
  return rows.filter((r) => !hidden.has(r.id) && canSeeRoom({ role: r.role, inRoom: r.in_room }, ctx.facts)).map((r) => r.id);
}

async function notifyIfSeen(
  deps: Deps,
  actor: MemberActor,
  ctx: RoomContext,
  memberIds: readonly string[],
  what: { kind: "mention" | "reply" | "stamp"; postId: string; commentId?: string },
): Promise<Set<string>> {
  const recipients = await reachable(actor.tx, actor, ctx, memberIds);
  if (recipients.length > 0)
    await notify(deps, actor.tx, (task) => actor.afterCommit(task), {
      networkId: actor.networkId,
      recipientMemberIds: recipients,
      kind: what.kind,
      actorMemberId: actor.membershipId,
      postId: what.postId,
      commentId: what.commentId ?? null,
    });
  return new Set(recipients);
}

/** Mentions notify the members newly mentioned (not those an edit kept) who can see the room. */
function notifyMentions(
  deps: Deps,
  actor: MemberActor,
  ctx: RoomContext,
  mentions: readonly Mention[],
  before: ReadonlySet<string>,
  target: { postId: string; commentId?: string },
): Promise<Set<string>> {
  const fresh = mentions.map((m) => m.memberId).filter((id) => !before.has(id));
  if (fresh.length === 0) return Promise.resolve(new Set());
  return notifyIfSeen(deps, actor, ctx, fresh, { kind: "mention", ...target });
}
