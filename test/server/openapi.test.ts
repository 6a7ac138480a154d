// The OpenAPI document and the docs page are generated from the same contracts as the routes:
// every registered route is documented, and every contract endpoint is registered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as contract from "../../src/shared/contract/index.ts";
import type { Endpoint } from "../../src/shared/contract/endpoint.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const openApiPath = (path: string) => path.replace(/:(\w+)/g, "{$1}");

function contractEndpoints(): Endpoint[] {
  const isEndpoint = (v: unknown): v is Endpoint =>
    typeof v === "object" && v !== null && "id" in v && "method" in v && "path" in v && "access" in v;
  return Object.values(contract).flatMap((module) => Object.values(module as Record<string, unknown>).filter(isEndpoint));
}

describe("GET /api/openapi.json", () => {
  it("documents every route of app.routes with its operationId, parameters and security", async () => {
    const res = await t.anonymous().request("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, Record<string, unknown>>> };
    expect(doc.openapi).toBe("3.1.0");
    expect(t.app.routes.length).toBeGreaterThan(20);
    for (const { endpoint } of t.app.routes) {
      const op = doc.paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase()];
      expect(op, `${endpoint.method} ${endpoint.path} missing from the OpenAPI document`).toBeDefined();
      expect(op?.operationId).toBe(endpoint.id);
      const pathParams = [...endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const documented = ((op?.parameters as { name: string; in: string }[] | undefined) ?? []).filter((p) => p.in === "path");
      expect(documented.map((p) => p.name).sort()).toEqual(pathParams.sort());
      if (endpoint.access === "public") expect(op?.security).toBeUndefined();
      else expect(op?.security).toEqual([{ session: [] }]);
    }
    const operations = Object.values(doc.paths).flatMap((methods) => Object.keys(methods));
    expect(operations).toHaveLength(t.app.routes.length);
  });

  it("every endpoint of the shared contract is registered exactly once, and nothing else", () => {
    const registered = t.app.routes.map((r) => r.endpoint.id).sort();
    expect(new Set(registered).size).toBe(registered.length);
    expect(registered).toEqual(
      contractEndpoints()
        .map((e) => e.id)
        .sort(),
    );
  });
});

describe("GET /api/docs", () => {
  it("returns an HTML page naming every operation", async () => {
    const res = await t.anonymous().request("GET", "/api/docs");
    expect(res.status).toBe(200);
    expect(String(res.headers["content-type"])).toMatch(/^text\/html/);
    expect(res.raw).toMatch(/^<!doctype html>/i);
    for (const { endpoint } of t.app.routes) expect(res.raw).toContain(`id="${endpoint.id}"`);
  });
});
