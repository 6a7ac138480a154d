// Posts, comments and stamps in talk rooms.
import * as c from "../../shared/contract/posts.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as posts from "./posts.service.ts";
import { roomPageCopies } from "./page-copies.ts";

const oneHour = 3600;
const byAccount = ({ account }: { account: { id: string } | null }) => account?.id ?? "";

export function postsRoutes(deps: Deps): RouteDef[] {
  // This process's copies of rooms' first pages, dropped when the bus says a room changed (decision 0022).
  const pages = roomPageCopies(deps.bus);
  return [
    route(c.listRoomPosts, ({ actor, params, query }) => posts.listRoomPosts(actor, params.roomId, query, pages), { read: true }),
    route(c.createPost, ({ actor, params, body }) => posts.createPost(deps, actor, params.roomId, body), {
      rateLimits: [{ name: "post:account", max: 60, windowSeconds: oneHour, key: byAccount }],
    }),
    route(c.getPost, ({ actor, params, query }) => posts.getPost(actor, params.postId, query), { read: true }),
    route(c.updatePost, ({ actor, params, body }) => posts.updatePost(deps, actor, params.postId, body)),
    route(c.deletePost, ({ actor, params, body }) => posts.deletePost(deps, actor, params.postId, body)),
    route(c.pinPost, ({ actor, params, body }) => posts.pinPost(deps, actor, params.postId, body.pinned)),
    route(c.setPostStamp, ({ actor, params, body }) => posts.setPostStamp(deps, actor, params.postId, body)),
    route(c.createComment, ({ actor, params, body }) => posts.createComment(deps, actor, params.postId, body), {
      rateLimits: [{ name: "comment:account", max: 200, windowSeconds: oneHour, key: byAccount }],
    }),
    route(c.updateComment, ({ actor, params, body }) => posts.updateComment(deps, actor, params.commentId, body)),
    route(c.deleteComment, ({ actor, params, body }) => posts.deleteComment(deps, actor, params.commentId, body)),
    route(c.setCommentStamp, ({ actor, params, body }) => posts.setCommentStamp(deps, actor, params.commentId, body)),
    route(c.listPostStampers, ({ actor, params }) => posts.listPostStampers(actor, params.postId, params.stampName), { read: true }),
    route(c.listCommentStampers, ({ actor, params }) => posts.listCommentStampers(actor, params.commentId, params.stampName), {
      read: true,
    }),
  ];
}
