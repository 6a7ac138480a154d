// Opens the database: PGlite in DATA_DIR by default, PostgreSQL when DATABASE_URL is set.
// Everything else talks to `Database`, never to a driver.
import { Kysely, PGliteDialect, PostgresDialect } from "kysely";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { nameStatements } from "./named-statements.ts";
import type { DB } from "./schema.ts";

export type DatabaseKind = "pglite" | "postgres";

export interface Database {
  kind: DatabaseKind;
  /** Connects as the configured user. Use through a scope (tenancy/scope.ts) for tenant tables. */
  db: Kysely<DB>;
  /** Runs a multi-statement SQL script as one implicit transaction (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Runs several statements as one simple-protocol message — one implicit transaction, one round
   * trip on PostgreSQL — and returns each statement's rows; see tenancy/scoped-read.ts.
   */
  batch: (statements: string[], prepared?: PreparedStatement[]) => Promise<unknown[][]>;
  /** Quotes a value as an SQL literal for `batch`. */
  literal(value: unknown): string;
  close(): Promise<void>;
}

/**
 * A statement `batch` prepares once per connection (`prepare name as text`) before the batch
 * runs `execute name(…)`: PostgreSQL then plans it once instead of on every request.
 */
export interface PreparedStatement {
  name: string;
  text: string;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Directory of the embedded database; undefined keeps it in memory (tests). */
  pgliteDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.pgliteDir);
}

/** The statements each pooled connection has prepared (they live as long as the connection). */
const preparedOn = new WeakMap<object, Set<string>>();

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const pg = await import("pg");
  // Counts and sums are cast to int in SQL; bigints that slip through still arrive as numbers.
  pg.default.types.setTypeParser(20, (v: string) => Number(v));
  // JIT off: the app's reads are short, and a cached generic plan over a large network (the
  // directory's 100,000 members) is estimated above jit_above_cost, so each execution spent
  // 150–180 ms compiling a 10 ms query (measured on PostgreSQL 15). Options in the URL win.
  const urlOptions = URL.canParse(url) ? new URL(url).searchParams.get("options") : null;
  const pool = new pg.default.Pool({
    connectionString: url,
    max: poolSize,
    connectionTimeoutMillis: 5000,
    options: urlOptions ?? "-c jit=off",
  });
  // An idle client that loses its server must not crash the process.
  pool.on("error", () => undefined);
  // Statements run repeatedly are prepared once per connection (named-statements.ts).
  pool.on("connect", (client) => nameStatements(client));
  const client = await pool.connect().catch(async (error: unknown) => {
    await pool.end().catch(() => undefined);
    throw error;
  });
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: "postgres",
    db,
    exec: async (script) => {
      await pool.query(script);
    },
    batch: async (statements, prepared = []) => {
      const client = await pool.connect();
      let failed = true;
      try {
        const known = preparedOn.get(client) ?? new Set<string>();
        const missing = prepared.filter((p) => !known.has(p.name));
        const text = [...missing.map((p) => `prepare ${p.name} as ${p.text}`), ...statements].join(";\n");
        const results = (await client.query(text)) as unknown as { rows: unknown[] }[] | { rows: unknown[] };
        for (const p of missing) known.add(p.name);
        preparedOn.set(client, known);
        failed = false;
        return (Array.isArray(results) ? results : [results]).slice(missing.length).map((r) => r.rows);
      } finally {
        // A failed batch may have left a transaction or half its statements prepared: drop the
        // connection rather than guess what state it is in.
        client.release(failed);
      }
    },
    literal: (value) => sqlLiteral(value, pg.default.escapeLiteral),
    close: () => db.destroy(),
  };
}

async function openPglite(dir: string | undefined): Promise<Database> {
  const { PGlite } = await import("@electric-sql/pglite");
  if (dir) mkdirSync(path.dirname(dir), { recursive: true });
  const pglite = dir ? await PGlite.create(dir) : await PGlite.create();
  const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
  /** The statements `batch` has prepared on the one connection. */
  const preparedHere = new Set<string>();
  let batches: Promise<unknown> = Promise.resolve();
  const pgliteBatch = async (statements: string[], prepared: PreparedStatement[]): Promise<unknown[][]> => {
    const missing = prepared.filter((p) => !preparedHere.has(p.name));
    const text = [...missing.map((p) => `prepare ${p.name} as ${p.text}`), ...statements].join(";\n");
    try {
      const results = await pglite.exec(text);
      for (const p of missing) preparedHere.add(p.name);
      return results.slice(missing.length).map((r) => r.rows);
    } catch (error) {
      // Which of the message's PREPAREs took effect is unknown: start again from none.
      if (missing.length > 0) {
        preparedHere.clear();
        await pglite.exec("deallocate all").catch(() => undefined);
      }
      throw error;
    }
  };
  return {
    kind: "pglite",
    db,
    exec: async (script) => {
      await pglite.exec(script);
    },
    // PGlite runs in this process: there is no round trip to save, but preparing is worth the
    // same as on PostgreSQL — planning a page's statement cost more than running it (decision 0020).
    // `exec` waits for any open transaction (PGlite locks the instance for one), so a batch never
    // runs inside another request's transaction. Batches run one after another: two at once
    // would both see a statement unprepared and both prepare it.
    batch: (statements, prepared = []) => {
      const run = batches.then(() => pgliteBatch(statements, prepared));
      batches = run.catch(() => undefined);
      return run;
    },
    literal: (value) => sqlLiteral(value, (s) => `'${s.replace(/'/g, "''")}'`),
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value === "string") return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  throw new Error(`cannot inline an array element of type ${typeof value}`);
}

/** An SQL literal for a query parameter; refuses anything it cannot quote exactly. */
function sqlLiteral(value: unknown, quote: (s: string) => string): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return quote(value);
  // Parenthesised when negative: after a minus sign in the text, "-1" would start a comment ("--1").
  if (typeof value === "number" && Number.isFinite(value)) return value < 0 ? `(${String(value)})` : String(value);
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return quote(value.toISOString());
  // A one-dimensional array as PostgreSQL's array text ('{"a","b",NULL}'), typed by its context or cast.
  if (Array.isArray(value)) return quote(`{${value.map(arrayElement).join(",")}}`);
  throw new Error(`cannot inline a parameter of type ${typeof value}`);
}
