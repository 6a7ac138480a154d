// A deliberately small test runner: named checks run one after another, each prints one line as it
// ends, and the run closes with the line `N passed, N failed`. Accessibility checks made while a
// flow runs are results of their own, so one page's violation never hides the rest of a flow.
import { performance } from "node:perf_hooks";

export interface Result {
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

export class Results {
  readonly #items: Result[] = [];

  get passed(): number {
    return this.#items.filter((r) => r.ok).length;
  }

  get failed(): number {
    return this.#items.filter((r) => !r.ok).length;
  }

  get failures(): Result[] {
    return this.#items.filter((r) => !r.ok);
  }

  record(result: Result): void {
    this.#items.push(result);
    const mark = result.ok ? "✓" : "✗";
    process.stdout.write(`${mark} ${result.name} (${Math.round(result.ms)} ms)\n`);
    if (result.detail) process.stdout.write(indent(result.detail, result.ok ? "    " : "    │ ") + "\n");
  }

  /** Runs one check; an exception is its failure. */
  async run(name: string, check: () => Promise<void>): Promise<boolean> {
    const started = performance.now();
    try {
      await check();
      this.record({ name, ok: true, ms: performance.now() - started });
      return true;
    } catch (error) {
      this.record({ name, ok: false, ms: performance.now() - started, detail: describe(error) });
      return false;
    }
  }

  summaryLine(): string {
    return `${this.passed} passed, ${this.failed} failed`;
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    // The message (Playwright's carries a call log), then where in the flows it happened.
    const lines = (error.stack ?? error.message).split("\n");
    const frames = lines.filter((line) => /^\s+at /.test(line));
    // Chromium's own log (dbus noise and the like) follows "Browser logs:"; leave it out.
    const logStart = lines.findIndex((line) => line.trim() === "Browser logs:");
    const message = (logStart >= 0 ? lines.slice(0, logStart) : lines).filter((line) => !/^\s+at /.test(line));
    const ours = frames.filter((line) => line.includes("/test/e2e/flows/")).slice(0, 3);
    const text = [...message.slice(0, 30), ...(ours.length > 0 ? ours : frames.slice(0, 3))];
    return text.join("\n");
  }
  return String(error);
}

function indent(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n");
}
