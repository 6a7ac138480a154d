// First run: an empty deployment asks for its operator, who proves ownership with the
// one-time setup token printed in the server log. The tests run in order on one deployment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import { prepareSetupToken } from "../../src/server/setup/setup.service.ts";
import { cookieNamed, expectError, expectFieldError, isJapanese } from "../helpers/assertions.ts";
import { lastMailTo } from "../helpers/outbox.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const operator = { email: "owner@example.com", password: "the owner's passphrase", displayName: "運営 太郎", locale: "ja" as const };

describe("setup (in order)", () => {
  let setupToken = "";

  it("GET /api/setup says setup is needed on an empty deployment", async () => {
    const res = await t.anonymous().call(accounts.setupStatus);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ needed: true });
    setupToken = (await prepareSetupToken(t.database)) ?? "";
    expect(setupToken.length).toBeGreaterThanOrEqual(20);
  });

  it("a wrong setup token is refused, naming setupToken, in the caller's language", async () => {
    const ja = await t.anonymous().call(accounts.completeSetup, { body: { ...operator, setupToken: "wrong-token-wrong-token" } });
    const en = await t
      .anonymous()
      .call(accounts.completeSetup, { body: { ...operator, setupToken: "wrong-token-wrong-token" }, headers: { "accept-language": "en" } });
    expect(isJapanese(expectFieldError(ja, "setupToken"))).toBe(true);
    expect(isJapanese(expectFieldError(en, "setupToken"))).toBe(false);
    expect(isJapanese(ja.body.error.message)).toBe(true);
    expect(isJapanese(en.body.error.message)).toBe(false);
    expect(ja.headers["set-cookie"]).toBeUndefined();
    expect((await t.anonymous().call(accounts.setupStatus)).body).toEqual({ needed: true });
  });

  it.each([
    ["email", { email: "not-an-email" }],
    ["password", { password: "short" }],
    ["displayName", { displayName: " " }],
    ["locale", { locale: "de" }],
    ["setupToken", { setupToken: "" }],
  ])("400 naming %s", async (field, override) => {
    expectFieldError(await t.anonymous().call(accounts.completeSetup, { body: { ...operator, setupToken, ...override } }), field);
    expect((await t.anonymous().call(accounts.setupStatus)).body).toEqual({ needed: true });
  });

  it("the right token creates the operator and signs them in", async () => {
    const client = t.anonymous();
    const res = await client.call(accounts.completeSetup, { body: { ...operator, setupToken } });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ email: operator.email, displayName: operator.displayName, isOperator: true, locale: "ja" });
    expect(res.body.networks).toEqual([]);
    expect(cookieNamed(res, "tsunagu_session").attributes.has("httponly")).toBe(true);
    expect((await client.call(accounts.getMe)).body.account.isOperator).toBe(true);

    const row = await t.database.db.selectFrom("accounts").selectAll().where("email", "=", operator.email).executeTakeFirstOrThrow();
    expect(row.is_operator).toBe(true);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await lastMailTo(t, operator.email, "verify_email")).toBeDefined();
    // The one-time token is gone.
    expect(await t.database.db.selectFrom("platform_settings").selectAll().execute()).toEqual([]);
    expect((await t.anonymous().call(accounts.signIn, { body: { email: operator.email, password: operator.password } })).status).toBe(200);
  });

  it("afterwards setup is no longer needed and cannot run again (404), even with a fresh token", async () => {
    expect((await t.anonymous().call(accounts.setupStatus)).body).toEqual({ needed: false });
    expectError(
      await t.anonymous().call(accounts.completeSetup, { body: { ...operator, email: "intruder@example.com", setupToken } }),
      404,
      "not_found",
    );
    expect(await prepareSetupToken(t.database)).toBeNull();
    const operators = await t.database.db.selectFrom("accounts").select("email").where("is_operator", "=", true).execute();
    expect(operators).toEqual([{ email: operator.email }]);
  });
});
