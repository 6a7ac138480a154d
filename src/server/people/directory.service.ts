// The member directory: filters, sort and Japanese search over the index rows that
// profile-index.ts keeps per viewer level (decision 0016). The viewer's level picks the search
// columns and the facets that count, so a field hidden from them neither matches nor filters nor
// sorts. Keyset pages: every sort is an ascending tuple ending with the member id.
import { sql, type RawBuilder } from "kysely";
import type { DirectoryFilters, PersonCard } from "../../shared/contract/people.ts";
import { countryCodes, locationLabel, prefectures } from "../../shared/people.ts";
import { hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import { planForItsValuesMarker } from "../platform/db/named-statements.ts";
import { validationFailed } from "../platform/errors/errors.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { normaliseForSearch, searchQuery, tsqueryText, type SearchQuery } from "../platform/search/index.ts";
import { personQuery, presentCard, type PersonRow } from "./people.presenter.ts";
import { viewerLevel, type ViewerLevel } from "./visibility.ts";

export const directoryPage = 24;

/** Filter values as facets a viewer of `level` may match: the value at every level up to theirs. */
export function facetValues(key: string, values: readonly (string | number)[], level: ViewerLevel): string[] {
  const out: string[] = [];
  for (const value of values) for (let at = 1; at <= Math.min(level, 3); at++) out.push(`${key}:${value}@${at}`);
  return out;
}

function yearRange(from: number | undefined, to: number | undefined): number[] {
  const first = from ?? 1900;
  const last = to ?? new Date().getFullYear() + 1;
  if (first > last) return [];
  const years: number[] = [];
  for (let y = Math.max(first, last - 120); y <= last; y++) years.push(y);
  return years;
}

const allLocations = [...Object.keys(prefectures), ...countryCodes];

// Every location's names, normalised, in both languages: built once (Intl.DisplayNames is slow).
let locationNames: [code: string, names: string[]][] | null = null;

/** Locations whose name (Japanese or English) starts with the term: 京都 → 京都府, not 東京都. */
export function locationsStartingWith(term: string): string[] {
  locationNames ??= allLocations.map((code) => [
    code,
    (["ja", "en"] as const).map((locale) => normaliseForSearch(locationLabel(code, locale))),
  ]);
  return locationNames.filter(([, names]) => names.some((name) => name.startsWith(term))).map(([code]) => code);
}

const textColumn = (level: ViewerLevel) => sql.ref(`mp.search_text_${Math.min(level, 3)}`);
const vectorColumn = (level: ViewerLevel) => sql.ref(`mp.search_vector_${Math.min(level, 3)}`);

/** Every term is in the viewer's searchable text, or names the start of a location they may see. */
function termChecks(query: SearchQuery, level: ViewerLevel): RawBuilder<unknown>[] {
  return query.terms.map((term) => {
    const places = facetValues("loc", locationsStartingWith(term), level);
    const inText = sql`strpos(${textColumn(level)}, ${term}) > 0`;
    return places.length > 0 ? sql`(${inText} or mp.facets && ${places}::text[])` : inText;
  });
}

/**
 * termChecks behind the viewer's GIN index (the vector holds every term's tokens, locations' too).
 * A statement with it is planned for its terms: the index for a rare one, the sort order for a common one.
 */
function matches(query: SearchQuery, level: ViewerLevel): RawBuilder<boolean> {
  return sql<boolean>`${sql.raw(planForItsValuesMarker)} (${vectorColumn(level)} @@ ${tsqueryText(query)}::tsquery and ${sql.join(termChecks(query, level), sql` and `)})`;
}

/** The whole query is in the name or the reading (every term): such rows come first. */
function nameHit(query: SearchQuery): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    query.terms.map((term) => sql`strpos(mp.search_name, ${term}) > 0`),
    sql` and `,
  )})`;
}

/** The same, found through the small index of names (mp.name_vector). */
const nameHitIndexed = (query: SearchQuery) => sql<boolean>`(mp.name_vector @@ ${tsqueryText(query)}::tsquery and ${nameHit(query)})`;

/** Every term is in the viewer's searchable text or names a location they see: the exact check, without the index. */
function rechecked(query: SearchQuery, level: ViewerLevel): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(termChecks(query, level), sql` and `)})`;
}

/**
 * How many members of the reading order a search looks through before it asks the index instead:
 * a common term (営業: half the members) fills a page within the first few dozen, a rare one
 * (監査: 0.2 %) is found faster through the GIN index. Tests make it small to cross the boundary.
 */
export const directoryTuning = { readingPrefix: 500 };

type Input = DirectoryFilters & { sort: "name" | "leaveYear" | "active"; cursor?: string | undefined };
type Page = { items: PersonCard[]; nextCursor: string | null };
type Key = { sql: RawBuilder<unknown>; type: "int" | "text" | "float8" };

export async function listDirectory(actor: MemberActor, input: Input): Promise<Page> {
  const level = viewerLevel(actor.role);
  const query = searchQuery(input.q);
  if (input.q.trim() !== "" && !query) return { items: [], nextCursor: null };
  if (input.joinFrom !== undefined && input.joinTo !== undefined && input.joinFrom > input.joinTo)
    throw validationFailed({ joinTo: "years_order" });
  if (input.leaveFrom !== undefined && input.leaveTo !== undefined && input.leaveFrom > input.leaveTo)
    throw validationFailed({ leaveTo: "years_order" });
  if (query && input.sort === "name") return searchByReading(actor, input, query, level);

  // The sort as an ascending tuple; searches put name hits first.
  const leaveYear = sql.ref(`mp.leave_year_${Math.min(level, 3)}`);
  const keys: Key[] = [];
  if (query) keys.push({ sql: sql`(case when ${nameHit(query)} then -1 else 0 end)`, type: "int" });
  if (input.sort === "leaveYear") keys.push({ sql: sql`(-coalesce(${leaveYear}, 0))`, type: "int" });
  if (input.sort === "active") keys.push({ sql: sql`(-coalesce(extract(epoch from m.last_active_at), 0))::float8`, type: "float8" });
  if (input.sort !== "active") keys.push({ sql: sql`mp.sort_reading`, type: "text" });

  let q = filtered(actor, input, level);
  if (query) q = q.where(matches(query, level));
  const after = decodeDirectoryCursor(
    input.cursor,
    keys.map((k) => k.type),
  );
  if (after) q = q.where(sql<boolean>`(${tuple(keys)}) > (${cursorTuple(keys, after)})`);
  const rows = await withPeople(actor, q, keys, directoryPage + 1);
  return pageOf(rows, keys, level, query);
}

/**
 * A search sorted by reading, in up to three steps, each exact: the members whose name holds the
 * whole query (few, through the index of names); then the others in reading order, first looking
 * through the next `readingPrefix` members of the reading index (enough for a common term), and
 * only when that leaves the page short, the rest through the GIN index. The cursor says which
 * step a page ended in (-1: names, 0: the others) and where.
 */
async function searchByReading(actor: MemberActor, input: Input, query: SearchQuery, level: ViewerLevel): Promise<Page> {
  const keys: Key[] = [
    { sql: sql`(case when ${nameHit(query)} then -1 else 0 end)`, type: "int" },
    { sql: sql`mp.sort_reading`, type: "text" },
  ];
  const readingKeys = keys.slice(1);
  const after = decodeDirectoryCursor(
    input.cursor,
    keys.map((k) => k.type),
  );
  const want = directoryPage + 1;
  const rows: PageRow[] = [];
  const readingAfter = (cursor: { values: (string | number)[]; id: string } | null) =>
    cursor
      ? sql<boolean>`(${tuple(readingKeys)}) > (${cursorTuple(readingKeys, { values: cursor.values.slice(1), id: cursor.id })})`
      : sql<boolean>`true`;

  if (!after || after.values[0] === -1) {
    const names = filtered(actor, input, level).where(nameHitIndexed(query)).where(readingAfter(after));
    rows.push(...(await withPeople(actor, names, keys, want)));
  }
  if (rows.length < want) {
    const othersAfter = after && after.values[0] === 0 ? after : null;
    const others = () =>
      filtered(actor, input, level)
        .where(sql<boolean>`not ${nameHit(query)}`)
        .where(readingAfter(othersAfter));
    // Where the prefix of the reading order ends: the readingPrefix-th member after the cursor.
    const boundary = await actor.tx
      .selectFrom("member_profiles as mp")
      .select(["mp.sort_reading", "mp.member_id"])
      .where("mp.network_id", "=", actor.networkId)
      .where(readingAfter(othersAfter))
      .orderBy("mp.sort_reading")
      .orderBy("mp.member_id")
      .offset(directoryTuning.readingPrefix - 1)
      .limit(1)
      .executeTakeFirst();
    const upTo = boundary
      ? sql<boolean>`(mp.sort_reading, mp.member_id) <= (${boundary.sort_reading}::text, ${boundary.member_id}::uuid)`
      : sql<boolean>`true`;
    rows.push(...(await withPeople(actor, others().where(rechecked(query, level)).where(upTo), keys, want - rows.length)));
    if (rows.length < want && boundary) {
      const beyond = sql<boolean>`(mp.sort_reading, mp.member_id) > (${boundary.sort_reading}::text, ${boundary.member_id}::uuid)`;
      rows.push(...(await withPeople(actor, others().where(matches(query, level)).where(beyond), keys, want - rows.length)));
    }
  }
  return pageOf(rows, keys, level, query);
}

type Filtered = ReturnType<typeof filtered>;
type PageRow = PersonRow & Record<string, unknown>;

/**
 * The members the viewer may list, with the filters: the index row and the membership alone. The
 * account and profile are joined for the page's rows only (withPeople).
 */
function filtered(actor: MemberActor, input: Input, level: ViewerLevel) {
  let q = actor.tx
    .selectFrom("member_profiles as mp")
    .innerJoin("memberships as m", (j) => j.onRef("m.network_id", "=", "mp.network_id").onRef("m.id", "=", "mp.member_id"))
    .select("mp.member_id")
    .where("mp.network_id", "=", actor.networkId)
    .where("m.status", "=", "active")
    .where("mp.member_id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId));
  const anyOf = (values: string[]) => sql<boolean>`mp.facets && ${values}::text[]`;
  if (input.role) q = q.where("m.role", "=", input.role);
  if (input.supporter !== undefined) q = q.where("m.supporter_since", input.supporter ? "is not" : "is", null);
  if (input.industry) q = q.where(anyOf(facetValues("industry", [input.industry], level)));
  if (input.location) q = q.where(anyOf(facetValues("loc", [input.location], level)));
  for (const flag of input.openTo ?? []) q = q.where(anyOf(facetValues("open", [flag], level)));
  if (input.joinFrom !== undefined || input.joinTo !== undefined)
    q = q.where(anyOf(facetValues("join", yearRange(input.joinFrom, input.joinTo), level)));
  if (input.leaveFrom !== undefined || input.leaveTo !== undefined)
    q = q.where(anyOf(facetValues("leave", yearRange(input.leaveFrom, input.leaveTo), level)));
  if (input.department) {
    // A part of a department's name: 営業 finds 営業本部 and 東日本営業部.
    const part = normaliseForSearch(input.department);
    if (part !== "")
      q = q.where(
        sql<boolean>`exists (select 1 from unnest(mp.facets) f
          where f like 'dept:%' and strpos(split_part(substr(f, 6), '@', 1), ${part}) > 0
            and split_part(f, '@', 2)::int <= ${Math.min(level, 3)})`,
      );
  }
  return q;
}

const tuple = (keys: Key[]) => sql.join([...keys.map((k) => k.sql), sql`mp.member_id`]);
const cursorTuple = (keys: Key[], after: { values: (string | number)[]; id: string }) =>
  sql.join([...keys.map((k, i) => sql`${after.values[i]}::${sql.raw(k.type)}`), sql`${after.id}::uuid`]);

/** The first `limit` rows of a filtered query in the keys' order, with what their cards show. */
async function withPeople(actor: MemberActor, q: Filtered, keys: Key[], limit: number): Promise<PageRow[]> {
  if (limit <= 0) return [];
  let page = q.select(keys.map((k, i) => k.sql.as(`k${i}`)));
  for (let i = 0; i < keys.length; i++) page = page.orderBy(sql.ref(`k${i}`));
  page = page.orderBy("mp.member_id").limit(limit);
  let rows = personQuery(actor.tx, actor.networkId).innerJoin(page.as("pg"), "pg.member_id", "m.id").selectAll("pg");
  for (let i = 0; i < keys.length; i++) rows = rows.orderBy(sql.ref(`pg.k${i}`));
  return await rows.orderBy("pg.member_id").execute();
}

function pageOf(rows: PageRow[], keys: Key[], level: ViewerLevel, query: SearchQuery | null): Page {
  const more = rows.length > directoryPage;
  const page = more ? rows.slice(0, directoryPage) : rows;
  const last = page[page.length - 1];
  return {
    items: page.map((row) => presentCard(row, level, query?.terms ?? [])),
    nextCursor:
      more && last
        ? encodeDirectoryCursor(
            keys.map((_, i) => last[`k${i}`]),
            last.member_id,
          )
        : null,
  };
}

// A page ends at (sort values…, member id). The cursor carries them as JSON; on the way back each
// value must have the type its sort key has, or the cursor is refused.
const encodeDirectoryCursor = (values: unknown[], id: string) => Buffer.from(JSON.stringify([...values, id])).toString("base64url");

function decodeDirectoryCursor(
  raw: string | undefined,
  types: ("int" | "text" | "float8")[],
): { values: (string | number)[]; id: string } | null {
  if (!raw) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw validationFailed({ cursor: "invalid_cursor" });
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length === types.length + 1 &&
    types.every((type, i) => (type === "text" ? typeof parsed[i] === "string" : Number.isFinite(parsed[i]))) &&
    typeof parsed[types.length] === "string" &&
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(parsed[types.length] as string);
  if (!ok) throw validationFailed({ cursor: "invalid_cursor" });
  const list = parsed as (string | number)[];
  return { values: list.slice(0, types.length), id: list[types.length] as string };
}
