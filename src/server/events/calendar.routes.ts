// Calendar files: one event's .ics, and my calendar feed (its secret address made, replaced,
// revoked, and the feed itself, fetched by calendar apps without a session).
import * as c from "../../shared/contract/events.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as calendar from "./calendar.service.ts";

const oneHour = 3600;

export function calendarRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.eventIcs, ({ actor, params }) => calendar.eventIcs(deps, actor, params.eventId)),
    route(c.getCalendarFeed, ({ actor }) => calendar.getCalendarFeed(deps, actor)),
    route(c.createCalendarFeed, ({ actor }) => calendar.createCalendarFeed(deps, actor), {
      rateLimits: [{ name: "calendar-feed-create:account", max: 20, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.revokeCalendarFeed, ({ actor }) => calendar.revokeCalendarFeed(deps, actor)),
    // Limited per feed inside the service: the token is in the path, which rate-limit keys do not see.
    route(c.calendarFeed, ({ params }) => calendar.calendarFeed(deps, params.feedToken)),
  ];
}
