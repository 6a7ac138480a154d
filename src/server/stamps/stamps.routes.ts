// Custom stamps: the list, the admins' uploads and archive, and the images.
import * as c from "../../shared/contract/stamps.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as stamps from "./stamps.service.ts";

export function stampsRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.listCustomStamps, ({ actor }) => stamps.listCustomStamps(actor), { read: true }),
    route(c.createCustomStamp, ({ actor, body, file }) => stamps.createCustomStamp(deps, actor, body, file)),
    route(c.setCustomStampArchived, ({ actor, params, body }) => stamps.setCustomStampArchived(actor, params.stampId, body.archived)),
    route(c.getCustomStampImage, ({ actor, params }) => stamps.customStampImage(deps, actor, params.stampId)),
  ];
}
