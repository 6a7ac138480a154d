// npm run test:e2e — browser end-to-end tests against the real server.
//
// Builds the web app when needed (always with CI=true), seeds the demo data into a fresh database
// (PGlite in a temporary directory, or the PostgreSQL database in E2E_DATABASE_URL), starts
// `node src/server/main.ts` on a free port of 127.0.0.1, drives Debian's Chromium through the flows,
// audits every visited page with axe-core and photographs it into test-results/e2e/.
// Closes with the line "N passed, N failed"; the exit code is 1 when anything failed.
//
// Environment: E2E_DATABASE_URL, E2E_BUILD=1 (force a build), E2E_ONLY=<text> (run the flows whose
// name contains it), E2E_LOG_LEVEL (server log level, default warn), CHROMIUM_PATH.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { Flow, FlowContext } from "./harness/app.ts";
import { chromiumPath, launchBrowser, openPage } from "./harness/browser.ts";
import type { ViewportName } from "./harness/page-checks.ts";
import { PageChecks } from "./harness/page-checks.ts";
import { describe, Results } from "./harness/runner.ts";
import { startServer } from "./harness/server.ts";
import type { RunningServer } from "./harness/server.ts";
import { buildReason, buildWeb, watchBundle } from "./harness/web-build.ts";
import { memberFlows } from "./flows/member.flow.ts";
import { membershipFlows } from "./flows/membership.flow.ts";
import { operatorFlows } from "./flows/operator.flow.ts";
import { passwordResetFlows } from "./flows/password-reset.flow.ts";
import { roomsFlows } from "./flows/rooms.flow.ts";
import { messagesFlows } from "./flows/messages.flow.ts";
import { peopleFlows } from "./flows/people.flow.ts";
import { eventsFlows } from "./flows/events.flow.ts";
import { signedOutFlows } from "./flows/signed-out.flow.ts";
import { xssFlows } from "./flows/xss.flow.ts";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const outDir = path.join(repoRoot, "test-results/e2e");
const axePath = path.join(repoRoot, "node_modules/axe-core/axe.min.js");

const allFlows: Flow[] = [
  ...signedOutFlows,
  ...memberFlows,
  ...operatorFlows,
  ...passwordResetFlows,
  ...membershipFlows,
  ...roomsFlows,
  ...messagesFlows,
  ...peopleFlows,
  ...eventsFlows,
  ...xssFlows,
];

const results = new Results();
let server: RunningServer | null = null;
let browser: Browser | null = null;
let cleaning: Promise<void> | null = null;
let interrupted = false;
let bundleChanged: () => string | null = () => null;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
  })();
  return cleaning;
}

// Output piped into a reader that quits early (`| head`) must not end the run before it cleans up.
process.stdout.on("error", () => undefined);

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.once(signal, () => {
    interrupted = true;
    process.stdout.write(`\n${signal}: stopping the server and the browser\n`);
    void cleanUp().finally(() => {
      process.stdout.write(`interrupted\n${results.summaryLine()}\n`);
      process.exit(130);
    });
  });
}

function step(text: string): void {
  process.stdout.write(`▸ ${text}\n`);
}

async function runFlow(flow: Flow, checks: PageChecks, baseUrl: string): Promise<void> {
  const opened: { page: Page; context: BrowserContext }[] = [];
  const pageErrors: string[] = [];
  const context: FlowContext = {
    baseUrl,
    checks,
    async open(size: ViewportName = "desktop") {
      if (!browser) throw new Error("the browser is not running");
      const next = await openPage(browser, baseUrl, size);
      next.page.on("pageerror", (error) => pageErrors.push(`${next.page.url()}: ${error.message}`));
      opened.push(next);
      return next.page;
    },
  };
  await results.run(flow.name, async () => {
    try {
      await flow.run(context);
      if (pageErrors.length > 0) throw new Error(`uncaught errors in the page:\n${pageErrors.join("\n")}`);
    } catch (error) {
      const shots: string[] = [];
      for (const [index, { page }] of opened.entries()) {
        if (page.isClosed()) continue;
        const shot = await checks.photograph(page, `FAILED-${slugify(flow.name)}-${index + 1}`).catch(() => null);
        if (shot) shots.push(`${path.relative(repoRoot, shot)} (${page.url()})`);
      }
      const log = server?.logTail(15) ?? "";
      const extra = [
        shots.length ? `screenshots: ${shots.join(", ")}` : "",
        log ? `server log (last lines):\n${log}` : "",
        bundleChanged() ?? "",
      ];
      const message = `${describe(error)}\n${extra.filter(Boolean).join("\n")}`;
      const wrapped = new Error(message, { cause: error });
      wrapped.stack = message;
      throw wrapped;
    } finally {
      for (const { context: browserContext } of opened) await browserContext.close().catch(() => undefined);
    }
  });
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 50);
}

async function main(): Promise<number> {
  const started = performance.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath}: apt-get install -y chromium fonts-noto-cjk`);

  const reason = buildReason(repoRoot);
  if (reason) {
    step(`building the web app (${reason})`);
    buildWeb(repoRoot);
  }
  bundleChanged = watchBundle(repoRoot);

  const databaseUrl = process.env.E2E_DATABASE_URL || undefined;
  step(`starting the server on ${databaseUrl ? "PostgreSQL (E2E_DATABASE_URL)" : "PGlite (temporary DATA_DIR)"} with demo data`);
  server = await startServer({ repoRoot, databaseUrl, logFile: path.join(outDir, "server.log") });
  step(`server ready at ${server.baseUrl} (${Math.round(performance.now() - started)} ms); launching Chromium`);
  browser = await launchBrowser();

  const only = process.env.E2E_ONLY;
  const flows = only ? allFlows.filter((flow) => flow.name.includes(only)) : allFlows;
  if (flows.length === 0) throw new Error(`E2E_ONLY=${only} matches no flow`);
  const checks = new PageChecks(results, outDir, axePath);
  for (const flow of flows) {
    if (interrupted) break;
    step(flow.name);
    await runFlow(flow, checks, server.baseUrl);
  }

  const rebuilt = bundleChanged();
  if (rebuilt) process.stdout.write(`\nwarning: ${rebuilt}\n`);
  const notes = checks.notesReport();
  if (notes) process.stdout.write(`\n${notes}\n`);
  if (results.failed > 0) {
    process.stdout.write("\nFailed:\n");
    for (const failure of results.failures) process.stdout.write(`  ✗ ${failure.name}\n`);
  }
  process.stdout.write(
    `\nScreenshots and server log: ${path.relative(repoRoot, outDir)}/ · ${server.databaseLabel} · ${Math.round((performance.now() - started) / 1000)} s\n`,
  );
  return results.failed > 0 ? 1 : 0;
}

let exitCode: number;
try {
  exitCode = await main();
} catch (error) {
  // Could not even run the flows (build, server, browser): that is one failure.
  results.record({ name: "e2e setup", ok: false, ms: 0, detail: describe(error) });
  exitCode = 1;
} finally {
  await cleanUp();
}
process.stdout.write(`${results.summaryLine()}\n`);
process.exit(exitCode);
