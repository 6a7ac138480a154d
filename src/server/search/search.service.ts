// Search of posts and comments in the rooms a member sees (decisions 0009 and 0012): the rooms
// come first, so a hit in a room the member cannot see is never read. Newest first, keyset pages
// over posts and comments together. Deleted and hidden posts and comments are left out, and so
// are comments under a hidden post and whatever members blocked either way wrote.
import { sql } from "kysely";
import type { SearchHit } from "../../shared/contract/search.ts";
import { searchLimits } from "../../shared/contract/search.ts";
import { notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { matchesSearch, searchQuery } from "../platform/search/index.ts";
import { roomRef, visibleRooms } from "../feed/feed.presenter.ts";
import { hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import { presentAuthor } from "../posts/authors.ts";
import { snippetOf } from "../platform/search/index.ts";

export async function searchPosts(
  actor: MemberActor,
  input: { q: string; roomId?: string | undefined; cursor?: string | undefined },
): Promise<{ items: SearchHit[]; nextCursor: string | null }> {
  const after = decodeCursor(input.cursor);
  const rooms = await visibleRooms(actor);
  if (input.roomId !== undefined && !rooms.has(input.roomId)) throw notFound();
  const query = searchQuery(input.q);
  if (!query) return { items: [], nextCursor: null };
  const roomIds = input.roomId !== undefined ? [input.roomId] : [...rooms.keys()];
  if (roomIds.length === 0) return { items: [], nextCursor: null };
  const limit = searchLimits.page;
  const hidden = hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId);
  const keyset = (alias: string) =>
    after
      ? sql<boolean>`(${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) < (${after.key}::timestamptz, ${after.id}::uuid)`
      : sql<boolean>`true`;

  const posts = actor.tx
    .selectFrom("posts as p")
    .select([
      sql<"post" | "comment">`'post'`.as("kind"),
      "p.id as id",
      "p.id as post_id",
      sql<string | null>`null::uuid`.as("comment_id"),
      "p.room_id",
      "p.author_id",
      "p.body",
      "p.created_at",
    ])
    .where("p.network_id", "=", actor.networkId)
    .where("p.room_id", "in", roomIds)
    .where("p.deleted_at", "is", null)
    .where("p.hidden_at", "is", null)
    .where("p.author_id", "not in", hidden)
    .where(matchesSearch(query, "p"))
    .where(keyset("p"));
  const comments = actor.tx
    .selectFrom("comments as c")
    .innerJoin("posts as p", (j) => j.onRef("p.network_id", "=", "c.network_id").onRef("p.id", "=", "c.post_id"))
    .select([
      sql<"post" | "comment">`'comment'`.as("kind"),
      "c.id as id",
      "c.post_id",
      sql<string | null>`c.id`.as("comment_id"),
      "p.room_id",
      "c.author_id",
      "c.body",
      "c.created_at",
    ])
    .where("c.network_id", "=", actor.networkId)
    .where("p.room_id", "in", roomIds)
    .where("c.deleted_at", "is", null)
    .where("c.hidden_at", "is", null)
    .where("p.hidden_at", "is", null)
    .where("c.author_id", "not in", hidden)
    .where(matchesSearch(query, "c"))
    .where(keyset("c"));

  const rows = await actor.tx
    .selectFrom(posts.unionAll(comments).as("h"))
    .innerJoin("memberships as m", (j) => j.onRef("m.id", "=", "h.author_id").on("m.network_id", "=", actor.networkId))
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .selectAll("h")
    .select([
      "a.display_name as author_name",
      "a.avatar_key as author_avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("author_supporter"),
      sql<string>`h.created_at::text`.as("sort_key"),
    ])
    .orderBy("h.created_at", "desc")
    .orderBy("h.id", "desc")
    .limit(limit + 1)
    .execute();
  const page = pageOf(rows, limit, (r) => ({ key: r.sort_key, id: r.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.rows.map((r) => ({
      kind: r.kind,
      postId: r.post_id,
      commentId: r.comment_id,
      room: roomRef(rooms, r.room_id),
      author: presentAuthor(r.author_id, r.author_name, r.author_avatar_key, r.author_supporter),
      ...snippetOf(r.body, query.terms, searchLimits.snippetChars),
      createdAt: r.created_at.toISOString(),
    })),
  };
}
