// Events (イベント): meet-ups online and offline, in series, co-hosted by several networks, with
// registration questions, a waitlist promoted in order, check-in by QR code and calendar files.
// Decision 0017.
//
// An event belongs to its host network; accepted co-host networks' members see it and register
// under their own network's path (`/api/networks/<their network>/events/<id>`). Only the host's
// admins and the event's organisers change it. The online URL is given to confirmed attendees
// and organisers only.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page, pageQuery, slug, timeZone } from "./common.ts";

export const eventLimits = {
  titleMax: 120,
  descriptionMax: 20000,
  venueNameMax: 200,
  venueAddressMax: 300,
  urlMax: 1000,
  capacityMax: 100000,
  themeMax: 200,
  cancelReasonMax: 1000,
  questionsMax: 20,
  questionLabelMax: 200,
  optionsMax: 20,
  optionMax: 100,
  answerMax: 2000,
  inviteesMax: 1000,
  organizersMax: 20,
  seriesTitleMax: 120,
  seriesDescriptionMax: 2000,
  reportMax: 10000,
  reportImagesMax: 10,
} as const;

export const eventKinds = ["online", "offline", "hybrid"] as const;
export type EventKind = (typeof eventKinds)[number];
export const eventAudiences = ["everyone", "alumni", "employees", "invited"] as const;
export type EventAudience = (typeof eventAudiences)[number];
export const questionKinds = ["text", "single", "multiple"] as const;
export type QuestionKind = (typeof questionKinds)[number];
export const registrationStatuses = ["confirmed", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof registrationStatuses)[number];

const text = (max: number) => z.string().trim().max(max);
const httpUrl = z
  .string()
  .trim()
  .max(eventLimits.urlMax)
  .refine((u) => u === "" || (/^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u)), { params: { key: "url_format" } });

const networkParams = z.object({ networkId: id });
const eventParams = z.object({ networkId: id, eventId: id });

export const eventQuestionInput = z
  .object({
    /** Keep an existing question's id so its answers stay attached; omit for a new one. */
    id: id.optional(),
    kind: z.enum(questionKinds),
    label: text(eventLimits.questionLabelMax).min(1),
    options: z.array(text(eventLimits.optionMax).min(1)).max(eventLimits.optionsMax).default([]),
    required: z.boolean().default(false),
  })
  .refine((q) => q.kind === "text" || q.options.length >= 2, { params: { key: "event_choice_options" }, path: ["options"] });

/** Creating an event: times are instants (ISO with offset); `timeZone` is the zone they are shown in. */
export const eventInput = z.object({
  title: text(eventLimits.titleMax).min(1),
  description: text(eventLimits.descriptionMax).default(""),
  kind: z.enum(eventKinds),
  venueName: text(eventLimits.venueNameMax).default(""),
  venueAddress: text(eventLimits.venueAddressMax).default(""),
  mapUrl: httpUrl.default(""),
  onlineUrl: httpUrl.default(""),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timeZone,
  /** null: no limit. */
  capacity: z.number().int().min(1).max(eventLimits.capacityMax).nullable().default(null),
  registrationDeadline: isoDateTime.nullable().default(null),
  audience: z.enum(eventAudiences).default("everyone"),
  /** Members of the host network, for audience "invited". */
  inviteeIds: z.array(id).max(eventLimits.inviteesMax).default([]),
  /** Members of the host network (admins, or supporters allowed to organise) besides the creator. */
  organizerIds: z.array(id).max(eventLimits.organizersMax).default([]),
  /** The room the event is announced in (a post is written there when it is created). */
  roomId: id.nullable().default(null),
  seriesId: id.nullable().default(null),
  seriesTheme: text(eventLimits.themeMax).default(""),
  questions: z.array(eventQuestionInput).max(eventLimits.questionsMax).default([]),
});
export type EventInput = z.output<typeof eventInput>;

/** A change: any field of the input; `questions` replaces the list. */
export const eventPatch = z.object({
  title: text(eventLimits.titleMax).min(1).optional(),
  description: text(eventLimits.descriptionMax).optional(),
  kind: z.enum(eventKinds).optional(),
  venueName: text(eventLimits.venueNameMax).optional(),
  venueAddress: text(eventLimits.venueAddressMax).optional(),
  mapUrl: httpUrl.optional(),
  onlineUrl: httpUrl.optional(),
  startsAt: isoDateTime.optional(),
  endsAt: isoDateTime.optional(),
  timeZone: timeZone.optional(),
  capacity: z.number().int().min(1).max(eventLimits.capacityMax).nullable().optional(),
  registrationDeadline: isoDateTime.nullable().optional(),
  audience: z.enum(eventAudiences).optional(),
  inviteeIds: z.array(id).max(eventLimits.inviteesMax).optional(),
  organizerIds: z.array(id).max(eventLimits.organizersMax).optional(),
  roomId: id.nullable().optional(),
  seriesId: id.nullable().optional(),
  seriesTheme: text(eventLimits.themeMax).optional(),
  questions: z.array(eventQuestionInput).max(eventLimits.questionsMax).optional(),
});
export type EventPatch = z.output<typeof eventPatch>;

export const eventQuestionSchema = z.object({
  id,
  kind: z.enum(questionKinds),
  label: z.string(),
  options: z.array(z.string()),
  required: z.boolean(),
});
export type EventQuestion = z.infer<typeof eventQuestionSchema>;

const networkRef = z.object({ id, name: z.string(), slug: z.string() });
const personRef = z.object({
  memberId: id,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
});

export const myRegistrationSchema = z.object({
  id,
  status: z.enum(registrationStatuses),
  /** Place in the waitlist (1 = next), while waitlisted. */
  waitlistPlace: z.number().int().nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  /** The ticket's QR code carries it; only while confirmed. */
  ticketCode: z.string().nullable(),
  checkedInAt: isoDateTime.nullable(),
  promotedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type MyRegistration = z.infer<typeof myRegistrationSchema>;

/** An event in a list. */
export const eventCardSchema = z.object({
  id,
  title: z.string(),
  kind: z.enum(eventKinds),
  venueName: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  timeZone: z.string(),
  coverUrl: z.string().nullable(),
  status: z.enum(["published", "cancelled"]),
  capacity: z.number().int().nullable(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  host: networkRef,
  /** The caller's network is a co-host, not the host. */
  cohosted: z.boolean(),
  series: z.object({ id, title: z.string(), theme: z.string() }).nullable(),
  myStatus: z.enum(registrationStatuses).nullable(),
});
export type EventCard = z.infer<typeof eventCardSchema>;

export const eventSchema = eventCardSchema.extend({
  description: z.string(),
  descriptionHtml: z.string(),
  venueAddress: z.string(),
  mapUrl: z.string(),
  /** Only for confirmed attendees and organisers ("" otherwise, and `onlineUrlHidden` true when one is set). */
  onlineUrl: z.string(),
  onlineUrlHidden: z.boolean(),
  registrationDeadline: isoDateTime.nullable(),
  audience: z.enum(eventAudiences),
  cancelReason: z.string(),
  room: z.object({ id, name: z.string() }).nullable(),
  announcementPostId: id.nullable(),
  reportPostId: id.nullable(),
  organizers: z.array(personRef),
  questions: z.array(eventQuestionSchema),
  /** Accepted co-host networks (names only). */
  cohosts: z.array(networkRef),
  /** Invited members (organisers only; otherwise empty). */
  invitees: z.array(personRef),
  /** Checked-in ÷ confirmed, for organisers once someone checked in; else null. */
  attendance: z.object({ checkedIn: z.number().int(), confirmed: z.number().int() }).nullable(),
  myRegistration: myRegistrationSchema.nullable(),
  /** Why the caller cannot register now (null: they can). */
  registrationClosed: z.enum(["cancelled", "deadline", "started", "not_in_audience"]).nullable(),
  can: z.object({ edit: z.boolean(), manageAttendees: z.boolean() }),
  sequence: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type EventDetail = z.infer<typeof eventSchema>;

export const listEvents = endpoint({
  id: "listEvents",
  method: "GET",
  path: "/api/networks/:networkId/events",
  summary: "Events the caller can see (hosted or co-hosted): upcoming soonest first, or past latest first",
  tag: "events",
  access: "member",
  params: networkParams,
  query: pageQuery.extend({
    when: z.enum(["upcoming", "past", "mine"]).default("upcoming"),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  }),
  response: page(eventCardSchema),
});

export const createEvent = endpoint({
  id: "createEvent",
  method: "POST",
  path: "/api/networks/:networkId/events",
  summary: "Create an event (admins, and supporters allowed to organise); announced in its room",
  tag: "events",
  access: "member",
  status: 201,
  params: networkParams,
  body: eventInput,
  response: eventSchema,
});

export const getEvent = endpoint({
  id: "getEvent",
  method: "GET",
  path: "/api/networks/:networkId/events/:eventId",
  summary: "One event the caller can see (404 otherwise), with their registration",
  tag: "events",
  access: "member",
  params: eventParams,
  response: eventSchema,
});

export const updateEvent = endpoint({
  id: "updateEvent",
  method: "PATCH",
  path: "/api/networks/:networkId/events/:eventId",
  summary: "Change an event (the host's admins and the event's organisers); attendees are told of a new time or place",
  tag: "events",
  access: "member",
  params: eventParams,
  body: eventPatch,
  response: eventSchema,
});

export const cancelEvent = endpoint({
  id: "cancelEvent",
  method: "POST",
  path: "/api/networks/:networkId/events/:eventId/cancel",
  summary: "Cancel an event (organisers); everyone registered is told",
  tag: "events",
  access: "member",
  params: eventParams,
  body: z.object({ reason: text(eventLimits.cancelReasonMax).default("") }),
  response: eventSchema,
});

export const setEventCover = endpoint({
  id: "setEventCover",
  method: "PUT",
  path: "/api/networks/:networkId/events/:eventId/cover",
  summary: "Upload the cover image (organisers): resized, metadata stripped",
  tag: "events",
  access: "member",
  params: eventParams,
  multipart: true,
  uploadMaxBytes: 20 * 1024 * 1024,
  response: eventSchema,
});

export const deleteEventCover = endpoint({
  id: "deleteEventCover",
  method: "DELETE",
  path: "/api/networks/:networkId/events/:eventId/cover",
  summary: "Remove the cover image (organisers)",
  tag: "events",
  access: "member",
  params: eventParams,
  response: eventSchema,
});

export const register = endpoint({
  id: "registerForEvent",
  method: "PUT",
  path: "/api/networks/:networkId/events/:eventId/registration",
  summary: "Register (confirmed, or waitlisted when full); registering again changes the answers and keeps the place",
  tag: "events",
  access: "member",
  params: eventParams,
  body: z.object({
    answers: z
      .record(z.string(), z.union([text(eventLimits.answerMax), z.array(text(eventLimits.optionMax)).max(eventLimits.optionsMax)]))
      .default({}),
  }),
  response: myRegistrationSchema,
});

export const cancelRegistration = endpoint({
  id: "cancelEventRegistration",
  method: "DELETE",
  path: "/api/networks/:networkId/events/:eventId/registration",
  summary: "Cancel my registration; the first on the waitlist is promoted",
  tag: "events",
  access: "member",
  params: eventParams,
  response: myRegistrationSchema,
});

export const attendeeSchema = z.object({
  id,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  /** The network the attendee registered from (the host's or a co-host's). */
  network: networkRef,
  status: z.enum(registrationStatuses),
  waitlistPlace: z.number().int().nullable(),
  answers: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
  checkedInAt: isoDateTime.nullable(),
  promotedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
});
export type Attendee = z.infer<typeof attendeeSchema>;

export const listAttendees = endpoint({
  id: "listEventAttendees",
  method: "GET",
  path: "/api/networks/:networkId/events/:eventId/attendees",
  summary: "Registrations (organisers): confirmed in order of arrival, then the waitlist, then cancelled; search by name",
  tag: "events",
  access: "member",
  params: eventParams,
  query: z.object({
    q: z.string().trim().max(100).optional(),
    status: z.enum(registrationStatuses).optional(),
  }),
  response: z.object({ items: z.array(attendeeSchema), questions: z.array(eventQuestionSchema) }),
});

export const exportAttendees = {
  ...endpoint({
    id: "exportEventAttendees",
    method: "GET",
    path: "/api/networks/:networkId/events/:eventId/attendees.csv",
    summary: "Registrations and answers as CSV (UTF-8 with BOM; organisers)",
    tag: "events",
    access: "member",
    params: eventParams,
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "text/csv" as const,
};

export const checkIn = endpoint({
  id: "checkInAttendee",
  method: "POST",
  path: "/api/networks/:networkId/events/:eventId/check-ins",
  summary: "Check an attendee in by their ticket's code or by registration (organisers); idempotent",
  tag: "events",
  access: "member",
  params: eventParams,
  body: z.union([z.object({ ticketCode: z.string().trim().min(10).max(100) }), z.object({ registrationId: id })]),
  response: z.object({ attendee: attendeeSchema, alreadyCheckedIn: z.boolean() }),
});

export const undoCheckIn = endpoint({
  id: "undoCheckIn",
  method: "DELETE",
  path: "/api/networks/:networkId/events/:eventId/check-ins/:registrationId",
  summary: "Take a check-in back (organisers)",
  tag: "events",
  access: "member",
  params: z.object({ networkId: id, eventId: id, registrationId: id }),
  response: attendeeSchema,
});

export const eventIcs = {
  ...endpoint({
    id: "eventIcs",
    method: "GET",
    path: "/api/networks/:networkId/events/:eventId/event.ics",
    summary: "The event as an iCalendar file (RFC 5545)",
    tag: "events",
    access: "member",
    params: eventParams,
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "text/calendar" as const,
};

export const cohostSchema = z.object({
  network: networkRef,
  status: z.enum(["invited", "accepted", "declined"]),
});

export const addCohost = endpoint({
  id: "addEventCohost",
  method: "POST",
  path: "/api/networks/:networkId/events/:eventId/cohosts",
  summary: "Invite another network to co-host (the host's admins), by its address name; its admins accept or decline",
  tag: "events",
  access: "network_admin",
  params: eventParams,
  body: z.object({ slug }),
  response: z.object({ items: z.array(cohostSchema) }),
});

export const listCohosts = endpoint({
  id: "listEventCohosts",
  method: "GET",
  path: "/api/networks/:networkId/events/:eventId/cohosts",
  summary: "Co-host networks and their answers (the host's admins)",
  tag: "events",
  access: "network_admin",
  params: eventParams,
  response: z.object({ items: z.array(cohostSchema) }),
});

export const removeCohost = endpoint({
  id: "removeEventCohost",
  method: "DELETE",
  path: "/api/networks/:networkId/events/:eventId/cohosts/:cohostNetworkId",
  summary: "Stop co-hosting with a network (the host's admins); its members' registrations are cancelled",
  tag: "events",
  access: "network_admin",
  params: z.object({ networkId: id, eventId: id, cohostNetworkId: id }),
  response: z.object({ items: z.array(cohostSchema) }),
});

export const cohostInvitationSchema = z.object({
  event: z.object({ id, title: z.string(), startsAt: isoDateTime, endsAt: isoDateTime, timeZone: z.string() }),
  host: networkRef,
  status: z.enum(["invited", "accepted", "declined"]),
});

export const listCohostInvitations = endpoint({
  id: "listCohostInvitations",
  method: "GET",
  path: "/api/networks/:networkId/cohost-invitations",
  summary: "Other networks' invitations to co-host their events (admins)",
  tag: "events",
  access: "network_admin",
  params: networkParams,
  response: z.object({ items: z.array(cohostInvitationSchema) }),
});

export const decideCohostInvitation = endpoint({
  id: "decideCohostInvitation",
  method: "POST",
  path: "/api/networks/:networkId/cohost-invitations/:eventId",
  summary: "Accept or decline co-hosting an event (admins); accepting shows it to the members",
  tag: "events",
  access: "network_admin",
  params: eventParams,
  body: z.object({ accept: z.boolean() }),
  response: cohostInvitationSchema,
});

export const writeEventReport = endpoint({
  id: "writeEventReport",
  method: "POST",
  path: "/api/networks/:networkId/events/:eventId/report",
  summary: "Post the report of the event (text and photos) in its room, linked from the event (organisers)",
  tag: "events",
  access: "member",
  status: 201,
  params: eventParams,
  body: z.object({
    body: text(eventLimits.reportMax).default(""),
    imageIds: z.array(id).max(eventLimits.reportImagesMax).default([]),
  }),
  response: eventSchema,
});

export const seriesSchema = z.object({
  id,
  title: z.string(),
  description: z.string(),
  createdAt: isoDateTime,
  events: z.array(eventCardSchema),
});
export type EventSeries = z.infer<typeof seriesSchema>;

export const listSeries = endpoint({
  id: "listEventSeries",
  method: "GET",
  path: "/api/networks/:networkId/event-series",
  summary: "The network's event series (without their events)",
  tag: "events",
  access: "member",
  params: networkParams,
  response: z.object({ items: z.array(seriesSchema.omit({ events: true }).extend({ sessions: z.number().int() })) }),
});

export const createSeries = endpoint({
  id: "createEventSeries",
  method: "POST",
  path: "/api/networks/:networkId/event-series",
  summary: "Start a series (organisers)",
  tag: "events",
  access: "member",
  status: 201,
  params: networkParams,
  body: z.object({ title: text(eventLimits.seriesTitleMax).min(1), description: text(eventLimits.seriesDescriptionMax).default("") }),
  response: seriesSchema,
});

export const getSeries = endpoint({
  id: "getEventSeries",
  method: "GET",
  path: "/api/networks/:networkId/event-series/:seriesId",
  summary: "A series with the sessions the caller can see, in order, each with its theme",
  tag: "events",
  access: "member",
  params: z.object({ networkId: id, seriesId: id }),
  response: seriesSchema,
});

export const updateSeries = endpoint({
  id: "updateEventSeries",
  method: "PATCH",
  path: "/api/networks/:networkId/event-series/:seriesId",
  summary: "Rename or describe a series (organisers)",
  tag: "events",
  access: "member",
  params: z.object({ networkId: id, seriesId: id }),
  body: z.object({
    title: text(eventLimits.seriesTitleMax).min(1).optional(),
    description: text(eventLimits.seriesDescriptionMax).optional(),
  }),
  response: seriesSchema,
});

export const setEventOrganizer = endpoint({
  id: "setEventOrganizer",
  method: "PUT",
  path: "/api/networks/:networkId/members/:memberId/event-organizer",
  summary: "Allow a supporter to organise events, or take it back (admins)",
  tag: "events",
  access: "network_admin",
  params: z.object({ networkId: id, memberId: id }),
  body: z.object({ organizesEvents: z.boolean() }),
  response: z.object({ memberId: id, organizesEvents: z.boolean() }),
});

export const calendarFeedSchema = z.object({
  /** The secret address of the feed (null: none yet, or revoked). */
  url: z.string().nullable(),
  createdAt: isoDateTime.nullable(),
});

export const getCalendarFeed = endpoint({
  id: "getCalendarFeed",
  method: "GET",
  path: "/api/me/calendar-feed",
  summary: "Whether my calendar feed exists (its address is shown only when created)",
  tag: "events",
  access: "account",
  response: calendarFeedSchema,
});

export const createCalendarFeed = endpoint({
  id: "createCalendarFeed",
  method: "POST",
  path: "/api/me/calendar-feed",
  summary: "Create my calendar feed's secret address, or a new one (the old one stops working)",
  tag: "events",
  access: "account",
  response: calendarFeedSchema,
});

export const revokeCalendarFeed = endpoint({
  id: "revokeCalendarFeed",
  method: "DELETE",
  path: "/api/me/calendar-feed",
  summary: "Revoke my calendar feed",
  tag: "events",
  access: "account",
  response: calendarFeedSchema,
});

export const calendarFeed = {
  ...endpoint({
    id: "calendarFeed",
    method: "GET",
    path: "/api/calendar/:feedToken",
    summary: "A person's calendar feed (the secret address): the events they registered for, in every network",
    tag: "events",
    access: "public",
    params: z.object({ feedToken: z.string().min(20).max(100) }),
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "text/calendar" as const,
};
