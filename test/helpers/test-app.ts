// Builds the real app on a fresh test database, plus a small HTTP client over app.inject()
// that keeps cookies and sends the CSRF token like the web app does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Endpoint } from "../../src/shared/contract/endpoint.ts";
import { buildApp, type App } from "../../src/server/app.ts";
import { loadConfig, type Config } from "../../src/server/platform/config/config.ts";
import type { Database } from "../../src/server/platform/db/database.ts";
import { createTestDatabase } from "./test-database.ts";

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** A client without a session. */
  anonymous(): Client;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), "tsunagu-test-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PUBLIC_URL: "http://localhost:3000", ...env });
  const app = await buildApp(config, database, { logger: false });
  await app.fastify.ready();
  return {
    app,
    database,
    config,
    anonymous: () => new Client(app),
    async close() {
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw payload (e.g. multipart) instead of a JSON body. */
  payload?: Buffer | string;
}

export interface Result {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read arbitrary JSON
  headers: Record<string, string | string[] | number | undefined>;
  raw: string;
}

export class Client {
  readonly app: App;
  readonly cookies = new Map<string, string>();
  constructor(app: App) {
    this.app = app;
  }

  get csrfToken(): string | undefined {
    return this.cookies.get("tsunagu_csrf");
  }

  async call(endpoint: Pick<Endpoint, "method" | "path">, options: CallOptions = {}): Promise<Result> {
    let url = endpoint.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? `missing-${name}`));
    if (options.query) url += `?${new URLSearchParams(Object.entries(options.query).map(([k, v]) => [k, String(v)])).toString()}`;
    return this.request(endpoint.method, url, options);
  }

  async request(method: string, url: string, options: CallOptions = {}): Promise<Result> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    if (method !== "GET" && this.csrfToken && !("x-csrf-token" in headers)) headers["x-csrf-token"] = this.csrfToken;
    let payload: string | Buffer | undefined = options.payload;
    if (payload === undefined && options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await this.app.fastify.inject({ method: method as "GET", url, headers, ...(payload !== undefined ? { payload } : {}) });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = (c.expires && c.expires.getTime() < Date.now()) || c.maxAge === 0 || c.value === "";
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let body: unknown;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      // not JSON: tests read `raw`
    }
    return { status: res.statusCode, body, headers: res.headers, raw: res.body };
  }
}
