// Mail through a real SMTP peer (smtp-server on 127.0.0.1): the outbox row is delivered by the
// job queue, in the account's language, with text and HTML parts; a dead peer means retries.
import { sql } from "kysely";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as health from "../../src/shared/contract/health.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { makeAccount } from "../helpers/factories.ts";
import { decodeHeader, leafParts, parseMime } from "../helpers/mime.ts";
import { lastMailTo, linkToken } from "../helpers/outbox.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let t: TestApp;
let smtp: SMTPServer;
let smtpOpen = false;
const received: Received[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpOpen = true;
  const port = (smtp.server.address() as AddressInfo).port;
  t = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: "Tsunagu <no-reply@tsunagu.example>" });
});
afterAll(async () => {
  await t.close();
  if (smtpOpen) await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function requestReset(locale: "ja" | "en") {
  const account = await makeAccount(t, { locale });
  expect((await t.anonymous().call(accounts.requestPasswordReset, { body: { email: account.email } })).status).toBe(202);
  return { account, outbox: await lastMailTo(t, account.email, "reset_password") };
}

const jobFor = (mailId: string) =>
  inSystem(t.database, (tx) =>
    tx
      .selectFrom("jobs")
      .selectAll()
      .where("kind", "=", "mail.deliver")
      .where(sql<boolean>`payload->>'mailId' = ${mailId}`)
      .executeTakeFirstOrThrow(),
  );

describe("delivery through SMTP", () => {
  it.each([
    ["ja", "【つなぐ】パスワードの再設定", "パスワードを再設定する"],
    ["en", "[Tsunagu] Reset your password", "Reset password"],
  ] as const)(
    "a %s account's reset mail reaches the peer with subject %s, text and HTML parts and the link",
    async (locale, subject, action) => {
      received.length = 0;
      const { account, outbox } = await requestReset(locale);
      expect(outbox.status).toBe("queued");
      expect(received).toHaveLength(0); // nothing leaves before the job runs

      expect(await t.app.deps.jobs.drain()).toBeGreaterThanOrEqual(1);
      expect(received).toHaveLength(1);
      const message = received[0]!;
      expect(message.to).toEqual([account.email]);
      expect(message.from).toBe("no-reply@tsunagu.example");

      const mime = parseMime(message.raw);
      expect(decodeHeader(mime.headers.get("subject") ?? "")).toBe(subject);
      expect(mime.headers.get("to")).toContain(account.email);
      const parts = leafParts(mime);
      const text = parts.find((p) => (p.headers.get("content-type") ?? "").startsWith("text/plain"));
      const html = parts.find((p) => (p.headers.get("content-type") ?? "").startsWith("text/html"));
      expect(text, "no text/plain part").toBeDefined();
      expect(html, "no text/html part").toBeDefined();
      const token = linkToken(outbox.text_body);
      const link = `${t.config.publicUrl}/reset-password#token=${token}`;
      expect(text?.body).toContain(link);
      expect(text?.body).toContain(`${action}:`);
      expect(html?.body).toContain(`href="${link}"`);
      expect(html?.body).toContain(`lang="${locale}"`);

      const after = await lastMailTo(t, account.email, "reset_password");
      expect(after).toMatchObject({ status: "sent", attempts: 1, last_error: null });
      expect(after.sent_at).toBeInstanceOf(Date);
      expect((await jobFor(outbox.id)).done_at).toBeInstanceOf(Date);

      // Delivered once: running the queue again sends nothing more.
      expect(await t.app.deps.jobs.drain()).toBe(0);
      expect(received).toHaveLength(1);
    },
  );
});

describe("an unreachable SMTP peer", () => {
  // Last in the file: closes the peer, so its port refuses connections.
  it("keeps the mail queued and retries the job later, without crashing", async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    smtpOpen = false;
    received.length = 0;
    const { outbox } = await requestReset("ja");

    expect(await t.app.deps.jobs.drain()).toBe(1);
    let mail = await lastMailTo(t, outbox.to_address);
    expect(mail.status).toBe("queued");
    expect(mail.attempts).toBe(1);
    expect(mail.last_error).toBeTruthy();
    let job = await jobFor(outbox.id);
    expect(job).toMatchObject({ attempts: 1, done_at: null, locked_until: null });
    expect(job.last_error).toBeTruthy();
    expect(job.run_at.getTime()).toBeGreaterThan(Date.now()); // backed off, not dropped

    // Not due yet: nothing runs. Once due, it is tried again.
    expect(await t.app.deps.jobs.drain()).toBe(0);
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("jobs")
        .set({ run_at: new Date(Date.now() - 1000) })
        .where("id", "=", job.id)
        .execute(),
    );
    expect(await t.app.deps.jobs.drain()).toBe(1);
    mail = await lastMailTo(t, outbox.to_address);
    job = await jobFor(outbox.id);
    expect({ status: mail.status, mailAttempts: mail.attempts, jobAttempts: job.attempts, done: job.done_at }).toEqual({
      status: "queued",
      mailAttempts: 2,
      jobAttempts: 2,
      done: null,
    });
    expect(received).toHaveLength(0);
    expect((await t.anonymous().call(health.health)).status).toBe(200);
  });

  it("marks the mail failed once the last attempt has failed", async () => {
    const { outbox } = await requestReset("en");
    const job = await jobFor(outbox.id);
    // As if five attempts had already failed: the next one is the last (max_attempts 6).
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("jobs")
        .set({ attempts: job.max_attempts - 1, run_at: new Date(Date.now() - 1000) })
        .where("id", "=", job.id)
        .execute(),
    );
    expect(await t.app.deps.jobs.drain()).toBe(1);
    expect((await jobFor(outbox.id)).done_at).toBeInstanceOf(Date); // the queue gave up
    // The operator's outbox must not show a mail that will never leave as still "queued".
    expect((await lastMailTo(t, outbox.to_address)).status).toBe("failed");
  });
});
