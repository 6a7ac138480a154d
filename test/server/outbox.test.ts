// The operator reads the mails this deployment sent or kept.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as mail from "../../src/shared/contract/mail.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { makeAccount, makeTenant, signIn } from "../helpers/factories.ts";
import { lastMailTo } from "../helpers/outbox.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let operator: Client;
let networkAdmin: Client;

beforeAll(async () => {
  t = await createTestApp();
  operator = await signIn(t, await makeAccount(t, { operator: true }));
  networkAdmin = (await makeTenant(t)).admin.client;
});
afterAll(async () => {
  await t.close();
});

/** Makes the app write a reset mail to a new account; returns the address. */
async function resetMail(locale: "ja" | "en" = "ja"): Promise<string> {
  const account = await makeAccount(t, { locale });
  expect((await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } })).status).toBe(202);
  return account.email;
}

describe("GET /api/operator/outbox", () => {
  it("lists mails newest first, without their bodies", async () => {
    const first = await resetMail("ja");
    const second = await resetMail("en");
    const res = await operator.call(mail.listOutbox, { query: { limit: 2 } });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        to: second,
        subject: "[Tsunagu] Reset your password",
        kind: "reset_password",
        status: "kept",
        createdAt: expect.any(String),
      },
      {
        id: expect.any(String),
        to: first,
        subject: "【つなぐ】パスワードの再設定",
        kind: "reset_password",
        status: "kept",
        createdAt: expect.any(String),
      },
    ]);
    expect(res.raw).not.toContain("token=");
  });

  it("pages with nextCursor: each mail exactly once", async () => {
    const sent = [await resetMail(), await resetMail(), await resetMail()];
    const total = Number(
      (
        await t.database.db
          .selectFrom("mail_outbox")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page <= total; page++) {
      const res = await operator.call(mail.listOutbox, { query: { limit: 2, ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((m: { id: string }) => m.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeNull();
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    const ids = await Promise.all(sent.map(async (to) => (await lastMailTo(t, to)).id));
    expect(seen.slice(0, 3)).toEqual(ids.reverse());
  });

  it.each([
    ["limit", { limit: 0 }],
    ["cursor", { cursor: "bm90LWpzb24" }],
    ["cursor", { cursor: Buffer.from(JSON.stringify(["2025-13-45", "0"])).toString("base64url") }],
  ])("400 naming %s for %j", async (field, query) => {
    expectFieldError(await operator.call(mail.listOutbox, { query }), field);
  });

  it("404 for anyone but the operator, 401 without a session", async () => {
    for (const client of [networkAdmin, await signIn(t, await makeAccount(t))])
      expectError(await client.call(mail.listOutbox), 404, "not_found");
    expectError(await t.anonymous().call(mail.listOutbox), 401, "unauthenticated");
  });
});

describe("GET /api/operator/outbox/:mailId", () => {
  it("returns one mail with its text and HTML bodies", async () => {
    const to = await resetMail("en");
    const row = await lastMailTo(t, to);
    const res = await operator.call(mail.getOutboxMail, { params: { mailId: row.id } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: row.id,
      to,
      subject: "[Tsunagu] Reset your password",
      kind: "reset_password",
      status: "kept",
      createdAt: row.created_at.toISOString(),
      text: row.text_body,
      html: row.html_body,
    });
    expect(res.body.text).toContain("/reset-password#token=");
    expect(res.body.html).toMatch(/^<!doctype html>/i);
  });

  it("404 for an unknown id, 400 naming mailId for a malformed one", async () => {
    expectError(await operator.call(mail.getOutboxMail, { params: { mailId: crypto.randomUUID() } }), 404, "not_found");
    expectFieldError(await operator.call(mail.getOutboxMail, { params: { mailId: "1" } }), "mailId");
  });

  it("404 for anyone but the operator (the mail holds a password link), 401 without a session", async () => {
    const row = await lastMailTo(t, await resetMail());
    for (const client of [networkAdmin, await signIn(t, await makeAccount(t))])
      expectError(await client.call(mail.getOutboxMail, { params: { mailId: row.id } }), 404, "not_found");
    expectError(await t.anonymous().call(mail.getOutboxMail, { params: { mailId: row.id } }), 401, "unauthenticated");
  });
});

describe("outbox paging with sub-millisecond timestamps", () => {
  // Last in the file: it moves three mails to the top of the list.
  it("pages correctly when mails were written within the same millisecond", async () => {
    const mails = [await lastMailTo(t, await resetMail()), await lastMailTo(t, await resetMail()), await lastMailTo(t, await resetMail())];
    await inSystem(t.database, async (tx) => {
      for (const [i, m] of mails.entries())
        await tx
          .updateTable("mail_outbox")
          .set({ created_at: sql<Date>`${`2099-01-01T00:00:00.1234${i + 1}0Z`}::timestamptz` })
          .where("id", "=", m.id)
          .execute();
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res = await operator.call(mail.listOutbox, { query: { limit: 1, ...(cursor ? { cursor } : {}) } });
      seen.push(...res.body.items.map((m: { id: string }) => m.id));
      cursor = res.body.nextCursor;
    }
    expect(seen).toEqual(mails.map((m) => m.id).reverse());
  });
});
