// Rows → API shapes for images. The URLs go through the API (member access), never /files/.
import type { Image, ImageVariant } from "../../shared/contract/images.ts";
import type { ImageRow } from "../platform/db/schema.ts";

export const imageUrl = (networkId: string, imageId: string, variant: ImageVariant) =>
  `/api/networks/${networkId}/images/${imageId}/${variant}`;

export const presentImage = (row: Pick<ImageRow, "network_id" | "id" | "large_width" | "large_height">): Image => ({
  id: row.id,
  width: row.large_width,
  height: row.large_height,
  thumbUrl: imageUrl(row.network_id, row.id, "thumb"),
  largeUrl: imageUrl(row.network_id, row.id, "large"),
});
