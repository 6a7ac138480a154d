// The events benchmark's data (issue 6, events-bench.ts): one network of 33,000 members and a
// co-host network, 200 events over two years — past and upcoming; offline, online and hybrid; a
// few in two series; some co-hosted — with registrations, waitlists and check-ins that agree with
// `event_seats` and `event_waitlist`; the measured event (400 seats taken, 100 waiting, three
// registration questions); and the two empty events the registration rush and its warm-up go to.
// Set-based SQL in the system scope, every choice a function of ordinals: every run gets the same data.
import { sql } from "kysely";
import type { Database } from "../src/server/platform/db/database.ts";
import { renderMarkdown } from "../src/server/platform/markdown/markdown.ts";
import { backfillMemberProfiles } from "../src/server/people/profile-index.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import type { Tx } from "../src/server/platform/tenancy/scope.ts";
import { idSql, uuidOf } from "./community-bench.ts";
import { familyNames, givenNames } from "./people-data.ts";
import { elapsed } from "./processes.ts";

export interface EventsDataset {
  /** Members of the host network besides the benchmark member (member 0, an alumna). */
  members: number;
  /** Members of the co-host network (accounts of their own). */
  cohostMembers: number;
  /** Events of the host network over two years (the measured one among them). */
  events: number;
  /** Registrations of the rush (distinct members, one each) and the seats of its event. */
  registrations: number;
  rushCapacity: number;
}

export const fullEventsDataset: EventsDataset = {
  members: 33_000,
  cohostMembers: 3_000,
  events: 200,
  registrations: 5_000,
  rushCapacity: 1_000,
};

/**
 * The measured event: an upcoming session of the talk series, hybrid, co-hosted, 400 seats all
 * taken and 100 people waiting (the waitlist exists because the event is full), 3 questions.
 */
export const measuredEvent = { ordinal: 130, capacity: 400, waitlisted: 100 } as const;
/** Seats of the event the warm-up registrations go to (fewer than the warm-up brings: it waitlists too). */
const warmupCapacity = 100;
/** The rush's members: host-network members rushFirst … rushFirst + registrations − 1 (each with a session). */
export const rushFirst = 1001;

/** Ids by label and ordinal (md5, as community-bench.ts): related rows are generated from ordinals. */
export const labels = {
  account: "ev-account",
  member: "ev-member",
  cohostMember: "ev-cohost-member",
  event: "ev-event",
} as const;

export interface EventsGeneration {
  steps: { name: string; ms: number }[];
  totalMs: number;
  databaseMb: number;
  networkId: string;
  cohostNetworkId: string;
  measuredEventId: string;
  rushEventId: string;
  warmupEventId: string;
  /** The registration questions of the rush and warm-up events: id, kind and options. */
  rushQuestions: Question[];
  warmupQuestions: Question[];
  counts: {
    past: number;
    upcoming: number;
    cohosted: number;
    inSeries: number;
    registrations: number;
    confirmed: number;
    waitlisted: number;
    cancelled: number;
    checkedIn: number;
  };
}

export interface Question {
  id: string;
  kind: "text" | "single" | "multiple";
  options: string[];
}

const textArray = (list: readonly string[]) => sql.raw(`array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]::text[]`);

const titles = [
  "東京アルムナイ交流会",
  "関西アルムナイ懇親会",
  "キャリア相談会",
  "オンライン もくもく会",
  "OB・OG 技術勉強会",
  "子育てとキャリア座談会",
  "海外アルムナイ オンライン交流会",
  "新年会",
  "ゴルフコンペ",
  "社員とアルムナイのランチ会",
];
const seriesThemes = [
  "生成AIと仕事",
  "スタートアップへの転職",
  "地方移住という選択",
  "副業のはじめかた",
  "マネジメントの悩み",
  "海外で働く",
  "出戻り（カムバック）の実際",
  "学び直し",
  "子育てと管理職",
  "起業して10年",
  "事業承継",
];
const venues: [string, string][] = [
  ["本社 20F ラウンジ", "東京都千代田区丸の内1-1-1"],
  ["大阪支社 セミナールーム", "大阪府大阪市北区梅田2-2-2"],
  ["WeWork 渋谷", "東京都渋谷区道玄坂1-2-3"],
  ["名古屋オフィス 会議室A", "愛知県名古屋市中村区名駅3-3-3"],
  ["福岡コワーキング", "福岡県福岡市中央区天神4-4-4"],
];
const introductions = [
  "2015年まで営業本部にいました。久しぶりにみなさんと話したいです。",
  "いまはスタートアップで人事をしています。",
  "はじめて参加します。よろしくお願いします！",
  "カムバックを考えていて、いまの社内の様子を聞きたいです。",
  "副業で地方企業の支援をしています。",
];
/** The three questions of the measured, rush and warm-up events: a text, a single choice (required), a multiple choice. */
const questionSpecs: { kind: Question["kind"]; label: string; options: string[]; required: boolean }[] = [
  { kind: "text", label: "ひとこと自己紹介", options: [], required: false },
  { kind: "single", label: "参加方法", options: ["会場で参加", "オンラインで参加"], required: true },
  { kind: "multiple", label: "話してみたい社員の部署", options: ["人事部", "営業本部", "開発本部", "経営企画部"], required: false },
];

/** Event descriptions (Markdown, rendered by the app's own renderer), picked by ordinal. */
function descriptions(): { i: number; description: string; html: string }[] {
  const texts = [
    "アルムナイのみなさん、お久しぶりです。**今年も交流会を開きます。**\n\n- 18:30 受付開始\n- 19:00 開会・近況報告\n- 20:30 懇親会\n\n軽食と飲み物をご用意しています。お気軽にご参加ください。",
    "現役社員とアルムナイが、キャリアについて気軽に話す会です。\n\n転職、カムバック、副業など、どんなテーマでも歓迎します。詳しくは[社外サイト](https://example.com/alumni)をご覧ください。",
    "オンラインで、それぞれの作業をしながらゆるくつながる会です。カメラはオフでも大丈夫です。",
    "毎回ちがうテーマで、アルムナイと社員が語り合うトークシリーズです。\n\n**登壇者**：アルムナイ2名、社員1名\n\n終了後に懇親会があります（参加自由）。当日の様子はレポートとして「イベント」ルームに掲載します。",
    "新年のごあいさつを兼ねた懇親会です。ご家族の参加も歓迎します。\n\n> 会場は駅から徒歩5分です。",
  ];
  return texts.map((description, i) => ({ i, description, html: renderMarkdown(description) }));
}

/**
 * The data, in one system-scope transaction. Accounts 0…members are the host network's members
 * 0…members (1–5 admins, 6–8 supporters allowed to organise, every fifth from 10 an employee, the
 * rest alumni; 0 is the benchmark member); accounts members+1… are the co-host network's. Event n
 * (1…events) starts n·3.65 days after a year ago, at 19:00 in Tokyo; events+1 is the rush's event,
 * events+2 the warm-up's.
 */
export async function generateEvents(database: Database, data: EventsDataset, passwordHash: string): Promise<EventsGeneration> {
  const steps: { name: string; ms: number }[] = [];
  const started = performance.now();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await fn();
    steps.push({ name, ms: elapsed(t) });
    console.log(`   ${name.padEnd(52)} ${elapsed(t)} ms`);
    return result;
  };
  const m = data.members;
  const mb = data.cohostMembers;
  const e = data.events;
  const M = measuredEvent.ordinal;
  const rushN = e + 1;
  const warmupN = e + 2;
  if (M > e) throw new Error(`the measured event (${M}) is beyond the ${e} events`);
  if (rushFirst + data.registrations - 1 > m) throw new Error(`${data.registrations} registrations need more than ${m} members`);
  const acct = (o: string) => idSql(labels.account, o);
  const member = (o: string) => idSql(labels.member, o);
  const cohostMember = (o: string) => idSql(labels.cohostMember, o);
  const eventId = (o: string) => idSql(labels.event, o);
  const questionId = (o: string) => idSql("ev-question", o);

  const ids = await inSystem(database, async (tx: Tx) => {
    const { host: net, cohost: cohostNet } = await step("networks, accounts, memberships", async () => {
      const nets = await tx
        .insertInto("networks")
        .values([
          { slug: "bench-events", name: "ベンチ電機 アルムナイ", kind: "company", purpose: "Benchmark network" },
          { slug: "bench-cohost", name: "ベンチ商事 アルムナイ", kind: "company", purpose: "Benchmark co-host network" },
        ])
        .returning(["id", "slug"])
        .execute();
      const host = nets.find((n) => n.slug === "bench-events")?.id ?? "";
      const cohost = nets.find((n) => n.slug === "bench-cohost")?.id ?? "";
      await sql`
        insert into accounts (id, email, display_name, password_hash, email_verified_at, locale)
        select ${acct("g")}, 'member' || g || '@bench.example.com',
               (${textArray(familyNames.map(([n]) => n))})[1 + g % ${familyNames.length}] || ' ' ||
               (${textArray(givenNames.map(([n]) => n))})[1 + (g / ${familyNames.length}) % ${givenNames.length}],
               ${passwordHash}::text, now(), case when g % 10 = 0 then 'en' else 'ja' end
        from generate_series(0, ${m + mb}::int) as g`.execute(tx);
      // The rush's members were active a moment ago (they opened the event page before
      // registering): their registration is the first write of the hour only for the seat.
      await sql`
        insert into memberships (network_id, id, account_id, role, status, joined_at, created_at, last_active_at, supporter_since, organizes_events)
        select ${host}::uuid, ${member("g")}, ${acct("g")},
               case when g between 1 and 5 then 'admin' when g >= 10 and g % 5 = 0 then 'employee' else 'alumni' end,
               'active', now() - (g % 1000) * interval '1 day', now() - (g % 1000) * interval '1 day',
               case when g between ${rushFirst}::int and ${rushFirst + data.registrations - 1}::int then now()
                    else now() - (1 + g % 30) * interval '1 day' end,
               case when g between 6 and 8 then now() - interval '200 days' end,
               g between 6 and 8
        from generate_series(0, ${m}::int) as g`.execute(tx);
      await sql`
        insert into memberships (network_id, id, account_id, role, status, joined_at, created_at, last_active_at)
        select ${cohost}::uuid, ${cohostMember("j")}, ${acct(`j + ${m}`)},
               case when j = 1 then 'admin' when j % 5 = 0 then 'employee' else 'alumni' end,
               'active', now() - (j % 800) * interval '1 day', now() - (j % 800) * interval '1 day', now() - (j % 30) * interval '1 day'
        from generate_series(1, ${mb}::int) as j`.execute(tx);
      // Every member got a digest within the last day, so none is due during the run.
      await sql`
        insert into notification_settings (network_id, member_id, last_digest_at)
        select ${host}::uuid, ${member("g")}, now() - (g % 24) * interval '1 hour' from generate_series(0, ${m}::int) as g
        union all
        select ${cohost}::uuid, ${cohostMember("j")}, now() - (j % 24) * interval '1 hour' from generate_series(1, ${mb}::int) as j`.execute(
        tx,
      );
      await sql`
        insert into rooms (network_id, id, name, description, kind, audience, position, default_key, created_at)
        values (${host}::uuid, ${idSql("ev-room", "1")}, 'お知らせ', 'イベントのお知らせと開催レポート', 'announcement', 'everyone', 0, 'announcements', now() - interval '800 days')`.execute(
        tx,
      );
      await sql`
        insert into event_series (network_id, id, title, description, created_by, created_at)
        values (${host}::uuid, ${idSql("ev-series", "1")}, 'アルムナイ・トーク', '毎回ちがうテーマで、アルムナイと社員が語り合うシリーズです。', ${acct("1")}, now() - interval '400 days'),
               (${host}::uuid, ${idSql("ev-series", "2")}, '地域アルムナイ交流会', '各地のアルムナイが集まる交流会です。', ${acct("2")}, now() - interval '400 days')`.execute(
        tx,
      );
      return { host, cohost };
    });

    await step(`events (${e} + 2), organisers, co-hosts, questions`, async () => {
      // What each event is, decided once: the inserts below read it.
      await sql`
        create temporary table bench_events on commit drop as
        select n, ${eventId("n")} as id, special, kind, capacity, cohosted, series, starts_at,
               starts_at + (2 + n % 2) * interval '1 hour' as ends_at,
               case when cohosted or special then 'everyone' when n % 29 = 0 then 'invited'
                    when n % 11 = 0 then 'employees' when n % 7 = 0 then 'alumni' else 'everyone' end as audience,
               case when n = ${M}::int then ${measuredEvent.capacity + measuredEvent.waitlisted}::int when special then 0
                    when capacity is null then 30 + (n * 17) % 60
                    else floor(capacity * (0.6 + ((n * 29) % 70) / 100.0))::int end as arrivals,
               row_number() over (partition by series order by n) as session
        from (
          select n, special, kind, cohosted, series, starts_at,
                 case when n = ${M}::int then ${measuredEvent.capacity}::int when n = ${rushN}::int then ${data.rushCapacity}::int
                      when n = ${warmupN}::int then ${warmupCapacity}::int when kind = 'online' then null else 40 + n % 11 end as capacity
          from (
            select n, n > ${e}::int as special,
                   case when n = ${M}::int then 'hybrid' when n > ${e}::int then 'offline' when n % 6 = 0 then 'online'
                        when n % 6 = 3 then 'hybrid' else 'offline' end as kind,
                   n = ${M}::int or (n <= ${e}::int and n % 10 = 3) as cohosted,
                   case when n = ${M}::int or (n <= ${e}::int and n % 20 = 0) then 1 when n <= ${e}::int and n % 50 = 25 then 2 end as series,
                   date_trunc('day', now()) + interval '10 hours' +
                     case when n > ${e}::int then 60 else round(n * 730.0 / ${e}::int)::int - 365 end * interval '1 day' as starts_at
            from generate_series(1, ${e + 2}::int) as n
          ) a
        ) b`.execute(tx);
      const texts = JSON.stringify(descriptions());
      const nTexts = descriptions().length;
      await sql`
        insert into network_events (network_id, id, title, description, description_html, kind, venue_name, venue_address, map_url,
                                    online_url, starts_at, ends_at, time_zone, capacity, registration_deadline, audience, room_id,
                                    series_id, series_theme, status, cancel_reason, sequence, created_by, created_at, updated_at)
        select ${net}::uuid, b.id,
               case when b.n = ${rushN}::int then 'サポーター感謝祭' when b.n = ${warmupN}::int then 'ベンチマーク準備用イベント'
                    when b.series = 1 then 'アルムナイ・トーク 第' || b.session || '回：' || (${textArray(seriesThemes)})[1 + (b.session - 1) % ${seriesThemes.length}]
                    when b.series = 2 then '地域アルムナイ交流会 第' || b.session || '回'
                    else (case when b.cohosted then '【ベンチ商事と共催】' else '' end) ||
                         (${textArray(titles)})[1 + b.n % ${titles.length}] || '（' || to_char(b.starts_at at time zone 'Asia/Tokyo', 'YYYY"年"FMMM"月"') || '）' end,
               d.description, d.html, b.kind,
               case when b.kind = 'online' then '' else (${textArray(venues.map(([v]) => v))})[1 + b.n % ${venues.length}] end,
               case when b.kind = 'online' then '' else (${textArray(venues.map(([, a]) => a))})[1 + b.n % ${venues.length}] end,
               case when b.kind = 'online' then '' else 'https://maps.google.com/?q=' || (${textArray(venues.map(([, a]) => encodeURIComponent(a)))})[1 + b.n % ${venues.length}] end,
               case when b.kind = 'offline' then '' else 'https://meet.example.com/bench-' || b.n end,
               b.starts_at, b.ends_at,
               case when not b.special and b.n <> ${M}::int and b.n % 17 = 0 then 'America/Los_Angeles' else 'Asia/Tokyo' end,
               b.capacity, case when b.n % 2 = 0 and not b.special then b.starts_at - interval '1 day' end, b.audience,
               ${idSql("ev-room", "1")}, case b.series when 1 then ${idSql("ev-series", "1")} when 2 then ${idSql("ev-series", "2")} end,
               case when b.series = 1 then (${textArray(seriesThemes)})[1 + (b.session - 1) % ${seriesThemes.length}] else '' end,
               case when not b.special and b.n <> ${M}::int and b.n % 37 = 0 then 'cancelled' else 'published' end,
               case when not b.special and b.n <> ${M}::int and b.n % 37 = 0 then '会場の都合により中止します。' else '' end,
               b.n % 3, ${acct("1 + b.n % 5")},
               least(b.starts_at - interval '40 days', now() - interval '20 days'), least(b.starts_at - interval '40 days', now() - interval '20 days')
        from bench_events b
        join jsonb_to_recordset(${texts}::jsonb) as d(i int, description text, html text)
          on d.i = case when b.series = 1 then 3 else b.n % ${nTexts}::int end`.execute(tx);
      // An admin organises each event, a supporter every fourth (and the measured one).
      await sql`
        insert into event_organizers (network_id, event_id, member_id, account_id)
        select ${net}::uuid, b.id, ${member("1 + b.n % 5")}, ${acct("1 + b.n % 5")} from bench_events b
        union all
        select ${net}::uuid, b.id, ${member("6 + b.n % 3")}, ${acct("6 + b.n % 3")} from bench_events b where b.n % 4 = 0 or b.n = ${M}::int`.execute(
        tx,
      );
      await sql`
        insert into event_cohosts (network_id, event_id, cohost_network_id, status, event_title, event_starts_at, event_ends_at,
                                   event_time_zone, decided_at, created_at)
        select ${net}::uuid, b.id, ${cohostNet}::uuid, 'accepted', e.title, e.starts_at, e.ends_at, e.time_zone,
               b.starts_at - interval '41 days', b.starts_at - interval '42 days'
        from bench_events b join network_events e on e.network_id = ${net}::uuid and e.id = b.id
        where b.cohosted`.execute(tx);
      // Three questions on the measured, rush and warm-up events; one optional text question on every eighth.
      await sql`
        insert into event_questions (network_id, event_id, id, position, kind, label, options, required)
        select ${net}::uuid, b.id, ${questionId("b.n || '-' || q.p")}, q.p, q.kind, q.label, q.options, q.required
        from bench_events b
        cross join jsonb_to_recordset(${JSON.stringify(questionSpecs.map((q, p) => ({ ...q, p })))}::jsonb)
          as q(p int, kind text, label text, options text[], required boolean)
        where b.n in (${M}::int, ${rushN}::int, ${warmupN}::int)
        union all
        select ${net}::uuid, b.id, ${questionId("b.n || '-0'")}, 0, 'text', 'アレルギーなど、配慮が必要なことがあれば教えてください', '{}', false
        from bench_events b where b.n % 8 = 0 and not b.special and b.n <> ${M}::int`.execute(tx);
    });

    await step("registrations, waitlists, check-ins, seats", async () => {
      // Who arrives k-th at event n: member 0 at some (the measured event among them), a
      // co-host member every fifth on a co-hosted event, else a host member (distinct for k < members);
      // only those of the event's audience. Every 23rd cancelled later (not on the measured event).
      await sql`
        create temporary table bench_regs on commit drop as
        select b.n, b.id as event_id, k, w.cohost, w.o, b.n <> ${M}::int and k % 23 = 0 as cancelled
        from bench_events b
        cross join lateral generate_series(1, b.arrivals) as k
        cross join lateral (
          select case when (b.n = ${M}::int and k = 37) or (b.n % 9 = 0 and k = 3) then false else b.cohosted and k % 5 = 0 end as cohost,
                 case when (b.n = ${M}::int and k = 37) or (b.n % 9 = 0 and k = 3) then 0
                      when b.cohosted and k % 5 = 0 then ((b.n * 13 + k) % ${mb}::int) + 1
                      else ((b.n * 7919 + k * 131) % ${m}::int) + 1 end as o
        ) as w
        where w.cohost or case b.audience when 'alumni' then w.o = 0 or (w.o > 8 and w.o % 5 <> 0)
                                          when 'employees' then w.o >= 10 and w.o % 5 = 0 else true end`.execute(tx);
      const q = (p: number) => sql`(${questionId(`b.n || '-${p}'`)})::text`;
      // Seats in order of arrival among those who did not cancel; a seat beyond the capacity
      // was somebody's who cancelled: its holder was promoted from the waitlist.
      await sql`
        insert into event_registrations (network_id, event_id, member_network_id, member_id, account_id, status, position, answers,
                                         ticket_code, checked_in_at, checked_in_by, promoted_at, cancelled_at, created_at, updated_at)
        select ${net}::uuid, x.event_id,
               case when x.cohost then ${cohostNet}::uuid else ${net}::uuid end,
               case when x.cohost then ${cohostMember("x.o")} else ${member("x.o")} end,
               case when x.cohost then ${acct(`x.o + ${m}`)} else ${acct("x.o")} end,
               x.status, x.k, x.answers, md5('bench-ev-ticket-' || x.n || '-' || x.k),
               case when x.status = 'confirmed' and x.ends_at < now() and x.k % 7 <> 0 then x.starts_at + (x.k % 30) * interval '1 minute' end,
               case when x.status = 'confirmed' and x.ends_at < now() and x.k % 7 <> 0 then ${acct("1 + x.n % 5")} end,
               case when x.status = 'confirmed' and x.capacity is not null and x.arrived > x.capacity then x.created_at + (x.until - x.created_at) / 3 end,
               case when x.status = 'cancelled' then x.created_at + (x.until - x.created_at) / 2 end,
               x.created_at, x.created_at
        from (
          select r.*, b.capacity, b.starts_at, b.ends_at, p.published_at, p.until,
                 p.published_at + (p.until - p.published_at) * r.k / (b.arrivals + 1) as created_at,
                 case when r.cancelled then 'cancelled'
                      when b.capacity is null or count(*) filter (where not r.cancelled) over w <= b.capacity then 'confirmed'
                      else 'waitlisted' end as status,
                 count(*) over w as arrived,
                 case when b.n = ${M}::int then jsonb_strip_nulls(jsonb_build_object(
                        ${q(0)}, case when r.k % 4 <> 0 then (${textArray(introductions)})[1 + r.k % ${introductions.length}] end,
                        ${q(1)}, case when r.k % 3 = 0 then ${questionSpecs[1]?.options[1] ?? ""}::text else ${questionSpecs[1]?.options[0] ?? ""}::text end,
                        ${q(2)}, case r.k % 3 when 0 then jsonb_build_array('人事部') when 1 then jsonb_build_array('営業本部', '開発本部') end))
                      when b.n % 8 = 0 and r.k % 6 = 0 then jsonb_build_object(${sql`(${questionId("b.n || '-0'")})::text`}, 'えびのアレルギーがあります')
                      else '{}'::jsonb end as answers
          from bench_regs r
          join bench_events b on b.n = r.n
          cross join lateral (
            select least(b.starts_at - interval '40 days', now() - interval '20 days') as published_at, least(b.starts_at, now()) as until
          ) as p
          window w as (partition by r.n order by r.k)
        ) x`.execute(tx);
      await sql`
        insert into event_waitlist (network_id, event_id, position)
        select network_id, event_id, position from event_registrations where network_id = ${net}::uuid and status = 'waitlisted'`.execute(
        tx,
      );
      await sql`
        insert into event_invitees (network_id, event_id, member_id)
        select ${net}::uuid, r.event_id, ${member("r.o")} from bench_regs r join bench_events b on b.n = r.n
        where b.audience = 'invited' and not r.cohost`.execute(tx);
      await sql`
        insert into event_seats (network_id, event_id, capacity, confirmed, waitlisted, reserved, next_position)
        select ${net}::uuid, b.id, b.capacity,
               count(r.id) filter (where r.status = 'confirmed'), count(r.id) filter (where r.status = 'waitlisted'), 0, b.arrivals + 1
        from bench_events b
        left join event_registrations r on r.network_id = ${net}::uuid and r.event_id = b.id
        group by b.id, b.capacity, b.arrivals`.execute(tx);
    });

    const measured = await sql<{ confirmed: number; waitlisted: number; mine: string | null }>`
      select s.confirmed, s.waitlisted,
             (select status from event_registrations where network_id = s.network_id and event_id = s.event_id and account_id = ${acct("0")}) as mine
      from event_seats s where s.network_id = ${net}::uuid and s.event_id = ${eventId(String(M))}`.execute(tx);
    const row = measured.rows[0];
    if (row?.confirmed !== measuredEvent.capacity || row.waitlisted !== measuredEvent.waitlisted || row.mine !== "confirmed")
      throw new Error(`the measured event came out wrong: ${JSON.stringify(row)}`);
    const counts = await sql<EventsGeneration["counts"]>`
      select (select count(*)::int from network_events where network_id = ${net}::uuid and ends_at < now()) as past,
             (select count(*)::int from network_events where network_id = ${net}::uuid and ends_at >= now()) as upcoming,
             (select count(*)::int from event_cohosts where network_id = ${net}::uuid) as cohosted,
             (select count(*)::int from network_events where network_id = ${net}::uuid and series_id is not null) as "inSeries",
             count(*)::int as registrations,
             count(*) filter (where status = 'confirmed')::int as confirmed,
             count(*) filter (where status = 'waitlisted')::int as waitlisted,
             count(*) filter (where status = 'cancelled')::int as cancelled,
             count(*) filter (where checked_in_at is not null)::int as "checkedIn"
      from event_registrations where network_id = ${net}::uuid`.execute(tx);
    const questions = async (n: number): Promise<Question[]> =>
      (
        await tx
          .selectFrom("event_questions")
          .select(["id", "kind", "options"])
          .where("network_id", "=", net)
          .where("event_id", "=", uuidOf(labels.event, n))
          .orderBy("position")
          .execute()
      ).map((r) => ({ id: r.id, kind: r.kind, options: r.options }));
    return {
      net,
      cohostNet,
      counts: counts.rows[0] as EventsGeneration["counts"],
      rushQuestions: await questions(rushN),
      warmupQuestions: await questions(warmupN),
    };
  });

  // The server indexes members who have no profile index row at start-up (people search): done
  // here with the app's own code, or it would run in the background of the measured requests.
  await step("member profile index", () => backfillMemberProfiles(database));
  await step("vacuum (analyze)", () => sql`vacuum (analyze)`.execute(database.db));
  const size = await sql<{ mb: number }>`select (pg_database_size(current_database()) / 1048576)::int as mb`.execute(database.db);
  return {
    steps,
    totalMs: elapsed(started),
    databaseMb: Number(size.rows[0]?.mb ?? 0),
    networkId: ids.net,
    cohostNetworkId: ids.cohostNet,
    measuredEventId: uuidOf(labels.event, M),
    rushEventId: uuidOf(labels.event, rushN),
    warmupEventId: uuidOf(labels.event, warmupN),
    rushQuestions: ids.rushQuestions,
    warmupQuestions: ids.warmupQuestions,
    counts: ids.counts,
  };
}
