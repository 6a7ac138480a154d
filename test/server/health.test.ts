// GET /api/health: what load balancers and the start script poll.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as health from "../../src/shared/contract/health.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("health", () => {
  it("answers 200 {status: ok} without a session", async () => {
    const res = await t.anonymous().call(health.health);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(String(res.headers["content-type"])).toMatch(/^application\/json/);
  });

  it("unknown API paths answer the JSON 404 error shape", async () => {
    const res = await t.anonymous().request("GET", "/api/no-such-thing");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: "not_found", message: "見つかりませんでした。" } });
  });
});
