// Reads mails the app wrote to the outbox (mail_outbox), and the token of the link in them.
import type { Selectable } from "kysely";
import type { MailOutboxTable } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import type { TestApp } from "./test-app.ts";

export type OutboxRow = Selectable<MailOutboxTable>;

/** Every mail to one address, oldest first. */
export function mailsTo(t: TestApp, to: string, kind?: string): Promise<OutboxRow[]> {
  return inSystem(t.database, (tx) => {
    let q = tx.selectFrom("mail_outbox").selectAll().where("to_address", "=", to);
    if (kind) q = q.where("kind", "=", kind);
    return q.orderBy("created_at").orderBy("id").execute();
  });
}

/** The newest mail to one address (of one kind); fails when there is none. */
export async function lastMailTo(t: TestApp, to: string, kind?: string): Promise<OutboxRow> {
  const mails = await mailsTo(t, to, kind);
  const last = mails.at(-1);
  if (!last) throw new Error(`no ${kind ?? ""} mail to ${to} in the outbox`);
  return last;
}

/** The `token` parameter (in the query or the #fragment) of the first link in a mail's text body. */
export function linkToken(text: string): string {
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  const link = url ? new URL(url) : null;
  const token = link ? (link.searchParams.get("token") ?? new URLSearchParams(link.hash.slice(1)).get("token")) : null;
  if (!token) throw new Error(`no link with a token in:\n${text}`);
  return token;
}
