// The survey's mails: the request to every recipient when it is sent, and one reminder, days
// later, to those who have not answered. Both run as durable jobs that work through the
// recipients in batches; each batch marks its recipients (`invited`, `reminded`) in the same
// transaction as it writes their mails to the outbox, so a job that runs again — after a crash,
// or twice — never mails anyone twice. Co-host attendees get a link under their own network.
import type { Locale } from "../../shared/limits.ts";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import type { Deps } from "../platform/deps.ts";
import type { OutgoingMail } from "../platform/mail/mailer.ts";
import { inSystem, type Tx } from "../platform/tenancy/scope.ts";
import { surveyStatus } from "./surveys.policy.ts";
import { surveyTexts } from "./surveys.presenter.ts";

export const surveyMailJobKind = "survey.mail";

export interface SurveyMailJob {
  networkId: string;
  surveyId: string;
  kind: "request" | "reminder";
}

const batchSize = 200;
const dayMs = 24 * 60 * 60 * 1000;

/** Queues the request mails now and the one reminder later (unless the survey closes before it). */
export async function scheduleSurveyMails(deps: Deps, tx: Tx, survey: { networkId: string; surveyId: string; closesAt: Date | null }) {
  const base = { networkId: survey.networkId, surveyId: survey.surveyId };
  await deps.jobs.enqueue(tx, surveyMailJobKind, { ...base, kind: "request" } satisfies SurveyMailJob);
  const remindAt = new Date(Date.now() + surveyLimits.reminderAfterDays * dayMs);
  if (!survey.closesAt || survey.closesAt.getTime() > remindAt.getTime())
    await deps.jobs.enqueue(tx, surveyMailJobKind, { ...base, kind: "reminder" } satisfies SurveyMailJob, { runAt: remindAt });
}

function formatClosing(closesAt: Date | null, locale: Locale, timeZone: string): string | null {
  if (!closesAt) return null;
  const options: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  const intl = locale === "ja" ? "ja-JP" : "en-US";
  try {
    return new Intl.DateTimeFormat(intl, { ...options, timeZone }).format(closesAt);
  } catch {
    return new Intl.DateTimeFormat(intl, { ...options, timeZone: "Asia/Tokyo" }).format(closesAt);
  }
}

/** One batch in one transaction; returns how many recipients it handled (0: done). */
async function mailBatch(deps: Deps, job: SurveyMailJob): Promise<number> {
  return inSystem(deps.database, async (tx) => {
    const survey = await tx
      .selectFrom("surveys as s")
      .innerJoin("networks as n", "n.id", "s.network_id")
      .leftJoin("network_events as e", (j) => j.onRef("e.network_id", "=", "s.network_id").onRef("e.id", "=", "s.event_id"))
      .select([
        "s.id",
        "s.title",
        "s.description",
        "s.preset",
        "s.anonymous",
        "s.sent_at",
        "s.closes_at",
        "s.closed_at",
        "s.reminded_at",
        "n.name as network_name",
        "e.title as event_title",
      ])
      .where("s.network_id", "=", job.networkId)
      .where("s.id", "=", job.surveyId)
      .executeTakeFirst();
    if (!survey || surveyStatus(survey, new Date()) !== "open") return 0;
    if (job.kind === "reminder" && survey.reminded_at) return 0;

    let q = tx
      .selectFrom("survey_recipients as r")
      .innerJoin("accounts as a", "a.id", "r.account_id")
      .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "r.member_network_id").onRef("m.id", "=", "r.member_id"))
      .innerJoin("networks as n", "n.id", "r.member_network_id")
      .select(["r.account_id", "a.email", "a.display_name", "a.locale", "a.time_zone", "m.status", "n.slug"])
      .where("r.network_id", "=", job.networkId)
      .where("r.survey_id", "=", job.surveyId)
      .orderBy("r.account_id")
      .limit(batchSize)
      .forUpdate("r")
      .skipLocked();
    q = job.kind === "request" ? q.where("r.invited", "=", false) : q.where("r.responded", "=", false).where("r.reminded", "=", false);
    const batch = await q.execute();
    if (batch.length === 0) {
      if (job.kind === "reminder")
        await tx
          .updateTable("surveys")
          .set({ reminded_at: new Date() })
          .where("network_id", "=", job.networkId)
          .where("id", "=", job.surveyId)
          .where("reminded_at", "is", null)
          .execute();
      return 0;
    }

    const mails: OutgoingMail[] = batch
      // Someone who left the network since can no longer open the survey: no mail, but marked.
      .filter((r) => r.status === "active")
      .map((r) => ({
        to: r.email,
        locale: r.locale,
        template: {
          kind: job.kind === "request" ? ("survey_request" as const) : ("survey_reminder" as const),
          name: r.display_name,
          networkName: survey.network_name,
          surveyTitle: surveyTexts(survey, r.locale).title,
          anonymous: survey.anonymous,
          closesAt: formatClosing(survey.closes_at, r.locale, r.time_zone),
          url: `${deps.config.publicUrl}/n/${r.slug}/surveys/${job.surveyId}`,
        },
      }));
    await deps.mailer.sendMany(tx, mails);
    await tx
      .updateTable("survey_recipients")
      .set(job.kind === "request" ? { invited: true } : { reminded: true })
      .where("network_id", "=", job.networkId)
      .where("survey_id", "=", job.surveyId)
      .where(
        "account_id",
        "in",
        batch.map((r) => r.account_id),
      )
      .execute();
    return batch.length;
  });
}

export async function runSurveyMailJob(deps: Deps, job: SurveyMailJob): Promise<void> {
  for (;;) {
    const handled = await mailBatch(deps, job);
    if (handled === 0) break;
  }
  deps.mailer.flush();
}
