// Networks and membership, end to end: the operator creates a network and its first admin sets a
// password from the mail; the admin imports leavers from a CP932 CSV (fixing one column the guess
// left out), checks the rows and invites; one invited alumna opens the mail's link on her phone,
// signs up, accepts the code of conduct and lands on the network's home; a second network invites
// the same address and she joins it with the same account; the switcher then lists both.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { demoNetwork, demoPerson, fillSignIn, pageHeading, pathOf, signIn } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { containing, exactly, tJa } from "../harness/i18n.ts";
import { linkInMail, readMail } from "../harness/outbox.ts";
import { encodeCp932 } from "../../helpers/csv-fixtures.ts";

const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/**
 * The leavers' list as Excel saves it on Japanese Windows (CP932, CRLF). 髙 and 﨑 exist only in
 * CP932's IBM extension. 「離職年」 is a header the column guesser does not know, so the leave year
 * starts unmapped. One address has no @, one is repeated (in other letter case).
 */
function leaversCsv(domain: string) {
  const people = {
    takahashi: { name: "髙橋　翔太", email: `takahashi@${domain}` },
    yamazaki: { name: "山﨑　陽子", email: `yamazaki@${domain}` },
    sato: { name: "佐藤　大輔", email: `sato@${domain}` },
    badEmail: { name: "鈴木　美咲", email: `suzuki.${domain}` },
    tanaka: { name: "田中　健一", email: `tanaka@${domain}` },
    duplicate: { name: "山﨑　陽子", email: `Yamazaki@${domain}` },
  };
  const lines = [
    "氏名,メールアドレス,入社年,離職年,部署",
    `${people.takahashi.name},${people.takahashi.email},2005,2019,営業部`,
    `${people.yamazaki.name},${people.yamazaki.email},2010,2021,開発部`,
    `${people.sato.name},${people.sato.email},1998,2015,人事部`,
    `${people.badEmail.name},${people.badEmail.email},2012,2020,経理部`,
    `${people.tanaka.name},${people.tanaka.email},2001,2018,"営業部, 東日本"`,
    `${people.duplicate.name},${people.duplicate.email},2010,2021,開発部`,
  ];
  return { people, okCount: 4, problemCount: 2, totalRows: 6, buffer: encodeCp932(lines.join("\r\n") + "\r\n") };
}

function manageNavLink(page: Page, label: Parameters<typeof tJa>[0]) {
  return page.getByRole("navigation", { name: exactly(tJa("manage.navLabel")) }).getByRole("link", { name: exactly(tJa(label)) });
}

function switcherButton(page: Page, currentName: string) {
  return page.getByRole("button", { name: exactly(tJa("switcher.labelWithCurrent", { name: currentName })) });
}

/** The text of a message around its {placeholder}, e.g. the part of "{date} に {invited} 人へ…" after the date. */
function around(key: Parameters<typeof tJa>[0], vars: Record<string, string | number>, placeholder: string): string[] {
  const marker = "\u0000";
  return tJa(key, { ...vars, [placeholder]: marker })
    .split(marker)
    .map((part) => part.trim())
    .filter(Boolean);
}

export const membershipFlows: Flow[] = [
  {
    name: "membership: operator creates a network, its admin imports a CP932 CSV, an invited alumna signs up and later joins a second network",
    async run({ open, checks, baseUrl }) {
      const stamp = Date.now().toString(36);
      const networkName = `E2E 取り込み会 ${stamp}`;
      const slug = `e2e-import-${stamp}`;
      const codeOfConduct = "1. お互いを尊重します。\n2. 社外秘の情報は書き込みません。";
      const adminEmail = `admin-${stamp}@e2e.example.com`;
      const adminName = "人事 花子";
      const adminPassword = "e2e-admin-password-2026";
      const csv = leaversCsv(`e2e-${stamp}.example.com`);
      const invitee = csv.people.takahashi;
      const inviteeName = invitee.name.replace("\u3000", " ");

      // --- 1. The operator creates the network with a new admin address. ---
      const operator = await open("desktop");
      await signIn(operator, demoPerson("operator@example.com").email);
      await pageHeading(operator, tJa("home.emptyTitle")).waitFor();
      await operator.goto("/operator/networks/new");
      await pageHeading(operator, tJa("operatorNew.title")).waitFor();
      await operator.getByRole("textbox", { name: exactly(tJa("networkFields.name")) }).fill(networkName);
      await operator.getByRole("textbox", { name: exactly(tJa("networkFields.slug")) }).fill(slug);
      await operator.getByRole("radio", { name: exactly(tJa("kind.company")) }).check();
      await operator
        .getByRole("textbox", { name: exactly(tJa("networkFields.purpose")) })
        .fill("退職者と社員のつながりを保つためのネットワークです。");
      await operator
        .getByRole("textbox", { name: exactly(tJa("networkFields.eligibility")) })
        .fill("当社に在籍したことのある方、現役社員。");
      await operator.getByRole("textbox", { name: exactly(tJa("networkFields.codeOfConduct")) }).fill(codeOfConduct);
      await operator.getByRole("textbox", { name: exactly(tJa("operatorNew.adminEmail")) }).fill(adminEmail);
      await operator.getByRole("button", { name: exactly(tJa("operatorNew.submit")) }).click();
      await operator.waitForURL((url) => new RegExp(`^/operator/networks/${uuid}$`).test(url.pathname));
      await pageHeading(operator, networkName).waitFor();

      // The admin sets a password with the link of the mail the creation sent.
      const setPasswordMail = await readMail(operator, { to: adminEmail, kind: "set_password" });
      const setPasswordLink = linkInMail(setPasswordMail, baseUrl, "/set-password#token=");
      const admin = await open("desktop");
      await admin.goto(setPasswordLink);
      await pageHeading(admin, tJa("setPassword.title")).waitFor();
      // A first admin gives the name members and invitation mails will show.
      await admin.getByRole("textbox", { name: exactly(tJa("fields.displayName")) }).fill(adminName);
      await admin.getByRole("textbox", { name: exactly(tJa("fields.newPassword")) }).fill(adminPassword);
      await admin.getByRole("textbox", { name: exactly(tJa("fields.confirmPassword")) }).fill(adminPassword);
      await admin.getByRole("button", { name: exactly(tJa("setPassword.submit")) }).click();
      await admin.waitForURL((url) => url.pathname === "/sign-in");
      await admin
        .getByRole("status")
        .filter({ hasText: tJa("signIn.notice.passwordSet") })
        .waitFor();
      await fillSignIn(admin, adminEmail, adminPassword);
      await admin.waitForURL((url) => url.pathname === `/n/${slug}`);
      await pageHeading(admin, networkName).waitFor();

      // A new admin's home: the first steps, among them inviting members.
      const adminSteps = admin.getByRole("region", { name: exactly(tJa("join.firstSteps.title")) });
      await adminSteps.waitFor();
      await adminSteps.getByText(tJa("join.firstSteps.inviteMembers"), { exact: false }).waitFor();
      await checks.check(admin, "membership-admin-home-first-steps");

      // --- 2. From the first steps to the invitations, and on to the CSV import. ---
      await adminSteps.getByRole("link", { name: exactly(tJa("join.firstSteps.inviteMembersAction")) }).click();
      await admin.waitForURL((url) => url.pathname === `/n/${slug}/manage/invitations`);
      await pageHeading(admin, tJa("invitations.title")).waitFor();
      await admin.getByText(tJa("invitations.emptyTitle"), { exact: true }).waitFor();
      await checks.check(admin, "membership-invitations-empty");

      await manageNavLink(admin, "manage.nav.members").click();
      await admin.waitForURL((url) => url.pathname === `/n/${slug}/manage/members`);
      await pageHeading(admin, tJa("manageMembers.title")).waitFor();
      await admin.getByRole("main").getByText(adminEmail).first().waitFor();
      await checks.check(admin, "membership-members");

      await manageNavLink(admin, "manage.nav.imports").click();
      await admin.waitForURL((url) => url.pathname === `/n/${slug}/manage/imports`);
      await pageHeading(admin, tJa("imports.title")).waitFor();
      await checks.check(admin, "membership-imports-empty");
      await admin
        .getByRole("main")
        .getByRole("link", { name: exactly(tJa("imports.new")) })
        .first()
        .click();
      await admin.waitForURL((url) => url.pathname === `/n/${slug}/manage/imports/new`);
      await pageHeading(admin, tJa("imports.wizardTitle")).waitFor();
      await admin.getByRole("heading", { level: 2, name: exactly(tJa("imports.uploadTitle")) }).waitFor();
      await checks.check(admin, "membership-import-upload");

      // Step 1: the CP932 file.
      const filename = "退職者一覧_2025.csv";
      await admin.locator("input[type=file]").setInputFiles({ name: filename, mimeType: "text/csv", buffer: csv.buffer });
      await admin.getByRole("button", { name: exactly(tJa("imports.upload")) }).click();
      await admin.waitForURL((url) => new RegExp(`^/n/${slug}/manage/imports/${uuid}$`).test(url.pathname));
      const importId = pathOf(admin).split("/").pop() ?? "";

      // Step 2: the mapping. The file was read as Shift_JIS; 離職年 is not a header the guess knows.
      await admin.getByRole("heading", { level: 2, name: exactly(tJa("imports.mappingTitle")) }).waitFor();
      const summary = admin.getByText(containing(filename));
      await summary.first().waitFor();
      const summaryText = (await summary.first().textContent()) ?? "";
      assert.match(summaryText, /Shift_JIS/, `the detected encoding is shown: ${summaryText}`);
      assert.match(summaryText, containing(`${csv.totalRows}`), `the row count is shown: ${summaryText}`);
      await admin
        .getByRole("cell", { name: containing("髙橋") })
        .first()
        .waitFor();
      await admin
        .getByRole("cell", { name: containing("山﨑") })
        .first()
        .waitFor();
      const field = (key: Parameters<typeof tJa>[0]) => admin.getByRole("combobox", { name: exactly(tJa(key)) }).first();
      assert.equal(await field("imports.field.name").inputValue(), tJa("imports.columnOption", { column: "A", header: "氏名" }));
      assert.equal(await field("imports.field.email").inputValue(), tJa("imports.columnOption", { column: "B", header: "メールアドレス" }));
      assert.equal(await field("imports.field.joinYear").inputValue(), tJa("imports.columnOption", { column: "C", header: "入社年" }));
      assert.equal(await field("imports.field.department").inputValue(), tJa("imports.columnOption", { column: "E", header: "部署" }));
      assert.equal(await field("imports.field.leaveYear").inputValue(), tJa("imports.notUsed"), "離職年 starts unmapped");
      await checks.check(admin, "membership-import-mapping-guessed");

      await field("imports.field.leaveYear").click();
      await admin.getByRole("option", { name: exactly(tJa("imports.columnOption", { column: "D", header: "離職年" })) }).click();
      assert.equal(await field("imports.field.leaveYear").inputValue(), tJa("imports.columnOption", { column: "D", header: "離職年" }));
      await checks.check(admin, "membership-import-mapping-fixed");
      await admin.getByRole("button", { name: exactly(tJa("imports.check")) }).click();

      // Step 3: the dry run. Four rows can be invited; the address without @ and the repeat are not.
      await admin.getByRole("heading", { level: 2, name: exactly(tJa("imports.previewTitle")) }).waitFor();
      const sendButton = admin.getByRole("button", { name: exactly(tJa("imports.send", { count: csv.okCount })) });
      await sendButton.waitFor();
      for (const problem of ["invalid_email", "duplicate_in_file"] as const) {
        await admin
          .getByRole("listitem")
          .filter({ hasText: tJa(`imports.problem.${problem}`) })
          .filter({ hasText: tJa("imports.problemCount", { count: 1 }) })
          .waitFor();
      }
      const rowsTable = admin.getByRole("table", { name: exactly(tJa("imports.rowsCaption")) });
      // The rows with problems come first, each with its reason.
      await rowsTable
        .getByRole("row")
        .filter({ hasText: csv.people.badEmail.email })
        .filter({ hasText: tJa("imports.problem.invalid_email") })
        .waitFor();
      await rowsTable
        .getByRole("row")
        .filter({ hasText: csv.people.duplicate.email.toLowerCase() })
        .filter({ hasText: tJa("imports.problem.duplicate_in_file") })
        .waitFor();
      await checks.check(admin, "membership-import-preview-problems");
      const rowFilter = admin.getByRole("group", { name: exactly(tJa("imports.rowFilter")) });
      await rowFilter
        .getByRole("button", { name: exactly(tJa("imports.rowsProblems", { count: csv.problemCount })), pressed: true })
        .waitFor();
      await rowFilter.getByRole("button", { name: exactly(tJa("imports.rowsOk", { count: csv.okCount })) }).click();
      const okRow = rowsTable.getByRole("row").filter({ hasText: inviteeName });
      await okRow.filter({ hasText: tJa("imports.rowOk") }).waitFor();
      // The hand-mapped 離職年 column reached the rows.
      await okRow.filter({ hasText: "2005 – 2019" }).waitFor();
      await checks.check(admin, "membership-import-preview-ok-rows");

      // Step 4: send, after the confirmation, and follow the progress to the result.
      await sendButton.click();
      const confirm = admin.getByRole("dialog", { name: exactly(tJa("imports.confirmTitle", { count: csv.okCount })) });
      await confirm.waitFor();
      await confirm.getByText(tJa("imports.confirmSkipped", { count: csv.problemCount })).waitFor();
      await checks.check(admin, "membership-import-confirm", { sizes: "current" });
      await confirm.getByRole("button", { name: exactly(tJa("imports.confirmSend")) }).click();
      await confirm.waitFor({ state: "hidden" });
      await admin
        .getByRole("heading", { level: 2, name: exactly(tJa("imports.sendingTitle")) })
        .or(admin.getByRole("heading", { level: 2, name: exactly(tJa("imports.doneTitle")) }))
        .waitFor();
      await admin.getByRole("heading", { level: 2, name: exactly(tJa("imports.doneTitle")) }).waitFor({ timeout: 60_000 });
      for (const part of around("imports.doneBody", { invited: csv.okCount }, "date")) {
        await admin.getByRole("status").filter({ hasText: part }).first().waitFor();
      }
      const report = admin.getByRole("link", { name: exactly(tJa("imports.downloadReport")) });
      const href = (await report.getAttribute("href")) ?? "";
      assert.match(href, new RegExp(`^/api/networks/${uuid}/imports/${importId}/report\\.csv$`), "the report link");
      await checks.check(admin, "membership-import-done");

      // The report: UTF-8 with a BOM (so Excel reads it), one line per row, the outcome of each.
      const download = await admin.request.get(href);
      assert.equal(download.status(), 200, `GET ${href}`);
      assert.match(download.headers()["content-type"] ?? "", /^text\/csv/, "the report's content type");
      const bytes = await download.body();
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "the report starts with a UTF-8 BOM");
      const reportText = bytes.subarray(3).toString("utf8");
      const reportLines = reportText.trimEnd().split("\r\n");
      assert.equal(reportLines.length, csv.totalRows + 1, `a header and one line per row:\n${reportText}`);
      const inviteeLine = reportLines.find((line) => line.includes(invitee.email)) ?? "";
      assert.match(inviteeLine, containing(inviteeName), `the report keeps 髙橋 as written: ${inviteeLine}`);
      assert.ok(
        reportLines.some((line) => line.includes(csv.people.badEmail.email)),
        "the skipped row is in the report",
      );

      // --- 3. The invited alumna opens the mail's link on her phone, signed out. ---
      const invitationMail = await readMail(operator, { to: invitee.email, kind: "invitation", subject: networkName });
      const invitationLink = linkInMail(invitationMail, baseUrl, `/join/${slug}#token=`);
      const alumna = await open("phone");
      await alumna.goto(invitationLink);
      await pageHeading(alumna, tJa("join.invitation.heading")).waitFor();
      // The secret leaves the address bar.
      await alumna.waitForURL((url) => url.pathname === `/join/${slug}` && url.hash === "");
      await alumna.getByText(networkName, { exact: true }).first().waitFor();
      // Invited by the admin under the name they gave when setting their password.
      await alumna.getByText(containing(adminName)).first().waitFor();
      await alumna.getByRole("heading", { level: 3, name: exactly(tJa("join.terms.codeOfConduct")) }).waitFor();
      await alumna.getByText(containing("社外秘の情報は書き込みません")).waitFor();
      await alumna.getByRole("heading", { level: 2, name: exactly(tJa("join.invitation.signUpHeading")) }).waitFor();
      const nameField = alumna.getByRole("textbox", { name: exactly(tJa("fields.displayName")) });
      assert.equal(await nameField.inputValue(), inviteeName, "the name from the CSV is offered");
      assert.equal(await alumna.getByRole("textbox", { name: exactly(tJa("fields.email")) }).inputValue(), invitee.email);
      await checks.check(alumna, "membership-invitation-sign-up");

      const alumnaPassword = "e2e-alumna-password-2026";
      await alumna.getByRole("textbox", { name: exactly(tJa("fields.password")) }).fill(alumnaPassword);
      await alumna.getByRole("textbox", { name: exactly(tJa("join.account.confirmPassword")) }).fill(alumnaPassword);
      // Without ticking the code of conduct, nothing happens but a message.
      await alumna.getByRole("button", { name: exactly(tJa("join.invitation.signUpSubmit")) }).click();
      await alumna.getByText(tJa("join.acceptRequired")).first().waitFor();
      assert.equal(pathOf(alumna), `/join/${slug}`);
      await checks.check(alumna, "membership-invitation-accept-required", { sizes: "current" });
      await alumna.getByRole("checkbox", { name: exactly(tJa("join.accept")) }).check();
      await alumna.getByRole("button", { name: exactly(tJa("join.invitation.signUpSubmit")) }).click();

      await alumna.waitForURL((url) => url.pathname === `/n/${slug}`);
      await pageHeading(alumna, networkName).waitFor();
      const welcome = alumna.getByRole("status").filter({ hasText: tJa("join.welcome.title", { network: networkName }) });
      await welcome.waitFor();
      // Signed up from the invitation: the address is confirmed and the terms accepted, so no
      // first step is left and the welcome does not point to any.
      await welcome.getByText(tJa("join.welcome.body"), { exact: true }).waitFor();
      assert.equal(await alumna.getByRole("region", { name: exactly(tJa("join.firstSteps.title")) }).count(), 0, "no first steps left");
      assert.equal(new URL(alumna.url()).searchParams.get("welcome"), null, "?welcome=1 leaves the address");
      await switcherButton(alumna, networkName).waitFor();
      await checks.check(alumna, "membership-invited-home-welcome");

      // The admin sees the invitation accepted.
      await admin.goto(`/n/${slug}/manage/invitations?import=${importId}`);
      await pageHeading(admin, tJa("invitations.title")).waitFor();
      await admin
        .getByRole("row")
        .filter({ hasText: invitee.email })
        .filter({ hasText: tJa("invitations.state.accepted") })
        .waitFor();
      await admin.getByText(tJa("invitations.rateCounts", { invited: csv.okCount, registered: 1 })).waitFor();
      await checks.check(admin, "membership-invitations-after-import");
      await manageNavLink(admin, "manage.nav.audit").click();
      await admin.waitForURL((url) => url.pathname === `/n/${slug}/manage/audit`);
      await pageHeading(admin, tJa("audit.title")).waitFor();
      await admin.getByText(tJa("audit.action.importFinished"), { exact: true }).first().waitFor();
      await checks.check(admin, "membership-audit-log");

      // --- 4. A second network invites the same address; she joins with the same account. ---
      const minato = demoNetwork("minato-ob");
      const minatoAdmin = await open("desktop");
      await signIn(minatoAdmin, demoPerson("admin@minato.example.com").email);
      await minatoAdmin.waitForURL((url) => url.pathname === `/n/${minato.slug}`);
      // Member management from the side navigation (this admin may have closed the first steps).
      await minatoAdmin
        .getByRole("navigation", { name: exactly(tJa("shell.navLabel")) })
        .getByRole("link", { name: exactly(tJa("nav.manageMembers")) })
        .click();
      await minatoAdmin.waitForURL((url) => url.pathname === `/n/${minato.slug}/manage/members`);
      await pageHeading(minatoAdmin, tJa("manageMembers.title")).waitFor();
      await manageNavLink(minatoAdmin, "manage.nav.invitations").click();
      await minatoAdmin.waitForURL((url) => url.pathname === `/n/${minato.slug}/manage/invitations`);
      await pageHeading(minatoAdmin, tJa("invitations.title")).waitFor();
      await minatoAdmin
        .getByRole("main")
        .getByRole("button", { name: exactly(tJa("invitations.invite")) })
        .first()
        .click();
      const inviteDialog = minatoAdmin.getByRole("dialog", { name: exactly(tJa("invitations.inviteTitle")) });
      await inviteDialog.waitFor();
      await inviteDialog.getByRole("textbox", { name: exactly(tJa("fields.email")) }).fill(invitee.email);
      await inviteDialog.getByRole("textbox", { name: exactly(tJa("invitations.name")) }).fill(inviteeName);
      await checks.check(minatoAdmin, "membership-invite-dialog", { sizes: "current" });
      await inviteDialog.getByRole("button", { name: exactly(tJa("invitations.send")) }).click();
      await inviteDialog.waitFor({ state: "hidden" });
      await minatoAdmin
        .getByText(tJa("invitations.sent", { email: invitee.email }))
        .first()
        .waitFor();
      await minatoAdmin
        .getByRole("row")
        .filter({ hasText: invitee.email })
        .filter({ hasText: tJa("invitations.state.pending") })
        .waitFor();
      await checks.check(minatoAdmin, "membership-invitations-one-sent");

      const secondMail = await readMail(operator, { to: invitee.email, kind: "invitation", subject: minato.name });
      const secondLink = linkInMail(secondMail, baseUrl, `/join/${minato.slug}#token=`);
      await alumna.goto(secondLink);
      await pageHeading(alumna, tJa("join.invitation.heading")).waitFor();
      // Signed in already: no sign-up, just accept as herself.
      await alumna.getByRole("heading", { level: 2, name: exactly(tJa("join.invitation.acceptHeading")) }).waitFor();
      await alumna.getByText(tJa("join.invitation.joinAs", { name: inviteeName, email: invitee.email })).waitFor();
      assert.equal(
        await alumna.getByRole("heading", { name: exactly(tJa("join.invitation.signUpHeading")) }).count(),
        0,
        "no second sign-up for the same person",
      );
      await alumna.getByText(containing("敬意をもって交流します")).waitFor();
      await checks.check(alumna, "membership-invitation-accept-signed-in");
      await alumna.getByRole("checkbox", { name: exactly(tJa("join.accept")) }).check();
      await alumna.getByRole("button", { name: exactly(tJa("join.invitation.acceptSubmit", { network: minato.name })) }).click();
      await alumna.waitForURL((url) => url.pathname === `/n/${minato.slug}`);
      await pageHeading(alumna, minato.name).waitFor();
      await alumna
        .getByRole("status")
        .filter({ hasText: tJa("join.welcome.title", { network: minato.name }) })
        .waitFor();

      // The switcher lists both networks, the open one marked; picking the other opens it.
      await switcherButton(alumna, minato.name).click();
      const menu = alumna.getByRole("menu");
      await menu.waitFor();
      for (const name of [networkName, minato.name]) await menu.getByRole("menuitem", { name: containing(name) }).waitFor();
      assert.equal(await menu.getByRole("menuitem").count(), 2, "exactly her two networks");
      assert.match((await menu.locator("[aria-current='page']").textContent()) ?? "", containing(minato.name));
      await checks.check(alumna, "membership-switcher-both-networks", { sizes: "current" });
      await menu.getByRole("menuitem", { name: containing(networkName) }).click();
      await alumna.waitForURL((url) => url.pathname === `/n/${slug}`);
      await pageHeading(alumna, networkName).waitFor();
    },
  },
];
