// People (人を探す): profiles, the member directory with Japanese search, "people you may know"
// and the generations of a department (縦・横のつながり). Decision 0016.
//
// Visibility: every field the person chose to hide from the viewer is absent (null, or an empty
// list) in every answer — profile, directory card, search hit and suggestion reason alike — and
// the directory neither filters nor sorts by it. Email is never part of a profile.
import { z } from "zod";
import {
  countryCodes,
  employmentTypeCodes,
  industryCodes,
  isLocationCode,
  memberProfileFields,
  openToCodes,
  profileFields,
  profileLimits as l,
  visibilities,
} from "../people.ts";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, memberRole } from "./common.ts";

export { countryCodes };

const text = (max: number) => z.string().trim().max(max);
const year = z.number().int().min(1900).max(2100);
const yearQuery = z.coerce.number().int().min(1900).max(2100);
const tags = z
  .array(text(l.tagMax).min(1))
  .max(l.tagsMax)
  .transform((list) => [...new Set(list)]);

export const visibility = z.enum(visibilities);
export const industry = z.enum(industryCodes as [string, ...string[]]);
export const openTo = z.enum(openToCodes as [string, ...string[]]);
export const employmentType = z.enum(employmentTypeCodes as [string, ...string[]]);
export const location = z
  .string()
  .max(10)
  .refine((code) => isLocationCode(code), { params: { key: "unknown_location" } });
const httpUrl = z
  .string()
  .trim()
  .max(l.urlMax)
  .refine((u) => /^https?:\/\/[^\s]+$/i.test(u) && URL.canParse(u), { params: { key: "url_format" } });

export const careerEntry = z
  .object({
    company: text(l.careerTextMax).min(1),
    role: text(l.careerTextMax).default(""),
    fromYear: year.nullable().default(null),
    /** null: still there. */
    toYear: year.nullable().default(null),
  })
  .refine((c) => c.fromYear === null || c.toYear === null || c.fromYear <= c.toYear, {
    params: { key: "years_order" },
    path: ["toYear"],
  });
export const linkEntry = z.object({ label: text(l.linkLabelMax).default(""), url: httpUrl });
export const departmentEntry = z
  .object({
    department: text(l.departmentMax).min(1),
    position: text(l.positionMax).default(""),
    fromYear: year.nullable().default(null),
    toYear: year.nullable().default(null),
  })
  .refine((d) => d.fromYear === null || d.toYear === null || d.fromYear <= d.toYear, {
    params: { key: "years_order" },
    path: ["toYear"],
  });

const profileVisibility = z.partialRecord(z.enum(profileFields), visibility);
const memberProfileVisibility = z.partialRecord(z.enum(memberProfileFields), visibility);

/** The global profile as its owner edits it (PUT replaces all of it). */
export const profileInput = z.object({
  nameReading: text(l.readingMax).default(""),
  headline: text(l.headlineMax).default(""),
  company: text(l.companyMax).default(""),
  position: text(l.positionMax).default(""),
  industry: industry.nullable().default(null),
  location: location.nullable().default(null),
  career: z.array(careerEntry).max(l.careerMax).default([]),
  skills: tags.default([]),
  interests: tags.default([]),
  links: z.array(linkEntry).max(l.linksMax).default([]),
  languages: z.array(z.string().min(2).max(10)).max(l.tagsMax).default([]),
  visibility: profileVisibility.default({}),
});
export type ProfileInput = z.input<typeof profileInput>;

/** The profile at one company as its owner edits it. */
export const memberProfileInput = z
  .object({
    joinYear: year.nullable().default(null),
    leaveYear: year.nullable().default(null),
    departments: z.array(departmentEntry).max(l.departmentsMax).default([]),
    employmentType: employmentType.nullable().default(null),
    openTo: z
      .array(openTo)
      .max(openToCodes.length)
      .transform((list) => [...new Set(list)])
      .default([]),
    visibility: memberProfileVisibility.default({}),
  })
  .refine((p) => p.joinYear === null || p.leaveYear === null || p.joinYear <= p.leaveYear, {
    params: { key: "years_order" },
    path: ["leaveYear"],
  });
export type MemberProfileInput = z.input<typeof memberProfileInput>;

/** Where a value shown to members came from: the member, or the admins' CSV import (HR data). */
export const source = z.enum(["member", "import"]);

const completeness = z.object({
  /** 0–100. */
  percent: z.number().int(),
  /** The most useful field still empty, or null when nothing is missing. */
  next: z.string().nullable(),
});

export const myProfileSchema = z.object({
  accountId: id,
  displayName: z.string(),
  avatarUrl: z.string().nullable(),
  nameReading: z.string(),
  headline: z.string(),
  company: z.string(),
  position: z.string(),
  industry: z.string().nullable(),
  location: z.string().nullable(),
  career: z.array(careerEntry),
  skills: z.array(z.string()),
  interests: z.array(z.string()),
  links: z.array(linkEntry),
  languages: z.array(z.string()),
  visibility: z.record(z.string(), visibility),
  completeness,
  /** A year after the last confirmation (or change): ask "is this still current?". */
  confirmDue: z.boolean(),
  updatedAt: isoDateTime.nullable(),
});
export type MyProfile = z.infer<typeof myProfileSchema>;

export const myMemberProfileSchema = z.object({
  memberId: id,
  role: memberRole,
  joinYear: year.nullable(),
  leaveYear: year.nullable(),
  departments: z.array(departmentEntry),
  employmentType: z.string().nullable(),
  openTo: z.array(z.string()),
  visibility: z.record(z.string(), visibility),
  /** What the admins' import says (join/leave year, department), shown beside the member's own values. */
  imported: z.object({ joinYear: year.nullable(), leaveYear: year.nullable(), department: z.string().nullable() }),
  completeness,
  updatedAt: isoDateTime.nullable(),
});
export type MyMemberProfile = z.infer<typeof myMemberProfileSchema>;

/** A year shown to others, with where it came from. */
const sourcedYear = z.object({ value: year, source }).nullable();

/** Someone's profile in a network, as the viewer may see it. */
export const memberProfileSchema = z.object({
  memberId: id,
  displayName: z.string(),
  nameReading: z.string(),
  avatarUrl: z.string().nullable(),
  role: memberRole,
  supporterSince: isoDateTime.nullable(),
  isMe: z.boolean(),
  headline: z.string().nullable(),
  company: z.string().nullable(),
  position: z.string().nullable(),
  industry: z.string().nullable(),
  location: z.string().nullable(),
  career: z.array(careerEntry).nullable(),
  skills: z.array(z.string()).nullable(),
  interests: z.array(z.string()).nullable(),
  links: z.array(linkEntry).nullable(),
  languages: z.array(z.string()).nullable(),
  joinYear: sourcedYear,
  leaveYear: sourcedYear,
  departments: z.array(departmentEntry.and(z.object({ source }))).nullable(),
  employmentType: z.string().nullable(),
  openTo: z.array(z.string()).nullable(),
  /** Admins only: the HR data of the import, whatever the member wrote. */
  imported: z.object({ joinYear: year.nullable(), leaveYear: year.nullable(), department: z.string().nullable() }).nullable(),
  lastActiveAt: isoDateTime.nullable(),
  updatedAt: isoDateTime.nullable(),
});
export type MemberProfile = z.infer<typeof memberProfileSchema>;

/** Where a search term was found in a card: the field and the text with the matched ranges. */
export const matchSchema = z.object({
  field: z.string(),
  text: z.string(),
  /** [start, end) in UTF-16 code units of `text`. */
  highlights: z.array(z.tuple([z.number().int(), z.number().int()])),
});

export const personCardSchema = z.object({
  memberId: id,
  displayName: z.string(),
  nameReading: z.string(),
  avatarUrl: z.string().nullable(),
  role: memberRole,
  supporter: z.boolean(),
  joinYear: year.nullable(),
  leaveYear: year.nullable(),
  company: z.string().nullable(),
  position: z.string().nullable(),
  /** The latest department the viewer may see. */
  department: z.string().nullable(),
  openTo: z.array(z.string()),
  /** Search only: matched ranges in the name or reading, and other fields that matched. */
  nameHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  readingHighlights: z.array(z.tuple([z.number().int(), z.number().int()])),
  matches: z.array(matchSchema),
});
export type PersonCard = z.infer<typeof personCardSchema>;

export const directorySorts = ["name", "leaveYear", "active"] as const;

const commaList = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter((s) => s !== ""))
    .pipe(z.array(item).max(20));

/** The directory's filters; the admin member table takes the same. */
export const directoryFilters = z.object({
  q: z.string().max(200).default(""),
  role: z.enum(["employee", "alumni", "admin"]).optional(),
  joinFrom: yearQuery.optional(),
  joinTo: yearQuery.optional(),
  leaveFrom: yearQuery.optional(),
  leaveTo: yearQuery.optional(),
  department: z.string().trim().max(l.departmentMax).optional(),
  industry: industry.optional(),
  location: location.optional(),
  openTo: commaList(openTo).optional(),
  supporter: z
    .enum(["true", "false"])
    .transform((v) => v === "true")
    .optional(),
});
export type DirectoryFilters = z.infer<typeof directoryFilters>;

const networkParams = z.object({ networkId: id });
const personParams = z.object({ networkId: id, memberId: id });

export const getMyProfile = endpoint({
  id: "getMyProfile",
  method: "GET",
  path: "/api/me/profile",
  summary: "My profile as a person (the same in every network), with the visibility of each field and its completeness",
  tag: "people",
  access: "account",
  response: myProfileSchema,
});

export const updateMyProfile = endpoint({
  id: "updateMyProfile",
  method: "PUT",
  path: "/api/me/profile",
  summary: "Replace my profile as a person; every network's directory shows the change at once",
  tag: "people",
  access: "account",
  body: profileInput,
  response: myProfileSchema,
});

export const confirmMyProfile = endpoint({
  id: "confirmMyProfile",
  method: "POST",
  path: "/api/me/profile/confirm",
  summary: "Answer the yearly 'is this still current?' with yes",
  tag: "people",
  access: "account",
  response: myProfileSchema,
});

export const uploadAvatar = endpoint({
  id: "uploadAvatar",
  method: "PUT",
  path: "/api/me/avatar",
  summary: "Upload my avatar (JPEG, PNG, WebP, GIF, AVIF): cropped square, resized, metadata (EXIF, GPS) removed",
  tag: "people",
  access: "account",
  multipart: true,
  uploadMaxBytes: l.avatarBytesMax,
  response: myProfileSchema,
});

export const deleteAvatar = endpoint({
  id: "deleteAvatar",
  method: "DELETE",
  path: "/api/me/avatar",
  summary: "Remove my avatar",
  tag: "people",
  access: "account",
  response: myProfileSchema,
});

export const getMyMemberProfile = endpoint({
  id: "getMyMemberProfile",
  method: "GET",
  path: "/api/networks/:networkId/profile",
  summary: "My profile at this company: years, departments, employment type, what I am open to, and what the admins' import says",
  tag: "people",
  access: "member",
  params: networkParams,
  response: myMemberProfileSchema,
});

export const updateMyMemberProfile = endpoint({
  id: "updateMyMemberProfile",
  method: "PUT",
  path: "/api/networks/:networkId/profile",
  summary: "Replace my profile at this company (my own values take the place of the import's; the admins still see both)",
  tag: "people",
  access: "member",
  params: networkParams,
  body: memberProfileInput,
  response: myMemberProfileSchema,
});

export const getMemberProfile = endpoint({
  id: "getMemberProfile",
  method: "GET",
  path: "/api/networks/:networkId/people/:memberId",
  summary: "A member's profile with only the fields the viewer may see (404 for a blocked member or a departed one)",
  tag: "people",
  access: "member",
  params: personParams,
  response: memberProfileSchema,
});

export const listDirectory = endpoint({
  id: "listDirectory",
  method: "GET",
  path: "/api/networks/:networkId/people",
  summary:
    "The member directory: search (Japanese; every word must match; kana, width and case folded), filters, " +
    "sort by reading (あいうえお), leave year or recent activity; with a search, name hits come first",
  tag: "people",
  access: "member",
  params: networkParams,
  query: directoryFilters.extend({
    sort: z.enum(directorySorts).default("name"),
    cursor: z.string().max(300).optional(),
  }),
  response: z.object({ items: z.array(personCardSchema), nextCursor: z.string().nullable() }),
});

export const suggestionReason = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("department"), department: z.string(), fromYear: year.nullable(), toYear: year.nullable() }),
  z.object({ kind: z.literal("joinYear"), year }),
  z.object({ kind: z.literal("skills"), values: z.array(z.string()) }),
  z.object({ kind: z.literal("interests"), values: z.array(z.string()) }),
  z.object({ kind: z.literal("rooms"), rooms: z.array(z.string()) }),
  z.object({ kind: z.literal("contacts"), count: z.number().int() }),
]);
export type SuggestionReason = z.infer<typeof suggestionReason>;

export const listSuggestions = endpoint({
  id: "listSuggestions",
  method: "GET",
  path: "/api/networks/:networkId/people/suggestions",
  summary:
    "People you may know: overlapping years in a department, the same join year, shared skills and interests, shared " +
    "private rooms, people my contacts talk with — each with its reasons; never blocked people or people I already message",
  tag: "people",
  access: "member",
  params: networkParams,
  response: z.object({ items: z.array(z.object({ person: personCardSchema, reasons: z.array(suggestionReason) })) }),
});

export const listGenerations = endpoint({
  id: "listGenerations",
  method: "GET",
  path: "/api/networks/:networkId/people/generations",
  summary:
    "My departments with the members who were there: my generation (joined within two years of me, 横) and the " +
    "other generations (縦), by join year",
  tag: "people",
  access: "member",
  params: networkParams,
  response: z.object({
    myJoinYear: year.nullable(),
    departments: z.array(
      z.object({
        department: z.string(),
        sameGeneration: z.array(personCardSchema),
        otherGenerations: z.array(personCardSchema),
      }),
    ),
  }),
});
