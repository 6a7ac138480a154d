// The signed-in person's own account: profile, password, sessions, export, deletion.
import type { z } from "zod";
import type { Me, SessionInfo } from "../../shared/contract/accounts.ts";
import type * as c from "../../shared/contract/accounts.ts";
import { hashPassword, verifyPassword } from "../platform/auth/passwords.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { AccountActor, SessionCookies } from "../platform/http/context.ts";
import { inAccount, inSystem } from "../platform/tenancy/scope.ts";
import { rebuildMemberProfiles } from "../people/profile-index.ts";
import { presentAccount, presentMe, presentMyNetwork, presentSession } from "./accounts.presenter.ts";
import { findAccountById, updateAccount } from "./accounts.repository.ts";

type Export = z.infer<NonNullable<(typeof c.exportAccount)["response"]>>;

/** Everything comes with the session (platform/auth/sessions.ts): no further query. */
export function getMe(actor: AccountActor): Me {
  return presentMe(actor.account, actor.session, actor.memberships.map(presentMyNetwork));
}

export async function updateMe(
  deps: Deps,
  actor: AccountActor,
  input: { displayName?: string | undefined; locale?: "ja" | "en" | undefined; timeZone?: string | undefined },
) {
  const account = await inAccount(deps.database, actor.account.id, async (tx) => {
    const updated = await updateAccount(tx, actor.account.id, {
      ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
      ...(input.timeZone !== undefined ? { time_zone: input.timeZone } : {}),
    });
    // The name is searchable in every network's directory (decision 0016).
    if (input.displayName !== undefined) await rebuildMemberProfiles(tx, { accountId: actor.account.id });
    return updated;
  });
  // The name is on their posts in the pages this process and the others keep in memory (posts/page-copies.ts).
  if (input.displayName !== undefined) deps.bus.roomsChanged("all", (task) => void task());
  return presentAccount(account);
}

export async function changePassword(
  deps: Deps,
  actor: AccountActor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (!(await verifyPassword(input.currentPassword, actor.account.password_hash)))
    throw validationFailed({ currentPassword: "wrong_password" });
  const passwordHash = await hashPassword(input.newPassword);
  await inAccount(deps.database, actor.account.id, async (tx) => {
    await updateAccount(tx, actor.account.id, { password_hash: passwordHash });
    await tx.deleteFrom("account_tokens").where("account_id", "=", actor.account.id).where("purpose", "=", "reset_password").execute();
    // Every other device signs in again with the new password.
    await tx.deleteFrom("sessions").where("account_id", "=", actor.account.id).where("id", "<>", actor.session.id).execute();
  });
}

export async function listSessions(deps: Deps, actor: AccountActor): Promise<SessionInfo[]> {
  const rows = await deps.database.db
    .selectFrom("sessions")
    .selectAll()
    .where("account_id", "=", actor.account.id)
    .where("expires_at", ">", new Date())
    .orderBy("last_seen_at", "desc")
    .execute();
  return rows.map((s) => presentSession(s, actor.session.id));
}

export async function revokeSession(deps: Deps, actor: AccountActor, sessionId: string, cookies: SessionCookies): Promise<void> {
  const deleted = await deps.database.db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("account_id", "=", actor.account.id)
    .executeTakeFirst();
  if (deleted.numDeletedRows === 0n) throw notFound();
  if (sessionId === actor.session.id) cookies.clear();
}

export async function exportAccount(deps: Deps, actor: AccountActor): Promise<Export> {
  const id = actor.account.id;
  const memberships = await inAccount(deps.database, id, (tx) =>
    tx
      .selectFrom("memberships as m")
      .innerJoin("networks as n", "n.id", "m.network_id")
      .where("m.account_id", "=", id)
      .select(["m.network_id", "n.name", "m.role", "m.status", "m.joined_at"])
      .orderBy("n.name")
      .execute(),
  );
  const account = (await findAccountById(deps.database.db, id)) ?? actor.account;
  return {
    exportedAt: new Date().toISOString(),
    account: presentAccount(account),
    memberships: memberships.map((m) => ({
      networkId: m.network_id,
      networkName: m.name,
      role: m.role,
      status: m.status,
      joinedAt: m.joined_at?.toISOString() ?? null,
    })),
    sessions: await listSessions(deps, actor),
  };
}

export async function deleteAccount(deps: Deps, actor: AccountActor, password: string, cookies: SessionCookies): Promise<void> {
  if (!(await verifyPassword(password, actor.account.password_hash))) throw validationFailed({ password: "wrong_password" });
  // Cross-network by nature: the person leaves every network at once.
  await inSystem(deps.database, async (tx) => {
    if (actor.account.is_operator) {
      // Locked, so two operators deleting themselves at once cannot both pass this check.
      const operators = await tx.selectFrom("accounts").select("id").where("is_operator", "=", true).orderBy("id").forUpdate().execute();
      if (operators.every((o) => o.id === actor.account.id)) throw conflict({ password: "last_operator" });
    }
    // Events have no foreign key (migration 0012): the account's go with it here.
    await tx.deleteFrom("events").where("account_id", "=", actor.account.id).execute();
    await tx.deleteFrom("accounts").where("id", "=", actor.account.id).execute();
  });
  cookies.clear();
}
