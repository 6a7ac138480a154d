// One place enforces what each endpoint declares (Misskey-style): who may call it, its
// schemas in and out, its rate limits, CSRF. A route module only pairs an endpoint from
// src/shared/contract with a thin handler.
import type {} from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Transaction } from "kysely";
import { z } from "zod";
import type { Endpoint, FileResponse } from "../../../shared/contract/endpoint.ts";
import type { Locale, MemberRole } from "../../../shared/limits.ts";
import type { ActiveMembership, Authenticated } from "../auth/sessions.ts";
import { authenticate } from "../auth/sessions.ts";
import type { Database } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import { csrfFailed, forbidden, notFound, unauthenticated, validationFailed, AppError } from "../errors/errors.ts";
import { fieldMessage, isFieldMessage, pickLocale } from "../i18n/messages.ts";
import { inTenant, type Tx } from "../tenancy/scope.ts";
import { scopedReader } from "../tenancy/scoped-reader.ts";
import type { AccountActor, MemberActor, RequestInfo, SessionCookies, UploadedFile } from "./context.ts";
import { cookieNames } from "./cookies.ts";
import { isOwnOrigin } from "./origin.ts";
import { hitRateLimit, type RateLimitRule } from "./rate-limit.ts";
import { readUpload } from "./upload.ts";

type Infer<T> = [NonNullable<T>] extends [z.ZodType] ? z.infer<NonNullable<T>> : undefined;

type ActorFor<E extends Endpoint> = E["access"] extends "public"
  ? AccountActor | null
  : E["access"] extends "member" | "network_admin"
    ? MemberActor
    : AccountActor;

export interface HandlerInput<E extends Endpoint> {
  params: Infer<E["params"]>;
  query: Infer<E["query"]>;
  body: Infer<E["body"]>;
  actor: ActorFor<E>;
  request: RequestInfo;
  cookies: SessionCookies;
  file: UploadedFile | null;
}

type Result<E extends Endpoint> = E extends { produces: string } ? FileResponse : Infer<E["response"]> | void;

export type Handler<E extends Endpoint> = (input: HandlerInput<E>) => Promise<Result<E>>;

export interface RouteDef {
  endpoint: Endpoint;
  handler: Handler<Endpoint>;
  rateLimits: RateLimitRule<unknown>[];
  /** A member route that only reads: on PostgreSQL it runs without a transaction (tenancy/scoped-reader.ts). */
  read: boolean;
}

export function route<E extends Endpoint>(
  endpoint: E,
  handler: Handler<E>,
  options: { rateLimits?: RateLimitRule<Infer<E["body"]>>[]; read?: boolean } = {},
): RouteDef {
  if (options.read && endpoint.method !== "GET") throw new Error(`${endpoint.id}: only a GET route can be a read route`);
  return {
    endpoint,
    handler,
    rateLimits: (options.rateLimits ?? []) as RateLimitRule<unknown>[],
    read: options.read ?? false,
  };
}

export interface RouteEnv {
  database: Database;
  publicUrl: string;
  secureCookies: boolean;
}

const roleRank: Record<MemberRole, number> = { alumni: 0, employee: 0, admin: 1 };

export function registerRoutes(app: FastifyInstance, routes: RouteDef[], env: RouteEnv): void {
  for (const def of routes) {
    const { endpoint } = def;
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler: async (req, reply) => {
        const auth = await authenticateRequest(env.database, req);
        const request: RequestInfo = {
          locale: auth?.account.locale ?? pickLocale(req.headers["accept-language"]),
          ip: req.ip,
          userAgent: req.headers["user-agent"] ?? null,
        };
        // The error handler answers in this language.
        (req as FastifyRequest & { locale?: Locale }).locale = request.locale;

        if (endpoint.method !== "GET") checkCsrf(req, auth, env.publicUrl);
        if (endpoint.access !== "public" && !auth) throw unauthenticated();
        if (endpoint.access === "operator" && !auth?.account.is_operator) throw notFound();

        const params = parse(endpoint.params, req.params, request.locale);
        const query = parse(endpoint.query, req.query, request.locale);
        const isMemberRoute = endpoint.access === "member" || endpoint.access === "network_admin";
        const networkId = isMemberRoute ? (params as { networkId?: string } | undefined)?.networkId : undefined;
        if (isMemberRoute && (!networkId || !auth)) throw notFound();
        // Access to the network in the path, from the memberships read with the session: checked
        // before an upload is taken in, and before the tenant transaction opens.
        const membership = isMemberRoute && networkId && auth ? checkMembership(auth, endpoint, networkId) : null;
        const file = endpoint.multipart ? await readUpload(req, endpoint.uploadMaxBytes) : null;
        // A multipart endpoint's body schema reads the text fields sent before the file.
        const body = parse(endpoint.body, file ? file.fields : (req.body ?? {}), request.locale);
        const cookies = sessionCookies(reply, env.secureCookies);

        // Counted before any transaction opens: PGlite has one connection, and a hit must
        // count even when the handler then fails.
        for (const rule of def.rateLimits) {
          const key = rule.key({ body, request, account: auth ? auth.account : null });
          await hitRateLimit(env.database, `${rule.name}:${key}`, rule.max, rule.windowSeconds);
        }
        const run = (actor: AccountActor | MemberActor | null) =>
          def.handler({ params, query, body, actor, request, cookies, file } as HandlerInput<Endpoint>);

        let result: unknown;
        if (membership && networkId && auth && def.read) {
          if (isStale(membership.lastActiveAt))
            await inTenant(env.database, networkId, auth.account.id, (tx) => touchMembership(tx, networkId, membership.membershipId));
          const tasks: (() => Promise<void>)[] = [];
          const reader = scopedReader(env.database, { kind: "tenant", networkId, accountId: auth.account.id });
          const actor: MemberActor = {
            ...auth,
            networkId,
            membershipId: membership.membershipId,
            role: membership.role,
            // Services take a transaction; this one only reads, and refuses anything else.
            tx: reader as unknown as Transaction<DB>,
            afterCommit: (task) => tasks.push(task),
          };
          result = await run(actor);
          for (const task of tasks) await task();
        } else if (membership && networkId && auth) {
          const tasks: (() => Promise<void>)[] = [];
          result = await inTenant(
            env.database,
            networkId,
            auth.account.id,
            async (tx) => {
              if (isStale(membership.lastActiveAt)) await touchMembership(tx, networkId, membership.membershipId);
              const actor: MemberActor = {
                ...auth,
                networkId,
                membershipId: membership.membershipId,
                role: membership.role,
                tx,
                afterCommit: (task) => tasks.push(task),
              };
              return run(actor);
            },
            "generic",
          );
          for (const task of tasks) await task();
        } else {
          result = await run(auth);
        }

        if (endpoint.produces) {
          const file = result as FileResponse;
          const image = endpoint.produces.startsWith("image/");
          return reply
            .code(200)
            .header("content-type", image ? endpoint.produces : `${endpoint.produces}; charset=utf-8`)
            .header("content-disposition", image ? "inline" : contentDisposition(file.filename))
            .header("cache-control", file.maxAgeSeconds ? `private, max-age=${String(file.maxAgeSeconds)}, immutable` : "private, no-store")
            .send(Buffer.from(file.body.buffer, file.body.byteOffset, file.body.byteLength));
        }
        const status = endpoint.status ?? (endpoint.response ? 200 : 204);
        if (!endpoint.response) return reply.code(status).send();
        return reply.code(status).send(endpoint.response.parse(result));
      },
    });
  }
}

/** "Last active" is kept to the hour: written at most once an hour per member, on a member route. */
const activityIntervalMs = 60 * 60 * 1000;
const isStale = (lastActiveAt: string | null) => !lastActiveAt || Date.now() - Date.parse(lastActiveAt) > activityIntervalMs;

async function touchMembership(tx: Tx, networkId: string, membershipId: string): Promise<void> {
  await tx
    .updateTable("memberships")
    .set({ last_active_at: new Date() })
    .where("network_id", "=", networkId)
    .where("id", "=", membershipId)
    .execute();
}

/** An attachment name any browser reads: an ASCII fallback plus the UTF-8 name (RFC 6266). */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  // encodeURIComponent leaves ' ( ) * as they are, which RFC 5987's attr-char does not allow (' ends the charset part).
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** The caller's active membership of the network in the path: none → 404 (like no such network), too small a role → 403. */
function checkMembership(auth: Authenticated, endpoint: Endpoint, networkId: string): ActiveMembership {
  const membership = auth.memberships.find((m) => m.networkId === networkId);
  if (!membership) throw notFound();
  if (endpoint.access === "network_admin" && roleRank[membership.role] < roleRank.admin) throw forbidden();
  return membership;
}

async function authenticateRequest(database: Database, req: FastifyRequest): Promise<Authenticated | null> {
  const token = req.cookies[cookieNames.session];
  if (!token) return null;
  return authenticate(database, token);
}

/**
 * Writes must come from our own pages: the Origin (when the browser sends one) must be ours,
 * and a signed-in write must echo the session's CSRF token, which other sites cannot read.
 */
function checkCsrf(req: FastifyRequest, auth: Authenticated | null, publicUrl: string): void {
  if (!isOwnOrigin(req, publicUrl)) throw csrfFailed();
  if (auth && req.headers["x-csrf-token"] !== auth.session.csrf_token) throw csrfFailed();
}

function parse(schema: z.ZodType | undefined, value: unknown, locale: Locale): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value, { error: zodLocales[locale] });
  if (result.success) return result.data;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  throw validationFailed(fields);
}

const zodLocales: Record<Locale, z.core.$ZodErrorMap> = {
  ja: friendlier("ja", z.locales.ja().localeError),
  en: friendlier("en", z.locales.en().localeError),
};

/** Plain sentences for the messages people meet most; zod's locale packs for the rest. */
function friendlier(locale: Locale, base: z.core.$ZodErrorMap): z.core.$ZodErrorMap {
  const ja = locale === "ja";
  return (issue) => {
    // Custom checks name their message by key (see common.ts); messages.ts holds the texts.
    const key = issue.code === "custom" ? (issue.params as { key?: unknown } | undefined)?.key : undefined;
    if (typeof key === "string" && isFieldMessage(key)) return fieldMessage(key, locale);
    if (
      (issue.code === "invalid_type" && issue.input === undefined) ||
      (issue.code === "too_small" && issue.origin === "string" && Number(issue.minimum) === 1)
    ) {
      return ja ? "入力してください。" : "This field is required.";
    }
    if (issue.code === "invalid_format" && issue.format === "email")
      return ja ? "メールアドレスの形式が正しくありません。" : "Enter a valid email address.";
    if (issue.code === "too_small" && issue.origin === "string") {
      return ja ? `${String(issue.minimum)}文字以上で入力してください。` : `Use at least ${String(issue.minimum)} characters.`;
    }
    if (issue.code === "too_big" && issue.origin === "string") {
      return ja ? `${String(issue.maximum)}文字以内で入力してください。` : `Use at most ${String(issue.maximum)} characters.`;
    }
    return base(issue);
  };
}

function sessionCookies(reply: FastifyReply, secure: boolean): SessionCookies {
  const base = { path: "/", sameSite: "lax" as const, secure };
  return {
    set(token, csrfToken, expiresAt) {
      reply.setCookie(cookieNames.session, token, { ...base, httpOnly: true, expires: expiresAt });
      reply.setCookie(cookieNames.csrf, csrfToken, { ...base, httpOnly: false, expires: expiresAt });
    },
    clear() {
      reply.clearCookie(cookieNames.session, { ...base, httpOnly: true });
      reply.clearCookie(cookieNames.csrf, { ...base, httpOnly: false });
    },
  };
}

export { AppError };
