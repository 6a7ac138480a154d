// Mails, read the way an operator reads them without SMTP: in the outbox of the operator console.
// The server runs with SMTP_URL="" in the e2e tests, so every mail is kept there.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { eventually, pageHeading } from "./app.ts";
import { exactly, tJa } from "./i18n.ts";

export interface MailQuery {
  /** The recipient's address, as the outbox shows it. */
  to: string;
  /** The mail's kind (template), e.g. "set_password", "invitation". */
  kind: string;
  /** Text the row must also contain (e.g. the network name in the subject), when one address gets several. */
  subject?: string;
}

/**
 * Opens the newest mail matching `query` in the outbox (reloading until it arrives: some mails go
 * out from background jobs) and returns its plain text. `operator` is a page signed in as an operator.
 */
export async function readMail(operator: Page, query: MailQuery, timeoutMs = 20_000): Promise<string> {
  const openOutbox = async () => {
    await operator.goto("/operator/outbox");
    await pageHeading(operator, tJa("outbox.title")).waitFor();
  };
  await openOutbox();
  let row = operator.getByRole("row").filter({ hasText: query.to }).filter({ hasText: query.kind });
  if (query.subject) row = row.filter({ hasText: query.subject });
  await eventually(
    `the ${query.kind} mail to ${query.to} showing in the outbox`,
    async () => {
      if ((await row.count()) > 0) return true;
      await openOutbox();
      return false;
    },
    timeoutMs,
  );
  await row.first().getByRole("link").click();
  await operator.waitForURL((url) => /^\/operator\/outbox\/[0-9a-f-]{36}$/.test(url.pathname));
  // The list stays on screen until the mail's page has loaded: wait for the mail's own tabs.
  const textTab = operator.getByRole("tab", { name: exactly(tJa("outbox.text")) });
  await textTab.waitFor();
  await operator.getByRole("main").getByText(query.to, { exact: true }).first().waitFor();
  await textTab.click();
  return (await operator.getByRole("tabpanel").textContent()) ?? "";
}

/** The first link in a mail's text to `${baseUrl}${pathPrefix}…`, with its #fragment; fails when there is none. */
export function linkInMail(text: string, baseUrl: string, pathPrefix: string): string {
  const escaped = `${baseUrl}${pathPrefix}`.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const link = new RegExp(`${escaped}[\\w\\-./#=?&%~]*`).exec(text)?.[0];
  assert.ok(link, `the mail's text carries a link to ${baseUrl}${pathPrefix}…:\n${text}`);
  return link;
}
