// Co-host networks (共催): the host's admins invite a network by its address name; its admins
// accept or decline. Accepted co-hosts' members see the event and register under their own
// network; row-level security lets their scope read the event, never change it. Decision 0017.
import { sql } from "kysely";
import type { Deps } from "../platform/deps.ts";
import type { NetworkEventRow } from "../platform/db/schema.ts";
import { notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { type Tx } from "../platform/tenancy/scope.ts";
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import { findVisibleEvent, iso, lockSeats } from "./events.access.ts";
import { recountSeats } from "./registration.service.ts";

// Co-hosts
async function cohostList(tx: Tx, hostId: string, eventId: string) {
  const rows = await tx
    .selectFrom("event_cohosts as c")
    .innerJoin("networks as n", "n.id", "c.cohost_network_id")
    .select(["n.id", "n.name", "n.slug", "c.status"])
    .where("c.network_id", "=", hostId)
    .where("c.event_id", "=", eventId)
    .orderBy("c.created_at")
    .execute();
  return { items: rows.map((r) => ({ network: { id: r.id, name: r.name, slug: r.slug }, status: r.status })) };
}

/** What an invited network sees of the event (event_cohosts keeps a copy). */
export const cohostCopy = (e: Pick<NetworkEventRow, "title" | "starts_at" | "ends_at" | "time_zone">) => ({
  event_title: e.title,
  event_starts_at: e.starts_at,
  event_ends_at: e.ends_at,
  event_time_zone: e.time_zone,
});

async function hostEvent(actor: MemberActor, eventId: string) {
  const row = await findVisibleEvent(actor, eventId);
  if (!row.is_host) throw notFound();
  return row;
}

export async function listCohosts(actor: MemberActor, eventId: string) {
  await hostEvent(actor, eventId);
  return cohostList(actor.tx, actor.networkId, eventId);
}

export async function addCohost(actor: MemberActor, eventId: string, slug: string) {
  const event = await hostEvent(actor, eventId);
  const network = await actor.tx.selectFrom("networks").select(["id", "name"]).where("slug", "=", slug).executeTakeFirst();
  if (!network) throw validationFailed({ slug: "event_unknown_network" });
  if (network.id === actor.networkId) throw validationFailed({ slug: "event_cohost_self" });
  await actor.tx
    .insertInto("event_cohosts")
    .values({ network_id: actor.networkId, event_id: eventId, cohost_network_id: network.id, ...cohostCopy(event) })
    .onConflict((oc) => oc.columns(["network_id", "event_id", "cohost_network_id"]).doUpdateSet({ status: "invited", decided_at: null }))
    .execute();
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "event.cohost_invited",
    { id: eventId, name: event.title },
    { network: network.name },
  );
  return cohostList(actor.tx, actor.networkId, eventId);
}

/** Ends co-hosting: the network's members no longer see the event, and their registrations are cancelled. */
export async function removeCohost(deps: Deps, actor: MemberActor, eventId: string, cohostNetworkId: string) {
  const event = await hostEvent(actor, eventId);
  const removed = await actor.tx
    .deleteFrom("event_cohosts")
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .where("cohost_network_id", "=", cohostNetworkId)
    .executeTakeFirst();
  if (removed.numDeletedRows === 0n) throw notFound();
  const seats = await lockSeats(actor.tx, actor.networkId, eventId);
  const gone = await actor.tx
    .updateTable("event_registrations")
    .set({ status: "cancelled", cancelled_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
    .where("network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .where("member_network_id", "=", cohostNetworkId)
    .where("status", "in", ["confirmed", "waitlisted"])
    .returning("id")
    .execute();
  if (gone.length > 0) await recountSeats(deps, actor.tx, actor.networkId, eventId, seats.capacity);
  await recordAudit(
    actor.tx,
    actor.networkId,
    auditActor(actor),
    "event.cohost_removed",
    { id: eventId, name: event.title },
    {
      network: cohostNetworkId,
      cancelledRegistrations: gone.length,
    },
  );
  return cohostList(actor.tx, actor.networkId, eventId);
}

export async function listCohostInvitations(actor: MemberActor) {
  const rows = await actor.tx
    .selectFrom("event_cohosts as c")
    .innerJoin("networks as n", "n.id", "c.network_id")
    .select([
      "c.network_id",
      "c.event_id",
      "c.status",
      "c.event_title",
      "c.event_starts_at",
      "c.event_ends_at",
      "c.event_time_zone",
      "n.name",
      "n.slug",
    ])
    .where("c.cohost_network_id", "=", actor.networkId)
    .orderBy("c.event_starts_at", "desc")
    .execute();
  return {
    items: rows.map((r) => ({
      event: {
        id: r.event_id,
        title: r.event_title,
        startsAt: iso(r.event_starts_at),
        endsAt: iso(r.event_ends_at),
        timeZone: r.event_time_zone,
      },
      host: { id: r.network_id, name: r.name, slug: r.slug },
      status: r.status,
    })),
  };
}

export async function decideCohostInvitation(actor: MemberActor, eventId: string, accept: boolean) {
  const row = await actor.tx
    .updateTable("event_cohosts")
    .set({ status: accept ? "accepted" : "declined", decided_at: sql<Date>`now()` })
    .where("cohost_network_id", "=", actor.networkId)
    .where("event_id", "=", eventId)
    .returning(["network_id"])
    .executeTakeFirst();
  if (!row) throw notFound();
  const { items } = await listCohostInvitations(actor);
  const item = items.find((i) => i.event.id === eventId);
  if (!item) throw notFound();
  await recordAudit(actor.tx, actor.networkId, auditActor(actor), accept ? "event.cohost_accepted" : "event.cohost_declined", {
    id: eventId,
    name: item.event.title,
  });
  return item;
}
