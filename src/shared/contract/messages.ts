// Direct messages (ダイレクトメッセージ) between members of one network, "message the office"
// (事務局へのメッセージ), who may message me, and blocks (ブロック). Conversations are `direct`
// (two members, one per pair), `group` (3–50 members) or `office` (one member and every admin of
// the network). Bodies are Markdown like posts: the source (for editing) and `bodyHtml`.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page } from "./common.ts";
import { authorSchema, stampCountSchema, stampName, type StampCount } from "./posts.ts";
import { imageIds, imageLimits, imageSchema } from "./images.ts";

export const messageLimits = {
  bodyMax: 4_000,
  titleMax: 60,
  /** Members of a group, its creator included. */
  groupMin: 3,
  groupMax: 50,
  messagesPage: 30,
  conversationsPage: 30,
  /** Characters of the last message shown in the list. */
  previewMax: 80,
} as const;

export const dmPolicies = ["everyone", "contacts", "nobody"] as const;
export const dmPolicy = z.enum(dmPolicies);
export type DmPolicy = z.infer<typeof dmPolicy>;
export const conversationKinds = ["direct", "group", "office"] as const;

const networkParams = z.object({ networkId: id });
const conversationParams = z.object({ networkId: id, conversationId: id });
const messageParams = z.object({ networkId: id, messageId: id });
const memberParams = z.object({ networkId: id, memberId: id });
const cursorQuery = z.object({ cursor: z.string().max(200).optional() });

/** Messages take the standard stamp set (custom stamps are the rooms'). */
/** Stamps on messages: the standard set and the network's custom stamps, as on posts. */
export const messageStampName = stampName;
export const messageStampCountSchema = stampCountSchema;
export type MessageStampCount = StampCount;

const body = z
  .string()
  .max(messageLimits.bodyMax)
  .refine((s) => s.trim().length > 0, { params: { key: "body_empty" } });

/** A new message: words, images (up to 4, uploaded first with uploadImage), or both. */
const newMessage = z
  .object({ body: z.string().max(messageLimits.bodyMax), imageIds: imageIds(imageLimits.perMessage).default([]) })
  .superRefine((input, ctx) => {
    if (input.body.trim() === "" && input.imageIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["body"], params: { key: "body_empty" }, input: input.body });
  });

export const messageSchema = z.object({
  id,
  conversationId: id,
  author: authorSchema,
  /** Written by an admin for the office (事務局) in an office conversation. */
  asOffice: z.boolean(),
  /** Markdown source; empty once deleted. */
  body: z.string(),
  bodyHtml: z.string(),
  deleted: z.boolean(),
  /** To its author only: an admin removed it after a report, with this reason (may be empty). */
  removedByModerator: z.object({ reason: z.string() }).nullable(),
  editedAt: isoDateTime.nullable(),
  /** In the order they were attached; none once deleted. */
  images: z.array(imageSchema),
  stamps: z.array(messageStampCountSchema),
  createdAt: isoDateTime,
  can: z.object({ edit: z.boolean(), delete: z.boolean() }),
});
export type Message = z.infer<typeof messageSchema>;

export const conversationSchema = z.object({
  id,
  kind: z.enum(conversationKinds),
  /** Groups only (null: the UI lists the members). */
  title: z.string().nullable(),
  /** The other current members (not me). In an office conversation: the member who writes to the office. */
  members: z.array(authorSchema),
  /** Office conversations: true when I answer as an admin (事務局), false when I am the member. */
  asOffice: z.boolean(),
  lastMessage: z
    .object({
      id,
      author: authorSchema,
      asOffice: z.boolean(),
      /** Plain text, shortened; empty when deleted. */
      preview: z.string(),
      /** How many images it carries (0 when deleted): the preview of a message that is only images. */
      images: z.number().int(),
      deleted: z.boolean(),
      createdAt: isoDateTime,
    })
    .nullable(),
  unread: z.number().int(),
  muted: z.boolean(),
  createdAt: isoDateTime,
  can: z.object({ send: z.boolean(), addMembers: z.boolean(), leave: z.boolean() }),
});
export type Conversation = z.infer<typeof conversationSchema>;

export const listConversations = endpoint({
  id: "listConversations",
  method: "GET",
  path: "/api/networks/:networkId/conversations",
  summary: "My conversations (my own office conversation included), latest activity first, 30 a page",
  tag: "messages",
  access: "member",
  params: networkParams,
  query: cursorQuery,
  response: page(conversationSchema),
});

export const listOfficeConversations = endpoint({
  id: "listOfficeConversations",
  method: "GET",
  path: "/api/networks/:networkId/office/conversations",
  summary: "Admins: every member's office conversation (事務局へのメッセージ), latest activity first; unread is shared by the admins",
  tag: "messages",
  access: "network_admin",
  params: networkParams,
  query: cursorQuery,
  response: page(conversationSchema),
});

export const openDirectConversation = endpoint({
  id: "openDirectConversation",
  method: "POST",
  path: "/api/networks/:networkId/conversations/direct",
  summary: "The direct conversation with a member, started if there is none yet (their 'who may message me' and blocks decide)",
  tag: "messages",
  access: "member",
  params: networkParams,
  body: z.object({ memberId: id }),
  response: conversationSchema,
});

export const createGroupConversation = endpoint({
  id: "createGroupConversation",
  method: "POST",
  path: "/api/networks/:networkId/conversations/group",
  summary: "Start a group with 2–49 other members (3–50 with me); each must allow me to message them",
  tag: "messages",
  access: "member",
  status: 201,
  params: networkParams,
  body: z.object({
    memberIds: z
      .array(id)
      .min(messageLimits.groupMin - 1)
      .max(messageLimits.groupMax - 1),
    title: z.string().trim().max(messageLimits.titleMax).optional(),
  }),
  response: conversationSchema,
});

export const openOfficeConversation = endpoint({
  id: "openOfficeConversation",
  method: "POST",
  path: "/api/networks/:networkId/conversations/office",
  summary: "My conversation with the network's admins (事務局), started if there is none yet (members who are not admins)",
  tag: "messages",
  access: "member",
  params: networkParams,
  response: conversationSchema,
});

export const getConversation = endpoint({
  id: "getConversation",
  method: "GET",
  path: "/api/networks/:networkId/conversations/:conversationId",
  summary: "One conversation with its members, last message and unread count",
  tag: "messages",
  access: "member",
  params: conversationParams,
  response: conversationSchema,
});

export const addConversationMembers = endpoint({
  id: "addConversationMembers",
  method: "POST",
  path: "/api/networks/:networkId/conversations/:conversationId/members",
  summary: "Add members to a group (any member may, up to 50); members already in it are left as they are",
  tag: "messages",
  access: "member",
  params: conversationParams,
  body: z.object({
    memberIds: z
      .array(id)
      .min(1)
      .max(messageLimits.groupMax - 1),
  }),
  response: conversationSchema,
});

export const leaveConversation = endpoint({
  id: "leaveConversation",
  method: "POST",
  path: "/api/networks/:networkId/conversations/:conversationId/leave",
  summary: "Leave a group; my messages stay in it under my name",
  tag: "messages",
  access: "member",
  params: conversationParams,
});

export const markConversationRead = endpoint({
  id: "markConversationRead",
  method: "PUT",
  path: "/api/networks/:networkId/conversations/:conversationId/read",
  summary: "Mark every message so far as read (office conversations: for all admins at once when an admin reads)",
  tag: "messages",
  access: "member",
  params: conversationParams,
  response: z.object({ unread: z.number().int() }),
});

export const setConversationMuted = endpoint({
  id: "setConversationMuted",
  method: "PUT",
  path: "/api/networks/:networkId/conversations/:conversationId/muted",
  summary: "Mute or unmute a conversation (members; the notifications respect it)",
  tag: "messages",
  access: "member",
  params: conversationParams,
  body: z.object({ muted: z.boolean() }),
  response: conversationSchema,
});

export const listMessages = endpoint({
  id: "listMessages",
  method: "GET",
  path: "/api/networks/:networkId/conversations/:conversationId/messages",
  summary: "A conversation's messages, newest first, 30 a page (in groups, messages of members I blocked are left out)",
  tag: "messages",
  access: "member",
  params: conversationParams,
  query: cursorQuery,
  response: page(messageSchema),
});

export const sendMessage = endpoint({
  id: "sendMessage",
  method: "POST",
  path: "/api/networks/:networkId/conversations/:conversationId/messages",
  summary: "Send a message (current members; in office conversations also every admin, shown as 事務局)",
  tag: "messages",
  access: "member",
  status: 201,
  params: conversationParams,
  body: newMessage,
  response: messageSchema,
});

export const updateMessage = endpoint({
  id: "updateMessage",
  method: "PATCH",
  path: "/api/networks/:networkId/messages/:messageId",
  summary: "Edit one's own message (marks it edited)",
  tag: "messages",
  access: "member",
  params: messageParams,
  body: z.object({ body }),
  response: messageSchema,
});

export const deleteMessage = endpoint({
  id: "deleteMessage",
  method: "DELETE",
  path: "/api/networks/:networkId/messages/:messageId",
  summary: "Delete one's own message; it stays as a placeholder",
  tag: "messages",
  access: "member",
  params: messageParams,
});

export const setMessageStamp = endpoint({
  id: "setMessageStamp",
  method: "PUT",
  path: "/api/networks/:networkId/messages/:messageId/stamps",
  summary: "Put (on: true) or take back (on: false) one's stamp on a message; idempotent. Answers the message's stamp counts",
  tag: "messages",
  access: "member",
  params: messageParams,
  body: z.object({ emoji: messageStampName, on: z.boolean() }),
  response: z.object({ stamps: z.array(messageStampCountSchema) }),
});

export const getUnreadMessages = endpoint({
  id: "getUnreadMessages",
  method: "GET",
  path: "/api/networks/:networkId/unread-messages",
  summary: "Unread messages in my conversations (`total`), and for admins in the office conversations (`office`, shared by the admins)",
  tag: "messages",
  access: "member",
  params: networkParams,
  response: z.object({ total: z.number().int(), office: z.number().int().nullable() }),
});

export const getDmSettings = endpoint({
  id: "getDmSettings",
  method: "GET",
  path: "/api/networks/:networkId/dm-settings",
  summary: "Who may message me in this network: everyone, people I have talked with (contacts), or nobody",
  tag: "messages",
  access: "member",
  params: networkParams,
  response: z.object({ dmPolicy }),
});

export const updateDmSettings = endpoint({
  id: "updateDmSettings",
  method: "PUT",
  path: "/api/networks/:networkId/dm-settings",
  summary: "Change who may message me in this network (the office may always)",
  tag: "messages",
  access: "member",
  params: networkParams,
  body: z.object({ dmPolicy }),
  response: z.object({ dmPolicy }),
});

export const blockSchema = z.object({ member: authorSchema, createdAt: isoDateTime });
export type Block = z.infer<typeof blockSchema>;

export const listBlocks = endpoint({
  id: "listBlocks",
  method: "GET",
  path: "/api/networks/:networkId/blocks",
  summary: "The members I blocked in this network, latest first",
  tag: "messages",
  access: "member",
  params: networkParams,
  response: z.object({ items: z.array(blockSchema) }),
});

export const blockMember = endpoint({
  id: "blockMember",
  method: "PUT",
  path: "/api/networks/:networkId/blocks/:memberId",
  summary: "Block a member of this network: neither can message the other, and we no longer see each other; idempotent",
  tag: "messages",
  access: "member",
  params: memberParams,
});

export const unblockMember = endpoint({
  id: "unblockMember",
  method: "DELETE",
  path: "/api/networks/:networkId/blocks/:memberId",
  summary: "Take back a block; idempotent",
  tag: "messages",
  access: "member",
  params: memberParams,
});
