// Custom stamps (カスタムスタンプ): admins add images under a name; members use them like the
// standard emoji. A name is the network's for good (stamps rows refer to it), so it can neither
// repeat an earlier custom stamp's, archived or not, nor a standard one's. Archiving stops new
// uses; the stamp still shows where it was used, and can be taken back there.
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import { customStampLimits, type CustomStamp } from "../../shared/contract/stamps.ts";
import { isStandardStamp } from "../../shared/stamps.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor, UploadedFile } from "../platform/http/context.ts";
import { processImage } from "../platform/storage/images.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { presentCustomStamp } from "./stamps.presenter.ts";
import { customStampsOf } from "./stamps.repository.ts";

const cacheSeconds = 30 * 24 * 3600;

export async function listCustomStamps(actor: MemberActor): Promise<{ items: CustomStamp[] }> {
  const rows = await customStampsOf(actor.tx, actor.networkId).execute();
  return { items: rows.map(presentCustomStamp) };
}

export async function createCustomStamp(
  deps: Deps,
  actor: MemberActor,
  input: { name: string; label: string },
  file: UploadedFile | null,
): Promise<CustomStamp> {
  if (!file) throw validationFailed({ file: "file_required" });
  if (isStandardStamp(input.name)) throw validationFailed({ name: "stamp_name_standard" });
  const taken = await customStampsOf(actor.tx, actor.networkId).where("name", "=", input.name).executeTakeFirst();
  if (taken) throw validationFailed({ name: "stamp_name_taken" });
  const image = await processImage(file.data, { maxSize: customStampLimits.size, square: true });
  const stored = await deps.storage.put("stamps", image, "image/webp", "webp");
  const row = await actor.tx
    .insertInto("custom_stamps")
    .values({ network_id: actor.networkId, name: input.name, label: input.label, image_key: stored.key, created_by: actor.membershipId })
    // Two admins adding the same name at once: the unique key decides, the second is told.
    .onConflict((oc) => oc.columns(["network_id", "name"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) {
    await deps.storage.delete(stored.key);
    throw validationFailed({ name: "stamp_name_taken" });
  }
  return presentCustomStamp(row);
}

export async function setCustomStampArchived(actor: MemberActor, stampId: string, archived: boolean): Promise<CustomStamp> {
  const row = await customStampsOf(actor.tx, actor.networkId).where("id", "=", stampId).forUpdate().executeTakeFirst();
  if (!row) throw notFound();
  if ((row.archived_at !== null) === archived) return presentCustomStamp(row);
  const updated = await actor.tx
    .updateTable("custom_stamps")
    .set({ archived_at: archived ? new Date() : null })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", stampId)
    .returningAll()
    .executeTakeFirstOrThrow();
  return presentCustomStamp(updated);
}

export async function customStampImage(deps: Deps, actor: MemberActor, stampId: string): Promise<FileResponse> {
  const row = await customStampsOf(actor.tx, actor.networkId).where("id", "=", stampId).executeTakeFirst();
  const data = row ? await deps.storage.get(row.image_key) : null;
  if (!row || !data) throw notFound();
  return { filename: `${row.name}.webp`, body: data, maxAgeSeconds: cacheSeconds };
}

/** Whether the name is a stamp of the network: standard, or one of its custom stamps (archived ones too). */
export async function isStampOf(tx: Tx, networkId: string, name: string): Promise<boolean> {
  return isStandardStamp(name) || (await customStampsOf(tx, networkId).where("name", "=", name).executeTakeFirst()) !== undefined;
}

/**
 * Whether a stamp name may be put on (`on`) or taken back: standard names always; a custom
 * stamp of the network to put on only while it is not archived, to take back always.
 * Otherwise 400 on `emoji`.
 */
export async function checkStampName(tx: Tx, networkId: string, name: string, on: boolean): Promise<void> {
  if (isStandardStamp(name)) return;
  const custom = await customStampsOf(tx, networkId).where("name", "=", name).executeTakeFirst();
  if (!custom) throw validationFailed({ emoji: "stamp_unknown" });
  if (on && custom.archived_at !== null) throw validationFailed({ emoji: "stamp_archived" });
}
