// The real server as an operator starts it (node src/server/main.ts): a bad setting ends it with
// exit code 1 and one line naming the variable; a good start serves and stops cleanly on SIGTERM.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";

let workDir = "";
const started: ServerProcess[] = [];

beforeAll(() => {
  workDir = mkdtempSync(path.join(tmpdir(), "tsunagu-startup-"));
});
afterEach(() => {
  // Only the children these tests spawned, and only if a test left one running.
  for (const s of started.splice(0)) s.kill();
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function start(env: Record<string, string>): ServerProcess {
  const server = startServer(env);
  started.push(server);
  return server;
}

const dataDir = (name: string) => path.join(workDir, name);

/** Asserts exit code 1 and exactly one stderr line, starting `tsunagu: <VARIABLE>:`, without a stack trace. */
async function expectStartFailure(server: ServerProcess, variable: string): Promise<string> {
  const code = await server.exited(60_000);
  const lines = server.stderr().split("\n").filter(Boolean);
  expect({ code, lines: lines.length }, server.stderr()).toEqual({ code: 1, lines: 1 });
  const line = lines[0] ?? "";
  expect(line.startsWith(`tsunagu: ${variable}:`), line).toBe(true);
  expect(server.stderr()).not.toMatch(/^\s+at /m);
  return line;
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

// First: the port-in-use case below reopens the data directory this start creates.
describe("a good start", { timeout: 120_000 }, () => {
  it("serves /api/health, then stops with exit code 0 on SIGTERM", async () => {
    const server = start({ PORT: "0", DATA_DIR: dataDir("good") });
    const base = (await server.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/, 60_000))[1] ?? "";
    expect(server.stdout()).toMatch(/one-time setup token: \S+/);

    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });

    server.child.kill("SIGTERM");
    expect(await server.exited(10_000)).toBe(0);
    expect(server.stderr()).toBe("");
  });
});

describe("start-up failures", { timeout: 120_000 }, () => {
  it("a malformed DATABASE_URL", async () => {
    const line = await expectStartFailure(start({ DATABASE_URL: "mysql://x", DATA_DIR: dataDir("a") }), "DATABASE_URL");
    expect(line).toMatch(/postgres/);
  });

  it("a PORT that is not a number", async () => {
    await expectStartFailure(start({ PORT: "abc", DATA_DIR: dataDir("b") }), "PORT");
  });

  it("a database that does not answer", async () => {
    const line = await expectStartFailure(
      start({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/x", DATA_DIR: dataDir("c") }),
      "DATABASE_URL",
    );
    expect(line).toMatch(/ECONNREFUSED|connect/);
  });

  it("a port that is already in use", async () => {
    const { port, server } = await occupiedPort();
    try {
      // Reuses the good start's data directory: an existing embedded database opens quickly.
      const line = await expectStartFailure(start({ PORT: String(port), DATA_DIR: dataDir("good") }), "PORT");
      expect(line).toContain(String(port));
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it("a DATA_DIR that cannot be written (a path under a regular file)", async () => {
    const file = path.join(workDir, "a-regular-file");
    writeFileSync(file, "not a directory");
    const line = await expectStartFailure(start({ DATA_DIR: path.join(file, "sub") }), "DATA_DIR");
    expect(line).toContain(path.join(file, "sub"));
  });
});
