// Every page a flow visits passes through check(): once the page has settled it is photographed
// (phone 390×844 and desktop 1280×800) into test-results/e2e/ and audited with axe-core. A serious
// or critical violation fails that page's check; moderate and minor ones are listed at the end.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { AxeResults, ImpactValue, Result as AxeRule, RunOptions } from "axe-core";
import type { Page } from "playwright-core";
import type { Results } from "./runner.ts";

export const viewports = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof viewports;

const failingImpacts: ImpactValue[] = ["serious", "critical"];

export interface CheckOptions {
  /** "both" (default) photographs and audits at both sizes; "current" only at the page's own size (open menus). */
  sizes?: "both" | "current";
}

interface Note {
  rule: string;
  impact: string;
  help: string;
  targets: Set<string>;
  pages: Set<string>;
}

export class PageChecks {
  readonly #results: Results;
  readonly #outDir: string;
  readonly #axePath: string;
  readonly #notes = new Map<string, Note>();
  readonly #names = new Set<string>();
  #count = 0;

  constructor(results: Results, outDir: string, axePath: string) {
    this.#results = results;
    this.#outDir = outDir;
    this.#axePath = axePath;
    mkdirSync(outDir, { recursive: true });
  }

  /** Screenshots and axe for the page as it is now, under a short unique name such as "sign-in". */
  async check(page: Page, name: string, options: CheckOptions = {}): Promise<void> {
    const unique = this.#uniqueName(name);
    await settle(page);
    const original = page.viewportSize() ?? viewports.desktop;
    const own: ViewportName = original.width < 600 ? "phone" : "desktop";
    const sizes: ViewportName[] = options.sizes === "current" ? [own] : [own, own === "phone" ? "desktop" : "phone"];
    try {
      for (const size of sizes) {
        if (page.viewportSize()?.width !== viewports[size].width) {
          await page.setViewportSize(viewports[size]);
          await settle(page);
        }
        // A full-page screenshot of a scrolled page draws the fixed header (and the hidden skip
        // link above it) in the middle of the picture: photograph from the top.
        await page.evaluate(() => window.scrollTo(0, 0));
        await this.#photograph(page, unique, size);
        await this.#audit(page, unique, size);
      }
    } finally {
      if (page.viewportSize()?.width !== original.width) await page.setViewportSize(original);
    }
  }

  /** A screenshot without an audit, e.g. of a failed flow. */
  async photograph(page: Page, name: string): Promise<string> {
    const size = (page.viewportSize()?.width ?? 1280) < 600 ? "phone" : "desktop";
    return this.#photograph(page, this.#uniqueName(name), size);
  }

  /** Moderate and minor findings, one line per rule and element, for the closing report. */
  notesReport(): string {
    if (this.#notes.size === 0) return "";
    const lines = ["axe notes (moderate/minor, not failing):"];
    for (const note of this.#notes.values()) {
      lines.push(`  ${note.impact} ${note.rule}: ${note.help}`);
      lines.push(`    on ${[...note.pages].join(", ")}`);
      for (const target of [...note.targets].slice(0, 5)) lines.push(`    - ${target}`);
    }
    return lines.join("\n");
  }

  #uniqueName(name: string): string {
    let unique = name;
    for (let n = 2; this.#names.has(unique); n++) unique = `${name}-${n}`;
    this.#names.add(unique);
    return unique;
  }

  async #photograph(page: Page, name: string, size: ViewportName): Promise<string> {
    this.#count++;
    const file = path.join(this.#outDir, `${String(this.#count).padStart(2, "0")}-${name}.${size}.png`);
    await page.screenshot({ path: file, fullPage: true, animations: "disabled" });
    return file;
  }

  async #audit(page: Page, name: string, size: ViewportName): Promise<void> {
    const started = performance.now();
    const where = `${name} [${size}] ${new URL(page.url()).pathname}`;
    let results: AxeResults;
    try {
      results = await runAxe(page, this.#axePath);
    } catch (error) {
      this.#results.record({
        name: `axe ${where}`,
        ok: false,
        ms: performance.now() - started,
        detail: `axe could not run: ${String(error)}`,
      });
      return;
    }
    const failing = results.violations.filter((v) => v.impact && failingImpacts.includes(v.impact));
    for (const v of results.violations.filter((x) => !failing.includes(x))) this.#note(v, `${name} [${size}]`);
    this.#results.record({
      name: `axe ${where}`,
      ok: failing.length === 0,
      ms: performance.now() - started,
      ...(failing.length > 0 ? { detail: failing.map(formatViolation).join("\n") } : {}),
    });
  }

  #note(v: AxeRule, where: string): void {
    const key = v.id;
    const note = this.#notes.get(key) ?? { rule: v.id, impact: v.impact ?? "minor", help: v.help, targets: new Set(), pages: new Set() };
    note.pages.add(where);
    for (const node of v.nodes) note.targets.add(node.target.join(" "));
    this.#notes.set(key, note);
  }
}

export function formatViolation(v: AxeRule): string {
  const lines = [`${v.impact ?? "?"} ${v.id}: ${v.help} (${v.helpUrl})`];
  for (const node of v.nodes.slice(0, 8)) {
    const html = node.html.replace(/\s+/g, " ").slice(0, 200);
    const why = (node.failureSummary ?? "").split("\n").slice(0, 3).join(" ").replace(/\s+/g, " ").slice(0, 300);
    lines.push(`  - ${node.target.join(" ")}`, `      ${html}`, `      ${why}`);
  }
  if (v.nodes.length > 8) lines.push(`  … and ${v.nodes.length - 8} more elements`);
  return lines.join("\n");
}

async function runAxe(page: Page, axePath: string): Promise<AxeResults> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.addScriptTag({ path: axePath });
  const options: RunOptions = { resultTypes: ["violations"] };
  return page.evaluate(async (runOptions) => {
    const { axe } = window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } };
    return axe.run(document, runOptions);
  }, options);
}

/** Waits until nothing is loading (skeletons, spinners), fonts are in, and two frames have passed. */
export async function settle(page: Page, timeout = 15_000): Promise<void> {
  try {
    await page.waitForFunction(
      () => document.querySelector(".mantine-Skeleton-root, .mantine-Loader-root, [aria-busy='true']") === null,
      undefined,
      {
        timeout,
        polling: 50,
      },
    );
  } catch {
    throw new Error(`${page.url()} was still loading after ${timeout / 1000} s`);
  }
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  });
}
