// The benchmark's baseline: Fastify 5 answering every request with one primary-key SELECT on
// the same database the app uses (a pg Pool of the app's size, or the same PGlite data
// directory). Whatever the app does beyond this is what its ratio to the baseline measures.
//
// Environment: PORT, BENCH_ACCOUNT_ID, and BENCH_DATABASE_URL or BENCH_PGLITE_DIR.
import Fastify from "fastify";

const port = Number(process.env.PORT);
const accountId = process.env.BENCH_ACCOUNT_ID;
const databaseUrl = process.env.BENCH_DATABASE_URL;
const pgliteDir = process.env.BENCH_PGLITE_DIR;
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
if (!port || !accountId || (!databaseUrl && !pgliteDir)) {
  process.stderr.write("baseline-server: needs PORT, BENCH_ACCOUNT_ID and BENCH_DATABASE_URL or BENCH_PGLITE_DIR\n");
  process.exit(2);
}

type Query = (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;

async function connect(): Promise<{ query: Query; close: () => Promise<void> }> {
  if (databaseUrl) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize });
    pool.on("error", () => undefined);
    return { query: (text, params) => pool.query(text, params), close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const pglite = await PGlite.create(pgliteDir);
  return { query: (text, params) => pglite.query(text, params), close: () => pglite.close() };
}

const database = await connect();
const app = Fastify({ logger: false });

app.get("/baseline", async (_req, reply) => {
  const { rows } = await database.query("select id, email, display_name from accounts where id = $1", [accountId]);
  if (rows.length !== 1) return reply.code(404).send({ error: "no such account" });
  return rows[0];
});

app.get("/api/health", async () => {
  await database.query("select 1", []);
  return { status: "ok" };
});

await app.listen({ port, host: "127.0.0.1" });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  await database.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
