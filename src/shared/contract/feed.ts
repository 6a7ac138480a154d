// The network home (ホーム): the feed of live posts from every room the member sees, newest
// first, with pinned posts apart on the first page; and what a young network's home shows so it
// does not look empty — newcomers to welcome and prompts to post.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, memberRole, page } from "./common.ts";
import { postSchema } from "./posts.ts";
import { roomSchema } from "./rooms.ts";

export const feedLimits = {
  page: 20,
  pinnedMax: 10,
  /** Members who joined within this many days are newcomers. */
  newcomerDays: 14,
  newcomersMax: 12,
  /** Fewer live posts than this: the home shows the young-network prompts. */
  youngPostsBelow: 20,
} as const;

const networkParams = z.object({ networkId: id });

/** The room a post is in (a default room's name is translated by the client while unchanged). */
export const feedRoomSchema = z.object({ id, name: z.string(), defaultKey: roomSchema.shape.defaultKey });
export const feedPostSchema = postSchema.extend({ room: feedRoomSchema });
export type FeedPost = z.infer<typeof feedPostSchema>;

export const listFeed = endpoint({
  id: "listFeed",
  method: "GET",
  path: "/api/networks/:networkId/feed",
  summary:
    "The home feed: live posts of every room the member sees, newest first, 20 a page (keyset). The first page also lists " +
    "pinned posts in `pinned` (newest pin first); pinned posts are never in `items`.",
  tag: "feed",
  access: "member",
  params: networkParams,
  query: z.object({ cursor: z.string().max(200).optional() }),
  response: page(feedPostSchema).extend({ pinned: z.array(feedPostSchema) }),
});

export const newcomerSchema = z.object({
  memberId: id,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  supporter: z.boolean(),
  role: memberRole,
  joinedAt: isoDateTime,
  /** Their first post in the introductions room, if any. */
  introductionPostId: id.nullable(),
  /** The viewer already stamped or commented on that introduction. */
  welcomedByMe: z.boolean(),
});
export type Newcomer = z.infer<typeof newcomerSchema>;

export const getHome = endpoint({
  id: "getHome",
  method: "GET",
  path: "/api/networks/:networkId/home",
  summary:
    "What the home shows besides the feed: newcomers of the last 14 days (to welcome), whether the network is young (few posts), " +
    "and prompts for the viewer (introduce yourself).",
  tag: "feed",
  access: "member",
  params: networkParams,
  response: z.object({
    young: z.boolean(),
    newcomers: z.array(newcomerSchema),
    /** Admins and supporters get "welcome them" items for the newcomers. */
    welcomer: z.boolean(),
    rooms: z.object({ introductions: id.nullable(), casual: id.nullable(), announcements: id.nullable() }),
    prompts: z.object({
      /** The viewer has not posted in the introductions room yet. */
      introduceYourself: z.boolean(),
    }),
  }),
});
