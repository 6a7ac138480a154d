// Deletes rows whose time is over: expired sessions and tokens, old rate-limit windows,
// finished jobs older than a week. Runs hourly in every process; the deletes are idempotent.
import { sql } from "kysely";
import type { Database } from "./database.ts";

export async function housekeeping(database: Database): Promise<void> {
  const db = database.db;
  await db.deleteFrom("sessions").where("expires_at", "<", new Date()).execute();
  await db
    .deleteFrom("account_tokens")
    .where("expires_at", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
  await db
    .deleteFrom("rate_limits")
    .where("window_start", "<", sql<Date>`now() - interval '1 day'`)
    .execute();
  await db
    .deleteFrom("jobs")
    .where("done_at", "<", sql<Date>`now() - interval '7 days'`)
    .execute();
}
