// GET /api/realtime — one WebSocket per browser tab. The handshake is an ordinary request until
// it is upgraded, so it is refused with the usual error shape: another site's page (Origin;
// browsers send the cookie on cross-site WebSocket handshakes, and SameSite=Lax does not stop
// it) → 403, no session → 401, too many sockets → 429, a malformed `after` → 400.
//
// Query: `after=<id of the last event received>` replays what came since (0: everything kept).
// Server → client: see ServerMessage in events.ts; client → server: only `{"type":"ping"}`.
import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticate } from "../auth/sessions.ts";
import type { Config } from "../config/config.ts";
import type { Database } from "../db/database.ts";
import { csrfFailed, notFound, rateLimited, unauthenticated, validationFailed } from "../errors/errors.ts";
import { cookieNames } from "../http/cookies.ts";
import { isOwnOrigin } from "../http/origin.ts";
import type { RealtimeHub } from "./hub.ts";

export const realtimePath = "/api/realtime";
/** The largest message a client may send (it only ever sends `{"type":"ping"}`): bigger → close 1009. */
export const maxIncomingBytes = 1024;

interface Handshake {
  accountId: string;
  sessionId: string;
  after: number | null;
}

export async function registerRealtimeRoute(
  fastify: FastifyInstance,
  deps: { database: Database; config: Pick<Config, "publicUrl">; realtime: RealtimeHub },
): Promise<void> {
  const { database, config, realtime } = deps;
  await fastify.register(websocket, {
    options: { maxPayload: maxIncomingBytes },
    // Replaces the plugin's own (which closes sockets without a code): 1001, then the reads
    // still running finish and LISTEN stops — all before main.ts closes the database.
    preClose: async () => {
      await realtime.close();
      for (const socket of fastify.websocketServer.clients) socket.terminate();
      await new Promise<void>((resolve) => fastify.websocketServer.close(() => resolve()));
    },
  });

  const handshakes = new WeakMap<FastifyRequest, Handshake>();
  fastify.get(
    realtimePath,
    {
      websocket: true,
      preHandler: async (req) => {
        if (!req.ws) throw notFound();
        if (!isOwnOrigin(req, config.publicUrl)) throw csrfFailed();
        const token = req.cookies[cookieNames.session];
        const auth = token ? await authenticate(database, token) : null;
        if (!auth) throw unauthenticated();
        const after = parseAfter((req.query as Record<string, unknown>).after);
        if (!realtime.hasRoomFor(auth.account.id)) throw rateLimited(realtime.options.heartbeatMs / 1000);
        handshakes.set(req, { accountId: auth.account.id, sessionId: auth.session.id, after });
      },
    },
    async (socket, req) => {
      const handshake = handshakes.get(req);
      if (!handshake) {
        socket.close(1011, "no_handshake");
        return;
      }
      await realtime.attach(socket, { accountId: handshake.accountId, sessionId: handshake.sessionId }, handshake.after);
    },
  );
}

function parseAfter(value: unknown): number | null {
  if (value === undefined || value === "") return null;
  if (typeof value !== "string" || !/^\d{1,15}$/.test(value)) throw validationFailed({ after: "invalid_cursor" });
  return Number(value);
}
