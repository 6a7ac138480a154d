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

/** UTF-8 with a BOM (without one Excel reads it as Shift_JIS) and CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): Buffer {
  const body = rows.map((row) => row.map(cell).join(",") + "\r\n").join("");
  return Buffer.from("\uFEFF" + body, "utf8");
}
