// The network home: feed and home extras.
import * as c from "../../shared/contract/feed.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import type { Deps } from "../platform/deps.ts";
import { feedCopies } from "../posts/page-copies.ts";
import * as feed from "./feed.service.ts";
import { newcomerJobKind, runNewcomerJob } from "./newcomers.job.ts";

export function feedRoutes(deps: Deps): RouteDef[] {
  deps.jobs.register(newcomerJobKind, (payload) => runNewcomerJob(deps, payload as { networkId: string; memberId: string }));
  // This process's copies of each network's newest posts, dropped when the bus says a room of it changed (decision 0022).
  const copies = feedCopies(deps.bus);
  return [
    route(c.listFeed, ({ actor, query }) => feed.listFeed(actor, query, copies), { read: true }),
    route(c.getHome, ({ actor }) => feed.getHome(actor), { read: true }),
  ];
}
