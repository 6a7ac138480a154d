// What a handler knows about the caller. Handlers pass it on to services; services never see
// Fastify's request or reply.
import type { Transaction } from "kysely";
import type { Locale, MemberRole } from "../../../shared/limits.ts";
import type { ActiveMembership } from "../auth/sessions.ts";
import type { AccountRow, DB, SessionRow } from "../db/schema.ts";

export interface AccountActor {
  account: AccountRow;
  session: SessionRow;
  /** Active memberships, read together with the session. */
  memberships: ActiveMembership[];
}

/** A signed-in, active member of the network named in the path, inside that network's scope. */
export interface MemberActor extends AccountActor {
  networkId: string;
  membershipId: string;
  role: MemberRole;
  /** The request's transaction, already scoped to the network (RLS applies). */
  tx: Transaction<DB>;
  /** Runs after the transaction commits (mails, events); skipped if it rolls back. */
  afterCommit(task: () => Promise<void>): void;
}

export interface RequestInfo {
  locale: Locale;
  ip: string;
  userAgent: string | null;
}

export interface SessionCookies {
  /** Starts a session in the browser (session token + readable CSRF token). */
  set(token: string, csrfToken: string, expiresAt: Date): void;
  clear(): void;
}

export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
  /** Text fields of the form that came before the file. */
  fields: Record<string, string>;
}
