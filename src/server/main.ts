// Starts Tsunagu: configuration → data directory → database → migrations → HTTP → jobs.
// Any start-up problem ends the process with one line naming the cause and exit code 1.
import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildApp, type App } from "./app.ts";
import { ConfigError, loadConfig, type Config } from "./platform/config/config.ts";
import { openDatabase, type Database } from "./platform/db/database.ts";
import { housekeeping } from "./platform/db/housekeeping.ts";
import { migrate } from "./platform/db/migrate.ts";
import { backfillMemberProfiles } from "./people/profile-index.ts";
import { enqueueDueDigests } from "./notifications/notifications.digest.ts";
import { searchIndexUsableUnderRls } from "./platform/search/index.ts";
import { prepareSetupToken } from "./setup/setup.service.ts";

function fail(line: string): never {
  process.stderr.write(`tsunagu: ${line}\n`);
  process.exit(1);
}

const reason = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0] : String(error));

function loadOrFail(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

function ensureWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    fail(`DATA_DIR: ${dir} is not a writable directory (${reason(error)})`);
  }
}

async function openOrFail(config: Config): Promise<Database> {
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: path.join(config.dataDir, "db"),
      poolSize: config.databasePoolSize,
    });
    await migrate(database);
    await backfillMemberProfiles(database);
    return database;
  } catch (error) {
    if (config.databaseUrl) fail(`DATABASE_URL: cannot use the database (${reason(error)})`);
    fail(`DATA_DIR: cannot open the embedded database in ${path.join(config.dataDir, "db")} (${reason(error)})`);
  }
}

async function listenOrFail(app: App, config: Config): Promise<void> {
  try {
    await app.fastify.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE") fail(`PORT: ${config.port} is already in use on ${config.host}`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND") fail(`HOST: cannot listen on ${config.host}`);
    if (code === "EACCES") fail(`PORT: not allowed to listen on ${config.port}`);
    fail(`PORT: cannot listen on ${config.host}:${config.port} (${reason(error)})`);
  }
}

async function main(): Promise<void> {
  const config = loadOrFail();
  ensureWritable(config.dataDir);
  const database = await openOrFail(config);
  const app = await buildApp(config, database);
  const log = app.fastify.log;

  const setupToken = await prepareSetupToken(database);
  if (setupToken) {
    log.warn(`No operator account yet. Open ${config.publicUrl}/setup and enter this one-time setup token: ${setupToken}`);
  }

  if (!(await searchIndexUsableUnderRls(database.db))) {
    log.warn(
      "Search scans each network's rows: the database role that ran the migrations is not a superuser, so the search " +
        "index cannot be used under row-level security. A superuser can run once: " +
        "ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF; (docs/decisions/0012-search-under-row-level-security.md)",
    );
  }

  await listenOrFail(app, config);
  app.deps.jobs.start();
  // On PostgreSQL: LISTEN for other processes' events (retried with backoff if it fails).
  await app.deps.realtime.start();
  const housekeepingTimer = setInterval(
    () => void housekeeping(database, app.deps.storage).catch((err: unknown) => log.warn({ err }, "housekeeping failed")),
    3600_000,
  );
  housekeepingTimer.unref();
  // Digests: queued by whichever process ticks first (safe in several processes), at start too, so
  // that frequent restarts do not postpone them.
  const digestTick = () => void enqueueDueDigests(app.deps).catch((err: unknown) => log.warn({ err }, "digest tick failed"));
  digestTick();
  const digestTimer = setInterval(digestTick, 3600_000);
  digestTimer.unref();
  log.info(
    `Tsunagu is running at ${config.publicUrl} (database: ${database.kind === "pglite" ? `embedded, ${config.dataDir}` : "PostgreSQL"})`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing open requests and stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    clearInterval(housekeepingTimer);
    clearInterval(digestTimer);
    // WebSockets closed with 1001, LISTEN stopped, requests and jobs finished — then the database.
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => fail(`unexpected start-up failure (${reason(error)})`));
