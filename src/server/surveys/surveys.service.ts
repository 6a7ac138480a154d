// Surveys: building (drafts), sending to a fixed list of recipients, answering once, closing,
// and the lists a member sees. Results and the CSV are in survey-results.ts and survey-export.ts.
//
// A survey belongs to the network that sends it. A co-host network's attendee of an event reaches
// its survey under their own network's path: the survey is found through their recipient row, and
// their response is written into the host network's rows (row-level security allows exactly that).
import { recordAudit } from "../membership/audit-log.ts";
import { auditActor } from "../membership/invitations.service.ts";
import { randomUUID } from "node:crypto";
import type { AnswerValue, Survey, SurveyCard, SurveyInput } from "../../shared/contract/surveys.ts";
import type { Deps } from "../platform/deps.ts";
import { conflict, forbidden, notFound, validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { eventAttendees, networkAudience, openRoom, roomAudience } from "./survey-audience.ts";
import { checkAnswers } from "./survey-answers.ts";
import { scheduleSurveyMails } from "./survey-mail.ts";
import { canCreateSurvey, canManageSurvey, canSeeSurvey, surveyStatus, type SurveyViewer } from "./surveys.policy.ts";
import { presentSurvey, presentSurveyCard } from "./surveys.presenter.ts";
import {
  insertQuestions,
  insertRecipients,
  organizedEventIds,
  questionsOf,
  surveyCounts,
  surveyForViewer,
  surveysSeenBy,
  type SurveyWithViewer,
  type Viewer,
} from "./surveys.repository.ts";

const listMax = 100;

const viewerOf = (actor: MemberActor): Viewer => ({ networkId: actor.networkId, accountId: actor.account.id });

function policyViewer(actor: MemberActor, row: Pick<SurveyWithViewer, "network_id" | "event_id">, organized: Set<string>): SurveyViewer {
  const sameNetwork = row.network_id === actor.networkId;
  return { role: actor.role, sameNetwork, organizesEvent: sameNetwork && row.event_id !== null && organized.has(row.event_id) };
}

export interface SurveyAccess {
  row: SurveyWithViewer;
  manage: boolean;
}

/** The survey as the actor may see it (404 otherwise), and whether they manage it. */
export async function surveyAccess(actor: MemberActor, surveyId: string): Promise<SurveyAccess> {
  const row = await surveyForViewer(actor.tx, viewerOf(actor), surveyId).executeTakeFirst();
  if (!row) throw notFound();
  const organized = await organizedEventIds(actor.tx, actor.networkId, actor.membershipId);
  const viewer = policyViewer(actor, row, organized);
  const facts = { audience: row.audience, status: surveyStatus(row, new Date()) };
  if (!canSeeSurvey({ ...viewer, recipient: row.is_recipient, responded: row.responded === true }, facts)) throw notFound();
  return { row, manage: canManageSurvey(viewer, facts) };
}

/**
 * The survey for a change by those who manage it (403 for the others who see it), read again under
 * a row lock so that two changes of one survey take turns.
 */
async function managedForChange(actor: MemberActor, surveyId: string): Promise<SurveyWithViewer> {
  const { manage } = await surveyAccess(actor, surveyId);
  if (!manage) throw forbidden();
  return surveyForViewer(actor.tx, viewerOf(actor), surveyId).forUpdate("s").executeTakeFirstOrThrow();
}

async function presentOne(actor: MemberActor, surveyId: string): Promise<Survey> {
  const { row, manage } = await surveyAccess(actor, surveyId);
  const [questions, counts] = await Promise.all([
    questionsOf(actor.tx, row.network_id, row.id),
    manage
      ? surveyCounts(actor.tx, row.network_id, [row.id])
      : Promise.resolve(new Map<string, { recipients: number; responses: number }>()),
  ]);
  return presentSurvey(row, questions, { locale: actor.account.locale, now: new Date(), manage, counts: counts.get(row.id) });
}

export const getSurvey = (actor: MemberActor, surveyId: string) => presentOne(actor, surveyId);

async function presentCards(actor: MemberActor, rows: SurveyWithViewer[], organized: Set<string>): Promise<SurveyCard[]> {
  const now = new Date();
  const managed = rows.filter((r) => canManageSurvey(policyViewer(actor, r, organized), r));
  const counts = await surveyCounts(
    actor.tx,
    actor.networkId,
    managed.map((r) => r.id),
  );
  const manageIds = new Set(managed.map((r) => r.id));
  return rows.map((r) =>
    presentSurveyCard(r, { locale: actor.account.locale, now, manage: manageIds.has(r.id), counts: counts.get(r.id) }),
  );
}

export async function listSurveys(actor: MemberActor) {
  const viewer = viewerOf(actor);
  const organized = await organizedEventIds(actor.tx, actor.networkId, actor.membershipId);
  const asked = await surveysSeenBy(actor.tx, viewer)
    .where("r.account_id", "is not", null)
    .where("s.sent_at", "is not", null)
    .orderBy("s.sent_at", "desc")
    .orderBy("s.id")
    .limit(listMax * 2)
    .execute();
  const now = new Date();
  const toAnswer = asked.filter((r) => !r.responded && surveyStatus(r, now) === "open").slice(0, listMax);
  const answered = asked.filter((r) => r.responded).slice(0, listMax);

  let managed: SurveyWithViewer[] = [];
  if (actor.role === "admin" || organized.size > 0) {
    let q = surveysSeenBy(actor.tx, viewer).where("s.network_id", "=", actor.networkId);
    if (actor.role !== "admin") q = q.where("s.event_id", "in", [...organized]);
    managed = await q.orderBy("s.created_at", "desc").orderBy("s.id").limit(listMax).execute();
  }
  const [a, b, c] = await Promise.all([
    presentCards(actor, toAnswer, organized),
    presentCards(actor, answered, organized),
    presentCards(actor, managed, organized),
  ]);
  return { toAnswer: a, answered: b, managed: c, canCreate: actor.role === "admin" };
}

export async function listEventSurveys(actor: MemberActor, eventId: string) {
  // The host's event, or one the actor's network co-hosts (row-level security shows no other).
  const event = await actor.tx
    .selectFrom("network_events")
    .select(["network_id", "id", "title", "status"])
    .where("id", "=", eventId)
    .executeTakeFirst();
  if (!event) throw notFound();
  const organized = await organizedEventIds(actor.tx, actor.networkId, actor.membershipId);
  const rows = await surveysSeenBy(actor.tx, viewerOf(actor))
    .where("s.network_id", "=", event.network_id)
    .where("s.event_id", "=", eventId)
    .orderBy("s.created_at")
    .orderBy("s.id")
    .execute();
  const now = new Date();
  const visible = rows.filter((r) => {
    const viewer = policyViewer(actor, r, organized);
    return canSeeSurvey(
      { ...viewer, recipient: r.is_recipient, responded: r.responded === true },
      { audience: r.audience, status: surveyStatus(r, now) },
    );
  });
  const creator = policyViewer(actor, { network_id: event.network_id, event_id: event.id }, organized);
  return {
    event: { id: event.id, title: event.title },
    items: await presentCards(actor, visible, organized),
    canCreate: event.status !== "cancelled" && canCreateSurvey(creator, "event"),
  };
}

// --- building and sending ---

interface Target {
  eventId: string | null;
  roomId: string | null;
}

/** The audience must be the actor's to address: a room of the network (admins), an event they organise. */
async function checkTarget(actor: MemberActor, input: SurveyInput, organized: Set<string>): Promise<Target> {
  const audience = input.audience;
  if (audience.kind === "event") {
    const event = await actor.tx
      .selectFrom("network_events")
      .select(["id", "status"])
      .where("network_id", "=", actor.networkId)
      .where("id", "=", audience.eventId)
      .executeTakeFirst();
    const viewer = { role: actor.role, sameNetwork: true, organizesEvent: organized.has(audience.eventId) };
    if (!event || event.status === "cancelled" || !canCreateSurvey(viewer, "event"))
      throw validationFailed({ "audience.eventId": "survey_event_unknown" });
    return { eventId: event.id, roomId: null };
  }
  if (!canCreateSurvey({ role: actor.role, sameNetwork: true, organizesEvent: false }, audience.kind)) throw forbidden();
  if (audience.kind === "room") {
    if (!(await openRoom(actor.tx, actor.networkId, audience.roomId))) throw validationFailed({ "audience.roomId": "survey_room_unknown" });
    return { eventId: null, roomId: audience.roomId };
  }
  return { eventId: null, roomId: null };
}

function checkClosing(input: SurveyInput): Date | null {
  if (input.closesAt === null) return null;
  const closesAt = new Date(input.closesAt);
  if (closesAt.getTime() <= Date.now()) throw validationFailed({ closesAt: "survey_closes_past" });
  return closesAt;
}

const surveyValues = (input: SurveyInput, target: Target, closesAt: Date | null) => ({
  title: input.title,
  description: input.description,
  anonymous: input.anonymous,
  audience: input.audience.kind,
  event_id: target.eventId,
  room_id: target.roomId,
  closes_at: closesAt,
});

/** Fixes the recipients and queues the mails; a survey nobody would receive is refused. */
async function send(deps: Deps, actor: MemberActor, surveyId: string, target: Target, closesAt: Date | null): Promise<void> {
  const tx: Tx = actor.tx;
  const recipients = target.eventId
    ? await eventAttendees(tx, actor.networkId, target.eventId)
    : target.roomId
      ? await roomAudience(tx, actor.networkId, target.roomId)
      : await networkAudience(tx, actor.networkId);
  if (recipients.length === 0) throw validationFailed({ audience: "survey_no_recipients" });
  await insertRecipients(tx, actor.networkId, surveyId, recipients);
  await tx
    .updateTable("surveys")
    .set({ sent_at: new Date(), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", surveyId)
    .execute();
  await scheduleSurveyMails(deps, tx, { networkId: actor.networkId, surveyId, closesAt });
  const { title } = await tx
    .selectFrom("surveys")
    .select("title")
    .where("network_id", "=", actor.networkId)
    .where("id", "=", surveyId)
    .executeTakeFirstOrThrow();
  await recordAudit(
    tx,
    actor.networkId,
    auditActor(actor),
    "survey.sent",
    { id: surveyId, name: title },
    { recipients: recipients.length },
  );
  actor.afterCommit(() => Promise.resolve(deps.jobs.kick()));
}

export async function createSurvey(deps: Deps, actor: MemberActor, input: SurveyInput): Promise<Survey> {
  const organized = await organizedEventIds(actor.tx, actor.networkId, actor.membershipId);
  const target = await checkTarget(actor, input, organized);
  const closesAt = checkClosing(input);
  const id = randomUUID();
  await actor.tx
    .insertInto("surveys")
    .values({ network_id: actor.networkId, id, ...surveyValues(input, target, closesAt), created_by: actor.account.id })
    .execute();
  await insertQuestions(actor.tx, actor.networkId, id, input.questions);
  if (input.send) await send(deps, actor, id, target, closesAt);
  return presentOne(actor, id);
}

/** Replaces a draft (its questions too); `send` sends it. */
export async function updateSurvey(deps: Deps, actor: MemberActor, surveyId: string, input: SurveyInput): Promise<Survey> {
  const row = await managedForChange(actor, surveyId);
  if (row.sent_at) throw conflict({ survey: "survey_not_draft" });
  const organized = await organizedEventIds(actor.tx, actor.networkId, actor.membershipId);
  const target = await checkTarget(actor, input, organized);
  const closesAt = checkClosing(input);
  await actor.tx
    .updateTable("surveys")
    .set({ ...surveyValues(input, target, closesAt), updated_at: new Date() })
    .where("network_id", "=", actor.networkId)
    .where("id", "=", surveyId)
    .execute();
  await actor.tx.deleteFrom("survey_questions").where("network_id", "=", actor.networkId).where("survey_id", "=", surveyId).execute();
  await insertQuestions(actor.tx, actor.networkId, surveyId, input.questions);
  if (input.send) await send(deps, actor, surveyId, target, closesAt);
  return presentOne(actor, surveyId);
}

export async function closeSurvey(actor: MemberActor, surveyId: string): Promise<Survey> {
  const row = await managedForChange(actor, surveyId);
  const status = surveyStatus(row, new Date());
  if (status === "draft") throw conflict({ survey: "survey_not_sent" });
  if (status === "open") {
    await actor.tx
      .updateTable("surveys")
      .set({ closed_at: new Date(), updated_at: new Date() })
      .where("network_id", "=", actor.networkId)
      .where("id", "=", surveyId)
      .execute();
    await recordAudit(actor.tx, actor.networkId, auditActor(actor), "survey.closed", { id: surveyId, name: row.title });
  }
  return presentOne(actor, surveyId);
}

// --- answering ---

/**
 * One response per recipient: the recipient row is flagged `responded` (no time) by a guarded
 * update, so a second answer — also one racing the first — finds nothing to flag and gets 409.
 * An anonymous response is stored with no member, account or time; a named one with all three.
 */
export async function answerSurvey(actor: MemberActor, surveyId: string, given: Record<string, AnswerValue>): Promise<Survey> {
  const { row } = await surveyAccess(actor, surveyId);
  if (!row.is_recipient) throw forbidden();
  const status = surveyStatus(row, new Date());
  if (status === "closed") throw conflict({ survey: "survey_closed" });
  if (row.responded) throw conflict({ survey: "survey_already_answered" });

  const questions = await questionsOf(actor.tx, row.network_id, row.id);
  const checked = checkAnswers(questions, given);
  if (!checked.ok) throw validationFailed(checked.fields);

  const flagged = await actor.tx
    .updateTable("survey_recipients")
    .set({ responded: true })
    .where("network_id", "=", row.network_id)
    .where("survey_id", "=", row.id)
    .where("member_network_id", "=", actor.networkId)
    .where("account_id", "=", actor.account.id)
    .where("responded", "=", false)
    .executeTakeFirst();
  if (flagged.numUpdatedRows === 0n) throw conflict({ survey: "survey_already_answered" });

  // The id is made here: a co-host's scope may add the row but not read it back (no RETURNING).
  const responseId = randomUUID();
  await actor.tx
    .insertInto("survey_responses")
    .values({
      network_id: row.network_id,
      survey_id: row.id,
      id: responseId,
      anonymous: row.anonymous,
      ...(row.anonymous
        ? {}
        : { member_network_id: actor.networkId, member_id: actor.membershipId, account_id: actor.account.id, submitted_at: new Date() }),
    })
    .execute();
  if (checked.answers.length > 0)
    await actor.tx
      .insertInto("survey_answers")
      .values(checked.answers.map((a) => ({ network_id: row.network_id, survey_id: row.id, response_id: responseId, ...a })))
      .execute();
  return presentOne(actor, surveyId);
}
