// Members as their admins manage them: the table with HR data, profile and activity, the HR data
// corrected, removal with a reason, letting people back in, supporters appointed — and a member
// leaving on their own. Each change goes to the audit log. The CSV export is members-export.ts.
import { sql } from "kysely";
import type { ManagedMember, ManagedMemberFilters } from "../../shared/contract/membership.ts";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { Deps } from "../platform/deps.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { recordAudit } from "./audit-log.ts";
import { auditActor } from "./invitations.service.ts";
import { rebuildMemberProfiles } from "../people/profile-index.ts";
import { after, applyManagedFilters, managedMembersQuery } from "./managed-members.repository.ts";
import { presentManagedMember } from "./membership.presenter.ts";
import { isActiveAdmin } from "./active-admins.ts";

export async function getManagedMember(tx: Tx, networkId: string, memberId: string): Promise<ManagedMember> {
  const row = await managedMembersQuery(tx, networkId).where("m.id", "=", memberId).executeTakeFirst();
  if (!row) throw notFound();
  return presentManagedMember(row);
}

export async function listManagedMembers(actor: MemberActor, query: ManagedMemberFilters & { cursor?: string | undefined; limit: number }) {
  if (!canManageMembers(actor)) throw forbidden();
  const q = after(applyManagedFilters(managedMembersQuery(actor.tx, actor.networkId), query), decodeCursor(query.cursor)).limit(
    query.limit + 1,
  );
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
    .where(isActiveAdmin())
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

/**
 * Appoints (or un-appoints) a supporter: an active alumni member, from `since` (a date, at midnight
 * in the admin's time zone; default now). Appointing again keeps the date unless another is given.
 */
export async function setMemberSupporter(
  deps: Deps,
  actor: MemberActor,
  memberId: string,
  input: { supporter: boolean; since?: string | undefined },
): Promise<ManagedMember> {
  if (!canManageMembers(actor)) throw forbidden();
  const member = await getManagedMember(actor.tx, actor.networkId, memberId);
  if (input.supporter && (member.role !== "alumni" || member.status !== "active")) throw conflict({ member: "supporter_alumni_only" });
  const timeZone = actor.account.time_zone;
  if (input.since !== undefined && input.since > todayIn(timeZone)) throw validationFailed({ since: "date_future" });
  const appointed = member.supporterSince !== null;
  const redated = input.supporter && appointed && input.since !== undefined && dateIn(member.supporterSince, timeZone) !== input.since;
  if (input.supporter === appointed && !redated) return member;
  const since = input.since !== undefined ? sql<Date>`(${input.since}::date)::timestamp at time zone ${timeZone}` : new Date();
  await actor.tx
    .updateTable("memberships")
    .set({
      supporter_since: input.supporter ? since : null,
      ...(input.supporter ? {} : { organizes_events: false }),
      updated_at: new Date(),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  // The supporter frame is on their posts in the pages kept in memory (posts/page-copies.ts).
  deps.bus.roomsChanged("all", (task) => actor.afterCommit(task));
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    input.supporter ? "member.supporter_appointed" : "member.supporter_ended",
    { id: memberId, name: member.displayName },
    input.supporter ? { since: input.since ?? todayIn(timeZone) } : {},
  );
  return getManagedMember(actor.tx, actor.networkId, memberId);
}

export interface MemberHrInput {
  hrName?: string | null | undefined;
  hrJoinYear?: number | null | undefined;
  hrLeaveYear?: number | null | undefined;
  hrDepartment?: string | null | undefined;
}

const hrColumns = { hrName: "hr_name", hrJoinYear: "hr_join_year", hrLeaveYear: "hr_leave_year", hrDepartment: "hr_department" } as const;

/**
 * Corrects the admins' own data on a member (what the CSV import brought, or nothing yet). Only the
 * fields sent change; the audit entry keeps each changed field before and after, and the member's
 * derived profile (directory, search, suggestions) is rebuilt in the same transaction.
 */
export async function updateMemberHr(actor: MemberActor, memberId: string, input: MemberHrInput): Promise<ManagedMember> {
  if (!canManageMembers(actor)) throw forbidden();
  const member = await getManagedMember(actor.tx, actor.networkId, memberId);
  const before = {
    hrName: member.hr.name,
    hrJoinYear: member.hr.joinYear,
    hrLeaveYear: member.hr.leaveYear,
    hrDepartment: member.hr.department,
  };
  const next = { ...before };
  for (const key of Object.keys(hrColumns) as (keyof typeof hrColumns)[]) {
    const value = input[key];
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  }
  if (next.hrJoinYear !== null && next.hrLeaveYear !== null && next.hrJoinYear > next.hrLeaveYear)
    throw validationFailed({ [input.hrLeaveYear !== undefined ? "hrLeaveYear" : "hrJoinYear"]: "years_order" });
  const changed = (Object.keys(hrColumns) as (keyof typeof hrColumns)[]).filter((key) => next[key] !== before[key]);
  if (changed.length === 0) return member;
  await actor.tx
    .updateTable("memberships")
    .set({ ...Object.fromEntries(changed.map((key) => [hrColumns[key], next[key]])), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "member.hr_updated",
    { id: memberId, name: member.displayName },
    {
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, next[key]])),
    },
  );
  await rebuildMemberProfiles(actor.tx, { networkId: actor.networkId, memberIds: [memberId] });
  return getManagedMember(actor.tx, actor.networkId, memberId);
}

/** Today's date (YYYY-MM-DD) where the admin is. */
function todayIn(timeZone: string): string {
  return dateIn(new Date().toISOString(), timeZone) ?? "";
}

function dateIn(iso: string | null, timeZone: string): string | null {
  if (iso === null) return null;
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
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
