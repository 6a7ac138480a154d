// Uploading and serving images. An upload is processed (platform/storage/images.ts) into two
// WebP variants without metadata, stored under random keys and recorded unattached; posts and
// comments attach it (images.attachments.ts). Serving follows what the image is attached to:
// unattached → its uploader only; on a post or comment → whoever sees that room; a deleted post
// or comment has no images. Anything else is 404. Housekeeping deletes images nobody attached.
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import { imageLimits, imageVariants, type Image, type ImageVariant } from "../../shared/contract/images.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor, UploadedFile } from "../platform/http/context.ts";
import { processImageVariants } from "../platform/storage/images.ts";
import { canSeePost, canSeeComment } from "../posts/posts.service.ts";
import { canSeeMessage } from "../messages/messages.service.ts";
import { presentImage } from "./images.presenter.ts";

/** Variants never change under an id: browsers may keep them. */
const cacheSeconds = 30 * 24 * 3600;

export async function uploadImage(deps: Deps, actor: MemberActor, file: UploadedFile | null): Promise<Image> {
  if (!file) throw validationFailed({ file: "file_required" });
  const variants = await processImageVariants(file.data, {
    thumb: { maxSize: imageLimits.thumbSize },
    large: { maxSize: imageLimits.largeSize },
  });
  const thumb = await deps.storage.put("images", variants.thumb.data, "image/webp", "webp");
  const large = await deps.storage.put("images", variants.large.data, "image/webp", "webp");
  const row = await actor.tx
    .insertInto("images")
    .values({
      network_id: actor.networkId,
      uploader_id: actor.membershipId,
      thumb_key: thumb.key,
      thumb_width: variants.thumb.width,
      thumb_height: variants.thumb.height,
      thumb_bytes: variants.thumb.bytes,
      large_key: large.key,
      large_width: variants.large.width,
      large_height: variants.large.height,
      large_bytes: variants.large.bytes,
    })
    .returning(["network_id", "id", "large_width", "large_height"])
    .executeTakeFirstOrThrow();
  return presentImage(row);
}

const isVariant = (v: string): v is ImageVariant => (imageVariants as readonly string[]).includes(v);

export async function getImage(deps: Deps, actor: MemberActor, imageId: string, variant: string): Promise<FileResponse> {
  if (!isVariant(variant)) throw notFound();
  const row = await actor.tx
    .selectFrom("images")
    .selectAll()
    .where("network_id", "=", actor.networkId)
    .where("id", "=", imageId)
    .executeTakeFirst();
  if (!row) throw notFound();
  const visible = row.post_id
    ? await canSeePost(actor, row.post_id)
    : row.comment_id
      ? await canSeeComment(actor, row.comment_id)
      : row.message_id
        ? await canSeeMessage(actor, row.message_id)
        : // Unattached: the uploader only.
          row.uploader_id === actor.membershipId;
  if (!visible) throw notFound();
  const key = variant === "thumb" ? row.thumb_key : row.large_key;
  const data = await deps.storage.get(key);
  if (!data) throw notFound();
  return { filename: `${imageId}-${variant}.webp`, body: data, maxAgeSeconds: cacheSeconds };
}
