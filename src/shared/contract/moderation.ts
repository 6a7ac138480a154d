// Moderation (モデレーション): members report (通報) a post, a comment, a direct message or a
// member to the admins; admins work through the reports queue and hide or delete the reported
// thing with a reason the author is shown, or dismiss the report. Admins can also hide a post or
// comment directly. Every moderator action goes to the audit log.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page } from "./common.ts";

export const moderationLimits = { noteMax: 1000, reasonMax: 500, page: 30 } as const;

export const reportTargetKinds = ["post", "comment", "message", "member"] as const;
export const reportReasons = ["spam", "harassment", "inappropriate", "privacy", "other"] as const;
export const reportStatuses = ["open", "resolved", "dismissed"] as const;
export const reportActions = ["hide", "delete", "none"] as const;

const networkParams = z.object({ networkId: id });

export const createReport = endpoint({
  id: "createReport",
  method: "POST",
  path: "/api/networks/:networkId/reports",
  summary:
    "Report a post, comment, direct message or member to the admins. The thing must be one the reporter can see. " +
    "Reporting the same thing again while the first report is open changes nothing.",
  tag: "moderation",
  access: "member",
  status: 201,
  params: networkParams,
  body: z.object({
    targetKind: z.enum(reportTargetKinds),
    targetId: id,
    reason: z.enum(reportReasons),
    note: z.string().trim().max(moderationLimits.noteMax).default(""),
  }),
  response: z.object({ id }),
});

export const reportContextSchema = z.object({
  /** The reported text as it was when reported (empty for a member). */
  text: z.string(),
  roomId: id.nullable(),
  roomName: z.string().nullable(),
  postId: id.nullable(),
  conversationId: id.nullable(),
  /** For a message: the messages around it, oldest first. */
  around: z.array(z.object({ id, authorName: z.string(), text: z.string(), createdAt: isoDateTime, reported: z.boolean() })),
  createdAt: isoDateTime.nullable(),
});

export const reportSchema = z.object({
  id,
  targetKind: z.enum(reportTargetKinds),
  targetId: id,
  reason: z.enum(reportReasons),
  note: z.string(),
  reporter: z.object({ memberId: id, displayName: z.string() }),
  subject: z.object({ memberId: id, displayName: z.string() }).nullable(),
  context: reportContextSchema,
  status: z.enum(reportStatuses),
  resolution: z.enum(["hidden", "deleted", "none"]).nullable(),
  resolutionNote: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: isoDateTime.nullable(),
  /** Open reports about the same thing (this one included). */
  sameTargetOpen: z.number().int(),
  createdAt: isoDateTime,
});
export type Report = z.infer<typeof reportSchema>;

export const listReports = endpoint({
  id: "listReports",
  method: "GET",
  path: "/api/networks/:networkId/reports",
  summary: "The reports queue (admins): by status, newest first, keyset pages",
  tag: "moderation",
  access: "network_admin",
  params: networkParams,
  query: z.object({ status: z.enum(reportStatuses).default("open"), cursor: z.string().max(200).optional() }),
  response: page(reportSchema).extend({ openCount: z.number().int() }),
});

export const resolveReport = endpoint({
  id: "resolveReport",
  method: "POST",
  path: "/api/networks/:networkId/reports/:reportId/resolve",
  summary:
    "Act on a report (admins): hide or delete the reported post, comment or message with a reason shown to its author, " +
    "or take no action (dismiss). Every open report about the same thing is closed with it.",
  tag: "moderation",
  access: "network_admin",
  params: z.object({ networkId: id, reportId: id }),
  body: z.object({ action: z.enum(reportActions), reason: z.string().trim().max(moderationLimits.reasonMax).default("") }),
  response: reportSchema,
});

const moderation = z.object({ hidden: z.boolean(), reason: z.string().trim().max(moderationLimits.reasonMax).default("") });

export const setPostHidden = endpoint({
  id: "setPostHidden",
  method: "PUT",
  path: "/api/networks/:networkId/posts/:postId/hidden",
  summary: "Hide a post from everyone but its author and the admins, with a reason shown to the author; or show it again (admins)",
  tag: "moderation",
  access: "network_admin",
  params: z.object({ networkId: id, postId: id }),
  body: moderation,
});

export const setCommentHidden = endpoint({
  id: "setCommentHidden",
  method: "PUT",
  path: "/api/networks/:networkId/comments/:commentId/hidden",
  summary: "Hide a comment from everyone but its author and the admins, with a reason shown to the author; or show it again (admins)",
  tag: "moderation",
  access: "network_admin",
  params: z.object({ networkId: id, commentId: id }),
  body: moderation,
});
