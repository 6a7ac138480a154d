// The people benchmark's data: a deployment of 1,000,000 accounts, one network of 100,000
// members with profiles as people fill them in (or leave them empty), other networks beside it,
// private rooms, direct conversations and blocks for "people you may know" — generated with
// set-based SQL from ordinals (every random choice is a hash of the ordinal, so every run gets
// the same data and plans), then indexed by the app's own rebuildMemberProfiles.
import { sql } from "kysely";
import { industryCodes } from "../src/shared/people.ts";
import type { Database } from "../src/server/platform/db/database.ts";
import { rebuildMemberProfiles } from "../src/server/people/profile-index.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import type { Tx } from "../src/server/platform/tenancy/scope.ts";
import { idSql, idText, uuidOf } from "./community-bench.ts";
import {
  companies,
  departments,
  familyNames,
  givenNames,
  headlines,
  interests,
  katakana,
  latinNames,
  locations,
  positions,
  rareDepartment,
  skills,
} from "./people-data.ts";
import { elapsed } from "./processes.ts";

export interface PeopleDataset {
  accounts: number;
  /** Members of the measured network. */
  members: number;
  /** Sizes of the other networks of the deployment. */
  otherNetworks: number[];
}

export const fullPeopleDataset: PeopleDataset = {
  accounts: 1_000_000,
  members: 100_000,
  // 50,000 more members to index: each takes about a millisecond of the rebuild on this machine.
  otherNetworks: [20_000, 12_000, 8_000, 5_000, 3_000, 2_000],
};

/** Members of the measured network with a session: they ask for "people you may know" in turn. */
export const suggestionMembers = 50;
/** Member ids of the measured network are uuidOf(mainLabel, ordinal); member 0 is the benchmark member (an alumna). */
export const mainLabel = "people-member";
export const accountLabel = "people-account";

export interface PeopleGeneration {
  steps: { name: string; ms: number }[];
  totalMs: number;
  databaseMb: number;
  networkId: string;
  /** Ordinals of the members who ask for suggestions. */
  suggestionOrdinals: number[];
  /** What the measured requests find, counted in SQL (as an alumna sees it). */
  counts: { directory: number; common: number; rare: number; members: number; indexRows: number; facetRows: number };
}

/** A uniform number in [0, 1) from an integer expression and a salt: PostgreSQL's own 64-bit hash. */
const u = (expr: string, salt: number) => `((hashint8extended((${expr})::bigint, ${salt}) & 4294967295)::float8 / 4294967296)`;
/** A text[] literal of a fixed list (our own strings, quoted). */
const textList = (list: readonly string[]) => `array[${list.map((s) => `'${s.replace(/'/g, "''")}'`).join(", ")}]::text[]`;
/** An element of a list, the front more often the larger `skew` (1: uniform). */
const pick = (list: readonly string[], expr: string, salt: number, skew = 1) =>
  `(${textList(list)})[1 + floor(${list.length} * power(${u(expr, salt)}, ${skew}))::int]`;

/** The common and the rare search terms of the benchmark (people-data.ts keeps 監査 to one department). */
export const searchTerms = { common: "営業", rare: "監査" } as const;

/** Runs one step of the generation and records its time. */
type Step = (name: string, fn: () => Promise<unknown>) => Promise<void>;

export async function generatePeople(database: Database, data: PeopleDataset, passwordHash: string): Promise<PeopleGeneration> {
  const steps: { name: string; ms: number }[] = [];
  const started = performance.now();
  const step: Step = async (name, fn) => {
    const t = performance.now();
    await fn();
    steps.push({ name, ms: elapsed(t) });
    console.log(`   ${name.padEnd(52)} ${elapsed(t)} ms`);
  };
  const networks = [data.members, ...data.otherNetworks];
  const { networkIds, suggestionOrdinals } = await inSystem(database, async (tx) => {
    // Foreign-key triggers off for the load (this transaction only), as a restore does: the rows
    // are consistent by construction, and anti-joins check it below.
    await sql`set local session_replication_role = replica`.execute(tx);
    // The statements' estimates (correlated subqueries per generated row) would make PostgreSQL
    // compile each with JIT first: seconds, for statements that run in less.
    if (database.kind === "postgres") await sql`set local jit = off`.execute(tx);
    await step(`accounts (${int(data.accounts)})`, () => insertAccounts(tx, data.accounts, passwordHash));
    // Profiles of people in some network (85 % of them wrote one); the other accounts are only rows.
    const inNetworks = Math.min(data.accounts, accountStart(data, networks.length - 1) + (networks.at(-1) ?? 0));
    await step(`profiles (85 % of the ${int(inNetworks)} accounts in a network)`, () => insertProfiles(tx, inNetworks));
    const ids: string[] = [];
    const addNetwork = async (k: number) => ids.push(await insertNetwork(tx, k, networks[k] ?? 0, accountStart(data, k), data.accounts));
    await step(`the measured network: memberships, profiles at the company (${int(data.members)})`, () => addNetwork(0));
    const others = data.otherNetworks.reduce((a, b) => a + b, 0);
    await step(`${data.otherNetworks.length} other networks (${int(others)})`, async () => {
      for (let k = 1; k < networks.length; k++) await addNetwork(k);
    });
    const main = ids[0] as string;
    const ordinals = await chooseSuggestionMembers(tx, main, data.members);
    await step("private rooms, direct conversations, blocks", () => insertRelations(tx, main, data.members, ordinals));
    await step("foreign keys checked (anti-joins)", () => checkForeignKeys(tx));
    return { networkIds: ids, suggestionOrdinals: ordinals };
  });
  const networkId = networkIds[0] as string;
  await step(`index rebuilt: rebuildMemberProfiles (${int(networks.reduce((a, b) => a + b, 0))} members)`, () =>
    rebuildIndex(database, networkIds, networks),
  );
  await step("vacuum (analyze)", () => sql`vacuum (analyze)`.execute(database.db));
  const size = await sql<{ mb: number }>`select (pg_database_size(current_database()) / 1048576)::int as mb`.execute(database.db);
  const counts = await countHits(database, networkId);
  return { steps, totalMs: elapsed(started), databaseMb: Number(size.rows[0]?.mb ?? 0), networkId, suggestionOrdinals, counts };
}

const int = (n: number) => n.toLocaleString("en");

/** Network k > 0 takes its accounts after the measured network's, overlapping each previous one a little (people in two networks). */
function accountStart(data: PeopleDataset, k: number): number {
  if (k === 0) return 0;
  let start = Math.floor(data.members * 0.95);
  for (let i = 1; i < k; i++) start += Math.floor((data.otherNetworks[i - 1] ?? 0) * 0.9);
  return start;
}

/** Member ids of network k: md5 of a label and the ordinal (uuidOf gives the same in JS). */
export const memberLabel = (k: number) => (k === 0 ? mainLabel : `people-member-${k}`);

async function insertAccounts(tx: Tx, accounts: number, passwordHash: string): Promise<void> {
  await sql`
    insert into accounts (id, email, display_name, password_hash, email_verified_at, locale, created_at, updated_at)
    select ${idSql(accountLabel, "g")}, 'person' || g || '@people.bench.example.com', x.name, ${passwordHash}::text, now(),
           case when x.latin or g % 10 = 0 then 'en' else 'ja' end, x.created_at, x.created_at
    from (
      select g, ${sql.raw(nameSql("g"))} as name, ${sql.raw(`${u("g", 1)} < 0.02`)} as latin,
             now() - floor(2000 * ${sql.raw(u("g", 5))}) * interval '1 day' as created_at
      from generate_series(0, ${accounts - 1}::int) as g
    ) as x`.execute(tx);
}

/** The display name of account `g`: a Japanese name (family name skewed to the common ones), 2 % in Latin letters. */
function nameSql(g: string): string {
  const family = familyNames.map(([name]) => name);
  const given = givenNames.map(([name]) => name);
  return `case when ${u(g, 1)} < 0.02 then ${pick(latinNames, g, 4)}
    else ${pick(family, g, 2, 2)} || ' ' || ${pick(given, g, 3)} end`;
}

/** The reading of account `g`'s name, as typed: hiragana mostly, katakana for 30 %; none for Latin names. */
function readingSql(g: string): string {
  const hira = (list: [string, string][]) => list.map(([, reading]) => reading);
  const kata = (list: [string, string][]) => list.map(([, reading]) => katakana(reading));
  return `case when ${u(g, 1)} < 0.02 then ''
    when ${u(g, 6)} < 0.3 then ${pick(kata(familyNames), g, 2, 2)} || ' ' || ${pick(kata(givenNames), g, 3)}
    else ${pick(hira(familyNames), g, 2, 2)} || ' ' || ${pick(hira(givenNames), g, 3)} end`;
}

async function insertProfiles(tx: Tx, accounts: number): Promise<void> {
  // A list of k distinct picks (k from 0 to max, skewed low), from a list skewed to its front.
  const tags = (list: readonly string[], max: number, salt: number) =>
    `array(select distinct ${pick(list, `g * 16 + i`, salt + 1, 2.2)} from generate_series(1, floor(${max + 1} * power(${u("g", salt)}, 1.4))::int) as i)`;
  await sql
    .raw(
      `
    insert into profiles (account_id, name_reading, headline, company, position, industry, location, career, skills,
                          interests, links, languages, visibility, updated_at)
    select ${idText(accountLabel, "g")},
      case when ${u("g", 11)} < 0.9 then ${readingSql("g")} else '' end,
      case when ${u("g", 12)} < 0.4 then ${pick(headlines, "g", 13)} else '' end,
      case when ${u("g", 14)} < 0.8 then ${pick(companies, "g", 15, 1.5)} else '' end,
      case when ${u("g", 16)} < 0.75 then ${pick(positions, "g", 17, 1.5)} else '' end,
      case when ${u("g", 18)} < 0.8 then ${pick(industryCodes, "g", 19, 1.5)} end,
      case when ${u("g", 20)} < 0.85 then ${pick(locations, "g", 21, 2)} end,
      case when ${u("g", 22)} < 0.5 then (
        select jsonb_agg(jsonb_build_object('company', ${pick(companies, "g * 4 + i", 23)}, 'role', ${pick(positions, "g * 4 + i", 24)},
                                            'fromYear', 1995 + floor(20 * ${u("g", 25)})::int + 3 * i,
                                            'toYear', 1997 + floor(20 * ${u("g", 25)})::int + 3 * i) order by i)
        from generate_series(1, 1 + floor(3 * ${u("g", 26)})::int) as i)
        else '[]'::jsonb end,
      ${tags(skills, 8, 30)},
      ${tags(interests, 5, 40)},
      case when ${u("g", 50)} < 0.1 then jsonb_build_array(jsonb_build_object('label', 'ブログ', 'url', 'https://example.com/people/' || g)) else '[]'::jsonb end,
      case when ${u("g", 51)} < 0.3 then '{ja,en}'::text[] else '{ja}'::text[] end,
      jsonb_strip_nulls(jsonb_build_object(
        'company', case when ${u("g", 52)} < 0.1 then 'alumni' end,
        'location', case when ${u("g", 53)} < 0.05 then 'alumni' end,
        'position', case when ${u("g", 54)} < 0.03 then 'self' end,
        'skills', case when ${u("g", 55)} < 0.02 then 'admins' end)),
      now() - floor(700 * ${u("g", 56)}) * interval '1 day'
    from generate_series(0, ${accounts - 1}) as g
    where ${u("g", 10)} < 0.85`,
    )
    .execute(tx);
}

/**
 * Network k (0 is the measured one): members 0…size−1 on accounts accountOffset + ordinal.
 * Roles: member 0 an alumna (the benchmark member), every 2,000th an admin, 20 % employees, the
 * rest alumni; 1 % have left. Years: joined 1984–2024 (recent years more), alumni left 1–20 years
 * later. Departments: 1–3 held one after the other over those years (内部監査室 for 0.15 % of
 * them). 75 % of the alumni and 30 % of the employees came with the admins' import (HR join and
 * leave year, last department); 55 % filled in their profile at the company.
 */
async function insertNetwork(tx: Tx, k: number, size: number, accountOffset: number, accounts: number): Promise<string> {
  const network = await tx
    .insertInto("networks")
    .values({
      slug: k === 0 ? "bench-people" : `bench-people-${k}`,
      name: k === 0 ? "つなぐ電機 アルムナイ" : `ベンチ ${k} アルムナイ`,
      kind: "company",
      purpose: "Benchmark network",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const s = 100 * (k + 1);
  const dept = (i: string) =>
    `case when ${u(`g * 4 + ${i}`, s + 8)} < 0.0015 then '${rareDepartment}' else ${pick(departments, `g * 4 + ${i}`, s + 9, 1.6)} end`;
  await sql
    .raw(
      `
    create temporary table bench_people on commit drop as
    select x.*, (
      select jsonb_agg(jsonb_build_object(
        'department', ${dept("i")},
        'position', case when i = x.nd and ${u("g", s + 10)} < 0.3 then ${pick(positions, "g", s + 11, 1.5)} else '' end,
        'fromYear', x.j + ((i - 1) * x.span) / x.nd,
        'toYear', case when i = x.nd then x.l else greatest(x.j + ((i - 1) * x.span) / x.nd, x.j + (i * x.span) / x.nd - 1) end
      ) order by i)
      from generate_series(1, x.nd) as i) as departments
    from (
      select y.*, coalesce(y.l, 2025) - y.j + 1 as span
      from (
        select g, (${accountOffset} + g) % ${accounts} as a, z.role, z.j,
          case when z.role = 'alumni' then least(2025, z.j + 1 + floor(20 * power(${u("g", s + 3)}, 1.7))::int) end as l,
          case when g > 0 and z.role <> 'admin' and ${u("g", s + 4)} < 0.01 then 'left' else 'active' end as status,
          (z.role = 'alumni' and ${u("g", s + 5)} < 0.75) or (z.role <> 'alumni' and ${u("g", s + 5)} < 0.3) as imported,
          g = 0 or ${u("g", s + 6)} < 0.55 as filled,
          1 + floor(3 * power(${u("g", s + 7)}, 1.5))::int as nd
        from generate_series(0, ${size - 1}) as g
        cross join lateral (
          select case when g = 0 then 'alumni' when g % 2000 = 1 then 'admin' when ${u("g", s + 1)} < 0.2 then 'employee' else 'alumni' end as role,
                 2024 - floor(40 * power(${u("g", s + 2)}, 1.3))::int as j
        ) as z
      ) as y
    ) as x`,
    )
    .execute(tx);
  const member = idSql(memberLabel(k), "g");
  const account = idSql(accountLabel, "a");
  await sql`
    insert into memberships (network_id, id, account_id, role, status, joined_at, left_at, created_at, updated_at,
                             hr_join_year, hr_leave_year, hr_department, last_active_at, supporter_since)
    select ${network.id}::uuid, ${member}, ${account}, role, status,
           now() - floor(1000 * ${sql.raw(u("g", s + 20))}) * interval '1 day',
           case when status = 'left' then now() - interval '30 days' end,
           now() - floor(1000 * ${sql.raw(u("g", s + 20))}) * interval '1 day', now(),
           case when imported then j end, case when imported then l end,
           case when imported then departments -> (nd - 1) ->> 'department' end,
           case when ${sql.raw(u("g", s + 21))} < 0.8 then now() - floor(365 * 24 * power(${sql.raw(u("g", s + 22))}, 2)) * interval '1 hour' end,
           case when role = 'alumni' and ${sql.raw(u("g", s + 23))} < 0.01 then now() - interval '100 days' end
    from bench_people`.execute(tx);
  // What a member states at the company: years (10 % leave them out), departments, employment
  // type, what they are open to; 5 % show their years to the admins only.
  const flag = (code: string, share: number, salt: number, alumniOnly = false) =>
    `case when ${alumniOnly ? "role = 'alumni' and " : ""}${u("g", s + salt)} < ${share} then '${code}' end`;
  await sql`
    insert into member_profiles (network_id, member_id, account_id, join_year, leave_year, departments, employment_type,
                                 open_to, visibility, updated_at)
    select ${network.id}::uuid, ${member}, ${account},
           case when ${sql.raw(u("g", s + 30))} < 0.9 then j end,
           case when ${sql.raw(u("g", s + 31))} < 0.9 then l end,
           case when ${sql.raw(u("g", s + 32))} < 0.9 then departments else '[]'::jsonb end,
           case when ${sql.raw(u("g", s + 33))} < 0.85 then 'full_time' when ${sql.raw(u("g", s + 33))} < 0.93 then 'contract'
                when ${sql.raw(u("g", s + 33))} < 0.97 then 'dispatched' else 'part_time' end,
           array_remove(array[${sql.raw(
             [
               flag("comeback", 0.15, 34, true),
               flag("side_job", 0.25, 35),
               flag("collaboration", 0.18, 36),
               flag("recruiting_talk", 0.06, 37),
               flag("mentoring", 0.15, 38),
               flag("casual_chat", 0.3, 39),
             ].join(", "),
           )}]::text[], null),
           jsonb_strip_nulls(jsonb_build_object(
             'years', case when ${sql.raw(u("g", s + 40))} < 0.05 then 'admins' end,
             'departments', case when ${sql.raw(u("g", s + 41))} < 0.03 then 'alumni' end,
             'openTo', case when ${sql.raw(u("g", s + 42))} < 0.02 then 'alumni' end)),
           now() - floor(700 * ${sql.raw(u("g", s + 43))}) * interval '1 day'
    from bench_people where filled`.execute(tx);
  // Every member got a digest within the last day, so none is due while the benchmark runs.
  await sql`
    insert into notification_settings (network_id, member_id, last_digest_at)
    select ${network.id}::uuid, ${member}, now() - (g % 24) * interval '1 hour' from bench_people`.execute(tx);
  await sql`drop table bench_people`.execute(tx);
  return network.id;
}

/** Members who ask for suggestions: active ones who filled in departments, spread over the network. */
async function chooseSuggestionMembers(tx: Tx, networkId: string, members: number): Promise<number[]> {
  const { rows } = await sql<{ g: number }>`
    select g from generate_series(1, ${members - 1}::int) as g
    join memberships m on m.network_id = ${networkId}::uuid and m.id = ${idSql(mainLabel, "g")}
    join member_profiles mp on mp.network_id = m.network_id and mp.member_id = m.id
    where m.status = 'active' and jsonb_array_length(mp.departments) > 0
    order by ${sql.raw(u("g", 999))} limit ${suggestionMembers}::int`.execute(tx);
  return rows.map((r) => Number(r.g));
}

/**
 * The measured network's other ties: 200 private rooms of 20–300 members (each member who asks
 * for suggestions in three), direct conversations between one member in two (and ten for each
 * who asks), and 1,000 blocks (the benchmark member blocked two members).
 */
async function insertRelations(tx: Tx, networkId: string, members: number, askers: number[]): Promise<void> {
  const net = networkId;
  await sql`
    insert into rooms (network_id, id, name, kind, audience, position, created_at)
    select ${net}::uuid, ${idSql("people-room", "r")}, ${sql.raw(pick(departments, "r", 70))} || ' 有志の会 ' || r, 'private', 'everyone', r,
           now() - interval '300 days'
    from generate_series(1, 200) as r`.execute(tx);
  await sql`
    insert into room_members (network_id, room_id, member_id)
    select ${net}::uuid, ${idSql("people-room", "r")}, ${idSql(mainLabel, `(r * 7919 + k * 131) % ${members}`)}
    from generate_series(1, 200) as r
    cross join lateral generate_series(1, 20 + floor(280 * power(${sql.raw(u("r", 71))}, 2))::int) as k
    union
    select ${net}::uuid, ${idSql("people-room", "1 + (a * 37 + t * 61) % 200")}, ${idSql(mainLabel, "a")}
    from unnest(${askers}::int[]) as a, generate_series(1, 3) as t`.execute(tx);
  // Direct conversations: pairs (x, y) of random members, and ten for each member who asks.
  await sql`
    create temporary table bench_pairs on commit drop as
    select distinct on (pair_key) i, x, y, pair_key from (
      select i, x, y,
             case when ${idSql(mainLabel, "x")}::text < ${idSql(mainLabel, "y")}::text
                  then ${idSql(mainLabel, "x")}::text || ':' || ${idSql(mainLabel, "y")}::text
                  else ${idSql(mainLabel, "y")}::text || ':' || ${idSql(mainLabel, "x")}::text end as pair_key
      from (
        select i, floor(${members} * ${sql.raw(u("i", 72))})::int as x, floor(${members} * ${sql.raw(u("i", 73))})::int as y
        from generate_series(1, ${Math.floor(members / 2)}::int) as i
        union all
        select ${Math.floor(members / 2)}::int + n * 10 + t, a, floor(${members} * ${sql.raw(u("n * 10 + t", 74))})::int
        from unnest(${askers}::int[]) with ordinality as s(a, n), generate_series(1, 10) as t
      ) as p where x <> y
    ) as q order by pair_key, i`.execute(tx);
  await sql`
    insert into conversations (network_id, id, kind, pair_key, created_by, last_message_at, created_at)
    select ${net}::uuid, ${idSql("people-conversation", "i")}, 'direct', pair_key, ${idSql(mainLabel, "x")},
           now() - (i % 300) * interval '1 day', now() - (i % 300) * interval '1 day' - interval '1 hour'
    from bench_pairs`.execute(tx);
  await sql`
    insert into conversation_members (network_id, conversation_id, member_id, joined_at)
    select ${net}::uuid, ${idSql("people-conversation", "i")}, ${idSql(mainLabel, "x")}, now() - interval '300 days' from bench_pairs
    union all
    select ${net}::uuid, ${idSql("people-conversation", "i")}, ${idSql(mainLabel, "y")}, now() - interval '300 days' from bench_pairs`.execute(
    tx,
  );
  await sql`
    insert into blocks (network_id, blocker_id, blocked_id)
    select distinct on (x, y) ${net}::uuid, ${idSql(mainLabel, "x")}, ${idSql(mainLabel, "y")}
    from (
      select floor(${members} * ${sql.raw(u("i", 75))})::int as x, floor(${members} * ${sql.raw(u("i", 76))})::int as y
      from generate_series(1, 1000) as i
      union all select 0, 1 union all select 0, 2
    ) as b where x <> y`.execute(tx);
}

async function checkForeignKeys(tx: Tx): Promise<void> {
  const { rows } = await sql<{ what: string; n: number }>`
    select 'memberships → accounts' as what, count(*)::int as n from memberships m where not exists (select 1 from accounts a where a.id = m.account_id)
    union all select 'profiles → accounts', count(*)::int from profiles p where not exists (select 1 from accounts a where a.id = p.account_id)
    union all select 'member_profiles → memberships', count(*)::int from member_profiles p
      where not exists (select 1 from memberships m where m.network_id = p.network_id and m.id = p.member_id and m.account_id = p.account_id)
    union all select 'room_members → memberships', count(*)::int from room_members x where not exists (select 1 from memberships m where m.network_id = x.network_id and m.id = x.member_id)
    union all select 'conversation_members → memberships', count(*)::int from conversation_members x where not exists (select 1 from memberships m where m.network_id = x.network_id and m.id = x.member_id)
    union all select 'blocks → memberships', count(*)::int from blocks x where not exists (select 1 from memberships m where m.network_id = x.network_id and m.id = x.blocked_id)`.execute(
    tx,
  );
  const broken = rows.filter((r) => Number(r.n) > 0);
  if (broken.length > 0) throw new Error(`generated rows break foreign keys: ${broken.map((r) => `${r.what} ${r.n}`).join(", ")}`);
}

/**
 * The index rows, written by the app's rebuildMemberProfiles in transactions of 1,000 members
 * (the whole network in one would hold every row's locks to the end). The secondary indexes of
 * the two tables are dropped first and built again from their definitions afterwards: one sorted
 * build each instead of a GIN insertion per row and token. On PostgreSQL two transactions run at
 * once (one core builds rows in Node, the other writes them).
 */
async function rebuildIndex(database: Database, networkIds: string[], sizes: number[]): Promise<void> {
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = 'public' and i.tablename in ('member_profiles', 'member_facets')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(database.db);
  for (const index of indexes) await sql`drop index ${sql.id(index.name)}`.execute(database.db);
  const chunks: { networkId: string; memberIds: string[] }[] = [];
  for (const [k, size] of sizes.entries()) {
    const ids = Array.from({ length: size }, (_, g) => uuidOf(memberLabel(k), g));
    for (let i = 0; i < ids.length; i += 1000) chunks.push({ networkId: networkIds[k] as string, memberIds: ids.slice(i, i + 1000) });
  }
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
      const target = chunk;
      await inSystem(database, async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await rebuildMemberProfiles(tx, target);
      });
    }
  };
  await Promise.all(Array.from({ length: database.kind === "postgres" ? 2 : 1 }, worker));
  for (const index of indexes) await sql.raw(index.definition).execute(database.db);
}

/** How many members the measured requests find, as an alumna (viewer level 2) may see them. */
async function countHits(database: Database, networkId: string): Promise<PeopleGeneration["counts"]> {
  const { rows } = await inSystem(database, (tx) =>
    sql<PeopleGeneration["counts"]>`
      select count(*)::int as members,
        count(*) filter (where m.role = 'alumni' and mp.facets && array['open:comeback@1', 'open:comeback@2'])::int as directory,
        count(*) filter (where strpos(mp.search_text_2, ${searchTerms.common}) > 0)::int as common,
        count(*) filter (where strpos(mp.search_text_2, ${searchTerms.rare}) > 0)::int as rare,
        (select count(*)::int from member_profiles) as "indexRows",
        (select count(*)::int from member_facets) as "facetRows"
      from memberships m join member_profiles mp on mp.network_id = m.network_id and mp.member_id = m.id
      where m.network_id = ${networkId}::uuid and m.status = 'active'`.execute(tx),
  );
  const r = rows[0];
  if (!r) throw new Error("no counts");
  return {
    members: Number(r.members),
    directory: Number(r.directory),
    common: Number(r.common),
    rare: Number(r.rare),
    indexRows: Number(r.indexRows),
    facetRows: Number(r.facetRows),
  };
}
