// This process's copies of first pages that many members read alike (decision 0022): a room's
// first page (the room timeline) and a network's newest posts (the home feed). Everyone who
// reads one gets the same rows but for what is theirs, which each request still reads itself:
// which rooms they see, whom they blocked or were blocked by, and which stamps are theirs. So a
// copy holds what everyone shares and posts.service / feed.service filter it per viewer.
//
// A copy is dropped when the bus says its room (or a room of its network) changed —
// bus.roomsChanged after a commit, here and in every other app process — and in any case after
// `ttlMs`: a change announced by no one (a process that died before its NOTIFY, a write outside
// the app) shows within that time. A copy read while a change was announced is not kept, so a
// read that began before a commit never outlives the commit's announcement.
import type { EventBus, RoomsChanged } from "../platform/realtime/bus.ts";
import type { PostWithExtras } from "./posts.repository.ts";

/** The pinned posts and a window of the newest others, as the page statements read them; `complete` when the window (`pinnedComplete`: the pinned list) holds all there are. */
export interface PageCopy {
  pinned: PostWithExtras[];
  window: PostWithExtras[];
  complete: boolean;
  pinnedComplete: boolean;
}

export interface PageCopiesOptions {
  /** How long a copy is used at most. */
  ttlMs?: number;
  /** How many copies are kept (the least recently read go first). */
  maxCopies?: number;
}

interface Entry {
  copy: PageCopy;
  storedAt: number;
}

export class PageCopies {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxCopies: number;
  /** Bumped by every announced change: a read that saw it move may hold something older. */
  #changes = 0;
  readonly #unsubscribe: () => void;

  /** `keysOf` names the copies an announced change drops: its rooms (room pages) or its networks (feeds). */
  constructor(bus: EventBus, keysOf: (change: Exclude<RoomsChanged, "all">) => ReadonlySet<string>, options: PageCopiesOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 5000;
    this.#maxCopies = options.maxCopies ?? 300;
    this.#unsubscribe = bus.subscribeRooms((change) => this.drop(change === "all" ? "all" : keysOf(change)));
  }

  /** The copy under `key`, if one is fresh (it becomes the most recently read). */
  get(key: string): PageCopy | undefined {
    const entry = this.#entries.get(key);
    if (!entry || performance.now() - entry.storedAt > this.#ttlMs) {
      if (entry) this.#entries.delete(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.copy;
  }

  /** Where a read begins: pass it to `put` with what the read found. */
  mark(): number {
    return this.#changes;
  }

  /** Keeps the copy read since `mark`, unless a change was announced meanwhile. */
  put(key: string, mark: number, copy: PageCopy): void {
    if (mark !== this.#changes) return;
    const now = performance.now();
    this.#entries.delete(key);
    // The least recently read come first: those past their time go (a stale copy is never used again).
    for (const [old, entry] of this.#entries) {
      if (now - entry.storedAt <= this.#ttlMs && this.#entries.size < this.#maxCopies) break;
      this.#entries.delete(old);
    }
    this.#entries.set(key, { copy, storedAt: now });
  }

  drop(keys: ReadonlySet<string> | "all"): void {
    this.#changes++;
    if (keys === "all") this.#entries.clear();
    else for (const key of keys) this.#entries.delete(key);
  }

  get size(): number {
    return this.#entries.size;
  }

  close(): void {
    this.#unsubscribe();
    this.#entries.clear();
  }
}

/** Copies of rooms' first pages, by room. */
export const roomPageCopies = (bus: EventBus, options?: PageCopiesOptions) => new PageCopies(bus, (change) => change.rooms, options);

/** Copies of networks' newest posts (the feed), by network: any change in one of its rooms drops it. */
export const feedCopies = (bus: EventBus, options?: PageCopiesOptions) => new PageCopies(bus, (change) => change.networks, options);
