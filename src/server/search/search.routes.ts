// Search of posts and comments.
import * as c from "../../shared/contract/search.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as search from "./search.service.ts";

export function searchRoutes(): RouteDef[] {
  return [route(c.searchPosts, ({ actor, query }) => search.searchPosts(actor, query))];
}
