// Rows → API shapes for custom stamps. Images go through the API (member access).
import type { CustomStamp } from "../../shared/contract/stamps.ts";
import type { CustomStampRow } from "../platform/db/schema.ts";

export const customStampImageUrl = (networkId: string, stampId: string) => `/api/networks/${networkId}/custom-stamps/${stampId}/image`;

export const presentCustomStamp = (row: CustomStampRow): CustomStamp => ({
  id: row.id,
  name: row.name,
  label: row.label,
  imageUrl: customStampImageUrl(row.network_id, row.id),
  archived: row.archived_at !== null,
  createdAt: row.created_at.toISOString(),
});
