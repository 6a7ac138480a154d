// Reports with the names of the people in them (tenant rows).
import { sql } from "kysely";
import type { Tx } from "../platform/tenancy/scope.ts";

export const reportsWithPeople = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("reports as r")
    .innerJoin("memberships as rm", (j) => j.onRef("rm.network_id", "=", "r.network_id").onRef("rm.id", "=", "r.reporter_id"))
    .innerJoin("accounts as ra", "ra.id", "rm.account_id")
    .leftJoin("memberships as sm", (j) => j.onRef("sm.network_id", "=", "r.network_id").onRef("sm.id", "=", "r.subject_id"))
    .leftJoin("accounts as sa", "sa.id", "sm.account_id")
    .leftJoin("accounts as da", "da.id", "r.resolved_by")
    .selectAll("r")
    .select([
      "ra.display_name as reporter_name",
      "sa.display_name as subject_name",
      "da.display_name as resolved_by_name",
      sql<string>`r.created_at::text`.as("sort_key"),
      sql<number>`(select count(*)::int from reports o where o.network_id = r.network_id and o.target_kind = r.target_kind
        and o.target_id = r.target_id and o.status = 'open')`.as("same_target_open"),
    ])
    .where("r.network_id", "=", networkId);

export type ReportWithPeople = Awaited<ReturnType<ReturnType<typeof reportsWithPeople>["executeTakeFirstOrThrow"]>>;
