// The operator's console: every network of the deployment.
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError, isJapanese } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeNetwork, makeTenant, signIn } from "../helpers/factories.ts";
import { lastMailTo, linkToken, mailsTo } from "../helpers/outbox.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile, pngWithExif } from "../helpers/uploads.ts";

let t: TestApp;
let operator: Client;
let tenant: Awaited<ReturnType<typeof makeTenant>>;

beforeAll(async () => {
  t = await createTestApp();
  operator = await signIn(t, await makeAccount(t, { operator: true }));
  tenant = await makeTenant(t);
});
afterAll(async () => {
  await t.close();
});

const marker = () => `mk${crypto.randomUUID().slice(0, 8)}`;
const networkBody = (overrides: Record<string, unknown> = {}) => ({
  name: "テスト株式会社 アルムナイ",
  slug: `net-${crypto.randomUUID().slice(0, 8)}`,
  kind: "company",
  ...overrides,
});
const p = (networkId: string) => ({ params: { networkId } });

/** Non-operators: a network admin (the most privileged tenant role) and a plain account. */
async function nonOperators(): Promise<Client[]> {
  return [tenant.admin.client, await signIn(t, await makeAccount(t))];
}

describe("GET /api/operator/networks", () => {
  it("lists every network with its active member count, newest first", async () => {
    const m = marker();
    const older = await makeNetwork(t, { name: `${m} 古い` });
    const newer = await makeNetwork(t, { name: `${m} 新しい` });
    await addMember(t, newer, await makeAccount(t), "admin");
    await addMember(t, newer, await makeAccount(t), "alumni");
    await addMember(t, newer, await makeAccount(t), "alumni", "left");
    const res = await operator.call(networks.listAllNetworks, { query: { q: m } });
    expect(res.status).toBe(200);
    expect(res.body.items.map((n: { id: string; memberCount: number }) => [n.id, n.memberCount])).toEqual([
      [newer.id, 2],
      [older.id, 0],
    ]);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items[0]).toMatchObject({ slug: newer.slug, name: newer.name, kind: "company", logoUrl: null, purpose: "目的" });
  });

  it("q searches names and slugs, case-insensitively, treating % and _ literally", async () => {
    const m = marker();
    const byName = await makeNetwork(t, { name: `${m} 人事部OB会` });
    const other = await makeNetwork(t, { name: `${m}-other` });
    const names = async (q: string): Promise<string[]> => {
      const items: { id: string }[] = (await operator.call(networks.listAllNetworks, { query: { q } })).body.items;
      return items.map((n) => n.id);
    };
    expect(await names(`${m} 人事`)).toEqual([byName.id]);
    expect(await names(m.toUpperCase())).toEqual([other.id, byName.id]);
    expect(await names(other.slug)).toEqual([other.id]);
    expect(await names(`${m}%`)).toEqual([]);
    expect(await names(`${m}_`)).toEqual([]);
  });

  it("pages with limit and nextCursor: every network exactly once", async () => {
    const m = marker();
    const created = [];
    for (let i = 0; i < 5; i++) created.push(await makeNetwork(t, { name: `${m} ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await operator.call(networks.listAllNetworks, { query: { q: m, limit: 2, ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((n: { id: string }) => n.id));
      cursor = res.body.nextCursor;
      expect(++pages).toBeLessThanOrEqual(3);
    } while (cursor);
    // Newest first; PGlite's clock can give two quick inserts the same created_at (then id
    // decides), so compare the set and that nothing repeats.
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(created.map((n) => n.id).sort());
  });

  it("pages correctly when networks were created within the same millisecond (timestamps have microseconds)", async () => {
    const m = marker();
    const created = [
      await makeNetwork(t, { name: `${m} a` }),
      await makeNetwork(t, { name: `${m} b` }),
      await makeNetwork(t, { name: `${m} c` }),
    ];
    await inSystem(t.database, async (tx) => {
      for (const [i, n] of created.entries())
        await tx
          .updateTable("networks")
          .set({ created_at: sql<Date>`${`2025-04-01T09:00:00.5678${i + 1}0Z`}::timestamptz` })
          .where("id", "=", n.id)
          .execute();
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res = await operator.call(networks.listAllNetworks, { query: { q: m, limit: 1, ...(cursor ? { cursor } : {}) } });
      seen.push(...res.body.items.map((n: { id: string }) => n.id));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual(created.map((n) => n.id).reverse());
  });

  it.each([
    ["limit", { limit: 0 }],
    ["limit", { limit: 101 }],
    ["q", { q: "x".repeat(101) }],
    ["cursor", { cursor: "%%%" }],
    ["cursor", { cursor: Buffer.from(JSON.stringify(["yesterday", "someone"])).toString("base64url") }],
  ])("400 naming %s for %j", async (field, query) => {
    expectFieldError(await operator.call(networks.listAllNetworks, { query }), field);
  });

  it("404 for anyone but the operator, 401 without a session", async () => {
    for (const client of await nonOperators()) expectError(await client.call(networks.listAllNetworks), 404, "not_found");
    expectError(await t.anonymous().call(networks.listAllNetworks), 401, "unauthenticated");
  });
});

describe("POST /api/operator/networks", () => {
  it("creates a network (201) that the operator can then read", async () => {
    const body = networkBody({ slug: "  My-Alumni-2025 ", kind: "volunteer", purpose: "目的", codeOfConduct: "行動指針" });
    const res = await operator.call(networks.createNetwork, { body });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      slug: "my-alumni-2025",
      name: body.name,
      kind: "volunteer",
      purpose: "目的",
      eligibility: "",
      codeOfConduct: "行動指針",
      memberCount: 0,
      logoUrl: null,
    });
    const got = await operator.call(networks.getNetworkAsOperator, p(res.body.id));
    expect(got.body).toEqual(res.body);
  });

  it("409 naming slug when the slug is taken; nothing is created", async () => {
    const existing = await makeNetwork(t);
    const before = await countNetworks();
    const res = await operator.call(networks.createNetwork, {
      body: networkBody({ slug: existing.slug.toUpperCase(), adminEmail: "new-admin-409@example.com" }),
    });
    const error = expectError(res, 409, "conflict");
    expect(error.fields?.slug).toBeTruthy();
    expect(await countNetworks()).toBe(before);
    expect(await mailsTo(t, "new-admin-409@example.com")).toEqual([]);
  });

  it("with adminEmail: creates the account and its admin membership and mails a link to set the password", async () => {
    const email = `first-admin-${marker()}@example.com`;
    const res = await operator.call(networks.createNetwork, { body: networkBody({ name: "新規ネットワーク", adminEmail: email }) });
    expect(res.status).toBe(201);
    expect(res.body.memberCount).toBe(1);

    const account = await t.database.db.selectFrom("accounts").selectAll().where("email", "=", email).executeTakeFirstOrThrow();
    expect(account.password_hash).toBeNull();
    const membership = await inSystem(t.database, (tx) =>
      tx.selectFrom("memberships").selectAll().where("account_id", "=", account.id).executeTakeFirstOrThrow(),
    );
    expect(membership).toMatchObject({ network_id: res.body.id, role: "admin", status: "active" });

    const mail = await lastMailTo(t, email, "set_password");
    expect(mail.subject).toContain("新規ネットワーク");
    expect(mail.text_body).toContain(`${t.config.publicUrl}/set-password#token=`);

    // Following the link: set a password and a name, sign in, see the network as its admin.
    expect(account.display_name).toBe(email.split("@")[0]);
    const password = "first admin passphrase";
    const confirmed = await t.anonymous().call(accounts.confirmPasswordReset, {
      body: { token: linkToken(mail.text_body), password, displayName: "人事 花子" },
    });
    expect(confirmed.status).toBe(204);
    const admin = await signIn(t, { email }, password);
    const me = await admin.call(accounts.getMe);
    expect(me.body.account.emailVerified).toBe(true);
    expect(me.body.account.displayName).toBe("人事 花子");
    expect(me.body.networks).toEqual([expect.objectContaining({ id: res.body.id, name: "新規ネットワーク", role: "admin" })]);
  });

  it("with the adminEmail of an existing account: that account becomes admin, and no password mail is sent", async () => {
    const existing = await makeAccount(t);
    const res = await operator.call(networks.createNetwork, { body: networkBody({ adminEmail: existing.email.toUpperCase() }) });
    expect(res.status).toBe(201);
    const me = await (await signIn(t, existing)).call(accounts.getMe);
    expect(me.body.networks).toEqual([expect.objectContaining({ id: res.body.id, role: "admin" })]);
    expect(await mailsTo(t, existing.email)).toEqual([]);
  });

  it.each([
    ["name", { name: " " }],
    ["slug", { slug: "Bad Slug!" }],
    ["slug", { slug: "ab" }],
    ["slug", { slug: "-edge-" }],
    ["kind", { kind: "club" }],
    ["adminEmail", { adminEmail: "not-an-email" }],
    ["eligibility", { eligibility: "x".repeat(20_001) }],
  ])("400 naming %s for %j", async (field, override) => {
    expectFieldError(await operator.call(networks.createNetwork, { body: networkBody(override) }), field);
  });

  it("validation messages follow the operator's language", async () => {
    const enOperator = await signIn(t, await makeAccount(t, { operator: true, locale: "en" }));
    const ja = await operator.call(networks.createNetwork, { body: networkBody({ kind: "club" }) });
    const en = await enOperator.call(networks.createNetwork, { body: networkBody({ kind: "club" }) });
    expect(isJapanese(expectFieldError(ja, "kind"))).toBe(true);
    expect(isJapanese(expectFieldError(en, "kind"))).toBe(false);
    expect(isJapanese(ja.body.error.message)).toBe(true);
    expect(isJapanese(en.body.error.message)).toBe(false);
  });

  it("the slug rule is explained in the operator's language", async () => {
    const message = expectFieldError(await operator.call(networks.createNetwork, { body: networkBody({ slug: "no spaces" }) }), "slug");
    expect(message, "a Japanese operator gets an English-only slug message").toSatisfy(isJapanese);
  });

  it("404 for anyone but the operator, 401 without a session; nothing is created", async () => {
    const before = await countNetworks();
    for (const client of await nonOperators())
      expectError(await client.call(networks.createNetwork, { body: networkBody() }), 404, "not_found");
    expectError(await t.anonymous().call(networks.createNetwork, { body: networkBody() }), 401, "unauthenticated");
    expect(await countNetworks()).toBe(before);
  });
});

describe("GET /api/operator/networks/:networkId", () => {
  it("returns any network with its member count", async () => {
    const res = await operator.call(networks.getNetworkAsOperator, p(tenant.network.id));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: tenant.network.id, slug: tenant.network.slug, memberCount: 3 });
  });

  it("404 for an unknown network, 400 naming networkId for a malformed id", async () => {
    expectError(await operator.call(networks.getNetworkAsOperator, p(crypto.randomUUID())), 404, "not_found");
    expectFieldError(await operator.call(networks.getNetworkAsOperator, p("nope")), "networkId");
  });

  it("404 for anyone but the operator (even the network's own admin), 401 without a session", async () => {
    for (const client of await nonOperators())
      expectError(await client.call(networks.getNetworkAsOperator, p(tenant.network.id)), 404, "not_found");
    expectError(await t.anonymous().call(networks.getNetworkAsOperator, p(tenant.network.id)), 401, "unauthenticated");
  });
});

describe("PATCH /api/operator/networks/:networkId", () => {
  it("changes name, slug, kind and texts", async () => {
    const network = await makeNetwork(t);
    const slug = `renamed-${marker()}`;
    const res = await operator.call(networks.updateNetworkAsOperator, {
      ...p(network.id),
      body: { name: "改名後", slug, kind: "volunteer", eligibility: "誰でも" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: network.id, name: "改名後", slug, kind: "volunteer", eligibility: "誰でも", purpose: "目的" });
    expect((await operator.call(networks.getNetworkAsOperator, p(network.id))).body).toEqual(res.body);
  });

  it("keeping the network's own slug is fine; another network's slug is a 409 naming slug", async () => {
    const [a, b] = [await makeNetwork(t), await makeNetwork(t)];
    expect((await operator.call(networks.updateNetworkAsOperator, { ...p(a.id), body: { slug: a.slug } })).status).toBe(200);
    const error = expectError(
      await operator.call(networks.updateNetworkAsOperator, { ...p(a.id), body: { slug: b.slug } }),
      409,
      "conflict",
    );
    expect(error.fields?.slug).toBeTruthy();
    expect((await operator.call(networks.getNetworkAsOperator, p(a.id))).body.slug).toBe(a.slug);
  });

  it("404 for an unknown network; 400 naming the bad field", async () => {
    expectError(
      await operator.call(networks.updateNetworkAsOperator, { ...p(crypto.randomUUID()), body: { name: "x" } }),
      404,
      "not_found",
    );
    expectFieldError(await operator.call(networks.updateNetworkAsOperator, { ...p(tenant.network.id), body: { kind: "club" } }), "kind");
    expectFieldError(
      await operator.call(networks.updateNetworkAsOperator, { ...p(tenant.network.id), body: { slug: "NO SPACES" } }),
      "slug",
    );
  });

  it("404 for anyone but the operator, 401 without a session; nothing changes", async () => {
    for (const client of await nonOperators())
      expectError(await client.call(networks.updateNetworkAsOperator, { ...p(tenant.network.id), body: { name: "x" } }), 404, "not_found");
    expectError(
      await t.anonymous().call(networks.updateNetworkAsOperator, { ...p(tenant.network.id), body: { name: "x" } }),
      401,
      "unauthenticated",
    );
    expect((await operator.call(networks.getNetworkAsOperator, p(tenant.network.id))).body.name).toBe(tenant.network.name);
  });
});

describe("POST /api/operator/networks/:networkId/logo", () => {
  it("stores the logo as a metadata-free WebP of at most 512 px", async () => {
    const network = await makeNetwork(t);
    const res = await operator.call(networks.uploadNetworkLogoAsOperator, {
      ...p(network.id),
      ...(await multipartFile(await pngWithExif(600, 1000))),
    });
    expect(res.status).toBe(200);
    expect(res.body.logoUrl).toMatch(/^\/files\/logos\/[0-9a-f-]{36}\.webp$/);
    const file = await t.app.fastify.inject({ method: "GET", url: res.body.logoUrl });
    const meta = await sharp(file.rawPayload).metadata();
    expect({ format: meta.format, width: meta.width, height: meta.height, exif: meta.exif }).toEqual({
      format: "webp",
      width: 307,
      height: 512,
      exif: undefined,
    });
  });

  it("400 naming file for a non-image; 404 for an unknown network", async () => {
    const network = await makeNetwork(t);
    expectFieldError(
      await operator.call(networks.uploadNetworkLogoAsOperator, {
        ...p(network.id),
        ...(await multipartFile("just text", { contentType: "text/plain" })),
      }),
      "file",
    );
    expectError(
      await operator.call(networks.uploadNetworkLogoAsOperator, {
        ...p(crypto.randomUUID()),
        ...(await multipartFile(await pngWithExif(8, 8))),
      }),
      404,
      "not_found",
    );
  });

  it("404 for anyone but the operator, 401 without a session", async () => {
    const upload = await multipartFile(await pngWithExif(8, 8));
    for (const client of await nonOperators())
      expectError(await client.call(networks.uploadNetworkLogoAsOperator, { ...p(tenant.network.id), ...upload }), 404, "not_found");
    expectError(
      await t.anonymous().call(networks.uploadNetworkLogoAsOperator, { ...p(tenant.network.id), ...upload }),
      401,
      "unauthenticated",
    );
  });
});

async function countNetworks(): Promise<number> {
  const row = await t.database.db
    .selectFrom("networks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
