// Demo events and surveys for さくら電機: the talk series 「アルムナイ・トーク」 (a past session with
// check-ins and its closed satisfaction survey, so the results page has charts, and an upcoming
// one), a full meet-up with registration questions and a waitlist, an online lunch session, and a
// meet-up co-hosted with みなと商事. Dates are relative to the day the demo is seeded (Tokyo time).
// Written as the services write them: seats counted from the registrations, the waitlist's order,
// reminders and the satisfaction survey queued as durable jobs for what is still to come. An event
// already there (same title in the network) is left as it is, so seeding again changes nothing.
import { randomUUID } from "node:crypto";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import { newSecret } from "../platform/auth/tokens.ts";
import type { JobQueue } from "../platform/jobs/jobs.ts";
import { cleanMarkdownSource, renderMarkdown } from "../platform/markdown/markdown.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { scheduleEventReminders } from "../events/event-notices.ts";
import { scheduleSatisfactionSurvey } from "../surveys/event-survey.ts";
import { eventAttendees } from "../surveys/survey-audience.ts";
import { satisfactionDescription, satisfactionQuestions, satisfactionTitle } from "../surveys/survey-presets.ts";
import { insertQuestions, insertRecipients } from "../surveys/surveys.repository.ts";

const dayMs = 86_400_000;
const timeZone = "Asia/Tokyo";

/** `days` from the seeding day at hh:mm in Tokyo (UTC+9, no summer time). */
function tokyoAt(days: number, hour: number, minute = 0): Date {
  const [y, m, d] = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date()).split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days, hour - 9, minute));
}

interface DemoRegistration {
  /** Who (an account's email) and through which network they registered. */
  email: string;
  via?: string;
  status?: "confirmed" | "waitlisted" | "cancelled";
  checkedIn?: boolean;
  /** Answers by question position. */
  answers?: Record<number, string | string[]>;
}

interface DemoEvent {
  title: string;
  description: string;
  kind: "online" | "offline" | "hybrid";
  venueName?: string;
  venueAddress?: string;
  onlineUrl?: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number | null;
  deadline?: Date;
  series?: { title: string; theme: string };
  questions?: { kind: "text" | "single" | "multiple"; label: string; options?: string[]; required?: boolean }[];
  cohosts?: string[];
  registrations: DemoRegistration[];
  /** Past events: the satisfaction survey (closed) and the answers it got, one per respondent. */
  survey?: { answers: { satisfaction: number; recommend: number; comments?: string }[] };
}

const series = {
  title: "アルムナイ・トーク",
  description: "卒業生をゲストに迎え、毎回ひとつのテーマで社員と語り合うトークシリーズです。オンラインでも参加できます。",
};

function demoEvents(): DemoEvent[] {
  return [
    {
      title: "アルムナイ・トーク #1",
      description:
        "第1回のゲストは、さくら電機を卒業してスタートアップの CTO になった高橋さん。\n\n- 大企業とスタートアップの意思決定の違い\n- 卒業して気づいた、さくら電機の強み\n- 質疑応答・懇親会",
      kind: "hybrid",
      venueName: "さくら電機 本社 2F セミナールーム",
      venueAddress: "東京都港区芝浦1-2-3",
      onlineUrl: "https://meet.example.com/sakura-alumni-talk-1",
      startsAt: tokyoAt(-30, 19),
      endsAt: tokyoAt(-30, 21),
      capacity: 40,
      series: { title: series.title, theme: "スタートアップで働くということ" },
      registrations: [
        { email: "alumni@sakura.example.com", checkedIn: true },
        { email: "employee@sakura.example.com", checkedIn: true },
        { email: "jane@example.com", checkedIn: true },
        { email: "misaki@example.com" },
        { email: "yamada.taro@example.com", checkedIn: true },
        { email: "kimura.aya@example.com", checkedIn: true },
        { email: "inoue.tsubasa@example.com", checkedIn: true },
        { email: "shimizu.sho@example.com", status: "cancelled" },
        { email: "hayashi.kenta@example.com", checkedIn: true },
        { email: "ogawa.yui@example.com", checkedIn: true },
      ],
      survey: {
        answers: [
          { satisfaction: 5, recommend: 10, comments: "現役社員の方と率直に話せる貴重な機会でした。次回も参加します。" },
          { satisfaction: 5, recommend: 9, comments: "オンラインでも質問しやすかったです。" },
          { satisfaction: 4, recommend: 9 },
          { satisfaction: 5, recommend: 10, comments: "懇親会の時間がもう少し長いとうれしいです。" },
          { satisfaction: 4, recommend: 8 },
          { satisfaction: 3, recommend: 6, comments: "会場の音響が少し聞き取りにくかったです。" },
        ],
      },
    },
    {
      title: "アルムナイ・トーク #2",
      description: "第2回は、シンガポールとロンドンで働く卒業生の2人が、海外でのキャリアの築き方を話します。",
      kind: "hybrid",
      venueName: "さくら電機 本社 2F セミナールーム",
      venueAddress: "東京都港区芝浦1-2-3",
      onlineUrl: "https://meet.example.com/sakura-alumni-talk-2",
      startsAt: tokyoAt(21, 19),
      endsAt: tokyoAt(21, 21),
      capacity: 50,
      series: { title: series.title, theme: "海外で働くキャリア" },
      registrations: [{ email: "jane@example.com" }, { email: "kimura.aya@example.com" }],
    },
    {
      title: "さくら電機 アルムナイ交流会（東京）",
      description:
        "卒業生と現役社員が気軽に集まる交流会です。軽食と飲み物をご用意しています。\n\n**定員に達した場合はキャンセル待ち**として受け付け、空きが出た順にご案内します。",
      kind: "offline",
      venueName: "さくら電機 本社 1F カフェテリア",
      venueAddress: "東京都港区芝浦1-2-3",
      startsAt: tokyoAt(10, 19),
      endsAt: tokyoAt(10, 21, 30),
      capacity: 4,
      deadline: tokyoAt(9, 18),
      questions: [
        { kind: "text", label: "当日話してみたい社員は？" },
        { kind: "single", label: "二次会に参加しますか？", options: ["参加する", "参加しない", "未定"], required: true },
      ],
      registrations: [
        { email: "alumni@sakura.example.com", answers: { 0: "人事部の方", 1: "参加する" } },
        { email: "jane@example.com", answers: { 1: "未定" } },
        { email: "misaki@example.com", answers: { 0: "マーケティング部の皆さん", 1: "参加する" } },
        { email: "yamada.taro@example.com", answers: { 1: "参加しない" } },
        { email: "inoue.tsubasa@example.com", status: "waitlisted", answers: { 1: "参加する" } },
      ],
    },
    {
      title: "オンライン ランチ勉強会：生成AIと業務改善",
      description: "お昼休みの1時間で、生成AIを業務にどう取り入れているかを卒業生と社員で共有します。カメラはオフで構いません。",
      kind: "online",
      onlineUrl: "https://meet.example.com/sakura-lunch-ai",
      startsAt: tokyoAt(5, 12),
      endsAt: tokyoAt(5, 13),
      capacity: null,
      registrations: [{ email: "employee@sakura.example.com" }, { email: "hayashi.kenta@example.com" }],
    },
    {
      title: "さくら電機 × みなと商事 合同交流会",
      description: "2つのアルムナイネットワークの合同交流会です。業界や会社を越えて、新しいつながりをつくりましょう。",
      kind: "offline",
      venueName: "芝浦ベイホール",
      venueAddress: "東京都港区芝浦4-5-6",
      startsAt: tokyoAt(30, 18, 30),
      endsAt: tokyoAt(30, 21),
      capacity: 60,
      cohosts: ["minato-ob"],
      registrations: [
        { email: "misaki@example.com" },
        { email: "employee@sakura.example.com" },
        { email: "admin@minato.example.com", via: "minato-ob" },
      ],
    },
  ];
}

/** The demo's events of the host network; how many rows it created. */
export async function seedDemoEvents(
  tx: Tx,
  jobs: JobQueue,
  networkIds: ReadonlyMap<string, string>,
  host = "sakura-denki",
): Promise<number> {
  const hostId = networkIds.get(host);
  if (!hostId) return 0;
  const memberOf = async (email: string, slug: string) => {
    const networkId = networkIds.get(slug);
    if (!networkId) return null;
    const row = await tx
      .selectFrom("memberships as m")
      .innerJoin("accounts as a", "a.id", "m.account_id")
      .select(["m.id as memberId", "a.id as accountId"])
      .where("m.network_id", "=", networkId)
      .where("m.status", "=", "active")
      .where((eb) => eb(eb.fn("lower", ["a.email"]), "=", email))
      .executeTakeFirst();
    return row ? { networkId, ...row } : null;
  };
  const organizer = await memberOf("admin@sakura.example.com", host);
  if (!organizer) return 0;

  let created = 0;
  let seriesId: string | null = null;
  for (const event of demoEvents()) {
    const exists = await tx
      .selectFrom("network_events")
      .select("id")
      .where("network_id", "=", hostId)
      .where("title", "=", event.title)
      .executeTakeFirst();
    if (exists) continue;
    if (event.series) seriesId ??= await seriesOf(tx, hostId, organizer.accountId);
    const description = cleanMarkdownSource(event.description);
    const { id: eventId } = await tx
      .insertInto("network_events")
      .values({
        network_id: hostId,
        title: event.title,
        description,
        description_html: renderMarkdown(description),
        kind: event.kind,
        venue_name: event.venueName ?? "",
        venue_address: event.venueAddress ?? "",
        online_url: event.onlineUrl ?? "",
        starts_at: event.startsAt,
        ends_at: event.endsAt,
        time_zone: timeZone,
        capacity: event.capacity,
        registration_deadline: event.deadline ?? null,
        audience: "everyone",
        room_id: null,
        series_id: event.series ? seriesId : null,
        series_theme: event.series?.theme ?? "",
        created_by: organizer.accountId,
        created_at: new Date(Math.min(Date.now(), event.startsAt.getTime() - 30 * dayMs)),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    created++;
    await tx
      .insertInto("event_organizers")
      .values({ network_id: hostId, event_id: eventId, member_id: organizer.memberId, account_id: organizer.accountId })
      .execute();
    for (const slug of event.cohosts ?? []) {
      const cohostId = networkIds.get(slug);
      if (!cohostId) continue;
      await tx
        .insertInto("event_cohosts")
        .values({
          network_id: hostId,
          event_id: eventId,
          cohost_network_id: cohostId,
          status: "accepted",
          event_title: event.title,
          event_starts_at: event.startsAt,
          event_ends_at: event.endsAt,
          event_time_zone: timeZone,
          decided_at: new Date(),
        })
        .execute();
    }
    const questionIds: string[] = [];
    for (const [position, q] of (event.questions ?? []).entries()) {
      const row = await tx
        .insertInto("event_questions")
        .values({
          network_id: hostId,
          event_id: eventId,
          position,
          kind: q.kind,
          label: q.label,
          options: q.options ?? [],
          required: q.required ?? false,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      questionIds.push(row.id);
    }

    // Registrations in order of arrival: positions 1, 2, … and the seats counted from them.
    const seats = { confirmed: 0, waitlisted: 0, position: 0 };
    for (const [index, r] of event.registrations.entries()) {
      const member = await memberOf(r.email, r.via ?? host);
      if (!member) continue;
      const status = r.status ?? "confirmed";
      const position = ++seats.position;
      if (status === "confirmed") seats.confirmed++;
      if (status === "waitlisted") {
        seats.waitlisted++;
        await tx.insertInto("event_waitlist").values({ network_id: hostId, event_id: eventId, position }).execute();
      }
      const registeredAt = new Date(Math.min(Date.now(), event.startsAt.getTime() - 20 * dayMs) + index * 3_600_000);
      const answers = Object.fromEntries(Object.entries(r.answers ?? {}).map(([at, value]) => [questionIds[Number(at)]!, value]));
      await tx
        .insertInto("event_registrations")
        .values({
          network_id: hostId,
          event_id: eventId,
          member_network_id: member.networkId,
          member_id: member.memberId,
          account_id: member.accountId,
          status,
          position,
          answers: JSON.stringify(answers),
          ticket_code: newSecret(16),
          checked_in_at: r.checkedIn ? new Date(event.startsAt.getTime() - 15 * 60_000 + index * 60_000) : null,
          checked_in_by: r.checkedIn ? organizer.accountId : null,
          cancelled_at: status === "cancelled" ? new Date(registeredAt.getTime() + 2 * dayMs) : null,
          created_at: registeredAt,
          updated_at: registeredAt,
        })
        .execute();
      created++;
    }
    await tx
      .insertInto("event_seats")
      .values({
        network_id: hostId,
        event_id: eventId,
        capacity: event.capacity,
        confirmed: seats.confirmed,
        waitlisted: seats.waitlisted,
        next_position: seats.position + 1,
      })
      .execute();

    if (event.endsAt.getTime() > Date.now()) {
      // What createEvent queues: the reminders, and the satisfaction survey at the end.
      await scheduleEventReminders({ jobs }, tx, { networkId: hostId, eventId, startsAt: event.startsAt });
      await scheduleSatisfactionSurvey({ jobs }, tx, { networkId: hostId, eventId, endsAt: event.endsAt });
    } else if (event.survey) {
      created += await seedClosedSurvey(tx, hostId, eventId, event, event.survey.answers);
    }
  }
  return created;
}

async function seriesOf(tx: Tx, networkId: string, createdBy: string): Promise<string> {
  const found = await tx
    .selectFrom("event_series")
    .select("id")
    .where("network_id", "=", networkId)
    .where("title", "=", series.title)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await tx
    .insertInto("event_series")
    .values({ network_id: networkId, title: series.title, description: series.description, created_by: createdBy })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The satisfaction survey the job made when the event ended (preset questions, anonymous, sent to
 * those who checked in), its reminder sent, closed since; answered by the first respondents. An
 * anonymous response carries no person: only the recipients' `responded` flags say who answered.
 */
async function seedClosedSurvey(
  tx: Tx,
  networkId: string,
  eventId: string,
  event: DemoEvent,
  answers: NonNullable<DemoEvent["survey"]>["answers"],
): Promise<number> {
  const surveyId = randomUUID();
  const sentAt = event.endsAt;
  await tx
    .insertInto("surveys")
    .values({
      network_id: networkId,
      id: surveyId,
      title: satisfactionTitle(event.title, "ja").slice(0, surveyLimits.titleMax),
      description: satisfactionDescription.ja,
      anonymous: true,
      audience: "event",
      event_id: eventId,
      preset: "event_satisfaction",
      sent_at: sentAt,
      closes_at: new Date(sentAt.getTime() + surveyLimits.satisfactionOpenDays * dayMs),
      reminded_at: new Date(sentAt.getTime() + surveyLimits.reminderAfterDays * dayMs),
      created_by: null,
      created_at: sentAt,
      updated_at: sentAt,
    })
    .execute();
  await insertQuestions(
    tx,
    networkId,
    surveyId,
    satisfactionQuestions.map((q) => ({ kind: q.kind, label: q.label.ja, options: [], required: q.required, preset: q.preset })),
  );
  const recipients = await eventAttendees(tx, networkId, eventId);
  await insertRecipients(tx, networkId, surveyId, recipients);
  // The named demo accounts are left among those who did not answer (the list shows them so).
  const named = new Set(
    (
      await tx
        .selectFrom("accounts")
        .select("id")
        .where("email", "in", ["alumni@sakura.example.com", "employee@sakura.example.com"])
        .execute()
    ).map((a) => a.id),
  );
  const respondents = recipients.filter((r) => !named.has(r.account_id)).slice(0, answers.length);
  await tx
    .updateTable("survey_recipients")
    .set({ invited: true })
    .where("network_id", "=", networkId)
    .where("survey_id", "=", surveyId)
    .execute();
  for (const r of respondents)
    await tx
      .updateTable("survey_recipients")
      .set({ responded: true })
      .where("network_id", "=", networkId)
      .where("survey_id", "=", surveyId)
      .where("account_id", "=", r.account_id)
      .execute();
  await tx
    .updateTable("survey_recipients")
    .set({ reminded: true })
    .where("network_id", "=", networkId)
    .where("survey_id", "=", surveyId)
    .where("responded", "=", false)
    .execute();

  const questions = await tx
    .selectFrom("survey_questions")
    .select(["id", "preset"])
    .where("network_id", "=", networkId)
    .where("survey_id", "=", surveyId)
    .execute();
  const questionId = (preset: string) => questions.find((q) => q.preset === preset)!.id;
  for (const answer of answers.slice(0, respondents.length)) {
    const responseId = randomUUID();
    await tx
      .insertInto("survey_responses")
      .values({ network_id: networkId, survey_id: surveyId, id: responseId, anonymous: true })
      .execute();
    const base = { network_id: networkId, survey_id: surveyId, response_id: responseId, choices: null };
    await tx
      .insertInto("survey_answers")
      .values([
        { ...base, question_id: questionId("satisfaction"), score: answer.satisfaction, text: null },
        { ...base, question_id: questionId("recommend"), score: answer.recommend, text: null },
        ...(answer.comments ? [{ ...base, question_id: questionId("comments"), score: null, text: answer.comments }] : []),
      ])
      .execute();
  }
  return 1 + respondents.length;
}
