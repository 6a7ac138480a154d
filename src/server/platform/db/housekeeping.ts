// Deletes rows whose time is over: expired sessions and tokens, old rate-limit windows,
// finished jobs older than a week, imports that were never sent, real-time events older than
// two weeks, images uploaded but never attached to anything (rows and files). Runs hourly in
// every process; the deletes are idempotent.
import { sql } from "kysely";
import type { Storage } from "../storage/storage.ts";
import { inSystem } from "../tenancy/scope.ts";
import type { Database } from "./database.ts";

/** An uploaded leaver file nobody sent keeps people's addresses: it goes after this long. */
export const abandonedImportDays = 14;
/** Real-time events are kept this long (a reconnect replays at most 7 days: decision 0010). */
export const eventRetentionDays = 14;
/** An image uploaded for a post that was never sent goes after this long. */
export const abandonedImageHours = 24;
/** Events deleted per transaction: a long write transaction would hold back every socket's delivery. */
const eventDeleteBatch = 5000;

export async function housekeeping(database: Database, storage: Storage): Promise<void> {
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
  // Across networks, so in the system scope; the preview rows go with their import (foreign key).
  await inSystem(database, (tx) =>
    tx
      .deleteFrom("member_imports")
      .where("status", "in", ["uploaded", "previewed"])
      .where("created_at", "<", sql<Date>`now() - make_interval(days => ${abandonedImportDays})`)
      .execute(),
  );
  await deleteOldEvents(database);
  await deleteAbandonedImages(database, storage);
}

/** Unattached images older than a day, across networks: the rows, then their files. Returns how many went. */
export async function deleteAbandonedImages(database: Database, storage: Storage): Promise<number> {
  const removed = await inSystem(database, (tx) =>
    tx
      .deleteFrom("images")
      .where("post_id", "is", null)
      .where("comment_id", "is", null)
      .where("message_id", "is", null)
      .where("created_at", "<", sql<Date>`now() - make_interval(hours => ${abandonedImageHours})`)
      .returning(["thumb_key", "large_key"])
      .execute(),
  );
  for (const key of removed.flatMap((r) => [r.thumb_key, r.large_key])) await storage.delete(key);
  return removed.length;
}

/** Old events, a batch per short transaction (system scope: every account's rows). Returns how many went. */
export async function deleteOldEvents(database: Database): Promise<number> {
  let total = 0;
  for (;;) {
    const result = await inSystem(database, (tx) =>
      tx
        .deleteFrom("events")
        .where(
          "id",
          "in",
          tx
            .selectFrom("events")
            .select("id")
            .where("created_at", "<", sql<Date>`now() - make_interval(days => ${eventRetentionDays})`)
            .limit(eventDeleteBatch),
        )
        .executeTakeFirst(),
    );
    const n = Number(result.numDeletedRows);
    total += n;
    if (n < eventDeleteBatch) return total;
  }
}
