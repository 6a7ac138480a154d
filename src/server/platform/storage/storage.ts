// Stores uploaded files (local directory under DATA_DIR by default). Images go through sharp
// first: decoded with a pixel limit (decompression bombs are refused), turned upright,
// resized, re-encoded as WebP — which drops EXIF, GPS and every other metadata.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { randomUUID } from "node:crypto";
import sharp from "sharp";
import { validationFailed } from "../errors/errors.ts";

export interface StoredFile {
  key: string;
  contentType: string;
}

export interface Storage {
  put(prefix: string, data: Buffer, contentType: string, extension: string): Promise<StoredFile>;
  get(key: string): Promise<Buffer | null>;
  /** The URL the web app uses for a stored key. */
  url(key: string): string;
}

const keyPattern = /^[a-z]+\/[0-9a-f-]{36}\.[a-z0-9]+$/;

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

  url(key: string): string {
    return `/files/${key}`;
  }
}

export interface ImageOptions {
  /** Longest side in pixels. */
  maxSize: number;
}

/** Decodes, checks and re-encodes an uploaded image. Throws a field error for anything that isn't one. */
export async function processImage(data: Buffer, options: ImageOptions): Promise<Buffer> {
  try {
    const image = sharp(data, { limitInputPixels: 40_000_000, failOn: "error" });
    const meta = await image.metadata();
    if (!meta.format || !["png", "jpeg", "webp", "gif"].includes(meta.format)) throw new Error("format");
    return await image
      .rotate()
      .resize(options.maxSize, options.maxSize, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 86 })
      .toBuffer();
  } catch {
    throw validationFailed({ file: "not_an_image" });
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
