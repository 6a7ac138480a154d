// Mentions: which members a body mentions (from the ids its composer sent, kept while their
// `@表示名` is still in the text), and the candidates the composer offers after @.
import { sql } from "kysely";
import { mentionLimits, type MentionCandidate } from "../../shared/contract/mentions.ts";
import { hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import type { Mention } from "../platform/markdown/markdown.ts";
import { notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { normaliseForSearch } from "../platform/search/index.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { canSeeRoom } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import { presentAuthor } from "../posts/authors.ts";

/**
 * The mentions of `body`: active members of the network among `ids` whose `@表示名` appears in
 * it (the author themself left out). Unknown ids, other networks' members and names no longer in
 * the text are dropped, not refused: the text is what the author sees.
 */
export async function resolveMentions(
  tx: Tx,
  networkId: string,
  authorId: string,
  body: string,
  ids: readonly string[],
): Promise<Mention[]> {
  const wanted = [...new Set(ids)].filter((id) => id !== authorId);
  if (wanted.length === 0 || !body.includes("@")) return [];
  const rows = await tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.id", "a.display_name"])
    .where("m.network_id", "=", networkId)
    .where("m.status", "=", "active")
    .where("m.id", "in", wanted)
    .execute();
  return rows.filter((r) => body.includes(`@${r.display_name}`)).map((r) => ({ memberId: r.id, displayName: r.display_name }));
}

export async function listMentionCandidates(
  actor: MemberActor,
  query: { q: string; roomId?: string | undefined },
): Promise<{ items: MentionCandidate[] }> {
  let facts = null;
  if (query.roomId !== undefined) {
    const room = await actor.tx
      .selectFrom("rooms as r")
      .leftJoin("room_members as rm", (j) =>
        j.onRef("rm.network_id", "=", "r.network_id").onRef("rm.room_id", "=", "r.id").on("rm.member_id", "=", actor.membershipId),
      )
      .selectAll("r")
      .select(sql<boolean>`rm.member_id is not null`.as("in_room"))
      .where("r.network_id", "=", actor.networkId)
      .where("r.id", "=", query.roomId)
      .executeTakeFirst();
    if (!room || !canSeeRoom({ role: actor.role, inRoom: room.in_room }, roomFacts(room))) throw notFound();
    facts = { room, facts: roomFacts(room) };
  }
  const needle = normaliseForSearch(query.q);
  // The people directory brings a proper index over names; here SQL narrows to names containing
  // the typed text in hiragana or katakana (lower-cased), and JS then matches the normalised name.
  const katakana = needle.replace(/[\u3041-\u3096\u309D\u309E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
  let q = actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .leftJoin("room_members as rm", (j) =>
      j
        .onRef("rm.network_id", "=", "m.network_id")
        .onRef("rm.member_id", "=", "m.id")
        .on("rm.room_id", "=", query.roomId ?? "00000000-0000-0000-0000-000000000000"),
    )
    .select([
      "m.id",
      "m.role",
      "a.display_name",
      "a.avatar_key",
      sql<boolean>`m.supporter_since is not null`.as("supporter"),
      sql<boolean>`rm.member_id is not null`.as("in_room"),
    ])
    .where("m.network_id", "=", actor.networkId)
    .where("m.status", "=", "active")
    .where("m.id", "<>", actor.membershipId)
    .where("m.id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId))
    .orderBy("a.display_name")
    .orderBy("m.id")
    .limit(500);
  if (needle !== "")
    q = q.where(sql<boolean>`(strpos(lower(a.display_name), ${needle}) > 0 or strpos(lower(a.display_name), ${katakana}) > 0)`);
  const rows = await q.execute();
  const items: MentionCandidate[] = [];
  for (const row of rows) {
    if (needle !== "" && !normaliseForSearch(row.display_name).includes(needle)) continue;
    if (facts && !canSeeRoom({ role: row.role, inRoom: row.in_room }, facts.facts)) continue;
    items.push(presentAuthor(row.id, row.display_name, row.avatar_key, row.supporter));
    if (items.length === mentionLimits.candidates) break;
  }
  return { items };
}
