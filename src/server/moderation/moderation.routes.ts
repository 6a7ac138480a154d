// Reports and moderator actions.
import * as c from "../../shared/contract/moderation.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as moderation from "./moderation.service.ts";

const oneHour = 3600;
const byAccount = ({ account }: { account: { id: string } | null }) => account?.id ?? "";

export function moderationRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.createReport, ({ actor, body }) => moderation.createReport(deps, actor, body), {
      rateLimits: [{ name: "report:account", max: 30, windowSeconds: oneHour, key: byAccount }],
    }),
    route(c.listReports, ({ actor, query }) => moderation.listReports(actor, query)),
    route(c.resolveReport, ({ actor, params, body }) => moderation.resolveReport(deps, actor, params.reportId, body)),
    route(c.setPostHidden, ({ actor, params, body }) => moderation.setTargetHidden(deps, actor, "post", params.postId, body)),
    route(c.setCommentHidden, ({ actor, params, body }) => moderation.setTargetHidden(deps, actor, "comment", params.commentId, body)),
  ];
}
