// The ticket's QR code and the door page's reader (src/web/events/qr.ts, qr-scanner.ts): the SVG the
// ticket shows, drawn to pixels as a screen or a camera would see it, reads back as the same ticket
// code — so a code the ticket draws is a code the organiser's phone can check in.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { qrDataUrl } from "../../src/web/events/qr.ts";
import { decodeQr } from "../../src/web/events/qr-scanner.ts";

async function pixelsOf(dataUrl: string, size: number) {
  const prefix = "data:image/svg+xml;charset=utf-8,";
  expect(dataUrl.startsWith(prefix)).toBe(true);
  const svg = Buffer.from(decodeURIComponent(dataUrl.slice(prefix.length)));
  const { data, info } = await sharp(svg, { density: 300 })
    .resize(size, size, { kernel: "nearest" })
    .flatten({ background: "#ffffff" })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { pixels: new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

describe("ticket QR code", () => {
  it.each([
    ["a ticket code as the API issues them", "H6B7smJ7WgW_oCs8Zu92RA"],
    [
      "a long code with every URL-safe character",
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_abcdefghijklmnopqrstuvwxyz0123456789",
    ],
  ])("reads back %s", async (_, code) => {
    const { pixels, width, height } = await pixelsOf(await qrDataUrl(code), 400);
    expect(decodeQr(pixels, width, height)).toBe(code);
  });

  it("still reads when the camera sees it small", async () => {
    const code = "uR6xNX022deDEvQvcy5wEw";
    const { pixels, width, height } = await pixelsOf(await qrDataUrl(code), 120);
    expect(decodeQr(pixels, width, height)).toBe(code);
  });

  it("finds nothing in a picture without a code", () => {
    const blank = new Uint8ClampedArray(200 * 200 * 4).fill(255);
    expect(decodeQr(blank, 200, 200)).toBeNull();
  });

  it("draws a different picture for a different code", async () => {
    expect(await qrDataUrl("aaaaaaaaaaaaaaaaaaaaaa")).not.toBe(await qrDataUrl("aaaaaaaaaaaaaaaaaaaaab"));
  });
});
