// Signed-out pages: the sign-in form (and its answer to a wrong password), the visitor's language
// switch, the redirect of a signed-in page to sign-in, and the pages people reach from mail links.
import assert from "node:assert/strict";
import { demoPassword, fillSignIn, pageHeading, pathOf, waitForHtmlLang } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { exactly, tEn, tJa } from "../harness/i18n.ts";

const unusedToken = "e2e-not-a-real-token-0123456789abcdefghijklmnop";

export const signedOutFlows: Flow[] = [
  {
    name: "sign-in rejects a wrong password with a message",
    async run({ open, checks }) {
      const page = await open("desktop");
      await page.goto("/sign-in");
      await pageHeading(page, tJa("signIn.title")).waitFor();
      await waitForHtmlLang(page, "ja");
      await checks.check(page, "sign-in");

      await fillSignIn(page, "alumni@sakura.example.com", "not-the-password-2026");
      await page
        .getByRole("alert")
        .filter({ hasText: tJa("errors.invalidCredentials") })
        .waitFor();
      assert.equal(pathOf(page), "/sign-in", "a wrong password stays on the sign-in page");
      await checks.check(page, "sign-in-wrong-password");
    },
  },
  {
    name: "signed out, the language switch turns the page to English and back",
    async run({ open, checks }) {
      const page = await open("phone");
      await page.goto("/sign-in");
      await pageHeading(page, tJa("signIn.title")).waitFor();

      await page
        .getByRole("group", { name: tJa("language.label") })
        .getByText("English", { exact: true })
        .click();
      await pageHeading(page, tEn("signIn.title")).waitFor();
      await waitForHtmlLang(page, "en");
      await page.getByRole("button", { name: exactly(tEn("signIn.submit")) }).waitFor();
      await checks.check(page, "sign-in-english");

      // The choice is remembered in this browser.
      await page.reload();
      await pageHeading(page, tEn("signIn.title")).waitFor();

      await page
        .getByRole("group", { name: tEn("language.label") })
        .getByText("日本語", { exact: true })
        .click();
      await pageHeading(page, tJa("signIn.title")).waitFor();
      await waitForHtmlLang(page, "ja");
    },
  },
  {
    name: "signed-in pages send a visitor to sign-in and back afterwards",
    async run({ open }) {
      const page = await open("desktop");
      await page.goto("/account");
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await pageHeading(page, tJa("signIn.title")).waitFor();
      assert.equal(new URL(page.url()).searchParams.get("next"), "/account", "sign-in remembers where the visitor was going");

      await fillSignIn(page, "employee@sakura.example.com", demoPassword);
      await page.waitForURL((url) => url.pathname === "/account");
      await pageHeading(page, tJa("account.title")).waitFor();
    },
  },
  {
    name: "pages opened from mail links and unknown addresses explain themselves",
    async run({ open, checks }) {
      const page = await open("desktop");

      await page.goto(`/reset-password#token=${unusedToken}`);
      await pageHeading(page, tJa("resetPassword.title")).waitFor();
      await checks.check(page, "reset-password-form");
      await page.getByRole("textbox", { name: exactly(tJa("fields.newPassword")) }).fill("e2e-new-password-2026");
      await page.getByRole("textbox", { name: exactly(tJa("fields.confirmPassword")) }).fill("e2e-new-password-2026");
      await page.getByRole("button", { name: exactly(tJa("resetPassword.submit")) }).click();
      await page
        .getByRole("alert")
        .filter({ hasText: tJa("token.invalidTitle") })
        .waitFor();
      await checks.check(page, "reset-password-used-link");

      await page.goto(`/verify-email#token=${unusedToken}`);
      await pageHeading(page, tJa("verify.title")).waitFor();
      await page
        .getByRole("alert")
        .filter({ hasText: tJa("verify.invalid") })
        .waitFor();
      await checks.check(page, "verify-email-invalid-link");

      // The demo data has an operator, so the first-run page sends people to sign-in.
      await page.goto("/setup");
      await page.waitForURL((url) => url.pathname === "/sign-in");

      await page.goto("/no-such-page");
      await pageHeading(page, tJa("notFound.title")).waitFor();
      await checks.check(page, "not-found");
    },
  },
];
