// Checks a response against the survey's questions, all of it before anything is written: every
// problem is reported at once, under `answers.<questionId>`, and a response with one is not kept.
import type { AnswerValue, SurveyQuestionKind } from "../../shared/contract/surveys.ts";
import type { FieldMessage } from "../platform/i18n/messages.ts";

export interface QuestionToAnswer {
  id: string;
  kind: SurveyQuestionKind;
  options: string[];
  required: boolean;
}

/** One answered question as stored: the chosen options' indexes, a score, or a text. */
export interface CheckedAnswer {
  question_id: string;
  choices: number[] | null;
  score: number | null;
  text: string | null;
}

export type AnswerCheck = { ok: true; answers: CheckedAnswer[] } | { ok: false; fields: Record<string, FieldMessage> };

const isEmpty = (value: AnswerValue | undefined) =>
  value === undefined ||
  value === null ||
  (typeof value === "string" && value.trim() === "") ||
  (Array.isArray(value) && value.length === 0);

const scoreRange: Partial<Record<SurveyQuestionKind, { min: number; max: number; message: FieldMessage }>> = {
  rating: { min: 1, max: 5, message: "survey_rating_range" },
  nps: { min: 0, max: 10, message: "survey_nps_range" },
};

function checkOne(question: QuestionToAnswer, value: AnswerValue): CheckedAnswer | FieldMessage {
  const base = { question_id: question.id, choices: null, score: null, text: null };
  switch (question.kind) {
    case "single": {
      if (typeof value !== "string") return "survey_answer_type";
      const index = question.options.indexOf(value.trim());
      return index < 0 ? "survey_option_unknown" : { ...base, choices: [index] };
    }
    case "multiple": {
      if (!Array.isArray(value)) return "survey_answer_type";
      const indexes = value.map((v) => question.options.indexOf(v.trim()));
      if (indexes.some((i) => i < 0)) return "survey_option_unknown";
      if (new Set(indexes).size !== indexes.length) return "survey_option_duplicate";
      return { ...base, choices: indexes.sort((a, b) => a - b) };
    }
    case "rating":
    case "nps": {
      const range = scoreRange[question.kind];
      if (typeof value !== "number" || !range) return "survey_answer_type";
      if (!Number.isInteger(value) || value < range.min || value > range.max) return range.message;
      return { ...base, score: value };
    }
    case "text":
      return typeof value === "string" ? { ...base, text: value.trim() } : "survey_answer_type";
  }
}

export function checkAnswers(questions: readonly QuestionToAnswer[], given: Record<string, AnswerValue>): AnswerCheck {
  const fields: Record<string, FieldMessage> = {};
  const known = new Set(questions.map((q) => q.id));
  for (const key of Object.keys(given)) if (!known.has(key)) fields[`answers.${key}`] = "survey_question_unknown";
  const answers: CheckedAnswer[] = [];
  for (const question of questions) {
    const value = given[question.id];
    if (value === undefined || isEmpty(value)) {
      if (question.required) fields[`answers.${question.id}`] = "survey_answer_required";
      continue;
    }
    const checked = checkOne(question, value);
    if (typeof checked === "string") fields[`answers.${question.id}`] = checked;
    else answers.push(checked);
  }
  return Object.keys(fields).length > 0 ? { ok: false, fields } : { ok: true, answers };
}
