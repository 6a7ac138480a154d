// A search box's input → what the index must contain and what the text must contain.
//
// The input is normalised like documents and split at spaces (full-width spaces too) into
// terms, except inside double quotes: "データ 分析" is one term, spaces included (a phrase); a document matches when it contains every term as a substring. For the index each
// term needs:
//  - kana/kanji runs of 2+ characters: all their bigrams (exact);
//  - a 1-character kana/kanji run: the character as a prefix ('鈴':*, see bigrams.ts), or exactly
//    when something follows it in the term (then it ends its run in the document too);
//  - a word run: the word as a prefix ('tana':*) when it ends the term, else the whole word.
// So kana/kanji match anywhere, and Latin/digit words match from the start of a word
// ("tana" finds Tanaka, "naka" does not). Characters that make no token (punctuation,
// symbols, emoji) are still required by the substring recheck: "100%" does not find "1000".
import { splitRuns, wordToken } from "./bigrams.ts";
import { normaliseForSearch } from "./normalise.ts";

/** Characters of a query that are used; the rest is ignored. */
export const MAX_QUERY_CHARS = 200;

export interface SearchQuery {
  /** Lexemes the document's vector must contain. */
  tokens: string[];
  /** Lexemes some token of the document's vector must start with. */
  prefixes: string[];
  /** Normalised terms the document's normalised text must contain (substring recheck). */
  terms: string[];
}

/** The query for a search box's input, or null when it has nothing searchable. */
export function searchQuery(input: string): SearchQuery | null {
  const normalised = [...normaliseForSearch(input.slice(0, MAX_QUERY_CHARS * 4))].slice(0, MAX_QUERY_CHARS).join("");
  const terms = [...new Set(splitTerms(normalised))];
  const tokens = new Set<string>();
  const prefixes = new Set<string>();
  for (const term of terms) {
    for (const run of splitRuns(term)) {
      if (run.kind === "word") (run.atEnd ? prefixes : tokens).add(wordToken(run.chars));
      else if (run.chars.length === 1) (run.atEnd ? prefixes : tokens).add(run.chars[0]!);
      else for (let i = 0; i + 1 < run.chars.length; i++) tokens.add(run.chars[i]! + run.chars[i + 1]!);
    }
  }
  if (tokens.size === 0 && prefixes.size === 0) return null;
  return { tokens: [...tokens], prefixes: [...prefixes].filter((p) => !tokens.has(p)), terms };
}

// Quotes as people type them: ASCII (full-width ＂ is ASCII after NFKC) and typographic.
const quotes = /["\u201C\u201D]/;

/** Splits at spaces outside quotes; a quoted part is one term (its quotes dropped, a lone quote ignored). */
function splitTerms(normalised: string): string[] {
  const terms: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of normalised) {
    if (quotes.test(char)) {
      if (quoted && current.trim() !== "") terms.push(current.trim());
      else if (!quoted && current !== "") terms.push(current);
      current = "";
      quoted = !quoted;
    } else if (char === " " && !quoted) {
      if (current !== "") terms.push(current);
      current = "";
    } else current += char;
  }
  if (current.trim() !== "") terms.push(...(quoted ? current.trim().split(" ") : [current]));
  return terms;
}
