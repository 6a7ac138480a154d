// Direct messages (ダイレクトメッセージ). A conversation someone is not a current member of does
// not exist for them (404) — except office conversations, which every admin of the network reads
// and answers as the office (事務局). Starting a conversation with someone, or adding them to a
// group, asks their "who may message me" setting and refuses across a block (either direction),
// with one 403 that does not say which. Bodies are rendered to sanitised HTML at write time.
// Events (ids only) go to every current member's account, and for office conversations to every
// admin's.
import { checkStampName } from "../stamps/stamps.service.ts";
import { deleteImagesOf, imagesOf, setImages } from "../images/images.attachments.ts";
import { markConversationNotificationsRead, notify } from "../notifications/notifications.service.ts";
import { plainText } from "../platform/search/index.ts";
import { sql } from "kysely";
import type { Conversation, DmPolicy, Message, MessageStampCount } from "../../shared/contract/messages.ts";
import type { Image } from "../../shared/contract/images.ts";
import { messageLimits } from "../../shared/contract/messages.ts";
import { blockedEitherWay, hiddenMemberIds } from "../blocks/blocks.repository.ts";
import type { Deps } from "../platform/deps.ts";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { cleanMarkdownSource, renderMarkdown } from "../platform/markdown/markdown.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import {
  canAddMembers,
  canEditMessage,
  canLeave,
  canSeeConversation,
  canSend,
  hasOfficeConversation,
  mayStartWith,
  type ConversationViewer,
} from "./messages.policy.ts";
import { presentLastMessage, presentMessage } from "./messages.presenter.ts";
import { presentAuthor } from "../posts/authors.ts";
import {
  activeAdminAccounts,
  activeAdminMemberIds,
  areContacts,
  audienceAccounts,
  conversationsWithViewer,
  audienceQuery,
  currentMembers,
  lastMessages,
  latestMessageAt,
  memberUnread,
  messagesWithAuthor,
  messageStampCounts,
  officeUnread,
  pairKey,
  sendContextQuery,
  type ConversationWithViewer,
  type SendMember,
  type MessageWithAuthor,
} from "./messages.repository.ts";

/** The one refusal for "you may not message this person": the same whether it is a block or their setting. */
const notAccepted = (field: string) => new AppError("forbidden", 403, { fields: { [field]: "dm_not_accepted" } });

interface ConversationContext {
  conv: ConversationWithViewer;
  viewer: ConversationViewer;
}

function viewerOf(actor: MemberActor, conv: ConversationWithViewer): ConversationViewer {
  const member = conv.viewer_member_id !== null && conv.viewer_left_at === null;
  const asOffice = conv.kind === "office" && conv.office_member_id !== actor.membershipId && actor.role === "admin";
  return { member, asOffice };
}

/** The conversation as the actor sees it (404 if they cannot). */
async function conversationContext(actor: MemberActor, conversationId: string): Promise<ConversationContext> {
  const conv = await conversationsWithViewer(actor.tx, actor.networkId, actor.membershipId)
    .where("c.id", "=", conversationId)
    .executeTakeFirst();
  if (!conv) throw notFound();
  const viewer = viewerOf(actor, conv);
  if (!canSeeConversation(viewer)) throw notFound();
  return { conv, viewer };
}

/** A message the actor can read, with its conversation (404 otherwise). */
async function messageContext(actor: MemberActor, messageId: string): Promise<ConversationContext & { message: MessageWithAuthor }> {
  const message = await messagesWithAuthor(actor.tx, actor.networkId, actor.membershipId)
    .where("msg.id", "=", messageId)
    .executeTakeFirst();
  if (!message) throw notFound();
  return { ...(await conversationContext(actor, message.conversation_id)), message };
}

/** Publishes one event per account of the conversation's audience (the actor's other tabs included). */
async function publish(deps: Deps, actor: MemberActor, ctx: ConversationContext, kind: string, payload: Record<string, string>) {
  const audience = audienceQuery(actor.tx, actor.networkId, ctx.conv.id, ctx.conv.kind);
  await deps.bus.publishToAudience(actor.tx, audience, { networkId: actor.networkId, kind, payload }, (task) => actor.afterCommit(task));
}

async function publishTo(deps: Deps, actor: MemberActor, accountIds: readonly string[], kind: string, payload: Record<string, string>) {
  const events = accountIds.map((accountId) => ({ accountId, networkId: actor.networkId, kind, payload }));
  await deps.bus.publish(actor.tx, events, (task) => actor.afterCommit(task));
}

// --- presenting ---

/** Conversations as the actor sees them, in the order given: members, last message, unread, what they may do. */
async function presentConversations(actor: MemberActor, rows: ConversationWithViewer[]): Promise<Conversation[]> {
  const ids = rows.map((r) => r.id);
  const officeIds = rows.filter((r) => viewerOf(actor, r).asOffice).map((r) => r.id);
  const memberIds = rows.filter((r) => !viewerOf(actor, r).asOffice).map((r) => r.id);
  const [members, last, unreadAsMember, unreadAsOffice, hidden] = await Promise.all([
    currentMembers(actor.tx, actor.networkId, ids),
    lastMessages(actor.tx, actor.networkId, actor.membershipId, ids),
    memberUnread(actor.tx, actor.networkId, actor.membershipId, memberIds),
    officeUnread(actor.tx, actor.networkId, officeIds),
    hiddenMemberIds(actor.tx, actor.networkId, actor.membershipId),
  ]);
  return rows.map((row) => {
    const viewer = viewerOf(actor, row);
    const others = members.filter((m) => m.conversation_id === row.id && m.member_id !== actor.membershipId);
    // A direct conversation stays readable after a block or after the other left the network; it only stops taking messages.
    const other = others[0];
    const directOpen = row.kind !== "direct" || (other !== undefined && other.status === "active" && !hidden.has(other.member_id));
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      members: others.map((m) => presentAuthor(m.member_id, m.display_name, m.avatar_key, m.supporter)),
      asOffice: viewer.asOffice,
      lastMessage: presentLastMessage(last.get(row.id)),
      unread: (viewer.asOffice ? unreadAsOffice : unreadAsMember).get(row.id) ?? 0,
      muted: row.viewer_muted ?? false,
      createdAt: row.created_at.toISOString(),
      can: {
        send: canSend(row.kind, viewer, directOpen),
        addMembers: canAddMembers(row.kind, viewer),
        leave: canLeave(row.kind, viewer),
      },
    };
  });
}

async function reloadConversation(actor: MemberActor, conversationId: string): Promise<Conversation> {
  const row = await conversationsWithViewer(actor.tx, actor.networkId, actor.membershipId)
    .where("c.id", "=", conversationId)
    .executeTakeFirstOrThrow();
  const [conversation] = await presentConversations(actor, [row]);
  if (!conversation) throw notFound();
  return conversation;
}

/** `fresh`: the rows were just written without images, so there are no stamps or images to read. */
async function presentMessages(
  actor: MemberActor,
  ctx: ConversationContext,
  rows: MessageWithAuthor[],
  options: { fresh?: boolean } = {},
): Promise<Message[]> {
  const ids = rows.map((r) => r.id);
  const stamps = options.fresh
    ? new Map<string, MessageStampCount[]>()
    : await messageStampCounts(actor.tx, actor.networkId, ids, actor.membershipId);
  const images = options.fresh ? new Map<string, Image[]>() : await imagesOf(actor.tx, actor.networkId, "message_id", ids);
  return rows.map((r) => {
    const own = r.author_id === actor.membershipId;
    const can = canEditMessage(ctx.viewer, own, r.deleted_at !== null);
    return presentMessage(r, stamps.get(r.id) ?? [], { edit: can, delete: can }, images.get(r.id) ?? [], own);
  });
}

async function reloadMessage(actor: MemberActor, ctx: ConversationContext, messageId: string): Promise<Message> {
  const row = await messagesWithAuthor(actor.tx, actor.networkId, actor.membershipId)
    .where("msg.id", "=", messageId)
    .executeTakeFirstOrThrow();
  const [message] = await presentMessages(actor, ctx, [row]);
  if (!message) throw notFound();
  return message;
}

// --- conversations ---

type Page = { cursor?: string | undefined };

/** My conversations (groups, direct, my office conversation), latest activity first (keyset, no OFFSET). */
export async function listConversations(actor: MemberActor, query: Page) {
  const after = decodeCursor(query.cursor);
  const limit = messageLimits.conversationsPage;
  let q = conversationsWithViewer(actor.tx, actor.networkId, actor.membershipId)
    .where("cm.member_id", "is not", null)
    .where("cm.left_at", "is", null)
    .orderBy(sql`coalesce(c.last_message_at, c.created_at)`, "desc")
    .orderBy("c.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(coalesce(c.last_message_at, c.created_at), c.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: await presentConversations(actor, rows), nextCursor };
}

/** Every office conversation of the network, for its admins. */
export async function listOfficeConversations(actor: MemberActor, query: Page) {
  const after = decodeCursor(query.cursor);
  const limit = messageLimits.conversationsPage;
  let q = conversationsWithViewer(actor.tx, actor.networkId, actor.membershipId)
    .where("c.kind", "=", "office")
    .where("c.office_member_id", "<>", actor.membershipId)
    .orderBy(sql`coalesce(c.last_message_at, c.created_at)`, "desc")
    .orderBy("c.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(coalesce(c.last_message_at, c.created_at), c.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: await presentConversations(actor, rows), nextCursor };
}

export async function getConversation(actor: MemberActor, conversationId: string): Promise<Conversation> {
  await conversationContext(actor, conversationId);
  return reloadConversation(actor, conversationId);
}

/** The network's active members among `ids` with their setting; an id that is not one is refused as `field`. */
async function activeMembers(tx: Tx, networkId: string, ids: readonly string[], field: string) {
  const rows = await tx
    .selectFrom("memberships")
    .select(["id", "account_id", "dm_policy"])
    .where("network_id", "=", networkId)
    .where("id", "in", ids)
    .where("status", "=", "active")
    .execute();
  if (rows.length !== new Set(ids).size) throw validationFailed({ [field]: "room_member_unknown" });
  return rows;
}

/** Refuses (403, the same for a block and a setting) unless the actor may start talking with `target`. */
async function assertMayStartWith(actor: MemberActor, target: { id: string; dm_policy: DmPolicy }, field: string) {
  const blocked = await blockedEitherWay(actor.tx, actor.networkId, actor.membershipId, target.id);
  const contacts = target.dm_policy === "contacts" && (await areContacts(actor.tx, actor.networkId, actor.membershipId, target.id));
  if (!mayStartWith({ blocked, targetPolicy: target.dm_policy, contacts })) throw notAccepted(field);
}

/** The direct conversation with a member: the existing one, or a new one if they allow it. */
export async function openDirectConversation(deps: Deps, actor: MemberActor, memberId: string): Promise<Conversation> {
  if (memberId === actor.membershipId) throw validationFailed({ memberId: "dm_self" });
  const target = await actor.tx
    .selectFrom("memberships")
    .select(["id", "account_id", "dm_policy"])
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .where("status", "=", "active")
    .executeTakeFirst();
  if (!target) throw notFound();
  const key = pairKey(actor.membershipId, memberId);
  const existing = await actor.tx
    .selectFrom("conversations")
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("kind", "=", "direct")
    .where("pair_key", "=", key)
    .executeTakeFirst();
  if (existing) {
    // Already talking: their setting was asked when it started; a block still closes it.
    if (await blockedEitherWay(actor.tx, actor.networkId, actor.membershipId, memberId)) throw notAccepted("memberId");
    return reloadConversation(actor, existing.id);
  }
  await assertMayStartWith(actor, target, "memberId");
  // Two people opening it at once: the unique pair index lets one insert, the other finds it.
  const created = await actor.tx
    .insertInto("conversations")
    .values({ network_id: actor.networkId, kind: "direct", pair_key: key, created_by: actor.membershipId })
    .onConflict((oc) =>
      oc
        .columns(["network_id", "pair_key"])
        .where(sql<boolean>`kind = 'direct'`)
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  const id =
    created?.id ??
    (
      await actor.tx
        .selectFrom("conversations")
        .select("id")
        .where("network_id", "=", actor.networkId)
        .where("kind", "=", "direct")
        .where("pair_key", "=", key)
        .executeTakeFirstOrThrow()
    ).id;
  if (created) {
    await actor.tx
      .insertInto("conversation_members")
      .values([actor.membershipId, memberId].map((m) => ({ network_id: actor.networkId, conversation_id: id, member_id: m })))
      .execute();
    await publishTo(deps, actor, [actor.account.id, target.account_id], "conversation.created", { conversationId: id });
  }
  return reloadConversation(actor, id);
}

export async function createGroupConversation(
  deps: Deps,
  actor: MemberActor,
  input: { memberIds: string[]; title?: string | undefined },
): Promise<Conversation> {
  const invitees = [...new Set(input.memberIds)].filter((m) => m !== actor.membershipId);
  if (invitees.length + 1 < messageLimits.groupMin || invitees.length + 1 > messageLimits.groupMax)
    throw validationFailed({ memberIds: "group_size" });
  const targets = await activeMembers(actor.tx, actor.networkId, invitees, "memberIds");
  for (const target of targets) await assertMayStartWith(actor, target, "memberIds");
  const title = input.title?.trim() ? input.title.trim() : null;
  const { id } = await actor.tx
    .insertInto("conversations")
    .values({ network_id: actor.networkId, kind: "group", title, created_by: actor.membershipId })
    .returning("id")
    .executeTakeFirstOrThrow();
  await actor.tx
    .insertInto("conversation_members")
    .values([actor.membershipId, ...invitees].map((m) => ({ network_id: actor.networkId, conversation_id: id, member_id: m })))
    .execute();
  await publishTo(deps, actor, [actor.account.id, ...targets.map((t) => t.account_id)], "conversation.created", { conversationId: id });
  return reloadConversation(actor, id);
}

/** My conversation with the office (事務局), started on first use. Admins are the office and have none. */
export async function openOfficeConversation(deps: Deps, actor: MemberActor): Promise<Conversation> {
  if (!hasOfficeConversation(actor.role)) throw forbidden();
  const created = await actor.tx
    .insertInto("conversations")
    .values({ network_id: actor.networkId, kind: "office", office_member_id: actor.membershipId, created_by: actor.membershipId })
    .onConflict((oc) =>
      oc
        .columns(["network_id", "office_member_id"])
        .where(sql<boolean>`kind = 'office'`)
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (created) {
    await actor.tx
      .insertInto("conversation_members")
      .values({ network_id: actor.networkId, conversation_id: created.id, member_id: actor.membershipId })
      .execute();
    await publishTo(deps, actor, [actor.account.id], "conversation.created", { conversationId: created.id });
    return reloadConversation(actor, created.id);
  }
  const existing = await actor.tx
    .selectFrom("conversations")
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("kind", "=", "office")
    .where("office_member_id", "=", actor.membershipId)
    .executeTakeFirstOrThrow();
  return reloadConversation(actor, existing.id);
}

/** Adds members to a group (those already in it are skipped; those who left come back from now on). */
export async function addConversationMembers(
  deps: Deps,
  actor: MemberActor,
  conversationId: string,
  input: { memberIds: string[] },
): Promise<Conversation> {
  const ctx = await conversationContext(actor, conversationId);
  if (!canAddMembers(ctx.conv.kind, ctx.viewer)) throw forbidden();
  // Serialise additions to one group so that two at once cannot pass the limit together.
  await actor.tx
    .selectFrom("conversations")
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", conversationId)
    .forUpdate()
    .execute();
  const current = await currentMembers(actor.tx, actor.networkId, [conversationId]);
  const currentIds = new Set(current.map((m) => m.member_id));
  const added = [...new Set(input.memberIds)].filter((m) => !currentIds.has(m));
  if (added.length === 0) return reloadConversation(actor, conversationId);
  if (currentIds.size + added.length > messageLimits.groupMax) throw conflict({ memberIds: "group_full" });
  const targets = await activeMembers(actor.tx, actor.networkId, added, "memberIds");
  for (const target of targets) await assertMayStartWith(actor, target, "memberIds");
  await actor.tx
    .insertInto("conversation_members")
    .values(added.map((m) => ({ network_id: actor.networkId, conversation_id: conversationId, member_id: m })))
    .onConflict((oc) =>
      oc.columns(["network_id", "conversation_id", "member_id"]).doUpdateSet({
        left_at: null,
        joined_at: sql<Date>`clock_timestamp()`,
        last_read_at: null,
      }),
    )
    .execute();
  await publishTo(
    deps,
    actor,
    current.filter((m) => m.status === "active").map((m) => m.account_id),
    "conversation.updated",
    { conversationId },
  );
  await publishTo(
    deps,
    actor,
    targets.map((t) => t.account_id),
    "conversation.created",
    { conversationId },
  );
  return reloadConversation(actor, conversationId);
}

export async function leaveConversation(deps: Deps, actor: MemberActor, conversationId: string): Promise<void> {
  const ctx = await conversationContext(actor, conversationId);
  if (!canLeave(ctx.conv.kind, ctx.viewer)) throw forbidden();
  await actor.tx
    .updateTable("conversation_members")
    .set({ left_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("conversation_id", "=", conversationId)
    .where("member_id", "=", actor.membershipId)
    .execute();
  await publish(deps, actor, ctx, "conversation.updated", { conversationId });
  await publishTo(deps, actor, [actor.account.id], "conversation.updated", { conversationId });
}

/** Reads everything so far. In office conversations an admin reads for the whole office, so every admin's tabs are told. */
export async function markConversationRead(deps: Deps, actor: MemberActor, conversationId: string): Promise<{ unread: number }> {
  const ctx = await conversationContext(actor, conversationId);
  const latest = latestMessageAt(actor.tx, actor.networkId, conversationId);
  if (ctx.viewer.asOffice) {
    await actor.tx
      .updateTable("conversations")
      .set({ office_last_read_at: sql<Date>`coalesce(${latest}, office_last_read_at)` })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", conversationId)
      .execute();
    await publishTo(deps, actor, await activeAdminAccounts(actor.tx, actor.networkId), "conversation.read", { conversationId });
    await markConversationNotificationsRead(
      actor.tx,
      actor.networkId,
      await activeAdminMemberIds(actor.tx, actor.networkId),
      conversationId,
    );
    return { unread: (await officeUnread(actor.tx, actor.networkId, [conversationId])).get(conversationId) ?? 0 };
  }
  await actor.tx
    .updateTable("conversation_members")
    .set({ last_read_at: sql<Date>`coalesce(${latest}, last_read_at)` })
    .where("network_id", "=", actor.networkId)
    .where("conversation_id", "=", conversationId)
    .where("member_id", "=", actor.membershipId)
    .execute();
  await publishTo(deps, actor, [actor.account.id], "conversation.read", { conversationId });
  await markConversationNotificationsRead(actor.tx, actor.networkId, [actor.membershipId], conversationId);
  return { unread: (await memberUnread(actor.tx, actor.networkId, actor.membershipId, [conversationId])).get(conversationId) ?? 0 };
}

export async function setConversationMuted(actor: MemberActor, conversationId: string, muted: boolean): Promise<Conversation> {
  const ctx = await conversationContext(actor, conversationId);
  // Admins have no member row in office conversations: the office is not muted by one of them.
  if (!ctx.viewer.member) throw forbidden();
  await actor.tx
    .updateTable("conversation_members")
    .set({ muted })
    .where("network_id", "=", actor.networkId)
    .where("conversation_id", "=", conversationId)
    .where("member_id", "=", actor.membershipId)
    .execute();
  return reloadConversation(actor, conversationId);
}

/** Unread messages in my conversations, and for admins in the office conversations. */
export async function getUnreadMessages(actor: MemberActor): Promise<{ total: number; office: number | null }> {
  const mine = await memberUnread(actor.tx, actor.networkId, actor.membershipId);
  const total = [...mine.values()].reduce((a, b) => a + b, 0);
  if (actor.role !== "admin") return { total, office: null };
  const office = await officeUnread(actor.tx, actor.networkId);
  return { total, office: [...office.values()].reduce((a, b) => a + b, 0) };
}

// --- messages ---

/** Newest first (keyset on created_at, id). */
export async function listMessages(actor: MemberActor, conversationId: string, query: Page) {
  const ctx = await conversationContext(actor, conversationId);
  const after = decodeCursor(query.cursor);
  const limit = messageLimits.messagesPage;
  let q = messagesWithAuthor(actor.tx, actor.networkId, actor.membershipId)
    .where("msg.conversation_id", "=", conversationId)
    .orderBy("msg.created_at", "desc")
    .orderBy("msg.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(msg.created_at, msg.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: await presentMessages(actor, ctx, rows), nextCursor };
}

/** The body as stored (see cleanMarkdownSource); blank once cleaned is refused, unless the message carries images. */
function cleanBody(raw: string, imageCount = 0): string {
  const body = cleanMarkdownSource(raw);
  if (body.trim() === "") {
    if (imageCount === 0) throw validationFailed({ body: "body_empty" });
    return "";
  }
  return body;
}

/** In a direct conversation: whether the other person is still in the network and neither blocked the other. */

export async function sendMessage(
  deps: Deps,
  actor: MemberActor,
  conversationId: string,
  input: { body: string; imageIds?: string[] | undefined },
): Promise<Message> {
  const imageIds = input.imageIds ?? [];
  const body = cleanBody(input.body, imageIds.length);
  const conv = await sendContextQuery(actor.tx, actor.networkId, actor.membershipId).where("c.id", "=", conversationId).executeTakeFirst();
  if (!conv) throw notFound();
  const ctx: ConversationContext = { conv, viewer: viewerOf(actor, conv) };
  if (!canSeeConversation(ctx.viewer)) throw notFound();
  // A direct conversation takes messages while the other is an active member and neither blocked the other.
  const other = conv.members.find((m) => m.member_id !== actor.membershipId);
  const open =
    conv.kind !== "direct" ||
    (other !== undefined &&
      other.status === "active" &&
      !conv.blockers.includes(other.member_id) &&
      !conv.blocked.includes(other.member_id));
  if (!canSend(conv.kind, ctx.viewer, open)) throw notAccepted("body");
  // One statement (a round-trip is what a send costs most): the message, the conversation's last
  // activity, and the sender's read mark — writing is reading: the sender has seen everything up
  // to their own message. greatest(): two sends at once may commit in the other order; the later
  // message's time wins.
  const createdAt = sql<Date>`(select created_at from sent)`;
  const bodyHtml = renderMarkdown(body);
  const row = await actor.tx
    .with("sent", (db) =>
      db
        .insertInto("messages")
        .values({
          network_id: actor.networkId,
          conversation_id: conversationId,
          author_id: actor.membershipId,
          as_office: ctx.viewer.asOffice,
          body,
          body_html: bodyHtml,
        })
        .returning(["id", "created_at", sql<string>`created_at::text`.as("sort_key")]),
    )
    .with("activity", (db) =>
      db
        .updateTable("conversations")
        .set({
          last_message_at: sql<Date>`greatest(last_message_at, ${createdAt})`,
          updated_at: new Date(),
          ...(ctx.viewer.asOffice ? { office_last_read_at: sql<Date>`greatest(office_last_read_at, ${createdAt})` } : {}),
        })
        .where("network_id", "=", actor.networkId)
        .where("id", "=", conversationId),
    )
    .with("read", (db) =>
      db
        .updateTable("conversation_members")
        .set({ last_read_at: sql<Date>`greatest(last_read_at, ${createdAt})` })
        .where("network_id", "=", actor.networkId)
        .where("conversation_id", "=", conversationId)
        .where("member_id", "=", actor.membershipId)
        // The office answers as the office: no member row of its own to mark.
        .where(sql<boolean>`${!ctx.viewer.asOffice}`),
    )
    .selectFrom("sent")
    .select([
      "id",
      "created_at",
      "sort_key",
      // The sender's supporter frame, in this statement too (the session does not carry it).
      sql<boolean>`exists (select 1 from memberships m where m.network_id = ${actor.networkId} and m.id = ${actor.membershipId}
        and m.supporter_since is not null)`.as("supporter"),
    ])
    .executeTakeFirstOrThrow();
  // A new message has no images to let go of: only attaching needs the round trips.
  if (imageIds.length > 0) await setImages(deps, actor, { message_id: row.id }, imageIds);
  await publish(deps, actor, ctx, "message.created", { conversationId, messageId: row.id });
  await notifyMessage(deps, actor, ctx, { members: conv.members, blockers: conv.blockers }, row.id, body);
  if (imageIds.length > 0) return reloadMessage(actor, ctx, row.id);
  // Nothing to read back: a new message of words only has no stamps and no images yet.
  const [message] = await presentMessages(
    actor,
    ctx,
    [
      {
        id: row.id,
        conversation_id: conversationId,
        author_id: actor.membershipId,
        as_office: ctx.viewer.asOffice,
        body,
        body_html: bodyHtml,
        edited_at: null,
        deleted_at: null,
        moderation_reason: null,
        created_at: new Date(row.created_at),
        author_name: actor.account.display_name,
        author_avatar_key: actor.account.avatar_key,
        author_supporter: row.supporter,
        sort_key: row.sort_key,
      },
    ],
    { fresh: true },
  );
  if (!message) throw notFound();
  return message;
}

/**
 * A "message" notification (and, while unread, the batched mail) for everyone the message reaches:
 * the other members, or for an office conversation its member or the admins — not those who muted
 * the conversation, nor those who blocked the author. One unread notification per conversation.
 */
async function notifyMessage(
  deps: Deps,
  actor: MemberActor,
  ctx: ConversationContext,
  who: { members: readonly SendMember[]; blockers: readonly string[] },
  messageId: string,
  body: string,
) {
  const recipients = new Set(who.members.filter((m) => !m.muted).map((m) => m.member_id));
  if (ctx.conv.kind === "office" && !ctx.viewer.asOffice)
    for (const id of await activeAdminMemberIds(actor.tx, actor.networkId)) recipients.add(id);
  for (const blocker of who.blockers) recipients.delete(blocker);
  recipients.delete(actor.membershipId);
  await notify(deps, actor.tx, (task) => actor.afterCommit(task), {
    networkId: actor.networkId,
    recipientMemberIds: [...recipients],
    kind: "dm",
    actorMemberId: actor.membershipId,
    conversationId: ctx.conv.id,
    messageId,
    excerpt: plainText(body),
    groupKey: `dm:${ctx.conv.id}`,
  });
}

export async function updateMessage(deps: Deps, actor: MemberActor, messageId: string, input: { body: string }): Promise<Message> {
  const body = cleanBody(input.body);
  const ctx = await messageContext(actor, messageId);
  if (ctx.message.deleted_at) throw notFound();
  if (!canEditMessage(ctx.viewer, ctx.message.author_id === actor.membershipId, false)) throw forbidden();
  if (body !== ctx.message.body) {
    const now = new Date();
    await actor.tx
      .updateTable("messages")
      .set({ body, body_html: renderMarkdown(body), edited_at: now, updated_at: now })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", messageId)
      .execute();
    await publish(deps, actor, ctx, "message.updated", { conversationId: ctx.conv.id, messageId });
  }
  return reloadMessage(actor, ctx, messageId);
}

/** Deleting one's own message leaves a placeholder; twice is a no-op. */
export async function deleteMessage(deps: Deps, actor: MemberActor, messageId: string): Promise<void> {
  const ctx = await messageContext(actor, messageId);
  if (ctx.message.author_id !== actor.membershipId || !canSeeConversation(ctx.viewer)) throw forbidden();
  if (ctx.message.deleted_at) return;
  await actor.tx
    .updateTable("messages")
    .set({ deleted_at: new Date(), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", messageId)
    .execute();
  await actor.tx.deleteFrom("message_stamps").where("network_id", "=", actor.networkId).where("message_id", "=", messageId).execute();
  await deleteImagesOf(deps, actor, { message_id: messageId });
  await publish(deps, actor, ctx, "message.deleted", { conversationId: ctx.conv.id, messageId });
}

/** Whether the actor may read the message (in its conversation, or an admin of an office one) and it is not deleted: what its images follow. */
export async function canSeeMessage(actor: MemberActor, messageId: string): Promise<boolean> {
  try {
    const ctx = await messageContext(actor, messageId);
    return ctx.message.deleted_at === null && canSeeConversation(ctx.viewer);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) return false;
    throw error;
  }
}

/**
 * An admin removes a reported message (moderation): it becomes a placeholder for everyone in the
 * conversation, which need not include the admin; its author sees the reason. False when it was already deleted.
 */
export async function removeMessageAsModerator(deps: Deps, actor: MemberActor, messageId: string, reason: string): Promise<boolean> {
  const removed = await actor.tx
    .updateTable("messages")
    .set({ deleted_at: new Date(), moderation_reason: reason, updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", messageId)
    .where("deleted_at", "is", null)
    .returning("conversation_id")
    .executeTakeFirst();
  if (!removed) return false;
  await actor.tx.deleteFrom("message_stamps").where("network_id", "=", actor.networkId).where("message_id", "=", messageId).execute();
  await deleteImagesOf(deps, actor, { message_id: messageId });
  const conversation = await actor.tx
    .selectFrom("conversations")
    .select(["id", "kind"])
    .where("network_id", "=", actor.networkId)
    .where("id", "=", removed.conversation_id)
    .executeTakeFirstOrThrow();
  const accounts = await audienceAccounts(actor.tx, actor.networkId, conversation.id, conversation.kind);
  await publishTo(deps, actor, accounts, "message.deleted", { conversationId: conversation.id, messageId });
  return true;
}

export async function setMessageStamp(
  deps: Deps,
  actor: MemberActor,
  messageId: string,
  input: { emoji: string; on: boolean },
): Promise<{ stamps: MessageStampCount[] }> {
  const ctx = await messageContext(actor, messageId);
  if (ctx.message.deleted_at) throw notFound();
  await checkStampName(actor.tx, actor.networkId, input.emoji, input.on);
  let changed: boolean;
  if (input.on) {
    const inserted = await actor.tx
      .insertInto("message_stamps")
      .values({ network_id: actor.networkId, message_id: messageId, member_id: actor.membershipId, emoji: input.emoji })
      .onConflict((oc) => oc.doNothing())
      .returning("message_id")
      .executeTakeFirst();
    changed = inserted !== undefined;
  } else {
    const deleted = await actor.tx
      .deleteFrom("message_stamps")
      .where("network_id", "=", actor.networkId)
      .where("message_id", "=", messageId)
      .where("member_id", "=", actor.membershipId)
      .where("emoji", "=", input.emoji)
      .executeTakeFirst();
    changed = deleted.numDeletedRows > 0n;
  }
  if (changed) await publish(deps, actor, ctx, "message.stamp", { conversationId: ctx.conv.id, messageId });
  const counts = await messageStampCounts(actor.tx, actor.networkId, [messageId], actor.membershipId);
  return { stamps: counts.get(messageId) ?? [] };
}

// --- who may message me ---

export async function getDmSettings(actor: MemberActor): Promise<{ dmPolicy: DmPolicy }> {
  const row = await actor.tx
    .selectFrom("memberships")
    .select("dm_policy")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .executeTakeFirstOrThrow();
  return { dmPolicy: row.dm_policy };
}

export async function updateDmSettings(actor: MemberActor, dmPolicy: DmPolicy): Promise<{ dmPolicy: DmPolicy }> {
  await actor.tx
    .updateTable("memberships")
    .set({ dm_policy: dmPolicy })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .execute();
  return { dmPolicy };
}

// --- for reports (moderation) ---

export interface ContextMessage {
  id: string;
  conversationId: string;
  authorId: string;
  authorName: string;
  asOffice: boolean;
  body: string;
  deleted: boolean;
  createdAt: string;
}

const contextMessage = (r: {
  id: string;
  conversation_id: string;
  author_id: string;
  author_name: string;
  as_office: boolean;
  body: string;
  deleted_at: Date | null;
  created_at: Date;
}): ContextMessage => ({
  id: r.id,
  conversationId: r.conversation_id,
  authorId: r.author_id,
  authorName: r.author_name,
  asOffice: r.as_office,
  body: r.deleted_at ? "" : r.body,
  deleted: r.deleted_at !== null,
  createdAt: r.created_at.toISOString(),
});

/**
 * A reported message with up to `around` messages before and after it in its conversation, oldest
 * first, as moderators need them (whoever reads: no viewer filter). Null if there is no such
 * message in the network. The caller checks that the reporter could read the message.
 */
export async function messageWithContext(
  tx: Tx,
  networkId: string,
  messageId: string,
  around = 5,
): Promise<{ message: ContextMessage; before: ContextMessage[]; after: ContextMessage[] } | null> {
  const base = () =>
    tx
      .selectFrom("messages as msg")
      .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "msg.network_id").onRef("m.id", "=", "msg.author_id"))
      .innerJoin("accounts as a", "a.id", "m.account_id")
      .select([
        "msg.id",
        "msg.conversation_id",
        "msg.author_id",
        "a.display_name as author_name",
        "msg.as_office",
        "msg.body",
        "msg.deleted_at",
        "msg.created_at",
        sql<string>`msg.created_at::text`.as("sort_key"),
      ])
      .where("msg.network_id", "=", networkId);
  const message = await base().where("msg.id", "=", messageId).executeTakeFirst();
  if (!message) return null;
  const inConversation = () => base().where("msg.conversation_id", "=", message.conversation_id);
  const before = await inConversation()
    .where(sql<boolean>`(msg.created_at, msg.id) < (${message.sort_key}::timestamptz, ${message.id}::uuid)`)
    .orderBy("msg.created_at", "desc")
    .orderBy("msg.id", "desc")
    .limit(around)
    .execute();
  const after = await inConversation()
    .where(sql<boolean>`(msg.created_at, msg.id) > (${message.sort_key}::timestamptz, ${message.id}::uuid)`)
    .orderBy("msg.created_at")
    .orderBy("msg.id")
    .limit(around)
    .execute();
  return { message: contextMessage(message), before: before.reverse().map(contextMessage), after: after.map(contextMessage) };
}
