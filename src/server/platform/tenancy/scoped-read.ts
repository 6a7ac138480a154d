// A read in a scope in one round-trip. A scope normally costs BEGIN, set_config, the query
// and COMMIT: four round-trips. This sends `select set_config(…); <query>` as one simple-protocol
// message — which PostgreSQL runs as one implicit transaction, so the local settings (app.*,
// role) hold for the query and end with it. Parameters are quoted as literals by the driver's own
// escaping. On PGlite, which runs in this process, there is no round trip to save, but the
// prepared statements save planning all the same (decision 0020). Use it on hot read paths.
import { createHash } from "node:crypto";
import type { Compilable, CompiledQuery } from "kysely";
import type { Database } from "../db/database.ts";
import { plannedForValues } from "../db/named-statements.ts";
import { scopeSettingsSql, type Scope } from "./scope.ts";

export async function readInScope<R>(database: Database, scope: Scope, query: Compilable<R>): Promise<R[]> {
  return readCompiledInScope(database, scope, query.compile());
}

/**
 * Like readInScope, for an already compiled query. With `prepare`, the statement is prepared once
 * per connection (named by a hash of its text) and executed with its parameters as literals:
 * PostgreSQL then plans it once, not on every request — for the hot reads of read routes, where
 * planning cost as much as running (decision 0015). A statement PostgreSQL cannot prepare (a
 * parameter whose type it cannot infer) is remembered and sent with its parameters inlined.
 */
export async function readCompiledInScope<R>(
  database: Database,
  scope: Scope,
  compiled: CompiledQuery,
  options: { prepare?: boolean } = {},
): Promise<R[]> {
  const [rows] = await readAllInScope(database, scope, [compiled], options);
  return (rows ?? []) as R[];
}

/**
 * Several reads in one round trip (each statement its own snapshot, as in a READ COMMITTED
 * transaction); the rows of each, in order. One failing statement fails the batch: try the reads
 * one by one then (scoped-reader.ts does), so one that cannot be prepared is found out.
 */
export async function readAllInScope(
  database: Database,
  scope: Scope,
  queries: readonly CompiledQuery[],
  options: { prepare?: boolean } = {},
): Promise<unknown[][]> {
  const settings = scopeSettingsSql(database, scope);
  const statements = queries.map((compiled) => {
    const literals = compiled.parameters.map((value) => database.literal(value));
    // A statement marked to be planned for its values is sent with them inlined, never prepared.
    const name = options.prepare && !plannedForValues(compiled.sql) ? preparedName(compiled.sql) : null;
    if (name) {
      const text = literals.length === 0 ? `execute ${name}` : `execute ${name}(${literals.join(", ")})`;
      return { text, prepared: { name, text: compiled.sql } };
    }
    return { text: compiled.sql.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1] ?? "NULL"), prepared: null };
  });
  const prepared = statements.flatMap((st) => (st.prepared ? [st.prepared] : []));
  // The generic plan from the first execution on: PostgreSQL would otherwise plan the first five
  // executions per connection for their parameters, and keep doing so whenever the generic plan's
  // estimate looks dearer — which for a paged read (LIMIT, an index in order) it mostly does.
  const generic = prepared.length > 0 ? ", set_config('plan_cache_mode', 'force_generic_plan', true)" : "";
  try {
    const results = await database.batch([`select ${settings}${generic}`, ...statements.map((st) => st.text)], prepared);
    for (const p of prepared) preparable.set(p.name, true);
    return results.slice(1);
  } catch (error) {
    const unproven = prepared.filter((p) => preparable.get(p.name) !== true);
    if (queries.length > 1 || unproven.length === 0 || !failsToPrepare(error)) throw error;
    // It cannot be prepared (PREPARE reports class 42, e.g. a parameter of unknown type): inlined
    // from now on. A bad value fails in EXECUTE with another class and changes nothing here.
    for (const p of unproven) preparable.set(p.name, false);
    return readAllInScope(database, scope, queries, options);
  }
}

const failsToPrepare = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" && error.code.startsWith("42");

/** Statement names by outcome: true once prepared and run, false when preparing failed. */
const preparable = new Map<string, boolean>();
/** Distinct statements this process prepares at most (each connection keeps its own plan of each). */
const maxPrepared = 200;

/** Names by statement text, so a hot read hashes its text once (bounded: texts vary, e.g. with `in` lists). */
const names = new Map<string, string>();

function preparedName(text: string): string | null {
  let name = names.get(text);
  if (name === undefined) {
    name = `tsunagu_r_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    if (names.size < maxPrepared * 4) names.set(text, name);
  }
  const known = preparable.get(name);
  if (known === false) return null;
  if (known === undefined && preparable.size >= maxPrepared) return null;
  return name;
}
