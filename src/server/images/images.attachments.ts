// Images as parts of posts, comments and direct messages: attaching the ones a member uploaded
// (in the target's transaction), reading them for presentation, and deleting them with their
// target. Files go only after the transaction commits, so a rollback never loses an image.
import type { Image } from "../../shared/contract/images.ts";
import type { Deps } from "../platform/deps.ts";
import { validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { presentImage } from "./images.presenter.ts";

export type ImageTarget = { post_id: string } | { comment_id: string } | { message_id: string };
type TargetColumn = "post_id" | "comment_id" | "message_id";

const columnOf = (target: ImageTarget): readonly [TargetColumn, string] =>
  "post_id" in target
    ? ["post_id", target.post_id]
    : "comment_id" in target
      ? ["comment_id", target.comment_id]
      : ["message_id", target.message_id];

/** The images of each post, comment or message, in their order. */
export async function imagesOf(tx: Tx, networkId: string, column: TargetColumn, ids: readonly string[]): Promise<Map<string, Image[]>> {
  const result = new Map<string, Image[]>();
  if (ids.length === 0) return result;
  const rows = await tx
    .selectFrom("images")
    .select(["network_id", "id", "post_id", "comment_id", "message_id", "large_width", "large_height"])
    .where("network_id", "=", networkId)
    .where(column, "in", ids)
    .orderBy("position")
    .execute();
  for (const row of rows) {
    const key = row[column];
    if (!key) continue;
    const list = result.get(key) ?? [];
    list.push(presentImage(row));
    result.set(key, list);
  }
  return result;
}

/** How many images the post or comment has now (to tell whether an edit leaves it empty). */
export async function imageCount(tx: Tx, networkId: string, target: ImageTarget): Promise<number> {
  const [column, id] = columnOf(target);
  const rows = await tx.selectFrom("images").select("id").where("network_id", "=", networkId).where(column, "=", id).execute();
  return rows.length;
}

/**
 * Makes `imageIds` the images of the target, in that order. Each must be the actor's own upload
 * in this network, unattached or already on this target (else 400 `imageIds: image_unavailable`).
 * Images the target had and the list leaves out are deleted (rows now, files after commit).
 */
export async function setImages(deps: Deps, actor: MemberActor, target: ImageTarget, imageIds: readonly string[]): Promise<void> {
  const [column, targetId] = columnOf(target);
  const wanted =
    imageIds.length === 0
      ? []
      : await actor.tx
          .selectFrom("images")
          .select(["id", "uploader_id", "post_id", "comment_id", "message_id"])
          .where("network_id", "=", actor.networkId)
          .where("id", "in", imageIds)
          // Two posts naming the same image at once: the second waits, then sees it taken.
          .forUpdate()
          .execute();
  const usable = (row: (typeof wanted)[number]) =>
    row.uploader_id === actor.membershipId &&
    ((row.post_id === null && row.comment_id === null && row.message_id === null) || row[column] === targetId);
  if (wanted.length !== imageIds.length || !wanted.every(usable)) throw validationFailed({ imageIds: "image_unavailable" });

  let dropped = actor.tx.deleteFrom("images").where("network_id", "=", actor.networkId).where(column, "=", targetId);
  if (imageIds.length > 0) dropped = dropped.where("id", "not in", imageIds);
  const removed = await dropped.returning(["thumb_key", "large_key"]).execute();
  deleteFilesAfterCommit(deps, actor, removed);

  for (const [position, id] of imageIds.entries())
    await actor.tx
      .updateTable("images")
      .set({ [column]: targetId, position })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", id)
      .execute();
}

/** Deletes the target's images (a deleted post or comment keeps no pictures). */
export async function deleteImagesOf(deps: Deps, actor: MemberActor, target: ImageTarget): Promise<void> {
  const [column, targetId] = columnOf(target);
  const removed = await actor.tx
    .deleteFrom("images")
    .where("network_id", "=", actor.networkId)
    .where(column, "=", targetId)
    .returning(["thumb_key", "large_key"])
    .execute();
  deleteFilesAfterCommit(deps, actor, removed);
}

function deleteFilesAfterCommit(deps: Deps, actor: MemberActor, rows: { thumb_key: string; large_key: string }[]): void {
  if (rows.length === 0) return;
  actor.afterCommit(async () => {
    // The rows are gone already; a file left behind is unreachable, so a failure is only logged.
    for (const key of rows.flatMap((r) => [r.thumb_key, r.large_key]))
      await deps.storage.delete(key).catch((err: unknown) => deps.log.warn({ err, key }, "image file not deleted"));
  });
}
