import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { displayName, email, id, isoDateTime, locale, memberRole, networkKind, password, timeZone, token } from "./common.ts";

export const accountSchema = z.object({
  id,
  email: z.string(),
  displayName: z.string(),
  /** My avatar (null: initials), shown in the header. */
  avatarUrl: z.string().nullable(),
  locale,
  timeZone: z.string(),
  emailVerified: z.boolean(),
  isOperator: z.boolean(),
  createdAt: isoDateTime,
});
export type Account = z.infer<typeof accountSchema>;

export const myNetworkSchema = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  kind: networkKind,
  logoUrl: z.string().nullable(),
  role: memberRole,
  /** The signed-in person's membership in this network (their id as a member: authors, mentions). */
  memberId: id,
});
export type MyNetwork = z.infer<typeof myNetworkSchema>;

export const meSchema = z.object({
  account: accountSchema,
  networks: z.array(myNetworkSchema),
  /** Echo this in the `x-csrf-token` header on every write. */
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;

export const sessionSchema = z.object({
  id,
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const getMe = endpoint({
  id: "getMe",
  method: "GET",
  path: "/api/me",
  summary: "The signed-in account, its networks and the CSRF token",
  tag: "accounts",
  access: "account",
  response: meSchema,
});

export const updateMe = endpoint({
  id: "updateMe",
  method: "PATCH",
  path: "/api/me",
  summary: "Change profile name, language or time zone",
  tag: "accounts",
  access: "account",
  body: z.object({ displayName: displayName.optional(), locale: locale.optional(), timeZone: timeZone.optional() }),
  response: accountSchema,
});

export const changePassword = endpoint({
  id: "changePassword",
  method: "POST",
  path: "/api/me/password",
  summary: "Change password; signs out every other session",
  tag: "accounts",
  access: "account",
  body: z.object({ currentPassword: z.string().min(1).max(200), newPassword: password }),
});

export const listSessions = endpoint({
  id: "listSessions",
  method: "GET",
  path: "/api/me/sessions",
  summary: "Sessions of the signed-in account",
  tag: "accounts",
  access: "account",
  response: z.object({ items: z.array(sessionSchema) }),
});

export const revokeSession = endpoint({
  id: "revokeSession",
  method: "DELETE",
  path: "/api/me/sessions/:sessionId",
  summary: "Sign out one session",
  tag: "accounts",
  access: "account",
  params: z.object({ sessionId: id }),
});

export const exportAccount = endpoint({
  id: "exportAccount",
  method: "GET",
  path: "/api/me/export",
  summary: "Everything stored about the signed-in account, as JSON",
  tag: "accounts",
  access: "account",
  response: z.object({
    exportedAt: isoDateTime,
    account: accountSchema,
    memberships: z.array(
      z.object({ networkId: id, networkName: z.string(), role: memberRole, status: z.string(), joinedAt: isoDateTime.nullable() }),
    ),
    sessions: z.array(sessionSchema),
  }),
});

export const deleteAccount = endpoint({
  id: "deleteAccount",
  method: "POST",
  path: "/api/me/delete",
  summary: "Delete the signed-in account for good (password required)",
  tag: "accounts",
  access: "account",
  body: z.object({ password: z.string().min(1).max(200) }),
});

export const resendVerification = endpoint({
  id: "resendVerification",
  method: "POST",
  path: "/api/me/verify-email/resend",
  summary: "Send the email verification mail again",
  tag: "accounts",
  access: "account",
  status: 202,
  response: z.object({ status: z.literal("sent") }),
});

// --- sign-in, sign-out, tokens (no session needed) ---

export const signIn = endpoint({
  id: "signIn",
  method: "POST",
  path: "/api/auth/sign-in",
  summary: "Sign in with email and password; sets the session cookie",
  tag: "auth",
  access: "public",
  body: z.object({ email, password: z.string().min(1).max(200) }),
  response: meSchema,
});

export const signOut = endpoint({
  id: "signOut",
  method: "POST",
  path: "/api/auth/sign-out",
  summary: "Sign out this session",
  tag: "auth",
  access: "account",
});

export const requestPasswordReset = endpoint({
  id: "requestPasswordReset",
  method: "POST",
  path: "/api/auth/password-reset",
  summary: "Mail a password reset link (answers the same whether the address is known or not)",
  tag: "auth",
  access: "public",
  status: 202,
  body: z.object({ email }),
  response: z.object({ status: z.literal("sent") }),
});

export const confirmPasswordReset = endpoint({
  id: "confirmPasswordReset",
  method: "POST",
  path: "/api/auth/password-reset/confirm",
  summary: "Set a new password with a reset token (a new admin also gives their name); signs out every session",
  tag: "auth",
  access: "public",
  body: z.object({ token, password, displayName: displayName.optional() }),
});

export const verifyEmail = endpoint({
  id: "verifyEmail",
  method: "POST",
  path: "/api/auth/verify-email",
  summary: "Confirm an email address with the mailed token",
  tag: "auth",
  access: "public",
  body: z.object({ token }),
});

export const setupStatus = endpoint({
  id: "setupStatus",
  method: "GET",
  path: "/api/setup",
  summary: "Whether this deployment still needs its operator account",
  tag: "setup",
  access: "public",
  response: z.object({ needed: z.boolean() }),
});

export const completeSetup = endpoint({
  id: "completeSetup",
  method: "POST",
  path: "/api/setup",
  summary: "Create the operator account with the one-time setup token from the server log",
  tag: "setup",
  access: "public",
  body: z.object({ setupToken: z.string().min(1).max(200), email, password, displayName, locale: locale.default("ja") }),
  response: meSchema,
});
