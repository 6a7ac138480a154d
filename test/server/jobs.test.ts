// The job queue's loop: a stopping process finishes the batch it took and leaves the backlog.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/server/platform/db/database.ts";
import { JobQueue } from "../../src/server/platform/jobs/jobs.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { createTestDatabase } from "../helpers/test-database.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

async function counts(kind: string) {
  const { rows } = await sql<{ done: number; pending: number; locked: number }>`
    select count(*) filter (where done_at is not null)::int as done,
      count(*) filter (where done_at is null)::int as pending,
      count(*) filter (where done_at is null and locked_until > now())::int as locked
    from jobs where kind = ${kind}`.execute(database.db);
  return rows[0]!;
}

describe("job queue", () => {
  it("stops after the batch it took: a backlog waits for the next start, and nothing runs twice", async () => {
    const kind = "test.backlog";
    const ran: number[] = [];
    const queue = new JobQueue(database, quiet);
    let firstRan: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (firstRan = resolve));
    queue.register(kind, async (payload) => {
      ran.push((payload as { n: number }).n);
      firstRan();
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    await inSystem(database, (tx) =>
      queue.enqueueMany(
        tx,
        kind,
        Array.from({ length: 60 }, (_, n) => ({ n })),
      ),
    );

    queue.start();
    await started;
    await queue.stop();
    const afterStop = ran.length;
    // One batch (10 jobs) at most, and not the 60 of the backlog.
    expect(afterStop).toBeGreaterThan(0);
    expect(afterStop).toBeLessThanOrEqual(10);
    expect(await counts(kind)).toEqual({ done: afterStop, pending: 60 - afterStop, locked: 0 });

    // A later runner takes the rest, each job once.
    const next = new JobQueue(database, quiet);
    next.register(kind, (payload) => {
      ran.push((payload as { n: number }).n);
      return Promise.resolve();
    });
    expect(await next.drain()).toBe(60 - afterStop);
    expect([...ran].sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, n) => n));
  });
});
