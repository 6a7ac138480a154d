// Turns account rows into the API's shapes. Never includes the password hash.
import type { Account, Me, MyNetwork, SessionInfo } from "../../shared/contract/accounts.ts";
import type { ActiveMembership } from "../platform/auth/sessions.ts";
import type { AccountRow, SessionRow } from "../platform/db/schema.ts";
import { avatarUrl } from "../posts/authors.ts";

export function presentAccount(a: AccountRow): Account {
  return {
    id: a.id,
    email: a.email,
    displayName: a.display_name,
    avatarUrl: avatarUrl(a.avatar_key),
    locale: a.locale,
    timeZone: a.time_zone,
    emailVerified: a.email_verified_at !== null,
    isOperator: a.is_operator,
    createdAt: a.created_at.toISOString(),
  };
}

export function presentMe(account: AccountRow, session: Pick<SessionRow, "csrf_token">, networks: MyNetwork[]): Me {
  return { account: presentAccount(account), networks, csrfToken: session.csrf_token };
}

export function presentMyNetwork(m: ActiveMembership): MyNetwork {
  return {
    id: m.networkId,
    slug: m.slug,
    name: m.name,
    kind: m.kind,
    logoUrl: m.logoKey ? `/files/${m.logoKey}` : null,
    role: m.role,
    memberId: m.membershipId,
  };
}

export function presentSession(s: SessionRow, currentId: string): SessionInfo {
  return {
    id: s.id,
    createdAt: s.created_at.toISOString(),
    lastSeenAt: s.last_seen_at.toISOString(),
    userAgent: s.user_agent,
    ip: s.ip,
    current: s.id === currentId,
  };
}
