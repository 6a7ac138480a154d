// Networks: the member's view, its admins' settings, and the operator's console.
import * as c from "../../shared/contract/networks.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as networks from "./networks.service.ts";
import * as operator from "./operator-networks.service.ts";

export function networksRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.getNetworkHome, ({ actor }) => networks.getNetworkHome(actor)),
    route(c.updateNetworkSettings, ({ actor, body }) => networks.updateNetworkSettings(actor, body)),
    route(c.uploadNetworkLogo, ({ actor, file }) => networks.uploadNetworkLogo(deps, actor, file)),
    route(c.listMembers, ({ actor, query }) => networks.listMembers(actor, query)),
    route(c.changeMemberRole, ({ actor, params, body }) => networks.changeMemberRole(deps, actor, params.memberId, body.role)),

    route(c.listAllNetworks, ({ query }) => operator.listAllNetworks(deps, query)),
    route(c.createNetwork, ({ body }) => operator.createNetwork(deps, body)),
    route(c.getNetworkAsOperator, ({ params }) => operator.getNetwork(deps, params.networkId)),
    route(c.updateNetworkAsOperator, ({ params, body }) => operator.updateNetworkAsOperator(deps, params.networkId, body)),
    route(c.uploadNetworkLogoAsOperator, ({ params, file }) => operator.uploadLogoAsOperator(deps, params.networkId, file)),
  ];
}
