// What the flows share: the flow type, the demo data the server was seeded with, and the few
// gestures every flow repeats (sign in, open the account menu, wait for a page).
import type { Page } from "playwright-core";
import { demoNetworks, demoPassword, demoPeople } from "../../../src/server/demo/demo-seed.ts";
import { demoDirectoryPeople } from "../../../src/server/demo/demo-profiles.ts";
import { exactly, tr } from "./i18n.ts";
import type { Lang } from "./i18n.ts";
import type { PageChecks, ViewportName } from "./page-checks.ts";

export { demoNetworks, demoPassword, demoPeople };

export interface FlowContext {
  baseUrl: string;
  checks: PageChecks;
  /** A page in a new browser context (own cookies and storage); closed after the flow. */
  open: (size?: ViewportName) => Promise<Page>;
}

export interface Flow {
  name: string;
  run: (context: FlowContext) => Promise<void>;
}

export function demoPerson(email: string): (typeof demoPeople)[number] {
  const person = demoPeople.find((p) => p.email === email);
  if (!person) throw new Error(`${email} is not in the demo data`);
  return person;
}

export function demoNetwork(slug: string): (typeof demoNetworks)[number] {
  const network = demoNetworks.find((n) => n.slug === slug);
  if (!network) throw new Error(`${slug} is not a demo network`);
  return network;
}

/** Active members the demo seed gives a network. */
export function demoMemberCount(slug: string): number {
  const extra = slug === "sakura-denki" ? demoDirectoryPeople.length : 0;
  return demoPeople.filter((p) => p.memberships.some(([s]) => s === slug)).length + extra;
}

export function pathOf(page: Page): string {
  return new URL(page.url()).pathname;
}

/** The page's one h1 with exactly this text. */
export function pageHeading(page: Page, text: string) {
  return page.getByRole("heading", { level: 1, name: exactly(text) });
}

export async function fillSignIn(page: Page, email: string, password: string, lang: Lang = "ja"): Promise<void> {
  await page.getByRole("textbox", { name: exactly(tr(lang, "fields.email")) }).fill(email);
  await page.getByRole("textbox", { name: exactly(tr(lang, "fields.password")) }).fill(password);
  await page.getByRole("button", { name: exactly(tr(lang, "signIn.submit")) }).click();
}

/** Signs in from /sign-in and waits until the app has left the sign-in page. */
export async function signIn(page: Page, email: string, password = demoPassword, lang: Lang = "ja"): Promise<void> {
  await page.goto("/sign-in");
  await pageHeading(page, tr(lang, "signIn.title")).waitFor();
  await fillSignIn(page, email, password, lang);
  await page.waitForURL((url) => url.pathname !== "/sign-in");
}

export function accountMenuButton(page: Page, displayName: string, lang: Lang = "ja") {
  return page.getByRole("button", { name: exactly(tr(lang, "accountMenu.label", { name: displayName })) });
}

/** Opens the header's account menu and returns it. */
export async function openAccountMenu(page: Page, displayName: string, lang: Lang = "ja") {
  await accountMenuButton(page, displayName, lang).click();
  const menu = page.getByRole("menu");
  await menu.waitFor();
  return menu;
}

export async function waitForHtmlLang(page: Page, lang: Lang, timeout = 10_000): Promise<void> {
  try {
    await page.waitForFunction((expected) => document.documentElement.lang === expected, lang, { timeout });
  } catch {
    const actual = await page.evaluate(() => document.documentElement.lang);
    throw new Error(`<html lang> is "${actual}" on ${pathOf(page)}, expected "${lang}"`);
  }
}

/** Repeats `attempt` (e.g. reload and look) until it returns true, for things that arrive a little later. */
export async function eventually(what: string, attempt: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await attempt())) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
