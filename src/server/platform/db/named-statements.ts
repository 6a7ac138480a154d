// Parameterised statements as named prepared statements of their connection (PostgreSQL).
//
// Kysely hands pg each query as text + values, which pg sends as an unnamed statement: PostgreSQL
// parses, analyses (row-level security included) and plans it on every execution. For the app's
// statements planning costs more than running — a post in a two-member room spent most of its
// database time planning. Naming a statement lets its connection keep it: pg sends Parse once per
// connection, and PostgreSQL's plan cache switches to a generic plan after five executions when
// that plan is no dearer, so later executions skip planning (decision 0019).
//
// Only statements seen at least twice are named, and at most `maxNamed` per process: texts that
// vary (an `in (…)` list of each length) would otherwise fill every connection with one-off
// statements. A prepared statement lives as long as its connection; a schema change invalidates
// its plan and PostgreSQL re-plans it.
import { createHash } from "node:crypto";
import type pg from "pg";

/** Distinct statements named per process (each connection keeps a plan of those it has run). */
export const maxNamed = 400;
/** Texts seen once are remembered up to this many, then forgotten all at once. */
const maxSeen = 10_000;

const named = new Map<string, string>();
let seenOnce = new Set<string>();

/**
 * `on conflict (…) where <predicate with a parameter>`: a generic plan cannot prove which partial
 * unique index the predicate means ("no unique or exclusion constraint matching the ON CONFLICT
 * specification"). Write such predicates with literals; this keeps any that slip through unnamed.
 */
const parameterisedArbiter = /\bon conflict\s*\([^)]*\)\s*where\b(?:(?!\bdo\b)[\s\S])*\$\d/i;

/**
 * Marks a statement whose best plan depends on its values (put it anywhere in the text: it is a
 * comment). A text search is one: for a rare term the GIN index is best, for a common one a walk
 * along the sort order — and a generic plan cannot know which. Such a statement is never
 * prepared, here nor in scoped reads (scoped-read.ts), so PostgreSQL plans it for its values each
 * time: the directory's rare-term search ran 21.3 ms on its generic plan and 3.8 ms planned for
 * the term (decision 0019).
 */
export const planForItsValuesMarker = "/* tsunagu: plan for its values */";
export const plannedForValues = (text: string) => text.includes(planForItsValuesMarker);

/** The name `text` runs under, or null to run it unnamed (first sight, the cap reached, or unsafe to plan generically). */
export function statementName(text: string): string | null {
  const known = named.get(text);
  if (known !== undefined) return known;
  if (parameterisedArbiter.test(text) || plannedForValues(text)) return null;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= maxSeen) seenOnce = new Set();
    seenOnce.add(text);
    return null;
  }
  if (named.size >= maxNamed) return null;
  const name = `tsunagu_k_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
  named.set(text, name);
  seenOnce.delete(text);
  return name;
}

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Makes `client.query(text, values)` — the call Kysely's driver makes — run named statements.
 * Calls without values (simple protocol: BEGIN, multi-statement batches), with a callback or a
 * query object (cursors) pass through unchanged.
 */
export function nameStatements(client: pg.ClientBase): void {
  const query = client.query.bind(client) as QueryFn;
  const wrapped: QueryFn = (text, values, ...rest) => {
    if (typeof text === "string" && Array.isArray(values) && values.length > 0 && rest.length === 0) {
      const name = statementName(text);
      if (name) return query({ name, text, values });
    }
    return query(text, values, ...rest);
  };
  (client as unknown as { query: QueryFn }).query = wrapped;
}
