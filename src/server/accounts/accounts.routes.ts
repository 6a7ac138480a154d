// The signed-in person's own account.
import * as c from "../../shared/contract/accounts.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as accounts from "./accounts.service.ts";

const oneHour = 3600;

export function accountsRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.getMe, ({ actor }) => Promise.resolve(accounts.getMe(actor))),
    route(c.updateMe, ({ actor, body }) => accounts.updateMe(deps, actor, body)),
    route(c.changePassword, ({ actor, body }) => accounts.changePassword(deps, actor, body), {
      rateLimits: [{ name: "password-change:account", max: 10, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.listSessions, async ({ actor }) => ({ items: await accounts.listSessions(deps, actor) })),
    route(c.revokeSession, ({ actor, params, cookies }) => accounts.revokeSession(deps, actor, params.sessionId, cookies)),
    route(c.exportAccount, ({ actor }) => accounts.exportAccount(deps, actor)),
    route(c.deleteAccount, ({ actor, body, cookies }) => accounts.deleteAccount(deps, actor, body.password, cookies), {
      rateLimits: [{ name: "delete:account", max: 10, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
  ];
}
