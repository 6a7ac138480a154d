// Test data built straight in the database (system scope), each call with fresh names, so
// every test owns its tenant and never depends on another test's rows.
import { randomUUID } from "node:crypto";
import type { MemberRole } from "../../src/shared/limits.ts";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as membership from "../../src/shared/contract/membership.ts";
import type { Invitation } from "../../src/shared/contract/membership.ts";
import { hashPassword } from "../../src/server/platform/auth/passwords.ts";
import { createSession } from "../../src/server/platform/auth/sessions.ts";
import { cookieNames } from "../../src/server/platform/http/cookies.ts";
import { rebuildMemberProfiles } from "../../src/server/people/profile-index.ts";
import type { AccountRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { lastMailTo, linkToken } from "./outbox.ts";
import type { Client, TestApp } from "./test-app.ts";

export const testPassword = "correct horse battery staple";
let passwordHash: Promise<string> | null = null;

const unique = () => randomUUID().slice(0, 8);

export async function makeAccount(
  t: TestApp,
  overrides: Partial<{ email: string; name: string; operator: boolean; verified: boolean; locale: "ja" | "en" }> = {},
): Promise<AccountRow> {
  passwordHash ??= hashPassword(testPassword);
  const hash = await passwordHash;
  return inSystem(t.database, (tx) =>
    tx
      .insertInto("accounts")
      .values({
        email: overrides.email ?? `person-${unique()}@example.com`,
        display_name: overrides.name ?? `テスト ${unique()}`,
        password_hash: hash,
        locale: overrides.locale ?? "ja",
        is_operator: overrides.operator ?? false,
        email_verified_at: overrides.verified === false ? null : new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function makeNetwork(
  t: TestApp,
  overrides: Partial<{ name: string; kind: "company" | "volunteer" }> = {},
): Promise<NetworkRow> {
  const slug = `net-${unique()}`;
  return inSystem(t.database, (tx) =>
    tx
      .insertInto("networks")
      .values({
        slug,
        name: overrides.name ?? `ネットワーク ${slug}`,
        kind: overrides.kind ?? "company",
        purpose: "目的",
        eligibility: "参加資格",
        code_of_conduct: "行動指針",
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

export async function addMember(
  t: TestApp,
  network: NetworkRow,
  account: AccountRow,
  role: MemberRole = "alumni",
  status: "active" | "invited" | "left" | "removed" = "active",
) {
  return inSystem(t.database, async (tx) => {
    const membership = await tx
      .insertInto("memberships")
      .values({ network_id: network.id, account_id: account.id, role, status, joined_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await rebuildMemberProfiles(tx, { networkId: network.id, memberIds: [membership.id] });
    return membership;
  });
}

export async function signIn(t: TestApp, account: Pick<AccountRow, "email">, password = testPassword): Promise<Client> {
  const client = t.anonymous();
  const res = await client.call(accounts.signIn, { body: { email: account.email, password } });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.raw}`);
  return client;
}

/** A network with an admin, an employee and an alumni member, each signed in. */
export async function makeTenant(t: TestApp) {
  const network = await makeNetwork(t);
  const [admin, employee, alumni] = await Promise.all([makeAccount(t), makeAccount(t), makeAccount(t)]);
  const adminMembership = await addMember(t, network, admin, "admin");
  const employeeMembership = await addMember(t, network, employee, "employee");
  const alumniMembership = await addMember(t, network, alumni, "alumni");
  return {
    network,
    admin: { account: admin, membership: adminMembership, client: await signIn(t, admin) },
    employee: { account: employee, membership: employeeMembership, client: await signIn(t, employee) },
    alumni: { account: alumni, membership: alumniMembership, client: await signIn(t, alumni) },
  };
}

/** A fresh address nobody uses yet. */
export const newEmail = (prefix = "person") => `${prefix}-${unique()}@example.com`;

/**
 * Forgets every rate-limit counter. Requests from app.inject() all come from 127.0.0.1, so a suite
 * that joins many times would otherwise hit the per-address limits of the join routes.
 */
export async function resetRateLimits(t: TestApp): Promise<void> {
  await t.database.db.deleteFrom("rate_limits").execute();
}

/** Invites `email` through the API as `admin`; returns the invitation and the token of the link in its mail. */
export async function inviteByApi(
  t: TestApp,
  admin: Client,
  network: Pick<NetworkRow, "id">,
  body: { email: string; role?: MemberRole; name?: string; note?: string; locale?: "ja" | "en" },
): Promise<{ invitation: Invitation; token: string }> {
  const res = await admin.call(membership.createInvitation, { params: { networkId: network.id }, body: { role: "alumni", ...body } });
  if (res.status !== 201) throw new Error(`invitation failed: ${res.status} ${res.raw}`);
  const mail = await lastMailTo(t, body.email.trim().toLowerCase(), "invitation");
  return { invitation: res.body as Invitation, token: linkToken(mail.text_body) };
}

/** A pending join request straight in the database (the network's join page may stay closed). */
export async function makeJoinRequest(t: TestApp, network: NetworkRow, account: AccountRow, message = "参加させてください") {
  return inSystem(t.database, (tx) =>
    tx
      .insertInto("join_requests")
      .values({ network_id: network.id, account_id: account.id, message, terms_version: network.terms_version })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
}

/** Moves an invitation's expiry into the past (as if its 30 days were over). */
export async function expireInvitation(t: TestApp, invitation: { id: string }): Promise<void> {
  await inSystem(t.database, (tx) =>
    tx
      .updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 60_000) })
      .where("id", "=", invitation.id)
      .execute(),
  );
}

/**
 * A client with a fresh session for `account`, made straight in the database: like `signIn` without
 * the password check (argon2 costs tens of milliseconds), for suites that sign many people in.
 */
export async function sessionClient(t: TestApp, account: Pick<AccountRow, "id">): Promise<Client> {
  const { token, csrfToken } = await createSession(t.database, account.id, { ip: "127.0.0.1", userAgent: "test" });
  const client = t.anonymous();
  client.cookies.set(cookieNames.session, token);
  client.cookies.set(cookieNames.csrf, csrfToken);
  return client;
}

/** Like `makeTenant` (members added in the order admin, employee, alumni), with the sessions made by `sessionClient`. */
export async function makeQuickTenant(t: TestApp): Promise<Awaited<ReturnType<typeof makeTenant>>> {
  const network = await makeNetwork(t);
  const member = async (role: MemberRole) => {
    const account = await makeAccount(t);
    const membership = await addMember(t, network, account, role);
    return { account, membership, client: await sessionClient(t, account) };
  };
  const admin = await member("admin");
  const employee = await member("employee");
  const alumni = await member("alumni");
  return { network, admin, employee, alumni };
}
