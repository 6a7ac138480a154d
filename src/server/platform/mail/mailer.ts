// Sends mail durably: every mail is written to the outbox in the caller's transaction; with
// SMTP_URL a job delivers it through nodemailer (retried), without it the mail is kept in the
// outbox for the operator to read in the UI.
import type { Tx } from "../tenancy/scope.ts";
import nodemailer, { type Transporter } from "nodemailer";
import type { Locale } from "../../../shared/limits.ts";
import type { Database } from "../db/database.ts";
import type { JobQueue, JobRun } from "../jobs/jobs.ts";
import { renderMail, type MailTemplate } from "./templates.ts";

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
}

export interface OutgoingMail {
  to: string;
  locale: Locale;
  template: MailTemplate;
  /** Extra header lines, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

export class Mailer {
  readonly #database: Database;
  readonly #jobs: JobQueue;
  readonly #from: string;
  readonly #transport: Transporter | null;

  constructor(database: Database, jobs: JobQueue, options: MailerOptions) {
    this.#database = database;
    this.#jobs = jobs;
    this.#from = options.from;
    this.#transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
    jobs.register("mail.deliver", (payload, run) => this.#deliver(payload as { mailId: string }, run));
  }

  /** Queues a mail inside `tx`; it leaves only if the transaction commits. Call `flush` after commit. */
  async send(tx: Tx, to: string, locale: Locale, template: MailTemplate, headers?: Record<string, string>): Promise<void> {
    await this.sendMany(tx, [{ to, locale, template, ...(headers ? { headers } : {}) }]);
  }

  /** Queues many mails with one statement each for the outbox and the delivery jobs (bulk invitations). */
  async sendMany(tx: Tx, mails: OutgoingMail[]): Promise<void> {
    if (mails.length === 0) return;
    const rows = await tx
      .insertInto("mail_outbox")
      .values(
        mails.map(({ to, locale, template, headers }) => {
          const rendered = renderMail(template, locale);
          return {
            to_address: to,
            locale,
            kind: template.kind,
            subject: rendered.subject,
            text_body: rendered.text,
            html_body: rendered.html,
            headers: JSON.stringify(headers ?? {}),
            status: this.#transport ? ("queued" as const) : ("kept" as const),
          };
        }),
      )
      .returning("id")
      .execute();
    if (this.#transport)
      await this.#jobs.enqueueMany(
        tx,
        "mail.deliver",
        rows.map((row) => ({ mailId: row.id })),
        { maxAttempts: 6 },
      );
  }

  /** Starts delivery of what was just committed, instead of waiting for the next poll. */
  flush(): void {
    if (this.#transport) this.#jobs.kick();
  }

  async #deliver({ mailId }: { mailId: string }, run: JobRun): Promise<void> {
    if (!this.#transport) return;
    const mail = await this.#database.db.selectFrom("mail_outbox").selectAll().where("id", "=", mailId).executeTakeFirst();
    if (!mail || mail.status === "sent") return;
    try {
      await this.#transport.sendMail({
        from: this.#from,
        to: mail.to_address,
        subject: mail.subject,
        text: mail.text_body,
        html: mail.html_body,
        headers: mail.headers,
      });
    } catch (error) {
      await this.#database.db
        .updateTable("mail_outbox")
        .set((eb) => ({
          attempts: eb("attempts", "+", 1),
          last_error: error instanceof Error ? error.message : String(error),
          // After the last attempt the operator sees it as failed in the outbox.
          status: run.final ? "failed" : "queued",
        }))
        .where("id", "=", mailId)
        .execute();
      throw error;
    }
    await this.#database.db
      .updateTable("mail_outbox")
      .set((eb) => ({ status: "sent", sent_at: new Date(), attempts: eb("attempts", "+", 1), last_error: null }))
      .where("id", "=", mailId)
      .execute();
  }

  close(): void {
    this.#transport?.close();
  }
}
