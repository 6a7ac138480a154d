// Who may do what with a survey: pure functions of the viewer (role, network, whether they
// organise the survey's event, whether they are a recipient) and the survey. Tested on their own.
import type { SurveyAudienceKind, SurveyStatus } from "../../shared/contract/surveys.ts";
import type { MemberRole } from "../../shared/limits.ts";

export interface SurveyViewer {
  role: MemberRole;
  /** The viewer's network sends the survey (not a co-host of its event). */
  sameNetwork: boolean;
  /** Listed in event_organizers for the survey's event. */
  organizesEvent: boolean;
}

export interface SurveyFacts {
  audience: SurveyAudienceKind;
  status: SurveyStatus;
}

export interface RecipientFacts {
  /** The survey was sent to the viewer. */
  recipient: boolean;
  responded: boolean;
}

/** Surveys to a room or to the whole network: the network's admins. */
export const canCreateNetworkSurveys = (viewer: Pick<SurveyViewer, "role">) => viewer.role === "admin";

/** A survey of an event: the host network's admins and the event's organisers. */
export const canCreateEventSurvey = (viewer: SurveyViewer) => viewer.sameNetwork && (viewer.role === "admin" || viewer.organizesEvent);

export function canCreateSurvey(viewer: SurveyViewer, audience: SurveyAudienceKind): boolean {
  return audience === "event" ? canCreateEventSurvey(viewer) : viewer.sameNetwork && canCreateNetworkSurveys(viewer);
}

/** Edit a draft, send, close, read the results and the CSV. Never a co-host network's admins. */
export function canManageSurvey(viewer: SurveyViewer, survey: Pick<SurveyFacts, "audience">): boolean {
  if (!viewer.sameNetwork) return false;
  return viewer.role === "admin" || (survey.audience === "event" && viewer.organizesEvent);
}

/** Who sees a survey at all: its recipients once it is sent, and those who manage it (drafts too). */
export function canSeeSurvey(viewer: SurveyViewer & RecipientFacts, survey: SurveyFacts): boolean {
  return canManageSurvey(viewer, survey) || (viewer.recipient && survey.status !== "draft");
}

/** Answer: a recipient, once, while it is open. */
export const canAnswerSurvey = (viewer: RecipientFacts, survey: Pick<SurveyFacts, "status">) =>
  viewer.recipient && !viewer.responded && survey.status === "open";

/** draft until sent; closed by hand or at its time. */
export function surveyStatus(row: { sent_at: Date | null; closes_at: Date | null; closed_at: Date | null }, now: Date): SurveyStatus {
  if (!row.sent_at) return "draft";
  if (row.closed_at || (row.closes_at && row.closes_at.getTime() <= now.getTime())) return "closed";
  return "open";
}
