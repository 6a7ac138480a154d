// The events benchmark (issue 6): a network of 33,000 members with 200 events (events-seed.ts),
// then the real server — the event page as a confirmed attendee and the list of upcoming events
// at 50 connections against the baseline measured in the same run, and a registration rush:
// 5,000 members, each with a session of their own, register for one event of 1,000 seats, 50 at
// a time. Every registration locks the event's `event_seats` row (decision 0017); afterwards the
// database is checked for over-booking and for the waitlist's order.
//
// The load scenarios are data (`scenarios` below); the rush is its own function. A scenario whose
// endpoint is not in the contract, or answers 404, is reported as not available.
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { hashPassword } from "../src/server/platform/auth/passwords.ts";
import { hashSecret, newSecret } from "../src/server/platform/auth/tokens.ts";
import { cookieNames } from "../src/server/platform/http/cookies.ts";
import { openDatabase } from "../src/server/platform/db/database.ts";
import type { Database } from "../src/server/platform/db/database.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import { adminQuery, scratchDatabase, scratchDir } from "./cleanup.ts";
import { endpoints, idSql, pathOf, uuidOf, writeDocSection } from "./community-bench.ts";
import { fullEventsDataset, generateEvents, labels, measuredEvent, rushFirst } from "./events-seed.ts";
import type { EventsDataset, EventsGeneration, Question } from "./events-seed.ts";
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

export { fullEventsDataset };
export type { EventsDataset };

export const eventsTargets = { page: { ratio: 0.35 } } as const;

// ---------------------------------------------------------------- sessions

interface Session {
  ordinal: number;
  cookie: string;
  csrf: string;
}

/** Sessions for the benchmark member (0) and the rush's members, written in one statement. */
async function createSessions(database: Database, ordinals: number[]): Promise<Session[]> {
  const sessions = [0, ...ordinals].map((ordinal) => ({ ordinal, token: newSecret(), csrf: newSecret(24) }));
  const rows = JSON.stringify(sessions.map((s) => ({ n: s.ordinal, h: hashSecret(s.token), c: s.csrf })));
  await inSystem(database, (tx) =>
    sql`
      insert into sessions (account_id, token_hash, csrf_token, ip, user_agent, expires_at)
      select ${idSql(labels.account, "s.n")}, s.h, s.c, '127.0.0.1', 'tsunagu-bench', now() + interval '30 days'
      from jsonb_to_recordset(${rows}::jsonb) as s(n int, h text, c text)`.execute(tx),
  );
  return sessions.map((s) => ({ ordinal: s.ordinal, cookie: `${cookieNames.session}=${s.token}`, csrf: s.csrf }));
}

// ---------------------------------------------------------------- load scenarios

interface Context {
  networkId: string;
  bench: Session;
  generation: EventsGeneration;
}

interface Scenario {
  key: string;
  label: string;
  /** The contract endpoint; a scenario whose endpoint is not in the contract is not measured. */
  endpoint: string;
  target: { ratio: number } | null;
  path(ctx: Context): string;
  /** Checks one answer by hand before the run: an error message, or null when it is a real answer. */
  check(ctx: Context, body: unknown): string | null;
}

interface EventBody {
  id?: string;
  confirmed?: number;
  waitlisted?: number;
  onlineUrl?: string;
  questions?: unknown[];
  cohosts?: unknown[];
  organizers?: unknown[];
  series?: unknown;
  myRegistration?: { status?: string; ticketCode?: string | null } | null;
}

const scenarios: Scenario[] = [
  {
    key: "page",
    label: "event page (GET …/events/:eventId), a confirmed attendee",
    endpoint: "getEvent",
    target: eventsTargets.page,
    path: (ctx) => pathOf("getEvent", { networkId: ctx.networkId, eventId: ctx.generation.measuredEventId }),
    check: (ctx, body) => {
      const e = body as EventBody;
      if (e.id !== ctx.generation.measuredEventId) return `another event: ${String(e.id)}`;
      if (e.myRegistration?.status !== "confirmed" || !e.myRegistration.ticketCode) return "the benchmark member is not shown as confirmed";
      if (e.confirmed !== measuredEvent.capacity || e.waitlisted !== measuredEvent.waitlisted)
        return `seats ${String(e.confirmed)} + ${String(e.waitlisted)} waiting`;
      if (!e.onlineUrl) return "no online URL for a confirmed attendee";
      if (e.questions?.length !== 3 || e.cohosts?.length !== 1 || !e.series || (e.organizers?.length ?? 0) < 2)
        return "questions, co-host, series or organisers missing";
      return null;
    },
  },
  {
    key: "list",
    label: "upcoming events (GET …/events?when=upcoming)",
    endpoint: "listEvents",
    target: null,
    path: (ctx) => `${pathOf("listEvents", { networkId: ctx.networkId })}?when=upcoming`,
    check: (_ctx, body) => {
      const page = body as { items?: { startsAt?: string }[]; nextCursor?: string | null };
      if (page.items?.length !== 20 || !page.nextCursor)
        return `expected a full page and a cursor, got ${page.items?.length ?? "no"} items`;
      const times = page.items.map((i) => Date.parse(i.startsAt ?? ""));
      if (times.some((t, i) => i > 0 && t < (times[i - 1] ?? 0))) return "not soonest first";
      return null;
    },
  },
];

// ---------------------------------------------------------------- the registration rush

export interface RushResult {
  registrations: number;
  capacity: number;
  /** Registrations of the warm-up (other members' first, to another event), not counted. */
  warmup: number;
  totalMs: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  failures: number;
  failureSamples: string[];
  /** The database checked afterwards: no over-booking, the waitlist in order of arrival. */
  check: { ok: boolean; text: string };
  rssMb: number;
  serverCpuUs: number;
  dbCpuUs: number | null;
  otherLoad: number;
}

interface Answer {
  ordinal: number;
  status: number;
  body: { id?: string; status?: string; waitlistPlace?: number | null } | null;
  ms: number;
}

/** A member's answers to the three questions: a text (three in four), a choice, one or two of the multiple choice (two in three). */
function answersOf(questions: Question[], i: number): Record<string, string | string[]> {
  const answers: Record<string, string | string[]> = {};
  for (const q of questions) {
    if (q.kind === "text" && i % 4 !== 0) answers[q.id] = `はじめまして、メンバー ${i} です。よろしくお願いします。`;
    if (q.kind === "single") answers[q.id] = q.options[i % q.options.length] ?? "";
    if (q.kind === "multiple" && i % 3 !== 0) answers[q.id] = q.options.slice(i % 2, (i % 2) + 1 + (i % 3 === 2 ? 1 : 0));
  }
  return answers;
}

/**
 * `members` register for the event, `connections` at a time: a pool of workers, each taking the
 * next member (its own session cookie and CSRF token) until none is left or `until` has passed.
 */
async function registerAll(
  server: Server,
  eventPath: string,
  questions: Question[],
  members: Session[],
  connections: number,
  until = Infinity,
): Promise<Answer[]> {
  const url = `http://127.0.0.1:${server.port}${eventPath}`;
  const answers: Answer[] = [];
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < members.length && performance.now() < until; i = next++) {
      const s = members[i] as Session;
      const started = performance.now();
      try {
        const response = await fetch(url, {
          method: "PUT",
          headers: { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" },
          body: JSON.stringify({ answers: answersOf(questions, s.ordinal) }),
          signal: AbortSignal.timeout(timeoutSeconds * 1000),
        });
        const text = await response.text();
        let body: Answer["body"] = null;
        try {
          body = JSON.parse(text) as Answer["body"];
        } catch {
          body = { status: text.slice(0, 200) };
        }
        answers.push({ ordinal: s.ordinal, status: response.status, body, ms: performance.now() - started });
      } catch (error) {
        answers.push({
          ordinal: s.ordinal,
          status: 0,
          body: { status: error instanceof Error ? error.message : String(error) },
          ms: performance.now() - started,
        });
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  return answers;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const int = (n: number) => Math.round(n).toLocaleString("en");

/**
 * The rush on a running server: a warm-up (members register for the warm-up event for
 * `warmupSeconds`), then every member once for the rush's event. Returns the measurements and the
 * answers; the database is checked once the server has stopped (PGlite has one process).
 */
async function rush(
  server: Server,
  ctx: Context,
  members: Session[],
  databaseName: string | null,
  settings: LoadSettings,
): Promise<{ measured: Omit<RushResult, "check" | "capacity">; answers: Answer[] }> {
  const { generation } = ctx;
  const warmupPath = pathOf("registerForEvent", { networkId: ctx.networkId, eventId: generation.warmupEventId });
  const rushPath = pathOf("registerForEvent", { networkId: ctx.networkId, eventId: generation.rushEventId });
  const warmup = await registerAll(
    server,
    warmupPath,
    generation.warmupQuestions,
    members,
    settings.connections,
    performance.now() + settings.warmupSeconds * 1000,
  );
  const warmupBad = warmup.filter((a) => a.status !== 200);
  if (warmupBad.length > 0)
    throw new Error(
      `${server.name} warm-up on ${warmupPath}: ${warmupBad.length} failed, e.g. ${warmupBad[0]?.status} ${JSON.stringify(warmupBad[0]?.body)}`,
    );

  const [server0, db0] = [cpuMs(server.pid), await backendCpu(databaseName)];
  const [machine0, own0, wall0] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const answers = await registerAll(server, rushPath, generation.rushQuestions, members, settings.connections);
  const [machine1, own1, wall1] = [machineBusyMs(), ownCpuMs(), performance.now()];
  const [server1, db1] = [cpuMs(server.pid), await backendCpu(databaseName)];

  const failed = answers.filter((a) => a.status !== 200);
  const samples = new Map<string, number>();
  for (const a of failed) {
    const what = `${a.status} ${JSON.stringify(a.body).slice(0, 160)}`;
    samples.set(what, (samples.get(what) ?? 0) + 1);
  }
  const latencies = answers.map((a) => a.ms).sort((a, b) => a - b);
  const dbMs = db0 && db1 ? [...db1].reduce((sum, [pid, ms]) => sum + ms - (db0.get(pid) ?? 0), 0) : null;
  const benchMs = own1 - own0 + ((server1 ?? 0) - (server0 ?? 0)) + (dbMs ?? 0);
  return {
    measured: {
      registrations: answers.length,
      warmup: warmup.length,
      totalMs: wall1 - wall0,
      perSecond: answers.length / ((wall1 - wall0) / 1000),
      p50: round1(quantile(latencies, 0.5)),
      p95: round1(quantile(latencies, 0.95)),
      p99: round1(quantile(latencies, 0.99)),
      failures: failed.length,
      failureSamples: [...samples].map(([what, n]) => `${n}× ${what}`).slice(0, 5),
      rssMb: rssMb(server.pid),
      serverCpuUs: server0 === null || server1 === null ? Number.NaN : ((server1 - server0) * 1000) / answers.length,
      dbCpuUs: dbMs === null ? null : (dbMs * 1000) / answers.length,
      otherLoad: Math.max(0, machine1 - machine0 - benchMs) / ((wall1 - wall0) * os.availableParallelism()),
    },
    answers,
  };
}

/**
 * The database after the rush: exactly `capacity` confirmed and the rest waitlisted, positions
 * 1…n without gaps or repeats (each arrival took the next number under the seat lock), the
 * confirmed holding the first `capacity` of them, `event_waitlist` holding exactly the waitlisted
 * positions, `event_seats` equal to the rows, and every waitlisted member told the place their
 * position gives (arrival order among those waiting).
 */
async function checkRush(
  database: Database,
  networkId: string,
  eventId: string,
  capacity: number,
  answers: Answer[],
): Promise<{ ok: boolean; text: string }> {
  const n = answers.length;
  const { rows, waitlist, seats } = await inSystem(database, async (tx) => ({
    rows: await tx
      .selectFrom("event_registrations")
      .select(["id", "status", "position", "account_id"])
      .where("network_id", "=", networkId)
      .where("event_id", "=", eventId)
      .execute(),
    waitlist: await tx
      .selectFrom("event_waitlist")
      .select("position")
      .where("network_id", "=", networkId)
      .where("event_id", "=", eventId)
      .orderBy("position")
      .execute(),
    seats: await tx
      .selectFrom("event_seats")
      .selectAll()
      .where("network_id", "=", networkId)
      .where("event_id", "=", eventId)
      .executeTakeFirstOrThrow(),
  }));
  const problems: string[] = [];
  const confirmed = rows.filter((r) => r.status === "confirmed");
  const waitlisted = rows.filter((r) => r.status === "waitlisted");
  const positions = rows.map((r) => r.position).sort((a, b) => a - b);
  if (rows.length !== n || new Set(rows.map((r) => r.account_id)).size !== n)
    problems.push(`${rows.length} registrations for ${n} members`);
  if (confirmed.length > capacity) problems.push(`OVER-BOOKED: ${confirmed.length} confirmed for ${capacity} seats`);
  else if (confirmed.length !== Math.min(capacity, n)) problems.push(`${confirmed.length} confirmed, expected ${Math.min(capacity, n)}`);
  if (waitlisted.length !== Math.max(0, n - capacity))
    problems.push(`${waitlisted.length} waitlisted, expected ${Math.max(0, n - capacity)}`);
  if (positions.some((p, i) => p !== i + 1)) problems.push("positions are not 1…n (a gap or a repeat)");
  if (confirmed.some((r) => r.position > capacity)) problems.push("a confirmed registration arrived after the seats were gone");
  const waitPositions = waitlisted.map((r) => r.position).sort((a, b) => a - b);
  if (waitlist.length !== waitPositions.length || waitlist.some((w, i) => w.position !== waitPositions[i]))
    problems.push("event_waitlist does not hold exactly the waitlisted positions");
  if (
    seats.confirmed !== confirmed.length ||
    seats.waitlisted !== waitlisted.length ||
    seats.reserved !== 0 ||
    seats.next_position !== n + 1 ||
    seats.capacity !== capacity
  )
    problems.push(
      `event_seats says ${seats.confirmed} confirmed, ${seats.waitlisted} waitlisted, ${seats.reserved} reserved, next ${seats.next_position}, capacity ${String(seats.capacity)}`,
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  let wrongAnswers = 0;
  for (const a of answers) {
    const row = a.body?.id ? byId.get(a.body.id) : undefined;
    if (a.status !== 200) continue;
    if (!row || row.status !== a.body?.status) wrongAnswers++;
    else if (row.status === "waitlisted" && a.body.waitlistPlace !== row.position - capacity) wrongAnswers++;
  }
  if (wrongAnswers > 0) problems.push(`${wrongAnswers} answers disagree with the database (status, or the waitlist place)`);
  if (problems.length > 0) return { ok: false, text: problems.join("; ") };
  return {
    ok: true,
    text:
      `${int(confirmed.length)} confirmed (positions 1–${int(capacity)}), ${int(waitlisted.length)} waitlisted (positions ${int(capacity + 1)}–${int(n)}, ` +
      `each told its place = position − ${int(capacity)}), positions without gaps or repeats, event_waitlist and event_seats equal to the rows: no over-booking`,
  };
}

// ---------------------------------------------------------------- one database

export interface EventsScenarioResult {
  key: string;
  label: string;
  target: Scenario["target"];
  result: LoadResult | null;
  /** Why it was not measured. */
  skipped?: string;
}

export interface EventsResult {
  kind: Kind;
  label: string;
  dataset: EventsDataset;
  datasetNote: string | null;
  generation: EventsGeneration;
  baseline: LoadResult;
  scenarios: EventsScenarioResult[];
  rush: RushResult | { skipped: string } | null;
  /** The whole part on this database: generation, runs, checks. */
  totalMs: number;
}

export async function benchEvents(
  kind: Kind,
  label: string,
  repoRoot: string,
  data: EventsDataset,
  datasetNote: string | null,
  settings: LoadSettings,
): Promise<EventsResult> {
  const started = performance.now();
  console.log(
    `== events: ${label}, ${int(data.members)} members, ${data.events} events, ${int(data.registrations)} registrations for ${int(data.rushCapacity)} seats`,
  );
  const files = scratchDir(`${kind}-events`);
  const scratch = kind === "postgres" ? await scratchDatabase("_events") : null;
  const pgliteDir = path.join(files.dir, "db");
  const open = () => openDatabase({ databaseUrl: scratch?.url, pgliteDir, poolSize: 2 });
  try {
    const database = await open();
    let generation: EventsGeneration;
    let sessions: Session[];
    try {
      await migrate(database);
      generation = await generateEvents(database, data, await hashPassword("tsunagu-bench-password"));
      const c = generation.counts;
      console.log(
        `   generated in ${(generation.totalMs / 1000).toFixed(1)} s, database ${generation.databaseMb} MB: ${c.past} past and ${c.upcoming} upcoming events, ` +
          `${int(c.registrations)} registrations`,
      );
      sessions = await createSessions(
        database,
        Array.from({ length: data.registrations }, (_, i) => rushFirst + i),
      );
    } finally {
      await database.close();
    }
    const [bench, ...members] = sessions as [Session, ...Session[]];
    const ctx: Context = { networkId: generation.networkId, bench, generation };

    const baseline = await measureBaseline(scratch, pgliteDir, uuidOf(labels.account, 0), settings, repoRoot, 60);
    const appEnv = benchAppEnv(files.dir, scratch?.url);
    /** A fresh server for each scenario (as the other parts): what one run leaves queued must not weigh on the next. */
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
    const line = (what: string, text: string) => console.log(`   ${what.padEnd(60)} ${text}`);

    const results: EventsScenarioResult[] = [];
    for (const scenario of scenarios) {
      if (!runsScenario(scenario.key)) continue;
      const entry = { key: scenario.key, label: scenario.label, target: scenario.target };
      const skip = (why: string) => {
        results.push({ ...entry, result: null, skipped: why });
        line(scenario.label, why);
      };
      if (!endpoints.has(scenario.endpoint)) {
        skip(`not available: ${scenario.endpoint} is not in the contract yet`);
        continue;
      }
      await withApp(async (server) => {
        const p = scenario.path(ctx);
        const response = await fetch(`http://127.0.0.1:${server.port}${p}`, { headers: { cookie: bench.cookie } });
        const body = (await response.json()) as unknown;
        if (response.status === 404) return skip(`not available: ${p.split("?")[0] ?? ""} answers 404`);
        const wrong = response.status === 200 ? scenario.check(ctx, body) : `${response.status} ${JSON.stringify(body).slice(0, 200)}`;
        if (wrong) return skip(`a wrong answer: ${wrong}`);
        try {
          const result = await load(server, p, { cookie: bench.cookie }, scratch?.name ?? null, settings, { timeout: timeoutSeconds });
          results.push({ ...entry, result });
          line(
            scenario.label,
            `${Math.round(result.rps).toLocaleString("en").padStart(6)} req/s, p99 ${result.p99} ms, ${(result.rps / baseline.rps).toFixed(2)} × baseline`,
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const said = /"message":"([^"]{1,120})/.exec(message)?.[1];
          skip(`${(message.split("\n")[0] ?? "").replace(/^.*? on \/\S*: /, "")}${said ? `; the server: “${said}”` : ""}`);
          console.log(message);
        }
      });
    }

    let rushResult: EventsResult["rush"] = null;
    if (runsScenario("register")) {
      const what = `${int(data.registrations)} registrations (PUT …/registration), ${settings.connections} at a time`;
      if (!endpoints.has("registerForEvent")) {
        rushResult = { skipped: "not available: registerForEvent is not in the contract yet" };
        line(what, rushResult.skipped);
      } else {
        const { measured, answers } = await withApp((server) => rush(server, ctx, members, scratch?.name ?? null, settings));
        const checkDb = await open();
        let check: RushResult["check"];
        try {
          check = await checkRush(checkDb, generation.networkId, generation.rushEventId, data.rushCapacity, answers);
        } finally {
          await checkDb.close();
        }
        rushResult = { ...measured, capacity: data.rushCapacity, check };
        line(
          what,
          `${int(measured.perSecond).padStart(6)} reg./s, ${(measured.totalMs / 1000).toFixed(1)} s in all, p50 ${measured.p50} ms, p95 ${measured.p95} ms, ` +
            `p99 ${measured.p99} ms, ${measured.failures} failed`,
        );
        for (const sample of measured.failureSamples) console.log(`     failed: ${sample}`);
        console.log(`     ${check.ok ? "checked" : "CHECK FAILED"}: ${check.text}`);
      }
    }
    return {
      kind,
      label,
      dataset: data,
      datasetNote,
      generation,
      baseline,
      scenarios: results,
      rush: rushResult,
      totalMs: elapsed(started),
    };
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

const cpuText = (x: { serverCpuUs: number; dbCpuUs: number | null }) =>
  `${x.serverCpuUs.toFixed(0)}${x.dbCpuUs === null ? "" : ` + ${x.dbCpuUs.toFixed(0)}`}`;
const loadText = (x: { otherLoad: number }) => `${Math.round(x.otherLoad * 100)} %`;
const rushTarget = "all 200, no over-booking";
const isRush = (r: EventsResult["rush"]): r is RushResult => r !== null && !("skipped" in r);
const rushOk = (r: RushResult) => r.failures === 0 && r.check.ok;

function reportRows(r: EventsResult, connections: number): ReportRow[] {
  const rows: ReportRow[] = [
    {
      database: r.label,
      scenario: "baseline: Fastify + 1 PK SELECT",
      clients: String(connections),
      rps: int(r.baseline.rps),
      p95: "—",
      p99: String(r.baseline.p99),
      ratio: "1.00",
      target: "—",
      verdict: "—",
      cpu: cpuText(r.baseline),
      other: loadText(r.baseline),
    },
  ];
  for (const s of r.scenarios) {
    const base = {
      database: r.label,
      scenario: s.label,
      clients: String(connections),
      target: s.target ? `≥ ${s.target.ratio}×` : "(no target)",
    };
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
    const ratio = s.result.rps / r.baseline.rps;
    rows.push({
      ...base,
      rps: int(s.result.rps),
      p95: "—",
      p99: String(s.result.p99),
      ratio: ratio.toFixed(2),
      verdict: s.target ? (ratio >= s.target.ratio ? "met" : "NOT met") : "—",
      cpu: cpuText(s.result),
      other: loadText(s.result),
    });
  }
  const scenario = `${int(r.dataset.registrations)} registrations for ${int(r.dataset.rushCapacity)} seats (PUT …/registration), one per member`;
  if (isRush(r.rush)) {
    const x = r.rush;
    rows.push({
      database: r.label,
      scenario,
      clients: String(connections),
      rps: int(x.perSecond),
      p95: String(x.p95),
      p99: String(x.p99),
      ratio: (x.perSecond / r.baseline.rps).toFixed(2),
      target: rushTarget,
      verdict: rushOk(x) ? "met" : `NOT met: ${x.failures} failed${x.check.ok ? "" : `; ${x.check.text}`}`,
      cpu: cpuText(x),
      other: loadText(x),
    });
  } else if (r.rush) {
    rows.push({
      database: r.label,
      scenario,
      clients: String(connections),
      rps: "—",
      p95: "—",
      p99: "—",
      ratio: "—",
      target: rushTarget,
      verdict: r.rush.skipped,
      cpu: "—",
      other: "—",
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

export function eventsTextTable(results: EventsResult[], settings: LoadSettings): string {
  const table = results.flatMap((r) => reportRows(r, settings.connections));
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
function targetSummary(results: EventsResult[]): string {
  const postgres = results.find((r) => r.kind === "postgres");
  if (!postgres) return "Targets (PostgreSQL): not checked, PostgreSQL was not measured.";
  const parts: string[] = [];
  const page = postgres.scenarios.find((s) => s.key === "page");
  if (page) {
    const ratio = page.result ? page.result.rps / postgres.baseline.rps : null;
    const verdict = page.skipped?.startsWith("not available")
      ? "not measured"
      : ratio !== null && ratio >= eventsTargets.page.ratio
        ? "met"
        : "**NOT met**";
    parts.push(
      `event page ≥ ${eventsTargets.page.ratio} × baseline: ${verdict} (${ratio === null ? (page.skipped ?? "") : `${ratio.toFixed(2)} ×`})`,
    );
  }
  if (isRush(postgres.rush)) {
    const x = postgres.rush;
    parts.push(
      `${int(x.registrations)} registrations at ${int(x.perSecond)}/s complete with no over-booking: ${rushOk(x) ? "met" : "**NOT met**"} ` +
        `(${x.failures} failed; ${x.check.ok ? "the database checked" : x.check.text})`,
    );
  } else if (postgres.rush) parts.push(`registrations: ${postgres.rush.skipped}`);
  return `Targets (PostgreSQL): ${parts.join("; ") || "no targeted scenario ran"}.`;
}

function rushLines(results: EventsResult[]): string {
  return results
    .flatMap((r) => {
      if (!isRush(r.rush)) return [];
      const x = r.rush;
      const failures = x.failures === 0 ? "none failed" : `**${x.failures} failed** (${x.failureSamples.join("; ")})`;
      return [
        `- ${r.label}: ${int(x.registrations)} registrations in **${(x.totalMs / 1000).toFixed(1)} s** (${int(x.perSecond)} registrations/s; ` +
          `latency p50 ${x.p50} ms, p95 ${x.p95} ms, p99 ${x.p99} ms; server RSS ${x.rssMb.toFixed(0)} MB afterwards), ${failures}, after ${int(x.warmup)} warm-up registrations. ` +
          `The database afterwards: ${x.check.ok ? x.check.text : `**${x.check.text}**`}.`,
      ];
    })
    .join("\n");
}

export function eventsMarkdown(results: EventsResult[], settings: LoadSettings): string {
  const table = results.flatMap((r) => reportRows(r, settings.connections));
  const data = results
    .map((r) => {
      const g = r.generation;
      const c = g.counts;
      const steps = g.steps.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join("; ");
      return (
        `- ${r.label}: ${int(r.dataset.members + 1)} members, a co-host network of ${int(r.dataset.cohostMembers)}; ${c.past + c.upcoming} events ` +
        `(${c.past} past, ${c.upcoming} upcoming, the rush's and the warm-up's among them; ${c.cohosted} co-hosted, ${c.inSeries} in a series), ${int(c.registrations)} registrations ` +
        `(${int(c.confirmed)} confirmed, ${int(c.waitlisted)} waitlisted, ${int(c.cancelled)} cancelled; ${int(c.checkedIn)} checked in) ` +
        `in **${(g.totalMs / 1000).toFixed(1)} s** (${steps}); database ${int(g.databaseMb)} MB; the whole part took ${(r.totalMs / 1000).toFixed(0)} s.` +
        `${r.datasetNote ? ` ${r.datasetNote}` : ""}`
      );
    })
    .join("\n");
  const first = results[0]?.dataset ?? fullEventsDataset;
  const rush = rushLines(results);
  return `## Events: event page, registrations

Written by \`npm run bench\` (or \`BENCH_ONLY=events npm run bench\`, which rewrites only this section): bench/events-bench.ts, data from bench/events-seed.ts. For measuring one change: \`BENCH_SCENARIOS=page,list,register\` (any of them) and \`BENCH_DATABASES=postgres\` (or \`pglite\`) run a part and leave this file alone; \`BENCH_KEEP_DATABASE=1\` keeps the generated PostgreSQL database for EXPLAIN or a server started by hand.

- Run: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}; \`nproc\` = ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; ${results.map((r) => r.label).join(", ")}. The machine is shared: see **other load** in the table.

### Data

${data}

Generated on a scratch database in the system scope with set-based \`INSERT … SELECT generate_series\`, every choice a function of ordinals (ids are md5 of a label and an ordinal), so every run gets the same data; then \`VACUUM (ANALYZE)\`. The network: member 0 is the benchmark member (an alumna), 1–5 admins, 6–8 supporters allowed to organise, every fifth from 10 an employee, the rest alumni; one shared argon2 hash; every member got a digest within the last day, so none is due during the run. A second network (ベンチ商事) co-hosts every tenth event. Events over two years, one every 3.65 days at 19:00 Tokyo time (every 17th in Los Angeles time): offline at one of five venues, every sixth online (no seat limit), every sixth hybrid; 40–50 seats; some for alumni or employees only, a few for invited members; every 37th cancelled; two series (アルムナイ・トーク, ${Math.floor(first.events / 20) + 1} sessions; 地域アルムナイ交流会, ${Math.floor((first.events + 25) / 50)}); an admin organises each, a supporter every fourth; every eighth asks one optional question. Registrations arrive in order (60–130 % of the seats, 30–90 at online events; from the event's audience; a fifth from the co-host network on co-hosted events), every 23rd cancelled later, the seats going to the first who did not cancel and the rest waiting, 6 in 7 of the confirmed checked in at past events; \`event_seats\` (confirmed, waitlisted, next position) and \`event_waitlist\` are written from the registrations. **The measured event**: an upcoming session of the talk series, hybrid, co-hosted, ${measuredEvent.capacity} seats all taken and ${measuredEvent.waitlisted} people waiting (the waitlist exists because the event is full), three registration questions (a text, a required single choice, a multiple choice) answered by the registrants; the benchmark member is confirmed. Two more upcoming events, empty, with the same three questions: the rush's (${int(first.rushCapacity)} seats) and the warm-up's (100 seats). Sessions are written directly for the benchmark member and the rush's members.

### Load

- The real server (\`node --max-semi-space-size=8 src/server/main.ts\`, pool of 10), a fresh process for each scenario (on PostgreSQL the statements a run leaves behind are ended); the baseline (Fastify + one primary-key SELECT, as above) on the same database in the same run.
- **event page**: \`GET /api/networks/:networkId/events/:eventId\` of the measured event as the benchmark member (a confirmed attendee: the page carries her ticket and the online URL). **upcoming events**: \`GET …/events?when=upcoming\`, her first page of 20 cards. autocannon, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s, every answer checked to be 2xx; req/s and p99 as above. Each is checked by one request first (her registration confirmed, the seats, questions, co-host and series on the page; a full page soonest first).
- **registrations**: ${int(first.registrations)} distinct members, each with a session of their own, \`PUT …/events/:eventId/registration\` once each with answers to the three questions, for an event of ${int(first.rushCapacity)} seats: ${settings.connections} workers in this process (fetch, keep-alive), each taking the next member when its previous answer arrived, so ${settings.connections} registrations are always in flight. First a warm-up of ${settings.warmupSeconds} s (the same members register for the warm-up event, not counted). Latency from sending to the last byte of the answer; req/s = registrations ÷ the whole time. The members were active a moment before (they opened the event page), so the registration is their only write. The app's limit of 200 registrations an hour per account holds (each registers twice at most); the app has no per-IP limit on registering. Afterwards, with the server stopped, the database is checked: exactly the seats confirmed, the rest waitlisted, positions 1…n without gaps or repeats with the confirmed holding the first, \`event_waitlist\` holding exactly the waitlisted positions, \`event_seats\` equal to the rows, and each waitlisted member's answer giving the place their position gives.
- Targets (PostgreSQL): event page ≥ ${eventsTargets.page.ratio} × baseline; ${int(first.registrations)} registrations for one event at ${settings.connections} connections complete (every answer 200) with no over-booking, and the throughput is reported.

### Results

| ${columns.map(([, title]) => title).join(" | ")} |
|${columns.map(([, , right]) => (right ? "---:" : "---")).join("|")}|
${table.map((row) => `| ${columns.map(([k]) => (k === "verdict" && row[k].startsWith("NOT met") ? `**${row[k]}**` : row[k])).join(" | ")} |`).join("\n")}

${targetSummary(results)}
${rush ? `\nRegistrations:\n\n${rush}\n` : ""}`;
}

/** Replaces this section of docs/benchmarks.md (or appends it). */
export const writeEventsSection = (docPath: string, section: string) => writeDocSection(docPath, "## Events:", section);
