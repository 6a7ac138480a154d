// A fresh database per test file: a copy of a migrated PGlite template by default, or a new
// database on the PostgreSQL server named by TEST_DATABASE_URL (created here, dropped on close).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../src/server/platform/db/database.ts";
import { migrate } from "../../src/server/platform/db/migrate.ts";
import { createPgliteCopy } from "./template-database.ts";

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

export async function createTestDatabase(): Promise<Database & { url: string | undefined }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return createPgliteCopy();
  const name = `tsunagu_test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 5 });
  await migrate(database);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdmin(url: string, fn: (c: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}
