// Opaque keyset cursors ("after this sort key and id"); pages never use OFFSET.
import { validationFailed } from "../errors/errors.ts";

export interface Cursor {
  key: string;
  id: string;
}

export const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify([c.key, c.id])).toString("base64url");

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && isSortKey(value[0]) && isUuid(value[1])) return { key: value[0], id: value[1] };
  } catch {
    // fall through
  }
  throw validationFailed({ cursor: "invalid_cursor" });
}

// Keys are timestamps as PostgreSQL prints them (microseconds kept: see sort_key in the services).
const isSortKey = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}[ T][\d:.]+([+-]\d{2}(:?\d{2})?|Z)?$/.test(v);
const isUuid = (v: unknown): v is string =>
  typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** Splits a fetched page of limit+1 rows into items and the cursor of the next page. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => Cursor): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { rows: items, nextCursor: last ? encodeCursor(cursorOf(last)) : null };
}
