// Starts the real server (node src/server/main.ts) as a child process, as an operator would,
// and reads what it prints. Every wait is bounded; only the spawned child is ever killed.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const mainScript = path.join(root, "src/server/main.ts");

export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout/stderr match of `pattern`; rejects after `timeoutMs` or on exit. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with the exit code (or the signal name); rejects after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | string>;
  /** Sends SIGKILL to this child only, if it is still running. */
  kill(): void;
}

export function startServer(env: Record<string, string>): ServerProcess {
  // A clean environment: only what the test names, plus what node needs to run.
  const child = spawn(process.execPath, [mainScript], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", LOG_LEVEL: "info", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const listeners = new Set<() => void>();
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString("utf8");
    for (const l of listeners) l();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString("utf8");
    for (const l of listeners) l();
  });
  const exit = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      resolve(code ?? signal ?? -1);
      for (const l of listeners) l();
    });
  });
  let exitedWith: number | string | undefined;
  void exit.then((c) => (exitedWith = c));

  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(out) ?? pattern.exec(err);
          if (match) return done(() => resolve(match));
          if (exitedWith !== undefined || child.exitCode !== null)
            return done(() =>
              reject(new Error(`server exited (${String(exitedWith ?? child.exitCode)}) before ${String(pattern)}:\n${out}\n${err}`)),
            );
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${String(pattern)}:\n${out}\n${err}`))),
          timeoutMs,
        );
        const done = (fn: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          fn();
        };
        listeners.add(check);
        check();
      });
    },
    exited(timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`server still running after ${timeoutMs} ms:\n${out}\n${err}`)), timeoutMs);
        void exit.then((code) => {
          clearTimeout(timer);
          resolve(code);
        });
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
