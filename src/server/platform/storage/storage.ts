// Stores uploaded files (local directory under DATA_DIR by default) under random, unguessable
// keys. Images go through images.ts first; only its processed output is ever stored.
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";

export { processImage, processImageVariants, type ImageOptions, type ImageVariant, type ProcessedImage } from "./images.ts";

export interface StoredFile {
  key: string;
  contentType: string;
}

export interface Storage {
  put(prefix: string, data: Buffer, contentType: string, extension: string): Promise<StoredFile>;
  get(key: string): Promise<Buffer | null>;
  /** Removes a stored file; a key that is already gone is fine. */
  delete(key: string): Promise<void>;
  /** The public URL (/files/…) for a stored key: only for files anyone may see, such as network logos. */
  url(key: string): string;
}

const keyPattern = /^[a-z-]+\/[0-9a-f-]{36}\.[a-z0-9]+$/;

export class LocalStorage implements Storage {
  readonly #root: string;
  constructor(root: string) {
    this.#root = root;
  }

  async put(prefix: string, data: Buffer, contentType: string, extension: string): Promise<StoredFile> {
    const key = `${prefix}/${randomUUID()}.${extension}`;
    const file = path.join(this.#root, key);
    await mkdir(path.dirname(file), { recursive: true });
    // Write then rename, so a reader never sees half a file.
    await writeFile(`${file}.tmp`, data);
    await rename(`${file}.tmp`, file);
    return { key, contentType };
  }

  async get(key: string): Promise<Buffer | null> {
    if (!keyPattern.test(key)) return null;
    return readFile(path.join(this.#root, key)).catch(() => null);
  }

  async delete(key: string): Promise<void> {
    if (!keyPattern.test(key)) return;
    await rm(path.join(this.#root, key), { force: true });
  }

  url(key: string): string {
    return `/files/${key}`;
  }
}

export const contentTypeOf = (key: string) =>
  key.endsWith(".webp")
    ? "image/webp"
    : key.endsWith(".png")
      ? "image/png"
      : key.endsWith(".jpg")
        ? "image/jpeg"
        : "application/octet-stream";
