// The ticket's QR code, drawn in the browser (no request leaves the page, so the ticket still shows
// with the network gone once it is loaded) as an SVG image: crisp at any size and when printed.
import QRCode from "qrcode";
import { useEffect, useState } from "react";

/** An SVG data URL of the code; error correction M survives a scratched or dim phone screen. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, {
    type: "svg",
    errorCorrectionLevel: "M",
    margin: 2,
    color: { dark: "#000000", light: "#ffffff" },
  });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The data URL of `text`'s code, null while drawing (a few milliseconds) or if drawing failed. */
export function useQrDataUrl(text: string | null): { url: string | null; failed: boolean } {
  const [state, setState] = useState<{ text: string; url: string | null; failed: boolean } | null>(null);
  useEffect(() => {
    if (text === null) return;
    let current = true;
    qrDataUrl(text).then(
      (url) => current && setState({ text, url, failed: false }),
      () => current && setState({ text, url: null, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [text]);
  // A state left from another code is not this code's picture.
  if (text === null || state?.text !== text) return { url: null, failed: false };
  return { url: state.url, failed: state.failed };
}
