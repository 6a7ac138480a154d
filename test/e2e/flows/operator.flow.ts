// The operator console: every network with its member count, creating one, the outbox of mails.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { demoMemberCount, demoNetworks, demoPerson, openAccountMenu, pageHeading, signIn } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { containing, exactly, tJa } from "../harness/i18n.ts";

function row(page: Page, text: string) {
  return page.getByRole("row", { name: containing(text) });
}

function navLink(page: Page, label: Parameters<typeof tJa>[0]) {
  return page.getByRole("navigation", { name: exactly(tJa("shell.navLabel")) }).getByRole("link", { name: exactly(tJa(label)) });
}

export const operatorFlows: Flow[] = [
  {
    name: "operator sees every network with its member count, creates one, and finds it in the list",
    async run({ open, checks }) {
      const operator = demoPerson("operator@example.com");
      const page = await open("desktop");
      await signIn(page, operator.email);
      // The operator belongs to no network: "/" says so and offers to create one.
      await pageHeading(page, tJa("home.emptyTitle")).waitFor();
      await checks.check(page, "home-without-networks");

      const menu = await openAccountMenu(page, operator.name);
      await menu.getByRole("menuitem", { name: exactly(tJa("accountMenu.operator")) }).click();
      await page.waitForURL((url) => url.pathname === "/operator/networks");
      await pageHeading(page, tJa("operatorNetworks.title")).waitFor();
      for (const network of demoNetworks) {
        const line = row(page, network.name);
        await line.waitFor();
        await line.getByRole("cell", { name: exactly(String(demoMemberCount(network.slug))) }).waitFor();
        await line.getByRole("cell", { name: exactly(network.slug) }).waitFor();
      }
      await checks.check(page, "operator-networks");

      await page
        .getByRole("main")
        .getByRole("link", { name: exactly(tJa("operatorNetworks.create")) })
        .click();
      await page.waitForURL((url) => url.pathname === "/operator/networks/new");
      await pageHeading(page, tJa("operatorNew.title")).waitFor();
      await checks.check(page, "operator-network-new");

      // Submitting the empty form names the missing fields.
      await page.getByRole("button", { name: exactly(tJa("operatorNew.submit")) }).click();
      await page.getByText(tJa("validation.required")).first().waitFor();
      await checks.check(page, "operator-network-new-errors", { sizes: "current" });

      const stamp = Date.now().toString(36);
      const name = `E2E テスト会 ${stamp}`;
      const slug = `e2e-${stamp}`;
      await page.getByRole("textbox", { name: exactly(tJa("networkFields.name")) }).fill(name);
      await page.getByRole("textbox", { name: exactly(tJa("networkFields.slug")) }).fill(slug);
      await page.getByRole("radio", { name: exactly(tJa("kind.volunteer")) }).check();
      await page.getByRole("textbox", { name: exactly(tJa("networkFields.purpose")) }).fill("ブラウザテストで作成したネットワークです。");
      await page.getByRole("textbox", { name: exactly(tJa("operatorNew.adminEmail")) }).fill(`admin-${stamp}@e2e.example.com`);
      await page.getByRole("button", { name: exactly(tJa("operatorNew.submit")) }).click();

      await page.waitForURL((url) => /^\/operator\/networks\/[0-9a-f-]{36}$/.test(url.pathname));
      await pageHeading(page, name).waitFor();
      await page.getByText(tJa("operatorNew.created", { name })).waitFor();
      await checks.check(page, "operator-network-edit");

      await navLink(page, "nav.operatorNetworks").click();
      await page.waitForURL((url) => url.pathname === "/operator/networks");
      const created = row(page, name);
      await created.waitFor();
      await created.getByRole("cell", { name: exactly(slug) }).waitFor();
      await created.getByRole("cell", { name: exactly(tJa("kind.volunteer")) }).waitFor();
      for (const network of demoNetworks) await row(page, network.name).waitFor();

      // Search narrows the list to the new network.
      await page.getByRole("searchbox", { name: exactly(tJa("operatorNetworks.search")) }).fill(slug);
      await row(page, demoNetworks[0]?.name ?? "").waitFor({ state: "detached" });
      await created.waitFor();
      assert.equal(await page.getByRole("main").getByRole("table").getByRole("row").count(), 2, "header row and the one match");
    },
  },
  {
    name: "operator outbox page lists the mails (or says there are none)",
    async run({ open, checks }) {
      const operator = demoPerson("operator@example.com");
      const page = await open("desktop");
      await signIn(page, operator.email);
      await pageHeading(page, tJa("home.emptyTitle")).waitFor();
      await navLink(page, "nav.operatorOutbox").click();
      await page.waitForURL((url) => url.pathname === "/operator/outbox");
      await pageHeading(page, tJa("outbox.title")).waitFor();
      await page
        .getByRole("table", { name: exactly(tJa("outbox.caption")) })
        .or(page.getByText(tJa("outbox.emptyTitle"), { exact: true }))
        .waitFor();
      await checks.check(page, "outbox");
    },
  },
];
