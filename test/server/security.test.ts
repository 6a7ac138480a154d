// Security properties across routes: rate limits, CSRF, session end, cookie flags, headers,
// and that a password never shows up in a log line or a response.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as health from "../../src/shared/contract/health.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import { cookieNamed, expectError } from "../helpers/assertions.ts";
import { makeAccount, makeTenant, signIn, testPassword } from "../helpers/factories.ts";
import { linkToken, mailsTo } from "../helpers/outbox.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";
import { seedDataDir } from "../helpers/template-database.ts";
import { createTestDatabase, onPostgres } from "../helpers/test-database.ts";
import { sessionIdOf } from "../helpers/sessions.ts";
import { snapshotDatabase } from "../helpers/snapshot.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A request with the client's cookies and exactly the headers given (no automatic CSRF token). */
async function rawRequest(client: Client, method: "POST" | "PATCH", url: string, body: unknown, headers: Record<string, string>) {
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await t.app.fastify.inject({
    method,
    url,
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers },
    payload: JSON.stringify(body),
  });
  return { status: res.statusCode, body: res.json(), headers: res.headers, raw: res.body };
}

describe("rate limits", () => {
  it("the 11th wrong password for one email from one address is refused with 429 and retry-after", async () => {
    const account = await makeAccount(t);
    for (let i = 0; i < 10; i++)
      expectError(
        await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: `wrong ${i}` } }),
        401,
        "invalid_credentials",
      );
    const res = await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: "wrong 11" } });
    expectError(res, 429, "rate_limited");
    const retryAfter = Number(res.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Locked for now even with the right password (and the same address in another case)…
    expectError(
      await t.anonymous().call(accounts.signIn, { body: { email: account.email.toUpperCase(), password: testPassword } }),
      429,
      "rate_limited",
    );
    // …while other accounts are not affected.
    expect(
      (await t.anonymous().call(accounts.signIn, { body: { email: (await makeAccount(t)).email, password: testPassword } })).status,
    ).toBe(200);
  });

  it("the 6th password reset request for one email within the hour is refused with 429; no 6th mail", async () => {
    const account = await makeAccount(t);
    for (let i = 0; i < 5; i++)
      expect((await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } })).status).toBe(202);
    const res = await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email.toUpperCase() } });
    expectError(res, 429, "rate_limited");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(await mailsTo(t, account.email, "reset_password")).toHaveLength(5);
    expect((await t.anonymous().call(accounts.requestPasswordReset, { body: { email: "someone-else@example.com" } })).status).toBe(202);
  });
});

describe("cross-site request forgery", () => {
  let tenant: Awaited<ReturnType<typeof makeTenant>>;
  beforeAll(async () => {
    tenant = await makeTenant(t);
  });
  const ownOrigin = () => new URL(t.config.publicUrl).origin;
  const settingsUrl = () => `/api/networks/${tenant.network.id}`;

  it.each([
    ["a foreign Origin", () => ({ origin: "http://evil.example", "x-csrf-token": tenant.admin.client.csrfToken ?? "" })],
    ["Origin null", () => ({ origin: "null", "x-csrf-token": tenant.admin.client.csrfToken ?? "" })],
    ["Sec-Fetch-Site: cross-site", () => ({ "sec-fetch-site": "cross-site", "x-csrf-token": tenant.admin.client.csrfToken ?? "" })],
    ["our Origin but no x-csrf-token", () => ({ origin: ownOrigin() })],
    ["our Origin but a wrong x-csrf-token", () => ({ origin: ownOrigin(), "x-csrf-token": "A".repeat(32) })],
    ["another session's x-csrf-token", () => ({ origin: ownOrigin(), "x-csrf-token": tenant.alumni.client.csrfToken ?? "" })],
  ])("a signed-in write with %s is refused (403 csrf_failed) and changes nothing", async (_what, headers) => {
    const before = await snapshotDatabase(t.database);
    const patch = await rawRequest(tenant.admin.client, "PATCH", settingsUrl(), { name: "偽造" }, headers());
    expectError(patch, 403, "csrf_failed");
    const post = await rawRequest(
      tenant.admin.client,
      "POST",
      "/api/me/password",
      { currentPassword: testPassword, newPassword: "forged passphrase" },
      headers(),
    );
    expectError(post, 403, "csrf_failed");
    expect(await snapshotDatabase(t.database)).toEqual(before);
  });

  it("the same write with our Origin and the session's token goes through (control)", async () => {
    const res = await rawRequest(
      tenant.admin.client,
      "PATCH",
      settingsUrl(),
      { purpose: "正当な変更" },
      {
        origin: ownOrigin(),
        "sec-fetch-site": "same-origin",
        "x-csrf-token": tenant.admin.client.csrfToken ?? "",
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.network.purpose).toBe("正当な変更");
  });

  it("sign-in from a foreign Origin is refused: no cookie, no session", async () => {
    const account = await makeAccount(t);
    const res = await t
      .anonymous()
      .call(accounts.signIn, { body: { email: account.email, password: testPassword }, headers: { origin: "http://evil.example" } });
    expectError(res, 403, "csrf_failed");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(await t.database.db.selectFrom("sessions").select("id").where("account_id", "=", account.id).execute()).toEqual([]);
  });
});

describe("sessions end for good", () => {
  it("a revoked session answers 401 on its next call", async () => {
    const account = await makeAccount(t);
    const [keeper, victim] = [await signIn(t, account), await signIn(t, account)];
    expect((await victim.call(accounts.getMe)).status).toBe(200);
    expect((await keeper.call(accounts.revokeSession, { params: { sessionId: await sessionIdOf(t, victim) } })).status).toBe(204);
    expectError(await victim.call(accounts.getMe), 401, "unauthenticated");
    expectError(await victim.call(accounts.updateMe, { body: { displayName: "まだいる" } }), 401, "unauthenticated");
  });

  it("an expired session answers 401", async () => {
    const client = await signIn(t, await makeAccount(t));
    await t.database.db
      .updateTable("sessions")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", await sessionIdOf(t, client))
      .execute();
    expectError(await client.call(accounts.getMe), 401, "unauthenticated");
  });
});

describe("cookies and headers", () => {
  it("the session cookie is HttpOnly and SameSite=Lax, without Secure on an http deployment", async () => {
    const account = await makeAccount(t);
    const res = await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } });
    const session = cookieNamed(res, "tsunagu_session");
    expect(session.attributes.has("httponly")).toBe(true);
    expect(session.attributes.get("samesite")).toMatch(/^lax$/i);
    expect(session.attributes.has("secure")).toBe(false);
  });

  it("security headers are on every kind of response", async () => {
    const tenant = await makeTenant(t);
    const responses = [
      await t.anonymous().call(health.health),
      await t.anonymous().call(accounts.getMe), // 401
      await tenant.alumni.client.call(networks.updateNetworkSettings, { params: { networkId: tenant.network.id }, body: { name: "x" } }), // 403
      await t.anonymous().request("GET", "/api/nowhere"), // 404
      await t.anonymous().request("GET", "/api/docs"),
      await t.anonymous().request("GET", "/files/logos/00000000-0000-4000-8000-000000000000.webp"),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 401, 403, 404, 200, 404]);
    for (const res of responses) {
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
      expect(res.headers["referrer-policy"]).toBe("same-origin");
    }
  });
});

describe("secrets never reach a log line or a response (real server, LOG_LEVEL=trace)", { timeout: 120_000 }, () => {
  const P1 = "first-Secret-passphrase-111";
  const WRONG = "wrong-Secret-passphrase-222";
  const P2 = "second-Secret-passphrase-333";
  const SHORT = "Sh0rt-444";
  const P3 = "third-Secret-passphrase-555";
  const passwords = [P1, WRONG, P2, SHORT, P3];
  let server: ServerProcess | undefined;
  let dataDir = "";
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  /** Every response: status, headers and body. */
  const responses: string[] = [];
  let log = "";
  let sessionToken = "";
  let resetToken = "";
  let setCookieLines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "tsunagu-logs-"));
    // On the PostgreSQL run the server gets its own fresh database there; otherwise embedded PGlite.
    if (onPostgres) database = await createTestDatabase();
    // An empty, migrated embedded database, as after a first start (the startup suite covers the very first one).
    else await seedDataDir(path.join(dataDir, "data"));
    server = startServer({
      PORT: "0",
      DATA_DIR: path.join(dataDir, "data"),
      LOG_LEVEL: "trace",
      // An https deployment (behind a TLS proxy): its cookies must be Secure.
      PUBLIC_URL: "https://tsunagu.example",
      ...(database?.url ? { DATABASE_URL: database.url } : {}),
    });
    const setupToken = (await server.waitFor(/one-time setup token: ([A-Za-z0-9_-]+)/))[1] ?? "";
    const base = (await server.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? "";

    const jar = new Map<string, string>();
    const cookieLines: string[] = [];
    async function call(method: string, url: string, body?: unknown) {
      const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (method !== "GET" && jar.has("tsunagu_csrf")) headers["x-csrf-token"] = jar.get("tsunagu_csrf") ?? "";
      const res = await fetch(`${base}${url}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      for (const c of res.headers.getSetCookie()) {
        cookieLines.push(c);
        const [name = "", value = ""] = (c.split(";")[0] ?? "").split("=");
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      responses.push(`${res.status} ${JSON.stringify([...res.headers])} ${text}`);
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // the single-page app's HTML
      }
      return { status: res.status, json };
    }

    const email = "owner@example.com";
    expect((await call("POST", "/api/setup", { setupToken, email, password: P1, displayName: "運営" })).status).toBe(200);
    sessionToken = jar.get("tsunagu_session") ?? "";
    expect((await call("POST", "/api/auth/sign-in", { email, password: WRONG })).status).toBe(401);
    expect((await call("POST", "/api/auth/sign-in", { email, password: P1 })).status).toBe(200);
    expect((await call("POST", "/api/me/password", { currentPassword: WRONG, newPassword: P2 })).status).toBe(400);
    expect((await call("POST", "/api/me/password", { currentPassword: P1, newPassword: P2 })).status).toBe(204);
    expect((await call("POST", "/api/auth/password-reset", { email })).status).toBe(202);
    const list = await call("GET", "/api/operator/outbox");
    const mailId = (list.json.items as { id: string; kind: string }[]).find((m) => m.kind === "reset_password")?.id ?? "";
    const mail = await call("GET", `/api/operator/outbox/${mailId}`);
    const link = new URL(/https?:\/\/\S+/.exec(String(mail.json.text))?.[0] ?? "http://invalid/");
    resetToken = linkToken(String(mail.json.text));
    expect(resetToken).not.toBe("");
    // The person opens the mailed link: the browser loads the page from this server.
    await call("GET", `${link.pathname}${link.search}`);
    expect((await call("POST", "/api/auth/password-reset/confirm", { token: resetToken, password: SHORT })).status).toBe(400);
    expect((await call("POST", "/api/auth/password-reset/confirm", { token: resetToken, password: P3 })).status).toBe(204);
    expect((await call("POST", "/api/auth/sign-in", { email, password: P3 })).status).toBe(200);

    server.child.kill("SIGTERM");
    expect(await server.exited(10_000)).toBe(0);
    log = server.stdout() + server.stderr();
    setCookieLines = cookieLines;
  });

  afterAll(async () => {
    server?.kill();
    await server?.exited(10_000).catch(() => undefined);
    await database?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("the log captured the requests (so its silence below means something)", () => {
    expect(log).toContain("/api/auth/sign-in");
    expect(log).toContain("/api/auth/password-reset/confirm");
    expect(responses.length).toBeGreaterThanOrEqual(10);
  });

  it("no password in any log line", () => {
    for (const secret of passwords) expect(log, `password ${secret} in the log`).not.toContain(secret);
  });

  it("no password in any response body or header", () => {
    for (const secret of passwords) expect(responses.join("\n"), `password ${secret} in a response`).not.toContain(secret);
  });

  it("no session token in the log", () => {
    expect(sessionToken.length).toBeGreaterThan(20);
    expect(log).not.toContain(sessionToken);
  });

  it("on an https deployment (PUBLIC_URL https://…) both cookies are Secure and SameSite=Lax, the session one HttpOnly", () => {
    const issued = setCookieLines.filter((c) => /^tsunagu_(session|csrf)=[^;]+;/.test(c));
    expect(issued.length).toBeGreaterThanOrEqual(6); // setup + two sign-ins, two cookies each
    for (const line of issued) {
      expect(line, line).toMatch(/;\s*Secure/i);
      expect(line, line).toMatch(/;\s*SameSite=Lax/i);
      if (line.startsWith("tsunagu_session=")) expect(line, line).toMatch(/;\s*HttpOnly/i);
      else expect(line, line).not.toMatch(/HttpOnly/i);
    }
  });

  it("no mailed reset token in the log, even after the browser opened the link", () => {
    // Whoever reads the log could otherwise set the password until the link expires.
    expect(log, "the reset token from the mailed link is in the log").not.toContain(resetToken);
  });
});

describe("stored files", () => {
  it.each([
    "/files/../../../etc/passwd",
    "/files/logos/..%2f..%2f..%2fetc%2fpasswd",
    "/files/%2e%2e/%2e%2e/package.json",
    "/files/logos/00000000-0000-4000-8000-000000000000.webp",
  ])("%s serves no file from outside the store", async (url) => {
    const res = await t.anonymous().request("GET", url);
    expect(res.raw).not.toMatch(/root:x:0:0|"name": "tsunagu"/);
    // Either 404, or a path the single-page app answers (its HTML shell, or the "not built" note).
    if (res.status !== 404) {
      expect(String(res.headers["content-type"])).toMatch(/^text\/(html|plain)/);
      expect(String(res.headers["cache-control"] ?? "")).not.toMatch(/immutable/);
    }
  });
});
