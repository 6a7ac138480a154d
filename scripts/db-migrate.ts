// npm run db:migrate — applies pending migrations to the configured database.
import { openConfiguredDatabase } from "./cli.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";

const { database } = await openConfiguredDatabase({ migrate: false });
const applied = await migrate(database);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
await database.close();
