// Mention candidates for the composer.
import * as c from "../../shared/contract/mentions.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as mentions from "./mentions.service.ts";

export function mentionsRoutes(): RouteDef[] {
  return [route(c.listMentionCandidates, ({ actor, query }) => mentions.listMentionCandidates(actor, query), { read: true })];
}
