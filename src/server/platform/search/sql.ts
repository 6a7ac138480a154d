// Kysely expressions for writing and matching the search columns (decision 0009).
//
// The vector is `array_to_tsvector(tokens)`: lexemes taken verbatim, no text-search parser or
// dictionary in between. The tsquery is written as text of quoted lexemes and cast
// (`'人事' & '事担' & 'tana':*`), because to_tsquery — even with the 'simple' configuration —
// parses its input: it turns c++ into 'c' and o'brien into 'o' <-> 'brien'. A quoted lexeme
// only needs ' doubled and \ escaped. Every parameter of matchesSearch is a string, so it also
// works in a one-round-trip read (tenancy/scoped-read.ts), which inlines parameters as literals.
import { sql, type Kysely, type RawBuilder } from "kysely";
import { searchDocument, searchTokens } from "./bigrams.ts";
import type { SearchQuery } from "./query.ts";

/** Where a table keeps its search columns: column references, which may be qualified ("p.search_text"). */
export interface SearchColumns {
  text: string;
  vector: string;
}

const conventional: SearchColumns = { text: "search_text", vector: "search_vector" };

/** The tsvector of a document, computed here and sent as a text[] parameter. */
export function searchVectorSql(text: string): RawBuilder<string> {
  return vectorOf(searchTokens(text));
}

/** Both search columns of a row, for `.values({ …, ...searchColumns(text) })` or `.set(…)`. */
export function searchColumns(text: string): { search_text: string; search_vector: RawBuilder<string> } {
  const document = searchDocument(text);
  return { search_text: document.text, search_vector: vectorOf(document.tokens) };
}

const vectorOf = (tokens: string[]) => sql<string>`array_to_tsvector(${tokens}::text[])`;

/** The tsquery (as text, for a ::tsquery cast) that ANDs a query's tokens and prefixes. */
export function tsqueryText(query: Pick<SearchQuery, "tokens" | "prefixes">): string {
  return [...query.tokens.map(lexeme), ...query.prefixes.map((p) => `${lexeme(p)}:*`)].join(" & ");
}

/** A lexeme quoted for tsquery (and tsvector) input: inside quotes only ' and \ are special. */
export const lexeme = (token: string) => `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;

/**
 * True for rows whose vector has the query's tokens (what the GIN index finds) and whose
 * normalised text contains every term (the exact recheck, with strpos: no LIKE wildcards).
 * `columns` is a table name or alias whose columns are search_text/search_vector, or the two
 * column references.
 */
export function matchesSearch(query: SearchQuery, columns: string | SearchColumns = conventional): RawBuilder<boolean> {
  const { text, vector } =
    typeof columns === "string" ? { text: `${columns}.${conventional.text}`, vector: `${columns}.${conventional.vector}` } : columns;
  const tsquery = tsqueryText(query);
  if (tsquery === "") throw new Error("a search query needs tokens (searchQuery returns null when it has none)");
  const rechecks = query.terms.map((term) => sql`and strpos(${sql.ref(text)}, ${term}) > 0`);
  return sql<boolean>`(${sql.ref(vector)} @@ ${tsquery}::tsquery ${sql.join(rechecks, sql` `)})`;
}

/**
 * Whether PostgreSQL may use the GIN index inside a tenant scope. Row-level security runs a
 * query's own conditions after the policy's unless they are leakproof, and @@ (ts_match_vq) is
 * not leakproof out of the box: until a superuser marks it so, a search in a scope scans the
 * network's rows (still exact, just not indexed). See decision 0009.
 */
export async function searchIndexUsableUnderRls<T>(db: Kysely<T>): Promise<boolean> {
  const result = await sql<{ leakproof: boolean }>`select proleakproof as leakproof from pg_proc
    where oid = 'pg_catalog.ts_match_vq(tsvector, tsquery)'::regprocedure`.execute(db);
  return result.rows[0]?.leakproof === true;
}
