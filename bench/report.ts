// The benchmark's report: the per-database results, the console and markdown tables, the target
// check, the load note, the machine facts and the docs/benchmarks.md text.
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { LoadResult, LoadSettings } from "./processes.ts";

export type Kind = "postgres" | "pglite";

export interface DatabaseResult {
  kind: Kind;
  label: string;
  seedMs: number;
  baseline: LoadResult;
  app: LoadResult;
  coldStartMs: number;
}

/** What the Method section of docs/benchmarks.md states about the run. */
export interface MethodSettings extends LoadSettings {
  members: number;
  poolSize: number;
}

const fmtRps = (n: number) => Math.round(n).toLocaleString("en").padStart(7);
const fmtCpu = (r: LoadResult) => `${r.serverCpuUs.toFixed(0)}${r.dbCpuUs === null ? "" : ` + ${r.dbCpuUs.toFixed(0)}`}`;
const fmtLoad = (r: LoadResult) => `${Math.round(r.otherLoad * 100)} %`;
export const summary = (r: LoadResult) =>
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

export function rows(results: DatabaseResult[]): Row[] {
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

export function textTable(table: Row[]): string {
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

export function targetCheck(results: DatabaseResult[], targetRatio: number): string {
  const postgres = results.find((r) => r.kind === "postgres");
  if (!postgres) return `Target (PostgreSQL: GET /api/me ≥ ${targetRatio} × baseline): not checked, PostgreSQL was not reachable.`;
  const ratio = postgres.app.rps / postgres.baseline.rps;
  const verdict = ratio >= targetRatio ? "met" : "NOT met";
  return `Target (PostgreSQL: GET /api/me ≥ ${targetRatio} × baseline): ${verdict} (${ratio.toFixed(2)} × baseline).`;
}

/** Facts about this machine and the software measured; PGlite's version is read from node_modules under `repoRoot`. */
export function machine(postgres: string | null, repoRoot: string) {
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
export function loadNote(results: DatabaseResult[]): string {
  const worst = Math.max(0, ...results.flatMap((r) => [r.baseline.otherLoad, r.app.otherLoad]));
  if (worst < 0.1) return "The machine was otherwise quiet during the runs (other load below 10 %).";
  return `Other processes used up to ${Math.round(worst * 100)} % of the machine's CPU during the runs: req/s are depressed and noisy; compare CPU µs/req.`;
}

export function markdown(
  results: DatabaseResult[],
  facts: ReturnType<typeof machine>,
  table: Row[],
  load: string,
  target: string,
  settings: MethodSettings,
): string {
  const { members, poolSize, connections, warmupSeconds, durationSeconds } = settings;
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

${target}

${load}
`;
}
