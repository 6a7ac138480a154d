// Single-use, expiring tokens mailed as links (email verification, password reset / first
// password). Stored hashed; consumed with one UPDATE so two clicks cannot both succeed.
import { hashSecret, newSecret } from "../platform/auth/tokens.ts";
import { invalidToken } from "../platform/errors/errors.ts";
import type { Tx } from "../platform/tenancy/scope.ts";

export type TokenPurpose = "verify_email" | "reset_password";

export const tokenLifetimes = {
  verify_email: 48 * 3600_000,
  reset_password: 3600_000,
  /** A new admin's first password: the same purpose as a reset, with a longer life. */
  first_password: 7 * 86_400_000,
} as const;

export async function issueToken(tx: Tx, accountId: string, email: string, purpose: TokenPurpose, lifetimeMs: number): Promise<string> {
  // Only the newest link of a kind works.
  await tx
    .deleteFrom("account_tokens")
    .where("account_id", "=", accountId)
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .execute();
  const secret = newSecret();
  await tx
    .insertInto("account_tokens")
    .values({ account_id: accountId, email, purpose, token_hash: hashSecret(secret), expires_at: new Date(Date.now() + lifetimeMs) })
    .execute();
  return secret;
}

export async function consumeToken(tx: Tx, secret: string, purpose: TokenPurpose): Promise<{ accountId: string; email: string }> {
  const row = await tx
    .updateTable("account_tokens")
    .set({ used_at: new Date() })
    .where("token_hash", "=", hashSecret(secret))
    .where("purpose", "=", purpose)
    .where("used_at", "is", null)
    .where("expires_at", ">", new Date())
    .returning(["account_id", "email"])
    .executeTakeFirst();
  if (!row) throw invalidToken();
  return { accountId: row.account_id, email: row.email };
}
