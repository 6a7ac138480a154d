// Series (シリーズ): events under one title, each session with its own theme. A co-host's members
// see a series only through an event of it they can see.
import { sql } from "kysely";
import type { EventSeries } from "../../shared/contract/events.ts";
import { forbidden, notFound } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { canCreateEvents } from "./events.policy.ts";
import { eventsQuery, visibleToViewer } from "./events.repository.ts";
import { iso, organizerFacts, presentCard, viewerOf } from "./events.access.ts";

export async function listSeries(actor: MemberActor) {
  const rows = await actor.tx
    .selectFrom("event_series as s")
    .select(["s.id", "s.title", "s.description", "s.created_at"])
    .select((eb) =>
      eb
        .selectFrom("network_events as e")
        .select(sql<number>`count(*)::int`.as("n"))
        .whereRef("e.network_id", "=", "s.network_id")
        .whereRef("e.series_id", "=", "s.id")
        .as("sessions"),
    )
    .where("s.network_id", "=", actor.networkId)
    .orderBy("s.created_at", "desc")
    .execute();
  return {
    items: rows.map((s) => ({
      id: s.id,
      title: s.title,
      description: s.description,
      createdAt: iso(s.created_at),
      sessions: s.sessions ?? 0,
    })),
  };
}

export async function createSeries(actor: MemberActor, input: { title: string; description: string }): Promise<EventSeries> {
  if (!canCreateEvents(await organizerFacts(actor))) throw forbidden();
  const row = await actor.tx
    .insertInto("event_series")
    .values({ network_id: actor.networkId, title: input.title, description: input.description, created_by: actor.account.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  return getSeries(actor, row.id);
}

export async function updateSeries(
  actor: MemberActor,
  seriesId: string,
  input: { title?: string | undefined; description?: string | undefined },
) {
  if (!canCreateEvents(await organizerFacts(actor))) throw forbidden();
  const updated = await actor.tx
    .updateTable("event_series")
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
    })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", seriesId)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw notFound();
  return getSeries(actor, seriesId);
}

export async function getSeries(actor: MemberActor, seriesId: string): Promise<EventSeries> {
  const series = await actor.tx.selectFrom("event_series").selectAll().where("id", "=", seriesId).executeTakeFirst();
  if (!series) throw notFound();
  const events = await eventsQuery(actor.tx, viewerOf(actor))
    .where("e.network_id", "=", series.network_id)
    .where("e.series_id", "=", seriesId)
    .where(visibleToViewer({ networkId: actor.networkId, memberId: actor.membershipId, role: actor.role }))
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .execute();
  // A co-host sees a series only through an event of it that it can see.
  if (series.network_id !== actor.networkId && events.length === 0) throw notFound();
  return {
    id: series.id,
    title: series.title,
    description: series.description,
    createdAt: iso(series.created_at),
    events: events.map((e) => presentCard(e, actor)),
  };
}
