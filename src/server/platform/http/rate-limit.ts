// Fixed-window counters in the database, so limits hold across any number of app processes.
import { sql } from "kysely";
import type { Database } from "../db/database.ts";
import { rateLimited } from "../errors/errors.ts";

/** What a limit can be keyed on. Counted before the handler's transaction opens. */
export interface RateLimitInput<B> {
  body: B;
  request: { ip: string };
  account: { id: string } | null;
}

export interface RateLimitRule<B> {
  name: string;
  max: number;
  windowSeconds: number;
  /** The key to count under, e.g. the IP or IP + email. */
  key: (input: RateLimitInput<B>) => string;
}

/**
 * Counts a hit; over `max` in the window → 429. Its own transaction, committed without waiting
 * for the disk (synchronous_commit off for it alone): a crash of the database server may forget
 * the last moment's hits, which a counter can afford, and the request does not wait for a flush
 * before its own transaction has to wait for one (decision 0021).
 */
export async function hitRateLimit(database: Database, key: string, max: number, windowSeconds: number): Promise<void> {
  const result = await sql<{ hits: number; retry_after: number }>`
    insert into rate_limits as r (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      window_start = case when r.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else r.window_start end,
      hits = case when r.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else r.hits + 1 end
    returning hits, extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now()))::float8 as retry_after,
      set_config('synchronous_commit', 'off', true)`.execute(database.db);
  const row = result.rows[0];
  if (row && row.hits > max) throw rateLimited(row.retry_after);
}
