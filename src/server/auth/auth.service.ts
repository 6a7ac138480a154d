// Signing in and out, password reset and email verification.
import type { Me } from "../../shared/contract/accounts.ts";
import { findAccountByEmail, findAccountById, listMyNetworks, updateAccount } from "../accounts/accounts.repository.ts";
import { presentMe } from "../accounts/accounts.presenter.ts";
import { hashPassword, verifyPassword } from "../platform/auth/passwords.ts";
import { createSession } from "../platform/auth/sessions.ts";
import type { Deps } from "../platform/deps.ts";
import { invalidCredentials } from "../platform/errors/errors.ts";
import type { AccountActor, RequestInfo, SessionCookies } from "../platform/http/context.ts";
import { inSystem } from "../platform/tenancy/scope.ts";
import type { AccountRow } from "../platform/db/schema.ts";
import { consumeToken, issueToken, tokenLifetimes } from "./account-tokens.ts";

export async function signIn(
  deps: Deps,
  input: { email: string; password: string },
  request: RequestInfo,
  cookies: SessionCookies,
): Promise<Me> {
  const account = await findAccountByEmail(deps.database.db, input.email);
  const ok = await verifyPassword(input.password, account?.password_hash ?? null);
  if (!account || !ok) throw invalidCredentials();
  return startSession(deps, account, request, cookies);
}

/** A new session (new id and tokens) for an account that has just proved who it is. */
export async function startSession(deps: Deps, account: AccountRow, request: RequestInfo, cookies: SessionCookies): Promise<Me> {
  const { token, csrfToken, session } = await createSession(deps.database, account.id, request);
  cookies.set(token, csrfToken, session.expires_at);
  const networks = await listMyNetworks(deps.database, account.id);
  return presentMe(account, session, networks);
}

export async function signOut(deps: Deps, actor: AccountActor, cookies: SessionCookies): Promise<void> {
  await deps.database.db.deleteFrom("sessions").where("id", "=", actor.session.id).execute();
  cookies.clear();
}

/** Answers the same whether or not the address is known, so it cannot be used to probe for accounts. */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  await inSystem(deps.database, async (tx) => {
    const account = await findAccountByEmail(tx, email);
    if (!account) return;
    const secret = await issueToken(tx, account.id, account.email, "reset_password", tokenLifetimes.reset_password);
    await deps.mailer.send(tx, account.email, account.locale, {
      kind: "reset_password",
      name: account.display_name,
      url: `${deps.config.publicUrl}/reset-password#token=${secret}`,
    });
  });
  deps.mailer.flush();
}

export async function confirmPasswordReset(
  deps: Deps,
  input: { token: string; password: string; displayName?: string | undefined },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await inSystem(deps.database, async (tx) => {
    const { accountId, email } = await consumeToken(tx, input.token, "reset_password");
    const account = await findAccountById(tx, accountId);
    // The mailbox that received the link is proven; a token for an old address proves nothing now.
    const verified =
      account && account.email.toLowerCase() === email.toLowerCase() ? { email_verified_at: account.email_verified_at ?? new Date() } : {};
    // A first admin's account was named after its address: the set-password page asks for the real name.
    const named = input.displayName ? { display_name: input.displayName } : {};
    await updateAccount(tx, accountId, { password_hash: passwordHash, ...verified, ...named });
    // Whoever knew the old password is signed out everywhere.
    await tx.deleteFrom("sessions").where("account_id", "=", accountId).execute();
  });
}

export async function verifyEmail(deps: Deps, token: string): Promise<void> {
  await inSystem(deps.database, async (tx) => {
    const { accountId, email } = await consumeToken(tx, token, "verify_email");
    const account = await findAccountById(tx, accountId);
    if (!account || account.email.toLowerCase() !== email.toLowerCase()) return;
    await updateAccount(tx, accountId, { email_verified_at: new Date() });
  });
}

export async function sendVerification(deps: Deps, account: AccountRow): Promise<void> {
  if (account.email_verified_at) return;
  await inSystem(deps.database, async (tx) => {
    const secret = await issueToken(tx, account.id, account.email, "verify_email", tokenLifetimes.verify_email);
    await deps.mailer.send(tx, account.email, account.locale, {
      kind: "verify_email",
      name: account.display_name,
      url: `${deps.config.publicUrl}/verify-email#token=${secret}`,
    });
  });
  deps.mailer.flush();
}
