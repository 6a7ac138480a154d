// The people benchmark (issue 5): a network of 100,000 members in a deployment of 1,000,000
// accounts (people-seed.ts), then the real server — the directory's first page with two filters
// and the Japanese search at 50 connections against the baseline measured in the same run, and
// the latency one client sees (p95) for a common and a rare two-character search and for
// "people you may know" asked by 50 members in turn. On PostgreSQL, EXPLAIN ANALYZE of the
// statements the app sends says what the time goes to.
//
// The scenarios are data (`scenarios` below). A scenario whose endpoint is not in the contract,
// or answers 404, is reported as not available.
import os from "node:os";
import path from "node:path";
import { Kysely, PostgresDialect, sql, type CompiledQuery } from "kysely";
import pg from "pg";
import { hashPassword } from "../src/server/platform/auth/passwords.ts";
import { hashSecret, newSecret } from "../src/server/platform/auth/tokens.ts";
import { cookieNames } from "../src/server/platform/http/cookies.ts";
import type { MemberActor } from "../src/server/platform/http/context.ts";
import { openDatabase } from "../src/server/platform/db/database.ts";
import type { Database } from "../src/server/platform/db/database.ts";
import type { DB } from "../src/server/platform/db/schema.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";
import { planForItsValuesMarker } from "../src/server/platform/db/named-statements.ts";
import { inSystem, inTenant, scopeSettingsSql } from "../src/server/platform/tenancy/scope.ts";
import { listDirectory } from "../src/server/people/directory.service.ts";
import { listSuggestions } from "../src/server/people/suggestions.service.ts";
import { directoryFilters } from "../src/shared/contract/people.ts";
import { adminQuery, scratchDatabase, scratchDir } from "./cleanup.ts";
import { endpoints, idSql, pathOf, uuidOf, writeDocSection } from "./community-bench.ts";
import { accountLabel, fullPeopleDataset, generatePeople, mainLabel, searchTerms, suggestionMembers } from "./people-seed.ts";
import type { PeopleDataset, PeopleGeneration } from "./people-seed.ts";
import {
  backendCpu,
  benchAppEnv,
  cpuMs,
  elapsed,
  freePort,
  load,
  machineBusyMs,
  measureBaseline,
  ownCpuMs,
  quantile,
  rssMb,
  runsScenario,
  startServer,
  stopServer,
  timeoutSeconds,
  waitHealthy,
} from "./processes.ts";
import type { LoadResult, LoadSettings, Server } from "./processes.ts";
import type { Kind } from "./report.ts";

export { fullPeopleDataset };
export type { PeopleDataset };

export const peopleTargets = {
  directory: { ratio: 0.3 },
  search: { ratio: 0.25, p95Ms: 30 },
  suggestions: { p95Ms: 50 },
} as const;

// ---------------------------------------------------------------- sessions

interface Session {
  ordinal: number;
  memberId: string;
  cookie: string;
}

/** Sessions for the benchmark member (0) and the members who ask for suggestions, written in one statement. */
async function createSessions(database: Database, ordinals: number[]): Promise<Session[]> {
  const sessions = [0, ...ordinals].map((ordinal) => ({ ordinal, token: newSecret(), csrf: newSecret(24) }));
  const rows = JSON.stringify(sessions.map((s) => ({ n: s.ordinal, h: hashSecret(s.token), c: s.csrf })));
  // Member g of the measured network is on account g (people-seed.ts).
  await inSystem(database, (tx) =>
    sql`
      insert into sessions (account_id, token_hash, csrf_token, ip, user_agent, expires_at)
      select ${idSql(accountLabel, "s.n")}, s.h, s.c, '127.0.0.1', 'tsunagu-bench', now() + interval '30 days'
      from jsonb_to_recordset(${rows}::jsonb) as s(n int, h text, c text)`.execute(tx),
  );
  return sessions.map((s) => ({ ordinal: s.ordinal, memberId: uuidOf(mainLabel, s.ordinal), cookie: `${cookieNames.session}=${s.token}` }));
}

// ---------------------------------------------------------------- scenarios

interface Context {
  server: Server;
  networkId: string;
  bench: Session;
  askers: Session[];
  generation: PeopleGeneration;
}

interface Scenario {
  key: string;
  label: string;
  /** The contract endpoint; a scenario whose endpoint is not in the contract is not measured. */
  endpoint: string;
  /** 1: one client, requests one after the other (latency percentiles); otherwise autocannon's connections. */
  clients: "one" | "load";
  target: { ratio?: number; p95Ms?: number } | null;
  /** The requests, taken in turn. */
  requests(ctx: Context): { path: string; cookie: string }[];
  /** Checks one answer by hand before the run: an error message, or null when it is a real answer. */
  check(ctx: Context, body: unknown): string | null;
}

const directoryQuery = "role=alumni&openTo=comeback";
const searchPath = (ctx: Context, term: string) => `${pathOf("listDirectory", { networkId: ctx.networkId })}?q=${encodeURIComponent(term)}`;

interface Page {
  items?: { role?: string; openTo?: string[]; nameHighlights?: unknown[]; readingHighlights?: unknown[]; matches?: unknown[] }[];
  nextCursor?: string | null;
}

function checkDirectory(_ctx: Context, body: unknown): string | null {
  const page = body as Page;
  if (page.items?.length !== 24 || !page.nextCursor) return `expected a full page and a cursor, got ${page.items?.length ?? "no"} items`;
  if (!page.items.every((i) => i.role === "alumni" && i.openTo?.includes("comeback"))) return "a card that does not match the filters";
  return null;
}

const checkSearch = (expected: (ctx: Context) => number) => (ctx: Context, body: unknown) => {
  const page = body as Page;
  const want = Math.min(24, expected(ctx));
  // The counts are over everyone; the benchmark member has blocked two members, who may be among them.
  if ((page.items?.length ?? 0) < Math.min(want, Math.max(1, want - 2)))
    return `expected about ${want} hits, got ${page.items?.length ?? "none"}`;
  const highlighted = (i: NonNullable<Page["items"]>[number]) =>
    (i.nameHighlights?.length ?? 0) + (i.readingHighlights?.length ?? 0) + (i.matches?.length ?? 0) > 0;
  if (!page.items?.every(highlighted)) return "a hit without a highlighted match";
  return null;
};

const scenarios: Scenario[] = [
  {
    key: "directory",
    label: `directory, first page: ${directoryQuery}, by name`,
    endpoint: "listDirectory",
    clients: "load",
    target: { ratio: peopleTargets.directory.ratio },
    requests: (ctx) => [{ path: `${pathOf("listDirectory", { networkId: ctx.networkId })}?${directoryQuery}`, cookie: ctx.bench.cookie }],
    check: checkDirectory,
  },
  {
    key: "directory1",
    label: `directory, first page: ${directoryQuery}, by name`,
    endpoint: "listDirectory",
    clients: "one",
    target: null,
    requests: (ctx) => [{ path: `${pathOf("listDirectory", { networkId: ctx.networkId })}?${directoryQuery}`, cookie: ctx.bench.cookie }],
    check: checkDirectory,
  },
  {
    key: "search1",
    label: `search “${searchTerms.common}” (2 characters, common)`,
    endpoint: "listDirectory",
    clients: "one",
    target: { p95Ms: peopleTargets.search.p95Ms },
    requests: (ctx) => [{ path: searchPath(ctx, searchTerms.common), cookie: ctx.bench.cookie }],
    check: checkSearch((ctx) => ctx.generation.counts.common),
  },
  {
    key: "search",
    label: `search “${searchTerms.common}” (2 characters, common)`,
    endpoint: "listDirectory",
    clients: "load",
    target: { ratio: peopleTargets.search.ratio },
    requests: (ctx) => [{ path: searchPath(ctx, searchTerms.common), cookie: ctx.bench.cookie }],
    check: checkSearch((ctx) => ctx.generation.counts.common),
  },
  {
    key: "rare1",
    label: `search “${searchTerms.rare}” (2 characters, rare)`,
    endpoint: "listDirectory",
    clients: "one",
    target: { p95Ms: peopleTargets.search.p95Ms },
    requests: (ctx) => [{ path: searchPath(ctx, searchTerms.rare), cookie: ctx.bench.cookie }],
    check: checkSearch((ctx) => ctx.generation.counts.rare),
  },
  {
    key: "suggestions1",
    label: `people you may know (${suggestionMembers} members in turn)`,
    endpoint: "listSuggestions",
    clients: "one",
    target: { p95Ms: peopleTargets.suggestions.p95Ms },
    requests: (ctx) => ctx.askers.map((s) => ({ path: pathOf("listSuggestions", { networkId: ctx.networkId }), cookie: s.cookie })),
    check: (_ctx, body) => ((body as { items?: unknown[] }).items?.length ? null : "no suggestions for the first member"),
  },
];

// ---------------------------------------------------------------- one client

export interface Measured {
  clients: number;
  rps: number;
  /** Latency percentiles (ms) of one client's requests; p50 and p95 are not measured under load (autocannon gives p99). */
  p50: number | null;
  p95: number | null;
  p99: number;
  requests: number;
  rssMb: number;
  serverCpuUs: number;
  dbCpuUs: number | null;
  otherLoad: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One client: requests one after the other on a keep-alive connection for the warm-up, then for
 * the measured run; latency from sending to the last byte of the answer. CPU and other load as
 * `load` measures them (processes.ts).
 */
async function oneClient(
  server: Server,
  requests: { path: string; cookie: string }[],
  databaseName: string | null,
  settings: LoadSettings,
): Promise<Measured> {
  const base = `http://127.0.0.1:${server.port}`;
  let n = 0;
  const once = async () => {
    const r = requests[n++ % requests.length] as { path: string; cookie: string };
    const started = performance.now();
    const response = await fetch(base + r.path, { headers: { cookie: r.cookie }, signal: AbortSignal.timeout(timeoutSeconds * 1000) });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${server.name} on ${r.path}: ${response.status}\n${server.output()}`);
    return performance.now() - started;
  };
  const runFor = async (seconds: number) => {
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) latencies.push(await once());
    return latencies;
  };
  await runFor(settings.warmupSeconds);
  const [server0, db0] = [cpuMs(server.pid), await backendCpu(databaseName)];
  const [machine0, own0, wall0] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const latencies = await runFor(settings.durationSeconds);
  const [machine1, own1, wall1] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const [server1, db1] = [cpuMs(server.pid), await backendCpu(databaseName)];
  latencies.sort((a, b) => a - b);
  const dbMs = db0 && db1 ? [...db1].reduce((sum, [pid, ms]) => sum + ms - (db0.get(pid) ?? 0), 0) : null;
  const benchMs = own1 - own0 + ((server1 ?? 0) - (server0 ?? 0)) + (dbMs ?? 0);
  const perRequest = (before: number | null, after: number | null) =>
    before === null || after === null ? null : ((after - before) * 1000) / latencies.length;
  return {
    clients: 1,
    rps: latencies.length / ((wall1 - wall0) / 1000),
    p50: round1(quantile(latencies, 0.5)),
    p95: round1(quantile(latencies, 0.95)),
    p99: round1(quantile(latencies, 0.99)),
    requests: latencies.length,
    rssMb: rssMb(server.pid),
    serverCpuUs: perRequest(server0, server1) ?? Number.NaN,
    dbCpuUs: dbMs === null ? null : (dbMs * 1000) / latencies.length,
    otherLoad: Math.max(0, machine1 - machine0 - benchMs) / ((wall1 - wall0) * os.availableParallelism()),
  };
}

const fromLoad = (r: LoadResult, connections: number): Measured => ({ ...r, clients: connections, p50: null, p95: null });

// ---------------------------------------------------------------- what the time goes to

export interface PlanNote {
  what: string;
  executionMs: number;
  planningMs: number;
  jitMs: number | null;
  /** Prepared with a generic plan, as the app's read routes run it; false: sent with its values inlined. */
  generic: boolean;
  /** The same statement planned for its values (a custom plan), for comparison. */
  customMs: number | null;
  /** The nodes that took most of the time (their own time, children excluded). */
  top: { node: string; ms: number; rows: number }[];
  text: string;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Subplan Name"?: string;
  "Index Name"?: string;
  Alias?: string;
  "Actual Total Time"?: number;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  Plans?: PlanNode[];
}

/** The statements a service sends, captured from a Kysely that logs them (its reads run in the same scope the app uses). */
async function capture(
  databaseUrl: string,
  database: Database,
  run: (db: Database) => Promise<unknown>,
): Promise<{ compiled: CompiledQuery; ms: number }[]> {
  const seen: { compiled: CompiledQuery; ms: number }[] = [];
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === "query" && /^\s*(select|with)\b/i.test(event.query.sql))
        seen.push({ compiled: event.query, ms: event.queryDurationMillis });
    },
  });
  try {
    await run({ ...database, db });
  } finally {
    await db.destroy();
  }
  return seen;
}

interface ExplainJson {
  Plan: PlanNode;
  "Execution Time": number;
  "Planning Time": number;
  JIT?: { Timing?: { Total?: number } };
}

/**
 * EXPLAIN ANALYZE of the slowest statement a request sends, as the app's read routes run it
 * (tenancy/scoped-read.ts): in the tenant scope, prepared and executed with its parameters as
 * literals under plan_cache_mode = force_generic_plan — or, for a statement PostgreSQL cannot
 * prepare, with the literals inlined. Then the same with a custom plan, for comparison.
 */
async function explainRequest(
  databaseUrl: string,
  database: Database,
  what: string,
  scope: { networkId: string; accountId: string },
  run: (db: Database) => Promise<unknown>,
): Promise<PlanNote> {
  const statements = await capture(databaseUrl, database, run);
  const slowest = statements.sort((a, b) => b.ms - a.ms)[0];
  if (!slowest) throw new Error(`${what}: no statement captured`);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const literals = slowest.compiled.parameters.map((value) => database.literal(value));
    const begin = `begin; select ${scopeSettingsSql(database, { kind: "tenant", ...scope })}`;
    await client.query(begin);
    const inlined = slowest.compiled.sql.replace(/\$(\d+)/g, (_, n: string) => literals[Number(n) - 1] ?? "NULL");
    let statement = `execute bench_plan${literals.length ? `(${literals.join(", ")})` : ""}`;
    // The app never prepares a statement marked to be planned for its values (a text search).
    let generic = !slowest.compiled.sql.includes(planForItsValuesMarker);
    if (generic) {
      try {
        await client.query(`prepare bench_plan as ${slowest.compiled.sql}`);
      } catch {
        await client.query("rollback");
        await client.query(begin);
        generic = false;
      }
    }
    if (!generic) statement = inlined;
    const explain = async (mode: string) => {
      await client.query(`set local plan_cache_mode = ${mode}`);
      // Once first, so the plan is cached and the pages are in memory, as on a warm server.
      await client.query(statement);
      const json = (await client.query(`explain (analyze, buffers, format json) ${statement}`)) as unknown as {
        rows: { "QUERY PLAN": [ExplainJson] }[];
      };
      const text = (await client.query(`explain (analyze, buffers) ${statement}`)) as unknown as { rows: { "QUERY PLAN": string }[] };
      const plan = json.rows[0]?.["QUERY PLAN"][0];
      if (!plan) throw new Error(`${what}: no plan`);
      return { plan, text: text.rows.map((r) => r["QUERY PLAN"]).join("\n") };
    };
    const { plan, text } = await explain(generic ? "force_generic_plan" : "auto");
    const custom = generic ? (await explain("force_custom_plan")).plan["Execution Time"] : null;
    await client.query("rollback");
    const nodes: { node: string; ms: number; rows: number }[] = [];
    const total = (p: PlanNode) => (p["Actual Total Time"] ?? 0) * (p["Actual Loops"] ?? 1);
    // A CTE Scan's time includes running its CTE on demand, whose nodes are listed apart (as the
    // plan's InitPlans): the time is counted in the CTE's nodes, each named with its CTE.
    const walk = (p: PlanNode, within: string | null) => {
      const cte = p["Subplan Name"]?.startsWith("CTE ") ? p["Subplan Name"].slice(4) : within;
      const own = total(p) - (p.Plans ?? []).reduce((sum, c) => sum + total(c), 0);
      const on = p["Index Name"] ? ` using ${p["Index Name"]}` : p["Relation Name"] ? ` on ${p["Relation Name"]}` : "";
      if (p["Node Type"] !== "CTE Scan")
        nodes.push({
          node: `${p["Node Type"]}${on}${cte ? ` (in ${cte})` : ""}`,
          ms: own,
          rows: (p["Actual Rows"] ?? 0) * (p["Actual Loops"] ?? 1),
        });
      for (const c of p.Plans ?? []) walk(c, cte);
    };
    walk(plan.Plan, null);
    return {
      what,
      executionMs: plan["Execution Time"],
      planningMs: plan["Planning Time"],
      jitMs: plan.JIT?.Timing?.Total ?? null,
      generic,
      customMs: custom,
      top: nodes.sort((a, b) => b.ms - a.ms).slice(0, 3),
      text,
    };
  } finally {
    await client.end();
  }
}

async function explainAll(databaseUrl: string, ctx: Omit<Context, "server">): Promise<PlanNote[]> {
  const database = await openDatabase({ databaseUrl, poolSize: 1 });
  const notes: PlanNote[] = [];
  try {
    const scopeOf = (s: Session) => ({ networkId: ctx.networkId, accountId: uuidOf(accountLabel, s.ordinal) });
    const actorOf = (db: Database, s: Session, role: "alumni" | "employee" | "admin", fn: (actor: MemberActor) => Promise<unknown>) =>
      inTenant(db, ctx.networkId, uuidOf(accountLabel, s.ordinal), (tx) =>
        fn({ tx, networkId: ctx.networkId, membershipId: s.memberId, role, afterCommit: () => undefined } as unknown as MemberActor),
      );
    const directory = (q: string, extra: Record<string, string> = {}) =>
      ({ ...directoryFilters.parse({ q, ...extra }), sort: "name" }) as Parameters<typeof listDirectory>[1];
    const cases: [string, Session, (actor: MemberActor) => Promise<unknown>][] = [
      [`directory (${directoryQuery})`, ctx.bench, (a) => listDirectory(a, directory("", { role: "alumni", openTo: "comeback" }))],
      [`search “${searchTerms.common}”`, ctx.bench, (a) => listDirectory(a, directory(searchTerms.common))],
      [`search “${searchTerms.rare}”`, ctx.bench, (a) => listDirectory(a, directory(searchTerms.rare))],
    ];
    const asker = ctx.askers[0];
    if (asker && endpoints.has("listSuggestions")) cases.push(["people you may know", asker, (a) => listSuggestions(a)]);
    for (const [what, session, fn] of cases) {
      const role = (
        await inSystem(database, (tx) =>
          tx
            .selectFrom("memberships")
            .select("role")
            .where("network_id", "=", ctx.networkId)
            .where("id", "=", session.memberId)
            .executeTakeFirstOrThrow(),
        )
      ).role;
      try {
        const note = await explainRequest(databaseUrl, database, what, scopeOf(session), (db) => actorOf(db, session, role, fn));
        notes.push(note);
        console.log(
          `\n   EXPLAIN ANALYZE, ${what} (${note.generic ? `generic plan; custom: ${note.customMs?.toFixed(1)} ms` : "inlined"}):\n${note.text.replace(/^/gm, "     ")}`,
        );
      } catch (error) {
        console.log(`   EXPLAIN of ${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await database.close();
  }
  return notes;
}

// ---------------------------------------------------------------- one database

export interface PeopleScenarioResult {
  key: string;
  label: string;
  clients: number;
  target: Scenario["target"];
  result: Measured | null;
  /** Why it was not measured. */
  skipped?: string;
}

export interface PeopleResult {
  kind: Kind;
  label: string;
  dataset: PeopleDataset;
  datasetNote: string | null;
  generation: PeopleGeneration;
  baseline: LoadResult;
  scenarios: PeopleScenarioResult[];
  plans: PlanNote[];
  /** The whole part on this database: generation, runs, plans. */
  totalMs: number;
}

export async function benchPeople(
  kind: Kind,
  label: string,
  repoRoot: string,
  data: PeopleDataset,
  datasetNote: string | null,
  settings: LoadSettings,
): Promise<PeopleResult> {
  const started = performance.now();
  console.log(
    `== people: ${label}, ${data.accounts.toLocaleString("en")} accounts, ${data.members.toLocaleString("en")} members in the measured network, ` +
      `${data.otherNetworks.length} other networks (${data.otherNetworks.reduce((a, b) => a + b, 0).toLocaleString("en")} members)`,
  );
  const files = scratchDir(`${kind}-people`);
  const scratch = kind === "postgres" ? await scratchDatabase("_people") : null;
  const pgliteDir = path.join(files.dir, "db");
  try {
    const database = await openDatabase({ databaseUrl: scratch?.url, pgliteDir, poolSize: 2 });
    let generation: PeopleGeneration;
    let sessions: Session[];
    try {
      await migrate(database);
      generation = await generatePeople(database, data, await hashPassword("tsunagu-bench-password"));
      const c = generation.counts;
      console.log(
        `   generated in ${(generation.totalMs / 1000).toFixed(1)} s, database ${generation.databaseMb} MB; as an alumna sees them: ` +
          `${c.directory} match the directory's filters, ${c.common} “${searchTerms.common}”, ${c.rare} “${searchTerms.rare}”`,
      );
      sessions = await createSessions(database, generation.suggestionOrdinals);
    } finally {
      await database.close();
    }
    const [bench, ...askers] = sessions as [Session, ...Session[]];

    const baseline = await measureBaseline(scratch, pgliteDir, uuidOf(accountLabel, 0), settings, repoRoot, 60);
    const appEnv = benchAppEnv(files.dir, scratch?.url);
    const results: PeopleScenarioResult[] = [];
    /**
     * A fresh server for each scenario, as in the community part: requests a load run leaves
     * queued (a slow search at 50 connections, or anything on PGlite's one connection) must not
     * weigh on the next scenario. On PostgreSQL their statements are ended too.
     */
    const withApp = async <T>(fn: (server: Server) => Promise<T>): Promise<T> => {
      const server = startServer("app", "src/server/main.ts", appEnv, await freePort(), repoRoot);
      try {
        await waitHealthy(server, performance.now(), 300_000);
        return await fn(server);
      } finally {
        await stopServer(server);
        if (scratch)
          await adminQuery(
            `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${scratch.name}' and pid <> pg_backend_pid()`,
          );
      }
    };
    for (const scenario of scenarios) {
      if (!runsScenario(scenario.key)) continue;
      const clients = scenario.clients === "one" ? 1 : settings.connections;
      const entry = { key: scenario.key, label: scenario.label, clients, target: scenario.target };
      const line = (text: string) =>
        console.log(`   ${`${scenario.label}, ${clients === 1 ? "1 client" : `${clients} conn.`}`.padEnd(60)} ${text}`);
      const skip = (why: string) => {
        results.push({ ...entry, result: null, skipped: why });
        line(why);
      };
      if (!endpoints.has(scenario.endpoint)) {
        skip(`not available: ${scenario.endpoint} is not in the contract yet`);
        continue;
      }
      await withApp(async (server) => {
        const ctx: Context = { server, networkId: generation.networkId, bench, askers, generation };
        const requests = scenario.requests(ctx);
        const first = requests[0] as { path: string; cookie: string };
        const response = await fetch(`http://127.0.0.1:${server.port}${first.path}`, { headers: { cookie: first.cookie } });
        const body = (await response.json()) as unknown;
        if (response.status === 404) return skip(`not available: ${first.path.split("?")[0] ?? ""} answers 404`);
        const wrong = response.status === 200 ? scenario.check(ctx, body) : `${response.status} ${JSON.stringify(body).slice(0, 200)}`;
        if (wrong) return skip(`a wrong answer: ${wrong}`);
        try {
          const result =
            scenario.clients === "one"
              ? await oneClient(server, requests, scratch?.name ?? null, settings)
              : fromLoad(
                  await load(server, first.path, { cookie: first.cookie }, scratch?.name ?? null, settings, { timeout: timeoutSeconds }),
                  clients,
                );
          results.push({ ...entry, result });
          const ratio = (result.rps / baseline.rps).toFixed(2);
          line(
            `${Math.round(result.rps).toLocaleString("en").padStart(6)} req/s, ${result.p95 === null ? "" : `p50 ${result.p50} ms, p95 ${result.p95} ms, `}p99 ${result.p99} ms, ${ratio} × baseline`,
          );
        } catch (error) {
          // Reported as what went wrong ("50 non-2xx … (status codes: 500×50)") and the server's first error.
          const message = error instanceof Error ? error.message : String(error);
          const firstLine = message.split("\n")[0] ?? "";
          const reason = firstLine.includes(" of 0 (") ? "no request completed within the run" : firstLine.replace(/^.*? on \/\S*: /, "");
          const said = /"message":"([^"]{1,120})/.exec(message)?.[1];
          skip(`${reason}${said ? `; the server: “${said}”` : ""}`);
          console.log(message);
        }
      });
    }

    let plans: PlanNote[] = [];
    if (scratch) plans = await explainAll(scratch.url, { networkId: generation.networkId, bench, askers, generation });
    const result: PeopleResult = {
      kind,
      label,
      dataset: data,
      datasetNote,
      generation,
      baseline,
      scenarios: results,
      plans,
      totalMs: elapsed(started),
    };
    if (plans.length > 0) console.log(`\n   What the time goes to:\n${planLines(result).replace(/^/gm, "   ")}`);
    return result;
  } finally {
    // BENCH_KEEP_DATABASE=1 leaves the PostgreSQL database for inspection (EXPLAIN, a server started by hand).
    if (process.env.BENCH_KEEP_DATABASE === "1" && scratch) {
      scratch.keep();
      console.log(`   kept ${scratch.url} (drop it when done)`);
    }
    await scratch?.drop();
    await files.remove();
  }
}

// ---------------------------------------------------------------- report

const int = (n: number) => Math.round(n).toLocaleString("en");

interface ReportRow {
  database: string;
  scenario: string;
  clients: string;
  rps: string;
  p95: string;
  p99: string;
  ratio: string;
  target: string;
  verdict: string;
  cpu: string;
  other: string;
}

function targetText(t: Scenario["target"]): string {
  if (!t) return "(no target)";
  return [t.ratio === undefined ? null : `≥ ${t.ratio}×`, t.p95Ms === undefined ? null : `p95 ≤ ${t.p95Ms} ms`].filter(Boolean).join(", ");
}

function verdictOf(s: PeopleScenarioResult, baseline: LoadResult): boolean | null {
  if (!s.target || !s.result) return null;
  const ratioOk = s.target.ratio === undefined || s.result.rps / baseline.rps >= s.target.ratio;
  const p95Ok = s.target.p95Ms === undefined || (s.result.p95 !== null && s.result.p95 <= s.target.p95Ms);
  return ratioOk && p95Ok;
}

function reportRows(r: PeopleResult): ReportRow[] {
  const cpu = (x: { serverCpuUs: number; dbCpuUs: number | null }) =>
    `${x.serverCpuUs.toFixed(0)}${x.dbCpuUs === null ? "" : ` + ${x.dbCpuUs.toFixed(0)}`}`;
  const rows: ReportRow[] = [
    {
      database: r.label,
      scenario: "baseline: Fastify + 1 PK SELECT",
      clients: String(50),
      rps: int(r.baseline.rps),
      p95: "—",
      p99: String(r.baseline.p99),
      ratio: "1.00",
      target: "—",
      verdict: "—",
      cpu: cpu(r.baseline),
      other: `${Math.round(r.baseline.otherLoad * 100)} %`,
    },
  ];
  for (const s of r.scenarios) {
    const base = { database: r.label, scenario: s.label, clients: String(s.clients), target: targetText(s.target) };
    if (!s.result) {
      const notAvailable = s.skipped?.startsWith("not available") ?? false;
      rows.push({
        ...base,
        rps: "—",
        p95: "—",
        p99: "—",
        ratio: "—",
        verdict: s.target && !notAvailable ? `NOT met: ${s.skipped ?? ""}` : (s.skipped ?? ""),
        cpu: "—",
        other: "—",
      });
      continue;
    }
    const ok = verdictOf(s, r.baseline);
    rows.push({
      ...base,
      rps: int(s.result.rps),
      p95: s.result.p95 === null ? "—" : String(s.result.p95),
      p99: String(s.result.p99),
      ratio: (s.result.rps / r.baseline.rps).toFixed(2),
      verdict: ok === null ? "—" : ok ? "met" : "NOT met",
      cpu: cpu(s.result),
      other: `${Math.round(s.result.otherLoad * 100)} %`,
    });
  }
  return rows;
}

const columns: [keyof ReportRow, string, boolean][] = [
  ["database", "database", false],
  ["scenario", "scenario", false],
  ["clients", "clients", true],
  ["rps", "req/s", true],
  ["p95", "p95 ms", true],
  ["p99", "p99 ms", true],
  ["ratio", "ratio to baseline", true],
  ["target", "target", false],
  ["verdict", "result", false],
  ["cpu", "CPU µs/req (server + db)", true],
  ["other", "other load", true],
];

export function peopleTextTable(results: PeopleResult[]): string {
  const table = results.flatMap(reportRows);
  const widths = columns.map(([key, title]) => Math.max(title.length, ...table.map((row) => row[key].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (columns[i]?.[2] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
  return [
    line(columns.map(([, t]) => t)),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...table.map((row) => line(columns.map(([k]) => row[k]))),
  ].join("\n");
}

/** One line on the targets, as the issue states them (checked on PostgreSQL). */
function targetSummary(results: PeopleResult[]): string {
  const postgres = results.find((r) => r.kind === "postgres");
  if (!postgres) return "Targets (PostgreSQL): not checked, PostgreSQL was not measured.";
  const parts = postgres.scenarios
    .filter((s) => s.target)
    .map((s) => {
      const ok = verdictOf(s, postgres.baseline);
      const shown = s.result
        ? [
            s.target?.ratio !== undefined ? `${(s.result.rps / postgres.baseline.rps).toFixed(2)} ×` : null,
            s.target?.p95Ms !== undefined ? `p95 ${s.result.p95} ms` : null,
          ]
            .filter(Boolean)
            .join(", ")
        : (s.skipped ?? "not measured");
      const verdict = s.skipped?.startsWith("not available") ? "not measured" : ok ? "met" : "**NOT met**";
      return `${s.label} (${s.clients === 1 ? "1 client" : `${s.clients} connections`}; ${targetText(s.target)}): ${verdict} (${shown})`;
    });
  return `Targets (PostgreSQL): ${parts.join("; ")}.`;
}

function planLines(r: PeopleResult): string {
  return r.plans
    .map((p) => {
      const top = p.top.map((t) => `${t.node} ${t.ms.toFixed(1)} ms (${int(t.rows)} rows)`).join("; ");
      const jit = p.jitMs === null ? "" : `, JIT ${p.jitMs.toFixed(1)} ms`;
      const plan = p.generic
        ? `generic plan, as the app runs it${p.customMs === null ? "" : `; planned for its values it takes ${p.customMs.toFixed(1)} ms`}`
        : "values inlined: planned for them, as the app runs it";
      return `- ${p.what}: ${p.executionMs.toFixed(1)} ms to execute (${plan}; planning ${p.planningMs.toFixed(1)} ms${jit}). Most of it: ${top}.`;
    })
    .join("\n");
}

export function peopleMarkdown(results: PeopleResult[], settings: LoadSettings): string {
  const table = results.flatMap(reportRows);
  const generation = results
    .map((r) => {
      const d = r.dataset;
      const g = r.generation;
      const steps = g.steps.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join("; ");
      return (
        `- ${r.label}: ${int(d.accounts)} accounts; the measured network ${int(d.members)} members, ${d.otherNetworks.length} other networks of ` +
        `${d.otherNetworks.map(int).join(", ")} members; ${int(g.counts.indexRows)} member_profiles rows, ${int(g.counts.facetRows)} member_facets rows ` +
        `in **${(g.totalMs / 1000).toFixed(0)} s** (${steps}); database ${int(g.databaseMb)} MB; the whole part took ${(r.totalMs / 1000).toFixed(0)} s. ` +
        `As an alumna sees them: ${int(g.counts.directory)} members match the directory's filters, ${int(g.counts.common)} “${searchTerms.common}”, ` +
        `${int(g.counts.rare)} “${searchTerms.rare}”.${r.datasetNote ? ` ${r.datasetNote}` : ""}`
      );
    })
    .join("\n");
  const plans = results
    .filter((r) => r.plans.length > 0)
    .map((r) => `${r.label}, EXPLAIN (ANALYZE, BUFFERS) of the slowest statement of each request, as the app runs it:\n\n${planLines(r)}`)
    .join("\n\n");
  const t = peopleTargets;
  return `## People: directory, search, people you may know

Written by \`npm run bench\` (or \`BENCH_ONLY=people npm run bench\`, which rewrites only this section): bench/people-bench.ts, data from bench/people-seed.ts. For measuring one change: \`BENCH_SCENARIOS=directory,directory1,search1,search,rare1,suggestions1\` (any of them) and \`BENCH_DATABASES=postgres\` (or \`pglite\`) run a part and leave this file alone; \`BENCH_KEEP_DATABASE=1\` keeps the generated PostgreSQL database for EXPLAIN or a server started by hand.

- Run: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}; \`nproc\` = ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; ${results.map((r) => r.label).join(", ")}. The machine is shared: see **other load** in the table.

### Data

${generation}

Generated on a scratch database in the system scope with set-based \`INSERT … SELECT generate_series\`, every choice a hash of the member's ordinal (\`hashint8extended\`), so every run gets the same data; foreign-key triggers off during the load and checked by anti-joins afterwards. Accounts: Japanese names (family names skewed to the common ones, 2 % Latin names) and one shared argon2 hash; the accounts of people in a network have a profile (85 %): a reading (hiragana, 30 % katakana), company, position, industry, location, career, 0–8 skills from about 200 (営業, 人事, データ分析, 採用, AWS, …) and interests; 10 % show their company to alumni only. The measured network: member 0 is the benchmark member (an alumna), every 2,000th member an admin, 20 % employees, the rest alumni, 1 % have left; join years 1984–2024, alumni leave 1–20 years later; 1–3 departments of about 60 (営業本部, 人事部, 経営企画部, …; 内部監査室 for 0.15 %) held in turn; 75 % of the alumni came with the admins' import (HR years and department), 55 % of everyone filled in their profile at the company (years, departments, employment type, open-to flags: カムバック 15 % of the alumni who did, 副業 25 %, …); 5 % show their years to admins only. The other networks are generated the same way (some people are in two). In the measured network: 200 private rooms of 20–300 members, ${int(Math.floor((results[0]?.dataset.members ?? 0) / 2))} direct conversations between random pairs of members (and ten more for each member who asks for suggestions), 1,000 blocks (the benchmark member blocked two). The index rows (member_profiles, member_facets) are written by the app's own \`rebuildMemberProfiles\` in transactions of 1,000 members, with the two tables' secondary indexes dropped and rebuilt afterwards; then \`VACUUM (ANALYZE)\`. Every member got a digest within the last day, so none is due during the run.

### Load

- The real server (\`node --max-semi-space-size=8 src/server/main.ts\`, pool of 10), a fresh process for each scenario (on PostgreSQL the statements a run leaves behind are ended); the baseline (Fastify + one primary-key SELECT, as above) on the same database in the same run.
- **50 connections**: autocannon, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s, every answer checked to be 2xx; req/s and p99 as above. **1 client**: requests one after the other on one keep-alive connection, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s; p95 and p99 of the time from sending to the last byte of the answer. CPU and other load as above.
- **directory**: the benchmark member's first page (24 cards) with \`${directoryQuery}\`, sorted by reading (あいうえお). **search**: \`?q=${searchTerms.common}\` (two kanji, in departments, skills and positions of about half the members) and \`?q=${searchTerms.rare}\` (two kanji, only in one rare department), ranked (name hits first), highlighted. **people you may know**: ${suggestionMembers} members who filled in departments, each with a session, asking in turn. Each scenario is checked by one request first (a full page matching the filters, hits with highlights, suggestions); one that answers 404 is reported as not available.
- Targets (PostgreSQL): directory with two filters ≥ ${t.directory.ratio} × baseline; a 2-character Japanese search p95 ≤ ${t.search.p95Ms} ms with one client and ≥ ${t.search.ratio} × baseline at 50 connections; people you may know p95 ≤ ${t.suggestions.p95Ms} ms.

### Results

| ${columns.map(([, title]) => title).join(" | ")} |
|${columns.map(([, , right]) => (right ? "---:" : "---")).join("|")}|
${table.map((row) => `| ${columns.map(([k]) => (k === "verdict" && row[k].startsWith("NOT met") ? `**${row[k]}**` : row[k])).join(" | ")} |`).join("\n")}

${targetSummary(results)}
${plans ? `\n### What the time goes to\n\n${plans}\n` : ""}`;
}

/** Replaces this section of docs/benchmarks.md (or appends it). */
export const writePeopleSection = (docPath: string, section: string) => writeDocSection(docPath, "## People:", section);
