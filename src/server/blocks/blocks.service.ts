// Blocking and unblocking a member of the actor's network. What a block prevents is enforced
// where it matters: direct messages (messages.service.ts), and through hiddenMemberIds /
// hiddenMembersQuery (blocks.repository.ts) wherever people are listed.
import type { Block } from "../../shared/contract/messages.ts";
import { notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { blocksOf } from "./blocks.repository.ts";
import { presentAuthor } from "../posts/authors.ts";

/** A member of the actor's network one may block (anyone who joined, even if they left since); 404 otherwise. */
async function blockableMember(actor: MemberActor, memberId: string): Promise<void> {
  const member = await actor.tx
    .selectFrom("memberships")
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .where("status", "<>", "invited")
    .executeTakeFirst();
  if (!member) throw notFound();
  if (memberId === actor.membershipId) throw validationFailed({ memberId: "block_self" });
}

export async function listBlocks(actor: MemberActor): Promise<{ items: Block[] }> {
  const rows = await blocksOf(actor.tx, actor.networkId, actor.membershipId);
  return {
    items: rows.map((r) => ({
      member: presentAuthor(r.blocked_id, r.display_name, r.avatar_key, r.supporter),
      createdAt: r.created_at.toISOString(),
    })),
  };
}

export async function blockMember(actor: MemberActor, memberId: string): Promise<void> {
  await blockableMember(actor, memberId);
  await actor.tx
    .insertInto("blocks")
    .values({ network_id: actor.networkId, blocker_id: actor.membershipId, blocked_id: memberId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unblockMember(actor: MemberActor, memberId: string): Promise<void> {
  await blockableMember(actor, memberId);
  await actor.tx
    .deleteFrom("blocks")
    .where("network_id", "=", actor.networkId)
    .where("blocker_id", "=", actor.membershipId)
    .where("blocked_id", "=", memberId)
    .execute();
}
