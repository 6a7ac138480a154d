// Reads the single file of a multipart upload into memory, within the size limit.
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { limits } from "../../../shared/limits.ts";
import { AppError, payloadTooLarge, unsupportedMediaType, validationFailed } from "../errors/errors.ts";
import type { UploadedFile } from "./context.ts";

export async function readUpload(req: FastifyRequest, maxBytes: number = limits.logoBytesMax): Promise<UploadedFile> {
  if (!req.isMultipart()) throw unsupportedMediaType();
  const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } }).catch(unreadable);
  if (!part) throw validationFailed({ file: "file_required" });
  const data = await part.toBuffer().catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "FST_REQ_FILE_TOO_LARGE") throw payloadTooLarge();
    return unreadable(error);
  });
  return { filename: part.filename, mimetype: part.mimetype, data };
}

/** busboy's parse errors (no boundary, a body cut short, a malformed part header) carry no status: a 400, not a 500. */
function unreadable(error: unknown): never {
  if (error instanceof AppError || (error instanceof Error && "statusCode" in error)) throw error;
  throw validationFailed({ _: "invalid_body" });
}
