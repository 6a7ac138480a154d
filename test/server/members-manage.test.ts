// Member management by the admins — the table with HR data and activity, removal with a reason,
// letting people back in — a member leaving or accepting the terms, and the audit log of it all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as membership from "../../src/shared/contract/membership.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import * as people from "../../src/shared/contract/people.ts";
import type { MembershipRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { fieldMessage, type FieldMessage } from "../../src/server/platform/i18n/messages.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { rebuildMemberProfiles } from "../../src/server/people/profile-index.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import { addMember, inviteByApi, makeAccount, makeQuickTenant, newEmail, sessionClient } from "../helpers/factories.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });
const mp = (network: Pick<NetworkRow, "id">, member: Pick<MembershipRow, "id">) => ({
  params: { networkId: network.id, memberId: member.id },
});

function expectConflict(res: Result, field: string, key: FieldMessage) {
  const error = expectError(res, 409, "conflict");
  expect(error.fields).toEqual({ [field]: fieldMessage(key, "ja") });
}

interface Managed {
  id: string;
  accountId: string;
  displayName: string;
  email: string;
  role: string;
  status: string;
  leftAt: string | null;
  lastActiveAt: string | null;
  termsAcceptedAt: string | null;
  removedReason: string | null;
  hr: { name: string | null; joinYear: number | null; leaveYear: number | null; department: string | null };
}

async function managed(admin: Client, network: Pick<NetworkRow, "id">, query: Record<string, string | number> = {}): Promise<Managed[]> {
  const res = await admin.call(membership.listManagedMembers, { ...p(network), query });
  expect(res.status, res.raw).toBe(200);
  return res.body.items as Managed[];
}

const managedIds = async (admin: Client, network: Pick<NetworkRow, "id">, query: Record<string, string | number> = {}) =>
  (await managed(admin, network, query)).map((m) => m.id);

async function audit(admin: Client, network: Pick<NetworkRow, "id">, query: Record<string, string | number> = {}) {
  const res = await admin.call(membership.listAuditLog, { ...p(network), query });
  expect(res.status, res.raw).toBe(200);
  return res.body as {
    items: { id: string; action: string; actorName: string; subjectName: string; details: Record<string, unknown>; createdAt: string }[];
    nextCursor: string | null;
  };
}

/** HR data as an import leaves it, with the member's index rows rebuilt (as every writer of HR data does). */
const setHr = (
  member: Pick<MembershipRow, "id" | "network_id">,
  values: Partial<Pick<MembershipRow, "hr_name" | "hr_join_year" | "hr_leave_year" | "hr_department">>,
) =>
  inSystem(t.database, async (tx) => {
    await tx.updateTable("memberships").set(values).where("id", "=", member.id).execute();
    await rebuildMemberProfiles(tx, { networkId: member.network_id, memberIds: [member.id] });
  });

const isVisibleTo = async (client: Client, network: Pick<NetworkRow, "id">) =>
  (await client.call(networks.getNetworkHome, p(network))).status === 200;

describe("GET /api/networks/:networkId/manage/members", () => {
  let own: Tenant;
  let hanako: MembershipRow;
  let departed: MembershipRow;
  let removed: MembershipRow;
  let hanakoAccount: Awaited<ReturnType<typeof makeAccount>>;

  beforeAll(async () => {
    own = await makeQuickTenant(t);
    hanakoAccount = await makeAccount(t, { name: "花子 さん", email: newEmail("hanako") });
    hanako = await addMember(t, own.network, hanakoAccount, "alumni");
    await setHr(hanako, { hr_name: "山田 花子", hr_join_year: 2010, hr_leave_year: 2020, hr_department: "営業部" });
    departed = await addMember(t, own.network, await makeAccount(t, { name: "去った 人" }), "alumni", "left");
    await setHr(departed, { hr_join_year: 2012, hr_leave_year: 2019 });
    removed = await addMember(t, own.network, await makeAccount(t, { name: "除名 された人" }), "employee", "removed");
    await inSystem(t.database, async (tx) => {
      await tx.updateTable("memberships").set({ removed_reason: "規約違反" }).where("id", "=", removed.id).execute();
      // Joined a minute apart, oldest first (PGlite's clock has milliseconds: quick inserts may tie).
      const order = [own.admin.membership, own.employee.membership, own.alumni.membership, hanako, departed, removed];
      for (const [i, m] of order.entries())
        await tx
          .updateTable("memberships")
          .set({ created_at: new Date(Date.UTC(2025, 3, 1, 9, i)) })
          .where("id", "=", m.id)
          .execute();
    });
  });

  it("lists every member, newest first, with email, status, HR data and the removal reason", async () => {
    const items = await managed(own.admin.client, own.network);
    expect(items.map((m) => m.id)).toEqual([
      removed.id,
      departed.id,
      hanako.id,
      own.alumni.membership.id,
      own.employee.membership.id,
      own.admin.membership.id,
    ]);
    expect(items[2]).toMatchObject({
      accountId: hanakoAccount.id,
      displayName: "花子 さん",
      email: hanakoAccount.email,
      role: "alumni",
      status: "active",
      removedReason: null,
      hr: { name: "山田 花子", joinYear: 2010, leaveYear: 2020, department: "営業部" },
    });
    expect(items[0]).toMatchObject({ status: "removed", removedReason: "規約違反", role: "employee" });
    expect(items[1]).toMatchObject({ status: "left", hr: { name: null, joinYear: 2012, leaveYear: 2019, department: null } });
  });

  it.each([
    ["a display name", { q: "花子 さ" }],
    ["an HR name", { q: "山田" }],
    ["an address, in any case", { q: "HANAKO-" }],
  ])("finds by %s", async (_what, query) => {
    expect(await managedIds(own.admin.client, own.network, query)).toEqual([hanako.id]);
  });

  it("filters by role, status, join and leave years (the import's, when the member stated none), also combined", async () => {
    const ids = (query: Record<string, string | number>) => managedIds(own.admin.client, own.network, query);
    expect(await ids({ role: "employee" })).toEqual([removed.id, own.employee.membership.id]);
    expect(await ids({ role: "employee", status: "active" })).toEqual([own.employee.membership.id]);
    expect(await ids({ status: "left" })).toEqual([departed.id]);
    expect(await ids({ status: "removed" })).toEqual([removed.id]);
    expect(await ids({ joinFrom: 2010, joinTo: 2010 })).toEqual([hanako.id]);
    expect(await ids({ joinFrom: 2010 })).toEqual([departed.id, hanako.id]);
    expect(await ids({ leaveTo: 2019 })).toEqual([departed.id]);
    expect(await ids({ leaveFrom: 2019, status: "active" })).toEqual([hanako.id]);
    expect(await ids({ department: "営業" })).toEqual([hanako.id]);
    expect(await ids({ supporter: "false", role: "alumni", status: "active" })).toEqual([hanako.id, own.alumni.membership.id]);
    expect(await ids({ q: "no such person" })).toEqual([]);
  });

  it("pages with limit and nextCursor", async () => {
    const first = await own.admin.client.call(membership.listManagedMembers, { ...p(own.network), query: { limit: 4 } });
    const second = await own.admin.client.call(membership.listManagedMembers, {
      ...p(own.network),
      query: { limit: 4, cursor: first.body.nextCursor },
    });
    expect(first.body.items).toHaveLength(4);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    expect(new Set([...first.body.items, ...second.body.items].map((m: Managed) => m.id)).size).toBe(6);
  });

  it.each([
    ["joinFrom", { joinFrom: "abc" }],
    ["leaveTo", { leaveTo: 1800 }],
    ["joinTo", { joinFrom: 2012, joinTo: 2010 }],
    ["status", { status: "gone" }],
    ["role", { role: "owner" }],
    ["openTo.1", { openTo: "comeback,flying" }],
  ])("400 naming %s", async (field, query) => {
    expectFieldError(await own.admin.client.call(membership.listManagedMembers, { ...p(own.network), query }), field);
  });

  it.each(["employee", "alumni"] as const)("403 for an %s", async (role) => {
    expectError(await own[role].client.call(membership.listManagedMembers, p(own.network)), 403, "forbidden");
  });

  it("lastActiveAt is empty until the member's first request in the network, then set", async () => {
    const fresh = await makeQuickTenant(t);
    const lastActive = async () =>
      (await managed(fresh.admin.client, fresh.network)).find((m) => m.id === fresh.alumni.membership.id)?.lastActiveAt;
    expect(await lastActive()).toBeNull();
    // A request that is not about this network does not count.
    expect((await fresh.alumni.client.call(accounts.getMe)).status).toBe(200);
    expect(await lastActive()).toBeNull();
    expect(await isVisibleTo(fresh.alumni.client, fresh.network)).toBe(true);
    const set = await lastActive();
    expect(typeof set).toBe("string");
    expect(Date.parse(set!)).toBeGreaterThan(Date.now() - 60_000);
    // The admin's own row is set by the admin's requests.
    expect((await managed(fresh.admin.client, fresh.network)).find((m) => m.id === fresh.admin.membership.id)?.lastActiveAt).not.toBeNull();
  });
});

describe("POST /api/networks/:networkId/members/:memberId/remove and /reactivate", () => {
  it("removes with a reason: status removed, reason kept, audit entry, and the person is out (404)", async () => {
    const own = await makeQuickTenant(t);
    const res = await own.admin.client.call(membership.removeMember, {
      ...mp(own.network, own.alumni.membership),
      body: { reason: "  なりすましの疑い  " },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ id: own.alumni.membership.id, status: "removed", removedReason: "なりすましの疑い" });
    expect(typeof res.body.leftAt).toBe("string");

    const [entry] = (await audit(own.admin.client, own.network)).items;
    expect(entry).toMatchObject({
      action: "member.removed",
      actorName: own.admin.account.display_name,
      subjectName: own.alumni.account.display_name,
      details: { reason: "なりすましの疑い" },
    });
    expectError(await own.alumni.client.call(networks.getNetworkHome, p(own.network)), 404, "not_found");
    expectError(await own.alumni.client.call(networks.listMembers, p(own.network)), 404, "not_found");
    expect((await own.alumni.client.call(accounts.getMe)).body.networks).toEqual([]);
    expect((await managed(own.admin.client, own.network, { status: "removed" })).map((m) => m.removedReason)).toEqual(["なりすましの疑い"]);
  });

  it("removing someone who had left revokes the invitation waiting for their address", async () => {
    const own = await makeQuickTenant(t);
    const person = await makeAccount(t);
    const left = await addMember(t, own.network, person, "alumni", "left");
    const { invitation } = await inviteByApi(t, own.admin.client, own.network, { email: person.email });
    expect((await own.admin.client.call(membership.removeMember, { ...mp(own.network, left), body: { reason: "退職理由" } })).status).toBe(
      200,
    );
    const list = await own.admin.client.call(membership.listInvitations, p(own.network));
    expect(list.body.items.map((i: { id: string; state: string }) => [i.id, i.state])).toEqual([[invitation.id, "revoked"]]);
  });

  it("removing a removed member again changes nothing and writes no second entry", async () => {
    const own = await makeQuickTenant(t);
    const remove = () =>
      own.admin.client.call(membership.removeMember, { ...mp(own.network, own.employee.membership), body: { reason: "一回目" } });
    const first = await remove();
    const second = await own.admin.client.call(membership.removeMember, {
      ...mp(own.network, own.employee.membership),
      body: { reason: "二回目" },
    });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect((await audit(own.admin.client, own.network)).items.filter((e) => e.action === "member.removed")).toHaveLength(1);
  });

  it("409 not_yourself for the admin's own membership; 400 naming reason; 404 for an unknown member; 403 for an employee", async () => {
    const own = await makeQuickTenant(t);
    expectConflict(
      await own.admin.client.call(membership.removeMember, { ...mp(own.network, own.admin.membership), body: { reason: "自分" } }),
      "member",
      "not_yourself",
    );
    expectFieldError(
      await own.admin.client.call(membership.removeMember, { ...mp(own.network, own.alumni.membership), body: { reason: "  " } }),
      "reason",
    );
    expectFieldError(
      await own.admin.client.call(membership.removeMember, { ...mp(own.network, own.alumni.membership), body: {} }),
      "reason",
    );
    expectError(
      await own.admin.client.call(membership.removeMember, { ...mp(own.network, { id: crypto.randomUUID() }), body: { reason: "x" } }),
      404,
      "not_found",
    );
    expectError(
      await own.employee.client.call(membership.removeMember, { ...mp(own.network, own.alumni.membership), body: { reason: "x" } }),
      403,
      "forbidden",
    );
    expect(await managedIds(own.admin.client, own.network, { status: "active" })).toHaveLength(3);
  });

  it("an admin removes another admin while they stay the network's admin", async () => {
    const own = await makeQuickTenant(t);
    const other = await makeAccount(t);
    const otherAdmin = await addMember(t, own.network, other, "admin");
    const res = await own.admin.client.call(membership.removeMember, { ...mp(own.network, otherAdmin), body: { reason: "交代" } });
    expect(res.body).toMatchObject({ status: "removed", role: "admin" });
    expect(await isVisibleTo(await sessionClient(t, other), own.network)).toBe(false);
  });

  it("reactivates a removed member: active again, reason and leftAt cleared, audit entry; 409 not_inactive when active", async () => {
    const own = await makeQuickTenant(t);
    await own.admin.client.call(membership.removeMember, { ...mp(own.network, own.alumni.membership), body: { reason: "誤り" } });
    const res = await own.admin.client.call(membership.reactivateMember, mp(own.network, own.alumni.membership));
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ id: own.alumni.membership.id, status: "active", removedReason: null, leftAt: null, role: "alumni" });
    expect(res.body.joinedAt).toBe(own.alumni.membership.joined_at?.toISOString());
    expect(await isVisibleTo(own.alumni.client, own.network)).toBe(true);
    expect((await audit(own.admin.client, own.network)).items.map((e) => e.action)).toEqual(["member.reactivated", "member.removed"]);
    expectConflict(
      await own.admin.client.call(membership.reactivateMember, mp(own.network, own.alumni.membership)),
      "member",
      "not_inactive",
    );
  });

  it("reactivates someone who left", async () => {
    const own = await makeQuickTenant(t);
    expect((await own.alumni.client.call(membership.leaveNetwork, p(own.network))).status).toBe(204);
    expect((await own.admin.client.call(membership.reactivateMember, mp(own.network, own.alumni.membership))).body.status).toBe("active");
    expect(await isVisibleTo(own.alumni.client, own.network)).toBe(true);
  });

  it("403 for an alumni; 404 for an unknown member", async () => {
    const own = await makeQuickTenant(t);
    expectError(await own.alumni.client.call(membership.reactivateMember, mp(own.network, own.employee.membership)), 403, "forbidden");
    expectError(await own.admin.client.call(membership.reactivateMember, mp(own.network, { id: crypto.randomUUID() })), 404, "not_found");
  });
});

describe("POST /api/networks/:networkId/leave", () => {
  it("a member leaves: 204, status left, audit member.left by them, and the network is gone for them", async () => {
    const own = await makeQuickTenant(t);
    const res = await own.alumni.client.call(membership.leaveNetwork, p(own.network));
    expect(res.status, res.raw).toBe(204);
    const [row] = await managed(own.admin.client, own.network, { status: "left" });
    expect(row).toMatchObject({ id: own.alumni.membership.id, status: "left" });
    expect(typeof row?.leftAt).toBe("string");
    expect((await audit(own.admin.client, own.network)).items[0]).toMatchObject({
      action: "member.left",
      actorName: own.alumni.account.display_name,
      subjectName: own.alumni.account.display_name,
    });
    expectError(await own.alumni.client.call(networks.getNetworkHome, p(own.network)), 404, "not_found");
    expectError(await own.alumni.client.call(membership.leaveNetwork, p(own.network)), 404, "not_found");
    expect((await own.alumni.client.call(accounts.getMe)).body.networks).toEqual([]);
  });

  it("409 last_admin_leave for the only admin, who stays; another admin may leave while one remains", async () => {
    const own = await makeQuickTenant(t);
    expectConflict(await own.admin.client.call(membership.leaveNetwork, p(own.network)), "member", "last_admin_leave");
    expect((await own.admin.client.call(networks.getNetworkHome, p(own.network))).body.myRole).toBe("admin");

    const second = await makeAccount(t);
    await addMember(t, own.network, second, "admin");
    expect((await own.admin.client.call(membership.leaveNetwork, p(own.network))).status).toBe(204);
    const secondClient = await sessionClient(t, second);
    expectConflict(await secondClient.call(membership.leaveNetwork, p(own.network)), "member", "last_admin_leave");
  });

  it("nor can the last admin step down by a role change (409 naming role)", async () => {
    const own = await makeQuickTenant(t);
    const res = await own.admin.client.call(networks.changeMemberRole, {
      ...mp(own.network, own.admin.membership),
      body: { role: "alumni" },
    });
    expectConflict(res, "role", "last_admin");
  });

  it("401 without a session; 404 for a non-member", async () => {
    const own = await makeQuickTenant(t);
    expectError(await t.anonymous().call(membership.leaveNetwork, p(own.network)), 401, "unauthenticated");
    expectError(await (await sessionClient(t, await makeAccount(t))).call(membership.leaveNetwork, p(own.network)), 404, "not_found");
  });
});

describe("POST /api/networks/:networkId/terms", () => {
  it("records the accepted version; a change of the code of conduct asks again", async () => {
    const own = await makeQuickTenant(t);
    const termsStep = async () => {
      const home = await own.alumni.client.call(networks.getNetworkHome, p(own.network));
      return (home.body.firstSteps as { key: string; done: boolean }[]).find((s) => s.key === "accept_terms")?.done;
    };
    expect(await termsStep()).toBe(false);
    const res = await own.alumni.client.call(membership.acceptNetworkTerms, { ...p(own.network), body: { termsVersion: 1 } });
    expect(res.status, res.raw).toBe(204);
    expect(await termsStep()).toBe(true);
    const row = (await managed(own.admin.client, own.network)).find((m) => m.id === own.alumni.membership.id);
    expect(typeof row?.termsAcceptedAt).toBe("string");

    await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { codeOfConduct: "新しい行動指針" } });
    expect(await termsStep()).toBe(false);
    expectError(
      await own.alumni.client.call(membership.acceptNetworkTerms, { ...p(own.network), body: { termsVersion: 1 } }),
      409,
      "terms_changed",
    );
    expect((await own.alumni.client.call(membership.acceptNetworkTerms, { ...p(own.network), body: { termsVersion: 2 } })).status).toBe(
      204,
    );
    expect(await termsStep()).toBe(true);
  });

  it("400 naming termsVersion; 404 for a non-member", async () => {
    const own = await makeQuickTenant(t);
    expectFieldError(await own.alumni.client.call(membership.acceptNetworkTerms, { ...p(own.network), body: {} }), "termsVersion");
    const stranger = await sessionClient(t, await makeAccount(t));
    expectError(await stranger.call(membership.acceptNetworkTerms, { ...p(own.network), body: { termsVersion: 1 } }), 404, "not_found");
  });
});

describe("GET /api/networks/:networkId/audit-log", () => {
  it("records role changes with from/to (none when the role stays), newest first, page by page", async () => {
    const own = await makeQuickTenant(t);
    const change = (role: string) =>
      own.admin.client.call(networks.changeMemberRole, { ...mp(own.network, own.alumni.membership), body: { role } });
    expect((await change("employee")).status).toBe(200);
    expect((await change("employee")).status).toBe(200);
    expect((await change("admin")).status).toBe(200);
    await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });

    const all = await audit(own.admin.client, own.network);
    expect(all.items.map((e) => [e.action, e.details])).toEqual([
      ["invitation.created", { role: "alumni" }],
      ["member.role_changed", { from: "employee", to: "admin" }],
      ["member.role_changed", { from: "alumni", to: "employee" }],
    ]);
    expect(all.items[1]).toMatchObject({ actorName: own.admin.account.display_name, subjectName: own.alumni.account.display_name });
    const times = all.items.map((e) => Date.parse(e.createdAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const first = await audit(own.admin.client, own.network, { limit: 2 });
    const second = await audit(own.admin.client, own.network, { limit: 2, cursor: first.nextCursor ?? "" });
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(all.items.map((e) => e.id));
    expect(second.nextCursor).toBeNull();
  });

  it("only this network's entries", async () => {
    const a = await makeQuickTenant(t);
    const b = await makeQuickTenant(t);
    await inviteByApi(t, b.admin.client, b.network, { email: newEmail() });
    expect((await audit(a.admin.client, a.network)).items).toEqual([]);
    expect((await audit(b.admin.client, b.network)).items).toHaveLength(1);
  });

  it.each(["employee", "alumni"] as const)("403 for an %s", async (role) => {
    const own = await makeQuickTenant(t);
    expectError(await own[role].client.call(membership.listAuditLog, p(own.network)), 403, "forbidden");
  });
});

describe("PUT /api/networks/:networkId/members/:memberId/supporter", () => {
  it("appoints active alumni only, idempotently; a role change away from alumni ends it; audit entries", async () => {
    const n = await makeQuickTenant(t);
    const appoint = (client: Client, member: Pick<MembershipRow, "id">, supporter: boolean) =>
      client.call(membership.setMemberSupporter, { ...mp(n.network, member), body: { supporter } });

    expect((await appoint(n.employee.client, n.alumni.membership, true)).status).toBe(403);
    expectConflict(await appoint(n.admin.client, n.employee.membership, true), "member", "supporter_alumni_only");

    const first = await appoint(n.admin.client, n.alumni.membership, true);
    expect(first.status, first.raw).toBe(200);
    expect(first.body.supporterSince).not.toBeNull();
    const again = await appoint(n.admin.client, n.alumni.membership, true);
    expect(again.body.supporterSince).toBe(first.body.supporterSince);

    const changed = await n.admin.client.call(networks.changeMemberRole, {
      ...mp(n.network, n.alumni.membership),
      body: { role: "employee" },
    });
    expect(changed.status, changed.raw).toBe(200);
    const list = await n.admin.client.call(membership.listManagedMembers, { ...p(n.network), query: { role: "employee" } });
    const row = (list.body.items as { id: string; supporterSince: string | null }[]).find((m) => m.id === n.alumni.membership.id);
    expect(row?.supporterSince).toBeNull();

    const actions = await inSystem(t.database, async (tx) =>
      (await tx.selectFrom("audit_log").select("action").where("network_id", "=", n.network.id).execute()).map((r) => r.action),
    );
    expect(actions.filter((a) => a === "member.supporter_appointed")).toHaveLength(1);
    const other = await makeQuickTenant(t);
    expect((await appoint(other.admin.client, n.alumni.membership, false)).status).toBe(404);
  });
});

describe("the profile in the managed list", () => {
  it("shows what the admins may see — alumni-only and admins-only fields, the import beside the member's own — never a field kept to self", async () => {
    const n = await makeQuickTenant(t);
    await setHr(n.alumni.membership, { hr_join_year: 2009, hr_leave_year: 2019, hr_department: "人事部" });
    const global = await n.alumni.client.call(people.updateMyProfile, {
      body: {
        nameReading: "すずき",
        company: "次の会社",
        position: "CTO",
        industry: "it",
        location: "JP-14",
        visibility: { company: "alumni", position: "admins", location: "self" },
      },
    });
    expect(global.status, global.raw).toBe(200);
    const local = await n.alumni.client.call(people.updateMyMemberProfile, {
      ...p(n.network),
      body: {
        joinYear: 2010,
        departments: [{ department: "開発部", position: "リーダー", fromYear: 2010, toYear: 2019 }],
        employmentType: "full_time",
        openTo: ["mentoring"],
        visibility: { departments: "admins", openTo: "self" },
      },
    });
    expect(local.status, local.raw).toBe(200);

    const row = (await n.admin.client.call(membership.listManagedMembers, p(n.network))).body.items.find(
      (m: { id: string }) => m.id === n.alumni.membership.id,
    );
    expect(row).toMatchObject({
      nameReading: "すずき",
      hr: { joinYear: 2009, leaveYear: 2019, department: "人事部" },
      profile: {
        company: "次の会社",
        position: "CTO",
        industry: "it",
        location: null,
        joinYear: { value: 2010, source: "member" },
        leaveYear: { value: 2019, source: "import" },
        departments: [{ department: "開発部", position: "リーダー", fromYear: 2010, toYear: 2019, source: "member" }],
        employmentType: "full_time",
        openTo: [],
      },
    });
    // Filters read the same level: a field kept to self finds nobody, an admins-only one does.
    const ids = (query: Record<string, string | number>) => managedIds(n.admin.client, n.network, query);
    expect(await ids({ location: "JP-14" })).toEqual([]);
    expect(await ids({ openTo: "mentoring" })).toEqual([]);
    expect(await ids({ department: "開発" })).toEqual([n.alumni.membership.id]);
    expect(await ids({ department: "人事" })).toEqual([]);
    expect(await ids({ industry: "it", joinFrom: 2010, joinTo: 2010 })).toEqual([n.alumni.membership.id]);
    expect(await ids({ q: "スズキ" })).toEqual([n.alumni.membership.id]);
  });
});

describe("PATCH /api/networks/:networkId/members/:memberId/hr", () => {
  const patchHr = (client: Client, network: Pick<NetworkRow, "id">, member: Pick<MembershipRow, "id">, body: Record<string, unknown>) =>
    client.call(membership.updateMemberHr, { ...mp(network, member), body });

  it("changes only the fields sent, records before and after, and the directory finds the new department at once", async () => {
    const n = await makeQuickTenant(t);
    await setHr(n.alumni.membership, { hr_name: "旧姓 太郎", hr_join_year: 2008, hr_department: "総務部" });
    const res = await patchHr(n.admin.client, n.network, n.alumni.membership, { hrDepartment: "  海外事業推進室  ", hrLeaveYear: 2016 });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({
      id: n.alumni.membership.id,
      hr: { name: "旧姓 太郎", joinYear: 2008, leaveYear: 2016, department: "海外事業推進室" },
      profile: {
        joinYear: { value: 2008, source: "import" },
        leaveYear: { value: 2016, source: "import" },
        departments: [{ department: "海外事業推進室", fromYear: 2008, toYear: 2016, source: "import" }],
      },
    });
    const [entry] = (await audit(n.admin.client, n.network)).items;
    expect(entry).toMatchObject({
      action: "member.hr_updated",
      actorName: n.admin.account.display_name,
      subjectName: n.alumni.account.display_name,
      details: { before: { hrLeaveYear: null, hrDepartment: "総務部" }, after: { hrLeaveYear: 2016, hrDepartment: "海外事業推進室" } },
    });

    // Another member finds them in the directory by the new department, and by the new years.
    const directory = async (query: Record<string, string | number>) => {
      const found = await n.employee.client.call(people.listDirectory, { ...p(n.network), query });
      expect(found.status, found.raw).toBe(200);
      return (found.body.items as { memberId: string }[]).map((c) => c.memberId);
    };
    expect(await directory({ q: "海外事業" })).toEqual([n.alumni.membership.id]);
    expect(await directory({ q: "総務部" })).toEqual([]);
    expect(await directory({ department: "海外事業推進" })).toEqual([n.alumni.membership.id]);
    expect(await directory({ leaveFrom: 2016, leaveTo: 2016 })).toEqual([n.alumni.membership.id]);

    // Clearing: null (or an empty text) removes a value; sending the same values again records nothing.
    const cleared = await patchHr(n.admin.client, n.network, n.alumni.membership, { hrName: "", hrJoinYear: null });
    expect(cleared.body.hr).toEqual({ name: null, joinYear: null, leaveYear: 2016, department: "海外事業推進室" });
    await patchHr(n.admin.client, n.network, n.alumni.membership, { hrLeaveYear: 2016, hrDepartment: "海外事業推進室" });
    expect((await audit(n.admin.client, n.network)).items.filter((e) => e.action === "member.hr_updated")).toHaveLength(2);
  });

  it("400 with field errors: years outside 1900–2100, a join year after the leave year (also against the stored one)", async () => {
    const n = await makeQuickTenant(t);
    const patch = (body: Record<string, unknown>) => patchHr(n.admin.client, n.network, n.alumni.membership, body);
    expectFieldError(await patch({ hrJoinYear: 1899 }), "hrJoinYear");
    expectFieldError(await patch({ hrLeaveYear: 2101 }), "hrLeaveYear");
    expectFieldError(await patch({ hrJoinYear: "2010" }), "hrJoinYear");
    expectFieldError(await patch({ hrDepartment: "部".repeat(101) }), "hrDepartment");
    const order = expectFieldError(await patch({ hrJoinYear: 2015, hrLeaveYear: 2010 }), "hrLeaveYear");
    expect(order).toBe(fieldMessage("years_order", "ja"));
    expect((await patch({ hrLeaveYear: 2012 })).status).toBe(200);
    expectFieldError(await patch({ hrJoinYear: 2013 }), "hrJoinYear");
    const english = await makeAccount(t, { locale: "en" });
    await addMember(t, n.network, english, "admin");
    expect(
      expectFieldError(await patchHr(await sessionClient(t, english), n.network, n.alumni.membership, { hrJoinYear: 2013 }), "hrJoinYear"),
    ).toBe(fieldMessage("years_order", "en"));
    expect((await audit(n.admin.client, n.network)).items.filter((e) => e.action === "member.hr_updated")).toHaveLength(1);
  });

  it("403 for an employee or alumni, 404 for another network's member", async () => {
    const n = await makeQuickTenant(t);
    const other = await makeQuickTenant(t);
    expectError(await patchHr(n.employee.client, n.network, n.alumni.membership, { hrDepartment: "x" }), 403, "forbidden");
    expectError(await patchHr(n.alumni.client, n.network, n.alumni.membership, { hrDepartment: "x" }), 403, "forbidden");
    expectError(await patchHr(n.admin.client, n.network, other.alumni.membership, { hrDepartment: "x" }), 404, "not_found");
    expectError(await patchHr(n.admin.client, other.network, other.alumni.membership, { hrDepartment: "x" }), 404, "not_found");
  });
});

describe("the supporter's appointment date", () => {
  /** YYYY-MM-DD in Tokyo, the test accounts' time zone. */
  const tokyoDate = (date: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(date);

  it("appoints from a given date (midnight in the admin's time zone), today by default, and corrects it", async () => {
    const n = await makeQuickTenant(t);
    const appoint = (body: Record<string, unknown>) =>
      n.admin.client.call(membership.setMemberSupporter, { ...mp(n.network, n.alumni.membership), body });
    const first = await appoint({ supporter: true, since: "2024-04-01" });
    expect(first.status, first.raw).toBe(200);
    expect(first.body.supporterSince).toBe("2024-03-31T15:00:00.000Z");
    // Appointing again without a date keeps it; with another, corrects it (and says so in the log).
    expect((await appoint({ supporter: true })).body.supporterSince).toBe("2024-03-31T15:00:00.000Z");
    expect((await appoint({ supporter: true, since: "2023-10-01" })).body.supporterSince).toBe("2023-09-30T15:00:00.000Z");
    const entries = (await audit(n.admin.client, n.network)).items.filter((e) => e.action === "member.supporter_appointed");
    expect(entries.map((e) => e.details)).toEqual([{ since: "2023-10-01" }, { since: "2024-04-01" }]);

    expect((await appoint({ supporter: false })).body.supporterSince).toBeNull();
    const today = await appoint({ supporter: true });
    expect(tokyoDate(new Date(today.body.supporterSince))).toBe(tokyoDate(new Date()));
    const listed = await managed(n.admin.client, n.network, { supporter: "true" });
    expect(listed.map((m) => m.id)).toEqual([n.alumni.membership.id]);
  });

  it("400 naming since for a day to come or not a date", async () => {
    const n = await makeQuickTenant(t);
    const appoint = (since: string) =>
      n.admin.client.call(membership.setMemberSupporter, { ...mp(n.network, n.alumni.membership), body: { supporter: true, since } });
    const tomorrow = tokyoDate(new Date(Date.now() + 36 * 3600 * 1000));
    expect(expectFieldError(await appoint(tomorrow), "since")).toBe(fieldMessage("date_future", "ja"));
    expectFieldError(await appoint("2024-02-30"), "since");
    expectFieldError(await appoint("2024/04/01"), "since");
    expect((await appoint(tokyoDate(new Date()))).status).toBe(200);
  });
});
