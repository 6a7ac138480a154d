// Members as their admins manage them: the table with HR data and activity, removal with a reason,
// letting people back in — and a member leaving on their own. Each change goes to the audit log.
import { sql } from "kysely";
import type { ManagedMember } from "../../shared/contract/membership.ts";
import type { MemberRole, MemberStatus } from "../../shared/limits.ts";
import { AppError, conflict, forbidden, notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { recordAudit } from "./audit-log.ts";
import { auditActor } from "./invitations.service.ts";
import { presentManagedMember } from "./membership.presenter.ts";

const managed = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .selectAll("m")
    .select(["a.display_name", "a.email"])
    .where("m.network_id", "=", networkId);

async function getManagedMember(tx: Tx, networkId: string, memberId: string): Promise<ManagedMember> {
  const row = await managed(tx, networkId).where("m.id", "=", memberId).executeTakeFirst();
  if (!row) throw notFound();
  return presentManagedMember(row);
}

export interface ManagedMembersQuery {
  q?: string | undefined;
  role?: MemberRole | undefined;
  status?: MemberStatus | undefined;
  joinYear?: number | undefined;
  leaveYear?: number | undefined;
  cursor?: string | undefined;
  limit: number;
}

export async function listManagedMembers(actor: MemberActor, query: ManagedMembersQuery) {
  if (!canManageMembers(actor)) throw forbidden();
  const after = decodeCursor(query.cursor);
  let q = managed(actor.tx, actor.networkId)
    .select(sql<string>`m.created_at::text`.as("sort_key"))
    .orderBy("m.created_at", "desc")
    .orderBy("m.id", "desc")
    .limit(query.limit + 1);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb("a.display_name", "ilike", like), eb("a.email", "ilike", like), eb("m.hr_name", "ilike", like)]));
  }
  if (query.role) q = q.where("m.role", "=", query.role);
  if (query.status) q = q.where("m.status", "=", query.status);
  if (query.joinYear) q = q.where("m.hr_join_year", "=", query.joinYear);
  if (query.leaveYear) q = q.where("m.hr_leave_year", "=", query.leaveYear);
  if (after) q = q.where(sql<boolean>`(m.created_at, m.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentManagedMember), nextCursor };
}

/**
 * Locks the active admins (in id order, so two admins acting at once queue instead of deadlocking)
 * and refuses when `memberId` is the only one: a network keeps someone who can run it.
 */
export async function assertNotLastAdmin(tx: Tx, networkId: string, memberId: string): Promise<void> {
  const admins = await tx
    .selectFrom("memberships")
    .select("id")
    .where("network_id", "=", networkId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .orderBy("id")
    .forUpdate()
    .execute();
  if (admins.length > 0 && admins.every((a) => a.id === memberId)) throw conflict({ member: "last_admin_leave" });
}

export async function removeMember(actor: MemberActor, memberId: string, reason: string): Promise<ManagedMember> {
  if (!canManageMembers(actor)) throw forbidden();
  if (memberId === actor.membershipId) throw conflict({ member: "not_yourself" });
  await assertNotLastAdmin(actor.tx, actor.networkId, memberId);
  const member = await getManagedMember(actor.tx, actor.networkId, memberId);
  if (member.status === "removed") return member;
  await actor.tx
    .updateTable("memberships")
    .set({ status: "removed", removed_reason: reason, left_at: new Date(), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  // Their invitation link must not bring them back in.
  await actor.tx
    .updateTable("invitations")
    .set({ status: "revoked" })
    .where("network_id", "=", actor.networkId)
    .where("status", "=", "pending")
    .where(sql<boolean>`lower(email) = ${member.email.toLowerCase()}`)
    .execute();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "member.removed", { id: memberId, name: member.displayName }, { reason });
  return getManagedMember(actor.tx, actor.networkId, memberId);
}

export async function reactivateMember(actor: MemberActor, memberId: string): Promise<ManagedMember> {
  if (!canManageMembers(actor)) throw forbidden();
  const member = await getManagedMember(actor.tx, actor.networkId, memberId);
  if (member.status === "active") throw conflict({ member: "not_inactive" });
  await actor.tx
    .updateTable("memberships")
    .set({ status: "active", removed_reason: null, left_at: null, joined_at: member.joinedAt ?? new Date(), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "member.reactivated", { id: memberId, name: member.displayName });
  return getManagedMember(actor.tx, actor.networkId, memberId);
}

/** Appoints (or un-appoints) a supporter: an active alumni member. Appointing twice keeps the first date. */
export async function setMemberSupporter(actor: MemberActor, memberId: string, supporter: boolean): Promise<ManagedMember> {
  if (!canManageMembers(actor)) throw forbidden();
  const member = await getManagedMember(actor.tx, actor.networkId, memberId);
  if (supporter && (member.role !== "alumni" || member.status !== "active")) throw conflict({ member: "supporter_alumni_only" });
  if (supporter === (member.supporterSince !== null)) return member;
  await actor.tx
    .updateTable("memberships")
    .set({ supporter_since: supporter ? new Date() : null, updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), supporter ? "member.supporter_appointed" : "member.supporter_ended", {
    id: memberId,
    name: member.displayName,
  });
  return getManagedMember(actor.tx, actor.networkId, memberId);
}

/** A member leaves. What they posted stays, attributed to them, unless they delete their account. */
export async function leaveNetwork(actor: MemberActor): Promise<void> {
  if (actor.role === "admin") await assertNotLastAdmin(actor.tx, actor.networkId, actor.membershipId);
  await actor.tx
    .updateTable("memberships")
    .set({ status: "left", left_at: new Date(), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .execute();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), "member.left", {
    id: actor.membershipId,
    name: actor.account.display_name,
  });
}

/** Records that the member accepted the version of the terms they read. */
export async function acceptNetworkTerms(actor: MemberActor, termsVersion: number): Promise<void> {
  const network = await actor.tx.selectFrom("networks").select("terms_version").where("id", "=", actor.networkId).executeTakeFirst();
  if (!network) throw notFound();
  if (network.terms_version !== termsVersion) throw new AppError("terms_changed", 409);
  await actor.tx
    .updateTable("memberships")
    .set({ terms_version: termsVersion, terms_accepted_at: new Date(), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .execute();
}
