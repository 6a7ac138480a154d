// The copies of first pages (posts/page-copies.ts, decision 0022): what is dropped when — a
// room's page by its room, a network's feed by any of its rooms —, that a read which overlapped
// a change is not kept, the time limit and the size limit; and, on PostgreSQL, that a change
// announced by one process drops the copies another keeps. What a viewer gets from a copy is
// tested through the API in posts.test.ts and feed.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InProcessBus, PostgresBus, withAfterCommit, type AfterCommit } from "../../src/server/platform/realtime/bus.ts";
import { feedCopies, roomPageCopies, type PageCopy } from "../../src/server/posts/page-copies.ts";
import { createTestDatabase, onPostgres } from "../helpers/test-database.ts";

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const page = (n: number): PageCopy => ({ pinned: [], window: [], complete: n > 0, pinnedComplete: true });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs `fn` as a committed transaction would, then what it left for after the commit. */
const committed = (fn: (afterCommit: AfterCommit) => void) =>
  withAfterCommit((afterCommit) => {
    fn(afterCommit);
    return Promise.resolve();
  });

describe("page copies", () => {
  it("keeps a copy until its room is announced as changed, after the commit", async () => {
    const bus = new InProcessBus(log);
    const pages = roomPageCopies(bus);
    pages.put("a", pages.mark(), page(1));
    pages.put("b", pages.mark(), page(2));
    expect(pages.get("a")).toEqual(page(1));
    await committed((afterCommit) => {
      bus.roomsChanged({ networkId: "n", roomIds: ["a"] }, afterCommit);
      // Not before the commit: a read meanwhile still gets the copy.
      expect(pages.get("a")).toEqual(page(1));
    });
    expect(pages.get("a")).toBeUndefined();
    expect(pages.get("b")).toEqual(page(2));
    await committed((afterCommit) => bus.roomsChanged("all", afterCommit));
    expect(pages.get("b")).toBeUndefined();
    pages.close();
  });

  it("a network's feed is dropped by a change in any of its rooms, and only its own", async () => {
    const bus = new InProcessBus(log);
    const feeds = feedCopies(bus);
    feeds.put("n", feeds.mark(), page(1));
    feeds.put("m", feeds.mark(), page(2));
    await committed((afterCommit) => bus.roomsChanged({ networkId: "n", roomIds: ["any room"] }, afterCommit));
    expect(feeds.get("n")).toBeUndefined();
    expect(feeds.get("m")).toEqual(page(2));
    feeds.close();
  });

  it("does not keep what a read found while a change was announced", async () => {
    const bus = new InProcessBus(log);
    const pages = roomPageCopies(bus);
    const mark = pages.mark();
    // The read began before a commit whose announcement arrives before the read ends.
    await committed((afterCommit) => bus.roomsChanged({ networkId: "n", roomIds: ["elsewhere"] }, afterCommit));
    pages.put("a", mark, page(1));
    expect(pages.get("a")).toBeUndefined();
    pages.put("a", pages.mark(), page(1));
    expect(pages.get("a")).toEqual(page(1));
    pages.close();
  });

  it("uses a copy for ttlMs at most and keeps maxCopies, the least recently read going first; stale ones go with the next copy", async () => {
    const bus = new InProcessBus(log);
    const pages = roomPageCopies(bus, { ttlMs: 40, maxCopies: 2 });
    pages.put("a", pages.mark(), page(1));
    pages.put("b", pages.mark(), page(2));
    expect(pages.get("a")).toEqual(page(1));
    pages.put("c", pages.mark(), page(3));
    expect(pages.get("b")).toBeUndefined();
    expect(pages.get("a")).toEqual(page(1));
    expect(pages.size).toBe(2);
    await sleep(60);
    // A new copy pushes out those past their time: they take no memory until read again.
    pages.put("d", pages.mark(), page(4));
    expect(pages.size).toBe(1);
    expect(pages.get("a")).toBeUndefined();
    expect(pages.get("c")).toBeUndefined();
    expect(pages.get("d")).toEqual(page(4));
    pages.close();
  });
});

describe.skipIf(!onPostgres)("page copies on PostgreSQL", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("a change announced in one process drops the copies another process keeps", async () => {
    const url = database.url ?? "";
    const one = new PostgresBus(url, log);
    const two = new PostgresBus(url, log);
    await Promise.all([one.start(), two.start()]);
    const pages = roomPageCopies(two);
    const feeds = feedCopies(two);
    try {
      pages.put("a", pages.mark(), page(1));
      pages.put("b", pages.mark(), page(2));
      feeds.put("n", feeds.mark(), page(3));
      feeds.put("m", feeds.mark(), page(4));
      await committed((afterCommit) => one.roomsChanged({ networkId: "n", roomIds: ["a"] }, afterCommit));
      for (let i = 0; i < 100 && pages.get("a"); i++) await sleep(20);
      expect(pages.get("a")).toBeUndefined();
      expect(pages.get("b")).toEqual(page(2));
      expect(feeds.get("n")).toBeUndefined();
      expect(feeds.get("m")).toEqual(page(4));
      await committed((afterCommit) => one.roomsChanged("all", afterCommit));
      for (let i = 0; i < 100 && pages.get("b"); i++) await sleep(20);
      expect(pages.get("b")).toBeUndefined();
    } finally {
      pages.close();
      feeds.close();
      await Promise.all([one.stop(), two.stop()]);
    }
  });
});
