// A survey's responses as CSV for Excel: one row per response, a column per question, headers in
// the reader's language. Named surveys start with who answered and when; anonymous ones have
// neither, and their rows come in the order of the responses' random ids — never the order of
// answering. UTF-8 with a BOM, CRLF, RFC 4180 quoting, no cell a spreadsheet would run as a formula
// (member-import/report.ts). Read 1,000 responses at a time.
import { sql } from "kysely";
import type { FileResponse } from "../../shared/contract/endpoint.ts";
import type { Locale } from "../../shared/limits.ts";
import type { SurveyQuestionRow } from "../platform/db/schema.ts";
import { csvLine, utf8Bom } from "../member-import/report.ts";
import { forbidden } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { questionLabel } from "./survey-presets.ts";
import { questionsOf } from "./surveys.repository.ts";
import { surveyAccess } from "./surveys.service.ts";

const chunkRows = 1000;
const listSeparator: Record<Locale, string> = { ja: "、", en: ", " };

type Cell = string | number | null;
interface Answer {
  question_id: string;
  choices: number[] | null;
  score: number | null;
  text: string | null;
}

function answerCell(question: SurveyQuestionRow, answer: Answer | undefined, locale: Locale): Cell {
  if (!answer) return null;
  if (answer.score !== null) return answer.score;
  if (answer.text !== null) return answer.text;
  return (answer.choices ?? []).map((i) => question.options[i] ?? "").join(listSeparator[locale]);
}

function dateTimeIn(timeZone: string) {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (d: Date) => format.format(d).replace(", ", " ");
}

interface ResponseRow {
  id: string;
  submitted_at: Date | null;
  display_name: string | null;
}

/** The next chunk of responses: named ones by time of answering, anonymous ones by id only. */
async function responsesAfter(tx: Tx, networkId: string, surveyId: string, anonymous: boolean, last: ResponseRow | null) {
  let q = tx
    .selectFrom("survey_responses as p")
    .leftJoin("accounts as a", "a.id", "p.account_id")
    .select(["p.id", "p.submitted_at", "a.display_name"])
    .where("p.network_id", "=", networkId)
    .where("p.survey_id", "=", surveyId)
    .limit(chunkRows);
  if (anonymous) {
    q = q.orderBy("p.id");
    if (last) q = q.where("p.id", ">", last.id);
  } else {
    q = q.orderBy("p.submitted_at").orderBy("p.id");
    if (last?.submitted_at)
      q = q.where(sql<boolean>`(p.submitted_at, p.id) > (${last.submitted_at.toISOString()}::timestamptz, ${last.id}::uuid)`);
  }
  return q.execute();
}

export async function exportSurveyResults(actor: MemberActor, surveyId: string): Promise<FileResponse> {
  const { row, manage } = await surveyAccess(actor, surveyId);
  if (!manage) throw forbidden();
  const locale = actor.account.locale;
  const questions = await questionsOf(actor.tx, row.network_id, row.id);
  const who = row.anonymous ? [] : locale === "ja" ? ["回答者", "回答日時"] : ["Respondent", "Answered at"];
  const chunks: Buffer[] = [Buffer.from(utf8Bom + csvLine([...who, ...questions.map((q) => questionLabel(q, locale))]), "utf8")];
  const at = dateTimeIn(actor.account.time_zone);

  let last: ResponseRow | null = null;
  for (;;) {
    const page = await responsesAfter(actor.tx, row.network_id, row.id, row.anonymous, last);
    if (page.length === 0) break;
    const answers = await actor.tx
      .selectFrom("survey_answers")
      .select(["response_id", "question_id", "choices", "score", "text"])
      .where("network_id", "=", row.network_id)
      .where("survey_id", "=", row.id)
      .where(
        "response_id",
        "in",
        page.map((p) => p.id),
      )
      .execute();
    const byResponse = new Map<string, Map<string, Answer>>();
    for (const a of answers) {
      const m = byResponse.get(a.response_id) ?? new Map<string, Answer>();
      m.set(a.question_id, a);
      byResponse.set(a.response_id, m);
    }
    const lines = page.map((p) => {
      const mine = byResponse.get(p.id);
      const cells: Cell[] = questions.map((q) => answerCell(q, mine?.get(q.id), locale));
      return csvLine(row.anonymous ? cells : [p.display_name ?? "", p.submitted_at ? at(p.submitted_at) : null, ...cells]);
    });
    chunks.push(Buffer.from(lines.join(""), "utf8"));
    last = page.at(-1) ?? null;
    if (page.length < chunkRows) break;
  }
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: actor.account.time_zone }).format(new Date());
  return { filename: `${locale === "ja" ? "アンケート結果" : "survey-results"}-${today}.csv`, body: Buffer.concat(chunks) };
}
