// A fingerprint of every row of every table, to prove that a refused request changed nothing.
import { sql } from "kysely";
import type { Database } from "../../src/server/platform/db/database.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";

/** Columns that change on reads by design and are not part of "what the request did". */
const volatile: Record<string, string[]> = {
  rate_limits: ["*"],
  sessions: ["last_seen_at"],
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** md5 over the sorted text of all rows, per table (system scope, so row-level security hides nothing). */
export async function snapshotDatabase(database: Database): Promise<Record<string, string>> {
  return inSystem(database, async (tx) => {
    const columns = await sql<{ table_name: string; column_name: string }>`
      select c.table_name, c.column_name
      from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(tx);
    const byTable = new Map<string, string[]>();
    for (const { table_name, column_name } of columns.rows) {
      const skip = volatile[table_name];
      if (skip?.includes("*") || skip?.includes(column_name)) continue;
      byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
    }
    const result: Record<string, string> = {};
    for (const [table, cols] of byTable) {
      const row = `row(${cols.map(ident).join(", ")})::text`;
      const { rows } = await sql<{ digest: string; n: number }>`
        select md5(coalesce(string_agg(r, ',' order by r), '')) as digest, count(*)::int as n
        from (select ${sql.raw(row)} as r from ${sql.raw(ident(table))}) s`.execute(tx);
      result[table] = `${rows[0]?.n ?? 0}:${rows[0]?.digest ?? ""}`;
    }
    return result;
  });
}
