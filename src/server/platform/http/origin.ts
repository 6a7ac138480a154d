// Whether a request comes from our own pages: an Origin, when the browser sends one, must be ours,
// and a cross-site fetch is refused. Writes (route.ts's CSRF check) and the WebSocket handshake
// (realtime/socket-route.ts), on which cookies ride along from any site, use the same rule.
import type { FastifyRequest } from "fastify";

/** Browsers always send Origin on a WebSocket handshake; a client without one is not a browser, so it cannot be another site's page using the visitor's cookie. */
export function isOwnOrigin(req: FastifyRequest, publicUrl: string): boolean {
  if (req.headers["sec-fetch-site"] === "cross-site") return false;
  const origin = req.headers.origin;
  return !origin || origin === new URL(publicUrl).origin || origin === `${req.protocol}://${req.host}`;
}
