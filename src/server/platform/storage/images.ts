// The image pipeline every upload goes through. The type is read from the content (sharp's
// header parse), never from the name or the declared type. The declared size is checked before
// anything is decoded, and sharp's own pixel limit backs that up, so a small file that unpacks
// into gigabytes (a decompression bomb) is refused. The image is turned upright from its EXIF
// orientation and re-encoded as WebP in sRGB without any metadata: EXIF, GPS, XMP and ICC are
// dropped. The original is never kept.
import sharp, { type Metadata, type Sharp } from "sharp";
import { validationFailed } from "../errors/errors.ts";

/** Largest decoded image accepted (width × height). A 40-megapixel photo is bigger than any phone's. */
export const maxInputPixels = 40_000_000;

/** Formats accepted, as sharp names them (AVIF is "heif" with AV1 compression). GIFs give their first frame. */
const acceptedFormats = new Set(["jpeg", "png", "webp", "gif"]);

export interface ImageOptions {
  /** Longest side in pixels. */
  maxSize: number;
  /** Exactly maxSize × maxSize, the image fitted inside on a transparent background (stamps). */
  square?: boolean;
  /** Exactly maxSize × maxSize, the middle of the image cut out to fill it (avatars). */
  crop?: boolean;
}

export interface ImageVariant {
  data: Buffer;
  width: number;
  height: number;
  bytes: number;
}

export type ProcessedImage<K extends string> = Record<K, ImageVariant>;

const isPixelLimit = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message);

/** Opens and checks an upload without decoding its pixels: not an image → not_an_image, too many pixels → image_too_large. */
async function open(data: Buffer): Promise<Sharp> {
  let meta: Metadata;
  const image = sharp(data, { limitInputPixels: maxInputPixels, failOn: "error", animated: false });
  try {
    meta = await image.metadata();
  } catch (error) {
    // sharp checks the declared size against the limit while reading the header.
    throw validationFailed({ file: isPixelLimit(error) ? "image_too_large" : "not_an_image" });
  }
  const avif = meta.format === "heif" && meta.compression === "av1";
  if (!avif && !acceptedFormats.has(meta.format)) throw validationFailed({ file: "not_an_image" });
  if (!meta.width || !meta.height) throw validationFailed({ file: "not_an_image" });
  if (meta.width * meta.height > maxInputPixels) throw validationFailed({ file: "image_too_large" });
  return image.rotate();
}

async function encode(image: Sharp, options: ImageOptions): Promise<ImageVariant> {
  const resized = options.square
    ? image.resize(options.maxSize, options.maxSize, { fit: "contain", background: { r: 0, g: 0, b: 0, alpha: 0 } })
    : options.crop
      ? image.resize(options.maxSize, options.maxSize, { fit: "cover", position: "attention" })
      : image.resize(options.maxSize, options.maxSize, { fit: "inside", withoutEnlargement: true });
  const { data, info } = await resized.webp({ quality: 84 }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, bytes: data.length };
}

/** Decoding failures (a truncated or corrupt body behind a valid header) are not_an_image too. */
async function decoding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw validationFailed({ file: isPixelLimit(error) ? "image_too_large" : "not_an_image" });
  }
}

/** One variant per entry of `variants` (e.g. thumb 480, large 1920), all from one decode of the upload. */
export async function processImageVariants<K extends string>(data: Buffer, variants: Record<K, ImageOptions>): Promise<ProcessedImage<K>> {
  const image = await open(data);
  return decoding(async () => {
    const entries = await Promise.all(
      (Object.entries(variants) as [K, ImageOptions][]).map(
        async ([name, options]) => [name, await encode(image.clone(), options)] as const,
      ),
    );
    return Object.fromEntries(entries) as ProcessedImage<K>;
  });
}

/** A single variant (network logos, custom stamps). */
export async function processImage(data: Buffer, options: ImageOptions): Promise<Buffer> {
  const { only } = await processImageVariants(data, { only: options });
  return only.data;
}
