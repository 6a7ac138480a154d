// The CSV import of leavers, end to end through the real server: a 33,000-row CP932 file is
// uploaded, previewed with the guessed mapping (the dry run) and imported (the job invites every
// row and queues its mail), on a scratch database. Measured: the wall time of the preview (upload +
// check of every row) and of the import (start → status done, polled every 250 ms), and the
// server process's peak RSS (VmHWM). The baseline, in the same database and run: the same number
// of invitation and outbox rows written by two plain INSERT … SELECT statements — the floor any
// import of this size pays.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { encodeCp932, leaverCsv } from "../test/helpers/csv-fixtures.ts";
import { hashPassword } from "../src/server/platform/auth/passwords.ts";
import { createSession } from "../src/server/platform/auth/sessions.ts";
import { openDatabase } from "../src/server/platform/db/database.ts";
import { migrate } from "../src/server/platform/db/migrate.ts";
import { cookieNames } from "../src/server/platform/http/cookies.ts";
import { inSystem } from "../src/server/platform/tenancy/scope.ts";
import { scratchDatabase, scratchDir } from "./cleanup.ts";
import { elapsed, freePort, startServer, stopServer, waitHealthy } from "./processes.ts";
import type { Kind } from "./report.ts";

export const importRows = 33_000;
export const importTargets = { previewMs: 5_000, importMs: 60_000, rssMb: 300 };

export interface ImportResult {
  kind: Kind;
  label: string;
  fileMb: number;
  previewMs: number;
  importMs: number;
  invited: number;
  baselineMs: number;
  peakRssMb: number;
}

interface Session {
  cookie: string;
  csrf: string;
  networkId: string;
}

async function seedAdmin(kind: Kind, url: string | undefined, pgliteDir: string): Promise<Session> {
  const database = await openDatabase({ databaseUrl: url, pgliteDir, poolSize: 2 });
  try {
    await migrate(database);
    const { networkId, accountId } = await inSystem(database, async (tx) => {
      const network = await tx
        .insertInto("networks")
        .values({ slug: "bench-import", name: "ベンチ電機 アルムナイ", kind: "company" })
        .returning("id")
        .executeTakeFirstOrThrow();
      const account = await tx
        .insertInto("accounts")
        .values({
          email: `admin-${kind}@bench.example.com`,
          display_name: "人事 花子",
          password_hash: await hashPassword("tsunagu-bench-password"),
          locale: "ja",
          email_verified_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("memberships")
        .values({ network_id: network.id, account_id: account.id, role: "admin", status: "active", joined_at: new Date() })
        .execute();
      return { networkId: network.id, accountId: account.id };
    });
    const { token, csrfToken } = await createSession(database, accountId, { ip: "127.0.0.1", userAgent: "tsunagu-bench" });
    return { cookie: `${cookieNames.session}=${token}`, csrf: csrfToken, networkId };
  } finally {
    await database.close();
  }
}

/** Two statements writing as many invitation and outbox rows as the import will, with bodies of the same size. */
async function baseline(url: string | undefined, pgliteDir: string, networkId: string, mailBytes: number): Promise<number> {
  const database = await openDatabase({ databaseUrl: url, pgliteDir, poolSize: 2 });
  try {
    const started = performance.now();
    await inSystem(database, async (tx) => {
      await sql`
        insert into invitations (network_id, email, name, role, token_hash, expires_at, import_id)
        select ${networkId}::uuid, 'floor' || g || '@example.com', '髙橋 翔太', 'alumni', md5(g::text) || md5('x' || g), now() + interval '30 days', gen_random_uuid()
        from generate_series(1, ${importRows}::int) as g`.execute(tx);
      await sql`
        insert into mail_outbox (to_address, locale, kind, subject, text_body, html_body, status)
        select 'floor' || g || '@example.com', 'ja', 'invitation', '件名', repeat('本', ${Math.round(mailBytes / 6)}::int),
               repeat('<p>本</p>', ${Math.round(mailBytes / 20)}::int), 'kept'
        from generate_series(1, ${importRows}::int) as g`.execute(tx);
    });
    const ms = elapsed(started);
    await inSystem(database, async (tx) => {
      await tx.deleteFrom("invitations").where("email", "like", "floor%").execute();
      await tx.deleteFrom("mail_outbox").where("to_address", "like", "floor%").execute();
    });
    return ms;
  } finally {
    await database.close();
  }
}

const peakRssMb = (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? Number.NaN) / 1024;

async function call(port: number, session: Session, method: string, pathname: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method,
    headers: {
      cookie: session.cookie,
      "x-csrf-token": session.csrf,
      ...(body instanceof FormData || body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body instanceof FormData ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${pathname} answered ${response.status}: ${JSON.stringify(json).slice(0, 300)}`);
  return json;
}

export async function benchImport(kind: Kind, label: string, repoRoot: string): Promise<ImportResult> {
  console.log(`== import of ${importRows.toLocaleString("en")} CP932 rows, ${label}`);
  const files = scratchDir(`${kind}-import`);
  const scratch = kind === "postgres" ? await scratchDatabase("_import") : null;
  const pgliteDir = path.join(files.dir, "db");
  try {
    const session = await seedAdmin(kind, scratch?.url, pgliteDir);
    const file = encodeCp932(leaverCsv(importRows));
    const server = startServer(
      "app (import)",
      "src/server/main.ts",
      {
        DATA_DIR: files.dir,
        DATABASE_URL: scratch?.url ?? "",
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        NODE_ENV: "production",
        SMTP_URL: "",
        PUBLIC_URL: "",
        TRUST_PROXY: "",
      },
      await freePort(),
      repoRoot,
    );
    let result: Omit<ImportResult, "baselineMs">;
    try {
      await waitHealthy(server, performance.now());
      const base = `/api/networks/${session.networkId}/imports`;
      let started = performance.now();
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(file)], { type: "text/csv" }), "退職者一覧.csv");
      const uploaded = await call(server.port, session, "POST", base, form);
      const previewed = await call(server.port, session, "POST", `${base}/${String(uploaded.id)}/preview`, {
        mapping: uploaded.mapping,
        defaultRole: "alumni",
      });
      const previewMs = elapsed(started);
      if (previewed.okRows !== importRows) throw new Error(`preview found ${String(previewed.okRows)} valid rows of ${importRows}`);
      console.log(`   preview (upload + dry run)  ${previewMs} ms`);

      started = performance.now();
      await call(server.port, session, "POST", `${base}/${String(uploaded.id)}/start`, { note: "" });
      let state: Record<string, unknown>;
      for (;;) {
        state = await call(server.port, session, "GET", `${base}/${String(uploaded.id)}`);
        if (state.status === "done") break;
        if (performance.now() - started > 300_000) throw new Error(`import not done after 300 s: ${JSON.stringify(state).slice(0, 300)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const importMs = elapsed(started);
      console.log(`   import (start → done)       ${importMs} ms, ${String(state.invitedRows)} invited`);
      result = {
        kind,
        label,
        fileMb: file.length / 1024 / 1024,
        previewMs,
        importMs,
        invited: Number(state.invitedRows),
        peakRssMb: peakRssMb(server.pid),
      };
      console.log(`   peak RSS of the server      ${result.peakRssMb.toFixed(0)} MB`);
    } finally {
      await stopServer(server);
    }
    const mail = await mailSize(scratch?.url, pgliteDir);
    const baselineMs = await baseline(scratch?.url, pgliteDir, session.networkId, mail);
    console.log(`   baseline (2 bulk INSERTs)   ${baselineMs} ms`);
    return { ...result, baselineMs };
  } finally {
    await scratch?.drop();
    await files.remove();
  }
}

async function mailSize(url: string | undefined, pgliteDir: string): Promise<number> {
  const database = await openDatabase({ databaseUrl: url, pgliteDir, poolSize: 2 });
  try {
    const row = await inSystem(database, (tx) =>
      tx
        .selectFrom("mail_outbox")
        .select(sql<number>`avg(octet_length(text_body) + octet_length(html_body))::int`.as("bytes"))
        .executeTakeFirstOrThrow(),
    );
    return row.bytes;
  } finally {
    await database.close();
  }
}

export function importMarkdown(results: ImportResult[]): string {
  const lines = results.map(
    (r) =>
      `| ${r.label} | ${r.fileMb.toFixed(1)} MB | ${(r.previewMs / 1000).toFixed(1)} s | ${(r.importMs / 1000).toFixed(1)} s | ${r.invited.toLocaleString("en")} | ${(r.baselineMs / 1000).toFixed(1)} s | ${(r.importMs / r.baselineMs).toFixed(1)} | ${r.peakRssMb.toFixed(0)} MB |`,
  );
  const postgres = results.find((r) => r.kind === "postgres");
  const pglite = results.find((r) => r.kind === "pglite");
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const verdict = postgres
    ? `preview ${met(postgres.previewMs <= importTargets.previewMs)}, import ${met(postgres.importMs <= importTargets.importMs)}, ` +
      `peak RSS ${met(postgres.peakRssMb <= importTargets.rssMb)} (${postgres.peakRssMb.toFixed(0)} MB)`
    : "PostgreSQL not measured";
  const embedded = pglite
    ? ` On PGlite the peak RSS is ${pglite.peakRssMb.toFixed(0)} MB: ${met(pglite.peakRssMb <= importTargets.rssMb)} — the embedded database lives in the same process and holds about 500 MB at rest (the RSS of the PGlite baseline above).`
    : "";
  return `## CSV import of leavers

- A ${importRows.toLocaleString("en")}-row leaver file in CP932 (Shift_JIS as Excel writes it; names include 髙 and 﨑), uploaded to the real server as its network's admin. **preview**: upload, decode, parse and check of every row against the file and the network, with the guessed mapping (two requests). **import**: from \`start\` until the import reports \`done\` (polled every 250 ms): every row invited, with its mail queued (SMTP off: mails are kept in the outbox).
- **baseline**: the same number of invitation rows and of outbox rows (bodies of the import's average size) written by two plain \`INSERT … SELECT generate_series\` statements in the same database, right after — the floor. **peak RSS**: VmHWM of the server process (on PGlite it includes the embedded database).
- Targets (PostgreSQL): preview ≤ ${importTargets.previewMs / 1000} s, import ≤ ${importTargets.importMs / 1000} s, peak RSS ≤ ${importTargets.rssMb} MB. Result: ${verdict}.${embedded}

| database | file | preview | import | invited | baseline | import ÷ baseline | peak RSS |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${lines.join("\n")}
`;
}
