// Shared by the terminal commands: open the configured database the way the server does.
import path from "node:path";
import { ConfigError, loadConfig, type Config } from "../src/server/platform/config/config.ts";
import { openDatabase, type Database } from "../src/server/platform/db/database.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";

export async function openConfiguredDatabase(options: { migrate?: boolean } = {}): Promise<{ config: Config; database: Database }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, "db") }).catch(
    (error: unknown) =>
      exitWith(
        `${config.databaseUrl ? "DATABASE_URL" : "DATA_DIR"}: cannot open the database (${error instanceof Error ? error.message : String(error)})`,
      ),
  );
  if (options.migrate !== false) await migrate(database);
  return { config, database };
}

export function exitWith(line: string): never {
  process.stderr.write(`tsunagu: ${line}\n`);
  process.exit(1);
}

/** Reads --name value pairs from argv. */
export function flags(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a?.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2);
      if (k) out[k] = v ?? argv[++i] ?? "";
    }
  }
  return out;
}
