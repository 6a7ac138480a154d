// The network home: the feed across the rooms the member sees, and what a young network's home
// shows besides it (newcomers to welcome, a prompt to introduce oneself). Rooms come first: the
// feed only ever reads posts of rooms the member sees, archived rooms left out. Members blocked
// either way are left out of both (their pinned posts stay: those are the admins' notices).
import { sql } from "kysely";
import type { FeedPost, Newcomer } from "../../shared/contract/feed.ts";
import { feedLimits } from "../../shared/contract/feed.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { presentPostsAcrossRooms, roomRef, visibleRooms, type VisibleRoom } from "./feed.presenter.ts";
import {
  pinnedAndPage,
  postsWithAuthor,
  stampsMarkedMine,
  stampsOfMember,
  withMine,
  withStampsAndImages,
  type PostWithExtras,
} from "../posts/posts.repository.ts";
import type { PageCopies, PageCopy } from "../posts/page-copies.ts";
import { hiddenMemberIds, hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import { isWelcomer } from "./feed.policy.ts";
import { avatarUrl } from "../posts/authors.ts";

export async function listFeed(actor: MemberActor, query: { cursor?: string | undefined }, copies: PageCopies) {
  const after = decodeCursor(query.cursor);
  if (!after) {
    const first = await firstPageFromCopy(actor, copies);
    if (first) return first;
  }
  const rooms = await visibleRooms(actor);
  const roomIds = [...rooms.keys()];
  if (roomIds.length === 0) return { items: [], pinned: [], nextCursor: null };
  const limit = feedLimits.page;
  // One array parameter rather than one per room (hundreds): cheaper to build, send and plan.
  const inRooms = sql<boolean>`p.room_id = any(${sql.val(roomIds)}::uuid[])`;
  let q = withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId)
    .where(inRooms)
    .where("p.deleted_at", "is", null)
    .where("p.hidden_at", "is", null)
    .where("p.pinned_at", "is", null)
    .where("p.author_id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId))
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .limit(limit + 1);
  if (after) q = q.where(sql<boolean>`(p.created_at, p.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const pinnedQuery = withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId)
    .where(inRooms)
    .where("p.pinned_at", "is not", null)
    .where("p.deleted_at", "is", null)
    .where("p.hidden_at", "is", null)
    .orderBy("p.pinned_at", "desc")
    .orderBy("p.id", "desc")
    .limit(feedLimits.pinnedMax);
  const read = after ? { pinned: [], page: await q.execute() } : await pinnedAndPage(actor.tx, pinnedQuery, q);
  const pinnedRows = read.pinned;
  const { rows, nextCursor } = pageOf(read.page, limit, (r) => ({ key: r.sort_key, id: r.id }));
  return presentFeed(actor, rooms, pinnedRows, rows, nextCursor);
}

function presentFeed(
  actor: MemberActor,
  rooms: Map<string, VisibleRoom>,
  pinned: PostWithExtras[],
  rows: PostWithExtras[],
  nextCursor: string | null,
) {
  const presented = presentPostsAcrossRooms(actor, rooms, [...pinned, ...rows]);
  const withRoom = presented.map((post): FeedPost => ({ ...post, room: roomRef(rooms, post.roomId) }));
  return { pinned: withRoom.slice(0, pinned.length), items: withRoom.slice(pinned.length), nextCursor };
}

/** How many of the network's newest posts its copy holds (of every room: each viewer sees some of them), and of its pinned posts. */
const copyWindow = 100;
const copyPinned = 40;

/**
 * The first page from this process's copy of the network's newest posts (posts/page-copies.ts),
 * reading or refreshing it; null when the viewer sees too few of the copy's posts for a page (the
 * page is read as usual). The same as the statements above: posts of the rooms the viewer sees,
 * hidden and deleted ones left out, blocked authors out of the page (not of the pinned posts),
 * the viewer's own stamps marked.
 */
async function firstPageFromCopy(actor: MemberActor, copies: PageCopies) {
  const limit = feedLimits.page;
  const copy = copies.get(actor.networkId);
  let rooms: Map<string, VisibleRoom>;
  let blocked: Set<string>;
  let mine: Set<string>;
  let page: PageCopy;
  if (copy) {
    // One round trip: which of the copy's rooms the viewer sees, the blocks and the viewer's stamps on the copy's posts.
    const rows = [...copy.pinned, ...copy.window];
    [rooms, blocked, mine] = await Promise.all([
      visibleRooms(actor, [...new Set(rows.map((r) => r.room_id))]),
      hiddenMemberIds(actor.tx, actor.networkId, actor.membershipId),
      stampsOfMember(
        actor.tx,
        actor.networkId,
        actor.membershipId,
        rows.map((r) => r.id),
      ),
    ]);
    page = copy;
  } else {
    const mark = copies.mark();
    const shared = withStampsAndImages(postsWithAuthor(actor.tx, actor.networkId), actor.membershipId)
      .where("p.deleted_at", "is", null)
      .where("p.hidden_at", "is", null);
    const windowQuery = shared.where("p.pinned_at", "is", null).orderBy("p.created_at", "desc").orderBy("p.id", "desc").limit(copyWindow);
    const pinnedQuery = shared
      .where("p.pinned_at", "is not", null)
      .orderBy("p.pinned_at", "desc")
      .orderBy("p.id", "desc")
      .limit(copyPinned);
    let read: { pinned: PostWithExtras[]; page: PostWithExtras[] };
    [rooms, read, blocked] = await Promise.all([
      visibleRooms(actor),
      pinnedAndPage(actor.tx, pinnedQuery, windowQuery),
      hiddenMemberIds(actor.tx, actor.networkId, actor.membershipId),
    ]);
    page = {
      pinned: read.pinned,
      window: read.page,
      complete: read.page.length < copyWindow,
      pinnedComplete: read.pinned.length < copyPinned,
    };
    mine = stampsMarkedMine([...page.pinned, ...page.window]);
    // Nothing of it is the reader's but `mine`, recomputed for every viewer.
    copies.put(actor.networkId, mark, page);
  }
  const rows = page.window.filter((r) => rooms.has(r.room_id) && !blocked.has(r.author_id)).slice(0, limit + 1);
  const pinned = page.pinned.filter((r) => rooms.has(r.room_id)).slice(0, feedLimits.pinnedMax);
  if ((rows.length <= limit && !page.complete) || (pinned.length < feedLimits.pinnedMax && !page.pinnedComplete)) return null;
  const { rows: items, nextCursor } = pageOf(
    rows.map((r) => withMine(r, mine)),
    limit,
    (r) => ({ key: r.sort_key, id: r.id }),
  );
  return presentFeed(
    actor,
    rooms,
    pinned.map((r) => withMine(r, mine)),
    items,
    nextCursor,
  );
}

export async function getHome(actor: MemberActor) {
  const rooms = await visibleRooms(actor);
  const byKey = (key: string) => [...rooms.values()].find((r) => r.room.default_key === key)?.room.id ?? null;
  const introductions = byKey("introductions");
  const roomIds = [...rooms.keys()];

  // Young: fewer than a screenful of live posts the member can see. Counting stops at the threshold.
  const seen =
    roomIds.length === 0
      ? 0
      : Number(
          (
            await sql<{ n: number }>`select count(*)::int as n from (
              select 1 from posts
              where network_id = ${actor.networkId} and room_id = any(${sql.val(roomIds)}::uuid[])
                and deleted_at is null and hidden_at is null
              limit ${feedLimits.youngPostsBelow}) as p`.execute(actor.tx)
          ).rows[0]?.n ?? 0,
        );

  const me = await actor.tx
    .selectFrom("memberships")
    .select(["supporter_since"])
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .executeTakeFirstOrThrow();

  const newcomers = await newcomersOf(actor, introductions);
  const introduced =
    introductions === null
      ? true
      : (await actor.tx
          .selectFrom("posts")
          .select("id")
          .where("network_id", "=", actor.networkId)
          .where("room_id", "=", introductions)
          .where("author_id", "=", actor.membershipId)
          .where("deleted_at", "is", null)
          .limit(1)
          .executeTakeFirst()) !== undefined;

  return {
    young: seen < feedLimits.youngPostsBelow,
    newcomers,
    welcomer: isWelcomer({ role: actor.role, supporter: me.supporter_since !== null }),
    rooms: { introductions, casual: byKey("casual"), announcements: byKey("announcements") },
    prompts: { introduceYourself: introductions !== null && !introduced },
  };
}

/**
 * Active members who joined in the last two weeks (the viewer left out), newest first, with their
 * first live introduction post (if the viewer can see the introductions room) and whether the
 * viewer already stamped or commented on it.
 */
async function newcomersOf(actor: MemberActor, introductionsRoomId: string | null): Promise<Newcomer[]> {
  const since = new Date(Date.now() - feedLimits.newcomerDays * 86_400_000);
  const rows = await actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select([
      "m.id",
      "m.role",
      "m.joined_at",
      "a.display_name",
      "a.avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("supporter"),
    ])
    .where("m.network_id", "=", actor.networkId)
    .where("m.status", "=", "active")
    .where("m.joined_at", ">=", since)
    .where("m.id", "<>", actor.membershipId)
    .where("m.id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId))
    .orderBy("m.joined_at", "desc")
    .orderBy("m.id", "desc")
    .limit(feedLimits.newcomersMax)
    .execute();
  if (rows.length === 0) return [];

  const intros = new Map<string, { postId: string; welcomed: boolean }>();
  if (introductionsRoomId !== null) {
    const posts = await actor.tx
      .selectFrom("posts as p")
      .select([
        "p.author_id",
        "p.id",
        sql<boolean>`exists (select 1 from stamps s where s.network_id = p.network_id and s.post_id = p.id and s.member_id = ${actor.membershipId})
          or exists (select 1 from comments c where c.network_id = p.network_id and c.post_id = p.id and c.author_id = ${actor.membershipId} and c.deleted_at is null)`.as(
          "welcomed",
        ),
      ])
      .distinctOn("p.author_id")
      .where("p.network_id", "=", actor.networkId)
      .where("p.room_id", "=", introductionsRoomId)
      .where(
        "p.author_id",
        "in",
        rows.map((r) => r.id),
      )
      .where("p.deleted_at", "is", null)
      .where("p.hidden_at", "is", null)
      .orderBy("p.author_id")
      .orderBy("p.created_at")
      .execute();
    for (const p of posts) intros.set(p.author_id, { postId: p.id, welcomed: p.welcomed });
  }
  return rows.map((r) => ({
    memberId: r.id,
    displayName: r.display_name,
    avatarUrl: avatarUrl(r.avatar_key),
    supporter: r.supporter,
    role: r.role,
    joinedAt: (r.joined_at ?? new Date()).toISOString(),
    introductionPostId: intros.get(r.id)?.postId ?? null,
    welcomedByMe: intros.get(r.id)?.welcomed ?? false,
  }));
}
