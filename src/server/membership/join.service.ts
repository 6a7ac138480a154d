// Coming in: an invitation link (accepted by a signed-in account, or with a new account made from
// the invited address) and a network's public join page with its join requests. The person is not
// a member yet, so these run in the system scope — an explicit cross-network step, kept to the
// one network the link or page names.
import type { InvitationView, JoinPage } from "../../shared/contract/membership.ts";
import type { Locale, MemberRole } from "../../shared/limits.ts";
import { findAccountByEmail } from "../accounts/accounts.repository.ts";
import { sendVerification, startSession } from "../auth/auth.service.ts";
import { hashPassword } from "../platform/auth/passwords.ts";
import { hashSecret } from "../platform/auth/tokens.ts";
import type { AccountRow, InvitationRow, NetworkRow } from "../platform/db/schema.ts";
import { isUniqueViolation } from "../platform/db/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { AppError, conflict, invalidToken, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { AccountActor, RequestInfo, SessionCookies } from "../platform/http/context.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { newcomerJobKind } from "../feed/newcomers.job.ts";
import { rebuildMemberProfiles } from "../people/profile-index.ts";
import { recordAudit, type AuditActor } from "./audit-log.ts";
import { invitationState, presentPublicNetwork } from "./membership.presenter.ts";

type Joined = { networkId: string; slug: string };

const findNetworkBySlug = (tx: Tx, slug: string) => tx.selectFrom("networks").selectAll().where("slug", "=", slug).executeTakeFirst();

/** The invitation behind a link, checked against the network the page is for. */
async function findInvitation(
  tx: Tx,
  slug: string,
  token: string,
  lock: boolean,
): Promise<{ invitation: InvitationRow; network: NetworkRow }> {
  let q = tx.selectFrom("invitations").selectAll().where("token_hash", "=", hashSecret(token));
  if (lock) q = q.forUpdate();
  const invitation = await q.executeTakeFirst();
  if (!invitation) throw invalidToken();
  const network = await tx.selectFrom("networks").selectAll().where("id", "=", invitation.network_id).executeTakeFirstOrThrow();
  if (network.slug !== slug) throw new AppError("invitation_other_network", 409);
  return { invitation, network };
}

export async function viewInvitation(deps: Deps, auth: AccountActor | null, slug: string, token: string): Promise<InvitationView> {
  return inSystem(deps.database, async (tx) => {
    const { invitation, network } = await findInvitation(tx, slug, token, false);
    const state = invitationState(invitation);
    // "Opened" is what the admins' list shows: the first time the link was looked at.
    if (state === "pending" && !invitation.opened_at) {
      await tx
        .updateTable("invitations")
        .set({ opened_at: new Date() })
        .where("network_id", "=", invitation.network_id)
        .where("id", "=", invitation.id)
        .execute();
    }
    const inviter = invitation.invited_by
      ? await tx.selectFrom("accounts").select("display_name").where("id", "=", invitation.invited_by).executeTakeFirst()
      : undefined;
    const account = await findAccountByEmail(tx, invitation.email);
    const alreadyMember = auth ? (await membershipOf(tx, network.id, auth.account.id))?.status === "active" : false;
    return {
      network: presentPublicNetwork(network),
      state,
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      note: invitation.note,
      inviterName: inviter?.display_name ?? null,
      expiresAt: invitation.expires_at.toISOString(),
      accountExists: account !== undefined,
      alreadyMember,
    };
  });
}

/** Why a link can't be used now, as the error the join page explains. */
function assertUsable(invitation: InvitationRow, network: NetworkRow, termsVersion: number): void {
  const state = invitationState(invitation);
  if (state === "accepted") throw new AppError("invitation_used", 409);
  if (state === "revoked") throw new AppError("invitation_revoked", 410);
  if (state === "expired") throw new AppError("invitation_expired", 410);
  if (termsVersion !== network.terms_version) throw new AppError("terms_changed", 409);
}

const membershipOf = (tx: Tx, networkId: string, accountId: string) =>
  tx
    .selectFrom("memberships")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("account_id", "=", accountId)
    .forUpdate()
    .executeTakeFirst();

interface Admission {
  role: MemberRole;
  termsVersion: number;
  invitation?: InvitationRow;
  via: "invitation" | "join_request";
}

/**
 * Makes the account an active member: a new membership, or the old one back (someone who left).
 * Never a second row — (network, account) is unique.
 */
export async function admit(
  deps: Pick<Deps, "jobs">,
  tx: Tx,
  network: NetworkRow,
  account: Pick<AccountRow, "id" | "display_name">,
  admission: Admission,
  /** Who let them in; null when the person joined themself. */
  by: AuditActor | null,
) {
  const existing = await membershipOf(tx, network.id, account.id);
  // Already in (say, by an invitation while a request waited): keep the join date and role, and
  // write no second "joined" entry.
  if (existing?.status === "active") return;
  const now = new Date();
  const fromInvitation = admission.invitation
    ? {
        hr_name: admission.invitation.name || null,
        hr_join_year: admission.invitation.hr_join_year,
        hr_leave_year: admission.invitation.hr_leave_year,
        hr_department: admission.invitation.hr_department,
        invitation_id: admission.invitation.id,
      }
    : {};
  const values = {
    status: "active" as const,
    role: admission.role,
    joined_at: now,
    left_at: null,
    removed_reason: null,
    terms_version: admission.termsVersion,
    terms_accepted_at: now,
    last_active_at: now,
    updated_at: now,
    ...fromInvitation,
  };
  let membershipId: string;
  if (existing) {
    await tx.updateTable("memberships").set(values).where("network_id", "=", network.id).where("id", "=", existing.id).execute();
    membershipId = existing.id;
  } else {
    const row = await tx
      .insertInto("memberships")
      .values({ network_id: network.id, account_id: account.id, ...values })
      .returning("id")
      .executeTakeFirstOrThrow();
    membershipId = row.id;
  }
  // The directory and search know the newcomer at once (decision 0016).
  await rebuildMemberProfiles(tx, { networkId: network.id, memberIds: [membershipId] });
  await recordAudit(
    tx,
    network.id,
    by ?? { accountId: account.id, name: account.display_name },
    "member.joined",
    { id: membershipId, name: account.display_name },
    { via: admission.via, role: admission.role },
  );
  // The admins and supporters hear of the newcomer (to welcome them) once this has committed.
  await deps.jobs.enqueue(tx, newcomerJobKind, { networkId: network.id, memberId: membershipId });
}

async function acceptInside(
  deps: Pick<Deps, "jobs">,
  tx: Tx,
  slug: string,
  token: string,
  termsVersion: number,
  account: AccountRow,
): Promise<Joined> {
  const { invitation, network } = await findInvitation(tx, slug, token, true);
  assertUsable(invitation, network, termsVersion);
  const membership = await membershipOf(tx, network.id, account.id);
  if (membership?.status === "removed") throw conflict({ token: "previously_removed" });
  const isInvitee = account.email.toLowerCase() === invitation.email.toLowerCase();
  if (membership?.status === "active") {
    // Already in: nothing to do. Someone else's invitation stays open for that person.
    if (!isInvitee) return { networkId: network.id, slug: network.slug };
  } else {
    await admit(deps, tx, network, account, { role: invitation.role, termsVersion, invitation, via: "invitation" }, null);
  }
  await tx
    .updateTable("invitations")
    .set({ status: "accepted", accepted_at: new Date(), accepted_by: account.id })
    .where("network_id", "=", invitation.network_id)
    .where("id", "=", invitation.id)
    .execute();
  // The link reached this mailbox: that proves the address, if it is the account's.
  if (!account.email_verified_at && isInvitee) {
    await tx.updateTable("accounts").set({ email_verified_at: new Date() }).where("id", "=", account.id).execute();
  }
  return { networkId: network.id, slug: network.slug };
}

export async function acceptInvitation(
  deps: Deps,
  actor: AccountActor,
  slug: string,
  token: string,
  termsVersion: number,
): Promise<Joined> {
  return inSystem(deps.database, (tx) => acceptInside(deps, tx, slug, token, termsVersion, actor.account));
}

export async function signUpWithInvitation(
  deps: Deps,
  request: RequestInfo,
  cookies: SessionCookies,
  slug: string,
  input: { token: string; termsVersion: number; displayName: string; password: string; locale: Locale },
): Promise<Joined> {
  const passwordHash = await hashPassword(input.password);
  const { joined, account } = await inSystem(deps.database, async (tx) => {
    const { invitation, network } = await findInvitation(tx, slug, input.token, true);
    assertUsable(invitation, network, input.termsVersion);
    if (await findAccountByEmail(tx, invitation.email)) throw conflict({ email: "email_taken" });
    const account = await tx
      .insertInto("accounts")
      .values({
        email: invitation.email,
        email_verified_at: new Date(),
        password_hash: passwordHash,
        display_name: input.displayName,
        locale: input.locale,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if (isUniqueViolation(error, "accounts_email_key")) throw conflict({ email: "email_taken" });
        throw error;
      });
    return { joined: await acceptInside(deps, tx, slug, input.token, input.termsVersion, account), account };
  });
  await startSession(deps, account, request, cookies);
  return joined;
}

// --- the public join page and join requests ---

async function openNetwork(tx: Tx, slug: string): Promise<NetworkRow> {
  const network = await findNetworkBySlug(tx, slug);
  // A network that takes no requests has no public page: it looks like no network at all.
  if (!network || !network.join_requests_open) throw notFound();
  return network;
}

export async function getJoinPage(deps: Deps, auth: AccountActor | null, slug: string): Promise<JoinPage> {
  return inSystem(deps.database, async (tx) => {
    const network = await openNetwork(tx, slug);
    return { network: presentPublicNetwork(network), me: auth ? { status: await requesterStatus(tx, network.id, auth.account.id) } : null };
  });
}

async function requesterStatus(tx: Tx, networkId: string, accountId: string): Promise<NonNullable<JoinPage["me"]>["status"]> {
  const membership = await tx
    .selectFrom("memberships")
    .select("status")
    .where("network_id", "=", networkId)
    .where("account_id", "=", accountId)
    .executeTakeFirst();
  if (membership?.status === "active") return "member";
  const last = await tx
    .selectFrom("join_requests")
    .select("status")
    .where("network_id", "=", networkId)
    .where("account_id", "=", accountId)
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
  if (last?.status === "pending") return "request_pending";
  if (last?.status === "declined") return "request_declined";
  return "none";
}

export interface JoinRequestInput {
  message: string;
  termsVersion: number;
  account?: { displayName: string; email: string; password: string; locale: Locale } | undefined;
}

export async function createJoinRequest(
  deps: Deps,
  auth: AccountActor | null,
  request: RequestInfo,
  cookies: SessionCookies,
  slug: string,
  input: JoinRequestInput,
): Promise<{ status: "request_pending" }> {
  if (!auth && !input.account) throw validationFailed({ account: "account_required" });
  const passwordHash = !auth && input.account ? await hashPassword(input.account.password) : null;
  const newAccount = await inSystem(deps.database, async (tx) => {
    const network = await openNetwork(tx, slug);
    if (input.termsVersion !== network.terms_version) throw new AppError("terms_changed", 409);
    let account = auth?.account;
    let created: AccountRow | null = null;
    if (!account && input.account && passwordHash) {
      if (await findAccountByEmail(tx, input.account.email)) throw conflict({ "account.email": "email_taken" });
      created = await tx
        .insertInto("accounts")
        .values({
          email: input.account.email,
          password_hash: passwordHash,
          display_name: input.account.displayName,
          locale: input.account.locale,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
        .catch((error: unknown) => {
          if (isUniqueViolation(error, "accounts_email_key")) throw conflict({ "account.email": "email_taken" });
          throw error;
        });
      account = created;
    }
    if (!account) throw validationFailed({ account: "account_required" });
    const status = await requesterStatus(tx, network.id, account.id);
    if (status === "member") throw conflict({ request: "already_member" });
    if (status === "request_pending") throw conflict({ request: "request_pending" });
    await tx
      .insertInto("join_requests")
      .values({ network_id: network.id, account_id: account.id, message: input.message, terms_version: input.termsVersion })
      .execute()
      .catch((error: unknown) => {
        if (isUniqueViolation(error, "join_requests_pending_key")) throw conflict({ request: "request_pending" });
        throw error;
      });
    const admins = await tx
      .selectFrom("memberships as m")
      .innerJoin("accounts as a", "a.id", "m.account_id")
      .select(["a.email", "a.locale"])
      .where("m.network_id", "=", network.id)
      .where("m.role", "=", "admin")
      .where("m.status", "=", "active")
      .execute();
    await deps.mailer.sendMany(
      tx,
      admins.map((admin) => ({
        to: admin.email,
        locale: admin.locale,
        template: {
          kind: "join_request_received" as const,
          networkName: network.name,
          requesterName: account.display_name,
          message: input.message,
          url: `${deps.config.publicUrl}/n/${network.slug}/manage/requests`,
        },
      })),
    );
    return created;
  });
  deps.mailer.flush();
  if (newAccount) {
    await sendVerification(deps, newAccount);
    await startSession(deps, newAccount, request, cookies);
  }
  return { status: "request_pending" };
}
