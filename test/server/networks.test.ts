// A network as its members see and run it: home, settings, logo, members and roles.
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/shared/contract/accounts.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import type { MembershipRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem } from "../../src/server/platform/tenancy/scope.ts";
import { expectError, expectFieldError, isJapanese } from "../helpers/assertions.ts";
import { addMember, makeAccount, makeNetwork, makeTenant, signIn } from "../helpers/factories.ts";
import { multipartFile, multipartWithoutFile, pngWithExif } from "../helpers/uploads.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

let t: TestApp;
let tenant: Awaited<ReturnType<typeof makeTenant>>;
/** Someone signed in who belongs to no network. */
let outsider: Client;

beforeAll(async () => {
  t = await createTestApp();
  // Read-only tests share one tenant; tests that change it build their own.
  tenant = await makeTenant(t);
  outsider = await signIn(t, await makeAccount(t));
});
afterAll(async () => {
  await t.close();
});

const p = (network: Pick<NetworkRow, "id">) => ({ params: { networkId: network.id } });

describe("GET /api/networks/:networkId", () => {
  it("shows the network to an admin with what an admin may do", async () => {
    const res = await tenant.admin.client.call(networks.getNetworkHome, p(tenant.network));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      network: {
        id: tenant.network.id,
        slug: tenant.network.slug,
        name: tenant.network.name,
        kind: "company",
        logoUrl: null,
        purpose: "目的",
        eligibility: "参加資格",
        codeOfConduct: "行動指針",
        termsVersion: 1,
        joinRequestsOpen: false,
        memberCount: 3,
        createdAt: tenant.network.created_at.toISOString(),
        updatedAt: tenant.network.updated_at.toISOString(),
      },
      myRole: "admin",
      allowed: { editSettings: true, manageMembers: true },
      // Added straight in the database: never accepted the terms; nobody invited yet.
      firstSteps: [
        { key: "accept_terms", done: false },
        { key: "verify_email", done: true },
        { key: "invite_members", done: false },
      ],
    });
  });

  it.each(["employee", "alumni"] as const)("shows it to an %s without admin actions", async (role) => {
    const res = await tenant[role].client.call(networks.getNetworkHome, p(tenant.network));
    expect(res.status).toBe(200);
    expect(res.body.myRole).toBe(role);
    expect(res.body.allowed).toEqual({ editSettings: false, manageMembers: false });
    // Inviting is an admin's step only.
    expect(res.body.firstSteps.map((s: { key: string }) => s.key)).toEqual(["accept_terms", "verify_email"]);
  });

  it("404 for someone who is not a member, and for invited or former members", async () => {
    expectError(await outsider.call(networks.getNetworkHome, p(tenant.network)), 404, "not_found");
    for (const status of ["invited", "left", "removed"] as const) {
      const account = await makeAccount(t);
      await addMember(t, tenant.network, account, "admin", status);
      expectError(await (await signIn(t, account)).call(networks.getNetworkHome, p(tenant.network)), 404, "not_found");
    }
  });

  it("404 for a network that does not exist; 400 naming networkId for a malformed id", async () => {
    expectError(await tenant.admin.client.call(networks.getNetworkHome, { params: { networkId: crypto.randomUUID() } }), 404, "not_found");
    expectFieldError(await tenant.admin.client.call(networks.getNetworkHome, { params: { networkId: "abc" } }), "networkId");
  });

  it("401 without a session", async () => {
    expectError(await t.anonymous().call(networks.getNetworkHome, p(tenant.network)), 401, "unauthenticated");
  });
});

describe("PATCH /api/networks/:networkId", () => {
  it("an admin updates the settings", async () => {
    const own = await makeTenant(t);
    const body = { name: "  新しい名前  ", purpose: "つながり続ける", eligibility: "元社員", codeOfConduct: "互いを尊重する" };
    const res = await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body });
    expect(res.status).toBe(200);
    expect(res.body.network).toMatchObject({
      name: "新しい名前",
      purpose: "つながり続ける",
      eligibility: "元社員",
      codeOfConduct: "互いを尊重する",
    });
    expect(Date.parse(res.body.network.updatedAt)).toBeGreaterThan(own.network.updated_at.getTime());
    const seen = await own.alumni.client.call(networks.getNetworkHome, p(own.network));
    expect(seen.body.network).toMatchObject({ name: "新しい名前", purpose: "つながり続ける" });
  });

  it("only the fields sent change", async () => {
    const own = await makeTenant(t);
    const res = await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { purpose: "だけ変える" } });
    expect(res.body.network).toMatchObject({ name: own.network.name, purpose: "だけ変える", eligibility: "参加資格" });
  });

  it.each(["employee", "alumni"] as const)("403 for an %s; nothing changes", async (role) => {
    const res = await tenant[role].client.call(networks.updateNetworkSettings, { ...p(tenant.network), body: { name: "乗っ取り" } });
    expectError(res, 403, "forbidden");
    expect((await tenant.admin.client.call(networks.getNetworkHome, p(tenant.network))).body.network.name).toBe(tenant.network.name);
  });

  it.each([
    ["name", { name: "   " }],
    ["name", { name: "x".repeat(121) }],
    ["purpose", { purpose: "x".repeat(20_001) }],
  ])("400 naming %s", async (field, body) => {
    expectFieldError(await tenant.admin.client.call(networks.updateNetworkSettings, { ...p(tenant.network), body }), field);
  });

  it("validation messages follow the admin's language", async () => {
    const own = await makeTenant(t);
    const en = await makeAccount(t, { locale: "en" });
    await addMember(t, own.network, en, "admin");
    const enClient = await signIn(t, en);
    const ja = await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { name: "" } });
    const eng = await enClient.call(networks.updateNetworkSettings, { ...p(own.network), body: { name: "" } });
    expect(isJapanese(expectFieldError(ja, "name"))).toBe(true);
    expect(isJapanese(expectFieldError(eng, "name"))).toBe(false);
    expect(eng.body.error.message).not.toBe(ja.body.error.message);
  });

  it("404 for a non-member, 401 without a session", async () => {
    expectError(await outsider.call(networks.updateNetworkSettings, { ...p(tenant.network), body: { name: "x" } }), 404, "not_found");
    expectError(
      await t.anonymous().call(networks.updateNetworkSettings, { ...p(tenant.network), body: { name: "x" } }),
      401,
      "unauthenticated",
    );
  });
});

describe("POST /api/networks/:networkId/logo", () => {
  it("stores the logo as WebP, at most 512 px, without EXIF", async () => {
    const own = await makeTenant(t);
    const png = await pngWithExif(1200, 800);
    expect((await sharp(png).metadata()).exif).toBeDefined(); // the input does carry EXIF
    const res = await own.admin.client.call(networks.uploadNetworkLogo, { ...p(own.network), ...(await multipartFile(png)) });
    expect(res.status).toBe(200);
    const logoUrl: string = res.body.network.logoUrl;
    expect(logoUrl).toMatch(/^\/files\/logos\/[0-9a-f-]{36}\.webp$/);

    const file = await t.app.fastify.inject({ method: "GET", url: logoUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("image/webp");
    const stored = file.rawPayload;
    const meta = await sharp(stored).metadata();
    expect(meta.format).toBe("webp");
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBe(512);
    expect(meta.width).toBe(512);
    expect(meta.height).toBe(341);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.includes("secret-exif")).toBe(false);

    // Members see it, in the network switcher too.
    expect((await own.alumni.client.call(networks.getNetworkHome, p(own.network))).body.network.logoUrl).toBe(logoUrl);
    const me = await own.alumni.client.call(accounts.getMe);
    expect(me.body.networks.find((n: { id: string }) => n.id === own.network.id).logoUrl).toBe(logoUrl);
  });

  it("a small image is not enlarged", async () => {
    const own = await makeTenant(t);
    const res = await own.admin.client.call(networks.uploadNetworkLogo, {
      ...p(own.network),
      ...(await multipartFile(await pngWithExif(64, 48))),
    });
    expect(res.status).toBe(200);
    const file = await t.app.fastify.inject({ method: "GET", url: res.body.network.logoUrl });
    expect(await sharp(file.rawPayload).metadata()).toMatchObject({ format: "webp", width: 64, height: 48 });
  });

  it("400 naming file for something that is not an image, even when it claims to be a PNG; the logo stays", async () => {
    const own = await makeTenant(t);
    const res = await own.admin.client.call(networks.uploadNetworkLogo, {
      ...p(own.network),
      ...(await multipartFile("<svg onload=alert(1)></svg>", { filename: "logo.png", contentType: "image/png" })),
    });
    expectFieldError(res, "file");
    expect((await own.admin.client.call(networks.getNetworkHome, p(own.network))).body.network.logoUrl).toBeNull();
  });

  it("400 naming file when the form has no file; 415 for a JSON body", async () => {
    expectFieldError(
      await tenant.admin.client.call(networks.uploadNetworkLogo, { ...p(tenant.network), ...(await multipartWithoutFile()) }),
      "file",
    );
    expectError(
      await tenant.admin.client.call(networks.uploadNetworkLogo, { ...p(tenant.network), body: { file: "x" } }),
      415,
      "unsupported_media_type",
    );
  });

  it("accepts an image of a few megabytes (the logo limit is 5 MB, above the 1 MB JSON body limit); 413 above 5 MB", async () => {
    const own = await makeTenant(t);
    const noisy = await sharp(randomBytes(900 * 900 * 3), { raw: { width: 900, height: 900, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(noisy.length).toBeGreaterThan(2 * 1024 * 1024);
    const ok = await own.admin.client.call(networks.uploadNetworkLogo, { ...p(own.network), ...(await multipartFile(noisy)) });
    expect(ok.status).toBe(200);
    expect(ok.body.network.logoUrl).toMatch(/\.webp$/);
    const tooBig = Buffer.concat([noisy, noisy, noisy]);
    expect(tooBig.length).toBeGreaterThan(5 * 1024 * 1024);
    expectError(
      await own.admin.client.call(networks.uploadNetworkLogo, { ...p(own.network), ...(await multipartFile(tooBig)) }),
      413,
      "payload_too_large",
    );
    expect((await own.admin.client.call(networks.getNetworkHome, p(own.network))).body.network.logoUrl).toBe(ok.body.network.logoUrl);
  });

  it.each(["employee", "alumni"] as const)("403 for an %s", async (role) => {
    const res = await tenant[role].client.call(networks.uploadNetworkLogo, {
      ...p(tenant.network),
      ...(await multipartFile(await pngWithExif(32, 32))),
    });
    expectError(res, 403, "forbidden");
  });

  it("404 for a non-member, 401 without a session", async () => {
    const upload = await multipartFile(await pngWithExif(32, 32));
    expectError(await outsider.call(networks.uploadNetworkLogo, { ...p(tenant.network), ...upload }), 404, "not_found");
    expectError(await t.anonymous().call(networks.uploadNetworkLogo, { ...p(tenant.network), ...upload }), 401, "unauthenticated");
  });
});

describe("GET /api/networks/:networkId/members", () => {
  async function allPages(client: Client, network: NetworkRow, limit: number) {
    const pages: { id: string }[][] = [];
    let cursor: string | null = null;
    do {
      const res = await client.call(networks.listMembers, { ...p(network), query: { limit, ...(cursor ? { cursor } : {}) } });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      pages.push(res.body.items);
      cursor = res.body.nextCursor;
      // A correct cursor ends after ceil(n / limit) pages; stop a runaway loop early.
      if (pages.length > 20) throw new Error(`pagination does not end: ${JSON.stringify(pages.slice(0, 4))}`);
    } while (cursor);
    return pages;
  }

  it("lists active members page by page: limit=2, following nextCursor, each exactly once", async () => {
    const own = await makeTenant(t);
    const more = [await makeAccount(t), await makeAccount(t)];
    const extra: MembershipRow[] = [];
    for (const a of more) extra.push(await addMember(t, own.network, a, "alumni"));
    await addMember(t, own.network, await makeAccount(t), "alumni", "left");
    await addMember(t, (await makeTenant(t)).network, more[0]!, "admin"); // elsewhere: not listed here

    const pages = await allPages(own.alumni.client, own.network, 2);
    const ids = pages.flat().map((m) => m.id);
    // The list's order is (created_at, id); rows made in the same millisecond tie on the time, so
    // the expected order is read the same way rather than assumed from the order of creation.
    const active = new Set([own.admin.membership, own.employee.membership, own.alumni.membership, ...extra].map((m) => m.id));
    const ordered = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("memberships")
        .select("id")
        .where("network_id", "=", own.network.id)
        .where("status", "=", "active")
        .orderBy("created_at")
        .orderBy("id")
        .execute(),
    );
    const expected = ordered.map((m) => m.id);
    expect(new Set(expected)).toEqual(active);
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(ids).toEqual(expected);
  });

  it("pages correctly when members joined within the same millisecond (timestamps have microseconds)", async () => {
    const network = await makeNetwork(t);
    const admin = await makeAccount(t);
    const rows = [await addMember(t, network, admin, "admin")];
    for (let i = 0; i < 3; i++) rows.push(await addMember(t, network, await makeAccount(t), "alumni"));
    // PostgreSQL keeps microseconds; four joins inside one millisecond are ordinary under load.
    await inSystem(t.database, async (tx) => {
      for (const [i, row] of rows.entries())
        await tx
          .updateTable("memberships")
          .set({ created_at: sql<Date>`${`2025-04-01T09:00:00.1234${i + 1}0Z`}::timestamptz` })
          .where("network_id", "=", network.id)
          .where("id", "=", row.id)
          .execute();
    });
    const pages = await allPages(await signIn(t, admin), network, 1);
    expect(pages.flat().map((m) => m.id)).toEqual(rows.map((r) => r.id));
  });

  it("each item has the member's public shape", async () => {
    const res = await tenant.employee.client.call(networks.listMembers, { ...p(tenant.network), query: { limit: 1 } });
    expect(res.body.items).toEqual([
      {
        id: tenant.admin.membership.id,
        accountId: tenant.admin.account.id,
        displayName: tenant.admin.account.display_name,
        avatarUrl: null,
        supporter: false,
        role: "admin",
        status: "active",
        joinedAt: tenant.admin.membership.joined_at?.toISOString(),
      },
    ]);
    expect(res.raw).not.toContain(tenant.admin.account.email);
    expect(typeof res.body.nextCursor).toBe("string");
  });

  it.each([
    ["limit", { limit: 0 }],
    ["limit", { limit: 101 }],
    ["limit", { limit: "many" }],
    ["cursor", { cursor: "not-a-cursor" }],
    // Well-formed JSON inside, but not a timestamp and an id: still the caller's mistake, not a 500.
    ["cursor", { cursor: Buffer.from(JSON.stringify(["not-a-date", "not-a-uuid"])).toString("base64url") }],
    ["cursor", { cursor: Buffer.from(JSON.stringify(["2025-04-01T09:00:00.000Z", "not-a-uuid"])).toString("base64url") }],
  ])("400 naming %s for %j", async (field, query) => {
    expectFieldError(await tenant.alumni.client.call(networks.listMembers, { ...p(tenant.network), query }), field);
  });

  it("404 for a non-member, 401 without a session", async () => {
    expectError(await outsider.call(networks.listMembers, p(tenant.network)), 404, "not_found");
    expectError(await t.anonymous().call(networks.listMembers, p(tenant.network)), 401, "unauthenticated");
  });
});

describe("PATCH /api/networks/:networkId/members/:memberId", () => {
  it("an admin changes a member's role", async () => {
    const own = await makeTenant(t);
    const res = await own.admin.client.call(networks.changeMemberRole, {
      params: { networkId: own.network.id, memberId: own.alumni.membership.id },
      body: { role: "employee" },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: own.alumni.membership.id, accountId: own.alumni.account.id, role: "employee", status: "active" });
    const home = await own.alumni.client.call(networks.getNetworkHome, p(own.network));
    expect(home.body.myRole).toBe("employee");
  });

  it("a promoted member gains admin actions; an admin may step down while another admin remains", async () => {
    const own = await makeTenant(t);
    const memberP = (m: MembershipRow) => ({ networkId: own.network.id, memberId: m.id });
    expect(
      (await own.admin.client.call(networks.changeMemberRole, { params: memberP(own.employee.membership), body: { role: "admin" } }))
        .status,
    ).toBe(200);
    expect((await own.employee.client.call(networks.getNetworkHome, p(own.network))).body.allowed).toEqual({
      editSettings: true,
      manageMembers: true,
    });
    const stepDown = await own.admin.client.call(networks.changeMemberRole, {
      params: memberP(own.admin.membership),
      body: { role: "alumni" },
    });
    expect(stepDown.status).toBe(200);
    expectError(await own.admin.client.call(networks.updateNetworkSettings, { ...p(own.network), body: { name: "x" } }), 403, "forbidden");
  });

  it("409 naming role when the last admin would lose the role", async () => {
    const own = await makeTenant(t);
    const res = await own.admin.client.call(networks.changeMemberRole, {
      params: { networkId: own.network.id, memberId: own.admin.membership.id },
      body: { role: "alumni" },
    });
    const error = expectError(res, 409, "conflict");
    expect(error.fields?.role).toBeTruthy();
    expect((await own.admin.client.call(networks.getNetworkHome, p(own.network))).body.myRole).toBe("admin");
  });

  it.each(["employee", "alumni"] as const)("403 for an %s; the role stays", async (role) => {
    const res = await tenant[role].client.call(networks.changeMemberRole, {
      params: { networkId: tenant.network.id, memberId: tenant[role].membership.id },
      body: { role: "admin" },
    });
    expectError(res, 403, "forbidden");
    expect((await tenant[role].client.call(networks.getNetworkHome, p(tenant.network))).body.myRole).toBe(role);
  });

  it("400 naming role / memberId; 404 for a member id that is not in this network", async () => {
    const params = { networkId: tenant.network.id, memberId: tenant.alumni.membership.id };
    expectFieldError(await tenant.admin.client.call(networks.changeMemberRole, { params, body: { role: "owner" } }), "role");
    expectFieldError(await tenant.admin.client.call(networks.changeMemberRole, { params, body: {} }), "role");
    expectFieldError(
      await tenant.admin.client.call(networks.changeMemberRole, { params: { ...params, memberId: "x" }, body: { role: "admin" } }),
      "memberId",
    );
    expectError(
      await tenant.admin.client.call(networks.changeMemberRole, {
        params: { ...params, memberId: crypto.randomUUID() },
        body: { role: "admin" },
      }),
      404,
      "not_found",
    );
  });

  it("404 for a non-member, 401 without a session", async () => {
    const params = { networkId: tenant.network.id, memberId: tenant.alumni.membership.id };
    expectError(await outsider.call(networks.changeMemberRole, { params, body: { role: "admin" } }), 404, "not_found");
    expectError(await t.anonymous().call(networks.changeMemberRole, { params, body: { role: "admin" } }), 401, "unauthenticated");
  });
});
