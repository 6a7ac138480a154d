// npm run bench — throughput, latency, memory and cold start of the real server, on PostgreSQL
// and on PGlite, against a baseline measured in the same run (Fastify + one primary-key SELECT
// on the same database). Not a test: it prints figures and writes them to docs/benchmarks.md.
//
// For each database: a scratch database (PostgreSQL: a new database, dropped at the end;
// PGlite: a new data directory, removed at the end) holding a network of 33,000 members, a
// benchmark member with a real session; then the baseline and the app, each in its own child
// process (one after the other: PGlite opens its directory from one process only), loaded by
// autocannon from this process; then a cold start on an empty database.
//
// Environment (optional): BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres,
// used to create and drop the scratch databases), BENCH_DURATION (seconds per measured run, default 10).
import autocannon, { type Result as CannonResult } from "autocannon";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import pg from "pg";
import * as prettier from "prettier";
import { hashPassword } from "../src/server/platform/auth/passwords.ts";
import { createSession } from "../src/server/platform/auth/sessions.ts";
import { cookieNames } from "../src/server/platform/http/cookies.ts";
import { openDatabase, type Database } from "../src/server/platform/db/database.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const members = 33_000;
const connections = 50;
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = 2;
const poolSize = 10;
const targetRatio = 0.6;
const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
/** Backend CPU is read from /proc, so only when PostgreSQL runs on this machine. */
const localPostgres = ["127.0.0.1", "localhost", "[::1]", ""].includes(new URL(adminUrl).hostname);
const clockTicks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

type Kind = "postgres" | "pglite";

interface LoadResult {
  rps: number;
  p99: number;
  requests: number;
  rssMb: number;
  /** CPU time per request of the server process, and of the PostgreSQL backends serving it (null: in-process or unreadable). */
  serverCpuUs: number;
  dbCpuUs: number | null;
  /** Share of the machine's CPU used by processes other than this benchmark during the run (0–1). */
  otherLoad: number;
}

interface DatabaseResult {
  kind: Kind;
  label: string;
  seedMs: number;
  baseline: LoadResult;
  app: LoadResult;
  coldStartMs: number;
}

// ---------------------------------------------------------------- cleanup on every way out

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<void>)[] = [];

/** Registers an undo step; the returned function runs it now (once). All left run at exit. */
function onCleanup(fn: () => Promise<void> | void): () => Promise<void> {
  const entry = async () => {
    await fn();
  };
  cleanups.push(entry);
  return async () => {
    const i = cleanups.indexOf(entry);
    if (i < 0) return;
    cleanups.splice(i, 1);
    await entry();
  };
}

async function runCleanups(): Promise<void> {
  for (const child of children) child.kill("SIGKILL");
  for (let entry = cleanups.pop(); entry; entry = cleanups.pop()) {
    try {
      await entry();
    } catch (error) {
      console.error(`cleanup failed: ${message(error)}`);
    }
  }
}

/** Scratch directories still present; removed synchronously even on an abrupt exit. */
const scratchDirs = new Set<string>();

process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
// A closed output pipe (`npm run bench | head`) must not end the run before its cleanup.
process.stdout.on("error", () => undefined);
process.stderr.on("error", () => undefined);
process.on("uncaughtException", (error) => {
  console.error(`\nbench failed: ${error.stack ?? error.message}`);
  void runCleanups().finally(() => process.exit(1));
});
let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the servers and removing the scratch databases`);
    void runCleanups().finally(() => process.exit(130));
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const elapsed = (since: number) => Math.round(performance.now() - since);

// ---------------------------------------------------------------- PostgreSQL scratch databases

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The server's version, or null (with the reason printed) when PostgreSQL cannot be used. */
async function postgresVersion(): Promise<string | null> {
  try {
    const { rows } = await adminQuery("show server_version");
    return String((rows[0] as { server_version: string }).server_version);
  } catch (error) {
    const where = new URL(adminUrl).host;
    console.warn(`PostgreSQL is not reachable at ${where} (${message(error)}).`);
    console.warn("Running the PGlite benchmark only; set BENCH_POSTGRES_URL to point at a PostgreSQL 15+ server.\n");
    return null;
  }
}

async function scratchDatabase(suffix: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `tsunagu_bench_${randomBytes(5).toString("hex")}${suffix}`;
  // Registered before it exists, and the cleanup waits for the creation: a Ctrl-C while
  // CREATE DATABASE runs must still drop it.
  const creating = adminQuery(`create database ${name}`);
  const drop = onCleanup(async () => {
    await creating.catch(() => undefined);
    await adminQuery(`drop database if exists ${name} with (force)`);
  });
  await creating;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop };
}

function scratchDir(label: string): { dir: string; remove: () => Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tsunagu-bench-${label}-`));
  scratchDirs.add(dir);
  const remove = onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    scratchDirs.delete(dir);
  });
  return { dir, remove };
}

// ---------------------------------------------------------------- seeding

async function seed(database: Database): Promise<{ accountId: string; cookie: string; seedMs: number }> {
  // One argon2 hash shared by every member: hashing 33,000 passwords would measure argon2.
  const passwordHash = await hashPassword("tsunagu-bench-password");
  const started = performance.now();
  const accountId = await inSystem(database, async (tx) => {
    const network = await tx
      .insertInto("networks")
      .values({ slug: "bench-denki", name: "ベンチ電機 アルムナイ", kind: "company", purpose: "Benchmark network" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await sql`
      insert into accounts (email, display_name, password_hash, email_verified_at, locale, created_at, updated_at)
      select 'member' || g || '@bench.example.com', 'メンバー ' || g, ${passwordHash}::text, now(),
             case when g % 10 = 0 then 'en' else 'ja' end, now(), now()
      from generate_series(1, ${members}::int) as g`.execute(tx);
    await sql`
      insert into memberships (network_id, account_id, role, status, joined_at)
      select ${network.id}::uuid, a.id,
             case when a.email like 'member1@%' then 'admin' when random() < 0.2 then 'employee' else 'alumni' end,
             'active', now()
      from accounts a where a.email like 'member%@bench.example.com'`.execute(tx);
    const me = await tx
      .insertInto("accounts")
      .values({
        email: "bench@example.com",
        display_name: "ベンチ 太郎",
        password_hash: passwordHash,
        locale: "ja",
        email_verified_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("memberships")
      .values({ network_id: network.id, account_id: me.id, role: "alumni", status: "active", joined_at: new Date() })
      .execute();
    return me.id;
  });
  // What autovacuum would do soon after a bulk load; plans then match a settled database.
  await sql`analyze`.execute(database.db);
  const seedMs = elapsed(started);
  const { token } = await createSession(database, accountId, { ip: "127.0.0.1", userAgent: "tsunagu-bench" });
  return { accountId, cookie: `${cookieNames.session}=${token}`, seedMs };
}

// ---------------------------------------------------------------- child servers

interface Server {
  name: string;
  child: ChildProcess;
  pid: number;
  port: number;
  exited: Promise<string>;
  output(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function startServer(name: string, script: string, env: Record<string, string>, port: number): Server {
  const child = spawn(process.execPath, [script], {
    cwd: repoRoot,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${script}`);
  children.add(child);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<string>((resolve) => {
    child.once("exit", (code, signal) => {
      children.delete(child);
      resolve(signal ?? `exit code ${code}`);
    });
  });
  return { name, child, pid: child.pid, port, exited, output: () => output.trim() };
}

/** Polls /api/health every 20 ms until it answers 200; returns ms since `since`. */
async function waitHealthy(server: Server, since: number, timeoutMs = 90_000): Promise<number> {
  const state: { exit: string | null } = { exit: null };
  void server.exited.then((how) => (state.exit = how));
  for (;;) {
    if (state.exit !== null) throw new Error(`${server.name} stopped before it was ready (${state.exit}):\n${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/api/health`, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return elapsed(since);
    } catch {
      // Not listening yet.
    }
    if (performance.now() - since > timeoutMs) throw new Error(`${server.name} not healthy after ${timeoutMs} ms:\n${server.output()}`);
    await sleep(20);
  }
}

async function stopServer(server: Server): Promise<void> {
  if (!children.has(server.child)) return;
  server.child.kill("SIGTERM");
  const how = await Promise.race([server.exited, sleep(15_000).then(() => null)]);
  if (how === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
}

/** CPU time (user + system) of a process in ms, from /proc; null if it is gone or unreadable. */
function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks : null;
  } catch {
    return null;
  }
}

/** Busy CPU ms of the whole machine so far (all cores), from /proc/stat. */
function machineBusyMs(): number {
  const fields = (/^cpu\s+(.+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1] ?? "").split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks;
}

const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Summed CPU ms of the PostgreSQL backends connected to `database` (local server only), or null. */
async function backendCpuMs(database: string | null): Promise<number | null> {
  if (!database || !localPostgres) return null;
  const { rows } = await adminQuery(`select pid from pg_stat_activity where datname = '${database}'`);
  let total = 0;
  for (const { pid } of rows as { pid: number }[]) {
    const ms = cpuMs(pid);
    if (ms === null) return null;
    total += ms;
  }
  return rows.length > 0 ? total : null;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Number(kb) / 1024 : Number.NaN;
}

// ---------------------------------------------------------------- load

/** A load run that has not ended well after its duration is a hang: fail instead of waiting forever. */
async function bounded<T>(run: PromiseLike<T>, seconds: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${name}: a ${seconds} s load run did not finish within ${seconds + 30} s`)),
      (seconds + 30) * 1000,
    );
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function load(server: Server, urlPath: string, headers: Record<string, string>, databaseName: string | null): Promise<LoadResult> {
  const url = `http://127.0.0.1:${server.port}${urlPath}`;
  const check = (phase: string, r: CannonResult) => {
    const bad = r.non2xx + r.errors + r.timeouts;
    if (bad > 0 || r.requests.total === 0) {
      const codes = Object.entries(r.statusCodeStats)
        .map(([code, s]) => `${code}×${s.count}`)
        .join(", ");
      throw new Error(
        `${server.name} ${phase} on ${urlPath}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts ` +
          `of ${r.requests.total} (status codes: ${codes || "none"})\n${server.output()}`,
      );
    }
  };
  check("warm-up", await bounded(autocannon({ url, connections, duration: warmupSeconds, headers }), warmupSeconds, server.name));
  const [server0, db0] = [cpuMs(server.pid), await backendCpuMs(databaseName)];
  const [machine0, own0, wall0] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const result = await bounded(autocannon({ url, connections, duration: durationSeconds, headers }), durationSeconds, server.name);
  const [machine1, own1, wall1] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const [server1, db1] = [cpuMs(server.pid), await backendCpuMs(databaseName)];
  check("run", result);
  const benchMs = own1 - own0 + ((server1 ?? 0) - (server0 ?? 0)) + ((db1 ?? 0) - (db0 ?? 0));
  const otherLoad = Math.max(0, machine1 - machine0 - benchMs) / ((wall1 - wall0) * os.availableParallelism());
  const perRequest = (before: number | null, after: number | null) =>
    before === null || after === null ? null : ((after - before) * 1000) / result.requests.total;
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    rssMb: rssMb(server.pid),
    serverCpuUs: perRequest(server0, server1) ?? Number.NaN,
    dbCpuUs: perRequest(db0, db1),
    otherLoad,
  };
}

// ---------------------------------------------------------------- one database

async function benchDatabase(kind: Kind, label: string): Promise<DatabaseResult> {
  console.log(`== ${label}`);
  const files = scratchDir(`${kind}-data`);
  const scratch = kind === "postgres" ? await scratchDatabase("") : null;
  const pgliteDir = path.join(files.dir, "db");
  // The app reads DATA_DIR (PGlite lives in DATA_DIR/db) or DATABASE_URL; an empty value is unset.
  const appEnv: Record<string, string> = {
    DATA_DIR: files.dir,
    DATABASE_URL: scratch?.url ?? "",
    DATABASE_POOL_SIZE: String(poolSize),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    // Nothing from the caller's shell may change what is measured.
    SMTP_URL: "",
    PUBLIC_URL: "",
    TRUST_PROXY: "",
  };
  const baselineEnv: Record<string, string> = scratch
    ? { BENCH_DATABASE_URL: scratch.url, BENCH_POOL_SIZE: String(poolSize) }
    : { BENCH_PGLITE_DIR: pgliteDir };

  let started = performance.now();
  const database = await openDatabase({ databaseUrl: scratch?.url, pgliteDir, poolSize });
  let seeded: Awaited<ReturnType<typeof seed>>;
  try {
    await migrate(database);
    console.log(`   migrated in ${elapsed(started)} ms`);
    seeded = await seed(database);
    console.log(`   seeded ${members.toLocaleString("en")} members + 1 in ${seeded.seedMs} ms`);
  } finally {
    await database.close();
  }

  const baselineServer = startServer(
    "baseline",
    "bench/baseline-server.ts",
    { ...baselineEnv, BENCH_ACCOUNT_ID: seeded.accountId },
    await freePort(),
  );
  let baseline: LoadResult;
  try {
    await waitHealthy(baselineServer, performance.now());
    baseline = await load(baselineServer, "/baseline", {}, scratch?.name ?? null);
  } finally {
    await stopServer(baselineServer);
  }
  console.log(`   baseline        ${summary(baseline)}`);

  const appServer = startServer("app", "src/server/main.ts", appEnv, await freePort());
  let app: LoadResult;
  try {
    await waitHealthy(appServer, performance.now());
    await checkMe(appServer, seeded.cookie, seeded.accountId);
    app = await load(appServer, "/api/me", { cookie: seeded.cookie }, scratch?.name ?? null);
  } finally {
    await stopServer(appServer);
  }
  console.log(`   GET /api/me     ${summary(app)}`);
  await scratch?.drop();
  await files.remove();

  // Cold start: the real server on an empty database, from spawn to the first healthy answer.
  const coldFiles = scratchDir(`${kind}-cold`);
  const coldDb = kind === "postgres" ? await scratchDatabase("_cold") : null;
  const port = await freePort();
  started = performance.now();
  const cold = startServer(
    "app (cold start)",
    "src/server/main.ts",
    { ...appEnv, DATA_DIR: coldFiles.dir, DATABASE_URL: coldDb?.url ?? "" },
    port,
  );
  let coldStartMs: number;
  try {
    coldStartMs = await waitHealthy(cold, started);
  } finally {
    await stopServer(cold);
  }
  console.log(`   cold start      ${coldStartMs} ms to the first 200 from /api/health`);
  await coldDb?.drop();
  await coldFiles.remove();

  return { kind, label, seedMs: seeded.seedMs, baseline, app, coldStartMs };
}

/** One request by hand first: the load run must measure the real answer, not an error page. */
async function checkMe(server: Server, cookie: string, accountId: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${server.port}/api/me`, { headers: { cookie } });
  const body = (await response.json()) as { account?: { id?: string }; networks?: unknown[] };
  if (response.status !== 200 || body.account?.id !== accountId || body.networks?.length !== 1) {
    throw new Error(`GET /api/me answered ${response.status} ${JSON.stringify(body).slice(0, 300)}\n${server.output()}`);
  }
}

// ---------------------------------------------------------------- report

const fmtRps = (n: number) => Math.round(n).toLocaleString("en").padStart(7);
const fmtCpu = (r: LoadResult) => `${r.serverCpuUs.toFixed(0)}${r.dbCpuUs === null ? "" : ` + ${r.dbCpuUs.toFixed(0)}`}`;
const fmtLoad = (r: LoadResult) => `${Math.round(r.otherLoad * 100)} %`;
const summary = (r: LoadResult) =>
  `${fmtRps(r.rps)} req/s, p99 ${r.p99} ms, RSS ${r.rssMb.toFixed(0)} MB, ` +
  `CPU ${fmtCpu(r)} µs/req (server${r.dbCpuUs === null ? "" : " + db"}), other load ${fmtLoad(r)}`;

interface Row {
  database: string;
  target: string;
  rps: string;
  p99: string;
  ratio: string;
  rss: string;
  cold: string;
  cpu: string;
  other: string;
}

function rows(results: DatabaseResult[]): Row[] {
  return results.flatMap((r) => [
    {
      database: r.label,
      target: "baseline: Fastify + 1 PK SELECT",
      rps: Math.round(r.baseline.rps).toLocaleString("en"),
      p99: String(r.baseline.p99),
      ratio: "1.00",
      rss: r.baseline.rssMb.toFixed(0),
      cold: "—",
      cpu: fmtCpu(r.baseline),
      other: fmtLoad(r.baseline),
    },
    {
      database: r.label,
      target: "app: GET /api/me",
      rps: Math.round(r.app.rps).toLocaleString("en"),
      p99: String(r.app.p99),
      ratio: (r.app.rps / r.baseline.rps).toFixed(2),
      rss: r.app.rssMb.toFixed(0),
      cold: `${r.coldStartMs} ms`,
      cpu: fmtCpu(r.app),
      other: fmtLoad(r.app),
    },
  ]);
}

const columns: [keyof Row, string, "left" | "right"][] = [
  ["database", "database", "left"],
  ["target", "target", "left"],
  ["rps", "req/s", "right"],
  ["p99", "p99 ms", "right"],
  ["ratio", "ratio to baseline", "right"],
  ["rss", "RSS MB", "right"],
  ["cold", "cold start", "right"],
  ["cpu", "CPU µs/req (server + db)", "right"],
  ["other", "other load", "right"],
];

function textTable(table: Row[]): string {
  const widths = columns.map(([key, title]) => Math.max(title.length, ...table.map((row) => row[key].length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (columns[i]?.[2] === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join("  ");
  return [
    line(columns.map(([, title]) => title)),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...table.map((row) => line(columns.map(([key]) => row[key]))),
  ].join("\n");
}

function markdownTable(table: Row[]): string {
  const head = `| ${columns.map(([, title]) => title).join(" | ")} |`;
  const rule = `|${columns.map(([, , align]) => (align === "right" ? "---:" : "---")).join("|")}|`;
  return [head, rule, ...table.map((row) => `| ${columns.map(([key]) => row[key]).join(" | ")} |`)].join("\n");
}

function targetCheck(results: DatabaseResult[]): string {
  const postgres = results.find((r) => r.kind === "postgres");
  if (!postgres) return `Target (PostgreSQL: GET /api/me ≥ ${targetRatio} × baseline): not checked, PostgreSQL was not reachable.`;
  const ratio = postgres.app.rps / postgres.baseline.rps;
  const verdict = ratio >= targetRatio ? "met" : "NOT met";
  return `Target (PostgreSQL: GET /api/me ≥ ${targetRatio} × baseline): ${verdict} (${ratio.toFixed(2)} × baseline).`;
}

function machine(postgres: string | null) {
  const cpu =
    /model name\s*:\s*(.+)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1] ??
    os.cpus()[0]?.model ??
    "?";
  const pglitePackage = JSON.parse(readFileSync(path.join(repoRoot, "node_modules/@electric-sql/pglite/package.json"), "utf8")) as {
    version: string;
  };
  return {
    nproc: os.availableParallelism(),
    cpu: cpu.trim(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    pglite: pglitePackage.version,
  };
}

/** Warns when other processes competed for the CPU: req/s then say more about the machine than about the app. */
function loadNote(results: DatabaseResult[]): string {
  const worst = Math.max(0, ...results.flatMap((r) => [r.baseline.otherLoad, r.app.otherLoad]));
  if (worst < 0.1) return "The machine was otherwise quiet during the runs (other load below 10 %).";
  return `Other processes used up to ${Math.round(worst * 100)} % of the machine's CPU during the runs: req/s are depressed and noisy; compare CPU µs/req.`;
}

function markdown(results: DatabaseResult[], facts: ReturnType<typeof machine>, table: Row[], load: string): string {
  const seeds = results.map((r) => `${r.label} ${(r.seedMs / 1000).toFixed(1)} s`).join(", ");
  return `# Benchmarks

Written by \`npm run bench\` (bench/bench.ts); each run overwrites this file.

- Date: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}
- Machine: \`nproc\` = ${facts.nproc}, ${facts.cpu}, ${facts.memoryGiB} GiB RAM, ${os.type()} ${os.release()}
- Node ${facts.node}; PostgreSQL ${facts.postgres ?? "not reachable (not measured)"}; PGlite ${facts.pglite}
- Command: \`npm run bench\` (= \`node bench/bench.ts\`)

## Method

- Each database gets a scratch copy (PostgreSQL: a new database on 127.0.0.1, dropped afterwards; PGlite: a new data directory, removed afterwards) holding one network of ${members.toLocaleString("en")} members: accounts and memberships bulk-inserted with \`generate_series\`, sharing one argon2 hash (seed time: ${seeds}), plus one benchmark member with a real session.
- **baseline**: Fastify 5 answering each request with one primary-key \`select id, email, display_name from accounts where id = $1\` on the same database (a pg Pool of ${poolSize}, the app's pool size; on PGlite the same data directory).
- **app**: the real server (\`node src/server/main.ts\`, \`LOG_LEVEL=warn\`), \`GET /api/me\` with the session cookie; every response is checked to be 2xx.
- The servers run in child processes, one at a time; autocannon runs in the parent on 127.0.0.1 with ${connections} connections: ${warmupSeconds} s of warm-up (not counted), then ${durationSeconds} s. req/s is the mean of the per-second counts; RSS is the server process's VmRSS after its run (on PGlite it includes the embedded database).
- **CPU µs/req**: CPU time (user + system) per request during the measured run: the server process, plus (PostgreSQL on this machine) the database backends serving it. PGlite runs inside the server process.
- **other load**: the share of the machine's CPU used during the run by processes outside the benchmark. When it is high, req/s are depressed and noisy; CPU µs/req is the steadier figure.
- **cold start**: the real server on an empty database (an empty data directory / a new empty PostgreSQL database), from spawn to the first 200 from \`/api/health\` (polled every 20 ms); it includes creating the schema.

## Results

${markdownTable(table)}

${targetCheck(results)}

${load}
`;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Tsunagu benchmark: ${members.toLocaleString("en")} members, autocannon -c ${connections}, ${warmupSeconds} s warm-up + ${durationSeconds} s\n`,
  );
  const postgres = await postgresVersion();
  const facts = machine(postgres);
  const results: DatabaseResult[] = [];
  if (postgres) results.push(await benchDatabase("postgres", `PostgreSQL ${postgres.split(" ")[0]}`));
  results.push(await benchDatabase("pglite", `PGlite ${facts.pglite}`));

  const table = rows(results);
  const load = loadNote(results);
  console.log(`\n${textTable(table)}\n\n${targetCheck(results)}\n${load}`);
  mkdirSync(path.join(repoRoot, "docs"), { recursive: true });
  // Formatted as `prettier --check .` expects, so the written file passes the project's checks.
  const docPath = path.join(repoRoot, "docs/benchmarks.md");
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  writeFileSync(docPath, await prettier.format(markdown(results, facts, table, load), { ...options, filepath: docPath }));
  console.log(`\nWrote docs/benchmarks.md (whole run: ${(elapsed(started) / 1000).toFixed(0)} s).`);
}

// The whole run takes about 2 minutes; anything far beyond that is a hang, not a slow machine.
const watchdog = setTimeout(() => {
  console.error("\nbench failed: still running after 10 minutes; stopping the servers and cleaning up");
  void runCleanups().finally(() => process.exit(1));
}, 10 * 60_000);
watchdog.unref();

try {
  await main();
  await runCleanups();
  // Keep-alive sockets of finished runs must not hold the process open.
  process.exit(0);
} catch (error) {
  // After Ctrl-C the failures are only the servers going away; the signal handler reports and exits.
  if (!interrupted) console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await runCleanups();
  process.exit(interrupted ? 130 : 1);
}
