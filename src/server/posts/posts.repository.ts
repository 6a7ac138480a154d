// Posts, comments and stamps (tenant rows), and the reads the service pages and presents.
import { sql } from "kysely";
import { stampNames } from "../../shared/stamps.ts";
import type { StampCount } from "../../shared/contract/posts.ts";
import { memberRoles, type MemberRole } from "../../shared/limits.ts";
import { presentAccounts } from "../platform/realtime/presence.ts";
import { canSeeRoom, type RoomFacts } from "../rooms/rooms.policy.ts";
import { isActiveAdmin } from "../membership/active-admins.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { customStampImageUrl } from "../stamps/stamps.presenter.ts";
import { presentImage } from "../images/images.presenter.ts";
import type { Image } from "../../shared/contract/images.ts";

/** Posts with their author (name, avatar, supporter) and the sort key of the timeline (microseconds kept). */
export const postsWithAuthor = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("posts as p")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "p.network_id").onRef("m.id", "=", "p.author_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "p.id",
      "p.room_id",
      "p.author_id",
      "p.body",
      "p.body_html",
      "p.edited_at",
      "p.deleted_at",
      "p.pinned_at",
      "p.hidden_at",
      "p.moderation_reason",
      "p.deleted_by",
      "p.comment_count",
      "p.created_at",
      "m.account_id as author_account_id",
      "a.display_name as author_name",
      "a.avatar_key as author_avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("author_supporter"),
      sql<string>`p.created_at::text`.as("sort_key"),
    ])
    .where("p.network_id", "=", networkId);

export type PostWithAuthor = Awaited<ReturnType<ReturnType<typeof postsWithAuthor>["executeTakeFirstOrThrow"]>>;

/** A stamp count of one post as `withStampsAndImages` gives it: [emoji, count, mine, custom stamp id, its label]. */
type StampTuple = [string, number, boolean, string | null, string | null];
/** An image of one post as `withStampsAndImages` gives it: [id, width, height]. */
type ImageTuple = [string, number, number];

/**
 * Adds each post's stamp counts (with whether `memberId` put one) and images as JSON columns, so a
 * timeline or feed page is one statement instead of three — each statement is a round trip, and
 * planning three costs more than running them (decision 0015).
 */
export const withStampsAndImages = (q: ReturnType<typeof postsWithAuthor>, memberId: string) =>
  q.select([
    sql<StampTuple[] | null>`(select json_agg(json_build_array(st.emoji, st.n, st.mine, cs.id, cs.label))
      from (select s.emoji, count(*)::int as n, bool_or(s.member_id = ${memberId}) as mine
            from stamps s where s.network_id = p.network_id and s.post_id = p.id group by s.emoji) st
      left join custom_stamps cs on cs.network_id = p.network_id and cs.name = st.emoji)`.as("stamp_rows"),
    sql<ImageTuple[] | null>`(select json_agg(json_build_array(i.id, i.large_width, i.large_height) order by i.position)
      from images i where i.network_id = p.network_id and i.post_id = p.id)`.as("image_rows"),
  ]);

export type PostWithExtras = Awaited<ReturnType<ReturnType<typeof withStampsAndImages>["executeTakeFirstOrThrow"]>>;

/** A member's stamps on these posts, as "postId emoji" (for rows from a copy read for someone else: posts/page-copies.ts). */
export async function stampsOfMember(tx: Tx, networkId: string, memberId: string, postIds: readonly string[]): Promise<Set<string>> {
  if (postIds.length === 0) return new Set();
  const rows = await tx
    .selectFrom("stamps")
    .select(["post_id", "emoji"])
    .where("network_id", "=", networkId)
    .where("member_id", "=", memberId)
    // One array parameter: one prepared statement whatever the number of posts.
    .where(sql<boolean>`post_id = any(${[...postIds]}::uuid[])`)
    .execute();
  return new Set(rows.map((r) => `${r.post_id} ${r.emoji}`));
}

/** The stamps rows read `withStampsAndImages` mark as the reader's, as "postId emoji". */
export const stampsMarkedMine = (rows: readonly PostWithExtras[]): Set<string> =>
  new Set(rows.flatMap((r) => (r.stamp_rows ?? []).filter((s) => s[2]).map((s) => `${r.id} ${s[0]}`)));

/** A row read for someone else with `mine` set from this viewer's stamps ("postId emoji"). */
export const withMine = (row: PostWithExtras, mine: ReadonlySet<string>): PostWithExtras => ({
  ...row,
  stamp_rows: row.stamp_rows?.map(([emoji, n, , id, label]) => [emoji, n, mine.has(`${row.id} ${emoji}`), id, label]) ?? null,
});

/** The stamps and images of rows read `withStampsAndImages`, shaped as `stampCounts` and `imagesOf` give them. */
export function extrasOf(
  networkId: string,
  rows: readonly PostWithExtras[],
): { stamps: Map<string, StampCount[]>; images: Map<string, Image[]> } {
  const stampRows = rows.flatMap((r) =>
    (r.stamp_rows ?? []).map(([emoji, count, mine, customId, customLabel]) => ({
      target: r.id,
      emoji,
      count,
      mine,
      custom_id: customId,
      custom_label: customLabel,
    })),
  );
  const images = new Map<string, Image[]>();
  for (const r of rows)
    if (r.image_rows)
      images.set(
        r.id,
        r.image_rows.map(([id, width, height]) => presentImage({ network_id: networkId, id, large_width: width, large_height: height })),
      );
  return { stamps: groupStampRows(networkId, stampRows), images };
}

/**
 * A timeline's pinned posts and its page in one statement — one round-trip instead of two, which
 * is what a read costs most here (decision 0005) — each part in its own query's order.
 */
export async function pinnedAndPage(
  tx: Tx,
  pinned: ReturnType<typeof withStampsAndImages>,
  page: ReturnType<typeof withStampsAndImages>,
): Promise<{ pinned: PostWithExtras[]; page: PostWithExtras[] }> {
  // row_number() over () numbers each part's rows as its own ORDER BY … LIMIT gives them.
  const part = (q: ReturnType<typeof withStampsAndImages>, n: 0 | 1) =>
    tx
      .selectFrom(q.as(n === 0 ? "pinned" : "page"))
      .selectAll()
      .select([sql<number>`${sql.lit(n)}`.as("part"), sql<number>`row_number() over ()`.as("ord")]);
  const rows = await part(pinned, 0).unionAll(part(page, 1)).orderBy("part").orderBy("ord").execute();
  return { pinned: rows.filter((r) => Number(r.part) === 0), page: rows.filter((r) => Number(r.part) === 1) };
}

export const commentsWithAuthor = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("comments as c")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "c.network_id").onRef("m.id", "=", "c.author_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "c.id",
      "c.post_id",
      "c.author_id",
      "c.body",
      "c.body_html",
      "c.edited_at",
      "c.deleted_at",
      "c.hidden_at",
      "c.moderation_reason",
      "c.deleted_by",
      "c.created_at",
      "m.account_id as author_account_id",
      "a.display_name as author_name",
      "a.avatar_key as author_avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("author_supporter"),
      sql<string>`c.created_at::text`.as("sort_key"),
    ])
    .where("c.network_id", "=", networkId);

export type CommentWithAuthor = Awaited<ReturnType<ReturnType<typeof commentsWithAuthor>["executeTakeFirstOrThrow"]>>;

const stampOrder = new Map<string, number>(stampNames.map((name, i) => [name, i]));

/**
 * Stamp counts per target (post or comment ids) and stamp, with whether `memberId` put one.
 * Standard stamps come in the order of the set, then the network's custom stamps (archived
 * ones too) by name, with their image; names that are neither are left out.
 */
export async function stampCounts(
  tx: Tx,
  networkId: string,
  target: "post_id" | "comment_id",
  ids: readonly string[],
  memberId: string,
): Promise<Map<string, StampCount[]>> {
  const result = new Map<string, StampCount[]>();
  if (ids.length === 0) return result;
  const rows = await tx
    .selectFrom("stamps as s")
    .leftJoin("custom_stamps as cs", (j) => j.onRef("cs.network_id", "=", "s.network_id").onRef("cs.name", "=", "s.emoji"))
    .select([
      sql<string>`${sql.ref(`s.${target}`)}`.as("target"),
      "s.emoji",
      "cs.id as custom_id",
      "cs.label as custom_label",
      sql<number>`count(*)::int`.as("count"),
      sql<boolean>`bool_or(s.member_id = ${memberId})`.as("mine"),
    ])
    .where("s.network_id", "=", networkId)
    .where(`s.${target}`, "in", ids)
    .groupBy([`s.${target}`, "s.emoji", "cs.id", "cs.label"])
    .execute();
  return groupStampRows(networkId, rows);
}

/** A stamp-count query's rows (per target and stamp) → counts per target: standard stamps in the set's order, then custom ones by name; names that are neither are left out. */
export function groupStampRows(
  networkId: string,
  rows: { target: string; emoji: string; custom_id: string | null; custom_label: string | null; count: number; mine: boolean }[],
): Map<string, StampCount[]> {
  const result = new Map<string, StampCount[]>();
  for (const row of rows) {
    const standard = stampOrder.has(row.emoji);
    if (!standard && !row.custom_id) continue;
    const list = result.get(row.target) ?? [];
    list.push({
      emoji: row.emoji,
      count: Number(row.count),
      mine: row.mine,
      custom:
        standard || !row.custom_id
          ? null
          : { imageUrl: customStampImageUrl(networkId, row.custom_id), label: row.custom_label ?? row.emoji },
    });
    result.set(row.target, list);
  }
  const rank = (s: StampCount) => stampOrder.get(s.emoji) ?? stampNames.length;
  for (const list of result.values()) list.sort((a, b) => rank(a) - rank(b) || a.emoji.localeCompare(b.emoji));
  return result;
}

/** Who put `emoji` on the target: the first `limit`, oldest first, and how many in all. */
export async function stampers(
  tx: Tx,
  networkId: string,
  target: "post_id" | "comment_id",
  targetId: string,
  emoji: string,
  limit: number,
) {
  const base = tx
    .selectFrom("stamps as s")
    .where("s.network_id", "=", networkId)
    .where(`s.${target}`, "=", targetId)
    .where("s.emoji", "=", emoji);
  const items = await base
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "s.network_id").onRef("m.id", "=", "s.member_id"))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["s.member_id as memberId", "a.display_name as displayName"])
    .orderBy("s.created_at")
    .orderBy("s.id")
    .limit(limit)
    .execute();
  const { total } = await base.select(sql<number>`count(*)::int`.as("total")).executeTakeFirstOrThrow();
  return { items, total: Number(total) };
}

/**
 * Unread posts per room for a member: posts after their last_read_at (all of them if they never
 * read the room), by others, not deleted. Muted rooms count too (the UI may hide them).
 */
export async function unreadCounts(tx: Tx, networkId: string, memberId: string, roomIds?: readonly string[]): Promise<Map<string, number>> {
  if (roomIds && roomIds.length === 0) return new Map();
  let q = tx
    .selectFrom("posts as p")
    .leftJoin("room_subscriptions as s", (j) =>
      j.onRef("s.network_id", "=", "p.network_id").onRef("s.room_id", "=", "p.room_id").on("s.member_id", "=", memberId),
    )
    .select(["p.room_id", sql<number>`count(*)::int`.as("unread")])
    .where("p.network_id", "=", networkId)
    .where("p.author_id", "<>", memberId)
    .where("p.deleted_at", "is", null)
    .where(sql<boolean>`(s.last_read_at is null or p.created_at > s.last_read_at)`)
    .groupBy("p.room_id");
  if (roomIds) q = q.where("p.room_id", "in", roomIds);
  const rows = await q.execute();
  return new Map(rows.map((r) => [r.room_id, Number(r.unread)]));
}

/**
 * The accounts to tell about a change in a room: active members who see it (rooms.policy.ts
 * canSeeRoom, asked per role so the rule stays in one place) and are present for real-time events
 * (platform/realtime/presence.ts). A query (for `bus.publishToAudience`), or null when no role can
 * see the room. It starts from whichever side is smaller: a room that alumni or employees see
 * without being listed reaches most of the network, so from the few present accounts; a room only
 * its listed members see (private rooms, direct conversations), so from its members and the
 * network's admins — never scanning everyone present to find two people.
 */
export function roomAudience(tx: Tx, networkId: string, roomId: string, facts: RoomFacts) {
  const anyway = memberRoles.filter((role) => canSeeRoom({ role, inRoom: false }, facts));
  const ifListed = memberRoles.filter((role) => !anyway.includes(role) && canSeeRoom({ role, inRoom: true }, facts));
  if (anyway.length === 0 && ifListed.length === 0) return null;
  if (anyway.every((role) => role === "admin")) return listedAudience(tx, networkId, roomId, anyway.length > 0, ifListed);
  return tx
    .selectFrom(presentAccounts(tx).as("pa"))
    .innerJoin("memberships as m", "m.account_id", "pa.account_id")
    .select("m.account_id")
    .where("m.network_id", "=", networkId)
    .where("m.status", "=", "active")
    .where((eb) =>
      eb.or([
        ...(anyway.length > 0 ? [eb("m.role", "in", anyway)] : []),
        ...(ifListed.length > 0
          ? [
              eb.and([
                eb("m.role", "in", ifListed),
                eb.exists(
                  eb
                    .selectFrom("room_members as rm")
                    .select("rm.member_id")
                    .whereRef("rm.network_id", "=", "m.network_id")
                    .whereRef("rm.member_id", "=", "m.id")
                    .where("rm.room_id", "=", roomId),
                ),
              ]),
            ]
          : []),
      ]),
    );
}

/**
 * roomAudience for a room only its listed members (and perhaps the admins) see: its members and
 * the admins (a partial index holds them, migrations/0018_audience.sql), then who of them is present.
 */
function listedAudience(tx: Tx, networkId: string, roomId: string, withAdmins: boolean, ifListed: readonly MemberRole[]) {
  const listed = tx
    .selectFrom("room_members as rm")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "rm.network_id").onRef("m.id", "=", "rm.member_id"))
    .select("m.account_id")
    .where("rm.network_id", "=", networkId)
    .where("rm.room_id", "=", roomId)
    .where("m.status", "=", "active")
    .where("m.role", "in", ifListed);
  const admins = tx.selectFrom("memberships as m").select("m.account_id").where("m.network_id", "=", networkId).where(isActiveAdmin("m"));
  const candidates = ifListed.length === 0 ? admins : withAdmins ? listed.union(admins) : listed;
  return tx
    .selectFrom(candidates.as("c"))
    .select("c.account_id")
    .where((eb) => eb.exists(presentAccounts(tx).where("realtime_presence.account_id", "=", sql.ref<string>("c.account_id"))));
}
