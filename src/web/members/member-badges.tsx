// Coloured badges for the states shown across member management: a member's role and status, an
// invitation's state, a join request's status and an import's progress.
import { Badge } from "@mantine/core";
import type { Invitation, JoinRequest, MemberImport } from "../../shared/contract/membership.ts";
import type { MemberRole, MemberStatus } from "../../shared/limits.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

const badgeStyle = { flexShrink: 0, overflow: "visible" } as const;

/** アルムナイサポーター: an appointed alumni member who helps run the network. */
export function SupporterBadge() {
  const t = useT();
  return (
    <Badge variant="light" color="pink">
      {t("manageMembers.supporterBadge")}
    </Badge>
  );
}

export function RoleBadge({ role }: { role: MemberRole }) {
  const t = useT();
  return (
    <Badge color={role === "admin" ? "ai" : role === "employee" ? "green" : "gray"} style={badgeStyle}>
      {t(`role.${role}`)}
    </Badge>
  );
}

const memberStatusColors: Record<MemberStatus, string> = { active: "green", invited: "orange", left: "gray", removed: "red" };

export function MemberStatusBadge({ status }: { status: MemberStatus }) {
  const t = useT();
  return (
    <Badge color={memberStatusColors[status]} style={badgeStyle}>
      {t(`memberStatus.${status}`)}
    </Badge>
  );
}

const invitationColors: Record<Invitation["state"], string> = { pending: "orange", accepted: "green", revoked: "gray", expired: "red" };

export function InvitationStateBadge({ state }: { state: Invitation["state"] }) {
  const t = useT();
  return (
    <Badge color={invitationColors[state]} style={badgeStyle}>
      {t(`invitations.state.${state}`)}
    </Badge>
  );
}

const requestColors: Record<JoinRequest["status"], string> = { pending: "orange", approved: "green", declined: "gray" };

export function RequestStatusBadge({ status }: { status: JoinRequest["status"] }) {
  const t = useT();
  return (
    <Badge color={requestColors[status]} style={badgeStyle}>
      {t(`requests.status.${status}`)}
    </Badge>
  );
}

const importColors: Record<MemberImport["status"], string> = { uploaded: "orange", previewed: "orange", importing: "ai", done: "green" };

export function ImportStatusBadge({ status }: { status: MemberImport["status"] }) {
  const t = useT();
  return (
    <Badge color={importColors[status]} style={badgeStyle}>
      {t(`imports.status.${status}`)}
    </Badge>
  );
}
