// A Kysely for read routes: every query runs in the scope without an explicit transaction —
// `select set_config(…); <query>` as one message (scoped-read.ts), one round trip on PostgreSQL
// where a transaction costs four (BEGIN, set_config, the query, COMMIT) plus one per query.
// Nothing is lost by leaving the transaction: under READ COMMITTED each statement of a transaction
// takes its own snapshot anyway. Only SELECTs (raw ones too) are accepted: a write here would
// commit on its own, and its row count would not come back. Statements are prepared once per
// connection and reads started together share a message (decision 0015) — on PGlite too, where
// the prepared statements save the planning (decision 0020).
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SelectQueryNode,
  RawNode,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from "kysely";
import type { Database } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import { readAllInScope } from "./scoped-read.ts";
import type { Scope } from "./scope.ts";

export function scopedReader(database: Database, scope: Scope): Kysely<DB> {
  // Reads started together (Promise.all) go out together: queued until the event loop turns,
  // then sent as one batch — one round trip instead of one each.
  let queued: { compiled: CompiledQuery; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void }[] = [];
  const flush = () => {
    const reads = queued;
    queued = [];
    const one = (read: (typeof reads)[number]) =>
      readAllInScope(database, scope, [read.compiled], { prepare: true }).then(([rows]) => read.resolve(rows ?? []), read.reject);
    if (reads.length === 1) return void one(reads[0] as (typeof reads)[number]);
    readAllInScope(
      database,
      scope,
      reads.map((r) => r.compiled),
      { prepare: true },
    ).then(
      (results) => reads.forEach((r, i) => r.resolve(results[i] ?? [])),
      // One failed the batch: each on its own, so only that one fails.
      () => reads.forEach((r) => void one(r)),
    );
  };
  const connection: DatabaseConnection = {
    async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
      const reads = SelectQueryNode.is(compiled.query) || (RawNode.is(compiled.query) && /^\s*(select|with)\b/i.test(compiled.sql));
      if (!reads) throw new Error(`a read route may only read: ${compiled.query.kind} refused`);
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        if (queued.length === 0) setImmediate(flush);
        queued.push({ compiled, resolve, reject });
      });
      return { rows: rows as R[] };
    },
    streamQuery() {
      throw new Error("a read route does not stream");
    },
  };
  const driver: Driver = {
    init: () => Promise.resolve(),
    acquireConnection: () => Promise.resolve(connection),
    beginTransaction: () => Promise.reject(new Error("a read route runs without a transaction")),
    commitTransaction: () => Promise.reject(new Error("a read route runs without a transaction")),
    rollbackTransaction: () => Promise.reject(new Error("a read route runs without a transaction")),
    releaseConnection: () => Promise.resolve(),
    destroy: () => Promise.resolve(),
  };
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => driver,
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}
