// Who is present for room-wide events (migrations/0010_presence.sql, decision 0013): an account
// with an open WebSocket in any app process now, or within the last `presenceGraceMs`. Each hub
// keeps its own rows — one statement when a socket opens or closes, one per refresh for all of
// its accounts — in the system scope; publishers read them in their tenant scope (RLS shows the
// rows of their network's members only). Times are the database's, so processes agree.
import { sql, type Compilable, type RawBuilder } from "kysely";
import type { Database } from "../db/database.ts";
import type { Tx } from "../tenancy/scope.ts";
import { readInScope } from "../tenancy/scoped-read.ts";

/** How long an account stays present after its last socket: a reconnect within it replays what it missed. */
export const presenceGraceMs = 120_000;
/** How often a hub refreshes its rows: well inside the grace period, so a live socket's row never lapses. */
export const presenceRefreshMs = presenceGraceMs / 4;

/** A raw statement for readInScope (one round-trip on PostgreSQL; it writes, in the system scope). */
const statement = <R>(database: Database, query: RawBuilder<R>): Compilable<R> => ({ compile: () => query.compile(database.db) });

const grace = sql`(${presenceGraceMs}::double precision * interval '1 millisecond')`;

/** The accounts present now, once each (read in a tenant scope: only that network's members). */
export const presentAccounts = (tx: Tx) =>
  tx
    .selectFrom("realtime_presence")
    .select("account_id")
    .distinct()
    .where(sql<boolean>`seen_at > now() - ${grace}`);

/**
 * Records that the account has `sockets` open in this process (0: its last one closed here now).
 * Returns when the account's present span began as it stood before this call — the earliest
 * `since` of its rows still within the grace period — or null if it was not present: a tab may
 * replay events after one of its own only if that event is not older than this.
 */
export async function touchPresence(database: Database, instanceId: string, accountId: string, sockets: number): Promise<Date | null> {
  const [row] = await readInScope(
    database,
    { kind: "system" },
    statement(
      database,
      sql<{ present_since: Date | string | null }>`with prior as (
        select min(since) as since from realtime_presence where account_id = ${accountId} and seen_at > now() - ${grace}
      )
      insert into realtime_presence as p (account_id, instance_id, sockets) values (${accountId}, ${instanceId}, ${sockets})
      on conflict (account_id, instance_id) do update set
        sockets = excluded.sockets,
        seen_at = now(),
        since = case when p.seen_at > now() - ${grace} then p.since else now() end
      returning (select since from prior) as present_since`,
    ),
  );
  return row?.present_since == null ? null : new Date(row.present_since);
}

/**
 * One statement per refresh for all of this process's accounts (with their socket counts): marks
 * them seen now, and deletes the rows that have lapsed (any process's: a process that died leaves
 * its rows behind). Returns the accounts whose row here had lapsed before this refresh — a stalled
 * process — whose sockets may have missed room events.
 */
export async function refreshPresence(database: Database, instanceId: string, sockets: ReadonlyMap<string, number>): Promise<string[]> {
  const live = JSON.stringify([...sockets].map(([a, n]) => ({ a, n })));
  const rows = await readInScope(
    database,
    { kind: "system" },
    statement(
      database,
      sql<{ account_id: string; lapsed: boolean }>`with live as (
        select a, n from jsonb_to_recordset(${live}::jsonb) as l(a uuid, n integer)
      ), gone as (
        delete from realtime_presence
        where seen_at <= now() - ${grace} and (instance_id <> ${instanceId} or account_id not in (select a from live))
      )
      insert into realtime_presence as p (account_id, instance_id, sockets)
      select a, ${instanceId}, n from live
      on conflict (account_id, instance_id) do update set
        sockets = excluded.sockets,
        seen_at = now(),
        since = case when p.seen_at > now() - ${grace} then p.since else now() end
      returning p.account_id, p.since = now() as lapsed`,
    ),
  );
  return rows.filter((r) => r.lapsed).map((r) => r.account_id);
}

/**
 * A clean shutdown: this process's accounts left now. Their rows stay within the grace period, so
 * the tabs reconnecting to another process (close 1001) replay what they missed meanwhile.
 */
export async function leavePresence(database: Database, instanceId: string): Promise<void> {
  await readInScope(
    database,
    { kind: "system" },
    statement(database, sql`update realtime_presence set sockets = 0, seen_at = now() where instance_id = ${instanceId} and sockets > 0`),
  );
}
