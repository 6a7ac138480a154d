// Results of a survey, per question: the distribution (per option, per score), the share of the
// top box (rating: 5, and 4–5), NPS (promoters 9–10 minus detractors 0–6, in percent), the mean of
// ratings, and the free-text answers. Counted in SQL; the arithmetic is the pure `summarise`.
//
// Free text of an anonymous survey is listed without anyone's name and in the order of the text,
// never in the order it came in.
import { sql } from "kysely";
import type { QuestionResult, SurveyQuestion, SurveyResults } from "../../shared/contract/surveys.ts";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import { forbidden } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { presentQuestion, presentSurveyCard } from "./surveys.presenter.ts";
import { questionsOf, surveyCounts } from "./surveys.repository.ts";
import { surveyAccess } from "./surveys.service.ts";

/** n of d in percent with one decimal; null when there is nothing to divide by. */
export const percent = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 10);

export interface QuestionCounts {
  answered: number;
  /** Option index or score → how many. */
  counts: Map<number, number>;
}

const scoreScale = { rating: [1, 2, 3, 4, 5], nps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] } as const;

export function summarise(question: SurveyQuestion, { answered, counts }: QuestionCounts): Omit<QuestionResult, "texts" | "textTotal"> {
  const n = (key: number) => counts.get(key) ?? 0;
  const base = { question, answered, distribution: [], mean: null, topBox: null, topTwoBox: null, nps: null };
  switch (question.kind) {
    case "single":
    case "multiple":
      return {
        ...base,
        distribution: question.options.map((label, index) => ({ label, count: n(index), percent: percent(n(index), answered) })),
      };
    case "rating": {
      const total = scoreScale.rating.reduce((sum, s) => sum + s * n(s), 0);
      return {
        ...base,
        distribution: scoreScale.rating.map((s) => ({ label: String(s), count: n(s), percent: percent(n(s), answered) })),
        mean: answered === 0 ? null : Math.round((total / answered) * 100) / 100,
        topBox: percent(n(5), answered),
        topTwoBox: percent(n(4) + n(5), answered),
      };
    }
    case "nps": {
      const promoters = n(9) + n(10);
      const passives = n(7) + n(8);
      const detractors = answered - promoters - passives;
      return {
        ...base,
        distribution: scoreScale.nps.map((s) => ({ label: String(s), count: n(s), percent: percent(n(s), answered) })),
        nps: { promoters, passives, detractors, score: percent(promoters - detractors, answered) },
      };
    }
    case "text":
      return base;
  }
}

async function countAnswers(tx: Tx, networkId: string, surveyId: string) {
  const answered = await tx
    .selectFrom("survey_answers")
    .select(["question_id", sql<number>`count(*)::int`.as("n")])
    .where("network_id", "=", networkId)
    .where("survey_id", "=", surveyId)
    .groupBy("question_id")
    .execute();
  const scores = await tx
    .selectFrom("survey_answers")
    .select(["question_id", sql<number>`score`.as("key"), sql<number>`count(*)::int`.as("n")])
    .where("network_id", "=", networkId)
    .where("survey_id", "=", surveyId)
    .where("score", "is not", null)
    .groupBy(["question_id", "score"])
    .execute();
  const choices = await sql<{ question_id: string; key: number; n: number }>`
    select question_id, choice as key, count(*)::int as n
    from survey_answers, unnest(choices) as choice
    where network_id = ${networkId} and survey_id = ${surveyId} and choices is not null
    group by question_id, choice`.execute(tx);
  const byQuestion = new Map<string, QuestionCounts>();
  const entry = (id: string) => {
    let e = byQuestion.get(id);
    if (!e) byQuestion.set(id, (e = { answered: 0, counts: new Map() }));
    return e;
  };
  for (const r of answered) entry(r.question_id).answered = Number(r.n);
  for (const r of [...scores, ...choices.rows]) entry(r.question_id).counts.set(Number(r.key), Number(r.n));
  return byQuestion;
}

/** A text question's answers: named with the respondent, newest first; anonymous by text alone. */
async function textAnswers(tx: Tx, networkId: string, surveyId: string, questionId: string, anonymous: boolean) {
  if (anonymous) {
    const rows = await tx
      .selectFrom("survey_answers")
      .select("text")
      .where("network_id", "=", networkId)
      .where("question_id", "=", questionId)
      .where("text", "is not", null)
      .orderBy("text")
      .limit(surveyLimits.textAnswersListed)
      .execute();
    return rows.map((r) => ({ text: r.text ?? "", respondent: null }));
  }
  const rows = await tx
    .selectFrom("survey_answers as x")
    .innerJoin("survey_responses as p", (j) => j.onRef("p.network_id", "=", "x.network_id").onRef("p.id", "=", "x.response_id"))
    .leftJoin("accounts as a", "a.id", "p.account_id")
    .select(["x.text", "p.member_id", "a.display_name"])
    .where("x.network_id", "=", networkId)
    .where("x.survey_id", "=", surveyId)
    .where("x.question_id", "=", questionId)
    .where("x.text", "is not", null)
    .orderBy("p.submitted_at", "desc")
    .orderBy("p.id")
    .limit(surveyLimits.textAnswersListed)
    .execute();
  return rows.map((r) => ({ text: r.text ?? "", respondent: { memberId: r.member_id, displayName: r.display_name ?? "" } }));
}

export async function getSurveyResults(actor: MemberActor, surveyId: string): Promise<SurveyResults> {
  const { row, manage } = await surveyAccess(actor, surveyId);
  if (!manage) throw forbidden();
  const [questions, counts, answers] = await Promise.all([
    questionsOf(actor.tx, row.network_id, row.id),
    surveyCounts(actor.tx, row.network_id, [row.id]),
    countAnswers(actor.tx, row.network_id, row.id),
  ]);
  const locale = actor.account.locale;
  const results: QuestionResult[] = [];
  for (const q of questions) {
    const question = presentQuestion(q, locale);
    const c = answers.get(q.id) ?? { answered: 0, counts: new Map() };
    const texts = q.kind === "text" ? await textAnswers(actor.tx, row.network_id, row.id, q.id, row.anonymous) : [];
    results.push({ ...summarise(question, c), texts, textTotal: q.kind === "text" ? c.answered : 0 });
  }
  const total = counts.get(row.id) ?? { recipients: 0, responses: 0 };
  return {
    survey: presentSurveyCard(row, { locale, now: new Date(), manage, counts: total }),
    recipientCount: total.recipients,
    responseCount: total.responses,
    responseRate: percent(total.responses, total.recipients),
    questions: results,
  };
}
