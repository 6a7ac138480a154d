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

export async function hitRateLimit(database: Database, key: string, max: number, windowSeconds: number): Promise<void> {
  const result = await sql<{ hits: number; retry_after: number }>`
    insert into rate_limits as r (key, window_start, hits) values (${key}, now(), 1)
    on conflict (key) do update set
      window_start = case when r.window_start <= now() - make_interval(secs => ${windowSeconds}) then now() else r.window_start end,
      hits = case when r.window_start <= now() - make_interval(secs => ${windowSeconds}) then 1 else r.hits + 1 end
    returning hits, extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now()))::float8 as retry_after`.execute(
    database.db,
  );
  const row = result.rows[0];
  if (row && row.hits > max) throw rateLimited(row.retry_after);
}
