// Builds the Fastify app from its parts. main.ts starts it; tests build it with their own
// database and call it through app.inject().
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ErrorCode } from "../shared/errors.ts";
import type { Locale } from "../shared/limits.ts";
import { registerFileRoutes } from "./files/files.routes.ts";
import type { Config } from "./platform/config/config.ts";
import type { Database } from "./platform/db/database.ts";
import type { Deps } from "./platform/deps.ts";
import { AppError } from "./platform/errors/errors.ts";
import { buildOpenApi, docsPage } from "./platform/http/openapi.ts";
import { registerRoutes, type RouteDef } from "./platform/http/route.ts";
import { errorMessage, pickLocale, translateField } from "./platform/i18n/messages.ts";
import { JobQueue } from "./platform/jobs/jobs.ts";
import { Mailer } from "./platform/mail/mailer.ts";
import { createBus } from "./platform/realtime/bus.ts";
import { RealtimeHub, type HubOptions } from "./platform/realtime/hub.ts";
import { registerRealtimeRoute } from "./platform/realtime/socket-route.ts";
import { LocalStorage } from "./platform/storage/storage.ts";
import { allRoutes } from "./routes.ts";

const webDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export interface App {
  fastify: FastifyInstance;
  deps: Deps;
  routes: RouteDef[];
  close(): Promise<void>;
}

export interface BuildOptions {
  logger?: boolean;
  /** Tests shorten the heartbeat or lower the limits. */
  realtime?: Partial<HubOptions>;
}

export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<App> {
  const fastify = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.logLevel,
            // Cookies and tokens never reach the log; bodies are not logged at all.
            redact: ["req.headers.cookie", "req.headers.authorization", "req.headers['x-csrf-token']", 'res.headers["set-cookie"]'],
          },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  const jobs = new JobQueue(database, fastify.log);
  const mailer = new Mailer(database, jobs, { smtpUrl: config.smtpUrl, from: config.mailFrom });
  const storage = new LocalStorage(path.join(config.dataDir, "files"));
  const bus = createBus(database.kind, config.databaseUrl, fastify.log);
  const realtime = new RealtimeHub(database, bus, fastify.log, options.realtime);
  const deps: Deps = { config, database, jobs, mailer, storage, bus, realtime, log: fastify.log };

  await fastify.register(cookie);
  await fastify.register(multipart);
  // One-click unsubscribe (RFC 8058): mail providers POST `List-Unsubscribe=One-Click` as a form.
  fastify.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string", bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  fastify.addHook("onSend", async (_req, reply) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    reply.header("x-frame-options", "DENY");
  });

  fastify.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    const locale = (req as FastifyRequest & { locale?: Locale }).locale ?? pickLocale(req.headers["accept-language"]);
    const { status, code, fields, headers } = toApiError(error);
    if (status >= 500) req.log.error({ err: error }, "request failed");
    for (const [k, v] of Object.entries(headers ?? {})) reply.header(k, v);
    const translated = fields ? Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translateField(v, locale)])) : undefined;
    return reply.code(status).send({ error: { code, message: errorMessage(code, locale), ...(translated ? { fields: translated } : {}) } });
  });

  const routes = allRoutes(deps);
  registerRoutes(fastify, routes, { database, publicUrl: config.publicUrl, secureCookies: config.secureCookies });
  registerFileRoutes(fastify, deps);
  await registerRealtimeRoute(fastify, deps);

  const openApi = buildOpenApi(
    routes.map((r) => r.endpoint),
    "0.1.0",
  );
  fastify.get("/api/openapi.json", (_req, reply) => reply.send(openApi));
  const docs = docsPage(openApi);
  fastify.get("/api/docs", (_req, reply) => reply.type("text/html; charset=utf-8").send(docs));

  const hasWeb = existsSync(path.join(webDir, "index.html"));
  // wildcard: files are looked up per request, so a rebuilt dist/web is served without a restart.
  if (hasWeb) await fastify.register(fastifyStatic, { root: webDir, wildcard: true, index: false, maxAge: "1h" });
  const sendApp = (reply: FastifyReply) => {
    if (!hasWeb) return reply.code(503).type("text/plain; charset=utf-8").send("The web app is not built yet: run `npm run build`.\n");
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  };
  fastify.get("/", (_req, reply) => sendApp(reply));
  fastify.setNotFoundHandler((req, reply) => {
    const locale = pickLocale(req.headers["accept-language"]);
    const isFile = req.url.startsWith("/assets/") || req.url.startsWith("/files/");
    if (req.method !== "GET" || req.url.startsWith("/api/") || isFile) {
      return reply.code(404).send({ error: { code: "not_found", message: errorMessage("not_found", locale) } });
    }
    // The single-page app answers every other path.
    return sendApp(reply);
  });

  return {
    fastify,
    deps,
    routes,
    async close() {
      // Closes the WebSockets (1001) and stops LISTEN first (socket-route.ts, preClose).
      await fastify.close();
      await jobs.stop();
      mailer.close();
    },
  };
}

function toApiError(error: FastifyError | AppError): {
  status: number;
  code: ErrorCode;
  fields?: Record<string, string>;
  headers?: Record<string, string>;
} {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      ...(error.fields ? { fields: error.fields } : {}),
      ...(error.headers ? { headers: error.headers } : {}),
    };
  }
  const status = error.statusCode ?? 500;
  if (status === 413) return { status, code: "payload_too_large" };
  if (status === 415) return { status, code: "unsupported_media_type" };
  if (status === 429) return { status, code: "rate_limited" };
  if (status === 404) return { status, code: "not_found" };
  // Fastify's own 4xx (unreadable JSON, wrong content type): one translated field message.
  if (status >= 400 && status < 500) return { status: 400, code: "validation_failed", fields: { _: "invalid_body" } };
  return { status: 500, code: "internal_error" };
}
