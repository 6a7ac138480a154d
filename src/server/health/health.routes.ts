// Liveness for load balancers and the start script: answers only when the database does.
import { sql } from "kysely";
import * as c from "../../shared/contract/health.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";

export function healthRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.health, async () => {
      await sql`select 1`.execute(deps.database.db);
      return { status: "ok" as const };
    }),
  ];
}
