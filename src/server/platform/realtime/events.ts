// The `events` table (migrations/0003_events.sql): one row per recipient account, written in the
// publishing transaction, read back by that account's WebSockets. Order and replay cursor are
// (xid, id) — see the migration for why `id` alone would lose events — and a reader only takes
// rows whose transaction is older than every transaction still running.
import { sql, type Expression, type RawBuilder } from "kysely";
import type { Database } from "../db/database.ts";
import type { Tx } from "../tenancy/scope.ts";
import { readCompiledInScope, readInScope } from "../tenancy/scoped-read.ts";

/** What a feature publishes: one event for one recipient account. */
export interface NewEvent {
  accountId: string;
  /** The network the event belongs to; null for the account's own events (other tabs). */
  networkId?: string | null;
  /** Dotted lower-case name, e.g. `post.created`, `dm.received`. */
  kind: string;
  /** Ids and the least a client needs to decide what to refetch; at most `maxPayloadBytes` as JSON. */
  payload?: Record<string, unknown>;
}

/** Messages the server sends on the socket. */
export type ServerMessage =
  /** First message: the stream continues after this event id (0: after nothing). Use it as `after` until an event arrives. */
  | { type: "ready"; lastEventId: number }
  /** `after` was too old (or unknown): refetch what is on screen; `ready` follows. */
  | { type: "resync" }
  | { type: "event"; id: number; kind: string; networkId: string | null; payload: Record<string, unknown> }
  | { type: "pong" };

export const maxPayloadBytes = 2048;
const kindPattern = /^[a-z][a-z0-9_.]{0,63}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A position in one account's stream: after the row (xid, id). */
export interface Cursor {
  xid: bigint;
  id: number;
}

export const cursorBefore = (a: Cursor, b: Cursor) => a.xid < b.xid || (a.xid === b.xid && a.id < b.id);
/** Before every row. */
export const streamStart: Cursor = { xid: 0n, id: 0 };

export interface EventRow {
  id: number;
  xid: bigint;
  kind: string;
  networkId: string | null;
  payload: Record<string, unknown>;
}

/** Checks what a feature publishes: a mistake here is a programming error, found by its tests. */
export function checkEvents(events: readonly NewEvent[]): void {
  for (const e of events) {
    if (!uuidPattern.test(e.accountId)) throw new Error(`event ${e.kind}: accountId is not a uuid`);
    checkEventShape(e);
  }
}

/** The checks of an event apart from its recipient (an audience event names none). */
export function checkEventShape(e: Omit<NewEvent, "accountId">): void {
  if (e.networkId != null && !uuidPattern.test(e.networkId)) throw new Error(`event ${e.kind}: networkId is not a uuid`);
  if (!kindPattern.test(e.kind)) throw new Error(`event kind ${JSON.stringify(e.kind)} must match ${String(kindPattern)}`);
  const size = Buffer.byteLength(JSON.stringify(e.payload ?? {}));
  if (size > maxPayloadBytes)
    throw new Error(`event ${e.kind}: payload of ${size} bytes (at most ${maxPayloadBytes}: send ids, clients refetch)`);
}

/** One event for every account an `audience` query gives (a column `account_id`, once each). */
export interface AudienceEvent {
  networkId: string;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * Inserts the event once per account of `audience` in one statement — the audience never travels
 * to this process and back. `finish` is the statement's last part, reading the recipients from
 * `audience` (not from the insert's RETURNING: row-level security lets a publisher write other
 * accounts' events but not read them back).
 */
export function insertAudienceEvent<R>(
  audience: Expression<{ account_id: string }>,
  event: AudienceEvent,
  finish: RawBuilder<unknown>,
): RawBuilder<R> {
  return sql<R>`with audience as materialized (${audience}),
    inserted as (
      insert into events (account_id, network_id, kind, payload)
      select a.account_id, ${event.networkId}::uuid, ${event.kind}, ${JSON.stringify(event.payload)}::jsonb from audience as a
    )
    ${finish}`;
}

/** The recipients, once each. */
export const recipients = (events: readonly NewEvent[]) => [...new Set(events.map((e) => e.accountId))];

/**
 * One statement for any number of rows (a network-wide fan-out is thousands of rows: one JSON
 * parameter instead of four per row), ids in the order given.
 */
export async function insertEvents(tx: Tx, events: readonly NewEvent[]): Promise<void> {
  const rows = JSON.stringify(events.map((e) => ({ a: e.accountId, n: e.networkId ?? null, k: e.kind, p: e.payload ?? {} })));
  await sql`insert into events (account_id, network_id, kind, payload)
    select e.a, e.n, e.k, e.p
    from rows from (jsonb_to_recordset(${rows}::jsonb) as (a uuid, n uuid, k text, p jsonb)) with ordinality as e(a, n, k, p, i)
    order by e.i`.execute(tx);
}

export interface ReadResult {
  /** Rows after the cursor whose transactions have all ended, in stream order. */
  rows: EventRow[];
  /**
   * Rows exist after these that cannot be taken yet (an older transaction is still running):
   * the xid of the first. Read again once the horizon has passed it (`horizon`).
   */
  heldFrom: bigint | null;
  /** Rows found after the cursor, held back ones included (what a replay would amount to). */
  scanned: number;
  /** The limit was reached: there may be more. */
  full: boolean;
}

/** The account's rows after `cursor`, in the account scope (its own rows only, by RLS). */
export async function readAfter(database: Database, accountId: string, cursor: Cursor, limit: number): Promise<ReadResult> {
  const rows = await readInScope(
    database,
    { kind: "account", accountId },
    database.db
      .selectFrom("events")
      .select([
        "id",
        sql<string>`xid::text`.as("xid"),
        "kind",
        "network_id",
        "payload",
        // In the statement's own snapshot: rows of transactions older than its oldest running one are final.
        sql<boolean>`xid >= pg_snapshot_xmin(pg_current_snapshot())`.as("held"),
      ])
      .where("account_id", "=", accountId)
      .where(sql<boolean>`(xid, id) > (${cursor.xid.toString()}::xid8, ${cursor.id}::bigint)`)
      // Qualified: a bare `xid` would be the text output column, and "1000" sorts before "999".
      .orderBy("events.xid")
      .orderBy("id")
      .limit(limit),
  );
  return readResult(rows, limit);
}

interface FoundRow {
  id: number | string;
  xid: string;
  kind: string;
  network_id: string | null;
  payload: unknown;
  held: boolean;
}

/** What a read found after a cursor (in stream order, at most `limit` rows), as a ReadResult. */
function readResult(found: readonly FoundRow[], limit: number): ReadResult {
  const ready = found.filter((r) => !r.held);
  const firstHeld = found[ready.length];
  return {
    // held rows sort after every final one (their xid is at least the horizon)
    rows: ready.map((r) => ({
      id: Number(r.id),
      xid: BigInt(r.xid),
      kind: r.kind,
      networkId: r.network_id,
      payload: r.payload as Record<string, unknown>,
    })),
    heldFrom: firstHeld ? BigInt(firstHeld.xid) : null,
    scanned: found.length,
    full: found.length === limit,
  };
}

/** One account's read in `readStreams`. */
export interface StreamRead {
  accountId: string;
  cursor: Cursor;
}

/**
 * `readAfter` for many accounts in one statement and one round trip, in the `streams` scope
 * (their rows only, by RLS): the hub's way to read every account a burst of events woke.
 * Results in the order of `reads`.
 */
export async function readStreams(database: Database, reads: readonly StreamRead[], limit: number): Promise<ReadResult[]> {
  if (reads.length === 0) return [];
  const rows = await readCompiledInScope<FoundRow & { n: number | string }>(
    database,
    { kind: "streams", accountIds: [...new Set(reads.map((r) => r.accountId))] },
    sql`select s.n, e.id, e.xid::text as xid, e.kind, e.network_id, e.payload,
        e.xid >= pg_snapshot_xmin(pg_current_snapshot()) as held
      from unnest(${reads.map((r) => r.accountId)}::uuid[], ${reads.map((r) => r.cursor.xid.toString())}::xid8[],
        ${reads.map((r) => r.cursor.id)}::bigint[]) with ordinality as s(account_id, after_xid, after_id, n)
      cross join lateral (
        select id, xid, kind, network_id, payload from events
        where events.account_id = s.account_id and (events.xid, events.id) > (s.after_xid, s.after_id)
        order by events.xid, events.id
        limit ${limit}::int
      ) as e
      order by s.n, e.xid, e.id`.compile(database.db),
    { prepare: true },
  );
  const byRead = reads.map(() => [] as FoundRow[]);
  for (const row of rows) byRead[Number(row.n) - 1]?.push(row);
  return byRead.map((found) => readResult(found, limit));
}

/** The oldest transaction still running (every older one has ended): rows below it are final. */
export async function horizon(database: Database): Promise<bigint> {
  const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(database.db);
  return BigInt(rows[0]?.xmin ?? "0");
}

/** The cursor of one of the account's events (where a reconnecting client left off), with its age. */
export async function findCursor(database: Database, accountId: string, eventId: number): Promise<(Cursor & { createdAt: Date }) | null> {
  const [row] = await readInScope(
    database,
    { kind: "account", accountId },
    database.db
      .selectFrom("events")
      .select([sql<string>`xid::text`.as("xid"), "id", "created_at"])
      .where("account_id", "=", accountId)
      .where("id", "=", eventId),
  );
  return row ? { xid: BigInt(row.xid), id: Number(row.id), createdAt: new Date(row.created_at) } : null;
}

/**
 * Where a new connection starts: after the account's last row whose transaction (and every
 * older one) has ended. Rows of transactions still running then come next, so nothing that
 * commits after the connection opens is missed.
 */
export async function currentCursor(database: Database, accountId: string): Promise<Cursor> {
  const [row] = await readInScope(
    database,
    { kind: "account", accountId },
    database.db
      .selectFrom("events")
      .select([sql<string>`xid::text`.as("xid"), "id"])
      .where("account_id", "=", accountId)
      .where(sql<boolean>`xid < pg_snapshot_xmin(pg_current_snapshot())`)
      .orderBy("events.xid", "desc")
      .orderBy("id", "desc")
      .limit(1),
  );
  return row ? { xid: BigInt(row.xid), id: Number(row.id) } : streamStart;
}
