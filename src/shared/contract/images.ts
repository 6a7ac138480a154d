// Images on posts and comments. An image is uploaded on its own first (while the member writes)
// and answered with its id; the post or comment then names it in `imageIds`. Until then only its
// uploader sees it, and an image nobody attached is deleted after a day. Served only through the
// API, to the members who may see what it is attached to — never from the public /files/ route.
import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id } from "./common.ts";

export const imageLimits = {
  /** Largest upload (bigger: 413 before anything is stored). */
  bytesMax: 20 * 1024 * 1024,
  perPost: 10,
  perComment: 4,
  perMessage: 4,
  /** Longest side of the variants, in pixels. */
  thumbSize: 480,
  largeSize: 1920,
} as const;

export const imageVariants = ["thumb", "large"] as const;
export type ImageVariant = (typeof imageVariants)[number];

/** An image as posts and comments show it: the size of `large` (the thumbnail has the same shape) and both URLs. */
export const imageSchema = z.object({
  id,
  width: z.number().int(),
  height: z.number().int(),
  thumbUrl: z.string(),
  largeUrl: z.string(),
});
export type Image = z.infer<typeof imageSchema>;

export const imageIds = (max: number) =>
  z
    .array(id)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { params: { key: "image_duplicate" } });

export const uploadImage = endpoint({
  id: "uploadImage",
  method: "POST",
  path: "/api/networks/:networkId/images",
  summary:
    "Upload one image (JPEG, PNG, WebP, GIF first frame, AVIF; at most 20 MB and 40 megapixels) to attach to a post or comment. " +
    "It is turned upright and stored as WebP variants without any metadata (EXIF and GPS are removed)",
  tag: "images",
  access: "member",
  status: 201,
  params: z.object({ networkId: id }),
  multipart: true,
  uploadMaxBytes: imageLimits.bytesMax,
  response: imageSchema,
});

export const getImage = {
  ...endpoint({
    id: "getImage",
    method: "GET",
    path: "/api/networks/:networkId/images/:imageId/:variant",
    summary:
      "An image variant (`thumb` or `large`, WebP) for members who see the post or comment it is attached to; " +
      "an unattached image only for its uploader",
    tag: "images",
    access: "member",
    // Any other variant name is an image that does not exist (404), like an unknown id.
    params: z.object({ networkId: id, imageId: id, variant: z.string().max(20) }),
  }),
  // Kept literal in the type, so the handler must return a file.
  produces: "image/webp" as const,
};
