// Custom stamps, and the per-member tallies of stamps given and received.
import { sql } from "kysely";
import type { Tx } from "../platform/tenancy/scope.ts";

export const customStampsOf = (tx: Tx, networkId: string) =>
  tx.selectFrom("custom_stamps").selectAll().where("network_id", "=", networkId).orderBy("name");

export interface StampTally {
  given: number;
  received: number;
}

/**
 * Stamps each member gave and received in the network (since `since`, if given), for the
 * members in `memberIds` (everyone with any, if not). A stamp on one's own post or comment counts
 * neither way, and stamps on deleted posts and comments do not count. Members with none are
 * absent from the map. One query; the stamps' member index and the targets' keys serve it.
 */
export async function stampTallies(
  tx: Tx,
  networkId: string,
  options: { memberIds?: readonly string[]; since?: Date } = {},
): Promise<Map<string, StampTally>> {
  if (options.memberIds && options.memberIds.length === 0) return new Map();
  const since = options.since ? sql`and s.created_at >= ${options.since}` : sql``;
  const members = options.memberIds ? sql`where member_id in (${sql.join(options.memberIds.map((id) => sql`${id}::uuid`))})` : sql``;
  const { rows } = await sql<{ member_id: string; given: number; received: number }>`
    with counted as (
      select s.member_id as giver, coalesce(p.author_id, c.author_id) as receiver
      from stamps s
      left join posts p on p.network_id = s.network_id and p.id = s.post_id
      left join comments c on c.network_id = s.network_id and c.id = s.comment_id
      where s.network_id = ${networkId} ${since}
        and coalesce(p.deleted_at, c.deleted_at) is null
        and s.member_id <> coalesce(p.author_id, c.author_id)
    )
    select member_id, sum(given)::int as given, sum(received)::int as received
    from (
      select giver as member_id, 1 as given, 0 as received from counted
      union all
      select receiver as member_id, 0 as given, 1 as received from counted
    ) as t
    ${members}
    group by member_id`.execute(tx);
  return new Map(rows.map((r) => [r.member_id, { given: Number(r.given), received: Number(r.received) }]));
}
