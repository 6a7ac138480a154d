import type { Member, Network } from "../../shared/contract/networks.ts";
import type { NetworkRow } from "../platform/db/schema.ts";
import { avatarUrl } from "../posts/authors.ts";

export const logoUrl = (key: string | null) => (key ? `/files/${key}` : null);

export function presentNetwork(n: NetworkRow, memberCount: number): Network {
  return {
    id: n.id,
    slug: n.slug,
    name: n.name,
    kind: n.kind,
    logoUrl: logoUrl(n.logo_key),
    purpose: n.purpose,
    eligibility: n.eligibility,
    codeOfConduct: n.code_of_conduct,
    termsVersion: n.terms_version,
    joinRequestsOpen: n.join_requests_open,
    memberCount,
    createdAt: n.created_at.toISOString(),
    updatedAt: n.updated_at.toISOString(),
  };
}

export function presentMember(m: {
  id: string;
  account_id: string;
  display_name: string;
  avatar_key: string | null;
  supporter: boolean;
  role: Member["role"];
  status: Member["status"];
  joined_at: Date | null;
}): Member {
  return {
    id: m.id,
    accountId: m.account_id,
    displayName: m.display_name,
    avatarUrl: avatarUrl(m.avatar_key),
    supporter: m.supporter,
    role: m.role,
    status: m.status,
    joinedAt: m.joined_at?.toISOString() ?? null,
  };
}
