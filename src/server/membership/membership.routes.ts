// Invitations, the join page and join requests, member management and the audit log.
import * as c from "../../shared/contract/membership.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import { listAuditLog } from "./audit-log.ts";
import * as invitations from "./invitations.service.ts";
import * as join from "./join.service.ts";
import * as joinRequests from "./join-requests.service.ts";
import * as members from "./members.service.ts";
import * as membersExport from "./members-export.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { forbidden } from "../platform/errors/errors.ts";

const tenMinutes = 600;
const oneHour = 3600;

export function membershipRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.listInvitations, ({ actor, query }) => invitations.listInvitations(actor, query)),
    route(c.createInvitation, ({ actor, body }) => invitations.createInvitation(deps, actor, body), {
      rateLimits: [{ name: "invite:account", max: 300, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.resendInvitation, ({ actor, params }) => invitations.resendInvitation(deps, actor, params.invitationId), {
      rateLimits: [{ name: "invite:account", max: 300, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.revokeInvitation, ({ actor, params }) => invitations.revokeInvitation(actor, params.invitationId)),
    route(c.getRegistrationStats, ({ actor }) => invitations.registrationStats(actor)),

    route(c.getJoinPage, ({ actor, params }) => join.getJoinPage(deps, actor, params.slug)),
    route(c.viewInvitation, ({ actor, params, body }) => join.viewInvitation(deps, actor, params.slug, body.token), {
      rateLimits: [{ name: "join-view:ip", max: 60, windowSeconds: tenMinutes, key: ({ request }) => request.ip }],
    }),
    route(c.acceptInvitation, ({ actor, params, body }) => join.acceptInvitation(deps, actor, params.slug, body.token, body.termsVersion), {
      rateLimits: [{ name: "join-accept:ip", max: 30, windowSeconds: tenMinutes, key: ({ request }) => request.ip }],
    }),
    route(
      c.signUpWithInvitation,
      ({ params, body, request, cookies }) => join.signUpWithInvitation(deps, request, cookies, params.slug, body),
      {
        rateLimits: [{ name: "join-accept:ip", max: 30, windowSeconds: tenMinutes, key: ({ request }) => request.ip }],
      },
    ),
    route(
      c.createJoinRequest,
      ({ actor, params, body, request, cookies }) => join.createJoinRequest(deps, actor, request, cookies, params.slug, body),
      {
        rateLimits: [{ name: "join-request:ip", max: 10, windowSeconds: oneHour, key: ({ request }) => request.ip }],
      },
    ),

    route(c.listJoinRequests, ({ actor, query }) => joinRequests.listJoinRequests(actor, query)),
    route(c.decideJoinRequest, ({ actor, params, body }) => joinRequests.decideJoinRequest(deps, actor, params.requestId, body)),

    route(c.listManagedMembers, ({ actor, query }) => members.listManagedMembers(actor, query)),
    route(c.removeMember, ({ actor, params, body }) => members.removeMember(actor, params.memberId, body.reason)),
    route(c.reactivateMember, ({ actor, params }) => members.reactivateMember(actor, params.memberId)),
    route(c.exportManagedMembers, ({ actor, query, request }) => membersExport.exportManagedMembers(actor, query, request.locale), {
      rateLimits: [{ name: "members-export:account", max: 60, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.setMemberSupporter, ({ actor, params, body }) => members.setMemberSupporter(deps, actor, params.memberId, body)),
    route(c.updateMemberHr, ({ actor, params, body }) => members.updateMemberHr(actor, params.memberId, body)),
    route(c.leaveNetwork, ({ actor }) => members.leaveNetwork(actor)),
    route(c.acceptNetworkTerms, ({ actor, body }) => members.acceptNetworkTerms(actor, body.termsVersion)),
    route(c.listAuditLog, ({ actor, query }) => {
      if (!canManageMembers(actor)) throw forbidden();
      return listAuditLog(actor.tx, actor.networkId, query);
    }),
  ];
}
