// Sign-in, sign-out, password reset and email verification (the routes without a session).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { cookieNamed, expectError, expectFieldError, isJapanese } from "../helpers/assertions.ts";
import { makeAccount, signIn, testPassword } from "../helpers/factories.ts";
import { lastMailTo, linkToken, mailsTo } from "../helpers/outbox.ts";
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

describe("POST /api/auth/sign-in", () => {
  it("signs in: answers /api/me's shape and sets an HttpOnly session cookie and a readable CSRF cookie", async () => {
    const account = await makeAccount(t);
    const client = t.anonymous();
    const res = await client.call(accounts.signIn, { body: { email: account.email, password: testPassword } });
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ id: account.id, email: account.email, isOperator: false });
    expect(res.body.networks).toEqual([]);

    const session = cookieNamed(res, "tsunagu_session");
    expect(session.value.length).toBeGreaterThanOrEqual(32);
    expect(session.attributes.has("httponly")).toBe(true);
    expect(session.attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(session.attributes.get("path")).toBe("/");
    expect(session.attributes.has("secure")).toBe(false); // PUBLIC_URL is http here

    const csrf = cookieNamed(res, "tsunagu_csrf");
    expect(csrf.attributes.has("httponly")).toBe(false);
    expect(csrf.attributes.get("samesite")?.toLowerCase()).toBe("lax");
    expect(res.body.csrfToken).toBe(csrf.value);
    expect((await client.call(accounts.getMe)).body.account.id).toBe(account.id);
  });

  it("accepts the email in any case and with spaces around it", async () => {
    const account = await makeAccount(t);
    const res = await t.anonymous().call(accounts.signIn, { body: { email: `  ${account.email.toUpperCase()} `, password: testPassword } });
    expect(res.status).toBe(200);
  });

  it("401 invalid_credentials for a wrong password and for an unknown email, with the same message; no cookie", async () => {
    const account = await makeAccount(t);
    const wrong = await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: "not the password" } });
    const unknown = await t.anonymous().call(accounts.signIn, { body: { email: "nobody-here@example.com", password: testPassword } });
    expectError(wrong, 401, "invalid_credentials");
    expectError(unknown, 401, "invalid_credentials");
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("an account without a password (invited, never set one) cannot sign in", async () => {
    const account = await makeAccount(t);
    await inSystem(t.database, (tx) => tx.updateTable("accounts").set({ password_hash: null }).where("id", "=", account.id).execute());
    expectError(
      await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } }),
      401,
      "invalid_credentials",
    );
  });

  it.each([
    ["email", { email: "not an email", password: testPassword }],
    ["email", { password: testPassword }],
    ["password", { email: "someone@example.com" }],
    ["password", { email: "someone@example.com", password: "" }],
  ])("400 naming %s for %j", async (field, body) => {
    expectFieldError(await t.anonymous().call(accounts.signIn, { body }), field);
  });

  it("answers in Japanese by default and in English with accept-language: en", async () => {
    const ja = await t.anonymous().call(accounts.signIn, { body: { email: "not an email", password: "x" } });
    const en = await t
      .anonymous()
      .call(accounts.signIn, { body: { email: "not an email", password: "x" }, headers: { "accept-language": "en-GB,en;q=0.9" } });
    expectFieldError(ja, "email");
    expectFieldError(en, "email");
    expect(isJapanese(ja.body.error.message)).toBe(true);
    expect(isJapanese(en.body.error.message)).toBe(false);
    expect(en.body.error.message).not.toBe(ja.body.error.message);
    expect(en.body.error.fields.email).not.toBe(ja.body.error.fields.email);
  });

  it("every sign-in creates a new session with a new id, even from a signed-in browser", async () => {
    const account = await makeAccount(t);
    const client = await signIn(t, account);
    const firstId = await sessionIdOf(t, client);
    const firstCookie = client.cookies.get("tsunagu_session");
    expect((await client.call(accounts.signIn, { body: { email: account.email, password: testPassword } })).status).toBe(200);
    const secondId = await sessionIdOf(t, client);
    expect(secondId).not.toBe(firstId);
    expect(client.cookies.get("tsunagu_session")).not.toBe(firstCookie);
    const ids = (await client.call(accounts.listSessions)).body.items.map((s: { id: string }) => s.id);
    expect(ids.sort()).toEqual([firstId, secondId].sort());
  });
});

describe("POST /api/auth/sign-out", () => {
  it("ends the session: the cookies are cleared and the old cookie no longer works", async () => {
    const account = await makeAccount(t);
    const client = await signIn(t, account);
    const other = await signIn(t, account);
    const stolen = new Map(client.cookies);
    const res = await client.call(accounts.signOut);
    expect(res.status).toBe(204);
    const cleared = cookieNamed(res, "tsunagu_session");
    expect(cleared.value).toBe("");
    expect(client.cookies.size).toBe(0);
    expectError(await clientWithCookies(t, stolen).call(accounts.getMe), 401, "unauthenticated");
    // Only that session ended.
    expect((await other.call(accounts.getMe)).status).toBe(200);
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(accounts.signOut), 401, "unauthenticated");
  });
});

describe("password reset", () => {
  it("answers 202 for a known and an unknown address alike; only the known one gets a mail", async () => {
    const account = await makeAccount(t);
    const known = await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } });
    const unknown = await t.anonymous().call(accounts.requestPasswordReset, { body: { email: "unknown-person@example.com" } });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(known.body).toEqual({ status: "sent" });
    expect(unknown.body).toEqual(known.body);
    expect(await mailsTo(t, "unknown-person@example.com")).toEqual([]);

    const mail = await lastMailTo(t, account.email, "reset_password");
    expect(mail.status).toBe("kept"); // no SMTP_URL: kept in the outbox
    expect(mail.subject).toBe("【つなぐ】パスワードの再設定");
    expect(mail.text_body).toContain(`${t.config.publicUrl}/reset-password#token=`);
    expect(mail.html_body).toContain(linkToken(mail.text_body));
  });

  it("the mailed token sets a new password once and signs out every session; reusing it fails", async () => {
    const account = await makeAccount(t, { verified: false });
    const before = [await signIn(t, account), await signIn(t, account)];
    await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } });
    const token = linkToken((await lastMailTo(t, account.email, "reset_password")).text_body);

    const res = await t.anonymous().call(accounts.confirmPasswordReset, { body: { token, password: newPassword } });
    expect(res.status).toBe(204);
    for (const client of before) expectError(await client.call(accounts.getMe), 401, "unauthenticated");
    expectError(
      await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } }),
      401,
      "invalid_credentials",
    );
    const signedIn = await signIn(t, account, newPassword);
    // The mailbox received the link, so the address is proven.
    expect((await signedIn.call(accounts.getMe)).body.account.emailVerified).toBe(true);

    expectError(
      await t.anonymous().call(accounts.confirmPasswordReset, { body: { token, password: "yet another passphrase" } }),
      400,
      "invalid_token",
    );
    expect((await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: newPassword } })).status).toBe(200);
  });

  it("an expired token is refused and the password stays", async () => {
    const account = await makeAccount(t);
    await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } });
    const token = linkToken((await lastMailTo(t, account.email, "reset_password")).text_body);
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("account_tokens")
        .set({ expires_at: new Date(Date.now() - 60_000) })
        .where("account_id", "=", account.id)
        .execute(),
    );
    expectError(await t.anonymous().call(accounts.confirmPasswordReset, { body: { token, password: newPassword } }), 400, "invalid_token");
    expect((await t.anonymous().call(accounts.signIn, { body: { email: account.email, password: testPassword } })).status).toBe(200);
  });

  it("only the newest link works", async () => {
    const account = await makeAccount(t);
    await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } });
    const first = linkToken((await lastMailTo(t, account.email, "reset_password")).text_body);
    await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } });
    const second = linkToken((await lastMailTo(t, account.email, "reset_password")).text_body);
    expect(second).not.toBe(first);
    expectError(
      await t.anonymous().call(accounts.confirmPasswordReset, { body: { token: first, password: newPassword } }),
      400,
      "invalid_token",
    );
    expect((await t.anonymous().call(accounts.confirmPasswordReset, { body: { token: second, password: newPassword } })).status).toBe(204);
  });

  it("a made-up token is refused", async () => {
    expectError(
      await t.anonymous().call(accounts.confirmPasswordReset, { body: { token: "x".repeat(43), password: newPassword } }),
      400,
      "invalid_token",
    );
  });

  it.each([
    ["email", accounts.requestPasswordReset, { email: "nope" }],
    ["token", accounts.confirmPasswordReset, { token: "short", password: newPassword }],
    ["password", accounts.confirmPasswordReset, { token: "x".repeat(43), password: "short" }],
  ])("400 naming %s", async (field, endpoint, body) => {
    expectFieldError(await t.anonymous().call(endpoint, { body }), field);
  });
});

describe("email verification", () => {
  it("resend mails a link; the link verifies the address once", async () => {
    const account = await makeAccount(t, { verified: false });
    const client = await signIn(t, account);
    expect((await client.call(accounts.getMe)).body.account.emailVerified).toBe(false);

    const res = await client.call(accounts.resendVerification);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ status: "sent" });
    const mail = await lastMailTo(t, account.email, "verify_email");
    expect(mail.subject).toBe("【つなぐ】メールアドレスの確認");
    const token = linkToken(mail.text_body);
    expect(mail.text_body).toContain(`${t.config.publicUrl}/verify-email#token=${token}`);

    expect((await t.anonymous().call(accounts.verifyEmail, { body: { token } })).status).toBe(204);
    expect((await client.call(accounts.getMe)).body.account.emailVerified).toBe(true);
    expectError(await t.anonymous().call(accounts.verifyEmail, { body: { token } }), 400, "invalid_token");
  });

  it("an already verified account gets no new mail", async () => {
    const account = await makeAccount(t, { verified: true });
    const client = await signIn(t, account);
    expect((await client.call(accounts.resendVerification)).status).toBe(202);
    expect(await mailsTo(t, account.email, "verify_email")).toEqual([]);
  });

  it("a password reset token does not verify an email (tokens have one purpose)", async () => {
    const account = await makeAccount(t, { verified: false });
    await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } });
    const token = linkToken((await lastMailTo(t, account.email, "reset_password")).text_body);
    expectError(await t.anonymous().call(accounts.verifyEmail, { body: { token } }), 400, "invalid_token");
  });

  it("400 naming token for a malformed token; 401 resending without a session", async () => {
    expectFieldError(await t.anonymous().call(accounts.verifyEmail, { body: { token: "short" } }), "token");
    expectFieldError(await t.anonymous().call(accounts.verifyEmail, { body: {} }), "token");
    expectError(await t.anonymous().call(accounts.resendVerification), 401, "unauthenticated");
  });
});
