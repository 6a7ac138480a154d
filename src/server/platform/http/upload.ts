// Reads the single file of a multipart upload into memory, within the size limit.
import type {} from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import { limits } from "../../../shared/limits.ts";
import { payloadTooLarge, unsupportedMediaType, validationFailed } from "../errors/errors.ts";
import type { UploadedFile } from "./context.ts";

export async function readUpload(req: FastifyRequest): Promise<UploadedFile> {
  if (!req.isMultipart()) throw unsupportedMediaType();
  const part = await req.file({ limits: { fileSize: limits.logoBytesMax, files: 1 } });
  if (!part) throw validationFailed({ file: "file_required" });
  const data = await part.toBuffer().catch((error: unknown) => {
    if (error instanceof Error && "code" in error && error.code === "FST_REQ_FILE_TOO_LARGE") throw payloadTooLarge();
    throw error;
  });
  return { filename: part.filename, mimetype: part.mimetype, data };
}
