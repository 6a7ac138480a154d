// A read in a scope in one round-trip. A scope normally costs BEGIN, set_config, the query
// and COMMIT: four round-trips. On PostgreSQL this sends `select set_config(…); <query>` as one
// simple-protocol message — which PostgreSQL runs as one implicit transaction, so the local
// settings (app.*, role) hold for the query and end with it. Parameters are quoted as literals
// by the driver's own escaping. On PGlite, which runs in this process, it is the ordinary
// scoped transaction. Use it on hot read paths.
import type { Compilable } from "kysely";
import type { Database } from "../db/database.ts";
import { inScope, scopeSettings, type Scope } from "./scope.ts";

export async function readInScope<R>(database: Database, scope: Scope, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  if (!database.batch) return inScope(database, scope, async (tx) => (await tx.executeQuery(compiled)).rows);
  const settings = scopeSettings(scope)
    .map(([name, value]) => `set_config(${database.literal(name)}, ${database.literal(value)}, true)`)
    .join(", ");
  const text = compiled.sql.replace(/\$(\d+)/g, (_, n: string) => database.literal(compiled.parameters[Number(n) - 1]));
  const results = await database.batch([`select ${settings}`, text]);
  return (results[1] ?? []) as R[];
}
