// Surveys, their questions and recipients (tenant rows of the sending network). A co-host
// network's member reads a survey of the host network only where they are a recipient: the join
// on survey_recipients below names their own network and account, and row-level security
// (migrations/0016_surveys.sql) shows them nothing else.
import { sql } from "kysely";
import type { Tx } from "../platform/tenancy/scope.ts";

export interface Viewer {
  networkId: string;
  accountId: string;
}

/** Surveys with what a card shows: the event's title, the room's name, and the viewer's own recipient row. */
export const surveysSeenBy = (tx: Tx, viewer: Viewer) =>
  tx
    .selectFrom("surveys as s")
    .leftJoin("network_events as e", (j) => j.onRef("e.network_id", "=", "s.network_id").onRef("e.id", "=", "s.event_id"))
    .leftJoin("rooms as ro", (j) => j.onRef("ro.network_id", "=", "s.network_id").onRef("ro.id", "=", "s.room_id"))
    .leftJoin("survey_recipients as r", (j) =>
      j
        .onRef("r.network_id", "=", "s.network_id")
        .onRef("r.survey_id", "=", "s.id")
        .on("r.member_network_id", "=", viewer.networkId)
        .on("r.account_id", "=", viewer.accountId),
    )
    .selectAll("s")
    .select(["e.title as event_title", "ro.name as room_name", "r.responded", sql<boolean>`r.account_id is not null`.as("is_recipient")]);

export type SurveyWithViewer = Awaited<ReturnType<ReturnType<typeof surveysSeenBy>["executeTakeFirstOrThrow"]>>;

/** One survey as the viewer may reach it: their network's own, or one sent to them from another network. */
export const surveyForViewer = (tx: Tx, viewer: Viewer, surveyId: string) =>
  surveysSeenBy(tx, viewer)
    .where("s.id", "=", surveyId)
    .where((eb) => eb.or([eb("s.network_id", "=", viewer.networkId), eb("r.account_id", "is not", null)]));

/** The events of the network that the member organises. */
export async function organizedEventIds(tx: Tx, networkId: string, memberId: string): Promise<Set<string>> {
  const rows = await tx
    .selectFrom("event_organizers")
    .select("event_id")
    .where("network_id", "=", networkId)
    .where("member_id", "=", memberId)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

export const questionsOf = (tx: Tx, networkId: string, surveyId: string) =>
  tx
    .selectFrom("survey_questions")
    .selectAll()
    .where("network_id", "=", networkId)
    .where("survey_id", "=", surveyId)
    .orderBy("position")
    .execute();

/** Recipients and responses per survey, for those who manage them. */
export async function surveyCounts(
  tx: Tx,
  networkId: string,
  surveyIds: readonly string[],
): Promise<Map<string, { recipients: number; responses: number }>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom("surveys as s")
    .select([
      "s.id",
      (eb) =>
        eb
          .selectFrom("survey_recipients as r")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("r.network_id", "=", "s.network_id")
          .whereRef("r.survey_id", "=", "s.id")
          .as("recipients"),
      (eb) =>
        eb
          .selectFrom("survey_responses as p")
          .select(sql<number>`count(*)::int`.as("n"))
          .whereRef("p.network_id", "=", "s.network_id")
          .whereRef("p.survey_id", "=", "s.id")
          .as("responses"),
    ])
    .where("s.network_id", "=", networkId)
    .where("s.id", "in", surveyIds)
    .execute();
  return new Map(rows.map((r) => [r.id, { recipients: Number(r.recipients ?? 0), responses: Number(r.responses ?? 0) }]));
}

export interface NewQuestion {
  kind: "single" | "multiple" | "rating" | "nps" | "text";
  label: string;
  options: string[];
  required: boolean;
  preset?: string | null;
}

export async function insertQuestions(tx: Tx, networkId: string, surveyId: string, questions: readonly NewQuestion[]): Promise<void> {
  await tx
    .insertInto("survey_questions")
    .values(
      questions.map((q, position) => ({
        network_id: networkId,
        survey_id: surveyId,
        position,
        kind: q.kind,
        label: q.label,
        options: q.kind === "single" || q.kind === "multiple" ? q.options : [],
        required: q.required,
        preset: q.preset ?? null,
      })),
    )
    .execute();
}

export interface RecipientRef {
  member_network_id: string;
  member_id: string;
  account_id: string;
}

const recipientChunk = 1000;

/** Fixes the recipients (once per account: a person registered twice is asked once). */
export async function insertRecipients(tx: Tx, networkId: string, surveyId: string, recipients: readonly RecipientRef[]): Promise<number> {
  const unique = [...new Map(recipients.map((r) => [r.account_id, r])).values()];
  for (let i = 0; i < unique.length; i += recipientChunk)
    await tx
      .insertInto("survey_recipients")
      .values(unique.slice(i, i + recipientChunk).map((r) => ({ network_id: networkId, survey_id: surveyId, ...r })))
      .execute();
  return unique.length;
}
