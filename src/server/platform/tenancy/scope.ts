// Every query that touches a tenant table runs inside a scope: a transaction that sets
// app.network_id / app.account_id and drops to the non-superuser role tsunagu_app, so that
// row-level security applies even when the connection is a superuser or the table owner.
//
//  tenant  – one network, on behalf of one account (almost every request)
//  account – one account across its own memberships (network switcher, export)
//  streams – reading the realtime events of the accounts named (the hub's reads; nothing else)
//  system  – explicit cross-network work (operator console, jobs, seeding); keep these few
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../db/database.ts";
import type { DB } from "../db/schema.ts";

export type Tx = Transaction<DB> | Kysely<DB>;

export type Scope =
  | { kind: "tenant"; networkId: string; accountId: string | null }
  | { kind: "account"; accountId: string }
  | { kind: "streams"; accountIds: readonly string[] }
  | { kind: "system" };

/**
 * How PostgreSQL plans the transaction's (named) statements: "generic" reuses one plan per
 * statement and connection — for a request's short statements; "custom" plans each execution for
 * its values, as an unnamed statement is — for jobs and batch work, where the values matter.
 */
export type Plans = "generic" | "custom";

export function inScope<T>(database: Database, scope: Scope, fn: (tx: Transaction<DB>) => Promise<T>, plans: Plans = "custom"): Promise<T> {
  if (database.kind === "postgres") return inScopeOnPostgres(database, scope, fn, plans);
  return database.db.transaction().execute(async (tx) => {
    await enterScope(tx, scope);
    return fn(tx);
  });
}

/**
 * The same transaction with BEGIN and the settings in one round trip: `begin; select set_config(…)`
 * as one simple-protocol message (the values quoted as literals, as scoped-read.ts does). One
 * round trip fewer for every write — each is a system call here and a wakeup there (decision 0015).
 */
async function inScopeOnPostgres<T>(database: Database, scope: Scope, fn: (tx: Transaction<DB>) => Promise<T>, plans: Plans): Promise<T> {
  const settings = scopeSettingsSql(database, scope);
  // Statements are named (db/named-statements.ts); a request takes its connection's generic plan
  // from the first execution — PostgreSQL would otherwise plan each statement anew for its values,
  // which cost a direct message more than running its statements (decision 0019).
  const mode = plans === "generic" ? "force_generic_plan" : "force_custom_plan";
  return database.db.connection().execute(async (connection) => {
    await sql.raw(`begin; select ${settings}, set_config('plan_cache_mode', '${mode}', true)`).execute(connection);
    let result: T;
    try {
      // A connection in a transaction is what a Transaction is; nothing here opens another one.
      result = await fn(connection as unknown as Transaction<DB>);
    } catch (error) {
      await sql
        .raw("rollback")
        .execute(connection)
        .catch(() => undefined);
      throw error;
    }
    await sql.raw("commit").execute(connection);
    return result;
  });
}

export const inTenant = <T>(
  database: Database,
  networkId: string,
  accountId: string | null,
  fn: (tx: Transaction<DB>) => Promise<T>,
  plans: Plans = "custom",
) => inScope(database, { kind: "tenant", networkId, accountId }, fn, plans);

export const inAccount = <T>(database: Database, accountId: string, fn: (tx: Transaction<DB>) => Promise<T>) =>
  inScope(database, { kind: "account", accountId }, fn);

export const inSystem = <T>(database: Database, fn: (tx: Transaction<DB>) => Promise<T>) => inScope(database, { kind: "system" }, fn);

/** The settings a scope makes, in order; `role` last so the others are set as the connecting user. */
export function scopeSettings(scope: Scope): [string, string][] {
  return [
    ["app.network_id", scope.kind === "tenant" ? scope.networkId : ""],
    ["app.account_id", scope.kind === "tenant" || scope.kind === "account" ? (scope.accountId ?? "") : ""],
    ["app.system", scope.kind === "system" ? "on" : ""],
    // Read by the events_read_streams policy only (migration 0019).
    ...(scope.kind === "streams" ? [["app.stream_accounts", scope.accountIds.join(",")] as [string, string]] : []),
    // set_config('role', …, true) is SET LOCAL ROLE within the same statement. The system
    // scope keeps the connecting user: it must read across networks.
    ["role", scope.kind === "system" ? "none" : "tsunagu_app"],
  ];
}

/** The scope's settings as literal `set_config(…)` calls, for a message without parameters. */
export const scopeSettingsSql = (database: Database, scope: Scope) =>
  scopeSettings(scope)
    .map(([name, value]) => `set_config(${database.literal(name)}, ${database.literal(value)}, true)`)
    .join(", ");

async function enterScope(tx: Transaction<DB>, scope: Scope): Promise<void> {
  const calls = scopeSettings(scope).map(([name, value]) => sql`set_config(${name}, ${value}, true)`);
  await sql`select ${sql.join(calls)}`.execute(tx);
}
