// The community benchmark: a network at the size the product is built for — 33,000 members, 200
// rooms, 1,000,000 posts, 3,000,000 stamps — generated with set-based SQL on a scratch database,
// then the real server under load (autocannon, as bench.ts) for the room timeline, the home feed,
// posting and stamp toggles, each against the baseline measured in the same run on the same data;
// and 1,000 open WebSockets receiving direct messages (or, where DMs cannot be sent, posts in
// two-member rooms) sent at a fixed rate, with send→receive latency and the server's RSS.
//
// The scenarios are data (`scenarios` below): one more endpoint is one more entry. Scenarios whose
// endpoint is not in the contract (src/shared/contract) are reported as not measured.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import * as prettier from "prettier";
import WebSocket from "ws";
import * as contract from "../src/shared/contract/index.ts";
import type { Endpoint } from "../src/shared/contract/endpoint.ts";
import { stampNames } from "../src/shared/stamps.ts";
import { hashPassword } from "../src/server/platform/auth/passwords.ts";
import { hashSecret, newSecret } from "../src/server/platform/auth/tokens.ts";
import { cookieNames } from "../src/server/platform/http/cookies.ts";
import { openDatabase } from "../src/server/platform/db/database.ts";
import type { Database } from "../src/server/platform/db/database.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";
import { renderMarkdown } from "../src/server/platform/markdown/markdown.ts";
import { backfillMemberProfiles } from "../src/server/people/profile-index.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import type { Tx } from "../src/server/platform/tenancy/scope.ts";
import { adminQuery, adminUrl, scratchDatabase, scratchDir } from "./cleanup.ts";
import {
  benchAppEnv,
  elapsed,
  freePort,
  load,
  measureBaseline,
  quantile,
  rssMb,
  runsScenario,
  startServer,
  stopServer,
  timeoutSeconds,
  waitHealthy,
} from "./processes.ts";
import type { LoadResult, LoadSettings, Server } from "./processes.ts";
import type { Kind } from "./report.ts";
import type { Options as CannonOptions, Request as CannonRequest } from "autocannon";

// ---------------------------------------------------------------- sizes and targets

export interface Dataset {
  members: number;
  rooms: number;
  posts: number;
  stamps: number;
}

export const fullDataset: Dataset = { members: 33_000, rooms: 200, posts: 1_000_000, stamps: 3_000_000 };
/** Members with a session: they post, stamp and hold the WebSockets. Members 1…socketMembers. */
const socketMembers = 1000;
/** Two-member private rooms (members 2i−1 and 2i): posts with a fan-out of two, and the stand-in for DMs. */
const pairRooms = socketMembers / 2;
const realtimeRate = Number(process.env.BENCH_REALTIME_RATE ?? 500);
/**
 * Members online (present for room events, decision 0013) during the write scenarios: members
 * 1…online. BENCH_ONLINE=0 measures the writes with nobody online (no event rows at all).
 */
const online = Math.min(socketMembers, Number(process.env.BENCH_ONLINE ?? socketMembers));
const connections = 50;

export const communityTargets = {
  timeline: { ratio: 0.35, p99Ms: 50 },
  feed: { ratio: 0.3 },
  postCreate: { ratio: 0.25 },
  stampToggle: { ratio: 0.3 },
  realtime: { sockets: socketMembers, rate: 500, p99Ms: 50, rssMb: 400 },
} as const;

// ---------------------------------------------------------------- generated text

/** A deterministic generator, so every run gets the same bodies (and plans). */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sentences = [
  "先日の OB 会、久しぶりに皆さんにお会いできて楽しかったです。",
  "転職して三年目になりますが、前職で学んだことが今でも役に立っています。",
  "大阪支社にいた頃の同期で、集まれる人はいませんか。",
  "新しいプロジェクトでメンバーを募集しています。興味のある方はご連絡ください。",
  "今朝の通勤電車がとても混んでいて、在宅勤務のありがたさを感じました。",
  "子どもが小学校に入学しました。",
  "週末は久しぶりに山登りに行ってきました。紅葉がきれいでした。",
  "研究開発部にいた方、当時の資料の保管場所をご存じないでしょうか。",
  "来月、福岡で小さな勉強会を開きます。",
  "最近読んだ本で面白かったのは、組織づくりについての一冊です。",
  "独立して半年、ようやく事業が軌道に乗ってきました。",
  "皆さんはリモートワークでどんな工夫をされていますか？",
  "社内報の古い号を見つけました。懐かしい写真がたくさん載っています。",
  "人事の仕事をしていますが、アルムナイとのつながりは本当に大切だと感じます。",
  "ランニングを始めて一年、先日初めてハーフマラソンを完走しました！",
  "海外赴任から戻ってきました。また日本でよろしくお願いします。",
  "当時の上司に大変お世話になりました。この場を借りてお礼を申し上げます。",
  "採用イベントのお手伝いをしてくださる方を探しています。",
  "データ分析の仕事に興味がある方、情報交換しませんか。",
  "名古屋の工場見学に行ってきました。設備がすっかり新しくなっていて驚きました。",
  "育児と仕事の両立について、経験談を聞かせていただけると嬉しいです。",
  "新製品の発表、ニュースで拝見しました。おめでとうございます。",
  "今年の忘年会の幹事を引き受けました。",
  "久しぶりに会社の近くを通ったら、駅前がずいぶん変わっていました。",
  "副業として地域の NPO を手伝っています。",
  "経理の仕事から IT の世界に移りました。毎日が勉強です。",
  "お勧めのオンライン講座があれば教えてください。",
  "札幌に引っ越しました。近くにお住まいの方、ぜひお茶でも。",
  "同じ部署だった皆さん、お元気ですか。",
  "業界の勉強会で、偶然元同僚に会いました。世間は狭いですね。",
];
const emphasis = ["**大歓迎**です", "**締め切りは今月末**です", "*ゆるく*やっています", "`#雑談` でどうぞ"];
const links = ["https://example.com/events/2026", "https://example.org/report", "https://example.jp/blog/alumni"];

/** `count` post bodies of varied length (one sentence to several paragraphs), with the HTML the app renders for them. */
function postBodies(count: number): { n: number; body: string; body_html: string }[] {
  const random = prng(20261121);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const bodies: { n: number; body: string; body_html: string }[] = [];
  for (let n = 0; n < count; n++) {
    const paragraphs: string[] = [];
    // Mostly short posts, some long ones: 1 paragraph 60 %, 2 25 %, 3–5 15 %.
    const r = random();
    const paragraphCount = r < 0.6 ? 1 : r < 0.85 ? 2 : 3 + Math.floor(random() * 3);
    for (let p = 0; p < paragraphCount; p++) {
      const lines: string[] = [];
      const sentenceCount = 1 + Math.floor(random() * 3);
      for (let s = 0; s < sentenceCount; s++) lines.push(pick(sentences));
      if (random() < 0.1) lines.push(pick(emphasis));
      if (random() < 0.05) lines.push(`詳しくはこちら: ${pick(links)}`);
      // Japanese text is often written with a line break per sentence (a <br> in the HTML).
      paragraphs.push(random() < 0.3 ? lines.join("\n") : lines.join(""));
    }
    const body = paragraphs.join("\n\n");
    bodies.push({ n, body, body_html: renderMarkdown(body) });
  }
  return bodies;
}

const surnames = [
  "佐藤",
  "鈴木",
  "高橋",
  "田中",
  "伊藤",
  "渡辺",
  "山本",
  "中村",
  "小林",
  "加藤",
  "吉田",
  "山田",
  "佐々木",
  "山口",
  "松本",
  "井上",
  "木村",
  "林",
  "斎藤",
  "清水",
];
const givenNames = [
  "翔太",
  "陽菜",
  "大輔",
  "美咲",
  "健一",
  "さくら",
  "拓海",
  "結衣",
  "直樹",
  "彩",
  "亮",
  "真由美",
  "悠斗",
  "千尋",
  "誠",
  "葵",
];
const topics = [
  "営業",
  "技術",
  "人事",
  "マーケティング",
  "子育て",
  "ランニング",
  "読書",
  "転職相談",
  "起業",
  "関西",
  "九州",
  "北海道",
  "海外",
  "ゴルフ",
  "写真",
  "料理",
  "投資",
  "キャリア",
  "AI",
  "地域",
];

// ---------------------------------------------------------------- generation

/** Deterministic ids, so related rows are generated without joins: md5 of a label and an ordinal (as SQL text). */
export const idText = (label: string, ordinal: string) =>
  // Version 4 and the RFC 4122 variant set, as the API's uuid validation expects.
  `overlay(overlay(md5('bench-${label}-' || (${ordinal})) placing '4' from 13) placing '8' from 17)::uuid`;
export const idSql = (label: string, ordinal: string) => sql.raw(idText(label, ordinal));
/** A uniform number in [0, 1) from an integer expression (multiplicative hashing). */
const uniform = (expr: string, multiplier: number) =>
  // Reduced below 2^31 first: the product stays inside bigint.
  sql.raw(`((((${expr})::bigint % 2147483648) * ${multiplier}) % 4294967296)::float8 / 4294967296`);
const textArray = (list: readonly string[]) => sql.raw(`array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]::text[]`);

export interface Generation {
  steps: { name: string; ms: number }[];
  totalMs: number;
  databaseMb: number;
  networkId: string;
}

/**
 * The network, in the system scope. Members 0…members (0 is the benchmark member, an alumna;
 * 1–5 admins, every fifth an employee, the rest alumni). Room r (1…200): 1 announcements, 2
 * casual, 3 introductions, every tenth private (300 members each), r % 7 = 0 alumni only,
 * r % 11 = 0 employees only. Posts g: every thousandth in announcements by an admin, the others
 * in rooms 2…200 with a skew (room 2 the busiest), by members with a skew (some post a lot), each
 * author one who may post there; created over two years in order of g.
 */
async function generate(database: Database, data: Dataset, passwordHash: string): Promise<Generation> {
  const steps: { name: string; ms: number }[] = [];
  const started = performance.now();
  const step = async (name: string, fn: (tx: Tx) => Promise<unknown>, tx: Tx) => {
    const t = performance.now();
    await fn(tx);
    steps.push({ name, ms: elapsed(t) });
    console.log(`   ${name.padEnd(44)} ${elapsed(t)} ms`);
  };
  const m = data.members;
  const networkId = await inSystem(database, async (tx) => {
    const network = await tx
      .insertInto("networks")
      .values({ slug: "bench-community", name: "ベンチ電機 アルムナイ", kind: "company", purpose: "Benchmark network" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const net = network.id;
    // Foreign-key triggers off for the load (this transaction only), as a restore does: the rows
    // are consistent by construction, and one anti-join per foreign key checks it below. With
    // them on, the 4 million inserts spend most of their time in per-row lookups.
    await sql`set local session_replication_role = replica`.execute(tx);
    await step(
      `accounts + memberships (${(m + 1).toLocaleString("en")})`,
      async () => {
        await sql`
          insert into accounts (id, email, display_name, password_hash, email_verified_at, locale)
          select ${idSql("account", "g")}, 'member' || g || '@bench.example.com',
                 (${textArray(surnames)})[1 + g % ${surnames.length}] || ' ' || (${textArray(givenNames)})[1 + (g / ${surnames.length}) % ${givenNames.length}],
                 ${passwordHash}::text, now(), case when g % 10 = 0 then 'en' else 'ja' end
          from generate_series(0, ${m}::int) as g`.execute(tx);
        await sql`
          insert into memberships (network_id, id, account_id, role, status, joined_at, created_at)
          select ${net}::uuid, ${idSql("member", "g")}, ${idSql("account", "g")},
                 case when g between 1 and 5 then 'admin' when g > 0 and g % 5 = 0 then 'employee' else 'alumni' end,
                 'active', now() - (g % 1000) * interval '1 day', now() - (g % 1000) * interval '1 day'
          from generate_series(0, ${m}::int) as g`.execute(tx);
      },
      tx,
    );
    // Digests as in a running network: every member got one within the last day, so none is due
    // while the benchmark runs (a due digest for 33,000 members would be what the run measures).
    await sql`
      insert into notification_settings (network_id, member_id, last_digest_at)
      select ${net}::uuid, ${idSql("member", "g")}, now() - (g % 24) * interval '1 hour'
      from generate_series(0, ${m}::int) as g`.execute(tx);
    await step(
      `rooms (${data.rooms}), room_members, subscriptions`,
      async () => {
        await sql`
          insert into rooms (network_id, id, name, description, kind, audience, position, default_key, created_at)
          select ${net}::uuid, ${idSql("room", "r")},
                 case r when 1 then 'お知らせ' when 2 then '雑談ルーム' when 3 then '自己紹介'
                        else (${textArray(topics)})[1 + r % ${topics.length}] || 'の部屋 ' || r end,
                 '', case when r = 1 then 'announcement' when r >= 4 and r % 10 = 0 then 'private' else 'open' end,
                 case when r >= 4 and r % 10 = 0 then 'everyone' when r >= 4 and r % 7 = 0 then 'alumni'
                      when r >= 4 and r % 11 = 0 then 'employees' else 'everyone' end,
                 r - 1, case r when 1 then 'announcements' when 2 then 'casual' when 3 then 'introductions' end,
                 now() - interval '800 days'
          from generate_series(1, ${data.rooms}::int) as r`.execute(tx);
        // Private room r: 300 members ((r·1009 + k·131) mod members) + 1, k = 1…300, and the benchmark member in every other one.
        await sql`
          insert into room_members (network_id, room_id, member_id)
          select ${net}::uuid, ${idSql("room", "r")}, ${idSql("member", `((r * 1009 + k * 131) % ${m}) + 1`)}
          from generate_series(10, ${data.rooms}::int, 10) as r, generate_series(1, 300) as k
          union all
          select ${net}::uuid, ${idSql("room", "r")}, ${idSql("member", "0")}
          from generate_series(20, ${data.rooms}::int, 20) as r`.execute(tx);
        // The benchmark member has read every room it sees up to some day of the last two weeks; a few are muted.
        await sql`
          insert into room_subscriptions (network_id, room_id, member_id, muted, last_read_at)
          select ${net}::uuid, ${idSql("room", "r")}, ${idSql("member", "0")}, r % 13 = 0, now() - (r % 14) * interval '1 day'
          from generate_series(1, ${data.rooms}::int) as r
          where (r < 4 or r % 10 <> 0 or r % 20 = 0) and not (r >= 4 and r % 10 <> 0 and r % 7 <> 0 and r % 11 = 0)`.execute(tx);
      },
      tx,
    );
    // Secondary indexes of posts and stamps are dropped for the load and built again from their
    // own definitions afterwards: one sorted build each instead of 4 million random insertions.
    const { rows: indexes } = await sql<{ name: string; definition: string }>`
      select i.indexname as name, i.indexdef as definition from pg_indexes i
      where i.schemaname = 'public' and i.tablename in ('posts', 'stamps')
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(tx);
    for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(tx);
    const bodies = postBodies(4096);
    await step(
      `posts (${data.posts.toLocaleString("en")})`,
      async () => {
        // Ids by ordinal, looked up by joins: an md5 per generated row costs more than the row.
        await sql`create temporary table bench_member_ids on commit drop as select g as n, ${idSql("member", "g")} as id from generate_series(0, ${m}::int) as g`.execute(
          tx,
        );
        await sql`create temporary table bench_room_ids on commit drop as select r, ${idSql("room", "r")} as id from generate_series(1, ${data.rooms}::int) as r`.execute(
          tx,
        );
        await sql`analyze bench_member_ids`.execute(tx);
        await sql`analyze bench_room_ids`.execute(tx);
        await sql`create temporary table bench_bodies (n int primary key, body text not null, body_html text not null) on commit drop`.execute(
          tx,
        );
        await sql`insert into bench_bodies select * from jsonb_to_recordset(${JSON.stringify(bodies)}::jsonb) as b(n int, body text, body_html text)`.execute(
          tx,
        );
        const u = uniform("g", 2654435761);
        const a = uniform("g", 2246822519);
        const v = uniform("g", 3266489917);
        await sql`
          insert into posts (network_id, room_id, author_id, body, body_html, edited_at, deleted_at, comment_count, created_at, updated_at)
          select ${net}::uuid, ri.id, mi.id, b.body, b.body_html,
                 case when x.g % 50 = 0 then x.created_at + interval '10 minutes' end,
                 case when x.g % 500 = 0 then x.created_at + interval '1 hour' end,
                 floor(40 * power(x.v, 4))::int,
                 x.created_at, x.created_at
          from (
            select g,
                   case when g % 1000 = 0 then 1 else 2 + floor(${data.rooms - 1} * ${u} * ${u})::int end as room,
                   1 + floor(${m} * power(${a}, 3))::int as a,
                   ${v} as v,
                   now() - (${data.posts}::int - g) * interval '63 seconds' as created_at,
                   (g::bigint * 374761393) % 4096 as body_no
            from generate_series(1, ${data.posts}::int) as g
          ) as x
          join bench_bodies b on b.n = x.body_no
          join bench_room_ids ri on ri.r = x.room
          join bench_member_ids mi on mi.n = case
            when x.room = 1 then 1 + x.g % 5
            when x.room % 10 = 0 then ((x.room * 1009 + (1 + x.a % 300) * 131) % ${m}) + 1
            when x.room % 7 = 0 then case when x.a % 5 = 0 then x.a - 1 else x.a end
            when x.room % 11 = 0 then case when x.a % 5 = 0 then x.a else greatest(10, x.a - x.a % 5) end
            else x.a end`.execute(tx);
        // Statistics for the statements below: without them the planner takes the fresh tables for empty.
        await sql`analyze posts, rooms, room_members, memberships`.execute(tx);
        // Two pinned posts in the busiest room and three in announcements, as admins would.
        await sql`
          update posts set pinned_at = created_at + interval '1 day'
          where network_id = ${net}::uuid and id in (
            (select id from posts where room_id = ${idSql("room", "2")} and deleted_at is null order by created_at desc offset 40 limit 2)
            union all
            (select id from posts where room_id = ${idSql("room", "1")} and deleted_at is null order by created_at desc limit 3))`.execute(
          tx,
        );
      },
      tx,
    );
    await step(
      `stamps (${data.stamps.toLocaleString("en")})`,
      async () => {
        // Stamps on live posts of rooms everyone sees, popular posts first: the post of rank r (in id order, which is random) gets ⌊K·r^-0.6⌋ stamps, by distinct members ((r·7919 + j·131) mod (members + 1): 131 is
        // prime to members + 1, so a post never gets two stamps of one member), emoji skewed towards the first.
        const visible = await sql<{ n: number }>`
          select count(*)::int as n from posts p join rooms r on r.network_id = p.network_id and r.id = p.room_id
          where p.network_id = ${net}::uuid and p.deleted_at is null and r.kind <> 'private' and r.audience = 'everyone'`.execute(tx);
        const k = stampScale(Number(visible.rows[0]?.n ?? 0), data.stamps, m + 1);
        const w = uniform("p.r * 40503 + p.j", 2654435761);
        await sql`
          insert into stamps (network_id, post_id, member_id, emoji, created_at)
          select ${net}::uuid, p.id, mi.id,
                 (${textArray(stampNames)})[1 + floor(${stampNames.length} * power(${w}, 3))::int],
                 p.created_at + p.j * interval '1 second'
          from (
            -- generate_series in the select list (ProjectSet) rather than a lateral join: no tuplestore per post.
            select p.id, p.created_at, p.r, generate_series(0, least(${m}, floor(${k}::float8 * power(p.r::float8, -0.6))::int) - 1) as j
            from (
              select p.id, p.created_at, row_number() over (order by p.id) as r
              from posts p join rooms ro on ro.network_id = p.network_id and ro.id = p.room_id
              where p.network_id = ${net}::uuid and p.deleted_at is null and ro.kind <> 'private' and ro.audience = 'everyone'
            ) as p
          ) as p
          join bench_member_ids mi on mi.n = (p.r * 7919 + p.j * 131) % ${m + 1}
          limit ${data.stamps}::int`.execute(tx);
      },
      tx,
    );
    await step(
      `${indexes.length} indexes of posts and stamps rebuilt`,
      async () => {
        for (const index of indexes) await sql.raw(index.definition).execute(tx);
      },
      tx,
    );
    await step(
      `${pairRooms} two-member rooms (members 1–${socketMembers})`,
      async () => {
        await sql`
          insert into rooms (network_id, id, name, kind, audience, position, created_at)
          select ${net}::uuid, ${idSql("pair", "i")}, 'ペア ' || i, 'private', 'everyone', ${data.rooms}::int + i, now() - interval '30 days'
          from generate_series(1, ${pairRooms}::int) as i`.execute(tx);
        await sql`
          insert into room_members (network_id, room_id, member_id)
          select ${net}::uuid, ${idSql("pair", "i")}, ${idSql("member", "2 * i - s")}
          from generate_series(1, ${pairRooms}::int) as i, generate_series(0, 1) as s`.execute(tx);
      },
      tx,
    );
    await step(
      "foreign keys checked (anti-joins)",
      async () => {
        const { rows } = await sql<{ what: string; n: number }>`
          select 'posts → rooms' as what, count(*)::int as n from posts p where not exists (select 1 from rooms r where r.network_id = p.network_id and r.id = p.room_id)
          union all select 'posts → memberships', count(*)::int from posts p where not exists (select 1 from memberships m where m.network_id = p.network_id and m.id = p.author_id)
          union all select 'stamps → posts', count(*)::int from stamps s where not exists (select 1 from posts p where p.network_id = s.network_id and p.id = s.post_id)
          union all select 'stamps → memberships', count(*)::int from stamps s where not exists (select 1 from memberships m where m.network_id = s.network_id and m.id = s.member_id)
          union all select 'room_members → memberships', count(*)::int from room_members x where not exists (select 1 from memberships m where m.network_id = x.network_id and m.id = x.member_id)
          union all select 'room_subscriptions → rooms', count(*)::int from room_subscriptions x where not exists (select 1 from rooms r where r.network_id = x.network_id and r.id = x.room_id)`.execute(
          tx,
        );
        const broken = rows.filter((r) => Number(r.n) > 0);
        if (broken.length > 0) throw new Error(`generated rows break foreign keys: ${broken.map((r) => `${r.what} ${r.n}`).join(", ")}`);
      },
      tx,
    );
    return net;
  });
  // The server indexes members who have no profile index row at start-up (people search): done
  // here with the app's own code, or it would run in the background of the first scenarios.
  const indexing = performance.now();
  const indexed = await backfillMemberProfiles(database);
  steps.push({ name: `member profile index (${int(indexed)})`, ms: elapsed(indexing) });
  console.log(`   ${`member profile index (${int(indexed)})`.padEnd(44)} ${elapsed(indexing)} ms`);
  const t = performance.now();
  // What autovacuum does soon after a bulk load (insert-triggered vacuum sets the visibility map
  // for index-only scans; analyze gives the planner statistics): plans then match a settled database.
  await sql`vacuum (analyze)`.execute(database.db);
  steps.push({ name: "vacuum (analyze)", ms: elapsed(t) });
  console.log(`   ${"vacuum (analyze)".padEnd(44)} ${elapsed(t)} ms`);
  const size = await sql<{ mb: number }>`select (pg_database_size(current_database()) / 1048576)::int as mb`.execute(database.db);
  return { steps, totalMs: elapsed(started), databaseMb: Number(size.rows[0]?.mb ?? 0), networkId };
}

/** The K for which Σ min(cap, ⌊K·r^-0.6⌋) over r = 1…posts just exceeds `stamps` (the insert then stops at `stamps`). */
function stampScale(posts: number, stamps: number, cap: number): number {
  const total = (k: number) => {
    let sum = 0;
    for (let r = 1; r <= posts; r++) sum += Math.min(cap, Math.floor(k * r ** -0.6));
    return sum;
  };
  let [low, high] = [0, 100_000];
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (total(mid) >= stamps) high = mid;
    else low = mid;
  }
  return Math.ceil(high * 1000) / 1000 + 0.001;
}

// ---------------------------------------------------------------- sessions

interface Session {
  memberNo: number;
  memberId: string;
  cookie: string;
  csrf: string;
}

/** Sessions for the benchmark member (0) and members 1…socketMembers, written in one statement. */
async function createSessions(database: Database): Promise<Session[]> {
  const sessions = Array.from({ length: socketMembers + 1 }, (_, no) => ({ no, token: newSecret(), csrf: newSecret(24) }));
  const rows = JSON.stringify(sessions.map((s) => ({ n: s.no, h: hashSecret(s.token), c: s.csrf })));
  const ids = await inSystem(database, async (tx) => {
    await sql`
      insert into sessions (account_id, token_hash, csrf_token, ip, user_agent, expires_at)
      select ${idSql("account", "s.n")}, s.h, s.c, '127.0.0.1', 'tsunagu-bench', now() + interval '30 days'
      from jsonb_to_recordset(${rows}::jsonb) as s(n int, h text, c text)`.execute(tx);
    const { rows: members } = await sql<{ n: number; id: string }>`
      select g as n, ${idSql("member", "g")}::text as id from generate_series(0, ${socketMembers}::int) as g`.execute(tx);
    return new Map(members.map((r) => [Number(r.n), r.id]));
  });
  return sessions.map((s) => ({
    memberNo: s.no,
    memberId: ids.get(s.no) ?? "",
    cookie: `${cookieNames.session}=${s.token}`,
    csrf: s.csrf,
  }));
}

// ---------------------------------------------------------------- scenarios

interface Context {
  server: Server;
  networkId: string;
  bench: Session;
  /** members[i] is member i (1…socketMembers); members[0] is the benchmark member. */
  members: Session[];
  bodies: string[];
  /** Rooms 2–9 (open, the benchmark member sees them), busiest first. */
  timelineRooms: string[];
  /** Stamp toggles: per connection, a recent post of room 2 and a member who has not stamped it with `emoji`. */
  stampTargets: { postId: string; member: Session }[];
  emoji: string;
}

interface Scenario {
  key: string;
  label: string;
  /** The contract endpoint; a scenario whose endpoint is not in the contract is not measured. */
  endpoint: string;
  target: { ratio: number; p99Ms?: number } | null;
  /** Members 1…online are online while it runs (the writes publish room events to them). */
  online?: boolean;
  /** The path named in reports, and the autocannon requests that load it. */
  requests(ctx: Context): {
    path: string;
    headers: Record<string, string>;
    options: Pick<CannonOptions, "method" | "requests" | "setupClient" | "timeout">;
  };
}

export const endpoints = new Map<string, Endpoint>(
  Object.values(contract)
    .flatMap((group) => Object.values(group as Record<string, unknown>))
    .filter((e): e is Endpoint => typeof e === "object" && e !== null && "id" in e && "method" in e && "path" in e)
    .map((e) => [e.id, e]),
);

export const pathOf = (id: string, params: Record<string, string>) => {
  const e = endpoints.get(id);
  if (!e) throw new Error(`no endpoint ${id} in the contract`);
  return e.path.replace(/:(\w+)/g, (_, name: string) => params[name] ?? `:${name}`);
};

const writeHeaders = (s: Session) => ({ cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" });

/** Round-robin over a list, one element per request, shared by all connections. */
function rotating<T>(list: T[], make: (item: T, i: number) => CannonRequest): CannonRequest[] {
  let i = 0;
  return [
    {
      setupRequest: (request) => {
        const n = i++;
        return { ...request, ...make(list[n % list.length] as T, n) };
      },
    },
  ];
}

const scenarios: Scenario[] = [
  {
    key: "timeline",
    label: "room timeline (GET …/rooms/:roomId/posts)",
    endpoint: "listRoomPosts",
    target: communityTargets.timeline,
    requests: (ctx) => {
      const paths = ctx.timelineRooms.map((roomId) => pathOf("listRoomPosts", { networkId: ctx.networkId, roomId }));
      return {
        path: paths[0] ?? "",
        headers: { cookie: ctx.bench.cookie },
        options: { timeout: timeoutSeconds, requests: rotating(paths, (p) => ({ method: "GET", path: p })) },
      };
    },
  },
  {
    key: "feed",
    label: "home feed (GET …/feed)",
    endpoint: "listFeed",
    target: communityTargets.feed,
    requests: (ctx) => ({
      path: pathOf("listFeed", { networkId: ctx.networkId }),
      headers: { cookie: ctx.bench.cookie },
      options: { timeout: timeoutSeconds },
    }),
  },
  {
    key: "postOpen",
    label: `post create, open room (everyone: ${(fullDataset.members + 1).toLocaleString("en")} members, ${online.toLocaleString("en")} online)`,
    endpoint: "createPost",
    target: communityTargets.postCreate,
    online: true,
    requests: (ctx) => {
      const p = pathOf("createPost", { networkId: ctx.networkId, roomId: ctx.timelineRooms[1] ?? "" });
      const authors = ctx.members.slice(1);
      return {
        path: p,
        headers: {},
        options: {
          timeout: timeoutSeconds,
          requests: rotating(authors, (s, n) => ({
            method: "POST",
            path: p,
            headers: writeHeaders(s),
            body: JSON.stringify({ body: ctx.bodies[n % ctx.bodies.length] }),
          })),
        },
      };
    },
  },
  {
    key: "postPair",
    label: "post create, two-member private room (2 recipients)",
    endpoint: "createPost",
    target: null,
    online: true,
    requests: (ctx) => {
      const pairs = Array.from({ length: pairRooms }, (_, i) => i + 1);
      return {
        path: pathOf("createPost", { networkId: ctx.networkId, roomId: "<pair room>" }),
        headers: {},
        options: {
          timeout: timeoutSeconds,
          requests: rotating(pairs, (i, n) => ({
            method: "POST",
            path: pathOf("createPost", { networkId: ctx.networkId, roomId: pairRoomIds.get(i) ?? "" }),
            // Members 2i−1 and 2i take turns.
            headers: writeHeaders(ctx.members[2 * i - (Math.floor(n / pairRooms) % 2)] as Session),
            body: JSON.stringify({ body: ctx.bodies[n % ctx.bodies.length] }),
          })),
        },
      };
    },
  },
  {
    key: "stamp",
    label: `stamp toggle on/off (PUT …/posts/:postId/stamps; room of ${(fullDataset.members + 1).toLocaleString("en")}, ${online.toLocaleString("en")} online)`,
    endpoint: "setPostStamp",
    target: communityTargets.stampToggle,
    online: true,
    requests: (ctx) => {
      let next = 0;
      return {
        path: pathOf("setPostStamp", { networkId: ctx.networkId, postId: ":postId" }),
        headers: {},
        options: {
          timeout: timeoutSeconds,
          // Each connection toggles its own (member, post): on, off, on, … — every request changes something.
          setupClient: (client) => {
            const target = ctx.stampTargets[next++ % ctx.stampTargets.length];
            if (!target) return;
            const p = pathOf("setPostStamp", { networkId: ctx.networkId, postId: target.postId });
            const request = (on: boolean): CannonRequest => ({
              method: "PUT",
              path: p,
              headers: writeHeaders(target.member),
              body: JSON.stringify({ emoji: ctx.emoji, on }),
            });
            client.setRequests([request(true), request(false)]);
          },
        },
      };
    },
  },
];

/** The app process the online members' sockets are on, as far as the server under load can tell: another one. */
const onlineInstanceId = "00000000-0000-4000-8000-00000000b0b0";

/**
 * Members 1…online: present for room events (decision 0013) as if their sockets
 * were open on another app process — written just before the server starts (PGlite has one
 * process), and fresh for the 2-minute grace period, longer than a scenario runs.
 */
async function markOnline(databaseUrl: string | undefined, pgliteDir: string): Promise<void> {
  const database = await openDatabase({ databaseUrl, pgliteDir, poolSize: 1 });
  try {
    await inSystem(database, (tx) =>
      sql`insert into realtime_presence (account_id, instance_id, sockets)
        select ${idSql("account", "g")}, ${onlineInstanceId}::uuid, 1 from generate_series(1, ${online}::int) as g
        on conflict (account_id, instance_id) do update set seen_at = now(), since = now()`.execute(tx),
    );
  } finally {
    await database.close();
  }
}

/** Filled once the data exists: pair room i → its id. */
const pairRoomIds = new Map<number, string>();

// ---------------------------------------------------------------- realtime

export interface RealtimeResult {
  /** "direct messages" or what stood in for them. */
  mode: string;
  sockets: number;
  connectMs: number;
  targetRate: number;
  sentRate: number;
  sent: number;
  received: number;
  missing: number;
  p50: number;
  p99: number;
  max: number;
  sendP99: number;
  rssIdleMb: number;
  rssMaxMb: number;
  failures: number;
  /** Failed sends by HTTP status or error. */
  failureKinds: Record<string, number>;
}

/** One sender: from member `from` to member `to`, answers the created item's id. */
type Send = (from: Session, to: Session, body: string) => Promise<string>;

/**
 * Direct messages when the server answers the DM endpoints (a conversation per pair, opened
 * first); otherwise posts in the pair's two-member room (the same two recipients, the same kind
 * of write), labelled as such.
 */
async function realtimeSender(ctx: Context): Promise<{ mode: string; send: Send }> {
  const base = `http://127.0.0.1:${ctx.server.port}`;
  const post = async (s: Session, p: string, body: unknown) => {
    const response = await fetch(base + p, { method: "POST", headers: writeHeaders(s), body: JSON.stringify(body) });
    const json = (await response.json()) as { id?: string };
    if (!response.ok || !json.id) throw new Error(`POST ${p} answered ${response.status}: ${JSON.stringify(json).slice(0, 200)}`);
    return json.id;
  };
  if (endpoints.has("openDirectConversation") && endpoints.has("sendMessage")) {
    try {
      const conversations = new Map<number, string>();
      const open = async (i: number) => {
        const a = ctx.members[2 * i - 1] as Session;
        const b = ctx.members[2 * i] as Session;
        conversations.set(i, await post(a, pathOf("openDirectConversation", { networkId: ctx.networkId }), { memberId: b.memberId }));
      };
      for (let i = 1; i <= pairRooms; i += 25) await Promise.all(Array.from({ length: 25 }, (_, k) => open(i + k)));
      return {
        mode: "direct messages (one conversation per pair of members)",
        send: (from, _to, body) =>
          post(
            from,
            pathOf("sendMessage", { networkId: ctx.networkId, conversationId: conversations.get(Math.ceil(from.memberNo / 2)) ?? "" }),
            { body },
          ),
      };
    } catch (error) {
      console.log(`   DMs not usable yet (${error instanceof Error ? error.message.slice(0, 120) : String(error)}): posts stand in`);
    }
  }
  return {
    mode: "posts in two-member private rooms standing in for DMs (post.created events)",
    send: (from, _to, body) =>
      post(from, pathOf("createPost", { networkId: ctx.networkId, roomId: pairRoomIds.get(Math.ceil(from.memberNo / 2)) ?? "" }), { body }),
  };
}

const rawText = (data: WebSocket.RawData) =>
  Array.isArray(data) ? Buffer.concat(data).toString("utf8") : Buffer.from(data as ArrayBuffer).toString("utf8");

/** Whether an event's payload names `id` (postId, messageId, …: events carry ids only). */
const namesId = (payload: Record<string, unknown>, id: string) => Object.values(payload).includes(id);

async function realtime(ctx: Context, settings: LoadSettings): Promise<RealtimeResult> {
  const members = ctx.members.slice(1);
  const started = performance.now();
  const sockets: WebSocket[] = [];
  /** Per member: event id seen → receive time (ms, performance.now()). */
  const inbox = new Map<number, { payload: Record<string, unknown>; at: number }[]>();
  const connectOne = (s: Session) =>
    new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${ctx.server.port}/api/realtime`, {
        headers: { cookie: s.cookie },
        handshakeTimeout: 20_000,
      });
      const box: { payload: Record<string, unknown>; at: number }[] = [];
      inbox.set(s.memberNo, box);
      ws.on("message", (data: WebSocket.RawData) => {
        const at = performance.now();
        const message = JSON.parse(rawText(data)) as { type: string; payload?: Record<string, unknown> };
        if (message.type === "ready") resolve();
        else if (message.type === "event" && message.payload) box.push({ payload: message.payload, at });
      });
      ws.once("error", reject);
      ws.once("unexpected-response", (_req, res) => reject(new Error(`WebSocket handshake answered ${res.statusCode}`)));
      sockets.push(ws);
    });
  try {
    for (let i = 0; i < members.length; i += 50) await Promise.all(members.slice(i, i + 50).map(connectOne));
    const connectMs = elapsed(started);
    console.log(`   ${members.length} WebSockets open and ready in ${connectMs} ms`);
    const { mode, send } = await realtimeSender(ctx);
    for (const box of inbox.values()) box.length = 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssIdleMb = rssMb(ctx.server.pid);

    const rate = realtimeRate;
    const sent: { from: number; to: number; at: number; id: string | null; answeredAt: number; counted: boolean }[] = [];
    let failures = 0;
    const failureKinds: Record<string, number> = {};
    let inFlight = 0;
    let rssMaxMb = rssIdleMb;
    const rssTimer = setInterval(() => (rssMaxMb = Math.max(rssMaxMb, rssMb(ctx.server.pid))), 250);
    const total = settings.warmupSeconds + settings.durationSeconds;
    const t0 = performance.now();
    await new Promise<void>((resolve) => {
      let k = 0;
      const tick = setInterval(() => {
        const now = performance.now();
        const due = Math.min(Math.floor(((now - t0) / 1000) * rate), total * rate);
        // A bounded number in flight: a server that cannot keep up gets fewer messages, and the sent rate says so.
        while (k < due && inFlight < 1000) {
          const n = k++;
          const pair = 1 + (n % pairRooms);
          const [fromNo, toNo] = Math.floor(n / pairRooms) % 2 === 0 ? [2 * pair - 1, 2 * pair] : [2 * pair, 2 * pair - 1];
          const entry = {
            from: fromNo,
            to: toNo,
            at: performance.now(),
            id: null as string | null,
            answeredAt: 0,
            counted: now - t0 >= settings.warmupSeconds * 1000,
          };
          sent.push(entry);
          inFlight++;
          send(ctx.members[fromNo] as Session, ctx.members[toNo] as Session, ctx.bodies[n % ctx.bodies.length] ?? "こんにちは")
            .then((id) => {
              entry.id = id;
              entry.answeredAt = performance.now();
            })
            .catch((error: unknown) => {
              failures++;
              const kind = error instanceof Error ? (/answered (\d+)/.exec(error.message)?.[1] ?? error.message.slice(0, 40)) : "?";
              failureKinds[kind] = (failureKinds[kind] ?? 0) + 1;
            })
            .finally(() => inFlight--);
        }
        if (now - t0 >= total * 1000) {
          clearInterval(tick);
          resolve();
        }
      }, 5);
    });
    // Stragglers: wait for the answers (10 s at most), then for their deliveries (5 s at most).
    const until = async (done: () => boolean, ms: number) => {
      const end = performance.now() + ms;
      while (!done() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    await until(() => inFlight === 0, 10_000);
    const delivered = (x: (typeof sent)[number]) =>
      x.id === null || (inbox.get(x.to)?.some((e) => namesId(e.payload, x.id as string)) ?? false);
    await until(() => sent.every(delivered), 5000);
    clearInterval(rssTimer);

    const counted = sent.filter((s) => s.counted);
    const latencies: number[] = [];
    const sendLatencies: number[] = [];
    let missing = 0;
    for (const s of counted) {
      if (!s.id) continue;
      sendLatencies.push(s.answeredAt - s.at);
      const got = inbox.get(s.to)?.find((e) => namesId(e.payload, s.id as string));
      if (got) latencies.push(got.at - s.at);
      else missing++;
    }
    latencies.sort((x, y) => x - y);
    sendLatencies.sort((x, y) => x - y);
    const measuredSeconds = settings.durationSeconds;
    return {
      mode,
      sockets: members.length,
      connectMs,
      targetRate: rate,
      sentRate: counted.length / measuredSeconds,
      sent: counted.length,
      received: latencies.length,
      missing,
      p50: Math.round(quantile(latencies, 0.5)),
      p99: Math.round(quantile(latencies, 0.99)),
      max: Math.round(latencies.at(-1) ?? Number.NaN),
      sendP99: Math.round(quantile(sendLatencies, 0.99)),
      rssIdleMb,
      rssMaxMb,
      failures,
      // A copy: sends still running when the server stops fail afterwards and are not part of the run.
      failureKinds: { ...failureKinds },
    };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}

// ---------------------------------------------------------------- one database

export interface ScenarioResult {
  key: string;
  label: string;
  target: Scenario["target"];
  result: LoadResult | null;
  /** Why it was not measured. */
  skipped?: string;
}

export interface CommunityResult {
  kind: Kind;
  label: string;
  dataset: Dataset;
  /** Why this database got a smaller dataset, if it did. */
  datasetNote: string | null;
  generation: Generation;
  baseline: LoadResult;
  scenarios: ScenarioResult[];
  realtime: RealtimeResult | null;
  realtimeError: string | null;
}

/** Checks one request of each scenario by hand: the load must measure real answers, not error pages. */
async function checkScenario(ctx: Context, scenario: Scenario): Promise<void> {
  const base = `http://127.0.0.1:${ctx.server.port}`;
  if (scenario.key === "timeline" || scenario.key === "feed") {
    const { path: p } = scenario.requests(ctx);
    const response = await fetch(base + p, { headers: { cookie: ctx.bench.cookie } });
    const body = (await response.json()) as { items?: { stamps?: unknown[] }[] };
    if (response.status !== 200 || body.items?.length !== 20 || !body.items.some((i) => (i.stamps?.length ?? 0) > 0))
      throw new Error(`${scenario.label}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export async function benchCommunity(
  kind: Kind,
  label: string,
  repoRoot: string,
  data: Dataset,
  datasetNote: string | null,
  settings: LoadSettings,
): Promise<CommunityResult> {
  console.log(
    `== community: ${label}, ${data.members.toLocaleString("en")} members, ${data.rooms} rooms, ${data.posts.toLocaleString("en")} posts, ${data.stamps.toLocaleString("en")} stamps`,
  );
  const files = scratchDir(`${kind}-community`);
  const reused = kind === "postgres" ? reusedDatabase() : null;
  const scratch = kind === "postgres" ? (reused ?? (await scratchDatabase("_community"))) : null;
  const pgliteDir = path.join(files.dir, "db");
  try {
    const database = await openDatabase({ databaseUrl: scratch?.url, pgliteDir, poolSize: 2 });
    let generation: Generation;
    let sessions: Session[];
    let stampTargets: { postId: string; memberNo: number }[];
    let timelineRooms: string[];
    try {
      await migrate(database);
      if (reused) {
        const network = await inSystem(database, (tx) =>
          tx.selectFrom("networks").select("id").where("slug", "=", "bench-community").executeTakeFirstOrThrow(),
        );
        generation = { steps: [], totalMs: 0, databaseMb: 0, networkId: network.id };
        console.log(`   reusing ${reused.name} (BENCH_REUSE_DATABASE): nothing generated`);
      } else {
        generation = await generate(database, data, await hashPassword("tsunagu-bench-password"));
        console.log(`   generated in ${(generation.totalMs / 1000).toFixed(1)} s, database ${generation.databaseMb} MB`);
      }
      sessions = await createSessions(database);
      ({ stampTargets, timelineRooms } = await inSystem(database, async (tx) => {
        const rooms = await sql<{ id: string }>`
          select r.id from rooms r join posts p on p.network_id = r.network_id and p.room_id = r.id
          where r.network_id = ${generation.networkId}::uuid and r.position between 1 and 8
          group by r.id order by count(*) desc`.execute(tx);
        // The 50 newest live posts of the busiest room, one per connection, each with a member who
        // has not put the emoji on it (any such stamp is taken off first).
        const posts = await sql<{ id: string }>`
          select id from posts where network_id = ${generation.networkId}::uuid and room_id = ${idSql("room", "2")} and deleted_at is null and pinned_at is null
          order by created_at desc limit ${connections}::int`.execute(tx);
        const targets = posts.rows.map((p, i) => ({ postId: p.id, memberNo: 1 + i }));
        await sql`
          delete from stamps s using jsonb_to_recordset(${JSON.stringify(targets.map((t) => ({ p: t.postId, n: t.memberNo })))}::jsonb) as t(p uuid, n int)
          where s.network_id = ${generation.networkId}::uuid and s.post_id = t.p and s.member_id = ${idSql("member", "t.n")} and s.emoji = 'clap'`.execute(
          tx,
        );
        return { stampTargets: targets, timelineRooms: rooms.rows.map((r) => r.id) };
      }));
      const pairs = await inSystem(database, (tx) =>
        sql<{ i: number; id: string }>`select i, ${idSql("pair", "i")}::text as id from generate_series(1, ${pairRooms}::int) as i`.execute(
          tx,
        ),
      );
      pairRoomIds.clear();
      for (const r of pairs.rows) pairRoomIds.set(Number(r.i), r.id);
    } finally {
      await database.close();
    }
    const bench = sessions[0] as Session;
    const members = sessions;
    const bodies = postBodies(64).map((b) => b.body);

    const baseline = await measureBaseline(scratch, pgliteDir, uuidOf("account", 0), settings, repoRoot, 52);
    const appEnv = benchAppEnv(files.dir, scratch?.url);
    /**
     * A fresh server for each scenario: requests still running when a load run ends (a slow
     * write's) must not weigh on the next one. On PostgreSQL their statements are ended too.
     */
    const withApp = async <T>(fn: (server: Server) => Promise<T>, online = false): Promise<T> => {
      if (online) await markOnline(scratch?.url, pgliteDir);
      const server = startServer("app", "src/server/main.ts", appEnv, await freePort(), repoRoot);
      try {
        await waitHealthy(server, performance.now());
        return await fn(server);
      } finally {
        await stopServer(server);
        if (scratch)
          await adminQuery(
            `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${scratch.name}' and pid <> pg_backend_pid()`,
          );
      }
    };
    const results: ScenarioResult[] = [];
    let realtimeResult: RealtimeResult | null = null;
    let realtimeError: string | null = null;
    const context = (server: Server): Context => ({
      server,
      networkId: generation.networkId,
      bench,
      members,
      bodies,
      timelineRooms,
      stampTargets: stampTargets.map((t) => ({ postId: t.postId, member: members[t.memberNo] as Session })),
      emoji: "clap",
    });
    for (const scenario of scenarios) {
      if (!runsScenario(scenario.key)) continue;
      if (!endpoints.has(scenario.endpoint)) {
        results.push({
          key: scenario.key,
          label: scenario.label,
          target: scenario.target,
          result: null,
          skipped: `${scenario.endpoint} is not in the contract yet`,
        });
        console.log(`   ${scenario.label.padEnd(52)} not measured: ${scenario.endpoint} is not in the contract yet`);
        continue;
      }
      let result: LoadResult;
      try {
        result = await withApp(async (server) => {
          const ctx = context(server);
          await checkScenario(ctx, scenario);
          const { path: p, headers, options } = scenario.requests(ctx);
          return load(server, p, headers, scratch?.name ?? null, settings, options);
        }, scenario.online);
      } catch (error) {
        // One failing scenario (an error answer, nothing completed within the run) is reported; the others still run.
        const first = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
        // Without the path (the label names the scenario): "44 non-2xx, 0 errors, … (status codes: 500×44)".
        const reason = first.includes(" of 0 (") ? "no request completed within the run" : first.replace(/^.*? on \/\S*: /, "");
        results.push({ key: scenario.key, label: scenario.label, target: scenario.target, result: null, skipped: reason });
        // The whole message (with the server's last output) on the console, the first line in the report.
        console.log(`   ${scenario.label.slice(0, 52).padEnd(52)} failed: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      results.push({ key: scenario.key, label: scenario.label, target: scenario.target, result });
      console.log(
        `   ${scenario.label.slice(0, 52).padEnd(52)} ${Math.round(result.rps).toLocaleString("en").padStart(6)} req/s, p99 ${result.p99} ms, ${(result.rps / baseline.rps).toFixed(2)} × baseline`,
      );
    }
    try {
      if (!runsScenario("realtime")) throw new Error("not run (BENCH_SCENARIOS)");
      realtimeResult = await withApp((server) => realtime(context(server), settings));
      console.log(
        `   realtime: ${realtimeResult.mode}: sent ${realtimeResult.sentRate.toFixed(0)}/s (target ${realtimeResult.targetRate}), ` +
          `send→receive p50 ${realtimeResult.p50} ms, p99 ${realtimeResult.p99} ms, missing ${realtimeResult.missing}, RSS idle ${realtimeResult.rssIdleMb.toFixed(0)} MB, max ${realtimeResult.rssMaxMb.toFixed(0)} MB`,
      );
    } catch (error) {
      realtimeError = error instanceof Error ? error.message : String(error);
      console.log(`   realtime failed: ${realtimeError}`);
    }
    return { kind, label, dataset: data, datasetNote, generation, baseline, scenarios: results, realtime: realtimeResult, realtimeError };
  } finally {
    // BENCH_KEEP_DATABASE=1 leaves the PostgreSQL database for inspection (EXPLAIN, a server started by hand).
    if (process.env.BENCH_KEEP_DATABASE === "1" && scratch) {
      scratch.keep();
      console.log(`   kept ${scratch.url} (drop it when done)`);
    }
    await scratch?.drop();
    await files.remove();
  }
}

/**
 * BENCH_REUSE_DATABASE=name (with BENCH_SCENARIOS: a partial run) measures on a database an
 * earlier run kept (BENCH_KEEP_DATABASE=1) instead of generating one: for measuring a change
 * again and again without two minutes of generation each time. It is neither dropped nor kept
 * anew; each run adds its sessions (and its posts, stamps and messages) to it.
 */
function reusedDatabase(): { name: string; url: string; drop: () => Promise<void>; keep: () => void } | null {
  const name = process.env.BENCH_REUSE_DATABASE;
  if (!name) return null;
  if (!process.env.BENCH_SCENARIOS) throw new Error("BENCH_REUSE_DATABASE needs BENCH_SCENARIOS: a full run generates its data");
  if (!/^tsunagu_bench_[0-9a-f]+_community$/.test(name)) throw new Error(`BENCH_REUSE_DATABASE: ${name} is not a kept community database`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => Promise.resolve(), keep: () => undefined };
}

/** The id idSql gives `label` and `ordinal` (md5 read as a uuid). */
export function uuidOf(label: string, ordinal: number): string {
  const md5 = createHash("md5").update(`bench-${label}-${ordinal}`).digest("hex");
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------- report

const int = (n: number) => Math.round(n).toLocaleString("en");

interface ReportRow {
  database: string;
  scenario: string;
  rps: string;
  p99: string;
  ratio: string;
  target: string;
  verdict: string;
  cpu: string;
  rss: string;
  other: string;
}

function reportRows(r: CommunityResult): ReportRow[] {
  const cpu = (x: LoadResult) => `${x.serverCpuUs.toFixed(0)}${x.dbCpuUs === null ? "" : ` + ${x.dbCpuUs.toFixed(0)}`}`;
  const rows: ReportRow[] = [
    {
      database: r.label,
      scenario: "baseline: Fastify + 1 PK SELECT",
      rps: int(r.baseline.rps),
      p99: String(r.baseline.p99),
      ratio: "1.00",
      target: "—",
      verdict: "—",
      cpu: cpu(r.baseline),
      rss: r.baseline.rssMb.toFixed(0),
      other: `${Math.round(r.baseline.otherLoad * 100)} %`,
    },
  ];
  for (const s of r.scenarios) {
    const target = s.target ? `≥ ${s.target.ratio}×${s.target.p99Ms ? `, p99 ≤ ${s.target.p99Ms} ms` : ""}` : "(no target)";
    if (!s.result) {
      rows.push({
        database: r.label,
        scenario: s.label,
        rps: "—",
        p99: "—",
        ratio: "—",
        target,
        verdict:
          s.target && s.skipped && !s.skipped.includes("not in the contract")
            ? `NOT met: ${s.skipped}`
            : `not measured (${s.skipped ?? ""})`,
        cpu: "—",
        rss: "—",
        other: "—",
      });
      continue;
    }
    const ratio = s.result.rps / r.baseline.rps;
    const ok = s.target ? ratio >= s.target.ratio && (s.target.p99Ms === undefined || s.result.p99 <= s.target.p99Ms) : null;
    rows.push({
      database: r.label,
      scenario: s.label,
      rps: int(s.result.rps),
      p99: String(s.result.p99),
      ratio: ratio.toFixed(2),
      target,
      verdict: ok === null ? "—" : ok ? "met" : "NOT met",
      cpu: cpu(s.result),
      rss: s.result.rssMb.toFixed(0),
      other: `${Math.round(s.result.otherLoad * 100)} %`,
    });
  }
  return rows;
}

const columns: [keyof ReportRow, string, boolean][] = [
  ["database", "database", false],
  ["scenario", "scenario", false],
  ["rps", "req/s", true],
  ["p99", "p99 ms", true],
  ["ratio", "ratio to baseline", true],
  ["target", "target", false],
  ["verdict", "result", false],
  ["cpu", "CPU µs/req (server + db)", true],
  ["rss", "RSS MB", true],
  ["other", "other load", true],
];

export function communityTextTable(results: CommunityResult[]): string {
  const table = results.flatMap(reportRows);
  const widths = columns.map(([key, title]) => Math.max(title.length, ...table.map((row) => row[key].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (columns[i]?.[2] ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ");
  const realtimeLines = results.map((r) => `${r.label}: ${realtimeSummary(r)}`);
  return [
    line(columns.map(([, t]) => t)),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...table.map((row) => line(columns.map(([k]) => row[k]))),
    "",
    ...realtimeLines,
  ].join("\n");
}

function realtimeSummary(r: CommunityResult): string {
  const x = r.realtime;
  if (!x) return `realtime not measured (${r.realtimeError ?? "?"})`;
  const t = communityTargets.realtime;
  const ok = x.p99 <= t.p99Ms && x.rssMaxMb <= t.rssMb && x.sentRate >= 0.95 * t.rate && x.missing === 0;
  return (
    `${x.sockets} sockets, ${x.mode}: ${x.sentRate.toFixed(0)}/s sent of ${x.targetRate}/s, ${int(x.received)} of ${int(x.sent)} received ` +
    `(${x.missing} missing, ${x.failures} failed sends${
      x.failures
        ? `: ${Object.entries(x.failureKinds)
            .map(([k, n]) => `${k} ×${n}`)
            .join(", ")}`
        : ""
    }), send→receive p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms; ` +
    `send answer p99 ${x.sendP99} ms; server RSS ${x.rssIdleMb.toFixed(0)} MB with the sockets open, ${x.rssMaxMb.toFixed(0)} MB at most — target ${ok ? "met" : "NOT met"}`
  );
}

function markdownRow(row: ReportRow): string {
  return `| ${columns.map(([k]) => (k === "verdict" && row[k] === "NOT met" ? "**NOT met**" : row[k])).join(" | ")} |`;
}

export function communityMarkdown(results: CommunityResult[], settings: LoadSettings): string {
  const table = results.flatMap(reportRows);
  const generation = results
    .map((r) => {
      const d = r.dataset;
      const steps = r.generation.steps.map((s) => `${s.name} ${(s.ms / 1000).toFixed(1)} s`).join("; ");
      return `- ${r.label}: ${int(d.members)} members + the benchmark member, ${d.rooms} rooms, ${int(d.posts)} posts, ${int(d.stamps)} stamps in **${(r.generation.totalMs / 1000).toFixed(0)} s** (${steps}); database ${int(r.generation.databaseMb)} MB.${r.datasetNote ? ` ${r.datasetNote}` : ""}`;
    })
    .join("\n");
  const realtime = results.map((r) => `- ${r.label}: ${realtimeSummary(r)}.`).join("\n");
  const t = communityTargets;
  return `## Community scale: rooms, posts, stamps, realtime

Written by \`npm run bench\` (or \`BENCH_ONLY=community npm run bench\`, which rewrites only this section): bench/community-bench.ts. For measuring one change: \`BENCH_SCENARIOS=timeline,feed,postOpen,postPair,stamp,realtime\` (any of them) and \`BENCH_DATABASES=postgres\` (or \`pglite\`) run a part and leave this file alone; \`BENCH_KEEP_DATABASE=1\` keeps the generated PostgreSQL database for EXPLAIN or a server started by hand, and \`BENCH_REUSE_DATABASE=<its name>\` measures on it again without generating anything.

- Run: ${new Date().toISOString().replace(/\.\d+Z$/, "Z")}; \`nproc\` = ${os.availableParallelism()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}; ${results.map((r) => r.label).join(", ")}. The machine is shared: see **other load** in the table.

### Data

${generation}

Generated on a scratch database in the system scope with set-based \`INSERT … SELECT generate_series\` (member and room ids are md5 of a label and an ordinal, so related rows are generated from ordinals; foreign-key triggers off during the load and every foreign key checked by an anti-join afterwards; the secondary indexes of posts and stamps dropped and rebuilt from their own definitions), then \`VACUUM (ANALYZE)\` (what autovacuum does soon after a bulk load). Every member got a digest within the last day (\`notification_settings.last_digest_at\`), so none is due during the run. Members 1–5 are admins, every fifth an employee, the rest alumni; the benchmark member is an alumna. Rooms: 1 announcements, 2 casual, 3 introductions, every tenth private (300 members; the benchmark member in every other one), some for alumni or employees only. Posts: every thousandth in announcements by an admin, the others in rooms with a skew (the casual room the busiest, about 7 %), by members with a skew, each author allowed to post there, created over two years; bodies are 4,096 Japanese texts of one sentence to five paragraphs (line breaks, some bold, links), with \`body_html\` rendered by the app's own renderer; 1 in 50 edited, 1 in 500 deleted; \`comment_count\` skewed (most 0, up to 39) — comment rows themselves are not generated (no measured endpoint reads them); search columns are left at their defaults (empty). Stamps: on live posts of rooms everyone sees, popular posts first (the post of rank r gets ⌊K·r^-0.6⌋, the top one thousands), by distinct members, emoji skewed towards 👍; the benchmark member has some. Plus ${pairRooms} two-member private rooms (members 2i−1 and 2i of members 1–${socketMembers}), used for the fan-out-of-two post scenario and, while DMs cannot be sent, the realtime run. Sessions for the benchmark member and members 1–${socketMembers} are written directly.

### Load

- Each scenario: the real server (\`node --max-semi-space-size=8 src/server/main.ts\`, pool of 10), autocannon with ${connections} connections, ${settings.warmupSeconds} s warm-up then ${settings.durationSeconds} s, every answer checked to be 2xx; the baseline (as above: Fastify + one primary-key SELECT) on the same database in the same run. CPU and other load as above.
- **room timeline**: the benchmark member's first page (20 posts with author, stamp counts, own stamps, comment counts, pinned posts) of rooms 2–9 in turn. **home feed**: the benchmark member's first page. Both first pages come from the server's copies (decision 0022): nothing writes during these two scenarios, so after the first read of each room (and every 5 s, when a copy expires) a request reads only what is the member's own — the room or the rooms they see, their blocks, their stamps on the copy's posts — and filters the copy. **post create**: members 1–${socketMembers} in turn (the per-account post rate limit is real and passes), Japanese bodies; in an open room everyone sees and in two-member rooms (2 recipients). **stamp toggle**: each connection puts and takes back 👏 on one of the 50 newest posts of the casual room as its own member, alternately, so every request changes a stamp and publishes \`stamp.changed\` to the room's audience. During the write scenarios ${online === 0 ? "nobody is online" : `members 1–${online} are **online**`} (\`realtime_presence\` rows as if their sockets were open on another app process; \`BENCH_ONLINE\` sets how many): room events are written only for members present (decision 0013), so a post in the open room writes ${int(online)} event rows, not one per member (${int(fullDataset.members + 1)}).
- **realtime**: ${socketMembers} WebSockets on \`/api/realtime\` (members 1–${socketMembers}, session cookies), then a sender paced at ${realtimeRate} messages/s for ${settings.warmupSeconds} s (not counted) + ${settings.durationSeconds} s, member 2i−1 and 2i writing to each other in turn (at most 1,000 in flight); latency is from the start of the send request to the receiving socket's event naming the created id; RSS of the server process sampled every 250 ms.
- Targets (PostgreSQL): timeline ≥ ${t.timeline.ratio} × baseline and p99 ≤ ${t.timeline.p99Ms} ms; feed ≥ ${t.feed.ratio} ×; post create ≥ ${t.postCreate.ratio} × (checked on the open room, the common case); stamp toggle ≥ ${t.stampToggle.ratio} ×; ${t.realtime.sockets} sockets at ${t.realtime.rate} DMs/s: send→receive p99 ≤ ${t.realtime.p99Ms} ms and server RSS ≤ ${t.realtime.rssMb} MB.

### Results

| ${columns.map(([, title]) => title).join(" | ")} |
|${columns.map(([, , right]) => (right ? "---:" : "---")).join("|")}|
${table.map(markdownRow).join("\n")}

Realtime:

${realtime}
`;
}

/** Replaces this section of docs/benchmarks.md (or appends it), formatted as `prettier --check` expects. */
export const writeCommunitySection = (docPath: string, section: string) => writeDocSection(docPath, "## Community scale", section);

/** Replaces the section of docs/benchmarks.md that starts with `heading` up to the next "## " (or appends it), formatted as `prettier --check` expects. */
export async function writeDocSection(docPath: string, heading: string, section: string): Promise<void> {
  const current = existsSync(docPath) ? readFileSync(docPath, "utf8") : "# Benchmarks\n";
  const start = current.indexOf(heading);
  let text: string;
  if (start < 0) text = `${current.trimEnd()}\n\n${section}`;
  else {
    const next = current.indexOf("\n## ", start + heading.length);
    text = `${current.slice(0, start)}${section}${next < 0 ? "" : `\n${current.slice(next + 1)}`}`;
  }
  const options = (await prettier.resolveConfig(docPath)) ?? {};
  writeFileSync(docPath, await prettier.format(text, { ...options, filepath: docPath }));
}
