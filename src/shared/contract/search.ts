// Search (検索) of posts and comments in the rooms the member sees, with the platform's Japanese
// search (decisions 0009 and 0012).
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page } from "./common.ts";
import { feedRoomSchema } from "./feed.ts";
import { authorSchema } from "./posts.ts";

export const searchLimits = { page: 20, queryMax: 200, snippetChars: 160 } as const;

export const searchHitSchema = z.object({
  kind: z.enum(["post", "comment"]),
  postId: id,
  commentId: id.nullable(),
  room: feedRoomSchema,
  author: authorSchema,
  /** Plain text around the first match (at most ~160 characters). */
  snippet: z.string(),
  /** Where the query's terms are in `snippet`: [start, end) in UTF-16 code units. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  createdAt: isoDateTime,
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchPosts = endpoint({
  id: "searchPosts",
  method: "GET",
  path: "/api/networks/:networkId/search",
  summary:
    "Search posts and comments of the rooms the member sees (Japanese: every term must appear; katakana and hiragana, " +
    "full- and half-width are the same), newest first, 20 a page. Nothing searchable in `q` answers an empty page.",
  tag: "search",
  access: "member",
  params: z.object({ networkId: id }),
  query: z.object({
    q: z.string().max(searchLimits.queryMax).default(""),
    roomId: id.optional(),
    cursor: z.string().max(200).optional(),
  }),
  response: page(searchHitSchema),
});
