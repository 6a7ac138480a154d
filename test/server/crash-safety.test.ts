// Crash safety: the real server (node src/server/main.ts, on the embedded database or on
// PostgreSQL) is killed with SIGKILL in the middle of a load of posts and direct messages. After a
// restart, every write that was answered 201 is there with its text, and nothing is half-written:
// every message that exists has the rest of its transaction (its conversation's latest time, its
// event for the recipient, the recipient's notification).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSession } from "../../src/server/platform/auth/sessions.ts";
import { openDatabase, type Database } from "../../src/server/platform/db/database.ts";
import { migrate } from "../../src/server/platform/db/migrate.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { cookieNames } from "../../src/server/platform/http/cookies.ts";
import { startServer, type ServerProcess } from "../helpers/server-process.ts";
import { createTestDatabase, onPostgres } from "../helpers/test-database.ts";

const workDir = mkdtempSync(path.join(tmpdir(), "tsunagu-crash-"));
const dataDir = path.join(workDir, "data");
const servers: ServerProcess[] = [];
let postgres: (Database & { url: string | undefined }) | null = null;

afterAll(async () => {
  for (const s of servers.splice(0)) s.kill(); // only the children this file spawned
  await postgres?.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** The database the server will use: a fresh PostgreSQL one, or the embedded one in DATA_DIR. */
async function openTarget(): Promise<Database> {
  if (onPostgres) {
    postgres = await createTestDatabase();
    return postgres;
  }
  const database = await openDatabase({ pgliteDir: path.join(dataDir, "db") });
  await migrate(database);
  return database;
}

interface World {
  networkId: string;
  roomId: string;
  conversationId: string;
  aMember: string;
  bMember: string;
  bAccount: string;
  sessions: { cookie: string; csrf: string }[];
}

async function seed(database: Database): Promise<World> {
  const ids = await inSystem(database, async (tx) => {
    const suffix = Date.now().toString(36);
    const network = await tx
      .insertInto("networks")
      .values({ slug: `crash-${suffix}`, name: "クラッシュ試験", kind: "company", purpose: "", eligibility: "", code_of_conduct: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const account = (name: string) =>
      tx
        .insertInto("accounts")
        .values({
          email: `${name}-${suffix}@example.com`,
          password_hash: "x",
          display_name: name,
          locale: "ja",
          email_verified_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
    const [a, b] = [await account("書き手"), await account("読み手")];
    const member = (accountId: string) =>
      tx
        .insertInto("memberships")
        .values({ network_id: network.id, account_id: accountId, role: "alumni", status: "active", joined_at: new Date() })
        .returning("id")
        .executeTakeFirstOrThrow();
    const [am, bm] = [await member(a.id), await member(b.id)];
    const room = await tx
      .insertInto("rooms")
      .values({ network_id: network.id, name: "雑談", kind: "open", audience: "everyone" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const pairKey = [am.id, bm.id].sort().join(":");
    const conversation = await tx
      .insertInto("conversations")
      .values({ network_id: network.id, kind: "direct", pair_key: pairKey, created_by: am.id })
      .returning("id")
      .executeTakeFirstOrThrow();
    await tx
      .insertInto("conversation_members")
      .values([am.id, bm.id].map((memberId) => ({ network_id: network.id, conversation_id: conversation.id, member_id: memberId })))
      .execute();
    return {
      networkId: network.id,
      roomId: room.id,
      conversationId: conversation.id,
      a: a.id,
      aMember: am.id,
      bMember: bm.id,
      bAccount: b.id,
    };
  });
  const sessions = [];
  for (let i = 0; i < 4; i++) {
    const { token, csrfToken } = await createSession(database, ids.a, { ip: "127.0.0.1", userAgent: "crash-test" });
    sessions.push({ cookie: `${cookieNames.session}=${token}; ${cookieNames.csrf}=${csrfToken}`, csrf: csrfToken });
  }
  return { ...ids, sessions };
}

async function start(env: Record<string, string>): Promise<string> {
  const server = startServer({ PORT: "0", DATA_DIR: dataDir, ...env });
  servers.push(server);
  const http = (await server.waitFor(/Server listening at (http:\/\/127\.0\.0\.1:\d+)/))[1] ?? "";
  await server.waitFor(/Tsunagu is running/);
  return http;
}

describe("crash safety", { timeout: 240_000 }, () => {
  it("SIGKILL during post and DM writes: after a restart every acknowledged write is there, and nothing is half-written", async () => {
    let database = await openTarget();
    const w = await seed(database);
    const env: Record<string, string> = onPostgres ? { DATABASE_URL: postgres?.url ?? "" } : {};
    // The embedded database has one owner: the server.
    if (!onPostgres) await database.close();

    const http = await start(env);
    const server = servers[servers.length - 1]!;
    const acked = { posts: new Map<string, string>(), messages: new Map<string, string>() };
    let stopped = false;
    let attempts = 0;
    const worker = async (n: number) => {
      const session = w.sessions[n % w.sessions.length]!;
      for (let i = 0; !stopped; i++) {
        const asPost = (n + i) % 2 === 0;
        const body = `クラッシュ試験 ${n}-${i} ${asPost ? "投稿" : "メッセージ"}`;
        const url = asPost
          ? `${http}/api/networks/${w.networkId}/rooms/${w.roomId}/posts`
          : `${http}/api/networks/${w.networkId}/conversations/${w.conversationId}/messages`;
        attempts++;
        try {
          const res = await fetch(url, {
            method: "POST",
            headers: { cookie: session.cookie, "x-csrf-token": session.csrf, "content-type": "application/json" },
            body: JSON.stringify({ body }),
          });
          if (res.status === 201) {
            const { id } = (await res.json()) as { id: string };
            (asPost ? acked.posts : acked.messages).set(id, body);
          }
        } catch {
          // The connection died with the server: not acknowledged, may or may not be there.
        }
      }
    };
    const workers = Array.from({ length: 6 }, (_, n) => worker(n));
    // Kill once writes are flowing (a bounded wait either way).
    const deadline = Date.now() + 20_000;
    while (acked.posts.size + acked.messages.size < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    server.kill();
    expect(await server.exited(30_000)).toBe("SIGKILL");
    stopped = true;
    await Promise.all(workers);
    expect(acked.posts.size).toBeGreaterThan(5);
    expect(acked.messages.size).toBeGreaterThan(5);
    expect(attempts).toBeGreaterThan(acked.posts.size + acked.messages.size - 1);

    // Restarted, the server reads back every acknowledged post.
    const again = await start(env);
    const session = w.sessions[0]!;
    for (const [id, body] of acked.posts) {
      const res = await fetch(`${again}/api/networks/${w.networkId}/posts/${id}`, { headers: { cookie: session.cookie } });
      expect(res.status, id).toBe(200);
      expect(((await res.json()) as { post: { body: string } }).post.body).toBe(body);
    }
    const last = servers[servers.length - 1]!;
    last.child.kill("SIGTERM");
    await last.exited(30_000);

    if (!onPostgres) {
      database = await openDatabase({ pgliteDir: path.join(dataDir, "db") });
    }
    try {
      await inSystem(database, async (tx) => {
        const messages = await tx
          .selectFrom("messages")
          .select(["id", "body", "created_at"])
          .where("conversation_id", "=", w.conversationId)
          .execute();
        const stored = new Map(messages.map((m) => [m.id, m.body]));
        for (const [id, body] of acked.messages) expect(stored.get(id), `message ${id}`).toBe(body);
        const posts = await tx.selectFrom("posts").select(["id", "body", "search_text"]).where("room_id", "=", w.roomId).execute();
        const storedPosts = new Map(posts.map((p) => [p.id, p]));
        for (const [id, body] of acked.posts) expect(storedPosts.get(id)?.body, `post ${id}`).toBe(body);
        // A post is written with its search columns in one statement: none without them.
        for (const p of posts) expect(p.search_text, p.id).not.toBe("");

        // Every message that exists, acknowledged or not, has the rest of its transaction.
        const conversation = await tx
          .selectFrom("conversations")
          .select("last_message_at")
          .where("id", "=", w.conversationId)
          .executeTakeFirstOrThrow();
        const newest = Math.max(...messages.map((m) => m.created_at.getTime()));
        expect(conversation.last_message_at?.getTime()).toBeGreaterThanOrEqual(newest);
        const events = await tx
          .selectFrom("events")
          .select("payload")
          .where("account_id", "=", w.bAccount)
          .where("kind", "=", "message.created")
          .execute();
        const announced = new Set(events.map((e) => (e.payload as { messageId?: string }).messageId));
        for (const m of messages) expect(announced.has(m.id), `event of message ${m.id}`).toBe(true);
        const notification = await tx
          .selectFrom("notifications")
          .select(["id"])
          .where("recipient_id", "=", w.bMember)
          .where("conversation_id", "=", w.conversationId)
          .execute();
        expect(notification.length).toBeGreaterThan(0);
      });
    } finally {
      if (!onPostgres) await database.close();
    }
  });
});
