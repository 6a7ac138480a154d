// Events made through the API, as organisers make them: an offline meet-up in Tokyo ten days from
// now unless the test says otherwise.
import { expect } from "vitest";
import * as ev from "../../src/shared/contract/events.ts";
import type { EventInput } from "../../src/shared/contract/events.ts";
import type { NetworkRow } from "../../src/server/platform/db/schema.ts";
import type { Client } from "./test-app.ts";

const dayMs = 24 * 3600 * 1000;

/** `n` days from now at `hours`:00 UTC, as ISO. */
export function inDays(n: number, hours = 10): string {
  const d = new Date(Date.now() + n * dayMs);
  d.setUTCHours(hours, 0, 0, 0);
  return d.toISOString();
}

export const eventBody = (overrides: Partial<EventInput> = {}) => ({
  title: "アルムナイ交流会",
  description: "**ようこそ**、[会社のサイト](https://example.com)もどうぞ",
  kind: "offline" as const,
  venueName: "本社 20F ラウンジ",
  venueAddress: "東京都千代田区1-1",
  startsAt: inDays(10, 10),
  endsAt: inDays(10, 12),
  timeZone: "Asia/Tokyo",
  ...overrides,
});

export async function createEvent(client: Client, network: Pick<NetworkRow, "id">, overrides: Partial<EventInput> = {}) {
  const res = await client.call(ev.createEvent, { params: { networkId: network.id }, body: eventBody(overrides) });
  expect(res.status, res.raw).toBe(201);
  return res.body as ev.EventDetail;
}
