// Errors with stable codes. Services throw these; the HTTP layer turns them into
// { error: { code, message, fields } } in the caller's language.
import type { ErrorCode } from "../../../shared/errors.ts";

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string> | undefined;
  constructor(
    code: ErrorCode,
    status: number,
    options: { fields?: Record<string, string>; headers?: Record<string, string>; detail?: string } = {},
  ) {
    super(options.detail ?? code);
    this.code = code;
    this.status = status;
    this.fields = options.fields;
    this.headers = options.headers;
  }
}

export const validationFailed = (fields: Record<string, string>) => new AppError("validation_failed", 400, { fields });
export const unauthenticated = () => new AppError("unauthenticated", 401);
export const forbidden = () => new AppError("forbidden", 403);
/** Also what another network's resource looks like: never reveal that it exists. */
export const notFound = () => new AppError("not_found", 404);
export const conflict = (fields?: Record<string, string>) => new AppError("conflict", 409, fields ? { fields } : {});
export const invalidCredentials = () => new AppError("invalid_credentials", 401);
export const invalidToken = () => new AppError("invalid_token", 400);
export const csrfFailed = () => new AppError("csrf_failed", 403);
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError("rate_limited", 429, { headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) } });
export const payloadTooLarge = () => new AppError("payload_too_large", 413);
export const unsupportedMediaType = () => new AppError("unsupported_media_type", 415);
