// Real WebSockets against the app: a test app that listens on a loopback port (with the realtime
// options a test needs, and on PostgreSQL the LISTEN/NOTIFY bus), and a `ws` client that
// collects what the server sends, with bounded waits.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import WebSocket from "ws";
import { buildApp, type BuildOptions } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/platform/config/config.ts";
import { cookieNames } from "../../src/server/platform/http/cookies.ts";
import { withAfterCommit } from "../../src/server/platform/realtime/bus.ts";
import type { NewEvent, ServerMessage } from "../../src/server/platform/realtime/events.ts";
import { touchPresence } from "../../src/server/platform/realtime/presence.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { Client, type TestApp } from "./test-app.ts";
import { createTestDatabase } from "./test-database.ts";

export const publicUrl = "http://localhost:3000";
export const ownOrigin = new URL(publicUrl).origin;

export interface RealtimeTestApp extends TestApp {
  /** ws://127.0.0.1:<port> */
  wsBase: string;
  /** The database's URL on PostgreSQL (for other processes), undefined on PGlite. */
  databaseUrl: string | undefined;
}

/** Like createTestApp, listening on a loopback port; on PostgreSQL the app gets DATABASE_URL, so its bus is LISTEN/NOTIFY. */
export async function createRealtimeTestApp(options: BuildOptions = {}): Promise<RealtimeTestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "tsunagu-test-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    PUBLIC_URL: publicUrl,
    ...(database.url ? { DATABASE_URL: database.url } : {}),
  });
  const app = await buildApp(config, database, { logger: false, ...options });
  await app.fastify.listen({ port: 0, host: "127.0.0.1" });
  const { port } = app.fastify.server.address() as AddressInfo;
  return {
    app,
    database,
    config,
    wsBase: `ws://127.0.0.1:${port}`,
    databaseUrl: database.url,
    anonymous: () => new Client(app),
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Publishes events the way a job would: system scope, the bus woken after the commit. */
export async function publish(t: TestApp, events: NewEvent[]): Promise<void> {
  await withAfterCommit((afterCommit) => inSystem(t.database, (tx) => t.app.deps.bus.publish(tx, events, afterCommit)));
}

/** Marks accounts present for room events (decision 0013) as if each had a socket open on another app process. */
export async function markPresent(t: TestApp, accountIds: readonly string[]): Promise<void> {
  const instanceId = randomUUID();
  for (const accountId of accountIds) await touchPresence(t.database, instanceId, accountId, 1);
}

type EventMessage = Extract<ServerMessage, { type: "event" }>;

export interface SocketOptions {
  /** The test client whose session cookie rides along (none: anonymous). */
  client?: Client;
  /** Origin header; our own by default, null for none. */
  origin?: string | null;
  after?: number | string;
  headers?: Record<string, string>;
  /** false: do not answer the server's pings (a dead client). */
  autoPong?: boolean;
}

/** A connected socket and everything it has received. */
export class RealtimeSocket {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  #waiters = new Set<() => void>();

  constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on("message", (data: WebSocket.RawData) => {
      this.messages.push(JSON.parse(rawText(data)) as ServerMessage);
      for (const w of this.#waiters) w();
    });
    this.closed = new Promise((resolve) => ws.once("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  get events(): EventMessage[] {
    return this.messages.filter((m): m is EventMessage => m.type === "event");
  }

  /** Waits until `predicate` holds over the messages received (bounded). */
  async until(predicate: (messages: ServerMessage[]) => boolean, timeoutMs = 10_000, what = "messages"): Promise<void> {
    if (predicate(this.messages)) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!predicate(this.messages)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages).slice(0, 2000)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
    });
  }

  /** Waits for the `ready` message and returns it. */
  async ready(timeoutMs = 10_000): Promise<{ type: "ready"; lastEventId: number }> {
    await this.until((ms) => ms.some((m) => m.type === "ready"), timeoutMs, "ready");
    return this.messages.find((m) => m.type === "ready") as { type: "ready"; lastEventId: number };
  }

  /** Waits until at least `n` events have arrived and returns them. */
  async eventsUntil(n: number, timeoutMs = 10_000): Promise<EventMessage[]> {
    await this.until((ms) => ms.filter((m) => m.type === "event").length >= n, timeoutMs, `${n} events`);
    return this.events;
  }

  /** Resolves after `ms` of quiet: for asserting that nothing (more) arrives. */
  async quiet(ms = 300): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }

  send(value: unknown): void {
    this.ws.send(typeof value === "string" ? value : JSON.stringify(value));
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await Promise.race([this.closed, new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.ws.terminate();
  }
}

const rawText = (data: WebSocket.RawData) =>
  Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");

/** The handshake was refused: the HTTP status and the JSON error body. */
export interface Refusal {
  status: number;
  body: { error?: { code?: string } };
}

function headersFor(options: SocketOptions): Record<string, string> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.client?.cookies.get(cookieNames.session);
  if (token) headers.cookie = `${cookieNames.session}=${token}`;
  return headers;
}

function urlFor(base: string, options: SocketOptions): string {
  return `${base}/api/realtime${options.after !== undefined ? `?after=${encodeURIComponent(String(options.after))}` : ""}`;
}

/** Opens a socket; rejects with the refusal if the handshake is refused. */
export function connect(base: string, options: SocketOptions = {}): Promise<RealtimeSocket> {
  return new Promise((resolve, reject) => {
    const origin = options.origin === undefined ? ownOrigin : options.origin;
    const ws = new WebSocket(urlFor(base, options), {
      headers: headersFor(options),
      ...(origin ? { origin } : {}),
      autoPong: options.autoPong ?? true,
      handshakeTimeout: 10_000,
    });
    const socket = new RealtimeSocket(ws);
    ws.once("open", () => resolve(socket));
    ws.once("unexpected-response", (_req, res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      res.on("end", () => {
        let body: Refusal["body"] = {};
        try {
          body = JSON.parse(text) as Refusal["body"];
        } catch {
          // not JSON
        }
        const refusal: Refusal = { status: res.statusCode ?? 0, body };
        reject(Object.assign(new Error(`handshake refused: ${refusal.status} ${text}`), { refusal }));
      });
    });
    ws.once("error", (error) => reject(error));
  });
}

/** The refusal of a handshake that must fail. */
export async function refused(base: string, options: SocketOptions = {}): Promise<Refusal> {
  try {
    const socket = await connect(base, options);
    await socket.close();
  } catch (error) {
    const refusal = (error as { refusal?: Refusal }).refusal;
    if (refusal) return refusal;
    throw error;
  }
  throw new Error("the handshake was accepted");
}
