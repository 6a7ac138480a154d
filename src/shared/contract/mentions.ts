// Mentions (メンション): `@表示名` in a post, comment or message. The composer offers members as
// one types after @ (candidates), and sends the ids of the members it inserted with the body;
// the server keeps those whose `@表示名` is still in the text and renders them as mentions.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id } from "./common.ts";

export const mentionLimits = { perBody: 20, candidates: 8, queryMax: 50 } as const;

/** What a create/edit body carries besides its text. */
export const mentionIds = z.array(id).max(mentionLimits.perBody).default([]);

export const mentionSchema = z.object({ memberId: id, displayName: z.string() });
export type MentionRef = z.infer<typeof mentionSchema>;

/** A member offered after @: with the avatar (null: initials) and the supporter frame. */
export const mentionCandidateSchema = mentionSchema.extend({ avatarUrl: z.string().nullable(), supporter: z.boolean() });
export type MentionCandidate = z.infer<typeof mentionCandidateSchema>;

export const listMentionCandidates = endpoint({
  id: "listMentionCandidates",
  method: "GET",
  path: "/api/networks/:networkId/mention-candidates",
  summary:
    "Members to offer after @ as the member types: active members whose name contains `q` (katakana and hiragana, " +
    "full- and half-width alike), who see the room when `roomId` is given; not the caller, nobody blocked either way. At most 8.",
  tag: "mentions",
  access: "member",
  params: z.object({ networkId: id }),
  query: z.object({ q: z.string().max(mentionLimits.queryMax).default(""), roomId: id.optional() }),
  response: z.object({ items: z.array(mentionCandidateSchema) }),
});
