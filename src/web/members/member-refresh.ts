// After an admin changes a member: every list that shows members, the audit log and the caller's
// own account (a role change of theirs) are read again.
import { accounts, membership, networks, people } from "../../shared/contract/index.ts";
import { invalidate } from "../platform/query.ts";

export async function refreshAfterMemberChange(): Promise<void> {
  await Promise.all([
    invalidate(membership.listManagedMembers),
    invalidate(membership.listAuditLog),
    invalidate(networks.listMembers),
    invalidate(networks.getNetworkHome),
    invalidate(accounts.getMe),
    // HR data and supporters show in the directory and on profiles.
    invalidate(people.listDirectory),
    invalidate(people.getMemberProfile),
  ]);
}
