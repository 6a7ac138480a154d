// Reading QR codes with the phone's camera: the camera is asked for only when the organiser presses
// the button (browsers allow it then, and nobody is filmed by surprise), frames are drawn onto a
// small canvas a few times a second and handed to jsQR, and the camera is let go when scanning stops,
// the page is left or the tab is hidden. Why it could not start is told apart, so the page can say
// what to do (allow the camera, use HTTPS, or type the code).
import jsQRExport from "jsqr";
import { useCallback, useEffect, useRef, useState } from "react";

// The package's types describe an ES module's default export, but it ships CommonJS whose
// module.exports is the function itself: take whichever the bundler hands over.
type Decode = typeof jsQRExport.default;
const jsQR: Decode = (jsQRExport as unknown as { default?: Decode }).default ?? (jsQRExport as unknown as Decode);

export type ScannerProblem = "unsupported" | "insecure" | "denied" | "noCamera" | "busy" | "failed";
export type ScannerState = { kind: "idle" } | { kind: "starting" } | { kind: "scanning" } | { kind: "error"; problem: ScannerProblem };

/** Frames are scaled down to this width before decoding: enough for a ticket held up to the phone. */
const decodeWidth = 640;
/** Milliseconds between two decodes; jsQR takes tens of milliseconds per frame on a phone. */
const decodeEvery = 120;

/** The text of the QR code in an RGBA picture, if one can be read. */
export function decodeQr(pixels: Uint8ClampedArray, width: number, height: number): string | null {
  return jsQR(pixels, width, height, { inversionAttempts: "dontInvert" })?.data || null;
}

function problemOf(error: unknown): ScannerProblem {
  const name = error instanceof DOMException || error instanceof Error ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "denied";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "noCamera";
  if (name === "NotReadableError" || name === "AbortError") return "busy";
  return "failed";
}

/** Decodes frames of `video` a few times a second until the returned function is called. */
function decodeLoop(video: HTMLVideoElement, onCode: (text: string) => void): () => void {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  let timer: number | null = null;
  let stopped = false;
  const tick = () => {
    if (context && video.readyState >= video.HAVE_CURRENT_DATA && video.videoWidth > 0) {
      const scale = Math.min(1, decodeWidth / video.videoWidth);
      const width = Math.round(video.videoWidth * scale);
      const height = Math.round(video.videoHeight * scale);
      if (canvas.width !== width) canvas.width = width;
      if (canvas.height !== height) canvas.height = height;
      context.drawImage(video, 0, 0, width, height);
      const found = decodeQr(context.getImageData(0, 0, width, height).data, width, height);
      if (found) onCode(found);
    }
    // onCode may have stopped the scanner.
    if (!stopped) timer = window.setTimeout(tick, decodeEvery);
  };
  tick();
  return () => {
    stopped = true;
    if (timer !== null) window.clearTimeout(timer);
  };
}

export function useQrScanner(onCode: (text: string) => void) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<ScannerState>({ kind: "idle" });
  const session = useRef<{ stream: MediaStream; stopLoop: () => void } | null>(null);
  const starting = useRef(false);
  const mounted = useRef(true);
  // The latest callback, so the loop started once always calls the current one.
  const handler = useRef(onCode);
  useEffect(() => {
    handler.current = onCode;
  }, [onCode]);

  const release = useCallback(() => {
    session.current?.stopLoop();
    for (const track of session.current?.stream.getTracks() ?? []) track.stop();
    session.current = null;
    if (videoRef.current) videoRef.current.srcObject = null;
  }, []);

  const stop = useCallback(() => {
    release();
    setState({ kind: "idle" });
  }, [release]);

  const start = useCallback(async () => {
    if (session.current || starting.current) return;
    if (!window.isSecureContext) {
      setState({ kind: "error", problem: "insecure" });
      return;
    }
    if (!navigator.mediaDevices?.getUserMedia) {
      setState({ kind: "error", problem: "unsupported" });
      return;
    }
    starting.current = true;
    setState({ kind: "starting" });
    let media: MediaStream | null = null;
    try {
      media = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        audio: false,
      });
      const video = videoRef.current;
      // The page was left while the browser asked for permission: let the camera go at once.
      if (!mounted.current || !video) {
        for (const track of media.getTracks()) track.stop();
        return;
      }
      video.srcObject = media;
      await video.play();
      session.current = { stream: media, stopLoop: decodeLoop(video, (text) => handler.current(text)) };
      setState({ kind: "scanning" });
    } catch (error) {
      for (const track of media?.getTracks() ?? []) track.stop();
      release();
      if (mounted.current) setState({ kind: "error", problem: problemOf(error) });
    } finally {
      starting.current = false;
    }
  }, [release]);

  // Let the camera go when the tab is hidden (its light stays on otherwise) and when leaving the page.
  useEffect(() => {
    mounted.current = true;
    const onHidden = () => {
      if (document.visibilityState === "hidden" && session.current) stop();
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      mounted.current = false;
      document.removeEventListener("visibilitychange", onHidden);
      release();
    };
  }, [release, stop]);

  return { videoRef, state, start, stop };
}
