// This process's copies of the newest posts of busy rooms (decision 0022). A room's first page is
// read by everyone who opens the room and the same for all of them but for three things, which
// each request still reads itself: whether the viewer sees the room at all, whom they blocked
// or were blocked by, and which stamps are theirs. So the copy holds what everyone shares — the
// pinned posts and a window of the newest, with authors, stamp counts and images, hidden ones
// included (their authors and the admins see them) — and posts.service filters it per viewer.
//
// A copy is dropped when the bus says its room changed (bus.roomsChanged after a commit, here and
// in every other app process), and in any case after `ttlMs`: a change announced by no one (a
// name changed in another network's process, a lost bus message) shows within that time.
// A copy read while a change was announced is not kept, so a read that began before a commit
// never outlives the commit's announcement.
import type { EventBus, RoomsChanged } from "../platform/realtime/bus.ts";
import type { PostWithExtras } from "./posts.repository.ts";

export interface RoomPage {
  /** Pinned posts, newest pin first (hidden ones included). */
  pinned: PostWithExtras[];
  /** The newest posts that are not pinned, newest first (hidden ones included; deleted ones only with comments). */
  window: PostWithExtras[];
  /** The window holds every such post of the room (it is shorter than asked for). */
  complete: boolean;
}

export interface RoomPagesOptions {
  /** How long a copy is used at most. */
  ttlMs?: number;
  /** How many rooms are kept (the least recently read go first). */
  maxRooms?: number;
}

interface Entry {
  page: RoomPage;
  storedAt: number;
}

export class RoomPages {
  readonly #entries = new Map<string, Entry>();
  readonly #ttlMs: number;
  readonly #maxRooms: number;
  /** Bumped by every announced change: a read that saw it move may hold something older. */
  #changes = 0;
  readonly #unsubscribe: () => void;

  constructor(bus: EventBus, options: RoomPagesOptions = {}) {
    this.#ttlMs = options.ttlMs ?? 5000;
    this.#maxRooms = options.maxRooms ?? 300;
    this.#unsubscribe = bus.subscribeRooms((rooms) => this.drop(rooms));
  }

  /** The room's copy, if one is fresh (it becomes the most recently read). */
  get(roomId: string): RoomPage | undefined {
    const entry = this.#entries.get(roomId);
    if (!entry || performance.now() - entry.storedAt > this.#ttlMs) {
      if (entry) this.#entries.delete(roomId);
      return undefined;
    }
    this.#entries.delete(roomId);
    this.#entries.set(roomId, entry);
    return entry.page;
  }

  /** Where a read of the room begins: pass it to `put` with what the read found. */
  mark(): number {
    return this.#changes;
  }

  /** Keeps the copy read since `mark`, unless a change was announced meanwhile. */
  put(roomId: string, mark: number, page: RoomPage): void {
    if (mark !== this.#changes) return;
    this.#entries.delete(roomId);
    this.#entries.set(roomId, { page, storedAt: performance.now() });
    if (this.#entries.size > this.#maxRooms) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  drop(rooms: RoomsChanged): void {
    this.#changes++;
    if (rooms === "all") this.#entries.clear();
    else for (const room of rooms) this.#entries.delete(room);
  }

  get size(): number {
    return this.#entries.size;
  }

  close(): void {
    this.#unsubscribe();
    this.#entries.clear();
  }
}
