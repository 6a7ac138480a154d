// Fresh embedded databases in a fraction of the time. Creating a PGlite database runs initdb,
// which costs seconds of CPU per test file (far more on a busy machine); opening a copy of an
// existing data directory costs a few hundred milliseconds. So initdb and the migrations run
// once into a template directory — cached in the OS temp directory, keyed by the migrations,
// the migration runner and the PGlite version — and each test file opens its own copy.
// test-database.ts uses it for every PGlite test database.
import { createHash, randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, type Database } from "../../src/server/platform/db/database.ts";
import { migrate } from "../../src/server/platform/db/migrate.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const migrationsDir = path.join(root, "src/server/platform/db/migrations");

function templateKey(): string {
  const hash = createHash("sha256");
  for (const file of readdirSync(migrationsDir).sort()) hash.update(file).update(readFileSync(path.join(migrationsDir, file)));
  hash.update(readFileSync(path.join(root, "src/server/platform/db/migrate.ts")));
  hash.update(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json")));
  return hash.digest("hex").slice(0, 16);
}

let template: Promise<string> | null = null;

/** The directory of a migrated, empty PGlite database (contains `db/`), built on first use. */
export function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = path.join(tmpdir(), `tsunagu-pglite-template-${templateKey()}`);
    if (existsSync(path.join(dir, "ready"))) return dir;
    // Several test workers may build it at once: each builds its own and the first rename wins.
    const building = `${dir}.building-${process.pid}-${randomBytes(4).toString("hex")}`;
    const database = await openDatabase({ pgliteDir: path.join(building, "db") });
    await migrate(database);
    await database.close();
    writeFileSync(path.join(building, "ready"), "");
    try {
      renameSync(building, dir);
    } catch {
      rmSync(building, { recursive: true, force: true });
    }
    return dir;
  })();
  return template;
}

/** Copies the template's database into `dataDir/db` (the layout main.ts opens). No-op on PostgreSQL. */
export async function seedDataDir(dataDir: string): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  cpSync(path.join(await pgliteTemplate(), "db"), path.join(dataDir, "db"), { recursive: true });
}

/** A fresh, migrated embedded database of the caller's own: a copy of the template. */
export async function createPgliteCopy(): Promise<Database & { url: string | undefined }> {
  const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-pglite-"));
  await seedDataDir(dir);
  const database = await openDatabase({ pgliteDir: path.join(dir, "db") });
  await migrate(database);
  return {
    ...database,
    url: undefined,
    async close() {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
