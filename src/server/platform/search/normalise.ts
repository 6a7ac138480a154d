// The one normalisation that both stored text and queries go through (decision 0009). Whatever
// it folds together, search treats as the same; changing it means re-indexing every stored
// search_text/search_vector, so keep it small and deliberate.
//
//  - NFKC: full-width ＡＢＣ１２３ → ABC123, half-width ｶﾀｶﾅ → カタカナ, ①/㈱/㍻ → 1/(株)/平成,
//    the ideographic space → a space. It leaves distinct kanji alone: 髙 is not 高, 﨑 is not 崎
//    (different characters in people's names; folding them is an open question).
//  - lower case (locale-independent), then NFKC again so the pair is stable.
//  - katakana → hiragana (ァ–ヶ, ヽヾ): 「さくら」 finds 「サクラ」 and 「ｻｸﾗ」. The prolonged sound
//    mark ー and small kana (ゃ, っ, ァ→ぁ) stay as they are: 「ばっく」 is not 「ばく」.
//  - control characters become spaces (NUL cannot be stored in PostgreSQL text); invisible format
//    characters (zero-width space, ZWJ, BOM, soft hyphen), variation selectors (incl. the
//    ideographic variation sequences of 葛󠄀) and lone surrogates are removed.
//  - runs of whitespace become one space; no space at either end.

/** Normalises text for search; the same function for documents and queries. */
export function normaliseForSearch(text: string): string {
  return foldKatakana(text.replace(invisible, "").replace(control, " ").normalize("NFKC").toLowerCase().normalize("NFKC"))
    .replace(/\s+/gu, " ")
    .trim();
}

// \p{Cs} matches only lone surrogates in a `u` regular expression; valid pairs are one code point.
const invisible = /[\p{Cf}\p{Cs}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/gu;
const control = /\p{Cc}/gu;

/** ァ (U+30A1) … ヶ (U+30F6) and ヽヾ are 0x60 above their hiragana. */
function foldKatakana(text: string): string {
  return text.replace(/[\u30A1-\u30F6\u30FD\u30FE]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}
