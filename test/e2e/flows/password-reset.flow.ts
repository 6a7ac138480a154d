// A forgotten password, end to end: the visitor asks for a link, the operator finds the mail in the
// outbox (no SMTP here), the link sets a new password, and the new password signs in.
import assert from "node:assert/strict";
import { demoNetwork, demoPerson, eventually, fillSignIn, pageHeading, signIn } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { exactly, tJa } from "../harness/i18n.ts";

export const passwordResetFlows: Flow[] = [
  {
    name: "forgotten password: the request is sent, the operator sees the mail, its link sets a new password",
    async run({ open, checks, baseUrl }) {
      // Only this flow uses this account: its password changes here.
      const member = demoPerson("alumni@minato.example.com");
      const [[slug]] = member.memberships as [[string, string]];
      const visitor = await open("desktop");

      await visitor.goto("/sign-in");
      await visitor.getByRole("link", { name: exactly(tJa("signIn.forgot")) }).click();
      await visitor.waitForURL((url) => url.pathname === "/forgot-password");
      await pageHeading(visitor, tJa("forgot.title")).waitFor();
      await checks.check(visitor, "forgot-password");

      await visitor.getByRole("textbox", { name: exactly(tJa("fields.email")) }).fill(member.email);
      await visitor.getByRole("button", { name: exactly(tJa("forgot.submit")) }).click();
      await visitor
        .getByRole("status")
        .filter({ hasText: tJa("forgot.sentTitle") })
        .waitFor();
      await visitor.getByText(tJa("forgot.sent", { email: member.email })).waitFor();
      await checks.check(visitor, "forgot-password-sent");

      // The operator reads the mail in the outbox.
      const operator = await open("desktop");
      await signIn(operator, demoPerson("operator@example.com").email);
      await pageHeading(operator, tJa("home.emptyTitle")).waitFor();
      await operator.goto("/operator/outbox");
      await pageHeading(operator, tJa("outbox.title")).waitFor();
      const mailRow = operator.getByRole("row").filter({ hasText: member.email }).filter({ hasText: "reset_password" });
      await eventually("the reset mail showing in the outbox", async () => {
        if ((await mailRow.count()) > 0) return true;
        await operator.reload();
        await pageHeading(operator, tJa("outbox.title")).waitFor();
        return false;
      });
      await checks.check(operator, "outbox-with-mail");

      await mailRow.first().getByRole("link").click();
      await operator.waitForURL((url) => /^\/operator\/outbox\/[0-9a-f-]{36}$/.test(url.pathname));
      // The URL changes before the mail's page replaces the list (its code loads on demand), and the
      // list names the address twice (table and phone cards): wait for what only the mail's page has.
      await operator.getByRole("tab", { name: exactly(tJa("outbox.text")) }).waitFor();
      await operator.getByText(member.email, { exact: true }).waitFor();
      await checks.check(operator, "outbox-mail");
      await operator.getByRole("tab", { name: exactly(tJa("outbox.text")) }).click();
      const text = (await operator.getByRole("tabpanel").textContent()) ?? "";
      // The token rides in the fragment (#token=…, kept out of server logs); ?token=… is the older form.
      const link = /https?:\/\/\S+?\/reset-password[?#]token=[\w-]+/.exec(text)?.[0];
      assert.ok(link, `the mail's text carries a reset link:\n${text}`);
      assert.ok(link.startsWith(`${baseUrl}/`), `the link points at this server (${link})`);
      await checks.check(operator, "outbox-mail-text", { sizes: "current" });

      // The visitor follows the link and chooses a new password.
      const newPassword = "e2e-reset-password-2026";
      await visitor.goto(link);
      await pageHeading(visitor, tJa("resetPassword.title")).waitFor();
      await visitor.getByRole("textbox", { name: exactly(tJa("fields.newPassword")) }).fill(newPassword);
      await visitor.getByRole("textbox", { name: exactly(tJa("fields.confirmPassword")) }).fill(newPassword);
      await visitor.getByRole("button", { name: exactly(tJa("resetPassword.submit")) }).click();
      await visitor.waitForURL((url) => url.pathname === "/sign-in");
      await visitor
        .getByRole("status")
        .filter({ hasText: tJa("signIn.notice.passwordReset") })
        .waitFor();

      await fillSignIn(visitor, member.email, newPassword);
      await visitor.waitForURL((url) => url.pathname === `/n/${slug}`);
      await pageHeading(visitor, demoNetwork(slug).name).waitFor();
    },
  },
];
