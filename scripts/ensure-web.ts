// Builds the web app once if dist/web is missing, so `npm start` works right after `npm ci`.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (!existsSync("dist/web/index.html")) {
  console.log("Building the web app (first start only)…");
  const result = spawnSync("vite", ["build", "--logLevel", "warn"], { stdio: "inherit", shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
