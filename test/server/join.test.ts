// Coming into a network: an invitation link (viewed, then accepted with a new account or a signed-in
// one) and the public join page with its join requests, which the admins approve or decline.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as membership from "../../src/shared/contract/membership.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import { fieldMessage, type FieldMessage } from "../../src/server/platform/i18n/messages.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { cookieNamed, expectError, expectFieldError } from "../helpers/assertions.ts";
import {
  addMember,
  expireInvitation,
  inviteByApi,
  makeAccount,
  makeQuickTenant,
  newEmail,
  resetRateLimits,
  sessionClient,
  testPassword,
} from "../helpers/factories.ts";
import { lastMailTo, mailsTo } from "../helpers/outbox.ts";
import { createTestApp, type Client, type Result, type TestApp } from "../helpers/test-app.ts";

type Tenant = Awaited<ReturnType<typeof makeQuickTenant>>;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await resetRateLimits(t);
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });
const s = (network: Pick<NetworkRow, "slug">) => ({ params: { slug: network.slug } });

function expectConflict(res: Result, field: string, key: FieldMessage) {
  const error = expectError(res, 409, "conflict");
  expect(error.fields).toEqual({ [field]: fieldMessage(key, "ja") });
}

const view = (network: Pick<NetworkRow, "slug">, token: string, client: Client = t.anonymous()) =>
  client.call(membership.viewInvitation, { ...s(network), body: { token } });

function signUp(network: Pick<NetworkRow, "slug">, token: string, overrides: Record<string, unknown> = {}, client: Client = t.anonymous()) {
  return client.call(membership.signUpWithInvitation, {
    ...s(network),
    body: { token, termsVersion: 1, displayName: "新しい 参加者", password: testPassword, ...overrides },
  });
}

const accept = (client: Client, network: Pick<NetworkRow, "slug">, token: string, termsVersion = 1) =>
  client.call(membership.acceptInvitation, { ...s(network), body: { token, termsVersion } });

const accountByEmail = (email: string) =>
  inSystem(t.database, (tx) => tx.selectFrom("accounts").selectAll().where("email", "=", email).executeTakeFirst());

const membershipsOf = (network: Pick<NetworkRow, "id">, accountId: string) =>
  inSystem(t.database, (tx) =>
    tx.selectFrom("memberships").selectAll().where("network_id", "=", network.id).where("account_id", "=", accountId).execute(),
  );

const invitationRow = (id: string) =>
  inSystem(t.database, (tx) => tx.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirstOrThrow());

async function myNetworks(client: Client) {
  const me = await client.call(accounts.getMe);
  expect(me.status, me.raw).toBe(200);
  return (me.body.networks as { id: string; role: string }[]).map((n) => ({ id: n.id, role: n.role }));
}

async function auditActions(admin: Client, network: Pick<NetworkRow, "id">) {
  const res = await admin.call(membership.listAuditLog, p(network));
  expect(res.status, res.raw).toBe(200);
  return res.body.items as { action: string; actorName: string; subjectName: string; details: Record<string, unknown> }[];
}

describe("POST /api/join/:slug/invitation (view)", () => {
  let own: Tenant;
  beforeAll(async () => {
    own = await makeQuickTenant(t);
  });

  it("shows the network's terms and what the invitation is for; marks it opened the first time only", async () => {
    const email = newEmail();
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, {
      email,
      name: "田中 一郎",
      role: "employee",
      note: "ぜひ",
    });
    const res = await view(own.network, token);
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({
      network: {
        id: own.network.id,
        slug: own.network.slug,
        name: own.network.name,
        logoUrl: null,
        purpose: "目的",
        eligibility: "参加資格",
        codeOfConduct: "行動指針",
        termsVersion: 1,
        joinRequestsOpen: false,
      },
      state: "pending",
      email,
      name: "田中 一郎",
      role: "employee",
      note: "ぜひ",
      inviterName: own.admin.account.display_name,
      expiresAt: invitation.expiresAt,
      accountExists: false,
      alreadyMember: false,
    });

    const opened = (await invitationRow(invitation.id)).opened_at;
    expect(opened).toBeInstanceOf(Date);
    expect((await view(own.network, token)).status).toBe(200);
    expect((await invitationRow(invitation.id)).opened_at).toEqual(opened);
    const listed = await own.admin.client.call(membership.listInvitations, p(own.network));
    expect(listed.body.items.find((i: { id: string }) => i.id === invitation.id).openedAt).toBe(opened?.toISOString());
  });

  it("accountExists when an account has the invited address; alreadyMember for a signed-in member", async () => {
    const existing = await makeAccount(t);
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: existing.email });
    expect((await view(own.network, token)).body).toMatchObject({ accountExists: true, alreadyMember: false });
    expect((await view(own.network, token, own.alumni.client)).body).toMatchObject({ accountExists: true, alreadyMember: true });
  });

  it("an expired link shows state expired and is not marked opened", async () => {
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    await expireInvitation(t, invitation);
    expect((await view(own.network, token)).body.state).toBe("expired");
    expect((await invitationRow(invitation.id)).opened_at).toBeNull();
  });

  it("400 invalid_token for an unknown token, 400 naming token for a malformed one, 409 invitation_other_network on another slug", async () => {
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    expectError(await view(own.network, "x".repeat(43)), 400, "invalid_token");
    expectFieldError(await view(own.network, "short"), "token");
    const other = await makeQuickTenant(t);
    expectError(await view(other.network, token), 409, "invitation_other_network");
  });
});

describe("POST /api/join/:slug/invitation/sign-up", () => {
  let own: Tenant;
  beforeAll(async () => {
    own = await makeQuickTenant(t);
  });

  it("creates a verified account with the invited address, signs it in and makes it a member with the invited role", async () => {
    const email = newEmail();
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email, role: "employee", name: "人事の 名前" });
    const client = t.anonymous();
    const res = await signUp(own.network, token, { displayName: "  自分の 名前 ", locale: "en" }, client);
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toEqual({ networkId: own.network.id, slug: own.network.slug });
    expect(cookieNamed(res, "tsunagu_session").value.length).toBeGreaterThan(20);

    const account = await accountByEmail(email);
    expect(account).toMatchObject({ email, display_name: "自分の 名前", locale: "en" });
    expect(account?.email_verified_at).toBeInstanceOf(Date);

    const me = await client.call(accounts.getMe);
    expect(me.body.account).toMatchObject({ id: account?.id, email, emailVerified: true });
    expect(me.body.networks).toEqual([expect.objectContaining({ id: own.network.id, slug: own.network.slug, role: "employee" })]);

    const rows = await membershipsOf(own.network, account!.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "active",
      role: "employee",
      terms_version: 1,
      hr_name: "人事の 名前",
      invitation_id: invitation.id,
    });
    expect(rows[0]?.terms_accepted_at).toBeInstanceOf(Date);
    expect(rows[0]?.joined_at).toBeInstanceOf(Date);

    const inv = await invitationRow(invitation.id);
    expect(inv).toMatchObject({ status: "accepted", accepted_by: account?.id });
    expect(inv.accepted_at).toBeInstanceOf(Date);

    // The new member is in: the network home answers, with the terms step done.
    const home = await client.call(networks.getNetworkHome, p(own.network));
    expect(home.status).toBe(200);
    expect(home.body.firstSteps).toEqual([
      { key: "accept_terms", done: true },
      { key: "verify_email", done: true },
    ]);
    const [joined] = await auditActions(own.admin.client, own.network);
    expect(joined).toMatchObject({ action: "member.joined", subjectName: "自分の 名前", details: { via: "invitation", role: "employee" } });
  });

  it("410 invitation_expired for an expired link; no account, no membership, no cookie", async () => {
    const email = newEmail();
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email });
    await expireInvitation(t, invitation);
    const res = await signUp(own.network, token);
    expectError(res, 410, "invitation_expired");
    expect(res.headers["set-cookie"]).toBeUndefined();
    expect(await accountByEmail(email)).toBeUndefined();
    expect((await invitationRow(invitation.id)).status).toBe("pending");
  });

  it("410 invitation_revoked for a revoked link; no account", async () => {
    const email = newEmail();
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email });
    await own.admin.client.call(membership.revokeInvitation, { params: { networkId: own.network.id, invitationId: invitation.id } });
    expectError(await signUp(own.network, token), 410, "invitation_revoked");
    expect(await accountByEmail(email)).toBeUndefined();
  });

  it("409 invitation_used the second time (sign-up or accept); still exactly one membership", async () => {
    const email = newEmail();
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email });
    const client = t.anonymous();
    expect((await signUp(own.network, token, {}, client)).status).toBe(201);
    expectError(await signUp(own.network, token), 409, "invitation_used");
    expectError(await accept(client, own.network, token), 409, "invitation_used");
    const account = await accountByEmail(email);
    expect(await membershipsOf(own.network, account!.id)).toHaveLength(1);
    expect((await view(own.network, token)).body.state).toBe("accepted");
  });

  it("409 invitation_other_network when the token is used on another network's page; nothing is created", async () => {
    const email = newEmail();
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email });
    const other = await makeQuickTenant(t);
    expectError(await signUp(other.network, token), 409, "invitation_other_network");
    expect(await accountByEmail(email)).toBeUndefined();
  });

  it("409 terms_changed for a terms version that is not the current one; nothing is created", async () => {
    const email = newEmail();
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email });
    expectError(await signUp(own.network, token, { termsVersion: 2 }), 409, "terms_changed");
    expect(await accountByEmail(email)).toBeUndefined();
  });

  it("400 invalid_token for an unknown token; 400 naming password / displayName / termsVersion", async () => {
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    expectError(await signUp(own.network, "y".repeat(43)), 400, "invalid_token");
    expectFieldError(await signUp(own.network, token, { password: "short" }), "password");
    expectFieldError(await signUp(own.network, token, { displayName: "   " }), "displayName");
    expectFieldError(await signUp(own.network, token, { termsVersion: 0 }), "termsVersion");
  });

  it("409 naming email (email_taken) when an account with the address exists; it is not made a member", async () => {
    const existing = await makeAccount(t);
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email: existing.email });
    expectConflict(await signUp(own.network, token), "email", "email_taken");
    expect(await membershipsOf(own.network, existing.id)).toEqual([]);
    expect((await invitationRow(invitation.id)).status).toBe("pending");
  });
});

describe("POST /api/join/:slug/invitation/accept", () => {
  it("one account in two networks: a member of A accepts B's invitation signed in; /api/me lists both", async () => {
    const a = await makeQuickTenant(t);
    const b = await makeQuickTenant(t);
    const person = a.alumni;
    const { invitation, token } = await inviteByApi(t, b.admin.client, b.network, { email: person.account.email, role: "employee" });
    expect((await view(b.network, token, person.client)).body).toMatchObject({ accountExists: true, alreadyMember: false });

    const res = await accept(person.client, b.network, token);
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ networkId: b.network.id, slug: b.network.slug });
    const mine = await myNetworks(person.client);
    expect(mine).toHaveLength(2);
    expect(mine).toEqual(
      expect.arrayContaining([
        { id: a.network.id, role: "alumni" },
        { id: b.network.id, role: "employee" },
      ]),
    );
    expect((await person.client.call(networks.getNetworkHome, p(b.network))).body.myRole).toBe("employee");
    expect((await person.client.call(networks.getNetworkHome, p(a.network))).body.myRole).toBe("alumni");
    expect((await invitationRow(invitation.id)).accepted_by).toBe(person.account.id);
  });

  it("an account of another address may accept; its address is not verified by it", async () => {
    const own = await makeQuickTenant(t);
    const unverified = await makeAccount(t, { verified: false });
    const client = await sessionClient(t, unverified);
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: newEmail() });
    expect((await accept(client, own.network, token)).status).toBe(200);
    expect((await myNetworks(client)).map((n) => n.id)).toEqual([own.network.id]);
    expect((await accountByEmail(unverified.email))?.email_verified_at).toBeNull();
  });

  it("a member who opens someone else's link changes nothing: the invitation stays open for its addressee", async () => {
    const own = await makeQuickTenant(t);
    const invitee = newEmail("invitee");
    const { invitation, token } = await inviteByApi(t, own.admin.client, own.network, { email: invitee });
    const res = await accept(own.alumni.client, own.network, token);
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toEqual({ networkId: own.network.id, slug: own.network.slug });
    const row = await inSystem(t.database, (tx) =>
      tx.selectFrom("invitations").select(["status", "accepted_by"]).where("id", "=", invitation.id).executeTakeFirstOrThrow(),
    );
    expect(row).toEqual({ status: "pending", accepted_by: null });
    // The person it was meant for still signs up with it.
    expect((await signUp(own.network, token)).status).toBe(201);
  });

  it("accepting verifies an unverified account whose address was invited", async () => {
    const own = await makeQuickTenant(t);
    const unverified = await makeAccount(t, { verified: false });
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: unverified.email });
    expect((await accept(await sessionClient(t, unverified), own.network, token)).status).toBe(200);
    expect((await accountByEmail(unverified.email))?.email_verified_at).toBeInstanceOf(Date);
  });

  it("a member who left and is invited again comes back on the same membership row", async () => {
    const own = await makeQuickTenant(t);
    const person = own.alumni;
    expect((await person.client.call(membership.leaveNetwork, p(own.network))).status).toBe(204);
    expect(await myNetworks(person.client)).toEqual([]);

    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: person.account.email, role: "employee" });
    expect((await accept(person.client, own.network, token)).status).toBe(200);
    const rows = await membershipsOf(own.network, person.account.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: person.membership.id, status: "active", role: "employee", left_at: null });
    expect(await myNetworks(person.client)).toEqual([{ id: own.network.id, role: "employee" }]);
  });

  it("409 terms_changed, 409 invitation_other_network; 401 without a session", async () => {
    const own = await makeQuickTenant(t);
    const other = await makeQuickTenant(t);
    const person = await makeAccount(t);
    const client = await sessionClient(t, person);
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: person.email });
    expectError(await accept(client, own.network, token, 3), 409, "terms_changed");
    expectError(await accept(client, other.network, token), 409, "invitation_other_network");
    expectError(await accept(t.anonymous(), own.network, token), 401, "unauthenticated");
    expect(await membershipsOf(own.network, person.id)).toEqual([]);
  });
});

describe("the join page and join requests", () => {
  /** A network whose admins opened the join page (through the settings). */
  async function openTenant(): Promise<Tenant> {
    const own = await makeQuickTenant(t);
    const res = await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { joinRequestsOpen: true } });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.network).toMatchObject({ joinRequestsOpen: true, termsVersion: 1 });
    return own;
  }

  const requestBody = (account?: { email: string; displayName?: string }) => ({
    message: "以前営業部にいました。",
    termsVersion: 1,
    ...(account ? { account: { displayName: "申請 する人", password: testPassword, ...account } } : {}),
  });

  const requestJoin = (client: Client, network: Pick<NetworkRow, "slug">, body: object = requestBody()) =>
    client.call(membership.createJoinRequest, { ...s(network), body });

  async function requestsOf(admin: Client, network: Pick<NetworkRow, "id">, query: Record<string, string> = {}) {
    const res = await admin.call(membership.listJoinRequests, { ...p(network), query });
    expect(res.status, res.raw).toBe(200);
    return res.body.items as { id: string; accountId: string; status: string; email: string; message: string }[];
  }

  it("404 while the network takes no requests (and for an unknown slug); 200 with its terms once opened", async () => {
    const own = await makeQuickTenant(t);
    expectError(await t.anonymous().call(membership.getJoinPage, s(own.network)), 404, "not_found");
    expectError(await t.anonymous().call(membership.getJoinPage, { params: { slug: "no-such-network" } }), 404, "not_found");
    expectError(await requestJoin(t.anonymous(), own.network, requestBody({ email: newEmail() })), 404, "not_found");

    await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { joinRequestsOpen: true } });
    const res = await t.anonymous().call(membership.getJoinPage, { params: { slug: own.network.slug.toUpperCase() } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      network: {
        id: own.network.id,
        slug: own.network.slug,
        name: own.network.name,
        logoUrl: null,
        purpose: "目的",
        eligibility: "参加資格",
        codeOfConduct: "行動指針",
        termsVersion: 1,
        joinRequestsOpen: true,
      },
      me: null,
    });
    expect((await t.anonymous().call(membership.getJoinPage, s(own.network))).raw).not.toContain(own.admin.account.email);
    expect((await own.alumni.client.call(membership.getJoinPage, s(own.network))).body.me).toEqual({ status: "member" });
    const stranger = await sessionClient(t, await makeAccount(t));
    expect((await stranger.call(membership.getJoinPage, s(own.network))).body.me).toEqual({ status: "none" });

    await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { joinRequestsOpen: false } });
    expectError(await t.anonymous().call(membership.getJoinPage, s(own.network)), 404, "not_found");
  });

  it("signed out, with a new account: 201; the account is created unverified and signed in; every admin is mailed", async () => {
    const own = await openTenant();
    const secondAdmin = await makeAccount(t, { locale: "en" });
    await addMember(t, own.network, secondAdmin, "admin");
    const formerAdmin = await makeAccount(t);
    await addMember(t, own.network, formerAdmin, "admin", "left");

    const email = newEmail("requester");
    const client = t.anonymous();
    const res = await requestJoin(client, own.network, requestBody({ email: email.toUpperCase(), displayName: "申請 花子" }));
    expect(res.status, res.raw).toBe(201);
    expect(res.body).toEqual({ status: "request_pending" });

    const account = await accountByEmail(email);
    expect(account).toMatchObject({ display_name: "申請 花子", email_verified_at: null });
    const me = await client.call(accounts.getMe);
    expect(me.body.account).toMatchObject({ id: account?.id, emailVerified: false });
    expect(me.body.networks).toEqual([]);
    expect(await mailsTo(t, email, "verify_email")).toHaveLength(1);

    const mail = await lastMailTo(t, own.admin.account.email, "join_request_received");
    expect(mail.subject).toContain(own.network.name);
    expect(mail.text_body).toContain("申請 花子");
    expect(mail.text_body).toContain("> 以前営業部にいました。");
    expect(mail.text_body).toContain(`http://localhost:3000/n/${own.network.slug}/manage/requests`);
    expect((await lastMailTo(t, secondAdmin.email, "join_request_received")).locale).toBe("en");
    expect(await mailsTo(t, formerAdmin.email)).toEqual([]);
    expect(await mailsTo(t, own.alumni.account.email)).toEqual([]);

    expect((await client.call(membership.getJoinPage, s(own.network))).body.me).toEqual({ status: "request_pending" });
    const [listed] = await requestsOf(own.admin.client, own.network);
    expect(listed).toMatchObject({ accountId: account?.id, email, message: "以前営業部にいました。", status: "pending" });
  });

  it("signed in: 201 without an account part; a second request while one waits is 409 request_pending", async () => {
    const own = await openTenant();
    const person = await makeAccount(t);
    const client = await sessionClient(t, person);
    expect((await requestJoin(client, own.network)).status).toBe(201);
    expectConflict(await requestJoin(client, own.network), "request", "request_pending");
    expect(await requestsOf(own.admin.client, own.network)).toHaveLength(1);
    expect((await requestsOf(own.admin.client, own.network))[0]?.accountId).toBe(person.id);
  });

  it("409 already_member for a member; 400 naming account without a session or an account part", async () => {
    const own = await openTenant();
    expectConflict(await requestJoin(own.alumni.client, own.network), "request", "already_member");
    expectFieldError(await requestJoin(t.anonymous(), own.network), "account");
    expect(await requestsOf(own.admin.client, own.network)).toEqual([]);
  });

  it("409 naming account.email when the address has an account; 409 terms_changed for an old version; nothing is created", async () => {
    const own = await openTenant();
    const existing = await makeAccount(t);
    expectConflict(await requestJoin(t.anonymous(), own.network, requestBody({ email: existing.email })), "account.email", "email_taken");
    const email = newEmail();
    expectError(await requestJoin(t.anonymous(), own.network, { ...requestBody({ email }), termsVersion: 2 }), 409, "terms_changed");
    expect(await accountByEmail(email)).toBeUndefined();
    expect(await requestsOf(own.admin.client, own.network)).toEqual([]);
    expect(await mailsTo(t, own.admin.account.email, "join_request_received")).toEqual([]);
  });

  it("approve with a role: the requester is an active member with that role and is mailed the reply", async () => {
    const own = await openTenant();
    const person = await makeAccount(t);
    const client = await sessionClient(t, person);
    await requestJoin(client, own.network);
    const [request] = await requestsOf(own.admin.client, own.network, { status: "pending" });

    const res = await own.admin.client.call(membership.decideJoinRequest, {
      params: { networkId: own.network.id, requestId: request!.id },
      body: { decision: "approve", role: "employee", reply: "ようこそ！\nまずはプロフィールを。" },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body).toMatchObject({
      id: request!.id,
      accountId: person.id,
      status: "approved",
      reply: "ようこそ！\nまずはプロフィールを。",
      decidedByName: own.admin.account.display_name,
    });
    expect(typeof res.body.decidedAt).toBe("string");

    expect(await myNetworks(client)).toEqual([{ id: own.network.id, role: "employee" }]);
    const [row] = await membershipsOf(own.network, person.id);
    expect(row).toMatchObject({ status: "active", role: "employee", terms_version: 1 });
    const mail = await lastMailTo(t, person.email, "join_request_approved");
    expect(mail.subject).toContain(own.network.name);
    expect(mail.text_body).toContain("> ようこそ！\n> まずはプロフィールを。");
    expect(mail.text_body).toContain(`http://localhost:3000/n/${own.network.slug}`);

    const actions = (await auditActions(own.admin.client, own.network)).map((e) => [e.action, e.actorName]);
    expect(actions.slice(0, 2)).toEqual([
      ["join_request.approved", own.admin.account.display_name],
      ["member.joined", own.admin.account.display_name],
    ]);
    expect(await requestsOf(own.admin.client, own.network, { status: "approved" })).toHaveLength(1);
    expect(await requestsOf(own.admin.client, own.network, { status: "pending" })).toEqual([]);

    expectConflict(
      await own.admin.client.call(membership.decideJoinRequest, {
        params: { networkId: own.network.id, requestId: request!.id },
        body: { decision: "decline" },
      }),
      "request",
      "request_decided",
    );
    expect(await myNetworks(client)).toEqual([{ id: own.network.id, role: "employee" }]);
  });

  it("decline: status declined, the reply is mailed, the page says request_declined, deciding again is 409", async () => {
    const own = await openTenant();
    const person = await makeAccount(t);
    const client = await sessionClient(t, person);
    await requestJoin(client, own.network);
    const [request] = await requestsOf(own.admin.client, own.network);
    const decide = (decision: "approve" | "decline") =>
      own.admin.client.call(membership.decideJoinRequest, {
        params: { networkId: own.network.id, requestId: request!.id },
        body: { decision, reply: "今回は元社員の方に限っています。" },
      });

    const res = await decide("decline");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "declined", reply: "今回は元社員の方に限っています。" });
    const mail = await lastMailTo(t, person.email, "join_request_declined");
    expect(mail.text_body).toContain("> 今回は元社員の方に限っています。");
    expect(mail.text_body).toContain(`http://localhost:3000/join/${own.network.slug}`);
    expect(await membershipsOf(own.network, person.id)).toEqual([]);
    expect((await client.call(membership.getJoinPage, s(own.network))).body.me).toEqual({ status: "request_declined" });
    expectConflict(await decide("approve"), "request", "request_decided");
    expect(await membershipsOf(own.network, person.id)).toEqual([]);
    expect((await auditActions(own.admin.client, own.network))[0]?.action).toBe("join_request.declined");

    // Declined is not closed for good: the person may ask again.
    expect((await requestJoin(client, own.network)).status).toBe(201);
    expect((await client.call(membership.getJoinPage, s(own.network))).body.me).toEqual({ status: "request_pending" });
    expect((await requestsOf(own.admin.client, own.network)).map((r) => r.status)).toEqual(["pending", "declined"]);
  });

  it("only admins list and decide (403), 404 for an unknown request, 400 naming decision", async () => {
    const own = await openTenant();
    const person = await makeAccount(t);
    await requestJoin(await sessionClient(t, person), own.network);
    const [request] = await requestsOf(own.admin.client, own.network);
    const params = { networkId: own.network.id, requestId: request!.id };
    for (const role of ["employee", "alumni"] as const) {
      expectError(await own[role].client.call(membership.listJoinRequests, p(own.network)), 403, "forbidden");
      expectError(await own[role].client.call(membership.decideJoinRequest, { params, body: { decision: "approve" } }), 403, "forbidden");
    }
    expectFieldError(await own.admin.client.call(membership.decideJoinRequest, { params, body: { decision: "maybe" } }), "decision");
    expectError(
      await own.admin.client.call(membership.decideJoinRequest, {
        params: { ...params, requestId: crypto.randomUUID() },
        body: { decision: "approve" },
      }),
      404,
      "not_found",
    );
    expect((await requestsOf(own.admin.client, own.network))[0]?.status).toBe("pending");
  });

  it("the terms version goes up only when purpose, eligibility or code of conduct really change; requests must name it", async () => {
    const own = await openTenant();
    const patch = async (body: object) => {
      const res = await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body });
      expect(res.status, res.raw).toBe(200);
      return res.body.network.termsVersion as number;
    };
    expect(await patch({ codeOfConduct: "行動指針" })).toBe(1); // the same text
    expect(await patch({ name: "新しい名前", joinRequestsOpen: true })).toBe(1);
    expect(await patch({ codeOfConduct: "互いを尊重する" })).toBe(2);
    expect(await patch({ codeOfConduct: "互いを尊重する" })).toBe(2);
    expect(await patch({ purpose: "新しい目的", eligibility: "新しい参加資格" })).toBe(3);
    expect((await t.anonymous().call(membership.getJoinPage, s(own.network))).body.network).toMatchObject({
      termsVersion: 3,
      codeOfConduct: "互いを尊重する",
    });

    const client = await sessionClient(t, await makeAccount(t));
    expectError(await requestJoin(client, own.network), 409, "terms_changed");
    expect((await requestJoin(client, own.network, { ...requestBody(), termsVersion: 3 })).status).toBe(201);
  });
});

describe("one membership per person and network", () => {
  it("an invitation accepted after a join request was approved changes nothing more", async () => {
    const own = await makeQuickTenant(t);
    await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { joinRequestsOpen: true } });
    const person = await makeAccount(t);
    const client = await sessionClient(t, person);
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: person.email, role: "alumni" });
    await client.call(membership.createJoinRequest, { ...s(own.network), body: { termsVersion: 1 } });
    const list = await own.admin.client.call(membership.listJoinRequests, p(own.network));
    await own.admin.client.call(membership.decideJoinRequest, {
      params: { networkId: own.network.id, requestId: list.body.items[0].id },
      body: { decision: "approve", role: "employee" },
    });
    expect((await accept(client, own.network, token)).status).toBe(200);
    const rows = await membershipsOf(own.network, person.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "active", role: "employee" });
  });

  it("approving the request of someone who joined by invitation meanwhile keeps their membership as it is", async () => {
    const own = await makeQuickTenant(t);
    await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { joinRequestsOpen: true } });
    const person = await makeAccount(t);
    const client = await sessionClient(t, person);
    expect((await client.call(membership.createJoinRequest, { ...s(own.network), body: { termsVersion: 1 } })).status).toBe(201);
    const { token } = await inviteByApi(t, own.admin.client, own.network, { email: person.email, role: "alumni" });
    expect((await accept(client, own.network, token)).status).toBe(200);
    const [before] = await membershipsOf(own.network, person.id);

    const list = await own.admin.client.call(membership.listJoinRequests, p(own.network));
    const res = await own.admin.client.call(membership.decideJoinRequest, {
      params: { networkId: own.network.id, requestId: list.body.items[0].id },
      body: { decision: "approve", role: "employee" },
    });
    expect(res.status, res.raw).toBe(200);
    expect(res.body.status).toBe("approved");
    const rows = await membershipsOf(own.network, person.id);
    expect(rows).toEqual([before]);
    const joins = (await auditActions(own.admin.client, own.network)).filter((e) => e.action === "member.joined");
    expect(joins).toHaveLength(1);
  });
});
