// The hourly housekeeping: what is over is deleted, what still matters stays.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as m from "../../src/shared/contract/membership.ts";
import { housekeeping } from "../../src/server/platform/db/housekeeping.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { makeQuickTenant } from "../helpers/factories.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { multipartFile } from "../helpers/uploads.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const csv = "氏名,メールアドレス\n髙橋 翔太,takahashi@example.com\n山﨑 陽子,yamazaki@example.com\n";

async function importsOf(networkId: string) {
  return inSystem(t.database, (tx) =>
    tx.selectFrom("member_imports").select(["id", "status"]).where("network_id", "=", networkId).orderBy("created_at").execute(),
  );
}

async function rowsOf(importId: string) {
  const row = await inSystem(t.database, (tx) =>
    tx
      .selectFrom("member_import_rows")
      .select(sql<number>`count(*)::int`.as("n"))
      .where("import_id", "=", importId)
      .executeTakeFirstOrThrow(),
  );
  return row.n;
}

describe("housekeeping", () => {
  it("deletes imports uploaded or previewed more than 14 days ago and never sent, with their rows; keeps the rest", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const params = { networkId: network.id };
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await admin.client.call(m.uploadMemberImport, { params, ...(await multipartFile(csv, { filename: `f${i}.csv` })) });
      expect(res.status, res.raw).toBe(201);
      ids.push((res.body as m.MemberImport).id);
    }
    const [stale, fresh, sent] = ids as [string, string, string];
    for (const id of [stale, sent]) {
      const res = await admin.client.call(m.previewMemberImport, {
        params: { ...params, importId: id },
        body: { mapping: { name: 0, email: 1 } },
      });
      expect(res.status, res.raw).toBe(200);
    }
    expect(await rowsOf(stale)).toBe(2);
    expect((await admin.client.call(m.startMemberImport, { params: { ...params, importId: sent }, body: {} })).status).toBe(200);
    await t.app.deps.jobs.drain();
    // All three were made 15 days ago; only the one never sent is abandoned.
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("member_imports")
        .set({ created_at: sql<Date>`now() - interval '15 days'` })
        .where("id", "in", [stale, sent])
        .execute(),
    );

    await housekeeping(t.database, t.app.deps.storage);

    expect(await importsOf(network.id)).toEqual([
      { id: sent, status: "done" },
      { id: fresh, status: "uploaded" },
    ]);
    expect(await rowsOf(stale)).toBe(0);
    expect(await rowsOf(sent)).toBe(2);
  });
});
