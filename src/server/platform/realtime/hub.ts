// Each process's realtime hub: the WebSockets connected to this process, grouped by account.
// When the bus names an account, the hub reads that account's new rows (one read per account
// however many of its tabs are open, however many wakeups arrived meanwhile; the accounts woken
// together in one statement, in the `streams` scope) and sends each socket the rows after its
// own cursor, in stream order. A heartbeat pings every socket, drops the ones that stopped
// answering, closes those whose session has ended (signed out, revoked, expired) — so a socket
// outlives its session by one heartbeat at most — and reads every stream once more (a sweep).
// It also keeps this process's presence rows (presence.ts): room-wide events are written only for
// accounts present, so a reconnect whose account was away longer than the grace period gets `resync`.
import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { WebSocket } from "ws";
import type { Database } from "../db/database.ts";
import type { EventBus, Wakeup } from "./bus.ts";
import {
  currentCursor,
  cursorBefore,
  findCursor,
  horizon,
  readAfter,
  readStreams,
  streamStart,
  type Cursor,
  type EventRow,
  type ServerMessage,
} from "./events.ts";
import { leavePresence, presenceRefreshMs, refreshPresence, touchPresence } from "./presence.ts";

export interface HubOptions {
  /** Ping, dead-socket and session check interval. */
  heartbeatMs: number;
  /** Sockets one account may hold open in one process (browser tabs). */
  maxSocketsPerAccount: number;
  /** A reconnect replays at most this many events; more → `resync`. */
  replayLimit: number;
  /** …and only after an event at most this old; older → `resync`. */
  replayMaxAgeMs: number;
  /** Rows per account and read. */
  readBatch: number;
  /** Accounts one read takes at most (one statement for all of them). */
  readAccounts: number;
  /** Reads at the same time (each holds a pooled connection). */
  maxConcurrentReads: number;
  /** Messages a client may send per heartbeat (it has nothing to say but `ping`). */
  maxMessagesPerHeartbeat: number;
  /** A socket with more unsent data than this is too slow: closed, it reconnects and replays. */
  maxBufferedBytes: number;
}

export const defaultHubOptions: HubOptions = {
  heartbeatMs: 30_000,
  maxSocketsPerAccount: 20,
  replayLimit: 1000,
  replayMaxAgeMs: 7 * 86_400_000,
  readBatch: 500,
  readAccounts: 200,
  maxConcurrentReads: 2,
  maxMessagesPerHeartbeat: 30,
  maxBufferedBytes: 1024 * 1024,
};

/** Close codes the client can act on. */
export const closeCodes = {
  /** The server is stopping: reconnect (to another process) with `after`. */
  goingAway: 1001,
  /** Too many messages or sockets: do not retry at once. */
  policy: 1008,
  /** Could not read the stream (database trouble): reconnect with `after`. */
  internalError: 1011,
  /** Too slow to keep up: reconnect with `after`. */
  tryAgainLater: 1013,
  /** The session was signed out, revoked or expired: do not reconnect; sign in again. */
  sessionEnded: 4401,
} as const;

interface Connection {
  socket: WebSocket;
  accountId: string;
  sessionId: string;
  /** After which row the next event is. */
  cursor: Cursor;
  /**
   * Until the first read: the client's `after` (null: none given), and since when the account had
   * been present when this socket came (null: it was not, or not known); `known` once that presence
   * has been recorded (the first read waits for it: another wake-up of the account may come first).
   */
  pending: { after: number | null; presentSince: Date | null; known: boolean } | null;
  /** Answered the last ping. */
  alive: boolean;
  messagesIn: number;
}

interface AccountStream {
  accountId: string;
  connections: Set<Connection>;
  running: boolean;
  /** Woken while a read was running: read once more after it. */
  again: boolean;
}

/** While rows are held back, the horizon is checked this often, slowing down while it does not move. */
const horizonFirstMs = 5;
const horizonMaxMs = 200;
/** Held back longer than this: worth a line in the log (an operator can find the transaction). */
const heldWarningMs = 10_000;
const closeGraceMs = 2000;

export class RealtimeHub {
  /** This process's presence rows are keyed by it. */
  readonly instanceId = randomUUID();
  readonly #database: Database;
  readonly #bus: EventBus;
  readonly #log: Pick<FastifyBaseLogger, "info" | "warn" | "error">;
  readonly options: HubOptions;
  readonly #streams = new Map<string, AccountStream>();
  readonly #queue = new Set<AccountStream>();
  readonly #work = new Set<Promise<void>>();
  /** Streams with rows held back by a running transaction: the xid the horizon must pass, since when. */
  readonly #held = new Map<AccountStream, { xid: bigint; since: number; warned: boolean }>();
  #horizonTimer: NodeJS.Timeout | null = null;
  #horizonMs = horizonFirstMs;
  #horizonCheck: Promise<void> | null = null;
  #pumpScheduled = false;
  #active = 0;
  #started: Promise<void> | null = null;
  #unsubscribe: (() => void) | null = null;
  #heartbeatTimer: NodeJS.Timeout | null = null;
  #heartbeat: Promise<void> | null = null;
  #presenceTimer: NodeJS.Timeout | null = null;
  #presenceRefresh: Promise<void> | null = null;
  #closing: Promise<void> | null = null;

  constructor(
    database: Database,
    bus: EventBus,
    log: Pick<FastifyBaseLogger, "info" | "warn" | "error">,
    options: Partial<HubOptions> = {},
  ) {
    this.#database = database;
    this.#bus = bus;
    this.#log = log;
    this.options = { ...defaultHubOptions, ...options };
  }

  /** Subscribes to the bus and starts the heartbeat; resolves once the bus has tried to listen. Idempotent. */
  start(): Promise<void> {
    if (this.#closing) return Promise.resolve();
    this.#started ??= (async () => {
      this.#unsubscribe = this.#bus.subscribe((wakeup) => this.#onWakeup(wakeup));
      this.#heartbeatTimer = setInterval(() => {
        this.#heartbeat ??= this.#beat()
          .catch((error: unknown) => this.#log.warn({ err: error }, "realtime heartbeat failed"))
          .finally(() => (this.#heartbeat = null));
      }, this.options.heartbeatMs);
      this.#heartbeatTimer.unref();
      this.#presenceTimer = setInterval(() => {
        this.#presenceRefresh ??= this.#refreshPresence()
          .catch((error: unknown) => this.#log.warn({ err: error }, "realtime: cannot refresh presence"))
          .finally(() => (this.#presenceRefresh = null));
      }, presenceRefreshMs);
      this.#presenceTimer.unref();
      await this.#bus.start();
    })();
    return this.#started;
  }

  get closing(): boolean {
    return this.#closing !== null;
  }

  /** Open sockets of one account in this process, or of all. */
  connections(accountId?: string): number {
    if (accountId) return this.#streams.get(accountId)?.connections.size ?? 0;
    let n = 0;
    for (const s of this.#streams.values()) n += s.connections.size;
    return n;
  }

  hasRoomFor(accountId: string): boolean {
    return this.connections(accountId) < this.options.maxSocketsPerAccount;
  }

  /**
   * Takes an authenticated socket: replays what came after `after` (an event id the client
   * received; 0 = from the start of its stream; null = nothing, start now), then streams.
   */
  async attach(socket: WebSocket, who: { accountId: string; sessionId: string }, after: number | null): Promise<void> {
    if (this.#closing) {
      socket.close(closeCodes.goingAway, "server_stopping");
      return;
    }
    if (!this.hasRoomFor(who.accountId)) {
      socket.close(closeCodes.policy, "too_many_sockets");
      return;
    }
    const stream = this.#streamOf(who.accountId);
    const conn: Connection = {
      socket,
      ...who,
      cursor: streamStart,
      pending: { after, presentSince: null, known: false },
      alive: true,
      messagesIn: 0,
    };
    stream.connections.add(conn);
    socket.on("pong", () => (conn.alive = true));
    socket.on("message", (data, isBinary) => this.#onMessage(conn, data, isBinary));
    socket.on("close", () => this.#detach(stream, conn));
    // LISTEN is in place before the first read, so nothing committed after that read goes unnoticed.
    await this.start();
    // Present before the first read: room events committed after it are written for this account.
    const presentSince = await this.#touch(who.accountId);
    if (conn.pending) conn.pending = { ...conn.pending, presentSince, known: true };
    this.#wake(stream);
  }

  /** Closes every socket with 1001, waits for running reads, stops listening. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      if (this.#heartbeatTimer) clearInterval(this.#heartbeatTimer);
      if (this.#presenceTimer) clearInterval(this.#presenceTimer);
      this.#unsubscribe?.();
      this.#queue.clear();
      if (this.#horizonTimer) clearTimeout(this.#horizonTimer);
      this.#held.clear();
      const sockets = [...this.#streams.values()].flatMap((s) => [...s.connections].map((c) => c.socket));
      for (const socket of sockets) socket.close(closeCodes.goingAway, "server_stopping");
      await Promise.allSettled([...this.#work, this.#heartbeat, this.#horizonCheck, this.#presenceRefresh]);
      await waitClosed(sockets, closeGraceMs);
      if (this.#started) {
        // One statement for every socket of this process (their close events no longer write).
        await leavePresence(this.#database, this.instanceId).catch((error: unknown) =>
          this.#log.warn({ err: error }, "realtime: cannot record leaving"),
        );
      }
      await this.#started?.catch(() => undefined);
      await this.#bus.stop();
    })();
    return this.#closing;
  }

  #streamOf(accountId: string): AccountStream {
    let stream = this.#streams.get(accountId);
    if (!stream) {
      stream = { accountId, connections: new Set(), running: false, again: false };
      this.#streams.set(accountId, stream);
    }
    return stream;
  }

  #detach(stream: AccountStream, conn: Connection): void {
    stream.connections.delete(conn);
    this.#forgetIfEmpty(stream);
    if (this.#closing) return;
    const work = this.#touch(stream.accountId).then(
      () => undefined,
      () => undefined,
    );
    this.#work.add(work);
    void work.finally(() => this.#work.delete(work));
  }

  /**
   * Writes how many sockets the account has open here now (0: it has just left, and stays present
   * for the grace period). Returns since when it had been present, or null; a failure is logged
   * and counts as not present (a reconnect then resyncs: safe).
   */
  async #touch(accountId: string): Promise<Date | null> {
    try {
      return await touchPresence(this.#database, this.instanceId, accountId, this.connections(accountId));
    } catch (error) {
      this.#log.warn({ err: error }, "realtime: cannot record presence");
      return null;
    }
  }

  /** Refreshes this process's presence rows at once (the timer does it every `presenceRefreshMs`). */
  refreshPresenceNow(): Promise<void> {
    return this.#refreshPresence();
  }

  /** Keeps this process's accounts present; sockets whose row had lapsed (a stalled process) may have missed room events: resync. */
  async #refreshPresence(): Promise<void> {
    const counts = new Map<string, number>();
    for (const stream of this.#streams.values()) if (stream.connections.size > 0) counts.set(stream.accountId, stream.connections.size);
    const lapsed = await refreshPresence(this.#database, this.instanceId, counts);
    for (const accountId of lapsed) {
      for (const conn of this.#streams.get(accountId)?.connections ?? []) {
        if (conn.pending) continue;
        this.#send(conn, { type: "resync" });
        this.#send(conn, { type: "ready", lastEventId: conn.cursor.id });
      }
    }
  }

  #forgetIfEmpty(stream: AccountStream): void {
    if (stream.connections.size > 0 || stream.running) return;
    this.#held.delete(stream);
    this.#queue.delete(stream);
    if (this.#streams.get(stream.accountId) === stream) this.#streams.delete(stream.accountId);
  }

  #onWakeup(wakeup: Wakeup): void {
    if (wakeup === "all") {
      for (const stream of this.#streams.values()) this.#wake(stream);
      return;
    }
    for (const accountId of wakeup) {
      const stream = this.#streams.get(accountId);
      if (stream) this.#wake(stream);
    }
  }

  #wake(stream: AccountStream): void {
    if (this.#closing || stream.connections.size === 0) return;
    if (stream.running) {
      stream.again = true;
      return;
    }
    this.#queue.add(stream);
    // Wakeups that arrive in the same tick (a burst of notifications) make one read.
    if (!this.#pumpScheduled) {
      this.#pumpScheduled = true;
      setImmediate(() => {
        this.#pumpScheduled = false;
        this.#pump();
      });
    }
  }

  /** Reads the queued accounts, up to `readAccounts` in one statement, `maxConcurrentReads` statements at a time. */
  #pump(): void {
    while (this.#active < this.options.maxConcurrentReads && this.#queue.size > 0 && !this.#closing) {
      const streams: AccountStream[] = [];
      for (const stream of this.#queue) {
        if (streams.length === this.options.readAccounts) break;
        streams.push(stream);
      }
      for (const stream of streams) {
        this.#queue.delete(stream);
        stream.running = true;
        stream.again = false;
      }
      this.#active++;
      const work = this.#flush(streams)
        .catch((error: unknown) => {
          this.#log.error({ err: error }, "realtime: cannot read events");
          // The client reconnects with `after` and loses nothing.
          for (const stream of streams) for (const conn of stream.connections) conn.socket.close(closeCodes.internalError, "read_failed");
        })
        .finally(() => {
          this.#work.delete(work);
          this.#active--;
          for (const stream of streams) {
            stream.running = false;
            if (stream.again) this.#wake(stream);
            this.#forgetIfEmpty(stream);
          }
          this.#pump();
        });
      this.#work.add(work);
    }
  }

  /**
   * One pass over some accounts: first reads of new sockets (replay, one by one), then the new
   * rows of all of them in one read. An account with more rows than a read takes is read again.
   */
  async #flush(streams: readonly AccountStream[]): Promise<void> {
    const reads: { stream: AccountStream; live: Connection[]; cursor: Cursor }[] = [];
    for (const stream of streams) {
      for (const conn of [...stream.connections]) {
        // A socket whose presence is still being recorded starts at its own wake-up, right after.
        if (conn.pending?.known) await this.#begin(stream, conn);
      }
      const live = [...stream.connections].filter((c) => !c.pending && isOpen(c.socket));
      if (live.length === 0) continue;
      const cursor = live.reduce((min, c) => (cursorBefore(c.cursor, min) ? c.cursor : min), live[0]!.cursor);
      reads.push({ stream, live, cursor });
    }
    if (reads.length === 0) return;
    const results = await readStreams(
      this.#database,
      reads.map((r) => ({ accountId: r.stream.accountId, cursor: r.cursor })),
      this.options.readBatch,
    );
    reads.forEach(({ stream, live }, i) => {
      const result = results[i];
      if (!result) return;
      for (const row of result.rows) for (const conn of live) this.#deliver(conn, row);
      this.#holdUntil(stream, result.heldFrom);
      if (result.full && result.heldFrom === null) stream.again = true;
    });
  }

  /**
   * Where a new socket starts: a replay after the client's `after`, or — without one, or after a
   * resync — now. A replay needs the account to have been present since that event (room events
   * are written only for present accounts): else what it shows may be stale, so `resync`.
   */
  async #begin(stream: AccountStream, conn: Connection): Promise<void> {
    const after = conn.pending?.after ?? null;
    const presentSince = conn.pending?.presentSince ?? null;
    const { replayLimit, replayMaxAgeMs } = this.options;
    if (after !== null) {
      const anchor =
        presentSince === null
          ? null
          : after === 0
            ? { ...streamStart, createdAt: null }
            : await findCursor(this.#database, stream.accountId, after);
      const recent = anchor !== null && (anchor.createdAt === null || Date.now() - anchor.createdAt.getTime() <= replayMaxAgeMs);
      const covered = anchor !== null && presentSince !== null && (anchor.createdAt === null || presentSince <= anchor.createdAt);
      if (anchor && recent && covered) {
        const result = await readAfter(this.#database, stream.accountId, anchor, replayLimit + 1);
        // Counted with the rows still held back: they would follow the replay all the same.
        if (result.scanned <= replayLimit) {
          this.#send(conn, { type: "ready", lastEventId: after });
          conn.cursor = anchor;
          conn.pending = null;
          for (const row of result.rows) this.#deliver(conn, row);
          this.#holdUntil(stream, result.heldFrom);
          return;
        }
      }
      this.#send(conn, { type: "resync" });
    }
    conn.cursor = await currentCursor(this.#database, stream.accountId);
    conn.pending = null;
    this.#send(conn, { type: "ready", lastEventId: conn.cursor.id });
  }

  #deliver(conn: Connection, row: EventRow): void {
    if (!cursorBefore(conn.cursor, row)) return;
    conn.cursor = row;
    this.#send(conn, { type: "event", id: row.id, kind: row.kind, networkId: row.networkId, payload: row.payload });
  }

  #send(conn: Connection, message: ServerMessage): void {
    const { socket } = conn;
    if (!isOpen(socket)) return;
    if (socket.bufferedAmount > this.options.maxBufferedBytes) {
      socket.close(closeCodes.tryAgainLater, "too_slow");
      return;
    }
    socket.send(JSON.stringify(message));
  }

  /** Rows from `xid` on are held back: read the stream again once the horizon has passed it. */
  #holdUntil(stream: AccountStream, xid: bigint | null): void {
    if (xid === null) {
      this.#held.delete(stream);
      return;
    }
    const before = this.#held.get(stream);
    this.#held.set(stream, before?.xid === xid ? before : { xid, since: before?.since ?? Date.now(), warned: before?.warned ?? false });
    this.#watchHorizon(horizonFirstMs);
  }

  /** One query per check for the whole process, however many streams wait. */
  #watchHorizon(ms: number): void {
    if (this.#horizonTimer || this.#horizonCheck || this.#closing || this.#held.size === 0) return;
    this.#horizonMs = ms;
    this.#horizonTimer = setTimeout(() => {
      this.#horizonTimer = null;
      this.#horizonCheck = this.#checkHorizon()
        .catch((error: unknown) => {
          this.#log.warn({ err: error }, "realtime: cannot read the transaction horizon");
          return false;
        })
        .then((moved) => {
          this.#horizonCheck = null;
          this.#watchHorizon(moved ? horizonFirstMs : Math.min(horizonMaxMs, this.#horizonMs * 2));
        });
    }, ms);
    this.#horizonTimer.unref();
  }

  /** Wakes the streams whose held rows are final now; true if any. */
  async #checkHorizon(): Promise<boolean> {
    const xmin = await horizon(this.#database);
    let moved = false;
    for (const [stream, held] of this.#held) {
      if (held.xid >= xmin) {
        if (!held.warned && Date.now() - held.since > heldWarningMs) {
          held.warned = true;
          // Any write transaction on the server (any database: xids are shared) holds delivery back until it ends.
          this.#log.warn(
            { oldestRunningXid: xmin.toString(), heldSeconds: Math.round((Date.now() - held.since) / 1000) },
            "realtime: events are held back by a long transaction (see pg_stat_activity.backend_xid)",
          );
        }
        continue;
      }
      this.#held.delete(stream);
      this.#wake(stream);
      moved = true;
    }
    return moved;
  }

  #onMessage(conn: Connection, data: unknown, isBinary: boolean): void {
    conn.messagesIn++;
    if (conn.messagesIn > this.options.maxMessagesPerHeartbeat) {
      conn.socket.close(closeCodes.policy, "too_many_messages");
      return;
    }
    if (isBinary) return;
    try {
      const message = JSON.parse(String(data)) as { type?: unknown } | null;
      // Browsers cannot send protocol pings: a client checks the connection with this.
      if (message?.type === "ping") this.#send(conn, { type: "pong" });
    } catch {
      // not JSON: ignored
    }
  }

  async #beat(): Promise<void> {
    const all = [...this.#streams.values()].flatMap((s) => [...s.connections]);
    for (const conn of all) {
      if (!conn.alive) {
        conn.socket.terminate();
        continue;
      }
      conn.alive = false;
      conn.messagesIn = 0;
      try {
        conn.socket.ping();
      } catch {
        conn.socket.terminate();
      }
    }
    const open = all.filter((c) => isOpen(c.socket));
    if (open.length === 0) return;
    const live = await liveSessions(this.#database, [...new Set(open.map((c) => c.sessionId))]);
    for (const conn of open) {
      if (!live.has(conn.sessionId)) conn.socket.close(closeCodes.sessionEnded, "session_ended");
    }
    // A sweep: every stream read once more, so a bus message that never came (its sender died
    // between a commit and the NOTIFY) delays delivery by one heartbeat at most.
    for (const stream of this.#streams.values()) this.#wake(stream);
  }
}

/** Which of these sessions still exist and have not expired. */
async function liveSessions(database: Database, ids: string[]): Promise<Set<string>> {
  const live = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await database.db
      .selectFrom("sessions")
      .select("id")
      .where("id", "in", ids.slice(i, i + 1000))
      .where("expires_at", ">", new Date())
      .execute();
    for (const r of rows) live.add(r.id);
  }
  return live;
}

const isOpen = (socket: WebSocket) => socket.readyState === socket.OPEN;

/** Waits until every socket has closed, terminating those still open after `ms`. */
async function waitClosed(sockets: WebSocket[], ms: number): Promise<void> {
  const open = sockets.filter((s) => s.readyState !== s.CLOSED);
  if (open.length === 0) return;
  await Promise.race([
    Promise.all(open.map((s) => new Promise((resolve) => s.once("close", resolve)))),
    new Promise((resolve) => setTimeout(resolve, ms).unref()),
  ]);
  for (const s of open) if (s.readyState !== s.CLOSED) s.terminate();
}
