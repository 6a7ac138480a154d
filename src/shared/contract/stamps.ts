// Custom stamps (カスタムスタンプ): images a network's admins add to the standard emoji stamps
// (src/shared/stamps.ts). Every member sees the list and can use the stamps that are not
// archived; archived ones stay on the posts and comments that have them.
import { z } from "zod";
import { stampNamePattern } from "../stamps.ts";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime } from "./common.ts";

export const customStampLimits = {
  labelMax: 40,
  /** Largest upload; the image is stored as a 128 × 128 WebP. */
  bytesMax: 5 * 1024 * 1024,
  size: 128,
} as const;

/** A stamp name as the API takes it: lower-case letters, digits and underscores, 1–32. */
export const stampName = z
  .string()
  .max(32)
  .refine((s) => stampNamePattern.test(s), { params: { key: "stamp_name_format" } });

export const customStampSchema = z.object({
  id,
  name: z.string(),
  /** What the stamp says, for its alt text and tooltip. */
  label: z.string(),
  imageUrl: z.string(),
  archived: z.boolean(),
  createdAt: isoDateTime,
});
export type CustomStamp = z.infer<typeof customStampSchema>;

const networkParams = z.object({ networkId: id });
const stampParams = z.object({ networkId: id, stampId: id });

export const listCustomStamps = endpoint({
  id: "listCustomStamps",
  method: "GET",
  path: "/api/networks/:networkId/custom-stamps",
  summary: "The network's custom stamps, archived ones included (marked), by name",
  tag: "stamps",
  access: "member",
  params: networkParams,
  response: z.object({ items: z.array(customStampSchema) }),
});

export const createCustomStamp = endpoint({
  id: "createCustomStamp",
  method: "POST",
  path: "/api/networks/:networkId/custom-stamps",
  summary:
    "Add a custom stamp (admins): a form with `name` and `label` first, then the image as `file`. " +
    "The name must be new in the network and not a standard stamp's",
  tag: "stamps",
  access: "network_admin",
  status: 201,
  params: networkParams,
  multipart: true,
  uploadMaxBytes: customStampLimits.bytesMax,
  body: z.object({ name: stampName, label: z.string().trim().min(1).max(customStampLimits.labelMax) }),
  response: customStampSchema,
});

export const setCustomStampArchived = endpoint({
  id: "setCustomStampArchived",
  method: "PUT",
  path: "/api/networks/:networkId/custom-stamps/:stampId/archived",
  summary: "Archive a custom stamp (no new uses; it stays where it was used) or bring it back (admins)",
  tag: "stamps",
  access: "network_admin",
  params: stampParams,
  body: z.object({ archived: z.boolean() }),
  response: customStampSchema,
});

export const getCustomStampImage = {
  ...endpoint({
    id: "getCustomStampImage",
    method: "GET",
    path: "/api/networks/:networkId/custom-stamps/:stampId/image",
    summary: "A custom stamp's image (128 × 128 WebP)",
    tag: "stamps",
    access: "member",
    params: stampParams,
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "image/webp" as const,
};
