// npm run bench — throughput, latency, memory and cold start of the real server, on PostgreSQL
// and on PGlite, against a baseline measured in the same run (Fastify + one primary-key SELECT
// on the same database). Not a test: it prints figures and writes them to docs/benchmarks.md.
//
// For each database: a scratch database (PostgreSQL: a new database, dropped at the end;
// PGlite: a new data directory, removed at the end) holding a network of 33,000 members, a
// benchmark member with a real session; then the baseline and the app, each in its own child
// process (one after the other: PGlite opens its directory from one process only), loaded by
// autocannon from this process; then a cold start on an empty database. Then the CSV import
// (import-bench.ts), the community scale: rooms, posts, stamps, realtime (community-bench.ts),
// people: directory, Japanese search, people you may know (people-bench.ts), and events: the event
// page, the list, 5,000 registrations for one event (events-bench.ts).
//
// Environment (optional): BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres,
// used to create and drop the scratch databases), BENCH_DURATION (seconds per measured run, default 10),
// BENCH_ONLY (api, import, community, people or events: that part alone; community, people and events rewrite
// only their own section of docs/benchmarks.md), BENCH_SCENARIOS and BENCH_DATABASES (some scenarios of the
// community, people or events part, on postgres or pglite; docs left alone), BENCH_PGLITE_POSTS (posts on
// PGlite in the community part, default 100000),
// BENCH_REALTIME_RATE (messages per second in the realtime run, default 500), BENCH_ONLINE (members online
// during the community write scenarios, default 1000), BENCH_PGLITE_PEOPLE (accounts on PGlite in the people
// part, default 1000000), BENCH_PEOPLE_SCALE (sizes of the people part times this; docs left alone),
// BENCH_PGLITE_REGISTRATIONS (registrations on PGlite in the events part, default 5000), BENCH_KEEP_DATABASE
// (1: the people or events part keeps its PostgreSQL database), BENCH_CPU_PROF (a directory:
// the app processes write V8 CPU profiles there, one per scenario).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "kysely";
import * as prettier from "prettier";
import { backfillMemberProfiles } from "../src/server/people/profile-index.ts";
import { hashPassword } from "../src/server/platform/auth/passwords.ts";
import { createSession } from "../src/server/platform/auth/sessions.ts";
import { cookieNames } from "../src/server/platform/http/cookies.ts";
import { openDatabase } from "../src/server/platform/db/database.ts";
import type { Database } from "../src/server/platform/db/database.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import { postgresVersion, runCleanups, scratchDatabase, scratchDir, wasInterrupted } from "./cleanup.ts";
import { elapsed, freePort, load, startServer, stopServer, waitHealthy } from "./processes.ts";
import type { LoadResult, LoadSettings, Server } from "./processes.ts";
import { benchCommunity, communityMarkdown, communityTextTable, fullDataset, writeCommunitySection } from "./community-bench.ts";
import type { CommunityResult } from "./community-bench.ts";
import { benchPeople, fullPeopleDataset, peopleMarkdown, peopleTextTable, writePeopleSection } from "./people-bench.ts";
import type { PeopleDataset, PeopleResult } from "./people-bench.ts";
import { benchEvents, eventsMarkdown, eventsTextTable, fullEventsDataset, writeEventsSection } from "./events-bench.ts";
import type { EventsDataset, EventsResult } from "./events-bench.ts";
import { benchImport, importMarkdown } from "./import-bench.ts";
import type { ImportResult } from "./import-bench.ts";
import { loadNote, machine, markdown, rows, summary, targetCheck, textTable } from "./report.ts";
import type { DatabaseResult, Kind, MethodSettings } from "./report.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const members = 33_000;
const connections = 50;
const durationSeconds = Number(process.env.BENCH_DURATION ?? 10);
const warmupSeconds = 2;
const poolSize = 10;
const targetRatio = 0.6;
const loadSettings: LoadSettings = { connections, warmupSeconds, durationSeconds };
const methodSettings: MethodSettings = { ...loadSettings, members, poolSize };
/**
 * PGlite gets a tenth of the posts and stamps (members and rooms as on PostgreSQL), unless
 * BENCH_PGLITE_POSTS says otherwise (1000000: the full dataset). Generating the full one takes it
 * about 4 minutes, but every request then waits behind its one connection even at a tenth, and the
 * community part should stay within about 15 minutes.
 */
const pglitePosts = Number(process.env.BENCH_PGLITE_POSTS ?? fullDataset.posts / 10);
const pgliteDataset = { ...fullDataset, posts: pglitePosts, stamps: Math.round((fullDataset.stamps * pglitePosts) / fullDataset.posts) };
const pgliteDatasetNote =
  pglitePosts === fullDataset.posts
    ? null
    : `PGlite got ${(pglitePosts / fullDataset.posts).toLocaleString("en", { style: "percent", maximumFractionDigits: 1 })} of the posts and stamps (members and rooms as on PostgreSQL; BENCH_PGLITE_POSTS=1000000 gives it the full dataset, about 4 minutes to generate here): the embedded database runs in the server process on one connection, so every request queues behind the others, and at this size it is already far from every target; the full dataset would only lengthen the run.`;

/**
 * PGlite gets the whole people dataset (generated in about 3 minutes here, 1.5 GB), unless
 * BENCH_PGLITE_PEOPLE (accounts) asks for less: the measured network stays whole, the accounts
 * and the other networks shrink.
 */
const pglitePeopleAccounts = Number(process.env.BENCH_PGLITE_PEOPLE ?? fullPeopleDataset.accounts);
const pglitePeopleScale = pglitePeopleAccounts / fullPeopleDataset.accounts;
/** BENCH_PEOPLE_SCALE=0.1: every size of the people part times 0.1, for trying a change quickly (the docs are left alone). */
const peopleScale = Number(process.env.BENCH_PEOPLE_SCALE ?? 1);
const scaled = (d: PeopleDataset): PeopleDataset => ({
  accounts: Math.round(d.accounts * peopleScale),
  members: Math.round(d.members * peopleScale),
  otherNetworks: d.otherNetworks.map((n) => Math.round(n * peopleScale)),
});
const postgresPeople = scaled(fullPeopleDataset);
const pglitePeople = scaled({
  ...fullPeopleDataset,
  accounts: pglitePeopleAccounts,
  otherNetworks: fullPeopleDataset.otherNetworks.map((n) => Math.round(n * pglitePeopleScale)),
});
const pglitePeopleNote =
  pglitePeopleAccounts === fullPeopleDataset.accounts
    ? null
    : `PGlite got the measured network whole but ${pglitePeopleAccounts.toLocaleString("en")} accounts and other networks ${(pglitePeopleScale * 100).toFixed(0)} % the size (BENCH_PGLITE_PEOPLE; the default is the full deployment).`;

/** PGlite gets the whole events part unless BENCH_PGLITE_REGISTRATIONS asks for fewer registrations (the seats a fifth of them, as on PostgreSQL). */
const pgliteRegistrations = Number(process.env.BENCH_PGLITE_REGISTRATIONS ?? fullEventsDataset.registrations);
const pgliteEvents: EventsDataset = {
  ...fullEventsDataset,
  registrations: pgliteRegistrations,
  rushCapacity: Math.round((fullEventsDataset.rushCapacity * pgliteRegistrations) / fullEventsDataset.registrations),
};
const pgliteEventsNote =
  pgliteRegistrations === fullEventsDataset.registrations
    ? null
    : `PGlite got ${pgliteRegistrations.toLocaleString("en")} registrations for ${pgliteEvents.rushCapacity.toLocaleString("en")} seats (BENCH_PGLITE_REGISTRATIONS): the embedded database serves one statement at a time, so the registrations queue behind each other.`;

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
  // The server indexes members who have no profile index row at start-up: done here, or it would
  // run in the background of the measured requests.
  await backfillMemberProfiles(database);
  // What autovacuum would do soon after a bulk load; plans then match a settled database.
  await sql`analyze`.execute(database.db);
  const seedMs = elapsed(started);
  const { token } = await createSession(database, accountId, { ip: "127.0.0.1", userAgent: "tsunagu-bench" });
  return { accountId, cookie: `${cookieNames.session}=${token}`, seedMs };
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
    repoRoot,
  );
  let baseline: LoadResult;
  try {
    await waitHealthy(baselineServer, performance.now());
    baseline = await load(baselineServer, "/baseline", {}, scratch?.name ?? null, loadSettings);
  } finally {
    await stopServer(baselineServer);
  }
  console.log(`   baseline        ${summary(baseline)}`);

  const appServer = startServer("app", "src/server/main.ts", appEnv, await freePort(), repoRoot);
  let app: LoadResult;
  try {
    await waitHealthy(appServer, performance.now());
    await checkMe(appServer, seeded.cookie, seeded.accountId);
    app = await load(appServer, "/api/me", { cookie: seeded.cookie }, scratch?.name ?? null, loadSettings);
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
    repoRoot,
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

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const started = performance.now();
  console.log(
    `Tsunagu benchmark: ${members.toLocaleString("en")} members, autocannon -c ${connections}, ${warmupSeconds} s warm-up + ${durationSeconds} s\n`,
  );
  const postgres = await postgresVersion();
  const facts = machine(postgres, repoRoot);
  const results: DatabaseResult[] = [];
  const only = process.env.BENCH_ONLY; // "api", "import", "community", "people" or "events": one part of the run
  const runs = (part: string) => !only || only === part;
  if (runs("api")) {
    if (postgres) results.push(await benchDatabase("postgres", `PostgreSQL ${postgres.split(" ")[0]}`));
    results.push(await benchDatabase("pglite", `PGlite ${facts.pglite}`));
  }
  const imports: ImportResult[] = [];
  if (runs("import")) {
    if (postgres) imports.push(await benchImport("postgres", `PostgreSQL ${postgres.split(" ")[0]}`, repoRoot));
    imports.push(await benchImport("pglite", `PGlite ${facts.pglite}`, repoRoot));
  }
  const community: CommunityResult[] = [];
  // BENCH_DATABASES=postgres (or pglite) measures the community and people parts on one database only.
  const onDatabase = (kind: string) => !process.env.BENCH_DATABASES || process.env.BENCH_DATABASES.split(",").includes(kind);
  if (runs("community")) {
    if (postgres && onDatabase("postgres"))
      community.push(await benchCommunity("postgres", `PostgreSQL ${postgres.split(" ")[0]}`, repoRoot, fullDataset, null, loadSettings));
    if (onDatabase("pglite"))
      community.push(await benchCommunity("pglite", `PGlite ${facts.pglite}`, repoRoot, pgliteDataset, pgliteDatasetNote, loadSettings));
    console.log(`\n${communityTextTable(community)}`);
  }
  const people: PeopleResult[] = [];
  if (runs("people")) {
    if (postgres && onDatabase("postgres"))
      people.push(await benchPeople("postgres", `PostgreSQL ${postgres.split(" ")[0]}`, repoRoot, postgresPeople, null, loadSettings));
    if (onDatabase("pglite"))
      people.push(await benchPeople("pglite", `PGlite ${facts.pglite}`, repoRoot, pglitePeople, pglitePeopleNote, loadSettings));
    console.log(`\n${peopleTextTable(people)}`);
  }
  const events: EventsResult[] = [];
  if (runs("events")) {
    if (postgres && onDatabase("postgres"))
      events.push(await benchEvents("postgres", `PostgreSQL ${postgres.split(" ")[0]}`, repoRoot, fullEventsDataset, null, loadSettings));
    if (onDatabase("pglite"))
      events.push(await benchEvents("pglite", `PGlite ${facts.pglite}`, repoRoot, pgliteEvents, pgliteEventsNote, loadSettings));
    console.log(`\n${eventsTextTable(events, loadSettings)}`);
  }
  const docPath = path.join(repoRoot, "docs/benchmarks.md");
  if (
    (only === "community" || only === "people" || only === "events") &&
    (process.env.BENCH_SCENARIOS || process.env.BENCH_DATABASES || (only !== "events" && peopleScale !== 1))
  ) {
    console.log("BENCH_SCENARIOS, BENCH_DATABASES or BENCH_PEOPLE_SCALE set: a partial run, docs/benchmarks.md left as it is.");
    return;
  }
  if (only === "community") {
    // The community part alone takes long enough to be run on its own: it rewrites its own section.
    await writeCommunitySection(docPath, communityMarkdown(community, loadSettings));
    console.log(`\nWrote the community section of docs/benchmarks.md (whole run: ${(elapsed(started) / 1000).toFixed(0)} s).`);
    return;
  }
  if (only === "people") {
    // Like the community part: run on its own, it rewrites its own section.
    await writePeopleSection(docPath, peopleMarkdown(people, loadSettings));
    console.log(`\nWrote the people section of docs/benchmarks.md (whole run: ${(elapsed(started) / 1000).toFixed(0)} s).`);
    return;
  }
  if (only === "events") {
    await writeEventsSection(docPath, eventsMarkdown(events, loadSettings));
    console.log(`\nWrote the events section of docs/benchmarks.md (whole run: ${(elapsed(started) / 1000).toFixed(0)} s).`);
    return;
  }
  if (only) {
    console.log(only === "import" ? `\n${importMarkdown(imports)}` : "");
    console.log("BENCH_ONLY set: docs/benchmarks.md left as it is.");
    return;
  }

  const table = rows(results);
  const load = loadNote(results);
  const target = targetCheck(results, targetRatio);
  console.log(`\n${textTable(table)}\n\n${target}\n${load}`);
  mkdirSync(path.join(repoRoot, "docs"), { recursive: true });
  // Formatted as `prettier --check .` expects, so the written file passes the project's checks.
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  writeFileSync(
    docPath,
    await prettier.format(
      `${markdown(results, facts, table, load, target, methodSettings)}\n${importMarkdown(imports)}\n${communityMarkdown(community, loadSettings)}\n${peopleMarkdown(people, loadSettings)}\n${eventsMarkdown(events, loadSettings)}`,
      { ...options, filepath: docPath },
    ),
  );
  console.log(`\nWrote docs/benchmarks.md (whole run: ${(elapsed(started) / 1000).toFixed(0)} s).`);
}

// The API and import parts take about 4 minutes, the community part about 25 more, the people part
// about 20, the events part about 6; anything far beyond that is a hang, not a slow machine.
const watchdogMinutes = ["api", "import"].includes(process.env.BENCH_ONLY ?? "") ? 20 : process.env.BENCH_ONLY ? 60 : 90;
const watchdog = setTimeout(() => {
  console.error(`\nbench failed: still running after ${watchdogMinutes} minutes; stopping the servers and cleaning up`);
  void runCleanups().finally(() => process.exit(1));
}, watchdogMinutes * 60_000);
watchdog.unref();

try {
  await main();
  await runCleanups();
  // Keep-alive sockets of finished runs must not hold the process open.
  process.exit(0);
} catch (error) {
  // After Ctrl-C the failures are only the servers going away; the signal handler reports and exits.
  if (!wasInterrupted()) console.error(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await runCleanups();
  process.exit(wasInterrupted() ? 130 : 1);
}
