// Test data built straight in the database (system scope), each call with fresh names, so
// every test owns its tenant and never depends on another test's rows.
import { randomUUID } from "node:crypto";
import type { MemberRole } from "../../src/shared/limits.ts";
import * as accounts from "../../src/shared/contract/accounts.ts";
import { hashPassword } from "../../src/server/platform/auth/passwords.ts";
import type { AccountRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
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
  return inSystem(t.database, (tx) =>
    tx
      .insertInto("memberships")
      .values({ network_id: network.id, account_id: account.id, role, status, joined_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow(),
  );
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
