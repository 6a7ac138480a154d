// First-run operator creation.
import * as c from "../../shared/contract/accounts.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import { completeSetup, setupNeeded } from "./setup.service.ts";

export function setupRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.setupStatus, async () => ({ needed: await setupNeeded(deps) })),
    route(c.completeSetup, ({ body, request, cookies }) => completeSetup(deps, body, request, cookies), {
      rateLimits: [{ name: "setup:ip", max: 10, windowSeconds: 900, key: ({ request }) => request.ip }],
    }),
  ];
}
