// Durable jobs in the database: enqueued inside the transaction that causes them, claimed
// with FOR UPDATE SKIP LOCKED (safe with several processes), retried with backoff, and
// picked up again after a restart. Works the same on PGlite and PostgreSQL.
import { sql } from "kysely";
import type { Tx } from "../tenancy/scope.ts";
import type { FastifyBaseLogger } from "fastify";
import type { Database } from "../db/database.ts";

/** Which attempt this is; `final` when a failure will not be retried. */
export interface JobRun {
  attempt: number;
  final: boolean;
}

export type JobHandler = (payload: unknown, run: JobRun) => Promise<void>;

export interface EnqueueOptions {
  runAt?: Date;
  maxAttempts?: number;
}

const lockSeconds = 300;
const pollMs = 1000;

export class JobQueue {
  readonly #database: Database;
  readonly #log: Pick<FastifyBaseLogger, "error" | "warn">;
  readonly #handlers = new Map<string, JobHandler>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;

  constructor(database: Database, log: Pick<FastifyBaseLogger, "error" | "warn">) {
    this.#database = database;
    this.#log = log;
  }

  register(kind: string, handler: JobHandler): void {
    this.#handlers.set(kind, handler);
  }

  async enqueue(tx: Tx, kind: string, payload: unknown, options: EnqueueOptions = {}): Promise<void> {
    await tx
      .insertInto("jobs")
      .values({
        kind,
        payload: JSON.stringify(payload),
        ...(options.runAt ? { run_at: options.runAt } : {}),
        ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
      })
      .execute();
  }

  /** Many jobs of one kind in one statement (bulk invitations). */
  async enqueueMany(tx: Tx, kind: string, payloads: unknown[], options: EnqueueOptions = {}): Promise<void> {
    if (payloads.length === 0) return;
    await tx
      .insertInto("jobs")
      .values(
        payloads.map((payload) => ({
          kind,
          payload: JSON.stringify(payload),
          ...(options.runAt ? { run_at: options.runAt } : {}),
          ...(options.maxAttempts ? { max_attempts: options.maxAttempts } : {}),
        })),
      )
      .execute();
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Run due jobs soon (after a commit that enqueued some). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) this.#again = true;
    else this.#schedule(0);
  }

  /** Stops taking jobs; resolves when the jobs already taken (one batch at most) have run. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Runs every due job until none is left; returns how many ran. Tests call it directly. */
  drain(): Promise<number> {
    return this.#runWhile(() => true);
  }

  /**
   * Batches until none is due or `more` says stop. The loop a started runner runs stops with it:
   * a process stopping with a backlog of thousands of due jobs leaves them to the next one.
   */
  async #runWhile(more: () => boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.#runBatch();
      total += n;
      if (n === 0 || !more()) return total;
    }
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#running = this.#runWhile(() => !this.#stopped)
        .then(() => undefined)
        .catch((error: unknown) => this.#log.error({ err: error }, "job loop failed"))
        .finally(() => {
          this.#running = null;
          this.#schedule(this.#again ? 0 : pollMs);
          this.#again = false;
        });
    }, ms);
    this.#timer.unref();
  }

  async #runBatch(): Promise<number> {
    const claimed = await sql<{ id: string; kind: string; payload: unknown; attempts: number; max_attempts: number }>`
      update jobs set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = attempts + 1
      where id in (
        select id from jobs
        where done_at is null and run_at <= now() and (locked_until is null or locked_until < now())
        order by run_at limit 10 for update skip locked)
      returning id, kind, payload, attempts, max_attempts`.execute(this.#database.db);
    for (const job of claimed.rows) {
      const handler = this.#handlers.get(job.kind);
      try {
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        await handler(job.payload, { attempt: job.attempts, final: job.attempts >= job.max_attempts });
        await this.#database.db
          .updateTable("jobs")
          .set({ done_at: new Date(), locked_until: null, last_error: null })
          .where("id", "=", job.id)
          .execute();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = job.attempts >= job.max_attempts;
        this.#log.warn({ job: job.id, kind: job.kind, attempt: job.attempts, final, error: message }, "job failed");
        await this.#database.db
          .updateTable("jobs")
          .set({
            last_error: message.slice(0, 2000),
            locked_until: null,
            ...(final ? { done_at: new Date() } : { run_at: new Date(Date.now() + backoffMs(job.attempts)) }),
          })
          .where("id", "=", job.id)
          .execute();
      }
    }
    return claimed.rows.length;
  }
}

/** 10 s, 40 s, 2.7 min, 10.7 min, … */
export const backoffMs = (attempt: number) => 10_000 * 4 ** (attempt - 1);
