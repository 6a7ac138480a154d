// Server-side sessions. The browser holds a random token in an HttpOnly cookie; the database
// holds its hash. A sign-in always creates a new session (new id), so a planted cookie is useless.
import type { CompiledQuery } from "kysely";
import type { Database } from "../db/database.ts";
import type { AccountRow, SessionRow } from "../db/schema.ts";
import { hashSecret, newSecret } from "./tokens.ts";

export const sessionLifetimeDays = 30;
/** last_seen_at is written at most this often, to keep reads free of writes. */
const touchIntervalMs = 5 * 60 * 1000;

export interface Authenticated {
  account: AccountRow;
  session: SessionRow;
}

export async function createSession(
  database: Database,
  accountId: string,
  info: { ip: string; userAgent: string | null },
): Promise<{ token: string; csrfToken: string; session: SessionRow }> {
  const token = newSecret();
  const csrfToken = newSecret(24);
  const session = await database.db
    .insertInto("sessions")
    .values({
      account_id: accountId,
      token_hash: hashSecret(token),
      csrf_token: csrfToken,
      ip: info.ip,
      user_agent: info.userAgent?.slice(0, 400) ?? null,
      expires_at: new Date(Date.now() + sessionLifetimeDays * 86_400_000),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { token, csrfToken, session };
}

// Every signed-in request runs this query: build and compile it once (compiling it costs
// more CPU than executing it), then run it with new parameters.
let authenticateQuery: CompiledQuery<AuthRow> | null = null;

function compileAuthenticate(database: Database): CompiledQuery<AuthRow> {
  return database.db
    .selectFrom("sessions as s")
    .innerJoin("accounts as a", "a.id", "s.account_id")
    .where("s.token_hash", "=", "")
    .where("s.expires_at", ">", new Date(0))
    .select([
      "s.id as s_id",
      "s.account_id as s_account_id",
      "s.token_hash as s_token_hash",
      "s.csrf_token as s_csrf_token",
      "s.user_agent as s_user_agent",
      "s.ip as s_ip",
      "s.created_at as s_created_at",
      "s.last_seen_at as s_last_seen_at",
      "s.expires_at as s_expires_at",
      "a.id",
      "a.email",
      "a.email_verified_at",
      "a.password_hash",
      "a.display_name",
      "a.locale",
      "a.time_zone",
      "a.is_operator",
      "a.created_at",
      "a.updated_at",
    ])
    .compile();
}

type AuthRow = {
  s_id: string;
  s_account_id: string;
  s_token_hash: string;
  s_csrf_token: string;
  s_user_agent: string | null;
  s_ip: string | null;
  s_created_at: Date;
  s_last_seen_at: Date;
  s_expires_at: Date;
} & AccountRow;

export async function authenticate(database: Database, token: string): Promise<Authenticated | null> {
  authenticateQuery ??= compileAuthenticate(database);
  const result = await database.db.executeQuery<AuthRow>({ ...authenticateQuery, parameters: [hashSecret(token), new Date()] });
  const row = result.rows[0];
  if (!row) return null;
  const session: SessionRow = {
    id: row.s_id,
    account_id: row.s_account_id,
    token_hash: row.s_token_hash,
    csrf_token: row.s_csrf_token,
    user_agent: row.s_user_agent,
    ip: row.s_ip,
    created_at: row.s_created_at,
    last_seen_at: row.s_last_seen_at,
    expires_at: row.s_expires_at,
  };
  const account: AccountRow = {
    id: row.id,
    email: row.email,
    email_verified_at: row.email_verified_at,
    password_hash: row.password_hash,
    display_name: row.display_name,
    locale: row.locale,
    time_zone: row.time_zone,
    is_operator: row.is_operator,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (Date.now() - session.last_seen_at.getTime() > touchIntervalMs) {
    await database.db.updateTable("sessions").set({ last_seen_at: new Date() }).where("id", "=", session.id).execute();
  }
  return { account, session };
}

export async function deleteSession(database: Database, sessionId: string): Promise<void> {
  await database.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}
