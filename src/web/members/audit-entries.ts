// How an audit-log entry reads: the action's label and colour, and its details as short sentences.
// Actions the web app does not know yet (a newer server) still show, under their raw name.
import { memberRoles } from "../../shared/limits.ts";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";

const actionLabels: Record<string, MessageKey> = {
  "invitation.created": "audit.action.invitationCreated",
  "invitation.resent": "audit.action.invitationResent",
  "invitation.revoked": "audit.action.invitationRevoked",
  "import.started": "audit.action.importStarted",
  "import.finished": "audit.action.importFinished",
  "member.joined": "audit.action.memberJoined",
  "member.left": "audit.action.memberLeft",
  "member.removed": "audit.action.memberRemoved",
  "member.reactivated": "audit.action.memberReactivated",
  "member.role_changed": "audit.action.memberRoleChanged",
  "join_request.approved": "audit.action.requestApproved",
  "join_request.declined": "audit.action.requestDeclined",
  "member.supporter_appointed": "audit.action.supporterAppointed",
  "member.supporter_ended": "audit.action.supporterEnded",
  "member.hr_updated": "audit.action.hrUpdated",
  "members.exported": "audit.action.membersExported",
  "room.created": "audit.action.roomCreated",
  "room.updated": "audit.action.roomUpdated",
  "room.archived": "audit.action.roomArchived",
  "room.unarchived": "audit.action.roomUnarchived",
  "room.reordered": "audit.action.roomReordered",
  "room.member_added": "audit.action.roomMemberAdded",
  "room.member_removed": "audit.action.roomMemberRemoved",
  "room_request.approved": "audit.action.roomRequestApproved",
  "room_request.declined": "audit.action.roomRequestDeclined",
  "post.deleted": "audit.action.postDeleted",
  "post.pinned": "audit.action.postPinned",
  "post.unpinned": "audit.action.postUnpinned",
  "comment.deleted": "audit.action.commentDeleted",
  "post.hidden": "audit.action.postHidden",
  "post.unhidden": "audit.action.postUnhidden",
  "comment.hidden": "audit.action.commentHidden",
  "comment.unhidden": "audit.action.commentUnhidden",
  "message.deleted": "audit.action.messageDeleted",
  "report.resolved": "audit.action.reportResolved",
  "report.dismissed": "audit.action.reportDismissed",
  "event.created": "audit.action.eventCreated",
  "event.updated": "audit.action.eventUpdated",
  "event.cancelled": "audit.action.eventCancelled",
  "event.cohost_invited": "audit.action.eventCohostInvited",
  "event.cohost_removed": "audit.action.eventCohostRemoved",
  "event.cohost_accepted": "audit.action.eventCohostAccepted",
  "event.cohost_declined": "audit.action.eventCohostDeclined",
  "member.event_organizer_set": "audit.action.eventOrganizerSet",
  "member.event_organizer_unset": "audit.action.eventOrganizerUnset",
  "survey.sent": "audit.action.surveySent",
  "survey.closed": "audit.action.surveyClosed",
};

export function auditActionLabel(t: Translate, action: string): string {
  const key = actionLabels[action];
  return key ? t(key) : action;
}

/** Red for what shut someone out, green for who came in, the brand colour for the rest. */
export function auditTone(action: string): string {
  if (action === "member.removed" || action === "invitation.revoked" || action === "join_request.declined") return "red";
  if (action === "member.joined" || action === "member.reactivated" || action === "join_request.approved") return "green";
  if (action === "member.left") return "gray";
  return "ai";
}

function roleName(t: Translate, value: unknown): string | null {
  return typeof value === "string" && (memberRoles as readonly string[]).includes(value)
    ? t(`role.${value as (typeof memberRoles)[number]}`)
    : null;
}

function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

const detailLabels: Record<string, MessageKey> = {
  reason: "audit.detail.reason",
  reply: "audit.detail.reply",
  filename: "audit.detail.filename",
  email: "audit.detail.email",
};

/** The HR fields an admin corrects (member.hr_updated records them before and after). */
const hrFieldLabels: Record<string, MessageKey> = {
  hrName: "audit.field.hrName",
  hrJoinYear: "audit.field.hrJoinYear",
  hrLeaveYear: "audit.field.hrLeaveYear",
  hrDepartment: "audit.field.hrDepartment",
};

const viaLabels: Record<string, MessageKey> = {
  invitation: "audit.detail.viaInvitation",
  join_request: "audit.detail.viaRequest",
};

/** The details the server recorded, as lines an admin reads; unknown keys are listed as they are. */
export function auditDetailLines(t: Translate, action: string, details: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const rest = { ...details };
  const take = (key: string): unknown => {
    const value = rest[key];
    delete rest[key];
    return value;
  };

  const from = roleName(t, rest.from);
  const to = roleName(t, rest.to);
  if (from && to) {
    take("from");
    take("to");
    lines.push(t("audit.detail.roleChange", { from, to }));
  }
  const role = roleName(t, rest.role);
  if (role) {
    take("role");
    lines.push(t("audit.detail.role", { role }));
  }
  const via = typeof rest.via === "string" ? viaLabels[rest.via] : undefined;
  if (via) {
    take("via");
    lines.push(t(via));
  }
  // A correction of HR data: each field with its value before and after.
  const before = rest.before;
  const after = rest.after;
  if (before && after && typeof before === "object" && typeof after === "object") {
    take("before");
    take("after");
    for (const [field, value] of Object.entries(after as Record<string, unknown>)) {
      const label = hrFieldLabels[field];
      lines.push(
        t("audit.detail.change", {
          field: label ? t(label) : field,
          from: text((before as Record<string, unknown>)[field]) ?? t("audit.detail.empty"),
          to: text(value) ?? t("audit.detail.empty"),
        }),
      );
    }
  }
  // An export records how many members its file holds (and how many were selected, when it was a selection).
  if (action === "members.exported") {
    if (typeof rest.rows === "number") lines.push(t("audit.detail.exportedRows", { count: take("rows") as number }));
    if (typeof rest.selected === "number") lines.push(t("audit.detail.selected", { count: take("selected") as number }));
  }
  if (typeof rest.since === "string") lines.push(t("audit.detail.since", { value: take("since") as string }));
  // An import records the rows it will invite when it starts, and the file's rows and the invited when it ends.
  if (typeof rest.rows === "number") {
    const rows = take("rows") as number;
    const invited = typeof rest.invited === "number" ? (take("invited") as number) : null;
    if (invited !== null) lines.push(t("audit.detail.importResult", { rows, invited }));
    else lines.push(t(action === "import.started" ? "audit.detail.toInvite" : "audit.detail.rows", { count: rows }));
  }
  if (typeof rest.invited === "number") lines.push(t("audit.detail.invited", { count: take("invited") as number }));

  for (const [key, value] of Object.entries(rest)) {
    const shown = text(value);
    if (shown === null) continue;
    const label = detailLabels[key];
    lines.push(label ? t(label, { value: shown }) : `${key}: ${shown}`);
  }
  return lines;
}
