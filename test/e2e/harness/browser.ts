// Debian's Chromium driven by playwright-core. Each flow gets fresh browser contexts (no shared
// cookies or storage), Japanese locale and Tokyo time, and no CSS animations so screenshots and
// colour-contrast checks see finished states.
import { chromium } from "playwright-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { viewports } from "./page-checks.ts";
import type { ViewportName } from "./page-checks.ts";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** `extraArgs`: more Chromium switches (a flow's fake camera). */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // run-e2e.ts handles the signals: it stops the server too, and prints the summary line.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...extraArgs,
    ],
  });
}

const noMotion = `
  *, *::before, *::after { transition-duration: 0s !important; transition-delay: 0s !important;
    animation-duration: 0s !important; animation-delay: 0s !important; caret-color: transparent !important; }
`;

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
}

/** Opens a page in a new, isolated context sized like a phone or a desktop. */
export async function openPage(browser: Browser, baseUrl: string, size: ViewportName): Promise<OpenedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: viewports[size],
    deviceScaleFactor: 1,
    isMobile: size === "phone",
    hasTouch: size === "phone",
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    reducedMotion: "reduce",
    colorScheme: "light",
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(30_000);
  await context.addInitScript((css: string) => {
    const add = () => {
      const style = document.createElement("style");
      style.dataset.e2e = "no-motion";
      style.textContent = css;
      document.head.append(style);
    };
    if (document.head) add();
    else document.addEventListener("DOMContentLoaded", add, { once: true });
  }, noMotion);
  const page = await context.newPage();
  return { page, context };
}
