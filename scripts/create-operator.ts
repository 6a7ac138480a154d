// npm run operator:create -- --email you@example.com --password '…' [--name 名前] [--locale ja|en]
// The terminal counterpart of the /setup page: whoever can run commands on the server owns it.
import { z } from "zod";
import { displayName, email, locale, password } from "../src/shared/contract/common.ts";
import { createOperator } from "../src/server/setup/setup.service.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import { exitWith, flags, openConfiguredDatabase } from "./cli.ts";

const input = z
  .object({ email, password, name: displayName.default("運営"), locale: locale.default("ja") })
  .safeParse(flags(process.argv.slice(2)));
if (!input.success) {
  const issue = input.error.issues[0];
  exitWith(
    `--${String(issue?.path[0] ?? "email")}: ${issue?.message ?? "invalid"} (usage: npm run operator:create -- --email you@example.com --password '…' [--name 名前])`,
  );
}
const { database } = await openConfiguredDatabase();
const account = await inSystem(database, (tx) =>
  createOperator(
    tx,
    { email: input.data.email, password: input.data.password, displayName: input.data.name, locale: input.data.locale },
    { verified: true },
  ),
);
await database.close();
console.log(`Operator ready: ${account.email}`);
