// The member CSV import's vocabulary, shared by the server and the web app's import screen.

export const importFields = ["name", "email", "role", "joinYear", "leaveYear", "department"] as const;
export type ImportField = (typeof importFields)[number];

/**
 * Field → 0-based column index. When the file splits the name into 姓 and 名, `name` points at the 姓
 * column and `nameGiven` at the 名 column; the two are joined family name first.
 */
export type ColumnMapping = Partial<Record<ImportField | "nameGiven", number>>;

export const importLimits = { bytesMax: 20 * 1024 * 1024, rowsMax: 50_000 } as const;

export const rowProblems = [
  "missing_name",
  "missing_email",
  "invalid_email",
  "invalid_role",
  "invalid_year",
  "year_order",
  "too_long",
  "duplicate_in_file",
  // Found by the import service against the database, not by the file alone.
  "already_member",
  "already_invited",
  "previously_removed",
  "left_earlier",
] as const;
export type RowProblem = (typeof rowProblems)[number];
