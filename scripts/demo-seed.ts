// npm run demo:seed — creates the demo networks and accounts (idempotent) and prints how to sign in.
import { demoPassword, demoPeople, seedDemo } from "../src/server/demo/demo-seed.ts";
import { demoDirectoryPeople } from "../src/server/demo/demo-profiles.ts";
import { openConfiguredDatabase } from "./cli.ts";

const { config, database } = await openConfiguredDatabase();
const { created } = await seedDemo(database);
await database.close();

const roles = (p: (typeof demoPeople)[number]) =>
  p.operator
    ? "operator / 運営"
    : p.memberships.length > 0
      ? p.memberships.map(([slug, role]) => `${role}@${slug}`).join(", ")
      : "no network yet (a join request is waiting)";
console.log(`\nDemo data ${created > 0 ? "created" : "already present"}. Sign in at ${config.publicUrl}/sign-in with any of:`);
for (const p of demoPeople) console.log(`  ${p.email.padEnd(30)} ${roles(p)}`);
console.log(`  …and ${demoDirectoryPeople.length} more members of sakura-denki with profiles (see src/server/demo/demo-profiles.ts)`);
console.log(`Password for all: ${demoPassword}\n`);
