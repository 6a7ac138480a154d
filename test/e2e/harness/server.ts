// The real server as a child process: a free port on 127.0.0.1, a fresh data directory (the
// embedded PGlite database lives there) or a PostgreSQL URL, demo data seeded first.
import { spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface ServerOptions {
  repoRoot: string;
  /** PostgreSQL URL; without it the server uses PGlite in a temporary data directory. */
  databaseUrl: string | undefined;
  /** Where the server's output is written. */
  logFile: string;
}

export interface RunningServer {
  baseUrl: string;
  databaseLabel: string;
  /** Last lines the server wrote, for failure reports. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tsunagu-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    PUBLIC_URL: baseUrl,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
    // Mails go to the outbox the operator reads in the UI.
    SMTP_URL: "",
    DATABASE_URL: options.databaseUrl ?? "",
  };
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });

  // PGlite is one process's database: seed before the server opens it.
  const seed = spawnSync(process.execPath, ["scripts/demo-seed.ts"], { cwd: options.repoRoot, env, encoding: "utf8" });
  if (seed.status !== 0) {
    removeDataDir();
    throw new Error(`demo seed failed (exit ${seed.status ?? seed.signal}):\n${seed.stdout}${seed.stderr}`);
  }

  const log = createWriteStream(options.logFile);
  const child: ChildProcess = spawn(process.execPath, ["src/server/main.ts"], {
    cwd: options.repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  let exitedWith: number | string | null = null;
  void exited.then((code) => (exitedWith = code));

  const logTail = (lines = 30) => {
    try {
      return readFileSync(options.logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
    } catch {
      return "";
    }
  };

  // Last resort when the runner dies without stopping us (an exception, a closed stdout): the
  // server must not outlive it, and the data directory goes too.
  const killOnExit = () => {
    if (exitedWith === null) child.kill("SIGKILL");
    removeDataDir();
  };
  process.once("exit", killOnExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", killOnExit);
    if (exitedWith === null && child.pid !== undefined) {
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    }
    await new Promise<void>((resolve) => log.end(resolve));
    removeDataDir();
  };

  try {
    await waitForHealth(baseUrl, () => exitedWith, 90_000);
  } catch (error) {
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${logTail()}`, { cause: error });
  }
  return { baseUrl, databaseLabel: options.databaseUrl ? "PostgreSQL" : "PGlite", logTail, stop };
}

async function waitForHealth(baseUrl: string, exitCode: () => number | string | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const code = exitCode();
    if (code !== null) throw new Error(`the server exited (${code}) before answering /api/health`);
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`the server did not answer ${baseUrl}/api/health within ${timeoutMs / 1000} s`);
    await sleep(150);
  }
}
