// Looks up the server-side session behind a test client's cookie.
import { hashSecret } from "../../src/server/platform/auth/tokens.ts";
import { cookieNames } from "../../src/server/platform/http/cookies.ts";
import type { Client, TestApp } from "./test-app.ts";

/** The id of the session the client's cookie belongs to (fails when it has none). */
export async function sessionIdOf(t: TestApp, client: Client): Promise<string> {
  const token = client.cookies.get(cookieNames.session);
  if (!token) throw new Error("the client has no session cookie");
  const row = await t.database.db.selectFrom("sessions").select("id").where("token_hash", "=", hashSecret(token)).executeTakeFirst();
  if (!row) throw new Error("no session row for the client's cookie");
  return row.id;
}

/** A client that sends the given cookies (e.g. a copy of a signed-out browser's). */
export function clientWithCookies(t: TestApp, cookies: Map<string, string>): Client {
  const client = t.anonymous();
  for (const [k, v] of cookies) client.cookies.set(k, v);
  return client;
}
