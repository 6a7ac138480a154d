// The tab's one WebSocket to GET /api/realtime (protocol: docs/decisions/0010-realtime.md). Keeps
// the id of the last event received and reconnects with `after=<id>`, so the server replays what
// the tab missed; drops events it has already delivered; reconnects with exponential backoff and
// full jitter; closes while the tab has been hidden a while or the browser is offline and comes
// back at once when either ends. Knows nothing about React (see realtime.context.tsx).

/** What the server sends (mirrors ServerMessage in src/server/platform/realtime/events.ts). */
type ServerMessage =
  | { type: "ready"; lastEventId: number }
  | { type: "resync" }
  | { type: "event"; id: number; kind: string; networkId: string | null; payload: Record<string, unknown> }
  | { type: "pong" };

export interface RealtimeEvent {
  id: number;
  kind: string;
  networkId: string | null;
  payload: Record<string, unknown>;
}

/** `connecting`: opening or waiting to retry; `paused`: closed on purpose (hidden tab, offline); `ended`: the session ended. */
export type RealtimeStatus = "connecting" | "open" | "paused" | "ended";

export interface RealtimeClientOptions {
  /** Absolute ws(s):// URL of the endpoint, without query. */
  url: string;
  onEvent: (event: RealtimeEvent) => void;
  /** The server could not replay what was missed: refetch what is on screen. */
  onResync: () => void;
  /** The session behind the socket ended (close 4401): the app should find out it is signed out. */
  onSessionEnded: () => void;
}

/** Close codes of the server (hub.ts closeCodes) that change what the client does. */
const policyViolation = 1008;
const sessionEnded = 4401;

const backoffFirstMs = 500;
const backoffMaxMs = 30_000;
/** After a 1008 (too many tabs or messages) the server asks not to retry at once. */
const policyBackoffMs = 60_000;
/** Browsers cannot send protocol pings; an app-level ping finds a connection that died silently. */
const pingEveryMs = 25_000;
const pongWithinMs = 10_000;
/** A tab hidden longer than this lets go of its socket; it catches up with `after` when shown again. */
const hiddenGraceMs = 5 * 60_000;
/** Ids remembered to drop an event delivered twice (replays overlap what a dying socket already gave). */
const seenMax = 2000;

export class RealtimeClient {
  readonly #options: RealtimeClientOptions;
  #socket: WebSocket | null = null;
  #status: RealtimeStatus = "paused";
  readonly #listeners = new Set<() => void>();
  /** The `after` of the next connection; null until the first `ready`. */
  #lastEventId: number | null = null;
  readonly #seen = new Set<number>();
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #pingTimer: ReturnType<typeof setInterval> | null = null;
  #pongTimer: ReturnType<typeof setTimeout> | null = null;
  #hiddenTimer: ReturnType<typeof setTimeout> | null = null;
  /** Reasons to stay closed (hidden, offline, test); connected when none is left. */
  readonly #holds = new Set<string>();
  #stopped = true;
  /** A connection was open before: a later one without a cursor may have missed events. */
  #wasOpen = false;

  constructor(options: RealtimeClientOptions) {
    this.#options = options;
  }

  get status(): RealtimeStatus {
    return this.#status;
  }

  get lastEventId(): number | null {
    return this.#lastEventId;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    document.addEventListener("visibilitychange", this.#onVisibility);
    window.addEventListener("online", this.#onOnline);
    window.addEventListener("offline", this.#onOffline);
    if (navigator.onLine === false) this.#holds.add("offline");
    this.#connectSoon(0);
  }

  stop(): void {
    this.#stopped = true;
    document.removeEventListener("visibilitychange", this.#onVisibility);
    window.removeEventListener("online", this.#onOnline);
    window.removeEventListener("offline", this.#onOffline);
    this.#clearTimers();
    if (this.#hiddenTimer) clearTimeout(this.#hiddenTimer);
    this.#hiddenTimer = null;
    this.#close();
    this.#setStatus("paused");
  }

  /** Keep the socket closed for `reason` until `release(reason)` (tests use it to force a gap). */
  hold(reason: string): void {
    this.#holds.add(reason);
    this.#clearTimers();
    this.#close();
    if (this.#status !== "ended") this.#setStatus("paused");
  }

  release(reason: string): void {
    if (!this.#holds.delete(reason)) return;
    this.#attempt = 0;
    this.#connectSoon(0);
  }

  /** Close the socket as a failing network would; the client reconnects by itself. */
  drop(): void {
    this.#socket?.close(4000, "dropped");
  }

  #setStatus(status: RealtimeStatus): void {
    if (this.#status === status) return;
    this.#status = status;
    for (const listener of this.#listeners) listener();
  }

  #onVisibility = () => {
    if (document.visibilityState === "hidden") {
      this.#hiddenTimer ??= setTimeout(() => {
        this.#hiddenTimer = null;
        this.hold("hidden");
      }, hiddenGraceMs);
      return;
    }
    if (this.#hiddenTimer) clearTimeout(this.#hiddenTimer);
    this.#hiddenTimer = null;
    this.release("hidden");
    // A socket that died while the tab slept may not know yet: check now rather than at the next ping.
    this.#ping();
  };

  #onOnline = () => this.release("offline");
  #onOffline = () => this.hold("offline");

  #connectSoon(delayMs: number): void {
    if (this.#stopped || this.#holds.size > 0 || this.#status === "ended") return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#setStatus("connecting");
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#connect();
    }, delayMs);
  }

  #connect(): void {
    if (this.#socket) return;
    const url = this.#lastEventId === null ? this.#options.url : `${this.#options.url}?after=${this.#lastEventId}`;
    const socket = new WebSocket(url);
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.#attempt = 0;
      this.#pingTimer = setInterval(() => this.#ping(), pingEveryMs);
    };
    socket.onmessage = (message) => {
      if (this.#pongTimer) clearTimeout(this.#pongTimer);
      this.#pongTimer = null;
      if (typeof message.data === "string") this.#receive(message.data);
    };
    socket.onclose = (close) => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#clearTimers();
      if (close.code === sessionEnded) {
        this.#setStatus("ended");
        this.#options.onSessionEnded();
        return;
      }
      if (this.#stopped || this.#holds.size > 0) return;
      if (!opened) this.#attempt++;
      this.#connectSoon(close.code === policyViolation ? policyBackoffMs : this.#backoff());
    };
  }

  #receive(data: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(data) as ServerMessage;
    } catch {
      return;
    }
    switch (message.type) {
      case "ready": {
        // A first connection of a tab that had one before, without a cursor, may have missed events.
        const blind = this.#lastEventId === null && this.#wasOpen;
        this.#lastEventId = message.lastEventId;
        this.#wasOpen = true;
        this.#setStatus("open");
        if (blind) this.#options.onResync();
        return;
      }
      case "resync":
        // `ready` follows with the position to continue from.
        this.#seen.clear();
        this.#options.onResync();
        return;
      case "event":
        this.#lastEventId = message.id;
        if (this.#seen.has(message.id)) return;
        this.#seen.add(message.id);
        if (this.#seen.size > seenMax) this.#seen.delete(this.#seen.values().next().value as number);
        this.#options.onEvent({ id: message.id, kind: message.kind, networkId: message.networkId, payload: message.payload });
        return;
      case "pong":
        return;
    }
  }

  #ping(): void {
    const socket = this.#socket;
    if (!socket || socket.readyState !== WebSocket.OPEN || this.#pongTimer) return;
    socket.send(JSON.stringify({ type: "ping" }));
    this.#pongTimer = setTimeout(() => {
      this.#pongTimer = null;
      // No answer (and nothing else) in time: the connection is gone even if the browser has not noticed.
      if (this.#socket === socket) socket.close(4000, "no_pong");
    }, pongWithinMs);
  }

  /** Full jitter: anywhere between 0 and the doubled ceiling, so tabs of a restarted server do not return in step. */
  #backoff(): number {
    const ceiling = Math.min(backoffMaxMs, backoffFirstMs * 2 ** Math.min(this.#attempt, 10));
    return Math.round(Math.random() * ceiling);
  }

  #close(): void {
    const socket = this.#socket;
    this.#socket = null;
    if (socket && socket.readyState <= WebSocket.OPEN) socket.close(1000, "client_closing");
  }

  #clearTimers(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    if (this.#pongTimer) clearTimeout(this.#pongTimer);
    this.#retryTimer = this.#pingTimer = this.#pongTimer = null;
  }
}

/** The endpoint beside the page (same origin: the server checks Origin and reads the session cookie). */
export function realtimeUrl(location: Location = window.location): string {
  return `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/api/realtime`;
}
