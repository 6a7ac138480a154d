// Accounts are global (one per person, across networks): no tenant scope applies to them.
import type { Insertable, Updateable } from "kysely";
import type { AccountsTable, AccountRow } from "../platform/db/schema.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import type { Database } from "../platform/db/database.ts";
import { readInScope } from "../platform/tenancy/scoped-read.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";

export const findAccountByEmail = (tx: Tx, email: string): Promise<AccountRow | undefined> =>
  tx
    .selectFrom("accounts")
    .selectAll()
    .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
    .executeTakeFirst();

export const findAccountById = (tx: Tx, id: string): Promise<AccountRow | undefined> =>
  tx.selectFrom("accounts").selectAll().where("id", "=", id).executeTakeFirst();

export const insertAccount = (tx: Tx, values: Insertable<AccountsTable>): Promise<AccountRow> =>
  tx.insertInto("accounts").values(values).returningAll().executeTakeFirstOrThrow();

export const updateAccount = (tx: Tx, id: string, values: Updateable<AccountsTable>): Promise<AccountRow> =>
  tx
    .updateTable("accounts")
    .set({ ...values, updated_at: new Date() })
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The account's active memberships, read in the account scope (RLS shows only its own) in one round-trip. */
export async function listMyNetworks(database: Database, accountId: string): Promise<MyNetwork[]> {
  const query = database.db
    .selectFrom("memberships as m")
    .innerJoin("networks as n", "n.id", "m.network_id")
    .where("m.account_id", "=", accountId)
    .where("m.status", "=", "active")
    .select(["n.id", "n.slug", "n.name", "n.kind", "n.logo_key", "m.role", "m.id as member_id"])
    .orderBy("n.name");
  const rows = await readInScope(database, { kind: "account", accountId }, query);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    logoUrl: r.logo_key ? `/files/${r.logo_key}` : null,
    role: r.role,
    memberId: r.member_id,
  }));
}
