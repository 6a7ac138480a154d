// The satisfaction survey sent automatically after an event: a durable job at the event's end
// creates it (preset questions, anonymous, open 14 days) for those who checked in — or, when
// nobody checked in, those confirmed — from every network, then the usual request mails and one
// reminder 3 days later (survey-mail.ts).
//
// The events feature calls `scheduleSatisfactionSurvey` when an event is created and whenever its
// end moves. A job whose end no longer matches the event's (a newer job exists) or whose event was
// cancelled does nothing; a unique index keeps it to one survey per event however often it runs.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import type { Deps } from "../platform/deps.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { eventAttendees } from "./survey-audience.ts";
import { scheduleSurveyMails } from "./survey-mail.ts";
import { satisfactionDescription, satisfactionQuestions, satisfactionTitle } from "./survey-presets.ts";
import { insertQuestions, insertRecipients } from "./surveys.repository.ts";

export const satisfactionJobKind = "survey.event_satisfaction";

export interface SatisfactionJob {
  networkId: string;
  eventId: string;
  /** The event's end when the job was queued (ISO). */
  endsAt: string;
}

const dayMs = 24 * 60 * 60 * 1000;

export async function scheduleSatisfactionSurvey(
  deps: Pick<Deps, "jobs">,
  tx: Tx,
  event: { networkId: string; eventId: string; endsAt: Date },
): Promise<void> {
  const payload: SatisfactionJob = { networkId: event.networkId, eventId: event.eventId, endsAt: event.endsAt.toISOString() };
  await deps.jobs.enqueue(tx, satisfactionJobKind, payload, { runAt: event.endsAt });
}

/** Creates the survey and queues its mails, in one transaction; true when it made one. */
export async function runSatisfactionJob(deps: Deps, job: SatisfactionJob): Promise<boolean> {
  const created = await inSystem(deps.database, async (tx) => {
    const event = await tx
      .selectFrom("network_events")
      .select(["id", "title", "status", "ends_at"])
      .where("network_id", "=", job.networkId)
      .where("id", "=", job.eventId)
      .executeTakeFirst();
    if (!event || event.status === "cancelled" || event.ends_at.getTime() !== Date.parse(job.endsAt)) return false;
    const recipients = await eventAttendees(tx, job.networkId, job.eventId);
    if (recipients.length === 0) return false;

    const surveyId = randomUUID();
    const closesAt = new Date(Date.now() + surveyLimits.satisfactionOpenDays * dayMs);
    const inserted = await tx
      .insertInto("surveys")
      .values({
        network_id: job.networkId,
        id: surveyId,
        // Stored in Japanese (the product's first language); shown in each reader's language.
        title: satisfactionTitle(event.title, "ja").slice(0, surveyLimits.titleMax),
        description: satisfactionDescription.ja,
        anonymous: true,
        audience: "event",
        event_id: job.eventId,
        preset: "event_satisfaction",
        sent_at: new Date(),
        closes_at: closesAt,
        created_by: null,
      })
      .onConflict((oc) =>
        oc
          .columns(["network_id", "event_id"])
          .where(sql<boolean>`preset = 'event_satisfaction'`)
          .doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!inserted) return false;
    await insertQuestions(
      tx,
      job.networkId,
      surveyId,
      satisfactionQuestions.map((q) => ({ kind: q.kind, label: q.label.ja, options: [], required: q.required, preset: q.preset })),
    );
    await insertRecipients(tx, job.networkId, surveyId, recipients);
    await scheduleSurveyMails(deps, tx, { networkId: job.networkId, surveyId, closesAt });
    return true;
  });
  if (created) deps.jobs.kick();
  return created;
}
