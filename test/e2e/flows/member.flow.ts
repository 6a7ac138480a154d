// A member's day: sign in, switch between the two networks they belong to, change the language in
// account settings and back, sign out. Plus the same frame on a phone, an English-speaking member's
// account pages, and a network admin's settings page.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { demoNetwork, demoPerson, openAccountMenu, pageHeading, pathOf, signIn, waitForHtmlLang } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { containing, exactly, tEn, tJa, tr } from "../harness/i18n.ts";
import type { Lang } from "../harness/i18n.ts";

/** The network whose home is open, read from the URL, and the other one of a two-network member. */
function currentAndOther(page: Page, slugs: string[]) {
  const match = /^\/n\/([^/]+)$/.exec(pathOf(page));
  const current = slugs.find((slug) => slug === match?.[1]);
  assert.ok(current, `expected a network home of ${slugs.join(" or ")}, got ${page.url()}`);
  const other = slugs.find((slug) => slug !== current);
  assert.ok(other, "the member belongs to two networks");
  return { current: demoNetwork(current), other: demoNetwork(other) };
}

function switcherButton(page: Page, currentName: string, lang: Lang = "ja") {
  return page.getByRole("button", { name: exactly(tr(lang, "switcher.labelWithCurrent", { name: currentName })) });
}

/** Opens the header's network switcher, checks it lists every network, and picks `to`. */
async function switchNetwork(page: Page, from: string, to: { slug: string; name: string }, all: string[], checkMenu?: () => Promise<void>) {
  await switcherButton(page, from).click();
  const menu = page.getByRole("menu");
  await menu.waitFor();
  for (const name of all) await menu.getByRole("menuitem", { name: containing(name) }).waitFor();
  const current = menu.locator("[aria-current='page']");
  assert.match((await current.textContent()) ?? "", containing(from), "the open network is marked as current");
  if (checkMenu) await checkMenu();
  await menu.getByRole("menuitem", { name: containing(to.name) }).click();
  await page.waitForURL((url) => url.pathname === `/n/${to.slug}`);
  await pageHeading(page, to.name).waitFor();
  await switcherButton(page, to.name).waitFor();
}

/** Account settings › profile: pick a language in the select and save. */
async function saveLanguage(page: Page, from: Lang, to: Lang, optionName: string) {
  await page.getByRole("combobox", { name: exactly(tr(from, "fields.language")) }).click();
  await page.getByRole("option", { name: exactly(optionName) }).click();
  await page.getByRole("button", { name: exactly(tr(from, "common.save")) }).click();
  // Said in the language just chosen.
  await page.getByText(tr(to, "profile.saved")).first().waitFor();
  await waitForHtmlLang(page, to);
  await pageHeading(page, tr(to, "account.title")).waitFor();
}

export const memberFlows: Flow[] = [
  {
    name: "member signs in and switches network in the header",
    async run({ open, checks }) {
      const misaki = demoPerson("misaki@example.com");
      const slugs = misaki.memberships.map(([slug]) => slug);
      const page = await open("desktop");

      await signIn(page, misaki.email);
      await page.waitForURL((url) => url.pathname.startsWith("/n/"));
      const { current, other } = currentAndOther(page, slugs);
      await pageHeading(page, current.name).waitFor();
      await waitForHtmlLang(page, "ja");
      await checks.check(page, "network-home");

      // Network switcher in the header: both networks listed, the other one opens.
      const names = slugs.map((slug) => demoNetwork(slug).name);
      await switchNetwork(page, current.name, other, names, () => checks.check(page, "network-switcher-menu", { sizes: "current" }));
      await checks.check(page, "network-home-switched");
      // And back again, so the switch works in both directions.
      await switchNetwork(page, other.name, current, names);
    },
  },
  {
    name: "member changes the language to English in account settings, and back to Japanese",
    async run({ open, checks }) {
      const misaki = demoPerson("misaki@example.com");
      const page = await open("desktop");
      await signIn(page, misaki.email);
      await page.waitForURL((url) => url.pathname.startsWith("/n/"));

      const menu = await openAccountMenu(page, misaki.name);
      await checks.check(page, "account-menu", { sizes: "current" });
      await menu.getByRole("menuitem", { name: exactly(tJa("accountMenu.settings")) }).click();
      await page.waitForURL((url) => url.pathname === "/account");
      await pageHeading(page, tJa("account.title")).waitFor();
      await checks.check(page, "account-profile");

      await saveLanguage(page, "ja", "en", "English");
      await page.getByRole("tab", { name: exactly(tEn("account.tab.profile")) }).waitFor();
      await page.getByRole("link", { name: exactly(tEn("nav.accountSettings")) }).waitFor();
      await checks.check(page, "account-profile-english");
      // The language belongs to the account: a reload keeps English.
      await page.reload();
      await waitForHtmlLang(page, "en");
      await pageHeading(page, tEn("account.title")).waitFor();

      await saveLanguage(page, "en", "ja", "日本語");
      await page.getByRole("link", { name: exactly(tJa("nav.accountSettings")) }).waitFor();
    },
  },
  {
    name: "member signs out from the account menu; signed-in pages then lead to sign-in",
    async run({ open, checks }) {
      const misaki = demoPerson("misaki@example.com");
      const page = await open("desktop");
      await signIn(page, misaki.email);
      await page.waitForURL((url) => url.pathname.startsWith("/n/"));

      const menu = await openAccountMenu(page, misaki.name);
      await menu.getByRole("menuitem", { name: exactly(tJa("accountMenu.signOut")) }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await page
        .getByRole("status")
        .filter({ hasText: tJa("signIn.notice.signedOut") })
        .waitFor();
      await checks.check(page, "signed-out");
      await page.goto("/account");
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await pageHeading(page, tJa("signIn.title")).waitFor();
      // The session is gone on the server too, not only in this tab.
      const me = await page.request.get("/api/me");
      assert.equal(me.status(), 401, "GET /api/me after sign-out");
    },
  },
  {
    name: "on a phone, the burger menu opens the navigation and the switcher still works",
    async run({ open, checks }) {
      const misaki = demoPerson("misaki@example.com");
      const slugs = misaki.memberships.map(([slug]) => slug);
      const page = await open("phone");
      await signIn(page, misaki.email);
      await page.waitForURL((url) => url.pathname.startsWith("/n/"));
      const { current, other } = currentAndOther(page, slugs);
      await pageHeading(page, current.name).waitFor();

      await switchNetwork(
        page,
        current.name,
        other,
        slugs.map((slug) => demoNetwork(slug).name),
      );

      await page.getByRole("button", { name: exactly(tJa("shell.openNav")) }).click();
      const nav = page.getByRole("navigation", { name: exactly(tJa("shell.navLabel")) });
      await nav.getByRole("link", { name: exactly(tJa("nav.accountSettings")) }).waitFor();
      await checks.check(page, "phone-navigation-open", { sizes: "current" });
      await nav.getByRole("link", { name: exactly(tJa("nav.accountSettings")) }).click();
      await page.waitForURL((url) => url.pathname === "/account");
      await pageHeading(page, tJa("account.title")).waitFor();
      await page.getByRole("button", { name: exactly(tJa("shell.openNav")) }).waitFor();
    },
  },
  {
    name: "an English-speaking member reads every account settings tab in English",
    async run({ open, checks }) {
      const jane = demoPerson("jane@example.com");
      const page = await open("desktop");
      await signIn(page, jane.email);
      await page.waitForURL((url) => url.pathname.startsWith("/n/"));
      await waitForHtmlLang(page, "en");
      await page.getByRole("heading", { level: 2, name: exactly(tEn("feed.title")) }).waitFor();

      await page.goto("/account");
      await pageHeading(page, tEn("account.title")).waitFor();
      const tabs = [
        ["password", "account.tab.password"],
        ["sessions", "account.tab.sessions"],
        ["data", "account.tab.data"],
        ["delete", "account.tab.delete"],
      ] as const;
      for (const [tab, label] of tabs) {
        await page.getByRole("tab", { name: exactly(tEn(label)) }).click();
        await page.waitForURL((url) => url.searchParams.get("tab") === tab);
        await page.getByRole("heading", { level: 2, name: exactly(tEn(label)) }).waitFor();
        if (tab === "sessions") await page.getByText(tEn("sessions.thisDevice"), { exact: true }).waitFor();
        await checks.check(page, `account-${tab}-english`);
      }

      // The deletion dialog opens, and cancelling it deletes nothing.
      await page.getByRole("button", { name: exactly(tEn("deleteAccount.open")) }).click();
      const dialog = page.getByRole("dialog", { name: exactly(tEn("deleteAccount.modalTitle")) });
      await dialog.waitFor();
      await checks.check(page, "account-delete-dialog", { sizes: "current" });
      await dialog.getByRole("button", { name: exactly(tEn("common.cancel")) }).click();
      await dialog.waitFor({ state: "hidden" });
    },
  },
  {
    name: "a network admin opens the network settings from the network home",
    async run({ open, checks }) {
      const admin = demoPerson("admin@sakura.example.com");
      const [[slug]] = admin.memberships as [[string, string]];
      const network = demoNetwork(slug);
      const page = await open("desktop");
      await signIn(page, admin.email);
      await page.waitForURL((url) => url.pathname === `/n/${slug}`);
      await pageHeading(page, network.name).waitFor();

      await page
        .getByRole("main")
        .getByRole("link", { name: exactly(tJa("network.settingsLink")) })
        .click();
      await page.waitForURL((url) => url.pathname === `/n/${slug}/settings`);
      await pageHeading(page, tJa("networkSettings.title")).waitFor();
      await page.getByRole("textbox", { name: exactly(tJa("networkFields.name")) }).waitFor();
      await checks.check(page, "network-settings");
    },
  },
];
