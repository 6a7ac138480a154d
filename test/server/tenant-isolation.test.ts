// Tenant isolation, generated from the route table: every route with a path parameter is called
// by network A's most privileged member with network B's (or another account's) ids, and must
// answer 404 — never 403, never 200 — and change nothing. A route added later is covered the day
// it lands; if it brings a parameter or a write this suite cannot fill in, the suite fails and
// says what to add.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteDef } from "../../src/server/platform/http/route.ts";
import { addMember, makeAccount, makeTenant, signIn } from "../helpers/factories.ts";
import { sessionIdOf } from "../helpers/sessions.ts";
import { snapshotDatabase } from "../helpers/snapshot.ts";
import { createTestApp, type CallOptions, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile, pngWithExif } from "../helpers/uploads.ts";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
interface World {
  a: Tenant;
  b: Tenant;
  /** A second session of A's admin (revocable without signing the actor out). */
  aAdminOtherSessionId: string;
  /** A session of one of B's members. */
  bSessionId: string;
}

/**
 * For each path parameter: the id of network A's own resource, and the id of a resource the
 * actor must not reach (network B's, or another account's). Add new parameters here.
 */
const paramValues: Record<string, { own: (w: World) => string; other: (w: World) => string }> = {
  networkId: { own: (w) => w.a.network.id, other: (w) => w.b.network.id },
  memberId: { own: (w) => w.a.alumni.membership.id, other: (w) => w.b.alumni.membership.id },
  sessionId: { own: (w) => w.aAdminOtherSessionId, other: (w) => w.bSessionId },
};

let png: Buffer;
/**
 * A valid request (body or upload) for every endpoint that writes, so that a 404 can only come
 * from the foreign id, never from a body the endpoint would reject anyway. Add new writes here.
 */
const requests: Record<string, () => CallOptions | Promise<CallOptions>> = {
  updateNetworkSettings: () => ({ body: { name: "乗っ取り", purpose: "書き換え", eligibility: "誰でも", codeOfConduct: "なし" } }),
  uploadNetworkLogo: () => multipartFile(png),
  changeMemberRole: () => ({ body: { role: "admin" } }),
  revokeSession: () => ({}), // DELETE without a body
};

// Built at module load so that the route table names the tests.
const t: TestApp = await createTestApp();
let w: World;

beforeAll(async () => {
  png = await pngWithExif(40, 30);
  const [a, b] = [await makeTenant(t), await makeTenant(t)];
  const second = await signIn(t, a.admin.account);
  w = { a, b, aAdminOtherSessionId: await sessionIdOf(t, second), bSessionId: await sessionIdOf(t, b.alumni.client) };
});
afterAll(async () => {
  await t.close();
});

const pathParams = (route: RouteDef) => [...route.endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "");
const label = (route: RouteDef) => `${route.endpoint.method} ${route.endpoint.path} (${route.endpoint.id}, ${route.endpoint.access})`;

// Operator routes are cross-network by design (the operator runs every network); they are
// closed to everyone else, which operator-networks.test.ts and outbox.test.ts check (404).
const tenantRoutes = () => t.app.routes.filter((r) => r.endpoint.access !== "operator" && pathParams(r).length > 0);

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function requestFor(route: RouteDef): Promise<CallOptions> {
  if (route.endpoint.method === "GET") return {};
  const build = requests[route.endpoint.id];
  if (!build)
    throw new Error(
      `${label(route)} writes but has no request fixture: add "${route.endpoint.id}" to \`requests\` in ` +
        `test/server/tenant-isolation.test.ts with a body the endpoint accepts.`,
    );
  const options = await build();
  if (route.endpoint.body) {
    const parsed = route.endpoint.body.safeParse(options.body ?? {});
    expect(parsed.success, `the fixture body of ${route.endpoint.id} is not valid for the endpoint`).toBe(true);
  }
  return options;
}

function paramsFor(route: RouteDef, foreign: Set<string>): Record<string, string> {
  return Object.fromEntries(
    pathParams(route).map((name) => {
      const values = paramValues[name];
      if (!values)
        throw new Error(
          `${label(route)} has the path parameter ":${name}", which the tenant-isolation suite does not know. ` +
            `Add "${name}" to \`paramValues\` in test/server/tenant-isolation.test.ts: \`own\` gives network A's id for it, ` +
            `\`other\` the id of network B's (or another account's) resource.`,
        );
      return [name, foreign.has(name) ? values.other(w) : values.own(w)];
    }),
  );
}

/** Each parameter foreign on its own, then all of them at once. */
function variants(route: RouteDef): Set<string>[] {
  const names = pathParams(route);
  const single = names.map((n) => new Set([n]));
  return names.length > 1 ? [...single, new Set(names)] : single;
}

async function expectRefusedWithoutEffect(client: Client, route: RouteDef, foreign: Set<string>) {
  const params = paramsFor(route, foreign);
  const request = await requestFor(route);
  const before = await snapshotDatabase(t.database);
  const filesBefore = filesUnder(t.config.dataDir);
  const res = await client.call(route.endpoint, { ...request, params });
  const what = `${label(route)} with foreign ${[...foreign].join("+")} ${JSON.stringify(params)}`;
  expect({ status: res.status, code: res.body?.error?.code }, `${what}: ${res.raw}`).toEqual({ status: 404, code: "not_found" });
  expect(await snapshotDatabase(t.database), `${what} changed the database`).toEqual(before);
  expect(filesUnder(t.config.dataDir), `${what} wrote a file`).toEqual(filesBefore);
}

describe("tenant isolation over the route table", () => {
  it("the snapshot notices a changed row (so an unchanged snapshot means something)", async () => {
    const before = await snapshotDatabase(t.database);
    await t.database.db.updateTable("networks").set({ purpose: "changed" }).where("id", "=", w.b.network.id).execute();
    const after = await snapshotDatabase(t.database);
    await t.database.db.updateTable("networks").set({ purpose: w.b.network.purpose }).where("id", "=", w.b.network.id).execute();
    expect(after.networks).not.toBe(before.networks);
    expect({ ...after, networks: "" }).toEqual({ ...before, networks: "" });
    expect(await snapshotDatabase(t.database)).toEqual(before);
  });

  it("the route table has parameterised tenant routes to check", () => {
    expect(tenantRoutes().length).toBeGreaterThanOrEqual(6);
  });

  describe.each(tenantRoutes().map((r) => [label(r), r] as const))("%s", (_name, route) => {
    it("A's admin gets 404 for B's (or another account's) ids, and nothing changes", async () => {
      for (const foreign of variants(route)) await expectRefusedWithoutEffect(w.a.admin.client, route, foreign);
    });

    it("with A's own ids the same request succeeds (so the 404 above came from the foreign id)", async () => {
      const res = await w.a.admin.client.call(route.endpoint, { ...(await requestFor(route)), params: paramsFor(route, new Set()) });
      expect(res.status, res.raw).toBeGreaterThanOrEqual(200);
      expect(res.status, res.raw).toBeLessThan(300);
    });
  });

  it("A's employee and alumni get 404 (not 403) on every route of network B, and nothing changes", async () => {
    for (const route of tenantRoutes().filter((r) => pathParams(r).includes("networkId"))) {
      for (const member of [w.a.employee, w.a.alumni]) await expectRefusedWithoutEffect(member.client, route, new Set(pathParams(route)));
    }
  });

  it("someone who is a member of both sees each network only through its own id", async () => {
    const both = await makeAccount(t);
    await addMember(t, w.a.network, both, "alumni");
    await addMember(t, w.b.network, both, "admin");
    const client = await signIn(t, both);
    // Admin in B, alumni in A: B's admin rights do not carry over to A.
    const route = tenantRoutes().find((r) => r.endpoint.id === "changeMemberRole");
    expect(route).toBeDefined();
    const res = await client.call(route!.endpoint, {
      params: { networkId: w.a.network.id, memberId: w.b.alumni.membership.id },
      body: { role: "admin" },
    });
    expect(res.status).toBe(403); // a member of A without the role: 403 is right here
    const cross = await client.call(route!.endpoint, {
      params: { networkId: w.b.network.id, memberId: w.a.alumni.membership.id },
      body: { role: "admin" },
    });
    expect(cross.status).toBe(404);
  });

  it("GET routes without parameters never mention network B or its people to A's admin", async () => {
    const secrets = [
      w.b.network.id,
      w.b.network.slug,
      w.b.network.name,
      ...[w.b.admin, w.b.employee, w.b.alumni].flatMap((m) => [m.account.id, m.account.email, m.account.display_name, m.membership.id]),
      w.bSessionId,
    ];
    const reads = t.app.routes.filter((r) => r.endpoint.method === "GET" && r.endpoint.access !== "operator" && pathParams(r).length === 0);
    expect(reads.length).toBeGreaterThan(0);
    for (const route of reads) {
      const res = await w.a.admin.client.call(route.endpoint);
      expect(res.status, `${label(route)}: ${res.raw}`).toBe(200);
      for (const secret of secrets) expect(res.raw, `${label(route)} leaks ${secret}`).not.toContain(secret);
    }
  });
});
