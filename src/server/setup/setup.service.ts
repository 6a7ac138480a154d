// First run: until an operator exists, a one-time setup token (printed in the server log,
// stored hashed) lets the owner create the operator account from the browser.
import { timingSafeEqual } from "node:crypto";
import type { Me } from "../../shared/contract/accounts.ts";
import type { Locale } from "../../shared/limits.ts";
import { findAccountByEmail, insertAccount, updateAccount } from "../accounts/accounts.repository.ts";
import { sendVerification, startSession } from "../auth/auth.service.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { hashSecret, newSecret } from "../platform/auth/tokens.ts";
import type { Database } from "../platform/db/database.ts";
import type { AccountRow } from "../platform/db/schema.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound, validationFailed } from "../platform/errors/errors.ts";
import type { RequestInfo, SessionCookies } from "../platform/http/context.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";

const tokenKey = "setup_token_hash";

export async function operatorExists(tx: Tx): Promise<boolean> {
  const row = await tx.selectFrom("accounts").select("id").where("is_operator", "=", true).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Called at start: returns a fresh setup token while no operator exists, else null. */
export async function prepareSetupToken(database: Database): Promise<string | null> {
  return inSystem(database, async (tx) => {
    if (await operatorExists(tx)) {
      await tx.deleteFrom("platform_settings").where("key", "=", tokenKey).execute();
      return null;
    }
    const token = newSecret(18);
    await tx
      .insertInto("platform_settings")
      .values({ key: tokenKey, value: hashSecret(token) })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: hashSecret(token), updated_at: new Date() }))
      .execute();
    return token;
  });
}

export async function setupNeeded(deps: Deps): Promise<boolean> {
  return !(await operatorExists(deps.database.db));
}

export interface OperatorInput {
  email: string;
  password: string;
  displayName: string;
  locale: Locale;
}

export async function completeSetup(
  deps: Deps,
  input: OperatorInput & { setupToken: string },
  request: RequestInfo,
  cookies: SessionCookies,
): Promise<Me> {
  const account = await inSystem(deps.database, async (tx) => {
    // Serialise concurrent attempts: only the first can win.
    await tx.selectFrom("platform_settings").select("key").where("key", "=", tokenKey).forUpdate().execute();
    if (await operatorExists(tx)) throw notFound();
    const stored = await tx.selectFrom("platform_settings").select("value").where("key", "=", tokenKey).executeTakeFirst();
    if (!stored || !sameHash(stored.value, hashSecret(input.setupToken))) throw validationFailed({ setupToken: "setup_token" });
    const created = await createOperator(tx, input);
    await tx.deleteFrom("platform_settings").where("key", "=", tokenKey).execute();
    return created;
  });
  await sendVerification(deps, account);
  return startSession(deps, account, request, cookies);
}

/** Makes an operator: promotes an existing account with that email, or creates one. */
export async function createOperator(tx: Tx, input: OperatorInput, options: { verified?: boolean } = {}): Promise<AccountRow> {
  const passwordHash = await hashPassword(input.password);
  const existing = await findAccountByEmail(tx, input.email);
  const verified = options.verified ? { email_verified_at: new Date() } : {};
  if (existing) return updateAccount(tx, existing.id, { is_operator: true, password_hash: passwordHash, ...verified });
  return insertAccount(tx, {
    email: input.email,
    password_hash: passwordHash,
    display_name: input.displayName,
    locale: input.locale,
    is_operator: true,
    ...verified,
  });
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
