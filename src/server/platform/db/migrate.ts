// Applies the versioned SQL files in migrations/ in name order, each once. Each file runs as
// one script in one transaction together with its schema_migrations row, under an advisory
// lock, so several app processes starting together agree on what ran.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database } from "./database.ts";

const migrationsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const lockKey = 7_242_001;

// Grants follow every run, so a table added later is reachable by the app role.
const grants = `
  grant usage on schema public to tsunagu_app;
  grant select, insert, update, delete on all tables in schema public to tsunagu_app;
  grant execute on all functions in schema public to tsunagu_app;`;

async function appliedVersions(database: Database): Promise<Set<string>> {
  await database.exec(
    "create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())",
  );
  const rows = await database.db.selectFrom("schema_migrations").select("version").execute();
  return new Set(rows.map((r) => r.version));
}

export async function migrate(database: Database): Promise<string[]> {
  const files = (await readdir(migrationsDir)).filter((f) => f.endsWith(".sql")).sort();
  const applied: string[] = [];
  let done = await appliedVersions(database);
  for (const file of files) {
    const version = file.replace(/\.sql$/, "");
    if (!/^[0-9a-z_]+$/.test(version)) throw new Error(`bad migration file name ${file}`);
    if (done.has(version)) continue;
    const text = await readFile(path.join(migrationsDir, file), "utf8");
    try {
      await database.exec(
        `select pg_advisory_xact_lock(${lockKey});\n${text}\n;insert into schema_migrations (version) values ('${version}');`,
      );
      applied.push(version);
    } catch (error) {
      // Another process may have applied it while this one waited for the lock.
      done = await appliedVersions(database);
      if (!done.has(version)) throw error;
    }
  }
  // Under the same lock: two processes granting at once fail with "tuple concurrently updated".
  await database.exec(`select pg_advisory_xact_lock(${lockKey});\n${grants}`);
  return applied;
}
