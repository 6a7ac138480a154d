// Reads the single file of a multipart upload into memory, within the size limit (the body is
// cut off at the limit, not read to its end), and the text fields sent before it.
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { limits } from "../../../shared/limits.ts";
import { AppError, payloadTooLarge, unsupportedMediaType, validationFailed } from "../errors/errors.ts";
import type { UploadedFile } from "./context.ts";

/** Room for the multipart framing and text fields around the file. */
const formOverheadBytes = 64 * 1024;

export async function readUpload(req: FastifyRequest, maxBytes: number = limits.logoBytesMax): Promise<UploadedFile> {
  if (!req.isMultipart()) throw unsupportedMediaType();
  // A body declared far bigger than the limit is refused before any of it is read.
  if (Number(req.headers["content-length"] ?? 0) > maxBytes + formOverheadBytes) throw payloadTooLarge();
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } }).catch(unreadable);
  if (!part) throw validationFailed({ file: "file_required" });
  const data = await part.toBuffer().catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "FST_REQ_FILE_TOO_LARGE") throw payloadTooLarge();
    return unreadable(error);
  });
  return { filename: part.filename, mimetype: part.mimetype, data, fields: textFields(part.fields) };
}

/** The text fields that came before the file part (a form must put them first to be read). */
function textFields(fields: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = (field as { type?: string; value?: unknown } | undefined) ?? {};
    if (value.type === "field" && typeof value.value === "string") out[name] = value.value;
  }
  return out;
}

/** busboy's parse errors (no boundary, a body cut short, a malformed part header) carry no status: a 400, not a 500. */
function unreadable(error: unknown): never {
  if (error instanceof AppError || (error instanceof Error && "statusCode" in error)) throw error;
  throw validationFailed({ _: "invalid_body" });
}
