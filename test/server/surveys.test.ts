// Surveys: the builder's checks, answering with every kind of bad input (each naming its field,
// nothing kept), the results' arithmetic on a known fixture, the CSV, anonymity (every endpoint
// walked as the admin; the table columns themselves), the satisfaction survey after an event with
// its one reminder, a co-host network's attendee answering through their own network, and other
// networks getting 404. Events are written straight into the database here (system scope).
import { randomBytes, randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as surveys from "../../src/shared/contract/surveys.ts";
import type { Survey, SurveyResults } from "../../src/shared/contract/surveys.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { runSatisfactionJob, scheduleSatisfactionSurvey } from "../../src/server/surveys/event-survey.ts";
import { runSurveyMailJob, surveyMailJobKind } from "../../src/server/surveys/survey-mail.ts";
import { checkAnswers } from "../../src/server/surveys/survey-answers.ts";
import { summarise } from "../../src/server/surveys/survey-results.ts";
import { canAnswerSurvey, canCreateSurvey, canManageSurvey, canSeeSurvey, surveyStatus } from "../../src/server/surveys/surveys.policy.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { mailsTo } from "../helpers/outbox.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const hour = 60 * 60 * 1000;
const day = 24 * hour;
const sp = (networkId: string, surveyId: string) => ({ params: { networkId, surveyId } });

/** A member of the tenant's network with a session. */
async function newMember(network: Pick<NetworkRow, "id">, role: "admin" | "employee" | "alumni" = "alumni", name?: string) {
  const account = await makeAccount(t, name ? { name } : {});
  const membership = await addMember(t, network as NetworkRow, account, role);
  return { account, membership, client: await sessionClient(t, account) };
}
type Member = Awaited<ReturnType<typeof newMember>>;

async function makeEvent(network: Pick<NetworkRow, "id">, overrides: { endsAt?: Date; title?: string } = {}) {
  const endsAt = overrides.endsAt ?? new Date(Date.now() - hour);
  return inSystem(t.database, (tx) =>
    tx
      .insertInto("network_events")
      .values({
        network_id: network.id,
        title: overrides.title ?? "秋のアルムナイ交流会",
        kind: "offline",
        audience: "everyone",
        starts_at: new Date(endsAt.getTime() - 2 * hour),
        ends_at: endsAt,
        time_zone: "Asia/Tokyo",
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}
type EventRow = Awaited<ReturnType<typeof makeEvent>>;

let position = 0;
async function register(
  event: EventRow,
  member: Pick<Member, "account" | "membership">,
  status: "confirmed" | "waitlisted" | "cancelled" = "confirmed",
  checkedIn = false,
) {
  await inSystem(t.database, (tx) =>
    tx
      .insertInto("event_registrations")
      .values({
        network_id: event.network_id,
        event_id: event.id,
        member_network_id: member.membership.network_id,
        member_id: member.membership.id,
        account_id: member.account.id,
        status,
        position: ++position,
        ticket_code: randomBytes(16).toString("hex"),
        checked_in_at: checkedIn ? new Date() : null,
      })
      .execute(),
  );
}

async function organise(event: EventRow, member: Pick<Member, "membership" | "account">) {
  await inSystem(t.database, (tx) =>
    tx
      .insertInto("event_organizers")
      .values({ network_id: event.network_id, event_id: event.id, member_id: member.membership.id, account_id: member.account.id })
      .execute(),
  );
}

const rating = (required = true) => ({ kind: "rating", label: "満足度", required });
const baseInput = (audience: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  title: "アンケート",
  audience,
  questions: [rating()],
  send: true,
  ...extra,
});

async function create(client: Client, networkId: string, body: unknown): Promise<Survey> {
  const res = await client.call(surveys.createSurvey, { params: { networkId }, body });
  expect(res.status, res.raw).toBe(201);
  return res.body as Survey;
}

async function answer(client: Client, networkId: string, surveyId: string, answers: Record<string, unknown>): Promise<Result> {
  return client.call(surveys.answerSurvey, { ...sp(networkId, surveyId), body: { answers } });
}

const countRows = (table: "surveys" | "survey_responses" | "survey_answers", surveyColumn: "id" | "survey_id", surveyId?: string) =>
  inSystem(t.database, async (tx) => {
    let q = tx.selectFrom(table).select(sql<number>`count(*)::int`.as("n"));
    if (surveyId) q = q.where(surveyColumn, "=", surveyId);
    return Number((await q.executeTakeFirstOrThrow()).n);
  });

describe("survey policy (pure functions)", () => {
  const viewer = (role: "admin" | "employee" | "alumni", sameNetwork = true, organizesEvent = false) => ({
    role,
    sameNetwork,
    organizesEvent,
  });
  it("admins create and manage every survey of their network; organisers their event's; co-hosts nothing", () => {
    expect(canCreateSurvey(viewer("admin"), "network")).toBe(true);
    expect(canCreateSurvey(viewer("admin"), "room")).toBe(true);
    expect(canCreateSurvey(viewer("alumni", true, true), "event")).toBe(true);
    expect(canCreateSurvey(viewer("alumni", true, true), "network")).toBe(false);
    expect(canCreateSurvey(viewer("employee"), "event")).toBe(false);
    expect(canCreateSurvey(viewer("admin", false), "event")).toBe(false);
    expect(canManageSurvey(viewer("alumni", true, true), { audience: "event" })).toBe(true);
    expect(canManageSurvey(viewer("alumni", true, true), { audience: "room" })).toBe(false);
    expect(canManageSurvey(viewer("admin", false), { audience: "event" })).toBe(false);
  });
  it("recipients see sent surveys and answer open ones once", () => {
    const recipient = { ...viewer("alumni"), recipient: true, responded: false };
    expect(canSeeSurvey(recipient, { audience: "network", status: "draft" })).toBe(false);
    expect(canSeeSurvey(recipient, { audience: "network", status: "closed" })).toBe(true);
    expect(canSeeSurvey({ ...recipient, recipient: false }, { audience: "network", status: "open" })).toBe(false);
    expect(canAnswerSurvey(recipient, { status: "open" })).toBe(true);
    expect(canAnswerSurvey({ ...recipient, responded: true }, { status: "open" })).toBe(false);
    expect(canAnswerSurvey(recipient, { status: "closed" })).toBe(false);
  });
  it("status: draft until sent, closed by hand or at its time", () => {
    const now = new Date();
    expect(surveyStatus({ sent_at: null, closes_at: null, closed_at: null }, now)).toBe("draft");
    expect(surveyStatus({ sent_at: now, closes_at: null, closed_at: null }, now)).toBe("open");
    expect(surveyStatus({ sent_at: now, closes_at: now, closed_at: null }, now)).toBe("closed");
    expect(surveyStatus({ sent_at: now, closes_at: null, closed_at: now }, now)).toBe("closed");
  });
});

describe("builder", () => {
  let a: Tenant;
  beforeAll(async () => {
    a = await makeQuickTenant(t);
  });

  it("refuses bad questions, a past closing time and an empty audience, naming the field; keeps nothing", async () => {
    const before = await countRows("surveys", "id");
    const p = { params: { networkId: a.network.id } };
    const call = (body: unknown) => a.admin.client.call(surveys.createSurvey, { ...p, body });
    expectFieldError(
      await call(baseInput({ kind: "network" }, { questions: [{ kind: "single", label: "どれ", options: ["A"] }] })),
      "questions.0.options",
    );
    expectFieldError(
      await call(baseInput({ kind: "network" }, { questions: [rating(), { kind: "multiple", label: "どれ", options: ["A", "A"] }] })),
      "questions.1.options",
    );
    expectFieldError(await call(baseInput({ kind: "network" }, { questions: [] })), "questions");
    expectFieldError(await call(baseInput({ kind: "network" }, { questions: [{ kind: "rating", label: "" }] })), "questions.0.label");
    expectFieldError(await call(baseInput({ kind: "network" }, { closesAt: new Date(Date.now() - hour).toISOString() })), "closesAt");
    expectFieldError(await call(baseInput({ kind: "room", roomId: randomUUID() })), "audience.roomId");
    expectFieldError(await call(baseInput({ kind: "event", eventId: randomUUID() })), "audience.eventId");
    // An event nobody registered for: nobody would receive it.
    const empty = await makeEvent(a.network);
    expectFieldError(await call(baseInput({ kind: "event", eventId: empty.id })), "audience");
    expect(await countRows("surveys", "id")).toBe(before);
  });

  it("only admins address a room or the network; an event's organisers address its attendees", async () => {
    const p = { params: { networkId: a.network.id } };
    expectError(await a.alumni.client.call(surveys.createSurvey, { ...p, body: baseInput({ kind: "network" }) }), 403, "forbidden");
    const event = await makeEvent(a.network);
    await register(event, a.employee, "confirmed", true);
    expectFieldError(
      await a.alumni.client.call(surveys.createSurvey, { ...p, body: baseInput({ kind: "event", eventId: event.id }) }),
      "audience.eventId",
    );
    await organise(event, a.alumni);
    const survey = await create(a.alumni.client, a.network.id, baseInput({ kind: "event", eventId: event.id }));
    expect(survey).toMatchObject({ status: "open", recipientCount: 1, can: { manage: true } });
    const listed = await a.alumni.client.call(surveys.listEventSurveys, { params: { networkId: a.network.id, eventId: event.id } });
    expect(listed.body).toMatchObject({ canCreate: true, event: { id: event.id }, items: [{ id: survey.id }] });
  });

  it("a draft is kept, changed, then sent to the room's members who can see it", async () => {
    const room = await inSystem(t.database, (tx) =>
      tx
        .insertInto("rooms")
        .values({ network_id: a.network.id, name: "アルムナイだけ", kind: "open", audience: "alumni", position: 50 })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    const draft = await create(a.admin.client, a.network.id, baseInput({ kind: "network" }, { send: false }));
    expect(draft).toMatchObject({ status: "draft", recipientCount: 0, sentAt: null });
    // Nobody is asked yet: the alumni member does not see it.
    expectError(await a.alumni.client.call(surveys.getSurvey, sp(a.network.id, draft.id)), 404, "not_found");
    const res = await a.admin.client.call(surveys.updateSurvey, {
      ...sp(a.network.id, draft.id),
      body: baseInput({ kind: "room", roomId: room.id }, { title: "ルームのアンケート", anonymous: false }),
    });
    expect(res.status, res.raw).toBe(200);
    // The admin (sees every room) and the alumni member; not the employee.
    expect(res.body).toMatchObject({ status: "open", title: "ルームのアンケート", anonymous: false, recipientCount: 2 });
    expect((await a.alumni.client.call(surveys.getSurvey, sp(a.network.id, draft.id))).body).toMatchObject({ myResponse: "pending" });
    expectError(await a.employee.client.call(surveys.getSurvey, sp(a.network.id, draft.id)), 404, "not_found");
    await t.app.deps.jobs.drain();
    const mail = (await mailsTo(t, a.alumni.account.email, "survey_request")).find((m) => m.text_body.includes(draft.id));
    expect(mail?.text_body).toContain(`/n/${a.network.slug}/surveys/${draft.id}`);
    // Sent: no more changes.
    const again = await a.admin.client.call(surveys.updateSurvey, { ...sp(a.network.id, draft.id), body: baseInput({ kind: "network" }) });
    expectError(again, 409, "conflict");
  });
});

describe("answering", () => {
  let a: Tenant;
  let survey: Survey;
  const q = (kind: string) => survey.questions.find((x) => x.kind === kind)?.id ?? "";
  beforeAll(async () => {
    a = await makeQuickTenant(t);
    survey = await create(
      a.admin.client,
      a.network.id,
      baseInput(
        { kind: "network" },
        {
          questions: [
            rating(),
            { kind: "nps", label: "おすすめ度", required: true },
            { kind: "single", label: "どこで知りましたか", options: ["メール", "ルーム"], required: true },
            { kind: "multiple", label: "興味のあるテーマ", options: ["キャリア", "技術", "雑談"] },
            { kind: "text", label: "ご意見" },
          ],
        },
      ),
    );
  });

  it("rejects every bad answer, naming the question, and keeps nothing", async () => {
    const good = { [q("rating")]: 4, [q("nps")]: 9, [q("single")]: "メール" };
    const unknown = randomUUID();
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, [q("rating")]: 6 }, q("rating")],
      [{ ...good, [q("rating")]: 0 }, q("rating")],
      [{ ...good, [q("rating")]: 2.5 }, q("rating")],
      [{ ...good, [q("rating")]: "4" }, q("rating")],
      [{ ...good, [q("nps")]: 11 }, q("nps")],
      [{ ...good, [q("nps")]: -1 }, q("nps")],
      [{ ...good, [q("single")]: "電話" }, q("single")],
      [{ ...good, [q("single")]: ["メール"] }, q("single")],
      [{ ...good, [q("multiple")]: ["キャリア", "料理"] }, q("multiple")],
      [{ ...good, [q("multiple")]: ["技術", "技術"] }, q("multiple")],
      [{ ...good, [q("text")]: 3 }, q("text")],
      [{ ...good, [unknown]: "?" }, unknown],
      [{ [q("rating")]: 4, [q("nps")]: 9 }, q("single")],
      [{ ...good, [q("rating")]: null }, q("rating")],
    ];
    for (const [answers, field] of cases) {
      const message = expectFieldError(await answer(a.alumni.client, a.network.id, survey.id, answers), `answers.${field}`);
      expect(message).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    // Every problem at once.
    const many = await answer(a.alumni.client, a.network.id, survey.id, { [q("rating")]: 9 });
    const fields = expectError(many, 400, "validation_failed").fields ?? {};
    expect(Object.keys(fields).sort()).toEqual([`answers.${q("nps")}`, `answers.${q("rating")}`, `answers.${q("single")}`].sort());
    // A text longer than allowed is refused by the schema, under the same key.
    expectFieldError(
      await answer(a.alumni.client, a.network.id, survey.id, { ...good, [q("text")]: "あ".repeat(2001) }),
      `answers.${q("text")}`,
    );
    expect(await countRows("survey_responses", "survey_id", survey.id)).toBe(0);
    expect(await countRows("survey_answers", "survey_id", survey.id)).toBe(0);
    expect((await a.alumni.client.call(surveys.getSurvey, sp(a.network.id, survey.id))).body.myResponse).toBe("pending");
  });

  it("answers once: a second answer is 409 survey_already_answered, in English too", async () => {
    const good = {
      [q("rating")]: 4,
      [q("nps")]: 9,
      [q("single")]: "メール",
      [q("multiple")]: ["技術", "キャリア"],
      [q("text")]: "  楽しかった ",
    };
    const res = await answer(a.employee.client, a.network.id, survey.id, good);
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({ myResponse: "answered", can: { answer: false } });
    const second = await answer(a.employee.client, a.network.id, survey.id, good);
    const error = expectError(second, 409, "conflict");
    expect(error.fields?.survey).toBe("このアンケートにはすでに回答しています。");
    const english = await a.employee.client.call(surveys.answerSurvey, {
      ...sp(a.network.id, survey.id),
      body: { answers: good },
      headers: { "accept-language": "en" },
    });
    expect(english.status).toBe(409);
    expect(await countRows("survey_responses", "survey_id", survey.id)).toBe(1);
    const stored = await inSystem(t.database, (tx) =>
      tx.selectFrom("survey_answers").select(["question_id", "choices", "score", "text"]).where("survey_id", "=", survey.id).execute(),
    );
    expect(stored.find((s) => s.question_id === q("multiple"))?.choices).toEqual([0, 1]);
    expect(stored.find((s) => s.question_id === q("text"))?.text).toBe("楽しかった");
  });

  it("two answers at once: one is kept, the other is 409", async () => {
    const member = await newMember(a.network);
    const fresh = await create(a.admin.client, a.network.id, baseInput({ kind: "network" }));
    const qid = fresh.questions[0]?.id ?? "";
    const results = await Promise.all([
      answer(member.client, a.network.id, fresh.id, { [qid]: 5 }),
      answer(member.client, a.network.id, fresh.id, { [qid]: 3 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await countRows("survey_responses", "survey_id", fresh.id)).toBe(1);
  });

  it("no answer after the survey closes, by hand or at its time", async () => {
    const fresh = await create(a.admin.client, a.network.id, baseInput({ kind: "network" }));
    const closed = await a.admin.client.call(surveys.closeSurvey, sp(a.network.id, fresh.id));
    expect(closed.body).toMatchObject({ status: "closed" });
    const qid = fresh.questions[0]?.id ?? "";
    const late = await answer(a.alumni.client, a.network.id, fresh.id, { [qid]: 5 });
    expect(expectError(late, 409, "conflict").fields?.survey).toBe("このアンケートは締め切られました。");
    // At its time: moved into the past.
    const timed = await create(
      a.admin.client,
      a.network.id,
      baseInput({ kind: "network" }, { closesAt: new Date(Date.now() + day).toISOString() }),
    );
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("surveys")
        .set({ closes_at: new Date(Date.now() - 1000) })
        .where("id", "=", timed.id)
        .execute(),
    );
    const tooLate = await answer(a.alumni.client, a.network.id, timed.id, { [timed.questions[0]?.id ?? ""]: 5 });
    expect(expectError(tooLate, 409, "conflict").fields).toHaveProperty("survey");
    expect(await countRows("survey_responses", "survey_id", fresh.id)).toBe(0);
    expect(await countRows("survey_responses", "survey_id", timed.id)).toBe(0);
    // Members cannot close it; closing a draft is refused.
    expectError(await a.alumni.client.call(surveys.closeSurvey, sp(a.network.id, fresh.id)), 403, "forbidden");
    const draft = await create(a.admin.client, a.network.id, baseInput({ kind: "network" }, { send: false }));
    expectError(await a.admin.client.call(surveys.closeSurvey, sp(a.network.id, draft.id)), 409, "conflict");
  });

  it("answers (pure check): optional questions may stay empty", () => {
    const questions = [
      { id: "a", kind: "text" as const, options: [], required: false },
      { id: "b", kind: "multiple" as const, options: ["x", "y"], required: false },
    ];
    expect(checkAnswers(questions, { a: "", b: [] })).toEqual({ ok: true, answers: [] });
    expect(checkAnswers(questions, { b: ["y"] })).toEqual({
      ok: true,
      answers: [{ question_id: "b", choices: [1], score: null, text: null }],
    });
  });
});

describe("results", () => {
  let a: Tenant;
  let survey: Survey;
  let results: SurveyResults;
  const q = (kind: string) => survey.questions.find((x) => x.kind === kind)?.id ?? "";
  // Ten respondents (and two recipients who do not answer): rating, NPS, a choice of one, of many, text.
  const ratings = [5, 5, 5, 4, 4, 3, 2, 1, 5, 4];
  const scores = [10, 9, 9, 8, 7, 6, 0, 10, 3, 9];
  const single = ["A", "B", "A", "A", "C", "A", "B", "A", "A", "A"];
  const multiple = [["x"], ["x", "y"], [], ["z"], ["x", "z"], [], ["y"], ["x"], [], ["x", "y", "z"]];
  const texts = ["とても良かった", "", "=cmd|' /C calc'!A0", "会場が狭い", "", "", "Bien", "", "", "次回も参加したい"];

  beforeAll(async () => {
    a = await makeQuickTenant(t);
    const members: Member[] = [];
    for (let i = 0; i < 9; i++) members.push(await newMember(a.network, "alumni", `回答者${i}`));
    survey = await create(
      a.admin.client,
      a.network.id,
      baseInput(
        { kind: "network" },
        {
          anonymous: false,
          questions: [
            rating(),
            { kind: "nps", label: "おすすめ度", required: true },
            { kind: "single", label: "どれ", options: ["A", "B", "C"], required: true },
            { kind: "multiple", label: "どれとどれ", options: ["x", "y", "z"] },
            { kind: "text", label: "ひとこと" },
          ],
        },
      ),
    );
    // 3 tenant members + 9 = 12 recipients; 10 answer (the admin and the employee do not).
    const respondents = [a.alumni, ...members];
    for (const [i, m] of respondents.entries()) {
      const res = await answer(m.client, a.network.id, survey.id, {
        [q("rating")]: ratings[i],
        [q("nps")]: scores[i],
        [q("single")]: single[i],
        [q("multiple")]: multiple[i],
        [q("text")]: texts[i],
      });
      expect(res.status, res.raw).toBe(201);
    }
    const res = await a.admin.client.call(surveys.getSurveyResults, sp(a.network.id, survey.id));
    expect(res.status, res.raw).toBe(200);
    results = res.body as SurveyResults;
  });

  const result = (kind: string) => results.questions.find((r) => r.question.kind === kind);

  it("counts responses and the response rate", () => {
    expect(results).toMatchObject({ recipientCount: 12, responseCount: 10, responseRate: 83.3 });
  });

  it("rating: distribution, mean, top box (5) and top two (4–5)", () => {
    const r = result("rating");
    expect(r?.distribution.map((d) => d.count)).toEqual([1, 1, 1, 3, 4]);
    expect(r?.distribution.map((d) => d.percent)).toEqual([10, 10, 10, 30, 40]);
    expect(r).toMatchObject({ answered: 10, mean: 3.8, topBox: 40, topTwoBox: 70 });
  });

  it("NPS: promoters 9–10 minus detractors 0–6", () => {
    const r = result("nps");
    // Promoters: 10, 9, 9, 10, 9 = 5; passives: 8, 7 = 2; detractors: 6, 0, 3 = 3 → 50 − 30 = 20.
    expect(r?.nps).toEqual({ promoters: 5, passives: 2, detractors: 3, score: 20 });
    expect(r?.distribution).toHaveLength(11);
    expect(r?.distribution[9]?.count).toBe(3);
  });

  it("choices: counts per option; multiple choice shares of those who answered it", () => {
    expect(result("single")?.distribution).toEqual([
      { label: "A", count: 7, percent: 70 },
      { label: "B", count: 2, percent: 20 },
      { label: "C", count: 1, percent: 10 },
    ]);
    const m = result("multiple");
    expect(m?.answered).toBe(7);
    expect(m?.distribution.map((d) => [d.label, d.count, d.percent])).toEqual([
      ["x", 5, 71.4],
      ["y", 3, 42.9],
      ["z", 3, 42.9],
    ]);
  });

  it("free text of a named survey: with who wrote it", () => {
    const r = result("text");
    expect(r?.textTotal).toBe(5);
    expect(r?.texts.map((x) => x.text).sort()).toEqual(texts.filter((x) => x !== "").sort());
    expect(r?.texts.find((x) => x.text === "会場が狭い")?.respondent?.displayName).toBe("回答者2");
  });

  it("the pure summary: nobody answered gives nulls, not zeros", () => {
    const question = { id: randomUUID(), kind: "nps" as const, label: "x", options: [], required: false };
    expect(summarise(question, { answered: 0, counts: new Map() })).toMatchObject({
      nps: { promoters: 0, passives: 0, detractors: 0, score: null },
      topBox: null,
      mean: null,
    });
  });

  it("only those who manage it see results; recipients get 403, others 404", async () => {
    expectError(await a.alumni.client.call(surveys.getSurveyResults, sp(a.network.id, survey.id)), 403, "forbidden");
    const outsider = await newMember(a.network, "employee");
    expectError(await outsider.client.call(surveys.getSurveyResults, sp(a.network.id, survey.id)), 404, "not_found");
    expect((await outsider.client.call(surveys.exportSurveyResults, sp(a.network.id, survey.id))).status).toBe(404);
  });

  it("CSV: UTF-8 with BOM, CRLF, one row per response with the respondent, formulas neutralised", async () => {
    const res = await a.admin.client.call(surveys.exportSurveyResults, sp(a.network.id, survey.id));
    expect(res.status, res.raw).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(String(res.headers["content-disposition"])).toContain("attachment");
    expect(res.raw.startsWith("\uFEFF")).toBe(true);
    const lines = res.raw.slice(1).split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(lines[0]).toBe("回答者,回答日時,満足度,おすすめ度,どれ,どれとどれ,ひとこと");
    expect(lines.length - 2).toBe(10);
    expect(res.raw).toContain(`回答者2,`);
    expect(res.raw).toContain(`'=cmd|' /C calc'!A0`);
    expect(res.raw).not.toContain(`,=cmd`);
    expect(res.raw).toContain("x、y、z");
  });
});

describe("anonymity", () => {
  let a: Tenant;
  let respondent: Member;

  /** Every survey endpoint the admin can call, as raw text. */
  async function everythingTheAdminSees(surveyId: string, eventId: string): Promise<string> {
    const p = sp(a.network.id, surveyId);
    const calls = [
      await a.admin.client.call(surveys.listSurveys, { params: { networkId: a.network.id } }),
      await a.admin.client.call(surveys.getSurvey, p),
      await a.admin.client.call(surveys.getSurveyResults, p),
      await a.admin.client.call(surveys.exportSurveyResults, p),
      await a.admin.client.call(surveys.listEventSurveys, { params: { networkId: a.network.id, eventId } }),
      await a.admin.client.call(surveys.closeSurvey, p),
    ];
    for (const res of calls) expect(res.status, res.raw).toBe(200);
    return calls.map((r) => r.raw).join("\n");
  }

  const identity = (m: Member) => [m.account.display_name, m.account.id, m.membership.id, m.account.email];

  async function surveyAnsweredBy(anonymous: boolean) {
    const event = await makeEvent(a.network);
    await register(event, respondent, "confirmed", true);
    await register(event, a.employee, "confirmed", true);
    const survey = await create(
      a.admin.client,
      a.network.id,
      baseInput({ kind: "event", eventId: event.id }, { anonymous, questions: [rating(), { kind: "text", label: "ひとこと" }] }),
    );
    const [r, text] = survey.questions;
    const res = await answer(respondent.client, a.network.id, survey.id, { [r?.id ?? ""]: 2, [text?.id ?? ""]: "本音の感想です" });
    expect(res.status, res.raw).toBe(201);
    return { survey, event };
  }

  beforeAll(async () => {
    a = await makeQuickTenant(t);
    respondent = await newMember(a.network, "alumni", "匿名希望タロウ");
  });

  it("an anonymous survey: no path in the API names who answered", async () => {
    const { survey, event } = await surveyAnsweredBy(true);
    const seen = await everythingTheAdminSees(survey.id, event.id);
    expect(seen).toContain("本音の感想です");
    for (const value of identity(respondent)) expect(seen).not.toContain(value);
    // Nor the employee who did not answer: nothing lists who has or has not.
    for (const value of identity(a.employee)) expect(seen).not.toContain(value);
    // The CSV has no respondent columns.
    const csv = await a.admin.client.call(surveys.exportSurveyResults, sp(a.network.id, survey.id));
    expect(csv.raw.slice(1).split("\r\n")[0]).toBe("満足度,ひとこと");
  });

  it("a named survey does show who answered (the same walk finds the name)", async () => {
    const { survey, event } = await surveyAnsweredBy(false);
    const seen = await everythingTheAdminSees(survey.id, event.id);
    expect(seen).toContain(respondent.account.display_name);
  });

  it("the rows: an anonymous response holds no member, account or time, and the database refuses one that does", async () => {
    const { survey } = await surveyAnsweredBy(true);
    const rows = await inSystem(t.database, (tx) =>
      tx.selectFrom("survey_responses").selectAll().where("survey_id", "=", survey.id).execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ anonymous: true, member_network_id: null, member_id: null, account_id: null, submitted_at: null });
    // Columns: nothing that times or orders responses, answers or recipients besides the named-only submitted_at.
    const columns = await inSystem(t.database, (tx) =>
      sql<{ table_name: string; column_name: string; data_type: string }>`
        select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and table_name in ('survey_responses', 'survey_answers', 'survey_recipients')`.execute(tx),
    );
    const timed = columns.rows.filter((c) => /time|date|serial/.test(c.data_type) || c.column_name.endsWith("_at"));
    expect(timed.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(["survey_responses.submitted_at"]);
    const ids = columns.rows.filter((c) => c.table_name === "survey_answers").map((c) => c.column_name);
    expect(ids.some((c) => c.includes("account") || c.includes("member"))).toBe(false);
    const forged = inSystem(t.database, (tx) =>
      tx
        .insertInto("survey_responses")
        .values({ network_id: a.network.id, survey_id: survey.id, anonymous: true, account_id: respondent.account.id })
        .execute(),
    );
    await expect(forged).rejects.toThrow();
    const lying = inSystem(t.database, (tx) =>
      tx
        .insertInto("survey_responses")
        .values({
          network_id: a.network.id,
          survey_id: survey.id,
          anonymous: false,
          account_id: respondent.account.id,
          submitted_at: new Date(),
        })
        .execute(),
    );
    await expect(lying).rejects.toThrow();
  });
});

describe("the satisfaction survey after an event", () => {
  let a: Tenant;
  const schedule = (event: EventRow) =>
    inSystem(t.database, (tx) =>
      scheduleSatisfactionSurvey(t.app.deps, tx, { networkId: event.network_id, eventId: event.id, endsAt: event.ends_at }),
    );
  const surveysOf = (event: EventRow) =>
    inSystem(t.database, (tx) => tx.selectFrom("surveys").selectAll().where("event_id", "=", event.id).execute());
  const recipientsOf = (surveyId: string) =>
    inSystem(t.database, (tx) =>
      tx
        .selectFrom("survey_recipients")
        .select(["account_id", "responded", "invited", "reminded"])
        .where("survey_id", "=", surveyId)
        .execute(),
    );

  beforeAll(async () => {
    a = await makeQuickTenant(t);
  });

  it("goes to those who checked in, once however often the job runs; one reminder to non-respondents, never twice", async () => {
    const event = await makeEvent(a.network, { title: "第7回 キャリア勉強会" });
    const [came, came2, noShow, waiting] = [
      await newMember(a.network),
      await newMember(a.network, "employee"),
      await newMember(a.network),
      await newMember(a.network),
    ];
    await register(event, came, "confirmed", true);
    await register(event, came2, "confirmed", true);
    await register(event, noShow, "confirmed", false);
    await register(event, waiting, "waitlisted", false);
    await schedule(event);
    await t.app.deps.jobs.drain();

    const [survey, ...more] = await surveysOf(event);
    expect(more).toHaveLength(0);
    expect(survey).toMatchObject({ preset: "event_satisfaction", anonymous: true, audience: "event" });
    expect(Math.round(((survey?.closes_at?.getTime() ?? 0) - Date.now()) / day)).toBe(14);
    const surveyId = survey?.id ?? "";
    expect((await recipientsOf(surveyId)).map((r) => r.account_id).sort()).toEqual([came.account.id, came2.account.id].sort());

    const mail = await mailsTo(t, came.account.email, "survey_request");
    expect(mail).toHaveLength(1);
    expect(mail[0]?.subject).toContain("第7回 キャリア勉強会");
    expect(mail[0]?.text_body).toContain(`${t.config.publicUrl}/n/${a.network.slug}/surveys/${surveyId}`);
    expect(await mailsTo(t, noShow.account.email, "survey_request")).toHaveLength(0);

    // The questions, in the reader's language.
    const ja = await came.client.call(surveys.getSurvey, sp(a.network.id, surveyId));
    expect(ja.body.questions.map((x: { label: string; kind: string; required: boolean }) => [x.kind, x.label, x.required])).toEqual([
      ["rating", "今回のイベントの満足度を教えてください", true],
      ["nps", "このイベントを友人や同僚にすすめたいと思いますか", true],
      ["text", "よかった点・改善してほしい点", false],
    ]);
    expect(ja.body.title).toBe("「第7回 キャリア勉強会」満足度アンケート");
    const en = await sessionClient(t, { id: came2.account.id });
    await inSystem(t.database, (tx) => tx.updateTable("accounts").set({ locale: "en" }).where("id", "=", came2.account.id).execute());
    const english = await en.call(surveys.getSurvey, sp(a.network.id, surveyId));
    expect(english.body.questions[0].label).toBe("How satisfied were you with this event?");

    // Run again (the same job, and the job's handler directly): nothing new.
    await schedule(event);
    await t.app.deps.jobs.drain();
    expect(
      await runSatisfactionJob(t.app.deps, { networkId: event.network_id, eventId: event.id, endsAt: event.ends_at.toISOString() }),
    ).toBe(false);
    expect(await surveysOf(event)).toHaveLength(1);
    expect(await mailsTo(t, came.account.email, "survey_request")).toHaveLength(1);

    // One reminder is queued, three days on.
    const reminders = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("jobs")
        .select(["run_at", "done_at"])
        .where("kind", "=", surveyMailJobKind)
        .where(sql<boolean>`payload->>'surveyId' = ${surveyId} and payload->>'kind' = 'reminder'`)
        .execute(),
    );
    expect(reminders).toHaveLength(1);
    expect(Math.round(((reminders[0]?.run_at.getTime() ?? 0) - Date.now()) / day)).toBe(3);

    // came answers; the reminder (run twice, as after a crash) goes to came2 only, once.
    const questions = ja.body.questions as { id: string }[];
    const res = await answer(came.client, a.network.id, surveyId, { [questions[0]?.id ?? ""]: 5, [questions[1]?.id ?? ""]: 10 });
    expect(res.status, res.raw).toBe(201);
    const job = { networkId: a.network.id, surveyId, kind: "reminder" as const };
    await runSurveyMailJob(t.app.deps, job);
    await runSurveyMailJob(t.app.deps, job);
    expect(await mailsTo(t, came.account.email, "survey_reminder")).toHaveLength(0);
    const reminded = await mailsTo(t, came2.account.email, "survey_reminder");
    expect(reminded).toHaveLength(1);
    expect(reminded[0]?.locale).toBe("en");
    const after = await inSystem(t.database, (tx) =>
      tx.selectFrom("surveys").select("reminded_at").where("id", "=", surveyId).executeTakeFirstOrThrow(),
    );
    expect(after.reminded_at).not.toBeNull();
  });

  it("with no check-in, goes to those confirmed; a cancelled or moved event makes none", async () => {
    const event = await makeEvent(a.network);
    const [one, two, gone] = [await newMember(a.network), await newMember(a.network), await newMember(a.network)];
    await register(event, one);
    await register(event, two);
    await register(event, gone, "cancelled");
    await schedule(event);
    await t.app.deps.jobs.drain();
    const [survey] = await surveysOf(event);
    expect((await recipientsOf(survey?.id ?? "")).map((r) => r.account_id).sort()).toEqual([one.account.id, two.account.id].sort());

    const cancelled = await makeEvent(a.network);
    await register(cancelled, one);
    await inSystem(t.database, (tx) =>
      tx.updateTable("network_events").set({ status: "cancelled" }).where("id", "=", cancelled.id).execute(),
    );
    await schedule(cancelled);
    await t.app.deps.jobs.drain();
    expect(await surveysOf(cancelled)).toHaveLength(0);

    // Moved: the job queued for the old end does nothing; the one for the new end makes it.
    const moved = await makeEvent(a.network);
    await register(moved, one);
    const newEnd = new Date(moved.ends_at.getTime() - hour);
    await inSystem(t.database, (tx) => tx.updateTable("network_events").set({ ends_at: newEnd }).where("id", "=", moved.id).execute());
    expect(
      await runSatisfactionJob(t.app.deps, { networkId: moved.network_id, eventId: moved.id, endsAt: moved.ends_at.toISOString() }),
    ).toBe(false);
    expect(await surveysOf(moved)).toHaveLength(0);
    expect(await runSatisfactionJob(t.app.deps, { networkId: moved.network_id, eventId: moved.id, endsAt: newEnd.toISOString() })).toBe(
      true,
    );
  });
});

describe("co-hosted events and other networks", () => {
  let host: Tenant;
  let cohost: Tenant;
  let third: Tenant;
  let guest: Member;
  let surveyId: string;
  let event: EventRow;

  beforeAll(async () => {
    host = await makeQuickTenant(t);
    cohost = await makeQuickTenant(t);
    third = await makeQuickTenant(t);
    guest = await newMember(cohost.network, "alumni", "共催ネットワークのゲスト");
    event = await makeEvent(host.network, { title: "合同交流会" });
    await inSystem(t.database, (tx) =>
      tx
        .insertInto("event_cohosts")
        .values({
          network_id: host.network.id,
          event_id: event.id,
          cohost_network_id: cohost.network.id,
          status: "accepted",
          event_title: event.title,
          event_starts_at: event.starts_at,
          event_ends_at: event.ends_at,
          event_time_zone: event.time_zone,
        })
        .execute(),
    );
    await register(event, host.alumni, "confirmed", true);
    await register(event, guest, "confirmed", true);
    await inSystem(t.database, (tx) =>
      scheduleSatisfactionSurvey(t.app.deps, tx, { networkId: host.network.id, eventId: event.id, endsAt: event.ends_at }),
    );
    await t.app.deps.jobs.drain();
    const row = await inSystem(t.database, (tx) =>
      tx.selectFrom("surveys").select("id").where("event_id", "=", event.id).executeTakeFirstOrThrow(),
    );
    surveyId = row.id;
  });

  it("a co-host's attendee is mailed a link under their own network and answers there", async () => {
    const [mail] = await mailsTo(t, guest.account.email, "survey_request");
    expect(mail?.text_body).toContain(`/n/${cohost.network.slug}/surveys/${surveyId}`);
    expect(mail?.text_body).toContain(host.network.name);
    const listed = await guest.client.call(surveys.listSurveys, { params: { networkId: cohost.network.id } });
    expect(listed.body.toAnswer.map((s: { id: string }) => s.id)).toEqual([surveyId]);
    const eventList = await guest.client.call(surveys.listEventSurveys, { params: { networkId: cohost.network.id, eventId: event.id } });
    expect(eventList.body).toMatchObject({ canCreate: false, items: [{ id: surveyId, myResponse: "pending" }] });
    const got = await guest.client.call(surveys.getSurvey, sp(cohost.network.id, surveyId));
    expect(got.status, got.raw).toBe(200);
    expect(got.body).toMatchObject({ recipientCount: null, can: { answer: true, manage: false } });
    const [r, nps] = got.body.questions as { id: string }[];
    const res = await answer(guest.client, cohost.network.id, surveyId, { [r?.id ?? ""]: 4, [nps?.id ?? ""]: 8 });
    expect(res.status, res.raw).toBe(201);
    // The host sees the response counted.
    const results = await host.admin.client.call(surveys.getSurveyResults, sp(host.network.id, surveyId));
    expect(results.body).toMatchObject({ recipientCount: 2, responseCount: 1 });
    expect(results.raw).not.toContain(guest.account.display_name);
  });

  it("…and sees nothing else: no results, no other survey, no rows beyond their own", async () => {
    expectError(await guest.client.call(surveys.getSurveyResults, sp(cohost.network.id, surveyId)), 403, "forbidden");
    expect((await guest.client.call(surveys.exportSurveyResults, sp(cohost.network.id, surveyId))).status).toBe(403);
    expectError(await guest.client.call(surveys.closeSurvey, sp(cohost.network.id, surveyId)), 403, "forbidden");
    // Not a member of the host network: its path is 404.
    expectError(await guest.client.call(surveys.getSurvey, sp(host.network.id, surveyId)), 404, "not_found");
    // The co-host's admin was not asked: 404, and cannot create a survey for the host's event.
    expectError(await cohost.admin.client.call(surveys.getSurvey, sp(cohost.network.id, surveyId)), 404, "not_found");
    const eventList = await cohost.admin.client.call(surveys.listEventSurveys, {
      params: { networkId: cohost.network.id, eventId: event.id },
    });
    expect(eventList.body).toMatchObject({ items: [], canCreate: false });
    const res = await cohost.admin.client.call(surveys.createSurvey, {
      params: { networkId: cohost.network.id },
      body: baseInput({ kind: "event", eventId: event.id }),
    });
    expectFieldError(res, "audience.eventId");
    // A survey of the host network the guest was not sent.
    const other = await create(host.admin.client, host.network.id, baseInput({ kind: "network" }));
    expectError(await guest.client.call(surveys.getSurvey, sp(cohost.network.id, other.id)), 404, "not_found");
    // Row-level security, in the co-host's scope as the guest: their own recipient row, the
    // survey and its questions; no responses, no answers, nobody else's rows.
    const seen = await inTenant(t.database, cohost.network.id, guest.account.id, async (tx) => ({
      surveys: await tx.selectFrom("surveys").select("id").execute(),
      questions: await tx.selectFrom("survey_questions").select("id").execute(),
      recipients: await tx.selectFrom("survey_recipients").select("account_id").execute(),
      responses: await tx.selectFrom("survey_responses").select("id").execute(),
      answers: await tx.selectFrom("survey_answers").select("question_id").execute(),
    }));
    expect(seen.surveys.map((s) => s.id)).toEqual([surveyId]);
    expect(seen.questions).toHaveLength(3);
    expect(seen.recipients.map((r) => r.account_id)).toEqual([guest.account.id]);
    expect(seen.responses).toHaveLength(0);
    expect(seen.answers).toHaveLength(0);
    // The co-host's admin, in their own scope, sees none of it.
    const admins = await inTenant(t.database, cohost.network.id, cohost.admin.account.id, async (tx) => ({
      surveys: await tx.selectFrom("surveys").select("id").execute(),
      recipients: await tx.selectFrom("survey_recipients").select("account_id").execute(),
    }));
    expect(admins).toEqual({ surveys: [], recipients: [] });
    // …and cannot add a response for someone else.
    const forged = inTenant(t.database, cohost.network.id, cohost.admin.account.id, (tx) =>
      tx
        .insertInto("survey_responses")
        .values({ network_id: host.network.id, survey_id: surveyId, id: randomUUID(), anonymous: true })
        .execute(),
    );
    await expect(forged).rejects.toThrow();
  });

  it("another network's members get 404 on every survey endpoint", async () => {
    const p = sp(third.network.id, surveyId);
    expectError(await third.admin.client.call(surveys.getSurvey, p), 404, "not_found");
    expectError(await third.admin.client.call(surveys.getSurveyResults, p), 404, "not_found");
    expect((await third.admin.client.call(surveys.exportSurveyResults, p)).status).toBe(404);
    expectError(await third.admin.client.call(surveys.closeSurvey, p), 404, "not_found");
    expectError(await answer(third.alumni.client, third.network.id, surveyId, {}), 404, "not_found");
    expectError(await third.admin.client.call(surveys.updateSurvey, { ...p, body: baseInput({ kind: "network" }) }), 404, "not_found");
    expectError(
      await third.admin.client.call(surveys.listEventSurveys, { params: { networkId: third.network.id, eventId: event.id } }),
      404,
      "not_found",
    );
    const list = await third.admin.client.call(surveys.listSurveys, { params: { networkId: third.network.id } });
    expect(list.raw).not.toContain(surveyId);
    // A member of another network using the host's path: 404 from the route.
    expectError(await third.admin.client.call(surveys.getSurvey, sp(host.network.id, surveyId)), 404, "not_found");
  });
});
