// The text shown for a search hit: the post or comment as plain text, cut around the first
// place where a query term occurs, with the places of every term marked. Terms are normalised
// (decision 0009), the text is not, so the text is normalised one character at a time while
// remembering where each normalised character came from.
import { normaliseForSearch } from "../platform/search/index.ts";

/** Markdown source → plain text (the subset of platform/markdown: marks, links, quotes, lists). */
export function plainText(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n?/g, "")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)/gm, "")
    .replace(/(\*\*|__|~~|`)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

interface Folded {
  text: string;
  /** For each UTF-16 unit of `text`, the index in the original where its character starts and ends. */
  from: number[];
  to: number[];
}

function fold(original: string): Folded {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of original) {
    const n = /\s/u.test(ch) ? " " : normaliseForSearch(ch);
    for (let i = 0; i < n.length; i++) {
      from.push(at);
      to.push(at + ch.length);
    }
    text += n;
    at += ch.length;
  }
  return { text, from, to };
}

export function snippetOf(
  markdown: string,
  terms: readonly string[],
  maxChars: number,
): { snippet: string; highlights: [number, number][] } {
  const plain = plainText(markdown);
  const folded = fold(plain);
  const ranges: [number, number][] = [];
  for (const term of terms) {
    let i = folded.text.indexOf(term);
    while (i >= 0 && term.length > 0) {
      ranges.push([folded.from[i]!, folded.to[i + term.length - 1]!]);
      i = folded.text.indexOf(term, i + term.length);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const first = ranges[0]?.[0] ?? 0;
  // A little context before the first match, then as much as fits.
  let start = Math.max(0, first - Math.floor(maxChars / 4));
  if (plain.length - start < maxChars) start = Math.max(0, plain.length - maxChars);
  const end = Math.min(plain.length, start + maxChars);
  const prefix = start > 0 ? "…" : "";
  const suffix = end < plain.length ? "…" : "";
  const snippet = prefix + plain.slice(start, end) + suffix;
  const highlights: [number, number][] = [];
  for (const [s, e] of ranges) {
    if (s < start || e > end) continue;
    const last = highlights[highlights.length - 1];
    const range: [number, number] = [s - start + prefix.length, e - start + prefix.length];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else highlights.push(range);
  }
  return { snippet, highlights };
}
