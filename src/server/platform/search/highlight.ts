// Showing where a search matched: a post or comment as plain text cut around the first place
// where a query term occurs (snippetOf), or a short field with every match marked (highlightsIn). Terms are normalised
// (decision 0009), the text is not, so the text is normalised one character at a time while
// remembering where each normalised character came from.
import { normaliseForSearch } from "./normalise.ts";

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

// Normalising one character at a time is the costly part of marking a page of results; the same
// few hundred characters come back again and again, so their folded forms are kept.
const foldedChars = new Map<string, string>();
function foldedChar(ch: string): string {
  let n = foldedChars.get(ch);
  if (n === undefined) {
    n = /\s/u.test(ch) ? " " : normaliseForSearch(ch);
    if (foldedChars.size < 20_000) foldedChars.set(ch, n);
  }
  return n;
}

function fold(original: string): Folded {
  let text = "";
  const from: number[] = [];
  const to: number[] = [];
  let at = 0;
  for (const ch of original) {
    const n = foldedChar(ch);
    for (let i = 0; i < n.length; i++) {
      from.push(at);
      to.push(at + ch.length);
    }
    text += n;
    at += ch.length;
  }
  return { text, from, to };
}

/** Where the terms occur in a short text such as a name or a profile field: [start, end) ranges, merged. */
export function highlightsIn(text: string, terms: readonly string[]): [number, number][] {
  return rangesOf(fold(text), terms).reduce<[number, number][]>((merged, range) => {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
    return merged;
  }, []);
}

function rangesOf(folded: Folded, terms: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const term of terms) {
    let i = folded.text.indexOf(term);
    while (i >= 0 && term.length > 0) {
      ranges.push([folded.from[i]!, folded.to[i + term.length - 1]!]);
      i = folded.text.indexOf(term, i + term.length);
    }
  }
  return ranges.sort((a, b) => a[0] - b[0]);
}

export function snippetOf(
  markdown: string,
  terms: readonly string[],
  maxChars: number,
): { snippet: string; highlights: [number, number][] } {
  const plain = plainText(markdown);
  const ranges = rangesOf(fold(plain), terms);
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
