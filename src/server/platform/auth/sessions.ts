// Server-side sessions. The browser holds a random token in an HttpOnly cookie; the database
// holds its hash. A sign-in always creates a new session (new id), so a planted cookie is useless.
import type { MemberRole } from "../../../shared/limits.ts";
import type { Database } from "../db/database.ts";
import type { AccountRow, SessionRow } from "../db/schema.ts";
import { hashSecret, newSecret } from "./tokens.ts";

export const sessionLifetimeDays = 30;
/** last_seen_at is written at most this often, to keep reads free of writes. */
const touchIntervalMs = 5 * 60 * 1000;

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

/** An active membership of the signed-in account, read together with the session. */
export interface ActiveMembership {
  membershipId: string;
  networkId: string;
  slug: string;
  name: string;
  kind: "company" | "volunteer";
  logoKey: string | null;
  role: MemberRole;
  /** When the member last used this network (to the hour), ISO text. */
  lastActiveAt: string | null;
}

export interface Authenticated {
  account: AccountRow;
  session: SessionRow;
  /** Active memberships, by network name: the network switcher and every member route's access check. */
  memberships: ActiveMembership[];
}

// One statement returns the session, its account and the account's active memberships. It runs
// in the account scope (RLS shows the person's own memberships only), whose account id comes
// from the session itself — so a signed-in request is authenticated in one round-trip.
const scopeFromSession = (hash: string) => `select
  set_config('app.account_id', coalesce((select account_id::text from sessions where token_hash = ${hash} and expires_at > now()), ''), true),
  set_config('app.network_id', '', true), set_config('app.system', '', true), set_config('role', 'tsunagu_app', true)`;

const sessionWithMemberships = (hash: string) => `select
  s.id as s_id, s.account_id as s_account_id, s.token_hash as s_token_hash, s.csrf_token as s_csrf_token,
  s.user_agent as s_user_agent, s.ip as s_ip, s.created_at as s_created_at, s.last_seen_at as s_last_seen_at,
  s.expires_at as s_expires_at, a.*,
  coalesce((
    select json_agg(json_build_object('membershipId', m.id, 'networkId', n.id, 'slug', n.slug, 'name', n.name,
                                      'kind', n.kind, 'logoKey', n.logo_key, 'role', m.role,
                                      'lastActiveAt', m.last_active_at) order by n.name, n.id)
    from memberships m join networks n on n.id = m.network_id
    where m.account_id = a.id and m.status = 'active'), '[]') as memberships
from sessions s join accounts a on a.id = s.account_id
where s.token_hash = ${hash} and s.expires_at > now()`;

const preparedSessionStatements = [
  { name: "tsunagu_session_scope", text: scopeFromSession("$1::text") },
  { name: "tsunagu_session_read", text: sessionWithMemberships("$1::text") },
];

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
  memberships: ActiveMembership[];
} & AccountRow;

async function readSession(database: Database, tokenHash: string): Promise<AuthRow | undefined> {
  // The whole scoped read as one message (see tenancy/scoped-read.ts), with both statements
  // prepared once per connection — planning them cost more than running them.
  const hash = database.literal(tokenHash);
  const results = await database.batch(
    [`execute tsunagu_session_scope(${hash})`, `execute tsunagu_session_read(${hash})`],
    preparedSessionStatements,
  );
  return results[1]?.[0] as AuthRow | undefined;
}

export async function authenticate(database: Database, token: string): Promise<Authenticated | null> {
  const row = await readSession(database, hashSecret(token));
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
    avatar_key: row.avatar_key,
    locale: row.locale,
    time_zone: row.time_zone,
    is_operator: row.is_operator,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
  if (Date.now() - session.last_seen_at.getTime() > touchIntervalMs) {
    await database.db.updateTable("sessions").set({ last_seen_at: new Date() }).where("id", "=", session.id).execute();
  }
  return { account, session, memberships: row.memberships };
}

export async function deleteSession(database: Database, sessionId: string): Promise<void> {
  await database.db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}
