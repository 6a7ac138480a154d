// Invariants that must hold when requests arrive at the same time. PGlite runs one transaction
// at a time, so these pass there trivially; on PostgreSQL (TEST_DATABASE_URL) the requests
// really overlap, and withWritesHeld (test/helpers/concurrency.ts) makes them overlap the same
// way every run: each request has read what it checks before any of them writes. So a
// check-then-write without a lock fails every time, and with one it passes every time.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import type { AccountRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { makeAccount, makeTenant, signIn, testPassword } from "../helpers/factories.ts";
import { withWritesHeld } from "../helpers/concurrency.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let operatorAccount: AccountRow;
let operator: Client;
beforeAll(async () => {
  t = await createTestApp();
  operatorAccount = await makeAccount(t, { operator: true });
  operator = await signIn(t, operatorAccount);
});
afterAll(async () => {
  await t.close();
});

const rounds = 2;
const suffix = () => randomBytes(4).toString("hex");
const setOperator = (ids: string[], value: boolean) =>
  inSystem(t.database, (tx) => tx.updateTable("accounts").set({ is_operator: value }).where("id", "in", ids).execute());

describe("concurrent requests", () => {
  it("two admins demoting each other at once leave the network with one admin", async () => {
    for (let round = 0; round < rounds; round++) {
      const tenant = await makeTenant(t);
      await inSystem(t.database, (tx) =>
        tx.updateTable("memberships").set({ role: "admin" }).where("id", "=", tenant.employee.membership.id).execute(),
      );
      const statuses = (
        await withWritesHeld(t.database, "memberships", 2, () =>
          Promise.all([
            tenant.admin.client.call(networks.changeMemberRole, {
              params: { networkId: tenant.network.id, memberId: tenant.employee.membership.id },
              body: { role: "alumni" },
            }),
            tenant.employee.client.call(networks.changeMemberRole, {
              params: { networkId: tenant.network.id, memberId: tenant.admin.membership.id },
              body: { role: "alumni" },
            }),
          ]),
        )
      ).map((r) => r.status);
      const admins = await inSystem(t.database, (tx) =>
        tx
          .selectFrom("memberships")
          .select("id")
          .where("network_id", "=", tenant.network.id)
          .where("role", "=", "admin")
          .where("status", "=", "active")
          .execute(),
      );
      expect(
        { round, succeeded: statuses.filter((s) => s === 200).length, admins: admins.length },
        `statuses ${statuses.join(", ")}`,
      ).toEqual({
        round,
        succeeded: 1,
        admins: 1,
      });
    }
  });

  it("the last two operators deleting their accounts at once leave an operator", async () => {
    // Take the file's own operator out of the count for this test.
    await setOperator([operatorAccount.id], false);
    try {
      for (let round = 0; round < rounds; round++) {
        const pair = [await makeAccount(t, { operator: true }), await makeAccount(t, { operator: true })];
        const clients = await Promise.all(pair.map((a) => signIn(t, a)));
        const statuses = (
          await withWritesHeld(t.database, "accounts", 2, () =>
            Promise.all(clients.map((c) => c.call(accounts.deleteAccount, { body: { password: testPassword } }))),
          )
        ).map((r) => r.status);
        const operators = await t.database.db.selectFrom("accounts").select("id").where("is_operator", "=", true).execute();
        expect({ round, operators: operators.length }, `statuses ${statuses.join(", ")}`).toEqual({ round, operators: 1 });
        await setOperator(
          operators.map((o) => o.id),
          false,
        );
      }
    } finally {
      await setOperator([operatorAccount.id], true);
    }
  });

  it("two networks created with the same slug at once: one 201, one 409 (not a 500)", async () => {
    for (let round = 0; round < rounds; round++) {
      const slug = `same-${suffix()}`;
      const statuses = (
        await withWritesHeld(t.database, "networks", 2, () =>
          Promise.all([0, 1].map(() => operator.call(networks.createNetwork, { body: { name: "同時作成", slug, kind: "company" } }))),
        )
      ).map((r) => r.status);
      expect({ round, statuses: statuses.sort() }).toEqual({ round, statuses: [201, 409] });
    }
  });

  it("two networks created at once for the same new admin: both 201, one account, admin of both", async () => {
    for (let round = 0; round < rounds; round++) {
      const email = `shared-admin-${suffix()}@example.com`;
      const responses = await withWritesHeld(t.database, "accounts", 2, () =>
        Promise.all(
          [0, 1].map((i) =>
            operator.call(networks.createNetwork, {
              body: { name: `同時 ${i}`, slug: `shared-${i}-${suffix()}`, kind: "company", adminEmail: email },
            }),
          ),
        ),
      );
      expect({ round, statuses: responses.map((r) => r.status) }, responses.map((r) => r.raw).join("\n")).toEqual({
        round,
        statuses: [201, 201],
      });
      const account = await t.database.db.selectFrom("accounts").select("id").where("email", "=", email).execute();
      expect(account).toHaveLength(1);
      const memberships = await inSystem(t.database, (tx) =>
        tx.selectFrom("memberships").select(["role"]).where("account_id", "=", account[0]!.id).execute(),
      );
      expect(memberships.map((m) => m.role)).toEqual(["admin", "admin"]);
    }
  });
});
