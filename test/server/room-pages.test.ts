// The copies of rooms' first pages (posts/room-pages.ts, decision 0022): what is dropped when,
// that a read which overlapped a change is not kept, the time limit and the size limit; and, on
// PostgreSQL, that a change announced by one process drops the copy another keeps. What a viewer
// gets from a copy is tested through the API in posts.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessBus, PostgresBus, withAfterCommit, type AfterCommit } from "../../src/server/platform/realtime/bus.ts";
import { RoomPages, type RoomPage } from "../../src/server/posts/room-pages.ts";
import { createTestDatabase, onPostgres } from "../helpers/test-database.ts";

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const page = (n: number): RoomPage => ({ pinned: [], window: [], complete: n > 0 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `fn` as a committed transaction would, then what it left for after the commit. */
const committed = (fn: (afterCommit: AfterCommit) => void) =>
  withAfterCommit((afterCommit) => {
    fn(afterCommit);
    return Promise.resolve();
  });

describe("RoomPages", () => {
  it("keeps a copy until its room is announced as changed, after the commit", async () => {
    const bus = new InProcessBus(log);
    const pages = new RoomPages(bus);
    pages.put("a", pages.mark(), page(1));
    pages.put("b", pages.mark(), page(2));
    expect(pages.get("a")).toEqual(page(1));
    await committed((afterCommit) => {
      bus.roomsChanged(["a"], afterCommit);
      // Not before the commit: a read meanwhile still gets the copy.
      expect(pages.get("a")).toEqual(page(1));
    });
    expect(pages.get("a")).toBeUndefined();
    expect(pages.get("b")).toEqual(page(2));
    await committed((afterCommit) => bus.roomsChanged("all", afterCommit));
    expect(pages.get("b")).toBeUndefined();
    pages.close();
  });

  it("does not keep what a read found while a change was announced", async () => {
    const bus = new InProcessBus(log);
    const pages = new RoomPages(bus);
    const mark = pages.mark();
    // The read began before a commit whose announcement arrives before the read ends.
    await committed((afterCommit) => bus.roomsChanged(["elsewhere"], afterCommit));
    pages.put("a", mark, page(1));
    expect(pages.get("a")).toBeUndefined();
    pages.put("a", pages.mark(), page(1));
    expect(pages.get("a")).toEqual(page(1));
    pages.close();
  });

  it("uses a copy for ttlMs at most and keeps maxRooms, the least recently read going first", async () => {
    const bus = new InProcessBus(log);
    const pages = new RoomPages(bus, { ttlMs: 40, maxRooms: 2 });
    pages.put("a", pages.mark(), page(1));
    pages.put("b", pages.mark(), page(2));
    expect(pages.get("a")).toEqual(page(1));
    pages.put("c", pages.mark(), page(3));
    expect(pages.get("b")).toBeUndefined();
    expect(pages.get("a")).toEqual(page(1));
    expect(pages.size).toBe(2);
    await sleep(60);
    expect(pages.get("a")).toBeUndefined();
    expect(pages.get("c")).toBeUndefined();
    pages.close();
  });
});

describe.skipIf(!onPostgres)("RoomPages on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("a change announced in one process drops the copy another process keeps", async () => {
    const url = database.url ?? "";
    const one = new PostgresBus(url, log);
    const two = new PostgresBus(url, log);
    await Promise.all([one.start(), two.start()]);
    const pages = new RoomPages(two);
    try {
      pages.put("a", pages.mark(), page(1));
      pages.put("b", pages.mark(), page(2));
      await committed((afterCommit) => one.roomsChanged(["a"], afterCommit));
      for (let i = 0; i < 100 && pages.get("a"); i++) await sleep(20);
      expect(pages.get("a")).toBeUndefined();
      expect(pages.get("b")).toEqual(page(2));
      await committed((afterCommit) => one.roomsChanged("all", afterCommit));
      for (let i = 0; i < 100 && pages.get("b"); i++) await sleep(20);
      expect(pages.get("b")).toBeUndefined();
    } finally {
      pages.close();
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});
