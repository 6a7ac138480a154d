// Rows → API shapes for invitations, join requests and managed members.
import type { Invitation, JoinRequest, ManagedMember, ManagedProfile, PublicNetwork } from "../../shared/contract/membership.ts";
import type { InvitationRow, NetworkRow } from "../platform/db/schema.ts";
import { logoUrl } from "../networks/networks.presenter.ts";
import { visibleTo } from "../people/visibility.ts";
import { adminLevel, type ManagedMemberRow } from "./managed-members.repository.ts";

export type InvitationState = Invitation["state"];

export function invitationState(row: Pick<InvitationRow, "status" | "expires_at">, now = Date.now()): InvitationState {
  if (row.status === "pending" && row.expires_at.getTime() <= now) return "expired";
  return row.status;
}

export function presentInvitation(row: InvitationRow & { invited_by_name: string | null }): Invitation {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    note: row.note,
    locale: row.locale,
    state: invitationState(row),
    sendCount: row.send_count,
    sentAt: row.sent_at.toISOString(),
    openedAt: row.opened_at?.toISOString() ?? null,
    expiresAt: row.expires_at.toISOString(),
    acceptedAt: row.accepted_at?.toISOString() ?? null,
    importId: row.import_id,
    invitedByName: row.invited_by_name,
    createdAt: row.created_at.toISOString(),
  };
}

export function presentPublicNetwork(n: NetworkRow): PublicNetwork {
  return {
    id: n.id,
    slug: n.slug,
    name: n.name,
    logoUrl: logoUrl(n.logo_key),
    purpose: n.purpose,
    eligibility: n.eligibility,
    codeOfConduct: n.code_of_conduct,
    termsVersion: n.terms_version,
    joinRequestsOpen: n.join_requests_open,
  };
}

/** A member as their admins see them: viewer level 3, so only the fields the member keeps to themself are left out. */
export function presentManagedMember(m: ManagedMemberRow): ManagedMember {
  return {
    id: m.id,
    accountId: m.account_id,
    displayName: m.display_name,
    nameReading: m.name_reading ?? "",
    email: m.email,
    role: m.role,
    status: m.status,
    joinedAt: m.joined_at?.toISOString() ?? null,
    leftAt: m.left_at?.toISOString() ?? null,
    lastActiveAt: m.last_active_at?.toISOString() ?? null,
    termsAcceptedAt: m.terms_accepted_at?.toISOString() ?? null,
    removedReason: m.removed_reason,
    supporterSince: m.supporter_since?.toISOString() ?? null,
    organizesEvents: m.organizes_events,
    hr: { name: m.hr_name, joinYear: m.hr_join_year, leaveYear: m.hr_leave_year, department: m.hr_department },
    profile: presentManagedProfile(m),
  };
}

function presentManagedProfile(m: ManagedMemberRow): ManagedProfile {
  const pv = m.profile_visibility ?? {};
  const mv = m.member_visibility ?? {};
  const see = (visibility: Record<string, string>, field: string) => visibleTo(visibility, field, adminLevel);
  // The import's values stand in for what the member did not state, under the member's visibility
  // of the field (with no profile at this company yet, every member sees them).
  const year = (own: number | null, imported: number | null) =>
    own !== null ? { value: own, source: "member" as const } : imported !== null ? { value: imported, source: "import" as const } : null;
  const own = m.departments ?? [];
  const departments =
    own.length > 0
      ? own.map((d) => ({ ...d, source: "member" as const }))
      : m.hr_department
        ? [{ department: m.hr_department, position: "", fromYear: m.hr_join_year, toYear: m.hr_leave_year, source: "import" as const }]
        : [];
  return {
    company: see(pv, "company") && m.company ? m.company : null,
    position: see(pv, "position") && m.position ? m.position : null,
    industry: see(pv, "industry") ? (m.industry ?? null) : null,
    location: see(pv, "location") ? (m.location ?? null) : null,
    joinYear: see(mv, "years") ? year(m.join_year ?? null, m.hr_join_year) : null,
    leaveYear: see(mv, "years") ? year(m.leave_year ?? null, m.hr_leave_year) : null,
    departments: see(mv, "departments") ? departments : [],
    employmentType: see(mv, "employmentType") ? (m.employment_type ?? null) : null,
    openTo: see(mv, "openTo") ? (m.open_to ?? []) : [],
  };
}

export function presentJoinRequest(r: {
  id: string;
  account_id: string;
  display_name: string;
  email: string;
  message: string;
  status: JoinRequest["status"];
  reply: string;
  created_at: Date;
  decided_at: Date | null;
  decided_by_name: string | null;
}): JoinRequest {
  return {
    id: r.id,
    accountId: r.account_id,
    displayName: r.display_name,
    email: r.email,
    message: r.message,
    status: r.status,
    reply: r.reply,
    createdAt: r.created_at.toISOString(),
    decidedAt: r.decided_at?.toISOString() ?? null,
    decidedByName: r.decided_by_name,
  };
}
