// The builder's form values ⇄ the API's survey input, and the checks the form makes before sending
// (the server makes them again, and its field errors are put back on the same fields).
import type { Survey, SurveyAudienceKind, SurveyInput, SurveyQuestionKind } from "../../shared/contract/surveys.ts";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import { instantToZoned, zonedToInstant } from "../events/event-time.ts";
import type { SurveyTranslate } from "./survey-i18n.ts";

export interface QuestionValues {
  /** React's key for the question's editor; never sent. */
  key: string;
  kind: SurveyQuestionKind;
  label: string;
  required: boolean;
  options: string[];
}

export interface BuilderValues {
  title: string;
  description: string;
  anonymous: boolean;
  audience: SurveyAudienceKind;
  eventId: string;
  roomId: string;
  closesDate: string;
  closesTime: string;
  questions: QuestionValues[];
}

export const isChoice = (kind: SurveyQuestionKind) => kind === "single" || kind === "multiple";

export function newQuestion(kind: SurveyQuestionKind = "rating"): QuestionValues {
  return { key: crypto.randomUUID(), kind, label: "", required: kind === "rating", options: isChoice(kind) ? ["", ""] : [] };
}

export function emptyValues(audience: SurveyAudienceKind, eventId: string): BuilderValues {
  return {
    title: "",
    description: "",
    anonymous: true,
    audience,
    eventId,
    roomId: "",
    closesDate: "",
    closesTime: "",
    questions: [newQuestion("rating")],
  };
}

export function valuesOf(survey: Survey, timeZone: string): BuilderValues {
  const closes = survey.closesAt ? instantToZoned(survey.closesAt, timeZone) : { date: "", time: "" };
  return {
    title: survey.title,
    description: survey.description,
    anonymous: survey.anonymous,
    audience: survey.audience.kind,
    eventId: survey.audience.event?.id ?? "",
    roomId: survey.audience.room?.id ?? "",
    closesDate: closes.date,
    closesTime: closes.time,
    questions: survey.questions.map((q) => ({ key: q.id, kind: q.kind, label: q.label, required: q.required, options: q.options })),
  };
}

const filledOptions = (q: QuestionValues) => q.options.map((o) => o.trim()).filter((o) => o !== "");

export function closingInstant(values: BuilderValues, timeZone: string): string | null {
  if (values.closesDate === "" && values.closesTime === "") return null;
  return zonedToInstant(values.closesDate, values.closesTime, timeZone);
}

export function toInput(values: BuilderValues, send: boolean, timeZone: string): SurveyInput {
  const audience =
    values.audience === "event"
      ? { kind: "event" as const, eventId: values.eventId }
      : values.audience === "room"
        ? { kind: "room" as const, roomId: values.roomId }
        : { kind: "network" as const };
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    anonymous: values.anonymous,
    audience,
    closesAt: closingInstant(values, timeZone),
    questions: values.questions.map((q) => ({
      kind: q.kind,
      label: q.label.trim(),
      required: q.required,
      options: isChoice(q.kind) ? filledOptions(q) : [],
    })),
    send,
  };
}

/** The form's own checks, keyed by the form's paths. */
export function validateBuilder(values: BuilderValues, timeZone: string, st: SurveyTranslate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.title.trim() === "") errors.title = st("surveys.builder.fieldRequired");
  if (values.audience === "room" && values.roomId === "") errors.roomId = st("surveys.builder.roomRequired");
  if (values.closesDate !== "" || values.closesTime !== "") {
    const instant = closingInstant(values, timeZone);
    if (!instant) errors[values.closesDate === "" ? "closesDate" : "closesTime"] = st("surveys.builder.closingIncomplete");
    else if (Date.parse(instant) <= Date.now()) errors.closesDate = st("surveys.builder.closingPast");
  }
  if (values.questions.length > surveyLimits.questionsMax)
    errors.questions = st("surveys.builder.questionsMax", { max: surveyLimits.questionsMax });
  values.questions.forEach((q, i) => {
    if (q.label.trim() === "") errors[`questions.${i}.label`] = st("surveys.builder.fieldRequired");
    if (!isChoice(q.kind)) return;
    const options = filledOptions(q);
    if (options.length < surveyLimits.optionsMin) errors[`questions.${i}.options`] = st("surveys.builder.optionsMin");
    else if (new Set(options).size !== options.length) errors[`questions.${i}.options`] = st("surveys.builder.optionsUnique");
  });
  return errors;
}

/** The server's field keys on the form's fields. */
export function formPath(serverKey: string): string {
  if (serverKey === "audience.roomId") return "roomId";
  if (serverKey.startsWith("audience")) return "audience";
  if (serverKey === "closesAt") return "closesDate";
  return serverKey;
}
