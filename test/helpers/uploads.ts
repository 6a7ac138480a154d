// Image fixtures and multipart/form-data payloads for upload tests.
import sharp from "sharp";

/** A real PNG of the given size carrying EXIF metadata (a copyright tag), as cameras and editors write. */
export function pngWithExif(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 28, g: 110, b: 140 } } })
    .png()
    .withExif({ IFD0: { Copyright: "secret-exif-copyright", Artist: "secret-exif-artist" } })
    .toBuffer();
}

/** A multipart/form-data body holding one file under the field name `file`, after the text `fields` if any. */
export async function multipartFile(
  data: Buffer | string,
  options: { filename?: string; contentType?: string; field?: string; fields?: Record<string, string> } = {},
): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(options.fields ?? {})) form.append(name, value);
  const blob = new Blob([typeof data === "string" ? data : new Uint8Array(data)], { type: options.contentType ?? "image/png" });
  form.append(options.field ?? "file", blob, options.filename ?? "logo.png");
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    headers: { "content-type": encoded.headers.get("content-type") ?? "" },
  };
}

/** A multipart/form-data body with only a text field (no file part). */
export async function multipartWithoutFile(): Promise<{ payload: Buffer; headers: Record<string, string> }> {
  const form = new FormData();
  form.append("note", "no file here");
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), headers: { "content-type": encoded.headers.get("content-type") ?? "" } };
}

/**
 * A multipart/form-data body with one file of `size` bytes made of `fill` repeated, built in a single
 * allocation (for size-limit tests: a FormData round trip would copy a large file several times).
 */
export function multipartFilled(
  size: number,
  fill: string,
  options: { filename?: string; contentType?: string; field?: string } = {},
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = "----tsunagu-test-boundary-7d9c1e";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${options.field ?? "file"}"; filename="${options.filename ?? "large.csv"}"\r\n` +
      `Content-Type: ${options.contentType ?? "text/csv"}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const payload = Buffer.allocUnsafe(head.length + size + tail.length);
  head.copy(payload, 0);
  payload.fill(fill, head.length, head.length + size);
  tail.copy(payload, head.length + size);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
