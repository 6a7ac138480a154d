// Events: the list, one event, organising it, registration, attendees and check-in, co-hosts,
// series. Calendar files are in calendar.routes.ts.
import * as c from "../../shared/contract/events.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import { registerEventNoticeJobs } from "./event-notices.ts";
import * as attendees from "./attendees.service.ts";
import * as cohosts from "./cohosts.service.ts";
import * as events from "./events.service.ts";
import * as registration from "./registration.service.ts";
import * as series from "./series.service.ts";

const oneHour = 3600;

export function eventsRoutes(deps: Deps): RouteDef[] {
  deps.jobs.register(registration.promotionJobKind, (payload) =>
    registration.runPromotion(deps, payload as { networkId: string; eventId: string }),
  );
  registerEventNoticeJobs(deps);
  const perAccount = (name: string, max: number) => ({
    name,
    max,
    windowSeconds: oneHour,
    key: ({ account }: { account: { id: string } | null }) => account?.id ?? "",
  });
  return [
    route(c.listEvents, ({ actor, query }) => events.listEvents(actor, query), { read: true }),
    route(c.getEvent, ({ actor, params }) => events.getEvent(actor, params.eventId), { read: true }),
    route(c.createEvent, ({ actor, body }) => events.createEvent(deps, actor, body), {
      rateLimits: [perAccount("event-create:account", 50)],
    }),
    route(c.updateEvent, ({ actor, params, body }) => events.updateEvent(deps, actor, params.eventId, body)),
    route(c.cancelEvent, ({ actor, params, body }) => events.cancelEvent(deps, actor, params.eventId, body.reason)),
    route(c.setEventCover, ({ actor, params, file }) => events.setCover(deps, actor, params.eventId, file)),
    route(c.deleteEventCover, ({ actor, params }) => events.deleteCover(deps, actor, params.eventId)),
    route(c.register, ({ actor, params, body }) => registration.register(deps, actor, params.eventId, body.answers), {
      rateLimits: [perAccount("event-register:account", 200)],
    }),
    route(c.cancelRegistration, ({ actor, params }) => registration.cancelRegistration(deps, actor, params.eventId)),
    route(c.listAttendees, ({ actor, params, query }) => attendees.listAttendees(actor, params.eventId, query), { read: true }),
    route(c.exportAttendees, ({ actor, params }) => attendees.exportAttendees(actor, params.eventId), { read: true }),
    route(c.checkIn, ({ actor, params, body }) => attendees.checkIn(actor, params.eventId, body)),
    route(c.undoCheckIn, ({ actor, params }) => attendees.undoCheckIn(actor, params.eventId, params.registrationId)),
    route(c.listCohosts, ({ actor, params }) => cohosts.listCohosts(actor, params.eventId), { read: true }),
    route(c.addCohost, ({ actor, params, body }) => cohosts.addCohost(actor, params.eventId, body.slug)),
    route(c.removeCohost, ({ actor, params }) => cohosts.removeCohost(deps, actor, params.eventId, params.cohostNetworkId)),
    route(c.listCohostInvitations, ({ actor }) => cohosts.listCohostInvitations(actor)),
    route(c.decideCohostInvitation, ({ actor, params, body }) => cohosts.decideCohostInvitation(actor, params.eventId, body.accept)),
    route(c.writeEventReport, ({ actor, params, body }) => events.writeReport(deps, actor, params.eventId, body)),
    route(c.listSeries, ({ actor }) => series.listSeries(actor), { read: true }),
    route(c.createSeries, ({ actor, body }) => series.createSeries(actor, body)),
    route(c.getSeries, ({ actor, params }) => series.getSeries(actor, params.seriesId), { read: true }),
    route(c.updateSeries, ({ actor, params, body }) => series.updateSeries(actor, params.seriesId, body)),
    route(c.setEventOrganizer, ({ actor, params, body }) => events.setEventOrganizer(actor, params.memberId, body.organizesEvents)),
  ];
}
