// The event form's values ⇄ the API's body (src/web/events/event-form-values.ts): dates and times
// in the chosen zone become instants, the form catches what the API would refuse (end before start,
// deadline after start, a capacity that is not a number, a choice without options) on the right
// fields, the server's field names land on the form's, and an edit sends only what changed.
import { describe, expect, it } from "vitest";
import type { EventDetail } from "../../src/shared/contract/events.ts";
import { eventInput } from "../../src/shared/contract/events.ts";
import { ja } from "../../src/web/platform/i18n/ja.ts";
import type { Translate } from "../../src/web/platform/i18n/i18n.context.tsx";
import {
  emptyValues,
  formPathOf,
  patchFrom,
  serverErrorsForForm,
  toBody,
  validateEventForm,
  valuesFromEvent,
} from "../../src/web/events/event-form-values.ts";
import type { EventFormValues } from "../../src/web/events/event-form-values.ts";

const t: Translate = (key, vars = {}) =>
  ja[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
const validate = validateEventForm(t);

function filled(change: Partial<EventFormValues> = {}): EventFormValues {
  return {
    ...emptyValues("Asia/Tokyo"),
    title: "アルムナイ交流会",
    venueName: "本社 20F",
    startDate: "2026-12-05",
    startTime: "19:00",
    endDate: "2026-12-05",
    endTime: "21:00",
    ...change,
  };
}

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

function detail(change: Partial<EventDetail> = {}): EventDetail {
  return {
    id: uuid(1),
    title: "Talk #3",
    kind: "hybrid",
    venueName: "Hall",
    startsAt: "2026-12-06T00:00:00.000Z",
    endsAt: "2026-12-06T02:00:00.000Z",
    timeZone: "America/New_York",
    coverUrl: null,
    status: "published",
    capacity: 40,
    confirmed: 3,
    waitlisted: 0,
    host: { id: uuid(9), name: "Sakura", slug: "sakura" },
    cohosted: false,
    series: { id: uuid(5), title: "Talks", theme: "Careers" },
    myStatus: null,
    description: "Hello",
    descriptionHtml: "<p>Hello</p>",
    venueAddress: "1 Main St",
    mapUrl: "",
    onlineUrl: "https://meet.example.com/x",
    onlineUrlHidden: false,
    registrationDeadline: "2026-12-05T04:59:00.000Z",
    audience: "invited",
    cancelReason: "",
    room: { id: uuid(7), name: "お知らせ" },
    announcementPostId: null,
    reportPostId: null,
    organizers: [{ memberId: uuid(2), displayName: "Sato", avatarUrl: null }],
    questions: [{ id: uuid(3), kind: "single", label: "Who?", options: ["A", "B"], required: true }],
    cohosts: [],
    invitees: [{ memberId: uuid(4), displayName: "Ito", avatarUrl: null }],
    attendance: null,
    myRegistration: null,
    registrationClosed: null,
    can: { edit: true, manageAttendees: true },
    sequence: 0,
    createdAt: "2026-11-01T00:00:00.000Z",
    updatedAt: "2026-11-01T00:00:00.000Z",
    ...change,
  };
}

describe("toBody", () => {
  it("sends instants computed in the chosen zone, and a body the contract accepts", () => {
    const { body, problems } = toBody(filled({ capacity: "50", deadlineDate: "2026-12-01", deadlineTime: "23:59" }));
    expect(problems).toEqual({});
    expect(body.startsAt).toBe("2026-12-05T10:00:00.000Z");
    expect(body.endsAt).toBe("2026-12-05T12:00:00.000Z");
    expect(body.registrationDeadline).toBe("2026-12-01T14:59:00.000Z");
    expect(body.capacity).toBe(50);
    expect(eventInput.safeParse(body).success).toBe(true);
  });

  it("leaves out what the kind hides, invitees unless invited, and empty options", () => {
    const { body } = toBody(
      filled({
        kind: "online",
        onlineUrl: "https://meet.example.com/a",
        inviteeIds: [uuid(4)],
        questions: [{ key: "k", kind: "multiple", label: "Topics", options: ["AI", " ", "Sales "], required: false }],
      }),
    );
    expect(body.venueName).toBe("");
    expect(body.onlineUrl).toBe("https://meet.example.com/a");
    expect(body.inviteeIds).toEqual([]);
    expect(body.capacity).toBeNull();
    expect(body.roomId).toBeNull();
    expect(body.questions).toEqual([{ kind: "multiple", label: "Topics", options: ["AI", "Sales"], required: false }]);
  });
});

describe("validateEventForm", () => {
  it("accepts a complete form", () => {
    expect(validate(filled())).toEqual({});
  });

  it("names the field of each problem", () => {
    expect(validate(filled({ title: " " }))).toEqual({ title: ja["validation.required"] });
    expect(validate(filled({ endTime: "18:00" }))).toEqual({ endDate: ja["events.form.endBeforeStart"] });
    expect(validate(filled({ deadlineDate: "2026-12-06", deadlineTime: "10:00" }))).toEqual({
      deadlineDate: ja["events.form.deadlineAfterStart"],
    });
    expect(validate(filled({ deadlineDate: "2026-12-01" }))).toEqual({ deadlineDate: ja["events.form.dateInvalid"] });
    expect(validate(filled({ capacity: "0" }))).toEqual({ capacity: ja["events.form.capacityInvalid"] });
    expect(validate(filled({ capacity: "十" }))).toEqual({ capacity: ja["events.form.capacityInvalid"] });
    expect(validate(filled({ startDate: "" }))).toEqual({ startDate: ja["events.form.dateInvalid"] });
    expect(validate(filled({ timeZone: "Mars/Base" }))).toMatchObject({ timeZone: ja["events.form.invalidZone"] });
    expect(validate(filled({ mapUrl: "javascript:alert(1)" }))).toEqual({ mapUrl: ja["events.form.urlFormat"] });
    // A venue is needed in person, not online.
    expect(validate(filled({ venueName: "" }))).toEqual({ venueName: ja["validation.required"] });
    expect(validate(filled({ kind: "online", venueName: "" }))).toEqual({});
  });

  it("asks for two options on a choice and a wording on every question", () => {
    const errors = validate(filled({ questions: [{ key: "k", kind: "single", label: "", options: ["only one", ""], required: true }] }));
    expect(errors).toEqual({ "questions.0.label": ja["validation.required"], "questions.0.options": ja["events.form.choiceOptions"] });
  });
});

describe("server errors", () => {
  it("moves the API's field names onto the form's", () => {
    expect(formPathOf("startsAt")).toBe("startDate");
    expect(formPathOf("endsAt")).toBe("endDate");
    expect(formPathOf("registrationDeadline")).toBe("deadlineDate");
    expect(formPathOf("questions.2.options")).toBe("questions.2.options");
    expect(serverErrorsForForm({ endsAt: "終了は開始より後に", capacity: "少なすぎます" })).toEqual({
      endDate: "終了は開始より後に",
      capacity: "少なすぎます",
    });
  });
});

describe("editing", () => {
  it("shows an event's times in its own zone and keeps question ids", () => {
    const values = valuesFromEvent(detail());
    expect(values).toMatchObject({
      startDate: "2026-12-05",
      startTime: "19:00",
      endDate: "2026-12-05",
      endTime: "21:00",
      deadlineDate: "2026-12-04",
      deadlineTime: "23:59",
      timeZone: "America/New_York",
      capacity: "40",
      inviteeIds: [uuid(4)],
      organizerIds: [uuid(2)],
      roomId: uuid(7),
      seriesId: uuid(5),
      seriesTheme: "Careers",
    });
    expect(values.questions[0]).toMatchObject({ id: uuid(3), kind: "single", options: ["A", "B"], required: true });
  });

  it("sends nothing for an untouched form, and only the changed fields otherwise", () => {
    const initial = valuesFromEvent(detail());
    const before = toBody(initial).body;
    expect(patchFrom(before, toBody({ ...initial }).body)).toEqual({});
    expect(patchFrom(before, toBody({ ...initial, title: "Talk #3 (renamed)" }).body)).toEqual({ title: "Talk #3 (renamed)" });
    expect(patchFrom(before, toBody({ ...initial, startTime: "18:30" }).body)).toEqual({ startsAt: "2026-12-05T23:30:00.000Z" });
    // The same wall clock in another zone is another instant: both the zone and the times change.
    expect(patchFrom(before, toBody({ ...initial, timeZone: "Asia/Tokyo" }).body)).toEqual({
      timeZone: "Asia/Tokyo",
      startsAt: "2026-12-05T10:00:00.000Z",
      endsAt: "2026-12-05T12:00:00.000Z",
      registrationDeadline: "2026-12-04T14:59:00.000Z",
    });
  });
});
