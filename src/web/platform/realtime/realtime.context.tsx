// React side of the tab's real-time socket: <RealtimeProvider> (mounted once in the signed-in shell)
// owns the RealtimeClient and hands every event to the features that subscribed with
// useRealtimeEvent; useRealtimeStatus tells whether the tab is live. A `resync` from the server
// (it could not replay what the tab missed) refetches everything on screen.
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { ReactNode } from "react";
import { meQuery } from "../hooks/me-query.ts";
import { queryClient } from "../query.ts";
import { RealtimeClient, realtimeUrl } from "./realtime-client.ts";
import type { RealtimeEvent, RealtimeStatus } from "./realtime-client.ts";
import type { RealtimeKind } from "./realtime-events.ts";

type Handler = (event: RealtimeEvent) => void;

interface RealtimeValue {
  client: RealtimeClient;
  on: (kinds: readonly string[], handler: Handler) => () => void;
}

const RealtimeContext = createContext<RealtimeValue | null>(null);

/** Test-only handle on the socket, for e2e flows that force a gap (see test/e2e/flows/messages.flow.ts). */
interface TestHandle {
  hold: () => void;
  release: () => void;
  drop: () => void;
  status: () => RealtimeStatus;
  lastEventId: () => number | null;
}

declare global {
  interface Window {
    /** Set by the e2e harness before the app loads; exposes `__tsunaguRealtime`. */
    __TSUNAGU_TEST__?: boolean;
    __tsunaguRealtime?: TestHandle;
  }
}

function createRealtime(): RealtimeValue {
  const handlers = new Map<string, Set<Handler>>();
  const client = new RealtimeClient({
    url: realtimeUrl(),
    onEvent: (event) => {
      for (const handler of [...(handlers.get(event.kind) ?? [])]) {
        try {
          handler(event);
        } catch (error) {
          // One feature's bug must not keep the event from the others.
          console.error(`realtime handler for ${event.kind} failed`, error);
        }
      }
    },
    onResync: () => void queryClient.invalidateQueries(),
    // /api/me answers 401 now; the shell then sends the visitor to sign in.
    onSessionEnded: () => void queryClient.invalidateQueries({ queryKey: meQuery.queryKey }),
  });
  const on = (kinds: readonly string[], handler: Handler) => {
    for (const kind of kinds) {
      let set = handlers.get(kind);
      if (!set) handlers.set(kind, (set = new Set()));
      set.add(handler);
    }
    return () => {
      for (const kind of kinds) handlers.get(kind)?.delete(handler);
    };
  };
  return { client, on };
}

export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [value] = useState(createRealtime);
  useEffect(() => {
    const { client } = value;
    client.start();
    if (window.__TSUNAGU_TEST__) {
      window.__tsunaguRealtime = {
        hold: () => client.hold("test"),
        release: () => client.release("test"),
        drop: () => client.drop(),
        status: () => client.status,
        lastEventId: () => client.lastEventId,
      };
    }
    return () => {
      client.stop();
      if (window.__tsunaguRealtime) delete window.__tsunaguRealtime;
    };
  }, [value]);
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/**
 * Calls `handler` for every event of the kind(s) while the component is mounted. The handler may
 * change on every render: the latest one is called. Outside the provider (signed-out pages) it does nothing.
 */
export function useRealtimeEvent(kinds: RealtimeKind | readonly RealtimeKind[], handler: Handler): void {
  const realtime = useContext(RealtimeContext);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  const key = typeof kinds === "string" ? kinds : kinds.join(" ");
  useEffect(() => {
    if (!realtime) return;
    return realtime.on(key.split(" "), (event) => latest.current(event));
  }, [realtime, key]);
}

/** Closes this tab's socket for good (sign-out), so the server's "session ended" close is not taken for an expiry. */
export function useStopRealtime(): () => void {
  const realtime = useContext(RealtimeContext);
  return () => realtime?.client.stop();
}

const noClient = () => () => undefined;

/** `open` while events arrive live; anything else means what is on screen may be behind. */
export function useRealtimeStatus(): RealtimeStatus {
  const realtime = useContext(RealtimeContext);
  return useSyncExternalStore(
    realtime ? (listener) => realtime.client.subscribe(listener) : noClient,
    () => realtime?.client.status ?? "paused",
  );
}
