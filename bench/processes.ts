// The benchmark's child servers (free port, start, health wait, stop), their CPU and RSS readings
// from /proc, and the load runs with autocannon that measure them.
import autocannon from "autocannon";
import type { Options as CannonOptions, Result as CannonResult } from "autocannon";
import { execFileSync, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import { adminQuery, adminUrl, children } from "./cleanup.ts";

/** Backend CPU is read from /proc, so only when PostgreSQL runs on this machine. */
const localPostgres = ["127.0.0.1", "localhost", "[::1]", ""].includes(new URL(adminUrl).hostname);
const clockTicks = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

export interface LoadResult {
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

/** autocannon's settings for every load run: a warm-up (not counted), then the measured run. */
export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const elapsed = (since: number) => Math.round(performance.now() - since);

// ---------------------------------------------------------------- child servers

export interface Server {
  name: string;
  child: ChildProcess;
  pid: number;
  port: number;
  exited: Promise<string>;
  output(): string;
}

/** The Node flags of `npm start`, so the benchmark measures the server as it is deployed. */
export const appNodeFlags = ["--max-semi-space-size=8"];

export async function freePort(): Promise<number> {
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

/** Spawns `node script` in `cwd` (the repository root: scripts are given relative to it). */
/** BENCH_CPU_PROF=<dir>: each app process writes a V8 CPU profile there when it stops (where a scenario's time goes; it slows the run a little). */
const profileFlags = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];

export function startServer(name: string, script: string, env: Record<string, string>, port: number, cwd: string): Server {
  // The app runs as `npm start` runs it (package.json): see docs/decisions/0007-young-generation-size.md.
  const flags = script === "src/server/main.ts" ? [...appNodeFlags, ...profileFlags] : [];
  const child = spawn(process.execPath, [...flags, script], {
    cwd,
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
export async function waitHealthy(server: Server, since: number, timeoutMs = 90_000): Promise<number> {
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

export async function stopServer(server: Server): Promise<void> {
  if (!children.has(server.child)) return;
  server.child.kill("SIGTERM");
  const how = await Promise.race([server.exited, sleep(15_000).then(() => null)]);
  if (how === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
}

/** CPU time (user + system) of a process in ms, from /proc; null if it is gone or unreadable. */
export function cpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks : null;
  } catch {
    return null;
  }
}

/** Busy CPU ms of the whole machine so far (all cores), from /proc/stat. */
export function machineBusyMs(): number {
  const fields = (/^cpu\s+(.+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1] ?? "").split(/\s+/).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / clockTicks;
}

export const ownCpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** Summed CPU ms of the PostgreSQL backends connected to `database` (local server only), or null. */
export async function backendCpuMs(database: string | null): Promise<number | null> {
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

export function rssMb(pid: number): number {
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

export async function load(
  server: Server,
  urlPath: string,
  headers: Record<string, string>,
  databaseName: string | null,
  settings: LoadSettings,
  /** Requests other than GET urlPath (method, body, per-connection requests); urlPath still names the run. */
  requests: Pick<CannonOptions, "method" | "body" | "requests" | "setupClient" | "timeout"> = {},
): Promise<LoadResult> {
  const { connections, warmupSeconds, durationSeconds } = settings;
  const url = `http://127.0.0.1:${server.port}${urlPath}`;
  const check = (phase: string, r: CannonResult) => {
    const bad = r.non2xx + r.errors + r.timeouts;
    // A warm-up may end before the first answer of a slow endpoint; the measured run may not.
    if (bad > 0 || (phase === "run" && r.requests.total === 0)) {
      const codes = Object.entries(r.statusCodeStats)
        .map(([code, s]) => `${code}×${s.count}`)
        .join(", ");
      throw new Error(
        `${server.name} ${phase} on ${urlPath}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts ` +
          `of ${r.requests.total} (status codes: ${codes || "none"})\n${server.output()}`,
      );
    }
  };
  check(
    "warm-up",
    await bounded(autocannon({ url, connections, duration: warmupSeconds, headers, ...requests }), warmupSeconds, server.name),
  );
  const [server0, db0] = [cpuMs(server.pid), await backendCpuMs(databaseName)];
  const [machine0, own0, wall0] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const result = await bounded(
    autocannon({ url, connections, duration: durationSeconds, headers, ...requests }),
    durationSeconds,
    server.name,
  );
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

/**
 * The baseline of a part (Fastify + one primary-key SELECT as `accountId`, bench/baseline-server.ts)
 * on the part's database, measured and stopped before the app starts; printed like a scenario.
 */
export async function measureBaseline(
  database: { url: string; name: string } | null,
  pgliteDir: string,
  accountId: string,
  settings: LoadSettings,
  cwd: string,
  labelWidth: number,
): Promise<LoadResult> {
  const server = startServer(
    "baseline",
    "bench/baseline-server.ts",
    database
      ? { BENCH_DATABASE_URL: database.url, BENCH_POOL_SIZE: "10", BENCH_ACCOUNT_ID: accountId }
      : { BENCH_PGLITE_DIR: pgliteDir, BENCH_ACCOUNT_ID: accountId },
    await freePort(),
    cwd,
  );
  let baseline: LoadResult;
  try {
    await waitHealthy(server, performance.now());
    baseline = await load(server, "/baseline", {}, database?.name ?? null, settings);
  } finally {
    await stopServer(server);
  }
  console.log(
    `   ${"baseline".padEnd(labelWidth)} ${Math.round(baseline.rps).toLocaleString("en").padStart(6)} req/s, p99 ${baseline.p99} ms`,
  );
  return baseline;
}

/** The app server's environment in a benchmark: production mode, no mail, the part's database. */
export const benchAppEnv = (dataDir: string, databaseUrl: string | undefined) => ({
  DATA_DIR: dataDir,
  DATABASE_URL: databaseUrl ?? "",
  DATABASE_POOL_SIZE: "10",
  HOST: "127.0.0.1",
  LOG_LEVEL: "warn",
  NODE_ENV: "production",
  SMTP_URL: "",
  PUBLIC_URL: "",
  TRUST_PROXY: "",
});

/** BENCH_SCENARIOS=a,b runs only those scenarios of a part (its keys); the report then lists only what ran. */
const onlyScenarios = process.env.BENCH_SCENARIOS ? new Set(process.env.BENCH_SCENARIOS.split(",").map((s) => s.trim())) : null;
export const runsScenario = (key: string) => !onlyScenarios || onlyScenarios.has(key);

/** A slow answer is measured, not counted as an error (PGlite queues every request behind one connection). */
export const timeoutSeconds = 120;

/** The value at quantile `q` of ascending `sorted` (NaN when empty). */
export const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN);

/** CPU ms of each backend connected to `database`, or null where it cannot be read: a backend that ends during the run must not take its time with it. */
export async function backendCpu(database: string | null): Promise<Map<number, number> | null> {
  if ((await backendCpuMs(database)) === null) return null;
  const { rows } = await adminQuery(`select pid from pg_stat_activity where datname = '${database ?? ""}'`);
  const cpu = new Map<number, number>();
  for (const { pid } of rows as { pid: number }[]) {
    const ms = cpuMs(pid);
    if (ms !== null) cpu.set(pid, ms);
  }
  return cpu;
}
