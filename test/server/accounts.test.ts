// The signed-in person's own account: profile, password, sessions, export, deletion.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError, isJapanese } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeNetwork, signIn, testPassword } from "../helpers/factories.ts";
import { clientWithCookies, sessionIdOf } from "../helpers/sessions.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const newPassword = "a brand new passphrase 2";

async function signedIn(overrides: Parameters<typeof makeAccount>[1] = {}) {
  const account = await makeAccount(t, overrides);
  return { account, client: await signIn(t, account) };
}

describe("GET /api/me", () => {
  it("returns the account, its active networks with roles, and the CSRF token of the cookie", async () => {
    const { account, client } = await signedIn({ name: "佐藤 花子" });
    const [a, b, left] = [
      await makeNetwork(t, { name: "A社 アルムナイ" }),
      await makeNetwork(t, { name: "B社 アルムナイ" }),
      await makeNetwork(t),
    ];
    const inA = await addMember(t, a, account, "admin");
    const inB = await addMember(t, b, account, "alumni");
    await addMember(t, left, account, "alumni", "left");

    const res = await client.call(accounts.getMe);
    expect(res.status).toBe(200);
    expect(res.body.account).toEqual({
      id: account.id,
      email: account.email,
      displayName: "佐藤 花子",
      avatarUrl: null,
      locale: "ja",
      timeZone: "Asia/Tokyo",
      emailVerified: true,
      isOperator: false,
      createdAt: account.created_at.toISOString(),
    });
    expect(res.body.networks).toEqual([
      { id: a.id, slug: a.slug, name: a.name, kind: "company", logoUrl: null, role: "admin", memberId: inA.id },
      { id: b.id, slug: b.slug, name: b.name, kind: "company", logoUrl: null, role: "alumni", memberId: inB.id },
    ]);
    expect(res.body.csrfToken).toBe(client.csrfToken);
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(accounts.getMe), 401, "unauthenticated");
  });
});

describe("PATCH /api/me", () => {
  it("changes display name, language and time zone", async () => {
    const { client } = await signedIn();
    const res = await client.call(accounts.updateMe, { body: { displayName: "  鈴木 一郎  ", locale: "en", timeZone: "Europe/Berlin" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: "鈴木 一郎", locale: "en", timeZone: "Europe/Berlin" });
    const me = await client.call(accounts.getMe);
    expect(me.body.account).toMatchObject({ displayName: "鈴木 一郎", locale: "en", timeZone: "Europe/Berlin" });
  });

  it("an empty body changes nothing", async () => {
    const { account, client } = await signedIn();
    const res = await client.call(accounts.updateMe, { body: {} });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: account.display_name, locale: "ja", timeZone: "Asia/Tokyo" });
  });

  it("400 for an unknown time zone, naming timeZone; nothing changes", async () => {
    const { client } = await signedIn();
    expectFieldError(
      await client.call(accounts.updateMe, { body: { timeZone: "Mars/Olympus_Mons", displayName: "変更しない" } }),
      "timeZone",
    );
    const { account } = (await client.call(accounts.getMe)).body;
    expect({ timeZone: account.timeZone, nameChanged: account.displayName === "変更しない" }).toEqual({
      timeZone: "Asia/Tokyo",
      nameChanged: false,
    });
  });

  it.each([
    ["displayName", { displayName: "   " }],
    ["displayName", { displayName: "x".repeat(81) }],
    ["locale", { locale: "fr" }],
  ])("400 naming %s for %j", async (field, body) => {
    const { client } = await signedIn();
    expectFieldError(await client.call(accounts.updateMe, { body }), field);
  });

  it("errors come in the account's language: Japanese for a ja account, English for an en account", async () => {
    const ja = await signedIn({ locale: "ja" });
    const en = await signedIn({ locale: "en" });
    const jaRes = await ja.client.call(accounts.updateMe, { body: { locale: "fr" } });
    const enRes = await en.client.call(accounts.updateMe, { body: { locale: "fr" } });
    expectFieldError(jaRes, "locale");
    expectFieldError(enRes, "locale");
    expect(isJapanese(jaRes.body.error.message)).toBe(true);
    expect(isJapanese(enRes.body.error.message)).toBe(false);
    expect(jaRes.body.error.message).not.toBe(enRes.body.error.message);
  });

  it("field messages are in the account's language too (time zone)", async () => {
    const { client } = await signedIn({ locale: "ja" });
    const message = expectFieldError(await client.call(accounts.updateMe, { body: { timeZone: "Nowhere/Atlantis" } }), "timeZone");
    // A Japanese member must not see an English-only sentence.
    expect(message, "field message is not Japanese").toSatisfy(isJapanese);
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(accounts.updateMe, { body: { displayName: "x" } }), 401, "unauthenticated");
  });
});

describe("POST /api/me/password", () => {
  it("changes the password and signs out every other session, keeping this one", async () => {
    const { account, client } = await signedIn();
    const other = await signIn(t, account);
    const res = await client.call(accounts.changePassword, { body: { currentPassword: testPassword, newPassword } });
    expect(res.status).toBe(204);
    expect(res.raw).toBe("");

    expect((await client.call(accounts.getMe)).status).toBe(200);
    expectError(await other.call(accounts.getMe), 401, "unauthenticated");
    const sessions = await client.call(accounts.listSessions);
    expect(sessions.body.items).toHaveLength(1);

    expectError(
      await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } }),
      401,
      "invalid_credentials",
    );
    expect((await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: newPassword } })).status).toBe(200);
  });

  it("400 naming currentPassword when it is wrong; the password stays", async () => {
    const { account, client } = await signedIn();
    expectFieldError(
      await client.call(accounts.changePassword, { body: { currentPassword: "not my password", newPassword } }),
      "currentPassword",
    );
    expect((await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } })).status).toBe(200);
  });

  it.each([
    ["newPassword", { currentPassword: testPassword, newPassword: "short" }],
    ["newPassword", { currentPassword: testPassword }],
    ["currentPassword", { newPassword }],
  ])("400 naming %s for %j", async (field, body) => {
    const { client } = await signedIn();
    expectFieldError(await client.call(accounts.changePassword, { body }), field);
  });

  it("401 without a session", async () => {
    expectError(
      await t.anonymous().call(accounts.changePassword, { body: { currentPassword: testPassword, newPassword } }),
      401,
      "unauthenticated",
    );
  });
});

describe("GET /api/me/sessions and DELETE /api/me/sessions/:sessionId", () => {
  it("every sign-in starts a new session with its own id; one is marked current", async () => {
    const { account, client } = await signedIn();
    const second = await signIn(t, account);
    const res = await client.call(accounts.listSessions);
    expect(res.status).toBe(200);
    const items = res.body.items as { id: string; current: boolean; userAgent: string | null; ip: string | null }[];
    expect(items).toHaveLength(2);
    expect(new Set(items.map((s) => s.id)).size).toBe(2);
    expect(items.filter((s) => s.current).map((s) => s.id)).toEqual([await sessionIdOf(t, client)]);
    expect(items.map((s) => s.id)).toContain(await sessionIdOf(t, second));
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(["createdAt", "current", "id", "ip", "lastSeenAt", "userAgent"]);
    expect(res.raw).not.toContain(client.cookies.get("tsunagu_session"));
  });

  it("revoking another of my sessions signs that browser out", async () => {
    const { account, client } = await signedIn();
    const other = await signIn(t, account);
    const res = await client.call(accounts.revokeSession, { params: { sessionId: await sessionIdOf(t, other) } });
    expect(res.status).toBe(204);
    expectError(await other.call(accounts.getMe), 401, "unauthenticated");
    expect((await client.call(accounts.getMe)).status).toBe(200);
  });

  it("revoking the current session signs me out and clears the cookie", async () => {
    const { client } = await signedIn();
    const cookies = new Map(client.cookies);
    const res = await client.call(accounts.revokeSession, { params: { sessionId: await sessionIdOf(t, client) } });
    expect(res.status).toBe(204);
    expect(client.cookies.has("tsunagu_session")).toBe(false);
    expectError(await clientWithCookies(t, cookies).call(accounts.getMe), 401, "unauthenticated");
  });

  it("404 for someone else's session id; theirs keeps working", async () => {
    const me = await signedIn();
    const someoneElse = await signedIn();
    const res = await me.client.call(accounts.revokeSession, { params: { sessionId: await sessionIdOf(t, someoneElse.client) } });
    expectError(res, 404, "not_found");
    expect((await someoneElse.client.call(accounts.getMe)).status).toBe(200);
  });

  it("404 for a session id that does not exist; 400 naming sessionId for one that is not an id", async () => {
    const { client } = await signedIn();
    expectError(
      await client.call(accounts.revokeSession, { params: { sessionId: "3f1c2b8e-0000-4000-8000-000000000000" } }),
      404,
      "not_found",
    );
    expectFieldError(await client.call(accounts.revokeSession, { params: { sessionId: "not-a-uuid" } }), "sessionId");
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(accounts.listSessions), 401, "unauthenticated");
    expectError(
      await t.anonymous().call(accounts.revokeSession, { params: { sessionId: "3f1c2b8e-0000-4000-8000-000000000000" } }),
      401,
      "unauthenticated",
    );
  });
});

describe("GET /api/me/export", () => {
  it("contains the account, its memberships and sessions, and no password hash anywhere", async () => {
    const { account, client } = await signedIn();
    const network = await makeNetwork(t);
    await addMember(t, network, account, "employee");
    await signIn(t, account);

    const res = await client.call(accounts.exportAccount);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: account.id, email: account.email });
    expect(res.body.memberships).toEqual([
      { networkId: network.id, networkName: network.name, role: "employee", status: "active", joinedAt: expect.any(String) },
    ]);
    expect(res.body.sessions).toHaveLength(2);
    expect(Date.parse(res.body.exportedAt)).not.toBeNaN();

    expect(account.password_hash).toBeTruthy();
    expect(res.raw).not.toContain(account.password_hash ?? "");
    expect(res.raw).not.toMatch(/argon2|password|token_hash|csrf/i);
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(accounts.exportAccount), 401, "unauthenticated");
  });
});

describe("POST /api/me/delete", () => {
  it("400 naming password when it is wrong; the account stays", async () => {
    const { account, client } = await signedIn();
    expectFieldError(await client.call(accounts.deleteAccount, { body: { password: "wrong password!" } }), "password");
    expectFieldError(await client.call(accounts.deleteAccount, { body: {} }), "password");
    expect(await findAccount(account.id)).toBeDefined();
    expect((await client.call(accounts.getMe)).status).toBe(200);
  });

  it("deletes the account with its memberships and sessions; the session answers 401 afterwards", async () => {
    const { account, client } = await signedIn();
    const network = await makeNetwork(t);
    await addMember(t, network, account, "alumni");
    // A real-time event waiting for them (events have no foreign key to accounts: migration 0012).
    await inSystem(t.database, (tx) =>
      tx.insertInto("events").values({ account_id: account.id, network_id: network.id, kind: "test.waiting", payload: "{}" }).execute(),
    );
    const res = await client.call(accounts.deleteAccount, { body: { password: testPassword } });
    expect(res.status).toBe(204);
    expect(await findAccount(account.id)).toBeUndefined();
    const leftovers = await inSystem(t.database, async (tx) => ({
      memberships: await tx.selectFrom("memberships").select("id").where("account_id", "=", account.id).execute(),
      sessions: await tx.selectFrom("sessions").select("id").where("account_id", "=", account.id).execute(),
      events: await tx.selectFrom("events").select("id").where("account_id", "=", account.id).execute(),
    }));
    expect(leftovers).toEqual({ memberships: [], sessions: [], events: [] });
    expectError(await client.call(accounts.getMe), 401, "unauthenticated");
    expectError(
      await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } }),
      401,
      "invalid_credentials",
    );
  });

  it("the last operator cannot delete their account (409); with a second operator they can", async () => {
    // This file's deployment has no operator but the ones made here.
    const first = await signedIn({ operator: true });
    const res = await first.client.call(accounts.deleteAccount, { body: { password: testPassword } });
    const error = expectError(res, 409, "conflict");
    expect(error.fields?.password).toBeTruthy();
    expect(await findAccount(first.account.id)).toBeDefined();

    await makeAccount(t, { operator: true });
    expect((await first.client.call(accounts.deleteAccount, { body: { password: testPassword } })).status).toBe(204);
    expect(await findAccount(first.account.id)).toBeUndefined();
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(accounts.deleteAccount, { body: { password: testPassword } }), 401, "unauthenticated");
  });
});

function findAccount(id: string) {
  return t.database.db.selectFrom("accounts").select("id").where("id", "=", id).executeTakeFirst();
}
