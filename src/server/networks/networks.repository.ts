// Network rows (global: the tenant list itself) and memberships (tenant rows).
// Functions that read memberships take the network id from the actor, never from input.
import { sql, type Updateable } from "kysely";
import type { NetworkRow, NetworksTable } from "../platform/db/schema.ts";
import type { Tx } from "../platform/tenancy/scope.ts";

export const findNetwork = (tx: Tx, networkId: string): Promise<NetworkRow | undefined> =>
  tx.selectFrom("networks").selectAll().where("id", "=", networkId).executeTakeFirst();

/** Updates a network; a real change to purpose, eligibility or code of conduct makes a new terms version. */
export function updateNetwork(tx: Tx, networkId: string, values: Updateable<NetworksTable>): Promise<NetworkRow | undefined> {
  const termsChanged = (["purpose", "eligibility", "code_of_conduct"] as const)
    .filter((column) => values[column] !== undefined)
    .map((column) => sql`${sql.ref(column)} is distinct from ${values[column]}`);
  return tx
    .updateTable("networks")
    .set({
      ...values,
      ...(termsChanged.length
        ? { terms_version: sql<number>`terms_version + (case when ${sql.join(termsChanged, sql` or `)} then 1 else 0 end)` }
        : {}),
      updated_at: new Date(),
    })
    .where("id", "=", networkId)
    .returningAll()
    .executeTakeFirst();
}

export async function countActiveMembers(tx: Tx, networkId: string): Promise<number> {
  const row = await tx
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("network_id", "=", networkId)
    .where("status", "=", "active")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Active member counts for many networks at once (operator console, system scope). */
export async function countActiveMembersOf(tx: Tx, networkIds: string[]): Promise<Map<string, number>> {
  if (networkIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom("memberships")
    .select(["network_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("network_id", "in", networkIds)
    .where("status", "=", "active")
    .groupBy("network_id")
    .execute();
  return new Map(rows.map((r) => [r.network_id, Number(r.n)]));
}
