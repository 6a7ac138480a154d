// Serves stored files (network logos, member avatars, event covers). Keys are random and unguessable, and an
// avatar's key is handed only to members who share a network with its owner (decision 0016);
// content is immutable (a new avatar is a new key).
import type { FastifyInstance } from "fastify";
import type { Deps } from "../platform/deps.ts";
import { contentTypeOf } from "../platform/storage/storage.ts";

export function registerFileRoutes(app: FastifyInstance, deps: Deps): void {
  app.get<{ Params: { "*": string } }>("/files/*", async (req, reply) => {
    const key = req.params["*"];
    // Public files only: post images and custom stamps are served through the API, to members.
    const data =
      key.startsWith("logos/") || key.startsWith("avatars/") || key.startsWith("event-covers/") ? await deps.storage.get(key) : null;
    if (!data) return reply.code(404).send({ error: { code: "not_found", message: "Not found." } });
    return reply.header("content-type", contentTypeOf(key)).header("cache-control", "public, max-age=31536000, immutable").send(data);
  });
}
