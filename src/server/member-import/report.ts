// Writes the CSV we hand back (e.g. the rows an import skipped, with the reason) for Excel to open.

// A cell starting with one of these may run as a formula when the file is opened in a spreadsheet.
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]|^\s|\s$/;

function cell(value: string | number | null): string {
  if (value === null) return "";
  // Numbers are ours, not the uploader's: -3 stays a number.
  if (typeof value === "number") return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of a CSV file we hand back, with its CRLF (also used by the member export, which writes in chunks). */
export function csvLine(row: readonly (string | number | null)[]): string {
  return row.map(cell).join(",") + "\r\n";
}

/** The byte-order mark that makes Excel read UTF-8 (without one it reads Shift_JIS). */
export const utf8Bom = "\uFEFF";

/** UTF-8 with a BOM and CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  return Buffer.from(utf8Bom + rows.map(csvLine).join(""), "utf8");
}
