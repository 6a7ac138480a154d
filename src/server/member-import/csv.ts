// Reading the CSV files HR exports: UTF-8 or the Shift_JIS (really CP932) that Excel and Japanese HR
// systems write, RFC 4180 quoting, any line ending. Pure: bytes in, rows or a CsvError out.
import { isKnownHeader } from "./columns.ts";

export type CsvErrorCode = "empty_file" | "header_only" | "not_csv" | "xlsx" | "undecodable" | "unterminated_quote" | "too_many_rows";
export type CsvEncoding = "utf-8" | "utf-8-bom" | "shift_jis" | "utf-16le" | "utf-16be";
export type CsvDelimiter = "," | "\t" | ";";

export class CsvError extends Error {
  readonly code: CsvErrorCode;
  readonly details: Record<string, number | string>;

  constructor(code: CsvErrorCode, details: Record<string, number | string> = {}) {
    super(`CSV: ${code}`);
    this.name = "CsvError";
    this.code = code;
    this.details = details;
  }
}

// Files people pick by mistake. Excel workbooks (.xlsx is a zip, .xls an OLE2 compound file) get their
// own code so the UI can say "save it as CSV from Excel".
const workbookMagic = [
  [0x50, 0x4b, 0x03, 0x04],
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
];
const binaryMagic = [
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF8
  [0x1f, 0x8b], // gzip
];

const startsWith = (data: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => data[i] === byte);

function decodeStrict(encoding: string, data: Uint8Array): string | null {
  try {
    // ignoreBOM keeps a second BOM as text instead of silently eating it; header trimming removes it.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(data);
  } catch {
    return null;
  }
}

/** Detects the encoding (BOM, then strict UTF-8, then strict Shift_JIS) and decodes without the BOM. */
export function decodeCsv(data: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (workbookMagic.some((magic) => startsWith(data, magic))) throw new CsvError("xlsx");
  if (binaryMagic.some((magic) => startsWith(data, magic))) throw new CsvError("not_csv");

  const utf16 = startsWith(data, [0xff, 0xfe]) ? "utf-16le" : startsWith(data, [0xfe, 0xff]) ? "utf-16be" : null;
  if (utf16) {
    const text = decodeStrict(utf16, data.subarray(2));
    if (text === null) throw new CsvError("undecodable");
    // As for the byte check below: no table people type has U+0000, and no text column can store it.
    if (text.includes("\0")) throw new CsvError("not_csv");
    return { text, encoding: utf16 };
  }
  // Text in UTF-8 or Shift_JIS never has NUL bytes; UTF-16 without a BOM or a binary file does.
  if (data.includes(0)) throw new CsvError("not_csv");

  if (startsWith(data, [0xef, 0xbb, 0xbf])) {
    const text = decodeStrict("utf-8", data.subarray(3));
    if (text === null) throw new CsvError("undecodable");
    return { text, encoding: "utf-8-bom" };
  }
  const utf8 = decodeStrict("utf-8", data);
  if (utf8 !== null) return { text: utf8, encoding: "utf-8" };
  // The WHATWG shift_jis decoder is CP932: it includes the NEC and IBM extensions (髙 0xFBFC, 﨑 0xFAB1).
  const sjis = decodeStrict("shift_jis", data);
  if (sjis !== null) return { text: sjis, encoding: "shift_jis" };
  throw new CsvError("undecodable");
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;
const delimiters: readonly CsvDelimiter[] = [",", "\t", ";"];

/** The delimiter used most often outside quotes on the first non-blank line, or null if it has none. */
export function detectDelimiter(text: string): CsvDelimiter | null {
  const counts = [0, 0, 0];
  const codes = delimiters.map((d) => d.charCodeAt(0));
  let i = 0;
  while (i < text.length && isLineBreakOrBom(text.charCodeAt(i))) i++;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === CR || c === LF)) break;
    else if (!quoted) {
      const d = codes.indexOf(c);
      if (d >= 0) counts[d]!++;
    }
  }
  const best = Math.max(...counts);
  return best === 0 ? null : delimiters[counts.indexOf(best)]!;
}

const isLineBreakOrBom = (c: number) => c === CR || c === LF || c === 0xfeff;

/** Rows and, for each row, the line of the file it starts on (1-based, as a text editor counts). */
export interface CsvRecords {
  rows: string[][];
  lines: number[];
}

/**
 * RFC 4180 in one pass over char codes: quoted fields may hold the delimiter, "" and line breaks; CRLF,
 * LF and lone CR all end a line. Rows whose cells are all empty or blank are dropped. Lenient where
 * Excel is: a quote inside an unquoted field, or text after a closing quote, is kept as text.
 */
export function parseCsvRecords(text: string, delimiter: CsvDelimiter = detectDelimiter(text) ?? ","): CsvRecords {
  const sep = delimiter.charCodeAt(0);
  const n = text.length;
  const rows: string[][] = [];
  const lines: number[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let row: string[] = [];
  let rowLine = 1;
  let blank = true;

  while (i < n) {
    let value: string;
    let c = text.charCodeAt(i);
    if (c === QUOTE) {
      const openedOn = line;
      let start = ++i;
      value = "";
      for (;;) {
        if (i >= n) throw new CsvError("unterminated_quote", { line: openedOn });
        c = text.charCodeAt(i);
        if (c === QUOTE) {
          if (text.charCodeAt(i + 1) === QUOTE) {
            value += text.slice(start, i + 1);
            i += 2;
            start = i;
            continue;
          }
          value += text.slice(start, i);
          i++;
          break;
        }
        if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) line++;
        i++;
      }
      const rest = i;
      while (i < n && (c = text.charCodeAt(i)) !== sep && c !== CR && c !== LF) i++;
      if (i > rest) value += text.slice(rest, i);
    } else {
      const start = i;
      while (i < n && (c = text.charCodeAt(i)) !== sep && c !== CR && c !== LF) i++;
      value = text.slice(start, i);
    }
    row.push(value);
    // Only the first non-empty cell of a row pays for the trim.
    if (blank && value !== "" && value.trim() !== "") blank = false;

    if (i >= n) break;
    if (text.charCodeAt(i) === sep) {
      i++;
      if (i >= n) row.push("");
      continue;
    }
    i += text.charCodeAt(i) === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    if (!blank) {
      rows.push(row);
      lines.push(rowLine);
    }
    row = [];
    rowLine = line;
    blank = true;
  }
  if (!blank) {
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}

export function parseCsv(text: string, delimiter?: CsvDelimiter): string[][] {
  return parseCsvRecords(text, delimiter).rows;
}

export interface CsvFile {
  encoding: CsvEncoding;
  /** Trimmed and NFKC-normalised; names may repeat, fields are mapped by index. */
  headers: string[];
  rows: string[][];
  /** For each of `rows`, its line in the file (the header's line is 1 when the file starts with it). */
  rowNumbers: number[];
}

/** Decodes and parses an uploaded file; the first non-blank row is the header. */
export function readCsvFile(data: Uint8Array, options: { maxRows: number }): CsvFile {
  if (data.length === 0) throw new CsvError("empty_file");
  const { text, encoding } = decodeCsv(data);
  if (!/\S/.test(text)) throw new CsvError("empty_file");

  const delimiter = detectDelimiter(text);
  const { rows, lines } = parseCsvRecords(text, delimiter ?? ",");
  const [first, ...body] = rows;
  if (!first) throw new CsvError("empty_file");
  const headers = first.map((h) => h.normalize("NFKC").trim());

  // One column, no delimiter and a header we don't know: a text file, not a table.
  if (delimiter === null && headers.length === 1 && !isKnownHeader(headers[0]!)) throw new CsvError("not_csv");
  if (body.length === 0) throw new CsvError("header_only");
  if (body.length > options.maxRows) throw new CsvError("too_many_rows", { max: options.maxRows });
  return { encoding, headers, rows: body, rowNumbers: lines.slice(1) };
}
