// npm run dev — the API with reload on change (node --watch) and the web app with hot reload
// (Vite on :5173, proxying /api and /files to the API on :3000). Ctrl-C stops both.
import { spawn } from "node:child_process";

const children = [
  spawn(process.execPath, ["--watch-path=src/server", "--watch-path=src/shared", "src/server/main.ts"], {
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "development" },
  }),
  spawn("vite", [], { stdio: "inherit" }),
];
const stop = () => {
  for (const child of children) child.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => (code ? stop() : undefined));
