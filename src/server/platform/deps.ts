// The long-lived parts every feature may use, built once in app.ts.
import type { FastifyBaseLogger } from "fastify";
import type { Config } from "./config/config.ts";
import type { Database } from "./db/database.ts";
import type { JobQueue } from "./jobs/jobs.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { EventBus } from "./realtime/bus.ts";
import type { RealtimeHub } from "./realtime/hub.ts";
import type { Storage } from "./storage/storage.ts";

export interface Deps {
  config: Config;
  database: Database;
  jobs: JobQueue;
  mailer: Mailer;
  storage: Storage;
  /** Publishes real-time events: `bus.publish(actor.tx, events, actor.afterCommit)`. */
  bus: EventBus;
  /** This process's WebSockets (GET /api/realtime). */
  realtime: RealtimeHub;
  log: FastifyBaseLogger;
}
