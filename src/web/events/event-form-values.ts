// The event form's values and the API's body: wall-clock dates and times in the chosen zone become
// instants, an empty capacity means no limit, fields the chosen kind hides are sent empty, and an
// edit sends only what changed (so a new title does not tell attendees "the time changed").
// Errors — the form's own and the server's — are keyed by the form's field paths.
import type { EventAudience, EventDetail, EventInput, EventKind, EventPatch, QuestionKind } from "../../shared/contract/events.ts";
import { eventInput } from "../../shared/contract/events.ts";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { zodValidate } from "../platform/forms.ts";
import type { FormErrors } from "../platform/forms.ts";
import { instantToZoned, isKnownTimeZone, zonedToInstant } from "./event-time.ts";

export interface QuestionDraft {
  /** A stable key for the editor's list while questions move. */
  key: string;
  /** An existing question keeps its id so its answers stay attached. */
  id?: string;
  kind: QuestionKind;
  label: string;
  options: string[];
  required: boolean;
}

export interface EventFormValues {
  title: string;
  description: string;
  kind: EventKind;
  venueName: string;
  venueAddress: string;
  mapUrl: string;
  onlineUrl: string;
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeZone: string;
  /** "" = no limit. */
  capacity: string;
  deadlineDate: string;
  deadlineTime: string;
  audience: EventAudience;
  inviteeIds: string[];
  organizerIds: string[];
  /** "" = not announced. */
  roomId: string;
  /** "" = not in a series. */
  seriesId: string;
  seriesTheme: string;
  questions: QuestionDraft[];
}

/** The body as the API takes it, every field given. */
export type EventBody = EventInput;

let keys = 0;
export const newQuestionKey = () => `q${++keys}`;

export function emptyQuestion(): QuestionDraft {
  return { key: newQuestionKey(), kind: "text", label: "", options: [], required: false };
}

export function emptyValues(timeZone: string, seriesId = ""): EventFormValues {
  return {
    title: "",
    description: "",
    kind: "offline",
    venueName: "",
    venueAddress: "",
    mapUrl: "",
    onlineUrl: "",
    startDate: "",
    startTime: "19:00",
    endDate: "",
    endTime: "21:00",
    timeZone,
    capacity: "",
    deadlineDate: "",
    deadlineTime: "",
    audience: "everyone",
    inviteeIds: [],
    organizerIds: [],
    roomId: "",
    seriesId,
    seriesTheme: "",
    questions: [],
  };
}

export function valuesFromEvent(event: EventDetail): EventFormValues {
  const zone = isKnownTimeZone(event.timeZone) ? event.timeZone : "Asia/Tokyo";
  const start = instantToZoned(event.startsAt, zone);
  const end = instantToZoned(event.endsAt, zone);
  const deadline = event.registrationDeadline ? instantToZoned(event.registrationDeadline, zone) : { date: "", time: "" };
  return {
    title: event.title,
    description: event.description,
    kind: event.kind,
    venueName: event.venueName,
    venueAddress: event.venueAddress,
    mapUrl: event.mapUrl,
    onlineUrl: event.onlineUrl,
    startDate: start.date,
    startTime: start.time,
    endDate: end.date,
    endTime: end.time,
    timeZone: event.timeZone,
    capacity: event.capacity === null ? "" : String(event.capacity),
    deadlineDate: deadline.date,
    deadlineTime: deadline.time,
    audience: event.audience,
    inviteeIds: event.invitees.map((person) => person.memberId),
    organizerIds: event.organizers.map((person) => person.memberId),
    roomId: event.room?.id ?? "",
    seriesId: event.series?.id ?? "",
    seriesTheme: event.series?.theme ?? "",
    questions: event.questions.map((q) => ({
      key: newQuestionKey(),
      id: q.id,
      kind: q.kind,
      label: q.label,
      options: q.options,
      required: q.required,
    })),
  };
}

/** Where the API's field of the body is shown in the form. */
export function formPathOf(apiPath: string): string {
  const [head = "", ...rest] = apiPath.split(".");
  const mapped =
    ({ startsAt: "startDate", endsAt: "endDate", registrationDeadline: "deadlineDate" } as Record<string, string>)[head] ?? head;
  return [mapped, ...rest].join(".");
}

/**
 * The body for the API and the problems the form can see itself (keyed by form path, as message
 * keys). Instants are computed in the chosen zone.
 */
export function toBody(values: EventFormValues): { body: EventBody; problems: Record<string, MessageKey> } {
  const problems: Record<string, MessageKey> = {};
  const zoneKnown = isKnownTimeZone(values.timeZone);
  if (!zoneKnown) problems.timeZone = "events.form.invalidZone";

  const startsAt = zonedToInstant(values.startDate, values.startTime, values.timeZone);
  const endsAt = zonedToInstant(values.endDate, values.endTime, values.timeZone);
  if (zoneKnown && !startsAt) problems.startDate = "events.form.dateInvalid";
  if (zoneKnown && !endsAt) problems.endDate = "events.form.dateInvalid";
  if (startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) problems.endDate = "events.form.endBeforeStart";

  let registrationDeadline: string | null = null;
  if (values.deadlineDate !== "" || values.deadlineTime !== "") {
    registrationDeadline = zonedToInstant(values.deadlineDate, values.deadlineTime, values.timeZone);
    if (zoneKnown && !registrationDeadline) problems.deadlineDate = "events.form.dateInvalid";
    else if (registrationDeadline && startsAt && Date.parse(registrationDeadline) > Date.parse(startsAt))
      problems.deadlineDate = "events.form.deadlineAfterStart";
  }

  const capacityText = values.capacity.trim();
  let capacity: number | null = null;
  if (capacityText !== "") {
    capacity = /^\d+$/.test(capacityText) ? Number(capacityText) : NaN;
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      problems.capacity = "events.form.capacityInvalid";
      capacity = null;
    }
  }

  const atVenue = values.kind !== "online";
  if (atVenue && values.venueName.trim() === "") problems.venueName = "validation.required";
  const online = values.kind !== "offline";
  const body: EventBody = {
    title: values.title,
    description: values.description,
    kind: values.kind,
    // What the chosen kind hides is not kept: an online event has no venue.
    venueName: atVenue ? values.venueName : "",
    venueAddress: atVenue ? values.venueAddress : "",
    mapUrl: atVenue ? values.mapUrl : "",
    onlineUrl: online ? values.onlineUrl : "",
    // Placeholders keep the body parseable while the form shows the date problem itself.
    startsAt: startsAt ?? new Date(0).toISOString(),
    endsAt: endsAt ?? new Date(0).toISOString(),
    timeZone: values.timeZone,
    capacity,
    registrationDeadline,
    audience: values.audience,
    inviteeIds: values.audience === "invited" ? values.inviteeIds : [],
    organizerIds: values.organizerIds,
    roomId: values.roomId || null,
    seriesId: values.seriesId || null,
    seriesTheme: values.seriesId ? values.seriesTheme : "",
    questions: values.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      kind: q.kind,
      label: q.label,
      options: q.kind === "text" ? [] : q.options.map((option) => option.trim()).filter((option) => option !== ""),
      required: q.required,
    })),
  };
  return { body, problems };
}

/** The Mantine validate function: the contract's rules on the body, then the form's own problems. */
export function validateEventForm(t: Translate) {
  return (values: EventFormValues): FormErrors => {
    const { body, problems } = toBody(values);
    const overrides: Partial<Record<string, MessageKey>> = { mapUrl: "events.form.urlFormat", onlineUrl: "events.form.urlFormat" };
    values.questions.forEach((_, index) => (overrides[`questions.${index}.options`] = "events.form.choiceOptions"));
    const schemaErrors = zodValidate<EventBody>(eventInput, t, overrides)(body);
    const errors: FormErrors = {};
    for (const [path, message] of Object.entries(schemaErrors)) errors[formPathOf(path)] = message;
    for (const [path, key] of Object.entries(problems)) errors[path] = t(key);
    return errors;
  };
}

/** The server's field errors, moved onto the form's fields. */
export function serverErrorsForForm(fields: Record<string, string>): FormErrors {
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(fields)) errors[formPathOf(path)] ??= message;
  return errors;
}

/** Only what changed, so an edit does not touch (or announce) what it did not change. */
export function patchFrom(before: EventBody, after: EventBody): EventPatch {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof EventBody)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) patch[key] = after[key];
  }
  // A time written the same way is the same time: compare instants, not spellings.
  for (const key of ["startsAt", "endsAt", "registrationDeadline"] as const) {
    const a = before[key];
    const b = after[key];
    if (a && b && Date.parse(a) === Date.parse(b)) delete patch[key];
  }
  return patch;
}
