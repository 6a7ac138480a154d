// Japanese full-text search for features (posts, comments, the people directory). Decision 0009
// explains the approach; in short, text is normalised here (NFKC, lower case, katakana →
// hiragana), kana/kanji become character bigrams and Latin/digit runs whole words, stored as a
// tsvector under a GIN index, and every match is rechecked as a substring of the normalised text.
//
// How a feature uses it:
//  1. its migration adds two columns and an index to its table:
//       search_text text NOT NULL DEFAULT '',
//       search_vector tsvector NOT NULL DEFAULT ''::tsvector,
//       CREATE INDEX posts_search_idx ON posts USING gin (search_vector) WITH (fastupdate = off);
//     (fastupdate off: PGlite runs no autovacuum, so a pending list would only ever be flushed
//     when full, and every query reads it) and its schema.ts types them
//     `search_text: string; search_vector: string`.
//  2. it writes both whenever the searchable text changes, with one helper (several fields joined
//     by "\n", so no token spans two of them):
//       tx.insertInto("posts").values({ …, ...searchColumns(`${title}\n${body}`) })
//       tx.updateTable("posts").set({ body, ...searchColumns(`${title}\n${body}`) })
//  3. it searches with the query of the user's input (null: nothing searchable → answer an empty
//     list or a validation error, never "everything"):
//       const query = searchQuery(input);
//       if (!query) return [];
//       tx.selectFrom("posts").where(matchesSearch(query)) // or matchesSearch(query, "p") for an alias
//     inside the tenant scope as usual; order and page as the feature likes (keyset on created_at, id).
//     There is no relevance ranking. Results are exact whether or not PostgreSQL uses the index;
//     in a tenant scope it can only once ts_match_vq is leakproof (searchIndexUsableUnderRls).
// Changing normalise.ts or bigrams.ts changes what is stored: every table's rows must be
// rewritten (a job that recomputes searchColumns) before the new queries are exact again.
export { normaliseForSearch } from "./normalise.ts";
export { MAX_DOCUMENT_CHARS, MAX_WORD_CHARS, searchDocument, searchTokens, type SearchDocument } from "./bigrams.ts";
export { MAX_QUERY_CHARS, searchQuery, type SearchQuery } from "./query.ts";
export { matchesSearch, searchColumns, searchIndexUsableUnderRls, searchVectorSql, tsqueryText, type SearchColumns } from "./sql.ts";
export { highlightsIn, plainText, snippetOf } from "./highlight.ts";
