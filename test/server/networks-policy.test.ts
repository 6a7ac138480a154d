// The network policy: pure functions of the member's role.
import { describe, expect, it } from "vitest";
import { allowedActions, canEditNetworkSettings, canManageMembers, canViewMembers } from "../../src/server/networks/networks.policy.ts";
import { memberRoles, type MemberRole } from "../../src/shared/limits.ts";

const expected: Record<MemberRole, { editSettings: boolean; manageMembers: boolean; viewMembers: boolean }> = {
  admin: { editSettings: true, manageMembers: true, viewMembers: true },
  employee: { editSettings: false, manageMembers: false, viewMembers: true },
  alumni: { editSettings: false, manageMembers: false, viewMembers: true },
};

describe("networks policy", () => {
  it("covers every role", () => {
    expect(Object.keys(expected).sort()).toEqual([...memberRoles].sort());
  });

  it.each(memberRoles)("%s", (role) => {
    const actor = { role };
    expect({
      editSettings: canEditNetworkSettings(actor),
      manageMembers: canManageMembers(actor),
      viewMembers: canViewMembers(actor),
    }).toEqual(expected[role]);
    expect(allowedActions(actor)).toEqual({ editSettings: expected[role].editSettings, manageMembers: expected[role].manageMembers });
  });
});
