import { endpoint } from "./endpoint.ts";
import { ok } from "./common.ts";

export const health = endpoint({
  id: "health",
  method: "GET",
  path: "/api/health",
  summary: "Liveness: 200 when the app and its database answer",
  tag: "platform",
  access: "public",
  response: ok,
});
