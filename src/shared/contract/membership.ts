// How people come into a network and leave it: invitations (one by one or from a CSV import of
// leavers), the join page with its join requests, and the admins' member management and audit log.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { displayName, email, id, isoDateTime, locale, memberRole, memberStatus, page, pageQuery, password, token } from "./common.ts";
import { limits } from "../limits.ts";
import { importLimits, rowProblems, type ColumnMapping } from "../member-import.ts";
import { profileLimits } from "../people.ts";
import { departmentEntry, directoryFilters, source } from "./people.ts";

const networkParams = z.object({ networkId: id });
const year = z.number().int().min(1900).max(2100);
const shortText = (max: number) => z.string().trim().max(max);

// --- invitations ---

export const invitationStates = ["pending", "accepted", "revoked", "expired"] as const;
export const invitationState = z.enum(invitationStates);

export const invitationSchema = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: memberRole,
  note: z.string(),
  locale,
  state: invitationState,
  sendCount: z.number().int(),
  sentAt: isoDateTime,
  openedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime,
  acceptedAt: isoDateTime.nullable(),
  importId: id.nullable(),
  invitedByName: z.string().nullable(),
  createdAt: isoDateTime,
});
export type Invitation = z.infer<typeof invitationSchema>;

export const listInvitations = endpoint({
  id: "listInvitations",
  method: "GET",
  path: "/api/networks/:networkId/invitations",
  summary: "Invitations of a network, newest first, by state, address or name",
  tag: "invitations",
  access: "network_admin",
  params: networkParams,
  query: pageQuery.extend({
    state: invitationState.optional(),
    q: z.string().trim().max(100).optional(),
    importId: id.optional(),
  }),
  response: page(invitationSchema),
});

export const createInvitation = endpoint({
  id: "createInvitation",
  method: "POST",
  path: "/api/networks/:networkId/invitations",
  summary: "Invite one person by email with a role and an optional personal note",
  tag: "invitations",
  access: "network_admin",
  status: 201,
  params: networkParams,
  body: z.object({
    email,
    name: shortText(limits.displayNameMax).default(""),
    role: memberRole,
    note: shortText(limits.invitationNoteMax).default(""),
    locale: locale.default("ja"),
  }),
  response: invitationSchema,
});

const invitationParams = z.object({ networkId: id, invitationId: id });

export const resendInvitation = endpoint({
  id: "resendInvitation",
  method: "POST",
  path: "/api/networks/:networkId/invitations/:invitationId/resend",
  summary: "Send a pending or expired invitation again with a new link and a new expiry",
  tag: "invitations",
  access: "network_admin",
  params: invitationParams,
  response: invitationSchema,
});

export const revokeInvitation = endpoint({
  id: "revokeInvitation",
  method: "POST",
  path: "/api/networks/:networkId/invitations/:invitationId/revoke",
  summary: "Revoke an invitation; its link stops working",
  tag: "invitations",
  access: "network_admin",
  params: invitationParams,
  response: invitationSchema,
});

export const registrationStatsSchema = z.object({
  invited: z.number().int(),
  registered: z.number().int(),
  /** registered ÷ invited, 0 when nobody was invited. */
  rate: z.number(),
  imports: z.array(
    z.object({
      id,
      filename: z.string(),
      createdAt: isoDateTime,
      invited: z.number().int(),
      registered: z.number().int(),
      rate: z.number(),
    }),
  ),
});
export type RegistrationStats = z.infer<typeof registrationStatsSchema>;

export const getRegistrationStats = endpoint({
  id: "getRegistrationStats",
  method: "GET",
  path: "/api/networks/:networkId/registration-stats",
  summary: "Registration rate: registered ÷ invited, overall and per import",
  tag: "invitations",
  access: "network_admin",
  params: networkParams,
  response: registrationStatsSchema,
});

// --- the join page: an invitation link, or a join request ---

export const publicNetworkSchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  logoUrl: z.string().nullable(),
  purpose: z.string(),
  eligibility: z.string(),
  codeOfConduct: z.string(),
  termsVersion: z.number().int(),
  joinRequestsOpen: z.boolean(),
});
export type PublicNetwork = z.infer<typeof publicNetworkSchema>;

const slugParams = z.object({ slug: z.string().trim().toLowerCase().min(1).max(limits.slugMax) });

export const joinPageSchema = z.object({
  network: publicNetworkSchema,
  /** For a signed-in caller: already a member, or a request waiting. */
  me: z.object({ status: z.enum(["none", "member", "request_pending", "request_declined"]) }).nullable(),
});
export type JoinPage = z.infer<typeof joinPageSchema>;

export const getJoinPage = endpoint({
  id: "getJoinPage",
  method: "GET",
  path: "/api/join/:slug",
  summary: "A network's public join page (only for networks that take join requests)",
  tag: "join",
  access: "public",
  params: slugParams,
  response: joinPageSchema,
});

export const invitationViewSchema = z.object({
  network: publicNetworkSchema,
  state: invitationState,
  email: z.string(),
  name: z.string(),
  role: memberRole,
  note: z.string(),
  inviterName: z.string().nullable(),
  expiresAt: isoDateTime,
  /** Whether an account with the invited address exists (then: sign in instead of sign up). */
  accountExists: z.boolean(),
  /** For a signed-in caller: already an active member of this network. */
  alreadyMember: z.boolean(),
});
export type InvitationView = z.infer<typeof invitationViewSchema>;

export const viewInvitation = endpoint({
  id: "viewInvitation",
  method: "POST",
  path: "/api/join/:slug/invitation",
  summary: "What an invitation link is for, and its state (the token travels in the body, never in a URL)",
  tag: "join",
  access: "public",
  params: slugParams,
  body: z.object({ token }),
  response: invitationViewSchema,
});

export const joinedSchema = z.object({ networkId: id, slug: z.string() });

export const acceptInvitation = endpoint({
  id: "acceptInvitation",
  method: "POST",
  path: "/api/join/:slug/invitation/accept",
  summary: "The signed-in account accepts an invitation and the network's terms",
  tag: "join",
  access: "account",
  params: slugParams,
  body: z.object({ token, termsVersion: z.number().int().min(1) }),
  response: joinedSchema,
});

export const signUpWithInvitation = endpoint({
  id: "signUpWithInvitation",
  method: "POST",
  path: "/api/join/:slug/invitation/sign-up",
  summary: "Create an account with the invited address, accept the terms and join; signs in",
  tag: "join",
  access: "public",
  status: 201,
  params: slugParams,
  body: z.object({ token, termsVersion: z.number().int().min(1), displayName, password, locale: locale.default("ja") }),
  response: joinedSchema,
});

export const createJoinRequest = endpoint({
  id: "createJoinRequest",
  method: "POST",
  path: "/api/join/:slug/requests",
  summary: "Ask to join; without a session, an account is created (and signed in) at the same time",
  tag: "join",
  access: "public",
  status: 201,
  params: slugParams,
  body: z.object({
    message: shortText(limits.joinRequestMessageMax).default(""),
    termsVersion: z.number().int().min(1),
    account: z.object({ displayName, email, password, locale: locale.default("ja") }).optional(),
  }),
  response: z.object({ status: z.literal("request_pending") }),
});

// --- join requests, for admins ---

export const joinRequestSchema = z.object({
  id,
  accountId: id,
  displayName: z.string(),
  email: z.string(),
  message: z.string(),
  status: z.enum(["pending", "approved", "declined"]),
  reply: z.string(),
  createdAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  decidedByName: z.string().nullable(),
});
export type JoinRequest = z.infer<typeof joinRequestSchema>;

export const listJoinRequests = endpoint({
  id: "listJoinRequests",
  method: "GET",
  path: "/api/networks/:networkId/join-requests",
  summary: "Join requests, newest first",
  tag: "join",
  access: "network_admin",
  params: networkParams,
  query: pageQuery.extend({ status: z.enum(["pending", "approved", "declined"]).optional() }),
  response: page(joinRequestSchema),
});

export const decideJoinRequest = endpoint({
  id: "decideJoinRequest",
  method: "POST",
  path: "/api/networks/:networkId/join-requests/:requestId/decision",
  summary: "Approve (with a role) or decline a join request; the requester gets the reply by mail",
  tag: "join",
  access: "network_admin",
  params: z.object({ networkId: id, requestId: id }),
  body: z.object({
    decision: z.enum(["approve", "decline"]),
    role: z.enum(["alumni", "employee"]).default("alumni"),
    reply: shortText(limits.joinRequestMessageMax).default(""),
  }),
  response: joinRequestSchema,
});

// --- member management, for admins ---

/**
 * What the admins may see of a member's profile (viewer level 3): every field except those the
 * member keeps to themself (null, or an empty list). Years and departments are the effective ones
 * — the member's own, else the import's — with where each came from; `hr` keeps the import's
 * values beside them whatever the member wrote.
 */
export const managedProfileSchema = z.object({
  company: z.string().nullable(),
  position: z.string().nullable(),
  industry: z.string().nullable(),
  location: z.string().nullable(),
  joinYear: z.object({ value: year, source }).nullable(),
  leaveYear: z.object({ value: year, source }).nullable(),
  departments: z.array(departmentEntry.and(z.object({ source }))),
  employmentType: z.string().nullable(),
  openTo: z.array(z.string()),
});
export type ManagedProfile = z.infer<typeof managedProfileSchema>;

export const managedMemberSchema = z.object({
  id,
  accountId: id,
  displayName: z.string(),
  /** 読み仮名 (always visible to members, so to the admins too). */
  nameReading: z.string(),
  email: z.string(),
  role: memberRole,
  status: memberStatus,
  joinedAt: isoDateTime.nullable(),
  leftAt: isoDateTime.nullable(),
  lastActiveAt: isoDateTime.nullable(),
  termsAcceptedAt: isoDateTime.nullable(),
  removedReason: z.string().nullable(),
  /** Appointed アルムナイサポーター since (null: not a supporter). */
  supporterSince: isoDateTime.nullable(),
  /** A supporter an admin allowed to organise events (イベントの運営). */
  organizesEvents: z.boolean(),
  hr: z.object({
    name: z.string().nullable(),
    joinYear: z.number().int().nullable(),
    leaveYear: z.number().int().nullable(),
    department: z.string().nullable(),
  }),
  profile: managedProfileSchema,
});
export type ManagedMember = z.infer<typeof managedMemberSchema>;

/** The directory's filters (read at the admins' level) and the member's status. */
export const managedMemberFilters = directoryFilters.extend({ status: memberStatus.optional() });
export type ManagedMemberFilters = z.infer<typeof managedMemberFilters>;

export const listManagedMembers = endpoint({
  id: "listManagedMembers",
  method: "GET",
  path: "/api/networks/:networkId/manage/members",
  summary:
    "All members with status, HR data and the profile fields the admins may see; search by name, reading, email or HR name, " +
    "and the directory's filters (role, join/leave years, department, industry, location, open to, supporter) plus status",
  tag: "members",
  access: "network_admin",
  params: networkParams,
  query: managedMemberFilters.extend(pageQuery.shape),
  response: page(managedMemberSchema),
});

/** How many selected members one export may name (the ids travel in the URL of a download link). */
export const exportSelectionMax = 200;

export const exportManagedMembers = {
  ...endpoint({
    id: "exportManagedMembers",
    method: "GET",
    path: "/api/networks/:networkId/manage/members/export",
    summary:
      "The member table as CSV (UTF-8 with BOM for Excel, headers in the admin's language): every member the filters find, " +
      "or only the selected ones (`ids`); written to the audit log",
    tag: "members",
    access: "network_admin",
    params: networkParams,
    query: managedMemberFilters.extend({
      ids: z
        .string()
        .max(exportSelectionMax * 37)
        .transform((v) => [
          ...new Set(
            v
              .split(",")
              .map((s) => s.trim())
              .filter((s) => s !== ""),
          ),
        ])
        .pipe(z.array(id).min(1).max(exportSelectionMax))
        .optional(),
    }),
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "text/csv" as const,
};

const memberParams = z.object({ networkId: id, memberId: id });

export const removeMember = endpoint({
  id: "removeMember",
  method: "POST",
  path: "/api/networks/:networkId/members/:memberId/remove",
  summary: "Remove a member, with a reason kept in the audit log",
  tag: "members",
  access: "network_admin",
  params: memberParams,
  body: z.object({ reason: shortText(limits.removalReasonMax).min(1) }),
  response: managedMemberSchema,
});

/** A calendar date, YYYY-MM-DD (the server refuses one after today in the admin's time zone). */
const isoDate = z.iso.date();

export const setMemberSupporter = endpoint({
  id: "setMemberSupporter",
  method: "PUT",
  path: "/api/networks/:networkId/members/:memberId/supporter",
  summary:
    "Appoint an active alumni member as a supporter (アルムナイサポーター) from a date (default today, never in the future), " +
    "or end the appointment; appointing again keeps the date unless another is given",
  tag: "members",
  access: "network_admin",
  params: memberParams,
  body: z.object({ supporter: z.boolean(), since: isoDate.optional() }),
  response: managedMemberSchema,
});

/** The admins' own data on a member (from the CSV import, or typed here). Omitted fields stay as they are. */
export const memberHrInput = z.object({
  hrName: shortText(limits.displayNameMax)
    .transform((v) => v || null)
    .nullable()
    .optional(),
  hrJoinYear: year.nullable().optional(),
  hrLeaveYear: year.nullable().optional(),
  hrDepartment: shortText(profileLimits.departmentMax)
    .transform((v) => v || null)
    .nullable()
    .optional(),
});

export const updateMemberHr = endpoint({
  id: "updateMemberHr",
  method: "PATCH",
  path: "/api/networks/:networkId/members/:memberId/hr",
  summary:
    "Correct the admins' data on a member (HR name, join and leave year, department); the directory and search follow at once, " +
    "and the change is written to the audit log with the values before and after",
  tag: "members",
  access: "network_admin",
  params: memberParams,
  body: memberHrInput,
  response: managedMemberSchema,
});

export const reactivateMember = endpoint({
  id: "reactivateMember",
  method: "POST",
  path: "/api/networks/:networkId/members/:memberId/reactivate",
  summary: "Let a removed or departed member back in",
  tag: "members",
  access: "network_admin",
  params: memberParams,
  response: managedMemberSchema,
});

export const leaveNetwork = endpoint({
  id: "leaveNetwork",
  method: "POST",
  path: "/api/networks/:networkId/leave",
  summary: "Leave the network (what you posted stays, under your name)",
  tag: "members",
  access: "member",
  params: networkParams,
});

export const acceptNetworkTerms = endpoint({
  id: "acceptNetworkTerms",
  method: "POST",
  path: "/api/networks/:networkId/terms",
  summary: "A member accepts the current purpose, eligibility and code of conduct (after a change, or if never accepted)",
  tag: "members",
  access: "member",
  params: networkParams,
  body: z.object({ termsVersion: z.number().int().min(1) }),
});

export const auditEntrySchema = z.object({
  id,
  actorName: z.string(),
  action: z.string(),
  subjectName: z.string(),
  details: z.record(z.string(), z.unknown()),
  createdAt: isoDateTime,
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const listAuditLog = endpoint({
  id: "listAuditLog",
  method: "GET",
  path: "/api/networks/:networkId/audit-log",
  summary: "What admins and members did to membership: invitations, imports, joins, leaving, removals, roles",
  tag: "members",
  access: "network_admin",
  params: networkParams,
  query: pageQuery,
  response: page(auditEntrySchema),
});

// --- CSV import of leavers ---

const columnIndex = z.number().int().min(0).max(500).optional();
export const columnMappingSchema = z.object({
  name: columnIndex,
  email: columnIndex,
  role: columnIndex,
  joinYear: columnIndex,
  leaveYear: columnIndex,
  department: columnIndex,
  /** The 名 column when the file splits names into 姓 (in `name`) and 名. */
  nameGiven: columnIndex,
}) satisfies z.ZodType<ColumnMapping>;

export const memberImportSchema = z.object({
  id,
  filename: z.string(),
  encoding: z.string(),
  headers: z.array(z.string()),
  /** The first rows of the file, for the mapping step. */
  sampleRows: z.array(z.array(z.string())),
  mapping: columnMappingSchema,
  defaultRole: memberRole,
  status: z.enum(["uploaded", "previewed", "importing", "done"]),
  totalRows: z.number().int(),
  okRows: z.number().int(),
  problemCounts: z.record(z.string(), z.number().int()),
  processedRows: z.number().int(),
  invitedRows: z.number().int(),
  registeredRows: z.number().int(),
  createdByName: z.string().nullable(),
  createdAt: isoDateTime,
  startedAt: isoDateTime.nullable(),
  finishedAt: isoDateTime.nullable(),
});
export type MemberImport = z.infer<typeof memberImportSchema>;

const importParams = z.object({ networkId: id, importId: id });

export const uploadMemberImport = endpoint({
  id: "uploadMemberImport",
  method: "POST",
  path: "/api/networks/:networkId/imports",
  summary: "Upload a CSV of leavers (UTF-8, UTF-8 with BOM, Shift_JIS/CP932); returns the guessed column mapping",
  tag: "imports",
  access: "network_admin",
  status: 201,
  params: networkParams,
  multipart: true,
  uploadMaxBytes: importLimits.bytesMax,
  response: memberImportSchema,
});

export const listMemberImports = endpoint({
  id: "listMemberImports",
  method: "GET",
  path: "/api/networks/:networkId/imports",
  summary: "Imports of a network, newest first",
  tag: "imports",
  access: "network_admin",
  params: networkParams,
  query: pageQuery,
  response: page(memberImportSchema),
});

export const getMemberImport = endpoint({
  id: "getMemberImport",
  method: "GET",
  path: "/api/networks/:networkId/imports/:importId",
  summary: "One import with its progress",
  tag: "imports",
  access: "network_admin",
  params: importParams,
  response: memberImportSchema,
});

export const previewMemberImport = endpoint({
  id: "previewMemberImport",
  method: "POST",
  path: "/api/networks/:networkId/imports/:importId/preview",
  summary: "Check every row with this column mapping (dry run: nothing is invited)",
  tag: "imports",
  access: "network_admin",
  params: importParams,
  body: z.object({ mapping: columnMappingSchema, defaultRole: memberRole.default("alumni") }),
  response: memberImportSchema,
});

export const importRowSchema = z.object({
  rowNumber: z.number().int(),
  name: z.string(),
  email: z.string(),
  role: memberRole.nullable(),
  joinYear: year.nullable(),
  leaveYear: year.nullable(),
  department: z.string(),
  problems: z.array(z.enum(rowProblems)),
  outcome: z.enum(["invited", "skipped"]).nullable(),
});
export type ImportRow = z.infer<typeof importRowSchema>;

export const listMemberImportRows = endpoint({
  id: "listMemberImportRows",
  method: "GET",
  path: "/api/networks/:networkId/imports/:importId/rows",
  summary: "The previewed rows with their problems, in file order",
  tag: "imports",
  access: "network_admin",
  params: importParams,
  query: z.object({
    filter: z.enum(["all", "ok", "problems"]).default("all"),
    cursor: z
      .string()
      .regex(/^\d{1,7}$/)
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  }),
  response: page(importRowSchema),
});

export const startMemberImport = endpoint({
  id: "startMemberImport",
  method: "POST",
  path: "/api/networks/:networkId/imports/:importId/start",
  summary: "Invite every valid row of the preview (in the background; poll the import for progress)",
  tag: "imports",
  access: "network_admin",
  params: importParams,
  body: z.object({ note: shortText(limits.invitationNoteMax).default("") }),
  response: memberImportSchema,
});

export const downloadMemberImportReport = {
  ...endpoint({
    id: "downloadMemberImportReport",
    method: "GET",
    path: "/api/networks/:networkId/imports/:importId/report.csv",
    summary: "The per-row result as CSV (UTF-8 with BOM, opens in Excel)",
    tag: "imports",
    access: "network_admin",
    params: importParams,
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "text/csv" as const,
};
