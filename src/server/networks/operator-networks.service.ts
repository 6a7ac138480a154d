// The operator's console: every network of the deployment. Cross-network by nature, so it
// runs in the system scope, and only for operators (enforced by the route's access).
import { sql } from "kysely";
import type { Network } from "../../shared/contract/networks.ts";
import type { NetworkKind } from "../../shared/limits.ts";
import { findAccountByEmail } from "../accounts/accounts.repository.ts";
import { isUniqueViolation } from "../platform/db/errors.ts";
import { issueToken, tokenLifetimes } from "../auth/account-tokens.ts";
import type { Deps } from "../platform/deps.ts";
import type { NetworkRow } from "../platform/db/schema.ts";
import { conflict, notFound } from "../platform/errors/errors.ts";
import type { UploadedFile } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { rebuildMemberProfiles } from "../people/profile-index.ts";
import { createDefaultRooms } from "../rooms/rooms.repository.ts";
import { presentNetwork } from "./networks.presenter.ts";
import { countActiveMembers, countActiveMembersOf, findNetwork, updateNetwork } from "./networks.repository.ts";
import { settingsColumns, storeLogo, type NetworkSettingsInput } from "./networks.service.ts";

export async function listAllNetworks(deps: Deps, query: { q?: string | undefined; cursor?: string | undefined; limit: number }) {
  const after = decodeCursor(query.cursor);
  return inSystem(deps.database, async (tx) => {
    let q = tx
      .selectFrom("networks")
      .selectAll()
      .select(sql<string>`created_at::text`.as("sort_key"))
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(query.limit + 1);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where((eb) => eb.or([eb("name", "ilike", like), eb("slug", "ilike", like)]));
    }
    if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
    const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
    const counts = await countActiveMembersOf(
      tx,
      rows.map((r) => r.id),
    );
    return { items: rows.map((r) => presentNetwork(r, counts.get(r.id) ?? 0)), nextCursor };
  });
}

export interface CreateNetworkInput {
  name: string;
  slug: string;
  kind: NetworkKind;
  purpose: string;
  eligibility: string;
  codeOfConduct: string;
  adminEmail?: string | undefined;
}

export async function createNetwork(deps: Deps, input: CreateNetworkInput): Promise<Network> {
  const network = await inSystem(deps.database, async (tx) => {
    const created = await tx
      .insertInto("networks")
      .values({
        name: input.name,
        slug: input.slug,
        kind: input.kind,
        purpose: input.purpose,
        eligibility: input.eligibility,
        code_of_conduct: input.codeOfConduct,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch(slugTaken);
    await createDefaultRooms(tx, created.id);
    if (input.adminEmail) await appointFirstAdmin(deps, tx, created, input.adminEmail);
    return created;
  });
  deps.mailer.flush();
  return getNetwork(deps, network.id);
}

/** The unique index decides, so two requests for the same slug at once get one network and one 409. */
function slugTaken(error: unknown): never {
  if (isUniqueViolation(error, "networks_slug_key")) throw conflict({ slug: "slug_taken" });
  throw error;
}

/** The first admin: an existing account joins as admin; a new address gets an account and a mail to set its password. */
async function appointFirstAdmin(deps: Deps, tx: Tx, network: NetworkRow, email: string): Promise<void> {
  // Insert-or-nothing, then read: a concurrent creation with the same address waits and reuses it.
  const inserted = await tx
    .insertInto("accounts")
    .values({ email, display_name: email.split("@")[0] ?? email, locale: "ja" })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning("id")
    .executeTakeFirst();
  const isNew = inserted !== undefined;
  const account = await findAccountByEmail(tx, email);
  if (!account) throw new Error("account vanished during network creation");
  const membership = await tx
    .insertInto("memberships")
    .values({ network_id: network.id, account_id: account.id, role: "admin", status: "active", joined_at: new Date() })
    .returning("id")
    .executeTakeFirstOrThrow();
  await rebuildMemberProfiles(tx, { networkId: network.id, memberIds: [membership.id] });
  if (isNew) {
    const secret = await issueToken(tx, account.id, account.email, "reset_password", tokenLifetimes.first_password);
    await deps.mailer.send(tx, account.email, account.locale, {
      kind: "set_password",
      name: account.display_name,
      networkName: network.name,
      url: `${deps.config.publicUrl}/set-password#token=${secret}`,
    });
  }
}

export async function getNetwork(deps: Deps, networkId: string): Promise<Network> {
  return inSystem(deps.database, async (tx) => {
    const network = await findNetwork(tx, networkId);
    if (!network) throw notFound();
    return presentNetwork(network, await countActiveMembers(tx, networkId));
  });
}

export async function updateNetworkAsOperator(
  deps: Deps,
  networkId: string,
  input: NetworkSettingsInput & { slug?: string | undefined; kind?: NetworkKind | undefined },
): Promise<Network> {
  await inSystem(deps.database, async (tx) => {
    const updated = await updateNetwork(tx, networkId, {
      ...settingsColumns(input),
      ...(input.slug !== undefined ? { slug: input.slug } : {}),
      ...(input.kind !== undefined ? { kind: input.kind } : {}),
    }).catch(slugTaken);
    if (!updated) throw notFound();
  });
  return getNetwork(deps, networkId);
}

export async function uploadLogoAsOperator(deps: Deps, networkId: string, file: UploadedFile | null): Promise<Network> {
  await inSystem(deps.database, async (tx) => {
    if (!(await findNetwork(tx, networkId))) throw notFound();
    await storeLogo(deps, tx, networkId, file);
  });
  return getNetwork(deps, networkId);
}
