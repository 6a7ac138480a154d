// Kysely's view of the tables. Keep in step with migrations/*.sql.
import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AccountsTable {
  id: Generated<string>;
  email: string;
  email_verified_at: NullableTimestamp;
  password_hash: string | null;
  display_name: string;
  locale: "ja" | "en";
  time_zone: Generated<string>;
  is_operator: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  account_id: string;
  token_hash: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface AccountTokensTable {
  id: Generated<string>;
  account_id: string;
  purpose: "verify_email" | "reset_password";
  token_hash: string;
  email: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface NetworksTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: "company" | "volunteer";
  logo_key: string | null;
  purpose: Generated<string>;
  eligibility: Generated<string>;
  code_of_conduct: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipsTable {
  network_id: string;
  id: Generated<string>;
  account_id: string;
  role: "admin" | "employee" | "alumni";
  status: "invited" | "active" | "left" | "removed";
  joined_at: NullableTimestamp;
  left_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  locale: "ja" | "en";
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: Generated<"queued" | "sent" | "failed" | "kept">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  done_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface PlatformSettingsTable {
  key: string;
  value: string;
  updated_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Generated<Date>;
}

export interface DB {
  accounts: AccountsTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  networks: NetworksTable;
  memberships: MembershipsTable;
  mail_outbox: MailOutboxTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
  platform_settings: PlatformSettingsTable;
  schema_migrations: SchemaMigrationsTable;
}

export type AccountRow = Selectable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NetworkRow = Selectable<NetworksTable>;
export type MembershipRow = Selectable<MembershipsTable>;
