// Blocks (ブロック): the contract lives with direct messages (contract/messages.ts).
import * as c from "../../shared/contract/messages.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as blocks from "./blocks.service.ts";

export function blocksRoutes(_deps: Deps): RouteDef[] {
  return [
    route(c.listBlocks, ({ actor }) => blocks.listBlocks(actor)),
    route(c.blockMember, ({ actor, params }) => blocks.blockMember(actor, params.memberId)),
    route(c.unblockMember, ({ actor, params }) => blocks.unblockMember(actor, params.memberId)),
  ];
}
