// Rows → API shapes for surveys. A preset survey (the automatic one after an event) is shown in the
// reader's language. Counts go only to those who manage the survey.
import type { Survey, SurveyCard, SurveyQuestion } from "../../shared/contract/surveys.ts";
import type { Locale } from "../../shared/limits.ts";
import type { SurveyQuestionRow } from "../platform/db/schema.ts";
import { questionLabel, satisfactionDescription, satisfactionTitle } from "./survey-presets.ts";
import { canAnswerSurvey, surveyStatus } from "./surveys.policy.ts";
import type { SurveyWithViewer } from "./surveys.repository.ts";

export interface CardContext {
  locale: Locale;
  now: Date;
  manage: boolean;
  counts?: { recipients: number; responses: number } | undefined;
}

/** The title and description as the reader sees them. */
export function surveyTexts(row: Pick<SurveyWithViewer, "preset" | "title" | "description" | "event_title">, locale: Locale) {
  if (row.preset === "event_satisfaction" && row.event_title !== null)
    return { title: satisfactionTitle(row.event_title, locale), description: satisfactionDescription[locale] };
  return { title: row.title, description: row.description };
}

export function presentSurveyCard(row: SurveyWithViewer, ctx: CardContext): SurveyCard {
  const status = surveyStatus(row, ctx.now);
  const recipient = { recipient: row.is_recipient, responded: row.responded === true };
  return {
    id: row.id,
    ...surveyTexts(row, ctx.locale),
    anonymous: row.anonymous,
    audience: {
      kind: row.audience,
      event: row.event_id && row.event_title !== null ? { id: row.event_id, title: row.event_title } : null,
      room: row.room_id && row.room_name !== null ? { id: row.room_id, name: row.room_name } : null,
    },
    automatic: row.preset === "event_satisfaction",
    status,
    sentAt: row.sent_at?.toISOString() ?? null,
    closesAt: row.closes_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    recipientCount: ctx.manage ? (ctx.counts?.recipients ?? 0) : null,
    responseCount: ctx.manage ? (ctx.counts?.responses ?? 0) : null,
    myResponse: row.is_recipient ? (row.responded ? "answered" : "pending") : null,
    can: { answer: canAnswerSurvey(recipient, { status }), manage: ctx.manage },
  };
}

export const presentQuestion = (row: SurveyQuestionRow, locale: Locale): SurveyQuestion => ({
  id: row.id,
  kind: row.kind,
  label: questionLabel(row, locale),
  options: row.options,
  required: row.required,
});

export const presentSurvey = (row: SurveyWithViewer, questions: SurveyQuestionRow[], ctx: CardContext): Survey => ({
  ...presentSurveyCard(row, ctx),
  questions: questions.map((q) => presentQuestion(q, ctx.locale)),
});
