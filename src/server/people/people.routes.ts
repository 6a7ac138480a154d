// People: profiles, the directory with search, people you may know, generations.
import * as c from "../../shared/contract/people.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as directory from "./directory.service.ts";
import * as generations from "./generations.service.ts";
import * as profiles from "./profiles.service.ts";
import * as suggestions from "./suggestions.service.ts";

export function peopleRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.getMyProfile, ({ actor }) => profiles.getMyProfile(deps, actor)),
    route(c.updateMyProfile, ({ actor, body }) => profiles.updateMyProfile(deps, actor, body)),
    route(c.confirmMyProfile, ({ actor }) => profiles.confirmMyProfile(deps, actor)),
    route(c.uploadAvatar, ({ actor, file }) => profiles.uploadAvatar(deps, actor, file)),
    route(c.deleteAvatar, ({ actor }) => profiles.deleteAvatar(deps, actor)),
    route(c.getMyMemberProfile, ({ actor }) => profiles.getMyMemberProfile(actor)),
    route(c.updateMyMemberProfile, ({ actor, body }) => profiles.updateMyMemberProfile(actor, body)),
    route(c.listDirectory, ({ actor, query }) => directory.listDirectory(actor, query), { read: true }),
    route(c.listSuggestions, ({ actor }) => suggestions.listSuggestions(actor), { read: true }),
    route(c.listGenerations, ({ actor }) => generations.listGenerations(actor), { read: true }),
    route(c.getMemberProfile, ({ actor, params }) => profiles.getMemberProfile(actor, params.memberId), { read: true }),
  ];
}
