// A network as its members see and run it. Every function takes the member actor first; its
// transaction is already scoped to the actor's network.
import { sql } from "kysely";
import type { Member, NetworkHome } from "../../shared/contract/networks.ts";
import type { MemberRole } from "../../shared/limits.ts";
import type { Deps } from "../platform/deps.ts";
import { AppError, conflict, forbidden, notFound } from "../platform/errors/errors.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { assertNotLastAdmin } from "../membership/members.service.ts";
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
  joinRequestsOpen?: boolean | undefined;
}

export async function getNetworkHome(actor: MemberActor): Promise<NetworkHome> {
  const network = await findNetwork(actor.tx, actor.networkId);
  if (!network) throw notFound();
  return {
    network: presentNetwork(network, await countActiveMembers(actor.tx, actor.networkId)),
    myRole: actor.role,
    allowed: allowedActions(actor),
    firstSteps: await firstSteps(actor, network.terms_version),
  };
}

/** The checklist on a new member's home: each step is read from what the person has really done. */
async function firstSteps(actor: MemberActor, termsVersion: number): Promise<NetworkHome["firstSteps"]> {
  const me = await actor.tx
    .selectFrom("memberships")
    .select("terms_version")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", actor.membershipId)
    .executeTakeFirst();
  const steps: NetworkHome["firstSteps"] = [
    // Undone again when the terms change: the member reads and accepts the new version.
    { key: "accept_terms", done: me?.terms_version === termsVersion },
    { key: "verify_email", done: actor.account.email_verified_at !== null },
  ];
  if (canManageMembers(actor)) {
    const invited = await actor.tx
      .selectFrom("invitations")
      .select("id")
      .where("network_id", "=", actor.networkId)
      .limit(1)
      .executeTakeFirst();
    steps.push({ key: "invite_members", done: invited !== undefined });
  }
  return steps;
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
    ...(input.joinRequestsOpen !== undefined ? { join_requests_open: input.joinRequestsOpen } : {}),
  };
}

/** A member as the network's member list shows them (presentMember). */
const memberColumns = [
  "m.id",
  "m.account_id",
  "a.display_name",
  "a.avatar_key",
  sql<boolean>`m.supporter_since is not null`.as("supporter"),
  "m.role",
  "m.status",
  "m.joined_at",
] as const;

export async function listMembers(actor: MemberActor, query: { cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(query.cursor);
  let q = actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .where("m.network_id", "=", actor.networkId)
    .where("m.status", "=", "active")
    .select(memberColumns)
    .select(sql<string>`m.created_at::text`.as("sort_key"))
    .orderBy("m.created_at")
    .orderBy("m.id")
    .limit(query.limit + 1);
  if (after) q = q.where(sql<boolean>`(m.created_at, m.id) > (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentMember), nextCursor };
}

export async function changeMemberRole(deps: Deps, actor: MemberActor, memberId: string, role: MemberRole): Promise<Member> {
  if (!canManageMembers(actor)) throw forbidden();
  const member = await actor.tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .where("m.network_id", "=", actor.networkId)
    .where("m.id", "=", memberId)
    .select(memberColumns)
    .executeTakeFirst();
  if (!member) throw notFound();
  if (member.role === role) return presentMember(member);
  // A network must keep someone who can run it (the admin rows are locked, see assertNotLastAdmin).
  if (member.role === "admin") await assertNotLastAdmin(actor.tx, actor.networkId, memberId).catch(lastAdminRole);
  await actor.tx
    .updateTable("memberships")
    // A supporter is an alumni member: the appointment ends with the alumni role.
    .set({ role, updated_at: new Date(), ...(role !== "alumni" ? { supporter_since: null, organizes_events: false } : {}) })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", memberId)
    .execute();
  // A supporter's frame ends with the alumni role; it is on their posts in the pages kept in memory (posts/page-copies.ts).
  if (member.supporter && role !== "alumni") deps.bus.roomsChanged("all", (task) => actor.afterCommit(task));
  await recordAudit(
    actor.tx,
    actor.networkId,
    { accountId: actor.account.id, name: actor.account.display_name },
    "member.role_changed",
    { id: memberId, name: member.display_name },
    { from: member.role, to: role },
  );
  return presentMember({ ...member, role, supporter: member.supporter && role === "alumni" });
}

/** Demoting the last admin is a role error on this form, not a leaving one. */
function lastAdminRole(error: unknown): never {
  if (error instanceof AppError && error.fields?.["member"] === "last_admin_leave") throw conflict({ role: "last_admin" });
  throw error;
}
