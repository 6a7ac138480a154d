// Report rows → API shapes.
import type { Report } from "../../shared/contract/moderation.ts";
import type { ReportWithPeople } from "./moderation.repository.ts";

export interface ReportContext {
  text: string;
  roomId: string | null;
  roomName: string | null;
  postId: string | null;
  conversationId: string | null;
  around: { id: string; authorName: string; text: string; createdAt: string; reported: boolean }[];
  createdAt: string | null;
}

export const emptyContext: ReportContext = {
  text: "",
  roomId: null,
  roomName: null,
  postId: null,
  conversationId: null,
  around: [],
  createdAt: null,
};

export const presentReport = (row: ReportWithPeople): Report => ({
  id: row.id,
  targetKind: row.target_kind,
  targetId: row.target_id,
  reason: row.reason,
  note: row.note,
  reporter: { memberId: row.reporter_id, displayName: row.reporter_name },
  subject: row.subject_id && row.subject_name !== null ? { memberId: row.subject_id, displayName: row.subject_name } : null,
  context: { ...emptyContext, ...(row.context as Partial<ReportContext>) },
  status: row.status,
  resolution: row.resolution,
  resolutionNote: row.resolution_note,
  resolvedBy: row.resolved_by_name,
  resolvedAt: row.resolved_at?.toISOString() ?? null,
  sameTargetOpen: Number(row.same_target_open),
  createdAt: row.created_at.toISOString(),
});
