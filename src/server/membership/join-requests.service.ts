// Join requests as the admins see them: the list, and approving (with a role) or declining, with a
// reply the requester receives by mail.
import { sql } from "kysely";
import type { JoinRequest } from "../../shared/contract/membership.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { canManageMembers } from "../networks/networks.policy.ts";
import { findNetwork } from "../networks/networks.repository.ts";
import { recordAudit } from "./audit-log.ts";
import { auditActor } from "./invitations.service.ts";
import { admit } from "./join.service.ts";
import { presentJoinRequest } from "./membership.presenter.ts";

const withPeople = (tx: Tx, networkId: string) =>
  tx
    .selectFrom("join_requests as r")
    .innerJoin("accounts as a", "a.id", "r.account_id")
    .leftJoin("accounts as d", "d.id", "r.decided_by")
    .selectAll("r")
    .select(["a.display_name", "a.email", "a.locale", "d.display_name as decided_by_name"])
    .where("r.network_id", "=", networkId);

export async function listJoinRequests(
  actor: MemberActor,
  query: { status?: JoinRequest["status"] | undefined; cursor?: string | undefined; limit: number },
) {
  if (!canManageMembers(actor)) throw forbidden();
  const after = decodeCursor(query.cursor);
  let q = withPeople(actor.tx, actor.networkId)
    .select(sql<string>`r.created_at::text`.as("sort_key"))
    .orderBy("r.created_at", "desc")
    .orderBy("r.id", "desc")
    .limit(query.limit + 1);
  if (query.status) q = q.where("r.status", "=", query.status);
  if (after) q = q.where(sql<boolean>`(r.created_at, r.id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
  const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
  return { items: rows.map(presentJoinRequest), nextCursor };
}

export async function decideJoinRequest(
  deps: Deps,
  actor: MemberActor,
  requestId: string,
  input: { decision: "approve" | "decline"; role: "alumni" | "employee"; reply: string },
): Promise<JoinRequest> {
  if (!canManageMembers(actor)) throw forbidden();
  const request = await withPeople(actor.tx, actor.networkId).where("r.id", "=", requestId).forUpdate("r").executeTakeFirst();
  if (!request) throw notFound();
  if (request.status !== "pending") throw conflict({ request: "request_decided" });
  const network = await findNetwork(actor.tx, actor.networkId);
  if (!network) throw notFound();

  const approved = input.decision === "approve";
  await actor.tx
    .updateTable("join_requests")
    .set({ status: approved ? "approved" : "declined", reply: input.reply, decided_by: actor.account.id, decided_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", requestId)
    .execute();
  if (approved) {
    const account = { id: request.account_id, display_name: request.display_name };
    await admit(
      deps,
      actor.tx,
      network,
      account,
      { role: input.role, termsVersion: request.terms_version, via: "join_request" },
      auditActor(actor),
    );
  }
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    approved ? "join_request.approved" : "join_request.declined",
    { id: requestId, name: request.display_name },
    approved ? { role: input.role } : {},
  );
  const base = deps.config.publicUrl;
  await deps.mailer.send(actor.tx, request.email, request.locale, {
    kind: approved ? "join_request_approved" : "join_request_declined",
    name: request.display_name,
    networkName: network.name,
    reply: input.reply,
    url: approved ? `${base}/n/${network.slug}` : `${base}/join/${network.slug}`,
  });
  actor.afterCommit(() => Promise.resolve(deps.mailer.flush()));
  const updated = await withPeople(actor.tx, actor.networkId).where("r.id", "=", requestId).executeTakeFirstOrThrow();
  return presentJoinRequest(updated);
}
