// The admins' record of who came in and who went: invitations, imports, joins, leaving, removals,
// role changes. Written in the same transaction as the change it records.
import { sql } from "kysely";
import type { AuditEntry } from "../../shared/contract/membership.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import type { Tx } from "../platform/tenancy/scope.ts";

export type AuditAction =
  | "invitation.created"
  | "invitation.resent"
  | "invitation.revoked"
  | "import.started"
  | "import.finished"
  | "member.joined"
  | "member.left"
  | "member.removed"
  | "member.reactivated"
  | "member.role_changed"
  | "member.supporter_appointed"
  | "member.supporter_ended"
  | "member.hr_updated"
  | "members.exported"
  | "join_request.approved"
  | "join_request.declined"
  | "room.created"
  | "room.updated"
  | "room.archived"
  | "room.unarchived"
  | "room.reordered"
  | "room.member_added"
  | "room.member_removed"
  | "room_request.approved"
  | "room_request.declined"
  | "post.deleted"
  | "post.pinned"
  | "post.unpinned"
  | "comment.deleted"
  | "post.hidden"
  | "post.unhidden"
  | "comment.hidden"
  | "comment.unhidden"
  | "message.deleted"
  | "report.resolved"
  | "report.dismissed"
  | "event.created"
  | "event.updated"
  | "event.cancelled"
  | "event.cohost_invited"
  | "event.cohost_removed"
  | "event.cohost_accepted"
  | "event.cohost_declined"
  | "member.event_organizer_set"
  | "member.event_organizer_unset"
  | "survey.sent"
  | "survey.closed";

export interface AuditActor {
  accountId: string | null;
  name: string;
}

export async function recordAudit(
  tx: Tx,
  networkId: string,
  actor: AuditActor,
  action: AuditAction,
  subject: { id?: string | null; name?: string },
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx
    .insertInto("audit_log")
    .values({
      network_id: networkId,
      actor_account_id: actor.accountId,
      actor_name: actor.name,
      action,
      subject_id: subject.id ?? null,
      subject_name: subject.name ?? "",
      details: JSON.stringify(details),
      // Not now(): that is the transaction's start, the same for every entry one change writes (an
      // approval and the join it causes), which would leave "newest first" to the random id. The
      // clock alone can tie too (PGlite's has milliseconds): an entry is always after the last one.
      created_at: sql<Date>`greatest(clock_timestamp(),
        (select max(created_at) + interval '1 microsecond' from audit_log where network_id = ${networkId}))`,
    })
    .execute();
}

export async function listAuditLog(tx: Tx, networkId: string, query: { cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(query.cursor);
  let q = tx
    .selectFrom("audit_log")
    .selectAll()
    .select(sql<string>`created_at::text`.as("sort_key"))
    .where("network_id", "=", networkId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(query.limit + 1);
  if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  const items: AuditEntry[] = rows.map((r) => ({
    id: r.id,
    actorName: r.actor_name,
    action: r.action,
    subjectName: r.subject_name,
    details: r.details,
    createdAt: r.created_at.toISOString(),
  }));
  return { items, nextCursor };
}
