// The one error shape every API response uses: { error: { code, message, fields } }.
import { z } from "zod";

export const errorCodes = [
  "validation_failed",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "rate_limited",
  "csrf_failed",
  "invalid_credentials",
  "invalid_token",
  "payload_too_large",
  "unsupported_media_type",
  "internal_error",
  "invitation_expired",
  "invitation_revoked",
  "invitation_used",
  "invitation_other_network",
  "terms_changed",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
