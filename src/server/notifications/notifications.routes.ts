// Notifications: the member's list, counts, read marks and settings; the account-wide unread
// total; the one-click unsubscribe of mails. Registers the batched-mail and digest jobs.
import * as c from "../../shared/contract/notifications.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import { digestJobKind, runDigestJob } from "./notifications.digest.ts";
import { sendNotificationMail } from "./notifications.mail.ts";
import * as notifications from "./notifications.service.ts";

const oneHour = 3600;

export function notificationsRoutes(deps: Deps): RouteDef[] {
  deps.jobs.register(notifications.mailJobKind, (payload) =>
    sendNotificationMail(deps, payload as { networkId: string; memberId: string }),
  );
  deps.jobs.register(digestJobKind, (payload) => runDigestJob(deps, payload as { networkId: string; memberIds: string[] }));
  return [
    route(c.listNotifications, ({ actor, query }) => notifications.listNotifications(actor, query), { read: true }),
    route(c.notificationUnreadCount, ({ actor }) => notifications.getUnreadCount(actor), { read: true }),
    route(c.markNotificationRead, ({ actor, params }) => notifications.markRead(deps, actor, params.notificationId)),
    route(c.markAllNotificationsRead, ({ actor }) => notifications.markAllRead(deps, actor)),
    route(c.getNotificationSettings, ({ actor }) => notifications.getSettings(actor)),
    route(c.updateNotificationSettings, ({ actor, body }) => notifications.updateSettings(actor, body)),
    route(c.myUnreadNotifications, ({ actor }) => notifications.accountUnread(deps.database, actor)),
    route(c.getUnsubscribe, ({ params }) => notifications.unsubscribeState(deps.database, params.token)),
    route(c.unsubscribe, ({ params }) => notifications.unsubscribe(deps.database, params.token), {
      rateLimits: [{ name: "unsubscribe:ip", max: 100, windowSeconds: oneHour, key: ({ request }) => request.ip }],
    }),
  ];
}
