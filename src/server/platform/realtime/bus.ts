// The event bus: `publish` writes events in the caller's transaction and, once it has
// committed, tells every app process's hub which accounts have something new. The rows are the
// truth; a bus message only says "look". So a lost message delays delivery until the next one
// (or a reconnect, or the hub's sweep at each heartbeat), it never loses an event, and a
// duplicate costs one extra read.
//
//  InProcessBus  – one process (the default, and all PGlite can do): an EventEmitter, told
//                  after commit through the caller's afterCommit.
//  PostgresBus   – any number of processes on one PostgreSQL: after commit, this process's hub
//                  at once and the others by NOTIFY, sent on the listening connection outside the
//                  pool (coalesced: one statement in flight, carrying whatever gathered meanwhile).
//                  Not pg_notify in the publishing transaction: PostgreSQL holds one lock from a
//                  notifying transaction's commit until its WAL is on disk, so every notifying
//                  commit waited for the one before it (decision 0021).
// The same channel says which rooms' timelines changed (`roomsChanged`), so every process drops
// its copies of their first pages and of their networks' feeds (posts/page-copies.ts, decision 0022).
// Redis or NATS would be a third implementation of the same interface (decision 0010).
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import type { FastifyBaseLogger } from "fastify";
import type { Client } from "pg";
import type { Tx } from "../tenancy/scope.ts";
import { sql, type Expression } from "kysely";
import {
  checkEventShape,
  checkEvents,
  insertAudienceEvent,
  insertEvents,
  recipients,
  type AudienceEvent,
  type NewEvent,
} from "./events.ts";

/** A query selecting accounts (`account_id`, once each) to publish an event to. */
export type Audience = Expression<{ account_id: string }>;

/** How a request (MemberActor.afterCommit) or withAfterCommit runs work once its transaction has committed. */
export type AfterCommit = (task: () => Promise<void>) => void;

/** Which accounts have new events; "all" after the bus may have missed messages (a reconnect). */
export type Wakeup = ReadonlySet<string> | "all";

/** Rooms whose timelines changed, in one network. */
export interface RoomChange {
  networkId: string;
  roomIds: readonly string[];
}

/** Which rooms' timelines changed and in which networks (caches drop them); "all" when any may have (a reconnect, an author's new name). */
export type RoomsChanged = { rooms: ReadonlySet<string>; networks: ReadonlySet<string> } | "all";

export interface EventBus {
  readonly kind: "in-process" | "postgres";
  /**
   * Inserts the events in `tx` (so they exist if and only if it commits) and wakes the hubs
   * after the commit. Inside a request: `bus.publish(actor.tx, events, actor.afterCommit)`;
   * elsewhere wrap the transaction in `withAfterCommit`.
   */
  publish(tx: Tx, events: readonly NewEvent[], afterCommit: AfterCommit): Promise<void>;
  /**
   * The same for one event to every account `audience` selects (a room's members present): one
   * statement, whatever the audience's size.
   */
  publishToAudience(tx: Tx, audience: Audience, event: AudienceEvent, afterCommit: AfterCommit): Promise<void>;
  /**
   * For a caller that wrote the events itself, in the statement that writes what they announce
   * (one round trip fewer; e.g. notifications): wakes the hubs of these accounts after the commit.
   */
  published(accountIds: Iterable<string>, afterCommit: AfterCommit): void;
  subscribe(listener: (wakeup: Wakeup) => void): () => void;
  /**
   * After the commit: these rooms' timelines changed — posts, comments counted, stamps, pins,
   * moderation — or, with "all", any room's may have. This process's listeners hear it at once,
   * the others through the same channel as the wake-ups (posts/page-copies.ts: the copies of
   * rooms' first pages and of networks' feeds are dropped).
   */
  roomsChanged(change: RoomChange | "all", afterCommit: AfterCommit): void;
  subscribeRooms(listener: (rooms: RoomsChanged) => void): () => void;
  /** Starts listening; resolves after the first attempt (failures are retried in the background). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Runs `fn` with an afterCommit and, if `fn` resolves (its transaction committed), the tasks it collected. */
export async function withAfterCommit<T>(fn: (afterCommit: AfterCommit) => Promise<T>): Promise<T> {
  const tasks: (() => Promise<void>)[] = [];
  const result = await fn((task) => tasks.push(task));
  for (const task of tasks) await task();
  return result;
}

type Log = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

class Listeners {
  readonly #emitter = new EventEmitter().setMaxListeners(0);
  readonly #log: Log;
  constructor(log: Log) {
    this.#log = log;
  }
  add(listener: (wakeup: Wakeup) => void): () => void {
    this.#emitter.on("wakeup", listener);
    return () => this.#emitter.off("wakeup", listener);
  }
  addRooms(listener: (rooms: RoomsChanged) => void): () => void {
    this.#emitter.on("rooms", listener);
    return () => this.#emitter.off("rooms", listener);
  }
  emit(wakeup: Wakeup): void {
    this.#emit("wakeup", wakeup);
  }
  emitRooms(rooms: RoomsChanged): void {
    this.#emit("rooms", rooms);
  }
  #emit(name: string, value: unknown): void {
    try {
      this.#emitter.emit(name, value);
    } catch (error) {
      this.#log.error({ err: error }, "realtime listener failed");
    }
  }
}

/** Both buses write the same way; they differ in whom they tell after the commit. */
abstract class WritingBus {
  protected readonly listeners: Listeners;

  constructor(log: Log) {
    this.listeners = new Listeners(log);
  }

  async publish(tx: Tx, events: readonly NewEvent[], afterCommit: AfterCommit): Promise<void> {
    checkEvents(events);
    if (events.length === 0) return;
    await insertEvents(tx, events);
    this.published(recipients(events), afterCommit);
  }

  async publishToAudience(tx: Tx, audience: Audience, event: AudienceEvent, afterCommit: AfterCommit): Promise<void> {
    checkEventShape(event);
    const { rows } = await insertAudienceEvent<{ account_id: string }>(audience, event, sql`select account_id from audience`).execute(tx);
    this.published(
      rows.map((r) => r.account_id),
      afterCommit,
    );
  }

  published(accountIds: Iterable<string>, afterCommit: AfterCommit): void {
    const accounts = new Set(accountIds);
    if (accounts.size > 0) afterCommit(() => this.announce(accounts));
  }

  subscribe(listener: (wakeup: Wakeup) => void): () => void {
    return this.listeners.add(listener);
  }

  roomsChanged(change: RoomChange | "all", afterCommit: AfterCommit): void {
    if (change === "all") afterCommit(() => this.announceRooms("all"));
    else if (change.roomIds.length > 0)
      afterCommit(() => this.announceRooms({ rooms: new Set(change.roomIds), networks: new Set([change.networkId]) }));
  }

  subscribeRooms(listener: (rooms: RoomsChanged) => void): () => void {
    return this.listeners.addRooms(listener);
  }

  /** After the commit: these accounts have new events. */
  protected abstract announce(accounts: ReadonlySet<string>): Promise<void>;
  /** After the commit: these rooms' timelines changed. */
  protected abstract announceRooms(rooms: RoomsChanged): Promise<void>;
}

export class InProcessBus extends WritingBus implements EventBus {
  readonly kind = "in-process";

  protected announce(accounts: ReadonlySet<string>): Promise<void> {
    this.listeners.emit(accounts);
    return Promise.resolve();
  }

  protected announceRooms(rooms: RoomsChanged): Promise<void> {
    this.listeners.emitRooms(rooms);
    return Promise.resolve();
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }
}

export const notifyChannel = "tsunagu_events";
/** Shows in pg_stat_activity (and lets a test cut this connection). */
export const listenerApplicationName = "tsunagu-realtime";
/** NOTIFY payloads must stay under 8000 bytes: 150 uuids as JSON are about 5.9 kB. */
const accountsPerMessage = 150;
/** A room is named with its network: two uuids, about 76 bytes as JSON. */
const roomsPerMessage = 90;
/** Past this many accounts waiting to be announced (the listening connection is down), one "everyone" message replaces them. */
const maxPendingAccounts = 10_000;

/**
 * A bus message: the sending process and the accounts to read, or `all` (read every stream);
 * or the rooms whose timelines changed (`r`, "networkId roomId" each), or `allRooms`.
 */
interface BusMessage {
  o: string;
  a?: string[];
  all?: true;
  r?: string[];
  allRooms?: true;
}

export interface PostgresBusOptions {
  /** First reconnect delay; doubles up to `reconnectMaxMs` (with jitter). */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** How often the listening connection is probed (a half-open TCP connection shows no error). */
  probeMs?: number;
}

export class PostgresBus extends WritingBus implements EventBus {
  readonly kind = "postgres";
  /** Names this process in its messages, so it skips its own (its hub was told at once). */
  readonly #origin = randomUUID();
  readonly #url: string;
  readonly #log: Log;
  readonly #options: Required<PostgresBusOptions>;
  /** Accounts to announce to the other processes; "all" once too many have gathered. */
  #outgoing: Set<string> | "all" = new Set();
  /** Rooms whose timelines changed ("networkId roomId"), to announce likewise. */
  #outgoingRooms: Set<string> | "all" = new Set();
  #sending: Promise<void> | null = null;
  #client: Client | null = null;
  #started: Promise<void> | null = null;
  #stopped = false;
  /** Bumped by stop(): a connection attempt begun before it must not become the listener. */
  #generation = 0;
  #failures = 0;
  #reconnectTimer: NodeJS.Timeout | null = null;
  #probeTimer: NodeJS.Timeout | null = null;

  constructor(url: string, log: Log, options: PostgresBusOptions = {}) {
    super(log);
    this.#url = url;
    this.#log = log;
    this.#options = { reconnectMinMs: 250, reconnectMaxMs: 30_000, probeMs: 30_000, ...options };
  }

  protected announce(accounts: ReadonlySet<string>): Promise<void> {
    this.listeners.emit(accounts);
    if (this.#outgoing !== "all") {
      for (const account of accounts) this.#outgoing.add(account);
      if (this.#outgoing.size > maxPendingAccounts) this.#outgoing = "all";
    }
    this.#startSending();
    // The request does not wait for the other processes to be told.
    return Promise.resolve();
  }

  protected announceRooms(rooms: RoomsChanged): Promise<void> {
    this.listeners.emitRooms(rooms);
    if (rooms === "all") this.#outgoingRooms = "all";
    else if (this.#outgoingRooms !== "all") {
      // An announcement names one network (roomsChanged).
      const [network] = rooms.networks;
      for (const room of rooms.rooms) this.#outgoingRooms.add(`${network} ${room}`);
      if (this.#outgoingRooms.size > maxPendingAccounts) this.#outgoingRooms = "all";
    }
    this.#startSending();
    return Promise.resolve();
  }

  #startSending(): void {
    if (this.#sending) return;
    this.#sending = this.#send().finally(() => (this.#sending = null));
  }

  /** Sends what has gathered, one statement at a time, until nothing is left (or no connection). */
  async #send(): Promise<void> {
    for (;;) {
      const client = this.#client;
      const outgoing = this.#outgoing;
      const rooms = this.#outgoingRooms;
      if (!client || (outgoing !== "all" && outgoing.size === 0 && rooms !== "all" && rooms.size === 0)) return;
      this.#outgoing = new Set();
      this.#outgoingRooms = new Set();
      const messages: BusMessage[] = [];
      if (outgoing === "all") messages.push({ o: this.#origin, all: true });
      else {
        const accounts = [...outgoing];
        for (let i = 0; i < accounts.length; i += accountsPerMessage)
          messages.push({ o: this.#origin, a: accounts.slice(i, i + accountsPerMessage) });
      }
      if (rooms === "all") messages.push({ o: this.#origin, allRooms: true });
      else {
        const ids = [...rooms];
        for (let i = 0; i < ids.length; i += roomsPerMessage) messages.push({ o: this.#origin, r: ids.slice(i, i + roomsPerMessage) });
      }
      try {
        // Its own transaction, which writes nothing: its commit does not wait for the disk.
        await client.query("select pg_notify($1, m) from unnest($2::text[]) as m", [notifyChannel, messages.map((m) => JSON.stringify(m))]);
      } catch (error) {
        // The connection is lost (and being replaced): the other hubs catch up at their next sweep.
        this.#log.warn({ err: error }, "realtime: cannot notify the other processes");
        return;
      }
    }
  }

  start(): Promise<void> {
    this.#stopped = false;
    this.#started ??= this.#connect();
    return this.#started;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#generation++;
    this.#started = null;
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer);
    if (this.#probeTimer) clearInterval(this.#probeTimer);
    this.#reconnectTimer = this.#probeTimer = null;
    const client = this.#client;
    this.#client = null;
    if (client) await endQuietly(client);
  }

  /** True while LISTEN is in place. */
  get listening(): boolean {
    return this.#client !== null;
  }

  async #connect(): Promise<void> {
    this.#reconnectTimer = null;
    if (this.#stopped || this.#client) return;
    const generation = this.#generation;
    const pg = (await import("pg")).default;
    const client = new pg.Client({
      connectionString: this.#url,
      application_name: listenerApplicationName,
      keepAlive: true,
      connectionTimeoutMillis: 5000,
    });
    client.on("notification", (message) => this.#onNotification(message.payload));
    client.on("error", (error) => this.#lost(client, error));
    client.on("end", () => this.#lost(client, null));
    try {
      await client.connect();
      await client.query(`listen ${notifyChannel}`);
    } catch (error) {
      await endQuietly(client);
      if (generation !== this.#generation) return;
      this.#log.warn({ err: error }, "realtime: cannot LISTEN on PostgreSQL, retrying");
      this.#retry();
      return;
    }
    if (this.#stopped || generation !== this.#generation) {
      await endQuietly(client);
      return;
    }
    if (this.#failures > 0) this.#log.info("realtime: listening on PostgreSQL again");
    this.#client = client;
    this.#failures = 0;
    this.#probeTimer ??= setInterval(() => void this.#probe(), this.#options.probeMs).unref();
    // Messages sent while nobody listened here are gone: every hub rereads its sockets' streams,
    // and every copy of a timeline may be out of date.
    this.listeners.emit("all");
    this.listeners.emitRooms("all");
    // Announcements that gathered while there was no connection.
    this.#startSending();
  }

  #onNotification(payload: string | undefined): void {
    try {
      const { o, a, all, r, allRooms } = JSON.parse(payload ?? "") as Record<keyof BusMessage, unknown>;
      if (o === this.#origin) return;
      if (all === true) this.listeners.emit("all");
      else if (Array.isArray(a)) this.listeners.emit(new Set(a.filter((x): x is string => typeof x === "string")));
      if (allRooms === true) this.listeners.emitRooms("all");
      else if (Array.isArray(r)) {
        const pairs = r.filter((x): x is string => typeof x === "string").map((x) => x.split(" "));
        this.listeners.emitRooms({
          rooms: new Set(pairs.map(([, room]) => room ?? "")),
          networks: new Set(pairs.map(([network]) => network ?? "")),
        });
      }
    } catch {
      this.#log.warn("realtime: unreadable notification");
    }
  }

  #lost(client: Client, error: Error | null): void {
    if (client !== this.#client) return;
    this.#client = null;
    void endQuietly(client);
    if (this.#stopped) return;
    this.#log.warn({ err: error ?? undefined }, "realtime: lost the LISTEN connection, reconnecting");
    this.#retry();
  }

  #retry(): void {
    if (this.#stopped || this.#reconnectTimer) return;
    const { reconnectMinMs, reconnectMaxMs } = this.#options;
    const delay = Math.min(reconnectMaxMs, reconnectMinMs * 2 ** this.#failures) * (0.5 + Math.random() / 2);
    this.#failures++;
    this.#reconnectTimer = setTimeout(() => void this.#connect(), delay);
    this.#reconnectTimer.unref();
  }

  async #probe(): Promise<void> {
    const client = this.#client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.query("select 1"),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error("no answer within 10 s")), 10_000);
        }),
      ]);
    } catch (error) {
      this.#lost(client, error instanceof Error ? error : new Error(String(error)));
    } finally {
      clearTimeout(timer);
    }
  }
}

async function endQuietly(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([client.end(), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
  } catch {
    // already gone
  } finally {
    clearTimeout(timer);
  }
}

/** PostgreSQL LISTEN/NOTIFY when the app runs on a PostgreSQL server (any number of processes), else in-process. */
export function createBus(databaseKind: "pglite" | "postgres", databaseUrl: string | undefined, log: Log): EventBus {
  if (databaseKind === "postgres" && databaseUrl) return new PostgresBus(databaseUrl, log);
  return new InProcessBus(log);
}
