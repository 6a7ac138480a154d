// Row-level security is the backstop: a query that forgets the tenant filter still sees only
// the current network's rows. Runs on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planForItsValuesMarker, statementName } from "../../src/server/platform/db/named-statements.ts";
import { inAccount, inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { readInScope } from "../../src/server/platform/tenancy/scoped-read.ts";
import { scopedReader } from "../../src/server/platform/tenancy/scoped-reader.ts";
import { onPostgres } from "../helpers/test-database.ts";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { addMember, makeAccount, makeNetwork } from "../helpers/factories.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("row-level security", () => {
  it("a query without a tenant filter returns only the current network's rows", async () => {
    const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
    const person = await makeAccount(t);
    const other = await makeAccount(t);
    await addMember(t, a, person);
    await addMember(t, b, person); // the same person in both networks
    await addMember(t, b, other);

    // Deliberately no `where network_id = …`.
    const seenFromA = await inTenant(t.database, a.id, person.id, (tx) => tx.selectFrom("memberships").select(["network_id"]).execute());
    expect(seenFromA.length).toBeGreaterThan(0);
    expect(new Set(seenFromA.map((r) => r.network_id))).toEqual(new Set([a.id]));

    const seenFromB = await inTenant(t.database, b.id, person.id, (tx) => tx.selectFrom("memberships").select(["network_id"]).execute());
    expect(seenFromB.map((r) => r.network_id).every((id) => id === b.id)).toBe(true);
    expect(seenFromB).toHaveLength(2);
  });

  it("writes into another network are refused", async () => {
    const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
    const person = await makeAccount(t);
    await expect(
      inTenant(t.database, a.id, person.id, (tx) =>
        tx.insertInto("memberships").values({ network_id: b.id, account_id: person.id, role: "admin", status: "active" }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("updates and deletes cannot reach another network's rows", async () => {
    const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
    const victim = await makeAccount(t);
    await addMember(t, b, victim, "alumni");
    const actor = await makeAccount(t);
    await inTenant(t.database, a.id, actor.id, async (tx) => {
      await tx.updateTable("memberships").set({ role: "admin" }).execute();
      await tx.deleteFrom("memberships").execute();
    });
    const rows = await inSystem(t.database, (tx) => tx.selectFrom("memberships").selectAll().where("network_id", "=", b.id).execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]?.role).toBe("alumni");
  });

  it("outside any scope, tenant rows are invisible to the app role", async () => {
    const n = await makeNetwork(t);
    await addMember(t, n, await makeAccount(t));
    const rows = await t.database.db.transaction().execute(async (tx) => {
      await sql`set local role tsunagu_app`.execute(tx);
      return tx.selectFrom("memberships").selectAll().execute();
    });
    expect(rows).toHaveLength(0);
  });

  it("the account scope shows a person their own memberships in every network, and nobody else's", async () => {
    const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
    const person = await makeAccount(t);
    await addMember(t, a, person);
    await addMember(t, b, person);
    await addMember(t, a, await makeAccount(t));
    const rows = await inAccount(t.database, person.id, (tx) => tx.selectFrom("memberships").selectAll().execute());
    expect(rows.map((r) => r.account_id)).toEqual([person.id, person.id]);
  });

  it("every table with a network_id column has row-level security enabled and forced", async () => {
    const result = await sql<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>`
      select c.relname, c.relrowsecurity, c.relforcerowsecurity
      from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
      where ns.nspname = 'public' and c.relkind = 'r'
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'network_id' and not a.attisdropped)`.execute(
      t.database.db,
    );
    expect(result.rows.length).toBeGreaterThan(0);
    for (const row of result.rows) {
      expect({ table: row.relname, enabled: row.relrowsecurity, forced: row.relforcerowsecurity }).toEqual({
        table: row.relname,
        enabled: true,
        forced: true,
      });
    }
  });

  it("the app role is not a superuser and cannot bypass row-level security", async () => {
    const result = await sql<{
      rolsuper: boolean;
      rolbypassrls: boolean;
    }>`select rolsuper, rolbypassrls from pg_roles where rolname = 'tsunagu_app'`.execute(t.database.db);
    expect(result.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it("one-round-trip scoped reads obey the same policies", async () => {
    const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
    const person = await makeAccount(t);
    await addMember(t, a, person);
    await addMember(t, b, person);
    await addMember(t, b, await makeAccount(t));
    const all = t.database.db.selectFrom("memberships").select(["network_id", "account_id"]);
    const inB = await readInScope(t.database, { kind: "tenant", networkId: b.id, accountId: person.id }, all);
    expect(inB).toHaveLength(2);
    expect(inB.every((r) => r.network_id === b.id)).toBe(true);
    const own = await readInScope(t.database, { kind: "account", accountId: person.id }, all);
    expect(own.map((r) => r.account_id)).toEqual([person.id, person.id]);
  });

  it("parameters of a batched read are quoted, not executed", async () => {
    const person = await makeAccount(t, { name: "O'Brien \\ '); drop table accounts; --" });
    const hostile = "x'); delete from accounts; --";
    const rows = await readInScope(
      t.database,
      { kind: "account", accountId: person.id },
      t.database.db
        .selectFrom("accounts")
        .select(["display_name"])
        .where((eb) => eb.or([eb("id", "=", person.id), eb("display_name", "=", hostile)])),
    );
    expect(rows).toEqual([{ display_name: person.display_name }]);
    const count = await t.database.db
      .selectFrom("accounts")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });

  it.skipIf(!onPostgres)(
    "a read route's reader: RLS applies, arrays and negative numbers travel as literals, writes are refused",
    async () => {
      const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
      const person = await makeAccount(t, { name: 'Quote "double" \\ back' });
      const other = await makeAccount(t);
      await addMember(t, a, person);
      await addMember(t, b, other);
      const reader = scopedReader(t.database, { kind: "tenant", networkId: a.id, accountId: person.id });
      // Deliberately no network filter: row-level security keeps network b out.
      const rows = await reader
        .selectFrom("memberships")
        .select(["network_id", "account_id"])
        .where(sql<boolean>`account_id = any(${sql.val([person.id, other.id])}::uuid[])`)
        .execute();
      expect(rows).toEqual([{ network_id: a.id, account_id: person.id }]);
      // The same statement (now prepared on the connections it ran on) in network b's scope, many
      // times over so every pooled connection and a generic plan are exercised: b's rows only.
      const readerB = scopedReader(t.database, { kind: "tenant", networkId: b.id, accountId: other.id });
      for (let i = 0; i < 12; i++) {
        const [fromA, fromB] = await Promise.all(
          [reader, readerB].map((r) =>
            r
              .selectFrom("memberships")
              .select(["network_id", "account_id"])
              .where(sql<boolean>`account_id = any(${sql.val([person.id, other.id])}::uuid[])`)
              .execute(),
          ),
        );
        expect(fromA).toEqual([{ network_id: a.id, account_id: person.id }]);
        expect(fromB).toEqual([{ network_id: b.id, account_id: other.id }]);
      }
      // Reads started together share one round trip; one that fails fails alone.
      const [together, failing] = await Promise.all([
        reader.selectFrom("memberships").select("account_id").execute(),
        sql`select 1 / 0 as n`.execute(reader).catch((error: unknown) => error),
      ]);
      expect(together).toEqual([{ account_id: person.id }]);
      expect(String(failing)).toMatch(/division by zero/);
      const names = await reader
        .selectFrom("accounts")
        .select("display_name")
        .where(sql<boolean>`display_name = any(${sql.val([person.display_name, null, "x"])}::text[])`)
        .execute();
      expect(names).toEqual([{ display_name: person.display_name }]);
      const [math] = await sql<{ n: number }>`select 5 - ${-2}::int as n`.execute(reader).then((r) => r.rows);
      expect(Number(math?.n)).toBe(7);
      // A statement PostgreSQL cannot prepare (the parameter's type is unknown) still answers, inlined;
      // a bad value fails as itself and leaves the statement prepared for good values.
      const [unknownType] = (await sql<{ v: boolean }>`select ${"a"} is null as v`.execute(reader)).rows;
      expect(unknownType?.v).toBe(false);
      await expect(sql`select ${"not a uuid"}::uuid as v`.execute(reader)).rejects.toThrow(/invalid input syntax for type uuid/);
      const [good] = (await sql<{ v: string }>`select ${person.id}::uuid as v`.execute(reader)).rows;
      expect(good?.v).toBe(person.id);
      await expect(reader.updateTable("accounts").set({ display_name: "changed" }).where("id", "=", person.id).execute()).rejects.toThrow(
        /may only read/,
      );
      await expect(reader.transaction().execute(() => Promise.resolve())).rejects.toThrow(/without a transaction/);
    },
  );

  it("a statement marked to be planned for its values is never prepared, in a read nor in a transaction", async () => {
    const network = await makeNetwork(t);
    const person = await makeAccount(t);
    await addMember(t, network, person);
    const reader = scopedReader(t.database, { kind: "tenant", networkId: network.id, accountId: person.id });
    const marked = (id: string) =>
      sql<{ id: string }>`select account_id as id from memberships where ${sql.raw(planForItsValuesMarker)} account_id = ${id}::uuid`;
    const unmarked = (id: string) => sql<{ id: string }>`select account_id as id from memberships where account_id = ${id}::uuid`;
    // The statement text of a prepared statement is the message that prepared it: the text looked
    // for travels in two halves, so this query's own message never holds it whole.
    const prepared = async (text: string) =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
          where strpos(statement, ${text.slice(0, 8)} || ${text.slice(8)}) > 0`.execute(reader)
      ).rows[0]?.n ?? 0;
    // Enough times for every pooled connection (and PGlite's one) to have run both.
    for (let i = 0; i < 12; i++) {
      expect((await marked(person.id).execute(reader)).rows).toEqual([{ id: person.id }]);
      expect((await unmarked(person.id).execute(reader)).rows).toEqual([{ id: person.id }]);
    }
    let unmarkedSeen = 0;
    for (let i = 0; i < 12; i++) {
      expect(await prepared(planForItsValuesMarker)).toBe(0);
      unmarkedSeen += await prepared("from memberships where account_id = $1::uuid");
    }
    expect(unmarkedSeen).toBeGreaterThan(0);
    // Transactions name the statements they run again and again (PostgreSQL), never a marked one.
    const text = `select 1 where ${planForItsValuesMarker} $1::int = 1`;
    expect([statementName(text), statementName(text), statementName(text)]).toEqual([null, null, null]);
    const plain = `select 1 where $1::int = 1 -- ${Math.random()}`;
    expect(statementName(plain)).toBeNull();
    expect(statementName(plain)).toMatch(/^tsunagu_k_/);
  });

  it("a failed batch leaves no connection in a broken transaction behind", async () => {
    const batch = t.database.batch;
    await expect(batch(["select set_config('role', 'tsunagu_app', true)", "select 1 / 0"])).rejects.toThrow(/division by zero/);
    // More calls than the pool has connections: each must start clean, as the connecting user.
    for (let i = 0; i < 12; i++)
      expect(await batch(["select current_user as who"])).toEqual([[{ who: expect.not.stringMatching(/^tsunagu_app$/) }]]);
  });
});
