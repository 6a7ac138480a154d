// Reports and moderator actions. A report is about something the reporter can see: a post or a
// comment in a room they see, a message of a conversation they are in, or a fellow member. The
// report keeps a copy of what was reported (and, for a message, the messages around it) so the
// moderator judges what the reporter saw even if it is edited or deleted later. Resolving a
// report acts on the thing (hide, delete, or nothing) and closes every open report about it.
import { sql } from "kysely";
import type { Report } from "../../shared/contract/moderation.ts";
import { moderationLimits } from "../../shared/contract/moderation.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import { messageWithContext, removeMessageAsModerator } from "../messages/messages.service.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { deleteComment, deletePost, roomChanged } from "../posts/posts.service.ts";
import { visibleRooms } from "../feed/feed.presenter.ts";
import { plainText } from "../platform/search/index.ts";
import { emptyContext, presentReport, type ReportContext } from "./moderation.presenter.ts";
import { reportsWithPeople } from "./moderation.repository.ts";
import { isActiveAdmin } from "../membership/active-admins.ts";

type TargetKind = Report["targetKind"];

interface Target {
  subjectId: string | null;
  context: ReportContext;
}

const textOf = (body: string) => plainText(body).slice(0, 2000);

/** The reported thing as the reporter sees it, or 404. */
async function reportTarget(actor: MemberActor, kind: TargetKind, targetId: string): Promise<Target> {
  if (kind === "member") {
    const member = await actor.tx
      .selectFrom("memberships")
      .select(["id"])
      .where("network_id", "=", actor.networkId)
      .where("id", "=", targetId)
      .where("status", "=", "active")
      .executeTakeFirst();
    if (!member) throw notFound();
    if (member.id === actor.membershipId) throw validationFailed({ targetId: "report_self" });
    return { subjectId: member.id, context: emptyContext };
  }
  if (kind === "message") {
    const found = await messageWithContext(actor.tx, actor.networkId, targetId);
    if (!found || found.message.deleted) throw notFound();
    const inConversation = await actor.tx
      .selectFrom("conversation_members")
      .select("member_id")
      .where("network_id", "=", actor.networkId)
      .where("conversation_id", "=", found.message.conversationId)
      .where("member_id", "=", actor.membershipId)
      .where("left_at", "is", null)
      .executeTakeFirst();
    if (!inConversation) throw notFound();
    const around = [...found.before, found.message, ...found.after].map((m) => ({
      id: m.id,
      authorName: m.authorName,
      text: m.deleted ? "" : textOf(m.body),
      createdAt: m.createdAt,
      reported: m.id === found.message.id,
    }));
    return {
      subjectId: found.message.authorId,
      context: {
        ...emptyContext,
        text: textOf(found.message.body),
        conversationId: found.message.conversationId,
        around,
        createdAt: found.message.createdAt,
      },
    };
  }
  const rooms = await visibleRooms(actor);
  const row =
    kind === "post"
      ? await actor.tx
          .selectFrom("posts as p")
          .select(["p.id as post_id", "p.room_id", "p.author_id", "p.body", "p.created_at", "p.deleted_at", "p.hidden_at"])
          .where("p.network_id", "=", actor.networkId)
          .where("p.id", "=", targetId)
          .executeTakeFirst()
      : await actor.tx
          .selectFrom("comments as c")
          .innerJoin("posts as p", (j) => j.onRef("p.network_id", "=", "c.network_id").onRef("p.id", "=", "c.post_id"))
          .select(["c.post_id", "p.room_id", "c.author_id", "c.body", "c.created_at", "c.deleted_at", "c.hidden_at"])
          .where("c.network_id", "=", actor.networkId)
          .where("c.id", "=", targetId)
          .where("p.hidden_at", "is", null)
          .executeTakeFirst();
  const room = row ? rooms.get(row.room_id) : undefined;
  if (!row || !room || row.deleted_at !== null || row.hidden_at !== null) throw notFound();
  return {
    subjectId: row.author_id,
    context: {
      ...emptyContext,
      text: textOf(row.body),
      roomId: room.room.id,
      roomName: room.room.name,
      postId: row.post_id,
      createdAt: row.created_at.toISOString(),
    },
  };
}

export async function createReport(
  deps: Deps,
  actor: MemberActor,
  input: { targetKind: TargetKind; targetId: string; reason: Report["reason"]; note: string },
): Promise<{ id: string }> {
  const target = await reportTarget(actor, input.targetKind, input.targetId);
  const inserted = await actor.tx
    .insertInto("reports")
    .values({
      network_id: actor.networkId,
      reporter_id: actor.membershipId,
      target_kind: input.targetKind,
      target_id: input.targetId,
      subject_id: target.subjectId,
      reason: input.reason,
      note: input.note,
      context: JSON.stringify(target.context),
    })
    .onConflict((oc) =>
      oc
        .columns(["network_id", "reporter_id", "target_kind", "target_id"])
        .where(sql<boolean>`status = 'open'`)
        .doNothing(),
    )
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    const existing = await actor.tx
      .selectFrom("reports")
      .select("id")
      .where("network_id", "=", actor.networkId)
      .where("reporter_id", "=", actor.membershipId)
      .where("target_kind", "=", input.targetKind)
      .where("target_id", "=", input.targetId)
      .where("status", "=", "open")
      .executeTakeFirstOrThrow();
    return { id: existing.id };
  }
  // The admins' queue badge updates live.
  const admins = await actor.tx
    .selectFrom("memberships")
    .select("account_id")
    .where("network_id", "=", actor.networkId)
    .where(isActiveAdmin())
    .execute();
  await deps.bus.publish(
    actor.tx,
    admins.map((a) => ({
      accountId: a.account_id,
      networkId: actor.networkId,
      kind: "report.created",
      payload: { reportId: inserted.id },
    })),
    (task) => actor.afterCommit(task),
  );
  return { id: inserted.id };
}

export async function listReports(actor: MemberActor, query: { status: Report["status"]; cursor?: string | undefined }) {
  const after = decodeCursor(query.cursor);
  const limit = moderationLimits.page;
  let q = reportsWithPeople(actor.tx, actor.networkId)
    .where("r.status", "=", query.status)
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(r.created_at, r.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), limit, (r) => ({ key: r.sort_key, id: r.id }));
  const { n } = await actor.tx
    .selectFrom("reports")
    .select(sql<number>`count(*)::int`.as("n"))
    .where("network_id", "=", actor.networkId)
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return { items: rows.map(presentReport), nextCursor, openCount: Number(n) };
}

export async function resolveReport(
  deps: Deps,
  actor: MemberActor,
  reportId: string,
  input: { action: "hide" | "delete" | "none"; reason: string },
): Promise<Report> {
  const report = await actor.tx
    .selectFrom("reports")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where("id", "=", reportId)
    .forUpdate()
    .executeTakeFirst();
  if (!report) throw notFound();
  if (report.status !== "open") throw conflict({ reportId: "report_closed" });
  if (input.action !== "none" && report.target_kind === "member") throw validationFailed({ action: "member_report_action" });
  if (input.action === "hide" && report.target_kind === "message") throw validationFailed({ action: "message_hide" });

  if (input.action !== "none") await moderate(deps, actor, report.target_kind, report.target_id, input.action, input.reason);

  const status = input.action === "none" ? "dismissed" : "resolved";
  const resolution = input.action === "none" ? "none" : input.action === "hide" ? "hidden" : "deleted";
  await actor.tx
    .updateTable("reports")
    .set({ status, resolution, resolution_note: input.reason, resolved_by: actor.account.id, resolved_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("target_kind", "=", report.target_kind)
    .where("target_id", "=", report.target_id)
    .where("status", "=", "open")
    .execute();
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    input.action === "none" ? "report.dismissed" : "report.resolved",
    { id: report.target_id, name: report.target_kind },
    { reportId, targetKind: report.target_kind, resolution, reason: input.reason },
  );
  const row = await reportsWithPeople(actor.tx, actor.networkId).where("r.id", "=", reportId).executeTakeFirstOrThrow();
  return presentReport(row);
}

/** Hides or deletes a post, comment or message as a moderator, keeping the reason for its author. */
async function moderate(deps: Deps, actor: MemberActor, kind: TargetKind, targetId: string, action: "hide" | "delete", reason: string) {
  if (kind === "message") {
    if (await removeMessageAsModerator(deps, actor, targetId, reason))
      await recordAudit(actor.tx, actor.networkId, auditActor(actor), "message.deleted", { id: targetId }, { reason });
    return;
  }
  if (action === "hide") {
    await setHidden(deps, actor, kind === "post" ? "posts" : "comments", targetId, true, reason);
    return;
  }
  // Deleting as an admin keeps the reason for the author (posts.service).
  if (kind === "post") await deletePost(deps, actor, targetId, { reason });
  else await deleteComment(deps, actor, targetId, { reason });
}

async function setHidden(
  deps: Deps,
  actor: MemberActor,
  table: "posts" | "comments",
  id: string,
  hidden: boolean,
  reason: string,
): Promise<boolean> {
  const changed = await actor.tx
    .updateTable(table)
    .set({ hidden_at: hidden ? new Date() : null, moderation_reason: hidden ? reason : null, updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .where("hidden_at", hidden ? "is" : "is not", null)
    .returning("id")
    .executeTakeFirst();
  // A hidden post leaves its room's timeline and the feed for everyone but its author and the admins (posts/page-copies.ts).
  if (changed && table === "posts") {
    const post = await actor.tx
      .selectFrom("posts")
      .select("room_id")
      .where("network_id", "=", actor.networkId)
      .where("id", "=", id)
      .executeTakeFirst();
    if (post) roomChanged(deps, actor, post.room_id);
  }
  return changed !== undefined;
}

/** Admins hide (or show again) a post or comment directly. Hiding twice changes nothing. */
export async function setTargetHidden(
  deps: Deps,
  actor: MemberActor,
  kind: "post" | "comment",
  id: string,
  input: { hidden: boolean; reason: string },
) {
  const table = kind === "post" ? "posts" : "comments";
  const exists = await actor.tx
    .selectFrom(table)
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", id)
    .executeTakeFirst();
  if (!exists) throw notFound();
  if (await setHidden(deps, actor, table, id, input.hidden, input.reason))
    await recordAudit(
      actor.tx,
      actor.networkId,
      auditActor(actor),
      `${kind}.${input.hidden ? "hidden" : "unhidden"}`,
      { id },
      { reason: input.reason },
    );
}
