// Rows → API shapes for conversations and messages. Deleted messages keep their place with empty bodies.
import type { Image } from "../../shared/contract/images.ts";
import type { Conversation, Message } from "../../shared/contract/messages.ts";
import { messageLimits } from "../../shared/contract/messages.ts";
import type { MessageStampCount } from "../../shared/contract/messages.ts";
import { presentAuthor } from "../posts/authors.ts";
import type { LastMessage, MessageWithAuthor } from "./messages.repository.ts";

/** `own`: the viewer wrote it (and so may learn why an admin removed it). */
export const presentMessage = (
  row: MessageWithAuthor,
  stamps: MessageStampCount[],
  can: Message["can"],
  images: Image[],
  own: boolean,
): Message => {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    conversationId: row.conversation_id,
    author: presentAuthor(row.author_id, row.author_name, row.author_avatar_key, row.author_supporter),
    asOffice: row.as_office,
    body: deleted ? "" : row.body,
    bodyHtml: deleted ? "" : row.body_html,
    deleted,
    removedByModerator: own && deleted && row.moderation_reason !== null ? { reason: row.moderation_reason } : null,
    editedAt: row.edited_at?.toISOString() ?? null,
    images: deleted ? [] : images,
    stamps: deleted ? [] : stamps,
    createdAt: row.created_at.toISOString(),
    can: deleted ? { edit: false, delete: false } : can,
  };
};

const entities: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** The rendered (sanitised) HTML as one line of plain text, shortened for the conversation list. */
export function previewText(html: string): string {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => entities[e] ?? e)
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...text];
  return chars.length > messageLimits.previewMax ? `${chars.slice(0, messageLimits.previewMax - 1).join("")}…` : text;
}

export const presentLastMessage = (row: LastMessage | undefined): Conversation["lastMessage"] =>
  row
    ? {
        id: row.id,
        author: presentAuthor(row.author_id, row.author_name, row.author_avatar_key, row.author_supporter),
        asOffice: row.as_office,
        preview: row.deleted_at ? "" : previewText(row.body_html),
        images: row.deleted_at ? 0 : Number(row.image_count),
        deleted: row.deleted_at !== null,
        createdAt: row.created_at.toISOString(),
      }
    : null;
