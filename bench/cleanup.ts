// Cleanup on every way out (exit, Ctrl-C, crash) for the benchmark, and the scratch state it undoes:
// PostgreSQL scratch databases (through the admin connection at BENCH_POSTGRES_URL) and scratch directories.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

// ---------------------------------------------------------------- cleanup on every way out

/** Child servers still running; killed on every way out. */
export const children = new Set<ChildProcess>();
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

export async function runCleanups(): Promise<void> {
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

/** True once SIGINT or SIGTERM arrived: its handler then reports, cleans up and exits. */
export const wasInterrupted = () => interrupted;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------- PostgreSQL scratch databases

export async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The server's version, or null (with the reason printed) when PostgreSQL cannot be used. */
export async function postgresVersion(): Promise<string | null> {
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

export async function scratchDatabase(suffix: string): Promise<{ name: string; url: string; drop: () => Promise<void>; keep: () => void }> {
  const name = `tsunagu_bench_${randomBytes(5).toString("hex")}${suffix}`;
  // Registered before it exists, and the cleanup waits for the creation: a Ctrl-C while
  // CREATE DATABASE runs must still drop it.
  const creating = adminQuery(`create database ${name}`);
  let kept = false;
  const drop = onCleanup(async () => {
    await creating.catch(() => undefined);
    if (kept) return;
    await adminQuery(`drop database if exists ${name} with (force)`);
  });
  await creating;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop,
    keep: () => {
      kept = true;
    },
  };
}

export function scratchDir(label: string): { dir: string; remove: () => Promise<void> } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tsunagu-bench-${label}-`));
  scratchDirs.add(dir);
  const remove = onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    scratchDirs.delete(dir);
  });
  return { dir, remove };
}
