// Surveys (アンケート): a builder (single and multiple choice, 1–5 rating, 0–10 NPS, free text),
// sent to an event's attendees, a room's members or the whole network; answered once by each
// recipient; results with distributions, top box, NPS and the free-text answers; CSV export.
// Decision 0018.
//
// An anonymous survey's answers carry nobody's name, in any response of this API and in the CSV.
// A co-host network's attendee answers an event's survey under their own network's path
// (`/api/networks/<their network>/surveys/<id>`); the survey belongs to the host network.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime } from "./common.ts";

export const surveyLimits = {
  titleMax: 120,
  descriptionMax: 2000,
  questionsMax: 30,
  labelMax: 200,
  optionsMin: 2,
  optionsMax: 20,
  optionMax: 100,
  textAnswerMax: 2000,
  /** Free-text answers listed per question in the results (all of them are in the CSV). */
  textAnswersListed: 500,
  /** Days an automatic satisfaction survey stays open; days until its one reminder. */
  satisfactionOpenDays: 14,
  reminderAfterDays: 3,
} as const;

export const questionKinds = ["single", "multiple", "rating", "nps", "text"] as const;
export type SurveyQuestionKind = (typeof questionKinds)[number];
export const audienceKinds = ["event", "room", "network"] as const;
export type SurveyAudienceKind = (typeof audienceKinds)[number];
export const surveyStatuses = ["draft", "open", "closed"] as const;
export type SurveyStatus = (typeof surveyStatuses)[number];

const text = (max: number) => z.string().trim().max(max);
const networkParams = z.object({ networkId: id });
const surveyParams = z.object({ networkId: id, surveyId: id });
const isChoice = (kind: SurveyQuestionKind) => kind === "single" || kind === "multiple";

export const questionInput = z
  .object({
    kind: z.enum(questionKinds),
    label: text(surveyLimits.labelMax).min(1),
    /** Choices only (at least two, each once); ignored for the other kinds. */
    options: z.array(text(surveyLimits.optionMax).min(1)).max(surveyLimits.optionsMax).default([]),
    required: z.boolean().default(false),
  })
  .refine((q) => !isChoice(q.kind) || q.options.length >= surveyLimits.optionsMin, {
    params: { key: "survey_choice_options" },
    path: ["options"],
  })
  .refine((q) => new Set(q.options).size === q.options.length, { params: { key: "survey_option_duplicate" }, path: ["options"] })
  .transform((q) => ({ ...q, options: isChoice(q.kind) ? q.options : [] }));
export type SurveyQuestionInput = z.output<typeof questionInput>;

export const audienceInput = z.discriminatedUnion("kind", [
  /** The event's attendees: those who checked in, or, when nobody did, those confirmed. */
  z.object({ kind: z.literal("event"), eventId: id }),
  /** Everyone who can see the room. */
  z.object({ kind: z.literal("room"), roomId: id }),
  /** Every active member. */
  z.object({ kind: z.literal("network") }),
]);
export type SurveyAudienceInput = z.output<typeof audienceInput>;

export const surveyInput = z.object({
  title: text(surveyLimits.titleMax).min(1),
  description: text(surveyLimits.descriptionMax).default(""),
  anonymous: z.boolean().default(true),
  audience: audienceInput,
  /** null: open until closed by hand. Must be in the future when the survey is sent. */
  closesAt: isoDateTime.nullable().default(null),
  questions: z.array(questionInput).min(1).max(surveyLimits.questionsMax),
  /** false: keep it as a draft; true: fix the recipients and mail them now. */
  send: z.boolean().default(false),
});
export type SurveyInput = z.output<typeof surveyInput>;

export const surveyQuestionSchema = z.object({
  id,
  kind: z.enum(questionKinds),
  label: z.string(),
  options: z.array(z.string()),
  required: z.boolean(),
});
export type SurveyQuestion = z.infer<typeof surveyQuestionSchema>;

export const surveyAudienceSchema = z.object({
  kind: z.enum(audienceKinds),
  event: z.object({ id, title: z.string() }).nullable(),
  room: z.object({ id, name: z.string() }).nullable(),
});

/** A survey in a list. Counts are for those who manage it (null for everyone else). */
export const surveyCardSchema = z.object({
  id,
  title: z.string(),
  description: z.string(),
  anonymous: z.boolean(),
  audience: surveyAudienceSchema,
  /** The automatic survey after an event. */
  automatic: z.boolean(),
  status: z.enum(surveyStatuses),
  sentAt: isoDateTime.nullable(),
  closesAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  recipientCount: z.number().int().nullable(),
  responseCount: z.number().int().nullable(),
  /** The caller's own part: asked and not answered yet, answered, or not asked. */
  myResponse: z.enum(["pending", "answered"]).nullable(),
  can: z.object({ answer: z.boolean(), manage: z.boolean() }),
});
export type SurveyCard = z.infer<typeof surveyCardSchema>;

export const surveySchema = surveyCardSchema.extend({
  questions: z.array(surveyQuestionSchema),
});
export type Survey = z.infer<typeof surveySchema>;

export const listSurveys = endpoint({
  id: "listSurveys",
  method: "GET",
  path: "/api/networks/:networkId/surveys",
  summary: "Surveys the caller is asked to answer (also another network's, for a co-hosted event), answered lately, and those they manage",
  tag: "surveys",
  access: "member",
  params: networkParams,
  response: z.object({
    toAnswer: z.array(surveyCardSchema),
    answered: z.array(surveyCardSchema),
    managed: z.array(surveyCardSchema),
    /** Whether the caller may create a survey to a room or the whole network (admins). */
    canCreate: z.boolean(),
  }),
});

export const createSurvey = endpoint({
  id: "createSurvey",
  method: "POST",
  path: "/api/networks/:networkId/surveys",
  summary: "Create a survey, as a draft or sent at once (admins; an event's organisers for its survey)",
  tag: "surveys",
  access: "member",
  status: 201,
  params: networkParams,
  body: surveyInput,
  response: surveySchema,
});

export const updateSurvey = endpoint({
  id: "updateSurvey",
  method: "PUT",
  path: "/api/networks/:networkId/surveys/:surveyId",
  summary: "Replace a draft (those who manage it); `send: true` sends it",
  tag: "surveys",
  access: "member",
  params: surveyParams,
  body: surveyInput,
  response: surveySchema,
});

export const getSurvey = endpoint({
  id: "getSurvey",
  method: "GET",
  path: "/api/networks/:networkId/surveys/:surveyId",
  summary: "A survey with its questions, for a recipient (and whether they answered) or for those who manage it; 404 otherwise",
  tag: "surveys",
  access: "member",
  params: surveyParams,
  response: surveySchema,
});

/** An answer: an option's text (single), options' texts (multiple), a score (rating, NPS) or text. */
export const answerValue = z.union([
  z.number(),
  text(surveyLimits.textAnswerMax),
  z.array(text(surveyLimits.optionMax)).max(surveyLimits.optionsMax),
  z.null(),
]);
export type AnswerValue = z.infer<typeof answerValue>;

export const answerSurvey = endpoint({
  id: "answerSurvey",
  method: "POST",
  path: "/api/networks/:networkId/surveys/:surveyId/responses",
  summary:
    "Answer a survey, once (a second answer: 409 with `survey: survey_already_answered`); every answer is checked and nothing is kept unless all are right",
  tag: "surveys",
  access: "member",
  status: 201,
  params: surveyParams,
  body: z.object({ answers: z.record(z.string(), answerValue) }),
  response: surveySchema,
});

export const closeSurvey = endpoint({
  id: "closeSurvey",
  method: "POST",
  path: "/api/networks/:networkId/surveys/:surveyId/close",
  summary: "Close a survey now (those who manage it); no answer is taken after",
  tag: "surveys",
  access: "member",
  params: surveyParams,
  response: surveySchema,
});

const count = z.number().int();
/** A share of the answers, in percent with one decimal (null when nobody answered). */
const percent = z.number().nullable();

export const questionResultSchema = z.object({
  question: surveyQuestionSchema,
  /** How many responses answered this question. */
  answered: count,
  /** Choices: per option, in the question's order. Rating: scores 1–5. NPS: scores 0–10. Empty for text. */
  distribution: z.array(z.object({ label: z.string(), count, percent })),
  /** Rating only. */
  mean: z.number().nullable(),
  /** Rating only: share of 5, and of 4–5. */
  topBox: percent,
  topTwoBox: percent,
  /** NPS only: promoters (9–10) minus detractors (0–6), in percent. */
  nps: z.object({ promoters: count, passives: count, detractors: count, score: z.number().nullable() }).nullable(),
  /**
   * Free text: named surveys with who wrote it, newest first; anonymous surveys without, in the
   * order of the text (never the order of answering). At most `textAnswersListed`.
   */
  texts: z.array(z.object({ text: z.string(), respondent: z.object({ memberId: id.nullable(), displayName: z.string() }).nullable() })),
  textTotal: count,
});
export type QuestionResult = z.infer<typeof questionResultSchema>;

export const surveyResultsSchema = z.object({
  survey: surveyCardSchema,
  recipientCount: count,
  responseCount: count,
  /** Responses ÷ recipients, in percent. */
  responseRate: percent,
  questions: z.array(questionResultSchema),
});
export type SurveyResults = z.infer<typeof surveyResultsSchema>;

export const getSurveyResults = endpoint({
  id: "getSurveyResults",
  method: "GET",
  path: "/api/networks/:networkId/surveys/:surveyId/results",
  summary: "Results per question: distribution, top box, NPS, mean, free text (admins; an event's organisers for its surveys)",
  tag: "surveys",
  access: "member",
  params: surveyParams,
  response: surveyResultsSchema,
});

export const exportSurveyResults = {
  ...endpoint({
    id: "exportSurveyResults",
    method: "GET",
    path: "/api/networks/:networkId/surveys/:surveyId/results.csv",
    summary: "One row per response as CSV (UTF-8 with BOM); named surveys with the respondent, anonymous ones without",
    tag: "surveys",
    access: "member",
    params: surveyParams,
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "text/csv" as const,
};

export const listEventSurveys = endpoint({
  id: "listEventSurveys",
  method: "GET",
  path: "/api/networks/:networkId/events/:eventId/surveys",
  summary: "An event's surveys the caller answers or manages, for the event page; whether they may create one",
  tag: "surveys",
  access: "member",
  params: z.object({ networkId: id, eventId: id }),
  response: z.object({
    event: z.object({ id, title: z.string() }),
    items: z.array(surveyCardSchema),
    canCreate: z.boolean(),
  }),
});
