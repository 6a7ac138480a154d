// Invitations by email: one at a time here, many at once from a CSV import (member-import/). An
// invitation is a row per address and network — which is what makes re-sending, re-importing and
// retries invite nobody twice. Its link carries a secret whose hash alone is stored.
import { sql } from "kysely";
import type { Invitation, RegistrationStats } from "../../shared/contract/membership.ts";
import { limits, type Locale, type MemberRole } from "../../shared/limits.ts";
import { hashSecret, newSecret } from "../platform/auth/tokens.ts";
import type { InvitationRow, NetworkRow } from "../platform/db/schema.ts";
import { isUniqueViolation } from "../platform/db/errors.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import type { OutgoingMail } from "../platform/mail/mailer.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { findNetwork } from "../networks/networks.repository.ts";
import { recordAudit } from "./audit-log.ts";
import { invitationState, presentInvitation, type InvitationState } from "./membership.presenter.ts";

export const invitationLifetimeMs = limits.invitationDays * 86_400_000;

export const invitationUrl = (publicUrl: string, slug: string, secret: string) => `${publicUrl}/join/${slug}#token=${secret}`;

/** A fresh secret for a link, and what is stored of it. */
export function newInvitationSecret(): { secret: string; tokenHash: string; expiresAt: Date } {
  const secret = newSecret();
  return { secret, tokenHash: hashSecret(secret), expiresAt: new Date(Date.now() + invitationLifetimeMs) };
}

const expiryFormats: Record<Locale, Intl.DateTimeFormat> = {
  ja: new Intl.DateTimeFormat("ja-JP", { dateStyle: "long", timeZone: "Asia/Tokyo" }),
  en: new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Asia/Tokyo" }),
};

export function invitationMail(
  deps: Deps,
  network: Pick<NetworkRow, "name" | "slug">,
  inviterName: string | null,
  invitation: { email: string; name: string; note: string; locale: Locale; expiresAt: Date },
  secret: string,
): OutgoingMail {
  return {
    to: invitation.email,
    locale: invitation.locale,
    template: {
      kind: "invitation",
      name: invitation.name,
      networkName: network.name,
      inviterName,
      note: invitation.note,
      url: invitationUrl(deps.config.publicUrl, network.slug, secret),
      expiresOn: expiryFormats[invitation.locale].format(invitation.expiresAt),
    },
  };
}

/** Whether an address is in the network already, and how: decides who may be invited. */
export async function membershipStatusByEmail(tx: Tx, networkId: string, emails: string[]): Promise<Map<string, string>> {
  if (emails.length === 0) return new Map();
  const rows = await tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([sql<string>`lower(a.email)`.as("email"), "m.status"])
    .where("m.network_id", "=", networkId)
    .where(sql<boolean>`lower(a.email) = any(${emails}::text[])`)
    .execute();
  return new Map(rows.map((r) => [r.email, r.status]));
}

const withInviter = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("invitations as i")
    .leftJoin("accounts as inviter", "inviter.id", "i.invited_by")
    .selectAll("i")
    .select("inviter.display_name as invited_by_name")
    .where("i.network_id", "=", networkId);

async function getInvitation(tx: Tx, networkId: string, invitationId: string): Promise<Invitation> {
  const row = await withInviter(tx, networkId).where("i.id", "=", invitationId).executeTakeFirst();
  if (!row) throw notFound();
  return presentInvitation(row);
}

export async function listInvitations(
  actor: MemberActor,
  query: {
    state?: InvitationState | undefined;
    q?: string | undefined;
    importId?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
) {
  if (!canManageMembers(actor)) throw forbidden();
  const after = decodeCursor(query.cursor);
  let q = withInviter(actor.tx, actor.networkId)
    .select(sql<string>`i.created_at::text`.as("sort_key"))
    .orderBy("i.created_at", "desc")
    .orderBy("i.id", "desc")
    .limit(query.limit + 1);
  if (query.state === "pending") q = q.where("i.status", "=", "pending").where("i.expires_at", ">", new Date());
  else if (query.state === "expired") q = q.where("i.status", "=", "pending").where("i.expires_at", "<=", new Date());
  else if (query.state) q = q.where("i.status", "=", query.state);
  if (query.importId) q = q.where("i.import_id", "=", query.importId);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("i.email", "ilike", like), eb("i.name", "ilike", like)]));
  }
  if (after) q = q.where(sql<boolean>`(i.created_at, i.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentInvitation), nextCursor };
}

export interface InvitationInput {
  email: string;
  name: string;
  role: MemberRole;
  note: string;
  locale: Locale;
}

export async function createInvitation(deps: Deps, actor: MemberActor, input: InvitationInput): Promise<Invitation> {
  if (!canManageMembers(actor)) throw forbidden();
  const status = (await membershipStatusByEmail(actor.tx, actor.networkId, [input.email])).get(input.email);
  if (status === "active") throw conflict({ email: "already_member" });
  if (status === "removed") throw conflict({ email: "previously_removed" });

  const network = await findNetwork(actor.tx, actor.networkId);
  if (!network) throw notFound();
  const { secret, tokenHash, expiresAt } = newInvitationSecret();
  const existing = await actor.tx
    .selectFrom("invitations")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where(sql<boolean>`lower(email) = ${input.email}`)
    .forUpdate()
    .executeTakeFirst();
  let row: InvitationRow;
  if (existing && invitationState(existing) === "pending") throw conflict({ email: "already_invited" });
  if (existing) {
    // Expired, revoked, or accepted by someone who has since left: invite again on the same row.
    row = await actor.tx
      .updateTable("invitations")
      .set({
        name: input.name,
        role: input.role,
        note: input.note,
        locale: input.locale,
        token_hash: tokenHash,
        status: "pending",
        invited_by: actor.account.id,
        import_id: null,
        send_count: sql<number>`send_count + 1`,
        sent_at: new Date(),
        opened_at: null,
        accepted_at: null,
        accepted_by: null,
        expires_at: expiresAt,
      })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  } else {
    row = await actor.tx
      .insertInto("invitations")
      .values({
        network_id: actor.networkId,
        email: input.email,
        name: input.name,
        role: input.role,
        note: input.note,
        locale: input.locale,
        token_hash: tokenHash,
        invited_by: actor.account.id,
        import_id: null,
        hr_join_year: null,
        hr_leave_year: null,
        hr_department: null,
        expires_at: expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // The same address invited twice at once: the unique index lets one through.
        if (isUniqueViolation(error, "invitations_email_key")) throw conflict({ email: "already_invited" });
        throw error;
      });
  }
  await deps.mailer.sendMany(actor.tx, [
    invitationMail(deps, network, actor.account.display_name, { ...input, expiresAt: row.expires_at }, secret),
  ]);
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "invitation.created",
    { id: row.id, name: row.email },
    { role: row.role },
  );
  actor.afterCommit(() => Promise.resolve(deps.mailer.flush()));
  return presentInvitation({ ...row, invited_by_name: actor.account.display_name });
}

export async function resendInvitation(deps: Deps, actor: MemberActor, invitationId: string): Promise<Invitation> {
  if (!canManageMembers(actor)) throw forbidden();
  const existing = await actor.tx
    .selectFrom("invitations")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where("id", "=", invitationId)
    .forUpdate()
    .executeTakeFirst();
  if (!existing) throw notFound();
  if (existing.status !== "pending") throw conflict({ invitation: "invitation_closed" });
  const network = await findNetwork(actor.tx, actor.networkId);
  if (!network) throw notFound();
  // A new secret: the old link stops working, so a forwarded or leaked mail is worth nothing.
  const { secret, tokenHash, expiresAt } = newInvitationSecret();
  await actor.tx
    .updateTable("invitations")
    .set({ token_hash: tokenHash, expires_at: expiresAt, sent_at: new Date(), send_count: sql<number>`send_count + 1` })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", invitationId)
    .execute();
  const inviterName = actor.account.display_name;
  await deps.mailer.sendMany(actor.tx, [invitationMail(deps, network, inviterName, { ...existing, expiresAt }, secret)]);
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "invitation.resent", { id: existing.id, name: existing.email });
  actor.afterCommit(() => Promise.resolve(deps.mailer.flush()));
  return getInvitation(actor.tx, actor.networkId, invitationId);
}

export async function revokeInvitation(actor: MemberActor, invitationId: string): Promise<Invitation> {
  if (!canManageMembers(actor)) throw forbidden();
  const updated = await actor.tx
    .updateTable("invitations")
    .set({ status: "revoked" })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", invitationId)
    .where("status", "=", "pending")
    .returning(["id", "email"])
    .executeTakeFirst();
  if (!updated) {
    await getInvitation(actor.tx, actor.networkId, invitationId); // 404 when it doesn't exist
    throw conflict({ invitation: "invitation_closed" });
  }
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "invitation.revoked", { id: updated.id, name: updated.email });
  return getInvitation(actor.tx, actor.networkId, invitationId);
}

/** Registered ÷ invited; revoked invitations count as never sent. */
export async function registrationStats(actor: MemberActor): Promise<RegistrationStats> {
  if (!canManageMembers(actor)) throw forbidden();
  const counts = actor.tx
    .selectFrom("invitations")
    .where("network_id", "=", actor.networkId)
    .where("status", "!=", "revoked")
    .select([sql<number>`count(*)::int`.as("invited"), sql<number>`(count(*) filter (where status = 'accepted'))::int`.as("registered")]);
  const overall = await counts.executeTakeFirstOrThrow();
  const perImport = await actor.tx
    .selectFrom("member_imports as mi")
    .leftJoin("invitations as i", (join) =>
      join.onRef("i.network_id", "=", "mi.network_id").onRef("i.import_id", "=", "mi.id").on("i.status", "!=", "revoked"),
    )
    .where("mi.network_id", "=", actor.networkId)
    .where("mi.status", "in", ["importing", "done"])
    .groupBy(["mi.id", "mi.filename", "mi.created_at"])
    .select([
      "mi.id",
      "mi.filename",
      "mi.created_at",
      sql<number>`count(i.id)::int`.as("invited"),
      sql<number>`(count(i.id) filter (where i.status = 'accepted'))::int`.as("registered"),
    ])
    .orderBy("mi.created_at", "desc")
    .limit(50)
    .execute();
  return {
    invited: overall.invited,
    registered: overall.registered,
    rate: ratio(overall.registered, overall.invited),
    imports: perImport.map((r) => ({
      id: r.id,
      filename: r.filename,
      createdAt: r.created_at.toISOString(),
      invited: r.invited,
      registered: r.registered,
      rate: ratio(r.registered, r.invited),
    })),
  };
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export const auditActor = (actor: MemberActor) => ({ accountId: actor.account.id, name: actor.account.display_name });
