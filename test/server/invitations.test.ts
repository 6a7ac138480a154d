// Invitations as the admins run them: inviting one address with a role and a note, re-sending with a
// new link, revoking, the list with its states and search, and the registration rate.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as membership from "../../src/shared/contract/membership.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { fieldMessage, type FieldMessage } from "../../src/server/platform/i18n/messages.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError } from "../helpers/assertions.ts";
import {
  addMember,
  expireInvitation,
  inviteByApi,
  makeAccount,
  makeQuickTenant,
  newEmail,
  resetRateLimits,
  testPassword,
} from "../helpers/factories.ts";
import { linkToken, mailsTo } from "../helpers/outbox.ts";
import { createTestApp, type Result, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
/** Read-mostly: tests that need a clean list or counts build their own tenant. */
let tenant: Tenant;

beforeAll(async () => {
  t = await createTestApp();
  tenant = await makeQuickTenant(t);
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await resetRateLimits(t);
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });
const ip = (network: Pick<NetworkRow, "id">, invitationId: string) => ({ params: { networkId: network.id, invitationId } });

/** A 409 conflict naming exactly `field` with the (Japanese) message of `key`. */
function expectConflict(res: Result, field: string, key: FieldMessage) {
  const error = expectError(res, 409, "conflict");
  expect(error.fields).toEqual({ [field]: fieldMessage(key, "ja") });
}

const view = (slug: string, token: string) => t.anonymous().call(membership.viewInvitation, { params: { slug }, body: { token } });
const signUp = (slug: string, token: string) =>
  t.anonymous().call(membership.signUpWithInvitation, {
    params: { slug },
    body: { token, termsVersion: 1, displayName: "招待 された人", password: testPassword },
  });

async function listIds(client: typeof tenant.admin.client, network: NetworkRow, query: Record<string, string | number> = {}) {
  const res = await client.call(membership.listInvitations, { ...p(network), query });
  expect(res.status, res.raw).toBe(200);
  return (res.body.items as { id: string }[]).map((i) => i.id);
}

async function auditOf(client: typeof tenant.admin.client, network: NetworkRow) {
  const res = await client.call(membership.listAuditLog, p(network));
  expect(res.status, res.raw).toBe(200);
  return res.body.items as { action: string; actorName: string; subjectName: string; details: Record<string, unknown> }[];
}

describe("POST /api/networks/:networkId/invitations", () => {
  it("invites: 201, mails the link to /join/<slug>#token=… naming the network and quoting the note, lists it as pending", async () => {
    const own = await makeQuickTenant(t);
    const email = newEmail("yamada");
    const note = "お久しぶりです。\nぜひ参加してください。";
    const res = await own.admin.client.call(membership.createInvitation, {
      ...p(own.network),
      body: { email: `  ${email.toUpperCase()} `, name: "山田 太郎", role: "employee", note },
    });
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toMatchObject({
      email,
      name: "山田 太郎",
      role: "employee",
      note,
      locale: "ja",
      state: "pending",
      sendCount: 1,
      openedAt: null,
      acceptedAt: null,
      importId: null,
      invitedByName: own.admin.account.display_name,
    });
    const days = (Date.parse(res.body.expiresAt) - Date.parse(res.body.sentAt)) / 86_400_000;
    expect(Math.round(days)).toBe(30);

    const mails = await mailsTo(t, email, "invitation");
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toContain(own.network.name);
    expect(mail.text_body).toMatch(new RegExp(`http://localhost:3000/join/${own.network.slug}#token=[A-Za-z0-9_-]{20,}`));
    expect(mail.text_body).toContain("> お久しぶりです。\n> ぜひ参加してください。");
    expect(mail.text_body).toContain(own.admin.account.display_name);
    expect(mail.html_body).toContain("<blockquote");
    expect(mail.html_body).toContain("お久しぶりです。");
    const token = linkToken(mail.text_body);
    // The secret lives only in the mail: neither the answer nor the list carries it.
    expect(res.raw).not.toContain(token);

    const list = await own.admin.client.call(membership.listInvitations, p(own.network));
    expect(list.body.items).toEqual([res.body]);
    expect(list.raw).not.toContain(token);
    expect((await view(own.network.slug, token)).body).toMatchObject({ state: "pending", email, role: "employee", note });

    const [entry] = await auditOf(own.admin.client, own.network);
    expect(entry).toMatchObject({ action: "invitation.created", actorName: own.admin.account.display_name, subjectName: email });
  });

  it("the note and the names are escaped in the HTML mail", async () => {
    const email = newEmail();
    await inviteByApi(t, tenant.admin.client, tenant.network, { email, name: "<b>太郎</b>", note: '<script>alert("x")</script>' });
    const [mail] = await mailsTo(t, email, "invitation");
    expect(mail?.html_body).not.toContain("<script>");
    expect(mail?.html_body).not.toContain("<b>太郎</b>");
    expect(mail?.html_body).toContain("&lt;script&gt;");
  });

  it("an invitation without a note has no quote in the mail; an English one is mailed in English", async () => {
    const email = newEmail();
    const res = await tenant.admin.client.call(membership.createInvitation, {
      ...p(tenant.network),
      body: { email, role: "alumni", locale: "en" },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: "", note: "", locale: "en" });
    const [mail] = await mailsTo(t, email, "invitation");
    expect(mail?.subject).toBe(`[Tsunagu] You're invited to the ${tenant.network.name} alumni network`);
    expect(mail?.html_body).not.toContain("<blockquote");
    expect(mail?.text_body).not.toMatch(/^> /m);
  });

  it.each([
    ["email", "a malformed address", { email: "not-an-address", role: "alumni" }],
    ["email", "no address", { role: "alumni" }],
    ["role", "an unknown role", { email: "someone@example.com", role: "owner" }],
    ["role", "no role", { email: "someone@example.com" }],
    ["note", "a note over 1000 characters", { email: "someone@example.com", role: "alumni", note: "x".repeat(1001) }],
    ["locale", "an unknown language", { email: "someone@example.com", role: "alumni", locale: "fr" }],
  ])("400 naming %s for %s; nothing is invited or mailed", async (field, _what, body) => {
    const own = await makeQuickTenant(t);
    expectFieldError(await own.admin.client.call(membership.createInvitation, { ...p(own.network), body }), field);
    expect(await listIds(own.admin.client, own.network)).toEqual([]);
    expect(await mailsTo(t, "someone@example.com")).toEqual([]);
  });

  it("409 already_member for an active member's address (in any case); a former member may be invited again", async () => {
    const own = await makeQuickTenant(t);
    const res = await own.admin.client.call(membership.createInvitation, {
      ...p(own.network),
      body: { email: own.alumni.account.email.toUpperCase(), role: "alumni" },
    });
    expectConflict(res, "email", "already_member");
    expect(await mailsTo(t, own.alumni.account.email, "invitation")).toEqual([]);

    const former = await makeAccount(t);
    await addMember(t, own.network, former, "alumni", "left");
    const again = await own.admin.client.call(membership.createInvitation, {
      ...p(own.network),
      body: { email: former.email, role: "alumni" },
    });
    expect(again.status).toBe(201);
  });

  it("409 previously_removed for the address of a removed member", async () => {
    const removed = await makeAccount(t);
    await addMember(t, tenant.network, removed, "alumni", "removed");
    const res = await tenant.admin.client.call(membership.createInvitation, {
      ...p(tenant.network),
      body: { email: removed.email, role: "alumni" },
    });
    expectConflict(res, "email", "previously_removed");
  });

  it("409 already_invited while an invitation to the address is pending; still one invitation and one mail", async () => {
    const own = await makeQuickTenant(t);
    const email = newEmail();
    await inviteByApi(t, own.admin.client, own.network, { email });
    const res = await own.admin.client.call(membership.createInvitation, {
      ...p(own.network),
      body: { email: email.toUpperCase(), role: "admin" },
    });
    expectConflict(res, "email", "already_invited");
    expect(await listIds(own.admin.client, own.network)).toHaveLength(1);
    expect(await mailsTo(t, email, "invitation")).toHaveLength(1);
  });

  it("after a revoke, inviting the address again reuses the row: same id, sendCount 2, the new link works, the old one not", async () => {
    const own = await makeQuickTenant(t);
    const email = newEmail();
    const first = await inviteByApi(t, own.admin.client, own.network, { email, role: "alumni", name: "前の名前" });
    expect((await own.admin.client.call(membership.revokeInvitation, ip(own.network, first.invitation.id))).status).toBe(200);

    const second = await inviteByApi(t, own.admin.client, own.network, { email, role: "employee", name: "新しい名前" });
    expect(second.invitation).toMatchObject({
      id: first.invitation.id,
      state: "pending",
      sendCount: 2,
      role: "employee",
      name: "新しい名前",
    });
    expect(second.token).not.toBe(first.token);
    expect(await listIds(own.admin.client, own.network)).toEqual([first.invitation.id]);
    expectError(await view(own.network.slug, first.token), 400, "invalid_token");
    expect((await view(own.network.slug, second.token)).body).toMatchObject({ state: "pending", role: "employee" });
  });

  it("after the link expired, inviting the address again reuses the row with a fresh expiry", async () => {
    const own = await makeQuickTenant(t);
    const email = newEmail();
    const first = await inviteByApi(t, own.admin.client, own.network, { email });
    await expireInvitation(t, first.invitation);
    expect(await listIds(own.admin.client, own.network, { state: "expired" })).toEqual([first.invitation.id]);

    const second = await inviteByApi(t, own.admin.client, own.network, { email });
    expect(second.invitation).toMatchObject({ id: first.invitation.id, state: "pending", sendCount: 2 });
    expect(Date.parse(second.invitation.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(await listIds(own.admin.client, own.network, { state: "pending" })).toEqual([first.invitation.id]);
  });

  it.each(["employee", "alumni"] as const)("403 for an %s; nothing is invited", async (role) => {
    const email = newEmail();
    const res = await tenant[role].client.call(membership.createInvitation, { ...p(tenant.network), body: { email, role: "alumni" } });
    expectError(res, 403, "forbidden");
    expect(await mailsTo(t, email)).toEqual([]);
  });

  it("404 for a non-member, 401 without a session", async () => {
    const outsider = await makeQuickTenant(t);
    const body = { email: newEmail(), role: "alumni" };
    expectError(await outsider.admin.client.call(membership.createInvitation, { ...p(tenant.network), body }), 404, "not_found");
    expectError(await t.anonymous().call(membership.createInvitation, { ...p(tenant.network), body }), 401, "unauthenticated");
  });
});

describe("POST /api/networks/:networkId/invitations/:invitationId/resend", () => {
  it("mails a new link with a new expiry; the old link is dead (invalid_token), the new one works", async () => {
    const own = await makeQuickTenant(t);
    const email = newEmail();
    const { invitation, token: oldToken } = await inviteByApi(t, own.admin.client, own.network, { email, note: "再送でも同じメモ" });
    const res = await own.admin.client.call(membership.resendInvitation, ip(own.network, invitation.id));
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({ id: invitation.id, state: "pending", sendCount: 2, note: "再送でも同じメモ" });
    expect(Date.parse(res.body.sentAt)).toBeGreaterThanOrEqual(Date.parse(invitation.sentAt));

    const mails = await mailsTo(t, email, "invitation");
    expect(mails).toHaveLength(2);
    const newToken = linkToken(mails[1]!.text_body);
    expect(newToken).not.toBe(oldToken);
    expect(mails[1]!.text_body).toContain("> 再送でも同じメモ");

    expectError(await view(own.network.slug, oldToken), 400, "invalid_token");
    expectError(await signUp(own.network.slug, oldToken), 400, "invalid_token");
    expect((await view(own.network.slug, newToken)).body).toMatchObject({ state: "pending", email });
    expect((await auditOf(own.admin.client, own.network)).map((e) => e.action)).toEqual(["invitation.resent", "invitation.created"]);
  });

  it("an expired invitation can be re-sent and is pending again", async () => {
    const own = await makeQuickTenant(t);
    const { invitation } = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    await expireInvitation(t, invitation);
    const res = await own.admin.client.call(membership.resendInvitation, ip(own.network, invitation.id));
    expect(res.body).toMatchObject({ state: "pending", sendCount: 2 });
    expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
  });

  it("409 invitation_closed for a revoked or accepted invitation; 404 for an unknown id", async () => {
    const own = await makeQuickTenant(t);
    const revoked = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    await own.admin.client.call(membership.revokeInvitation, ip(own.network, revoked.invitation.id));
    expectConflict(
      await own.admin.client.call(membership.resendInvitation, ip(own.network, revoked.invitation.id)),
      "invitation",
      "invitation_closed",
    );

    const accepted = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    expect((await signUp(own.network.slug, accepted.token)).status).toBe(201);
    expectConflict(
      await own.admin.client.call(membership.resendInvitation, ip(own.network, accepted.invitation.id)),
      "invitation",
      "invitation_closed",
    );

    expectError(await own.admin.client.call(membership.resendInvitation, ip(own.network, crypto.randomUUID())), 404, "not_found");
  });

  it("403 for an employee", async () => {
    const { invitation } = await inviteByApi(t, tenant.admin.client, tenant.network, { email: newEmail() });
    expectError(await tenant.employee.client.call(membership.resendInvitation, ip(tenant.network, invitation.id)), 403, "forbidden");
  });
});

describe("POST /api/networks/:networkId/invitations/:invitationId/revoke", () => {
  it("revokes: the list says revoked, the link shows revoked and joining answers 410 invitation_revoked; nothing is created", async () => {
    const own = await makeQuickTenant(t);
    const email = newEmail();
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email });
    const res = await own.admin.client.call(membership.revokeInvitation, ip(own.network, invitation.id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: invitation.id, state: "revoked" });

    expect((await view(own.network.slug, token)).body.state).toBe("revoked");
    expectError(await signUp(own.network.slug, token), 410, "invitation_revoked");
    const account = await t.database.db.selectFrom("accounts").select("id").where("email", "=", email).executeTakeFirst();
    expect(account).toBeUndefined();
    expect((await auditOf(own.admin.client, own.network))[0]).toMatchObject({ action: "invitation.revoked", subjectName: email });
  });

  it("409 invitation_closed when revoking twice or after it was accepted; 404 for an unknown id; 403 for an alumni", async () => {
    const own = await makeQuickTenant(t);
    const { invitation } = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    await own.admin.client.call(membership.revokeInvitation, ip(own.network, invitation.id));
    expectConflict(
      await own.admin.client.call(membership.revokeInvitation, ip(own.network, invitation.id)),
      "invitation",
      "invitation_closed",
    );

    const accepted = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    expect((await signUp(own.network.slug, accepted.token)).status).toBe(201);
    expectConflict(
      await own.admin.client.call(membership.revokeInvitation, ip(own.network, accepted.invitation.id)),
      "invitation",
      "invitation_closed",
    );

    expectError(await own.admin.client.call(membership.revokeInvitation, ip(own.network, crypto.randomUUID())), 404, "not_found");
    const pending = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    expectError(await own.alumni.client.call(membership.revokeInvitation, ip(own.network, pending.invitation.id)), 403, "forbidden");
    expect(await listIds(own.admin.client, own.network, { state: "pending" })).toEqual([pending.invitation.id]);
  });
});

describe("GET /api/networks/:networkId/invitations and registration stats", () => {
  /** One invitation in each state, newest first in `all`. */
  let own: Tenant;
  let ids: { pending: string; expired: string; accepted: string; revoked: string };

  beforeAll(async () => {
    own = await makeQuickTenant(t);
    const pending = await inviteByApi(t, own.admin.client, own.network, { email: newEmail("pending"), name: "佐藤 花子" });
    const expired = await inviteByApi(t, own.admin.client, own.network, { email: newEmail("expired"), name: "鈴木 一郎" });
    await expireInvitation(t, expired.invitation);
    const accepted = await inviteByApi(t, own.admin.client, own.network, { email: newEmail("accepted"), name: "高橋 翔太" });
    const joined = await signUp(own.network.slug, accepted.token);
    if (joined.status !== 201) throw new Error(joined.raw);
    const revoked = await inviteByApi(t, own.admin.client, own.network, { email: newEmail("revoked"), name: "100%_本気" });
    await own.admin.client.call(membership.revokeInvitation, ip(own.network, revoked.invitation.id));
    ids = {
      pending: pending.invitation.id,
      expired: expired.invitation.id,
      accepted: accepted.invitation.id,
      revoked: revoked.invitation.id,
    };
    // Sent a minute apart in this order (PGlite's clock has milliseconds: quick inserts may tie).
    await inSystem(t.database, async (tx) => {
      for (const [i, id] of [ids.pending, ids.expired, ids.accepted, ids.revoked].entries())
        await tx
          .updateTable("invitations")
          .set({ created_at: new Date(Date.UTC(2025, 3, 1, 9, i)) })
          .where("id", "=", id)
          .execute();
    });
  });

  it("lists every invitation newest first, each in its state", async () => {
    const res = await own.admin.client.call(membership.listInvitations, p(own.network));
    expect(res.body.items.map((i: { id: string; state: string }) => [i.id, i.state])).toEqual([
      [ids.revoked, "revoked"],
      [ids.accepted, "accepted"],
      [ids.expired, "expired"],
      [ids.pending, "pending"],
    ]);
    expect(res.body.nextCursor).toBeNull();
    const accepted = res.body.items[1];
    expect(typeof accepted.acceptedAt).toBe("string");
  });

  it.each(["pending", "expired", "accepted", "revoked"] as const)("filters by state=%s", async (state) => {
    expect(await listIds(own.admin.client, own.network, { state })).toEqual([ids[state]]);
  });

  it("searches address and name (q), with % and _ taken literally", async () => {
    expect(await listIds(own.admin.client, own.network, { q: "PENDING-" })).toEqual([ids.pending]);
    expect(await listIds(own.admin.client, own.network, { q: "鈴木" })).toEqual([ids.expired]);
    expect(await listIds(own.admin.client, own.network, { q: "100%_" })).toEqual([ids.revoked]);
    expect(await listIds(own.admin.client, own.network, { q: "%" })).toEqual([ids.revoked]);
    expect(await listIds(own.admin.client, own.network, { q: "nobody-at-all" })).toEqual([]);
    expect(await listIds(own.admin.client, own.network, { q: "example.com", state: "accepted" })).toEqual([ids.accepted]);
  });

  it("pages with limit and nextCursor, each invitation once", async () => {
    const first = await own.admin.client.call(membership.listInvitations, { ...p(own.network), query: { limit: 3 } });
    expect(first.body.items).toHaveLength(3);
    const second = await own.admin.client.call(membership.listInvitations, {
      ...p(own.network),
      query: { limit: 3, cursor: first.body.nextCursor },
    });
    expect(second.body.nextCursor).toBeNull();
    expect([...first.body.items, ...second.body.items].map((i: { id: string }) => i.id)).toEqual([
      ids.revoked,
      ids.accepted,
      ids.expired,
      ids.pending,
    ]);
  });

  it("400 naming state for an unknown state", async () => {
    expectFieldError(await own.admin.client.call(membership.listInvitations, { ...p(own.network), query: { state: "lost" } }), "state");
  });

  it("registration stats: revoked ones do not count as invited; registered ÷ invited", async () => {
    const res = await own.admin.client.call(membership.getRegistrationStats, p(own.network));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ invited: 3, registered: 1, rate: 1 / 3, imports: [] });
  });

  it("registration stats of a network that invited nobody: rate 0", async () => {
    const fresh = await makeQuickTenant(t);
    const res = await fresh.admin.client.call(membership.getRegistrationStats, p(fresh.network));
    expect(res.body).toEqual({ invited: 0, registered: 0, rate: 0, imports: [] });
  });

  it.each(["employee", "alumni"] as const)("403 for an %s on the list and the stats", async (role) => {
    expectError(await own[role].client.call(membership.listInvitations, p(own.network)), 403, "forbidden");
    expectError(await own[role].client.call(membership.getRegistrationStats, p(own.network)), 403, "forbidden");
  });

  it("lists only this network's invitations", async () => {
    const other = await makeQuickTenant(t);
    await inviteByApi(t, other.admin.client, other.network, { email: newEmail() });
    expect(await listIds(own.admin.client, own.network)).toHaveLength(4);
    expect(await listIds(other.admin.client, other.network)).toHaveLength(1);
  });

  it("the network home's invite_members step is done once someone was invited", async () => {
    const home = await own.admin.client.call(networks.getNetworkHome, p(own.network));
    expect(home.body.firstSteps).toContainEqual({ key: "invite_members", done: true });
  });
});

describe("invitation rows", () => {
  it("the secret is stored only as a hash", async () => {
    const { invitation, token } = await inviteByApi(t, tenant.admin.client, tenant.network, { email: newEmail() });
    const row = await inSystem(t.database, (tx) =>
      tx.selectFrom("invitations").selectAll().where("id", "=", invitation.id).executeTakeFirstOrThrow(),
    );
    expect(row.token_hash).not.toBe(token);
    expect(JSON.stringify(row)).not.toContain(token);
  });
});
