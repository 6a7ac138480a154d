// The tokens stored for a document (decision 0009). The normalised text is split into runs:
//
//  - kana/kanji runs (also hangul): every character bigram, plus the run's last character alone.
//    Every character of the run then starts some token, so a 1-character query 「鈴」 finds 「鈴木」
//    and 「風鈴」 with the prefix query '鈴':* and no unigram per character is stored.
//  - word runs (Latin, digits, other alphabets): the whole word, cut to MAX_WORD_CHARS. Queries
//    match words by prefix ('tana':* finds tanaka), so no prefixes are stored either.
//  - anything else (spaces, punctuation, symbols, emoji) separates runs and makes no token; it
//    stays in the normalised text, where the substring recheck sees it.
//
// Positions are code points, never UTF-16 units: 𠮷 is one character. Only the first
// MAX_DOCUMENT_CHARS characters of the normalised text are stored (text and tokens alike).
import { normaliseForSearch } from "./normalise.ts";

/** Characters of a document's normalised text that are stored and searchable. */
export const MAX_DOCUMENT_CHARS = 20_000;
/** A longer word is stored (and looked up) by its first MAX_WORD_CHARS characters. */
export const MAX_WORD_CHARS = 64;

export type RunKind = "cjk" | "word";

export interface Run {
  kind: RunKind;
  /** The run's characters (code points). */
  chars: string[];
  /** True when the run ends the text it was cut from (nothing, not even punctuation, follows). */
  atEnd: boolean;
}

/** What gets stored for one document: its normalised text and its tokens. */
export interface SearchDocument {
  text: string;
  tokens: string[];
}

export function searchDocument(text: string): SearchDocument {
  // Normalising a huge text only to keep its start would be waste: cut it first, with room for
  // what normalisation removes or merges (NFKC seldom shrinks text by more than half).
  const normalised = firstChars(normaliseForSearch(text.slice(0, MAX_DOCUMENT_CHARS * 4)), MAX_DOCUMENT_CHARS);
  return { text: normalised, tokens: tokensOfNormalised(normalised) };
}

/** The distinct tokens stored for a document. */
export function searchTokens(text: string): string[] {
  return searchDocument(text).tokens;
}

function tokensOfNormalised(normalised: string): string[] {
  const tokens = new Set<string>();
  for (const run of splitRuns(normalised)) {
    if (run.kind === "word") {
      tokens.add(wordToken(run.chars));
      continue;
    }
    for (let i = 0; i + 1 < run.chars.length; i++) tokens.add(run.chars[i]! + run.chars[i + 1]!);
    tokens.add(run.chars[run.chars.length - 1]!);
  }
  return [...tokens];
}

export const wordToken = (chars: string[]) => chars.slice(0, MAX_WORD_CHARS).join("");

/** Splits normalised text into kana/kanji runs and word runs; other characters only separate. */
export function splitRuns(normalised: string): Run[] {
  const runs: Run[] = [];
  let open = false; // whether the last run goes on with the next character
  for (const char of normalised) {
    const kind = kindOf(char);
    const last = runs.at(-1);
    if (!kind) open = false;
    else if (open && last?.kind === kind) last.chars.push(char);
    else {
      runs.push({ kind, chars: [char], atEnd: false });
      open = true;
    }
  }
  const last = runs.at(-1);
  if (open && last) last.atEnd = true;
  return runs;
}

// A letter, mark or number is a kana/kanji character when its script extensions include Han,
// Hiragana, Katakana or Hangul: that takes in ー, 々, 〆 and 〇 but not 、。・「」.
const letter = /^[\p{L}\p{M}\p{N}]$/u;
const cjk = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]$/u;

function kindOf(char: string): RunKind | null {
  if (!letter.test(char)) return null;
  return cjk.test(char) ? "cjk" : "word";
}

function firstChars(text: string, max: number): string {
  if (text.length <= max) return text; // fewer UTF-16 units than max means fewer code points too
  let out = "";
  let count = 0;
  for (const char of text) {
    if (count++ === max) break;
    out += char;
  }
  return out.trimEnd();
}
