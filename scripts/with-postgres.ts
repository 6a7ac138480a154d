// npm run test:pg — runs a command with TEST_DATABASE_URL pointing at the local PostgreSQL
// (override with TEST_DATABASE_URL). Each test file creates and drops its own database there.
import { spawnSync } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) throw new Error("usage: with-postgres.ts <command> [args…]");
const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, TEST_DATABASE_URL: url } });
process.exit(result.status ?? 1);
