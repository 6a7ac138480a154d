// Builds the web app (vite → dist/web) when the tests would otherwise run an old or missing bundle:
// always on CI (CI=true) or with E2E_BUILD=1, else only when dist/web is missing or older than
// its sources.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const sources = ["src/web", "src/shared", "vite.config.ts", "postcss.config.cjs", "package-lock.json"];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Why the bundle must be built, or null when the existing one is current. */
export function buildReason(repoRoot: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CI === "true") return "CI=true";
  if (env.E2E_BUILD === "1" || env.E2E_BUILD === "true") return "E2E_BUILD is set";
  const index = path.join(repoRoot, "dist/web/index.html");
  if (!existsSync(index)) return "dist/web is missing";
  const built = statSync(index).mtimeMs;
  const changed = sources.find((source) => newestMtime(path.join(repoRoot, source)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

export function buildWeb(repoRoot: string): void {
  const vite = path.join(repoRoot, "node_modules/vite/bin/vite.js");
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: repoRoot, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

/** Notices a rebuild of dist/web by someone else while the tests run (the old chunks are gone then). */
export function watchBundle(repoRoot: string): () => string | null {
  const index = path.join(repoRoot, "dist/web/index.html");
  const mtime = () => (existsSync(index) ? statSync(index).mtimeMs : 0);
  const startedWith = mtime();
  return () =>
    mtime() === startedWith
      ? null
      : "dist/web was rebuilt by another process while the tests ran: pages may have failed to load their chunks; run again";
}
