// Every route of the app, by feature. The OpenAPI document and the tenant-isolation suite
// are generated from this list, so a new feature's routes are covered once added here.
import { accountsRoutes } from "./accounts/accounts.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { healthRoutes } from "./health/health.routes.ts";
import { memberImportRoutes } from "./member-import/member-import.routes.ts";
import { membershipRoutes } from "./membership/membership.routes.ts";
import { networksRoutes } from "./networks/networks.routes.ts";
import { roomsRoutes } from "./rooms/rooms.routes.ts";
import { postsRoutes } from "./posts/posts.routes.ts";
import { imagesRoutes } from "./images/images.routes.ts";
import { stampsRoutes } from "./stamps/stamps.routes.ts";
import { feedRoutes } from "./feed/feed.routes.ts";
import { searchRoutes } from "./search/search.routes.ts";
import { peopleRoutes } from "./people/people.routes.ts";
import { eventsRoutes } from "./events/events.routes.ts";
import { calendarRoutes } from "./events/calendar.routes.ts";
import { moderationRoutes } from "./moderation/moderation.routes.ts";
import { mentionsRoutes } from "./mentions/mentions.routes.ts";
import { messagesRoutes } from "./messages/messages.routes.ts";
import { blocksRoutes } from "./blocks/blocks.routes.ts";
import { outboxRoutes } from "./outbox/outbox.routes.ts";
import { notificationsRoutes } from "./notifications/notifications.routes.ts";
import { surveysRoutes } from "./surveys/surveys.routes.ts";
import type { Deps } from "./platform/deps.ts";
import type { RouteDef } from "./platform/http/route.ts";
import { setupRoutes } from "./setup/setup.routes.ts";

export function allRoutes(deps: Deps): RouteDef[] {
  return [
    ...healthRoutes(deps),
    ...setupRoutes(deps),
    ...authRoutes(deps),
    ...accountsRoutes(deps),
    ...networksRoutes(deps),
    ...membershipRoutes(deps),
    ...memberImportRoutes(deps),
    ...roomsRoutes(deps),
    ...postsRoutes(deps),
    ...imagesRoutes(deps),
    ...stampsRoutes(deps),
    ...feedRoutes(deps),
    ...searchRoutes(),
    ...peopleRoutes(deps),
    ...eventsRoutes(deps),
    ...calendarRoutes(deps),
    ...moderationRoutes(deps),
    ...mentionsRoutes(),
    ...messagesRoutes(deps),
    ...blocksRoutes(deps),
    ...outboxRoutes(deps),
    ...notificationsRoutes(deps),
    ...surveysRoutes(deps),
  ];
}
