// Makes a race deterministic on PostgreSQL: while `run` fires concurrent requests, a separate
// transaction holds `LOCK TABLE … IN SHARE MODE`, which lets every SELECT (and SELECT … FOR
// UPDATE) through but stops INSERT/UPDATE/DELETE on that table. Once the requests are all
// waiting on a lock, the table is released: whatever they read before writing, they read
// before any of them committed. Without a lock of their own that serialises them, a
// check-then-write is caught every time; with one, they queue and the check holds.
// PGlite runs one transaction at a time, so there `run` simply runs.
import { sql } from "kysely";
import type { Database } from "../../src/server/platform/db/database.ts";

export async function withWritesHeld<T>(
  database: Database,
  table: string,
  waiters: number,
  run: () => Promise<T>,
  options: { maxWaitMs?: number } = {},
): Promise<T> {
  if (database.kind !== "postgres") return run();
  let pending: Promise<T> | undefined;
  let settled = false;
  await database.db.transaction().execute(async (tx) => {
    await sql`lock table ${sql.table(table)} in share mode`.execute(tx);
    pending = run();
    void pending.then(
      () => (settled = true),
      () => (settled = true),
    );
    const deadline = Date.now() + (options.maxWaitMs ?? 15_000);
    // Poll on another connection until the requests are all blocked (or have already answered).
    while (!settled && Date.now() < deadline) {
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and state = 'active' and wait_event_type = 'Lock'`.execute(database.db);
      if ((rows[0]?.n ?? 0) >= waiters) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return pending as Promise<T>;
}
