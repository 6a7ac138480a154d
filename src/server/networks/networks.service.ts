// A network as its members see and run it. Every function takes the member actor first; its
// transaction is already scoped to the actor's network.
import { sql } from "kysely";
import type { Member, NetworkHome } from "../../shared/contract/networks.ts";
import type { MemberRole } from "../../shared/limits.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound } from "../platform/errors/errors.ts";
import type { MemberActor, UploadedFile } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { processImage } from "../platform/storage/storage.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { allowedActions, canEditNetworkSettings, canManageMembers } from "./networks.policy.ts";
import { presentMember, presentNetwork } from "./networks.presenter.ts";
import { countActiveMembers, findNetwork, updateNetwork } from "./networks.repository.ts";

export interface NetworkSettingsInput {
  name?: string | undefined;
  purpose?: string | undefined;
  eligibility?: string | undefined;
  codeOfConduct?: string | undefined;
}

export async function getNetworkHome(actor: MemberActor): Promise<NetworkHome> {
  const network = await findNetwork(actor.tx, actor.networkId);
  if (!network) throw notFound();
  return {
    network: presentNetwork(network, await countActiveMembers(actor.tx, actor.networkId)),
    myRole: actor.role,
    allowed: allowedActions(actor),
  };
}

export async function updateNetworkSettings(actor: MemberActor, input: NetworkSettingsInput): Promise<NetworkHome> {
  if (!canEditNetworkSettings(actor)) throw forbidden();
  await updateNetwork(actor.tx, actor.networkId, settingsColumns(input));
  return getNetworkHome(actor);
}

export async function uploadNetworkLogo(deps: Deps, actor: MemberActor, file: UploadedFile | null): Promise<NetworkHome> {
  if (!canEditNetworkSettings(actor)) throw forbidden();
  await storeLogo(deps, actor.tx, actor.networkId, file);
  return getNetworkHome(actor);
}

export async function storeLogo(deps: Deps, tx: Tx, networkId: string, file: UploadedFile | null): Promise<void> {
  if (!file) return;
  const image = await processImage(file.data, { maxSize: 512 });
  const stored = await deps.storage.put("logos", image, "image/webp", "webp");
  await updateNetwork(tx, networkId, { logo_key: stored.key });
}

export function settingsColumns(input: NetworkSettingsInput) {
  return {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.purpose !== undefined ? { purpose: input.purpose } : {}),
    ...(input.eligibility !== undefined ? { eligibility: input.eligibility } : {}),
    ...(input.codeOfConduct !== undefined ? { code_of_conduct: input.codeOfConduct } : {}),
  };
}

export async function listMembers(actor: MemberActor, query: { cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(query.cursor);
  let q = actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .where("m.network_id", "=", actor.networkId)
    .where("m.status", "=", "active")
    .select(["m.id", "m.account_id", "a.display_name", "m.role", "m.status", "m.joined_at", sql<string>`m.created_at::text`.as("sort_key")])
    .orderBy("m.created_at")
    .orderBy("m.id")
    .limit(query.limit + 1);
  if (after) q = q.where(sql<boolean>`(m.created_at, m.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentMember), nextCursor };
}

export async function changeMemberRole(actor: MemberActor, memberId: string, role: MemberRole): Promise<Member> {
  if (!canManageMembers(actor)) throw forbidden();
  // A network must keep someone who can run it. The admin rows are locked first, in id order,
  // so two admins demoting each other at once queue (no deadlock) and the second one sees that
  // it would leave none.
  const admins = await actor.tx
    .selectFrom("memberships")
    .select("id")
    .where("network_id", "=", actor.networkId)
    .where("role", "=", "admin")
    .where("status", "=", "active")
    .orderBy("id")
    .forUpdate()
    .execute();
  const member = await actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .where("m.network_id", "=", actor.networkId)
    .where("m.id", "=", memberId)
    .select(["m.id", "m.account_id", "a.display_name", "m.role", "m.status", "m.joined_at"])
    .forUpdate("m")
    .executeTakeFirst();
  if (!member) throw notFound();
  if (member.role === "admin" && role !== "admin" && admins.every((a) => a.id === memberId)) throw conflict({ role: "last_admin" });
  await actor.tx
    .updateTable("memberships")
    .set({ role, updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  return presentMember({ ...member, role });
}
