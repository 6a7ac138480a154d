// The browser's real-time client (src/web/platform/realtime/realtime-client.ts) against a scripted
// socket: it resumes after the last event it received, drops an event delivered twice, passes a
// resync on, stays away after the session ended, backs off while the server is unreachable, and
// lets go of the socket while held (hidden tab, offline, tests). The end-to-end behaviour against
// the real server is in test/e2e/flows/messages.flow.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RealtimeClient } from "../../src/web/platform/realtime/realtime-client.ts";
import type { RealtimeEvent } from "../../src/web/platform/realtime/realtime-client.ts";

class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readonly url: string;
  readyState = FakeSocket.CONNECTING;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: unknown }) => void) | null = null;
  onclose: ((close: { code: number }) => void) | null = null;

  constructor(url: string) {
    this.url = url;
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close(code = 1000) {
    this.serverClose(code);
  }
  // --- the test plays the server ---
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  serverClose(code: number) {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.onclose?.({ code });
  }
}

const latest = () => FakeSocket.all.at(-1)!;
const event = (id: number, kind = "message.created") => ({ type: "event", id, kind, networkId: null, payload: { id: String(id) } });

function setup() {
  const events: RealtimeEvent[] = [];
  const resyncs = vi.fn();
  const ended = vi.fn();
  const client = new RealtimeClient({
    url: "ws://app/api/realtime",
    onEvent: (e) => events.push(e),
    onResync: resyncs,
    onSessionEnded: ended,
  });
  client.start();
  vi.advanceTimersByTime(0);
  return { client, events, resyncs, ended };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  vi.stubGlobal("WebSocket", FakeSocket);
  vi.stubGlobal("document", { visibilityState: "visible", addEventListener: vi.fn(), removeEventListener: vi.fn() });
  vi.stubGlobal("window", { addEventListener: vi.fn(), removeEventListener: vi.fn() });
  vi.stubGlobal("navigator", { onLine: true });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("realtime client", () => {
  it("connects without a cursor first, then resumes after the last event received", () => {
    const { client, events } = setup();
    expect(latest().url).toBe("ws://app/api/realtime");
    latest().open();
    latest().receive({ type: "ready", lastEventId: 40 });
    expect(client.status).toBe("open");
    latest().receive(event(41));
    latest().receive(event(45));
    latest().serverClose(1001);
    expect(client.status).toBe("connecting");
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(latest().url).toBe("ws://app/api/realtime?after=45");
    expect(events.map((e) => e.id)).toEqual([41, 45]);
  });

  it("uses the ready message's position until an event arrives", () => {
    setup();
    latest().open();
    latest().receive({ type: "ready", lastEventId: 7 });
    latest().serverClose(1011);
    vi.advanceTimersByTime(1000);
    expect(latest().url).toBe("ws://app/api/realtime?after=7");
  });

  it("delivers an event once even when a replay repeats it", () => {
    const { events } = setup();
    latest().open();
    latest().receive({ type: "ready", lastEventId: 0 });
    latest().receive(event(1));
    latest().receive(event(2));
    latest().serverClose(1013);
    vi.advanceTimersByTime(1000);
    latest().open();
    latest().receive({ type: "ready", lastEventId: 1 });
    latest().receive(event(2));
    latest().receive(event(3));
    expect(events.map((e) => e.id)).toEqual([1, 2, 3]);
  });

  it("passes a resync on", () => {
    const { resyncs } = setup();
    latest().open();
    latest().receive({ type: "resync" });
    latest().receive({ type: "ready", lastEventId: 90 });
    expect(resyncs).toHaveBeenCalledTimes(1);
  });

  it("does not reconnect once the session has ended (4401)", () => {
    const { client, ended } = setup();
    latest().open();
    latest().receive({ type: "ready", lastEventId: 0 });
    latest().serverClose(4401);
    vi.advanceTimersByTime(120_000);
    expect(FakeSocket.all).toHaveLength(1);
    expect(client.status).toBe("ended");
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it("backs off further after each failed attempt, at most 30 s", () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    setup();
    const waits: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      const before = FakeSocket.all.length;
      latest().serverClose(1006);
      let waited = 0;
      while (FakeSocket.all.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
      }
      waits.push(waited);
    }
    expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...waits)).toBe(30_000);
  });

  it("waits a minute after a policy close (1008)", () => {
    setup();
    latest().open();
    latest().serverClose(1008);
    vi.advanceTimersByTime(59_000);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it("stays closed while held and resumes on release", () => {
    const { client } = setup();
    latest().open();
    latest().receive({ type: "ready", lastEventId: 5 });
    client.hold("test");
    expect(latest().readyState).toBe(FakeSocket.CLOSED);
    expect(client.status).toBe("paused");
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    client.release("test");
    vi.advanceTimersByTime(0);
    expect(FakeSocket.all).toHaveLength(2);
    expect(latest().url).toBe("ws://app/api/realtime?after=5");
  });

  it("closes a connection that stops answering pings", () => {
    setup();
    latest().open();
    latest().receive({ type: "ready", lastEventId: 0 });
    vi.advanceTimersByTime(25_000);
    expect(latest().sent).toEqual([JSON.stringify({ type: "ping" })]);
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all[0]!.readyState).toBe(FakeSocket.CLOSED);
    vi.advanceTimersByTime(1_000);
    expect(FakeSocket.all).toHaveLength(2);
  });
});
