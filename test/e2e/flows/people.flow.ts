// People: an alumni member fills in the reading of their name and their current company; an
// employee finds them in the directory by the reading (marked in the card), by the company (the
// field that matched listed under the card), and with filters kept in the URL (the back button
// undoes the last one), then opens their profile. The alumni member makes the company 自分のみ
// (only me): the employee no longer sees it on the profile or the card, and no longer finds them
// by it. Japanese typed through an IME is searched only once the composition ends. "People you
// may know" and the generations are visited for their checks.
// Other flows share the server and database: the company carries a per-run word, and nothing
// assumes who else is in the directory.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { demoPerson, eventually, pageHeading, signIn } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { exactly, tJa } from "../harness/i18n.ts";

const slug = "sakura-denki";

function nav(page: Page) {
  return page.getByRole("navigation", { name: exactly(tJa("shell.navLabel")) });
}

function searchBox(page: Page) {
  return page.getByRole("searchbox", { name: exactly(tJa("directory.searchLabel")) });
}

function results(page: Page) {
  return page.getByRole("list", { name: exactly(tJa("directory.resultsLabel")) });
}

/** A person's card in the directory's results (an article named after them). */
function card(page: Page, name: string) {
  return results(page).getByRole("article", { name: exactly(name) });
}

/** The directory's query string value `name` once the page has put it in the URL. */
async function waitForQuery(page: Page, name: string, value: string | null): Promise<void> {
  await page.waitForURL((url) => url.searchParams.get(name) === value);
}

/** Saves /me/profile and waits for the server's answer. */
async function saveProfile(page: Page): Promise<void> {
  const saved = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/me/profile" && r.request().method() === "PUT");
  await page.getByRole("button", { name: exactly(tJa("common.save")) }).click();
  const response = await saved;
  assert.equal(response.status(), 200, `saving the profile answered ${response.status()}: ${await response.text()}`);
}

export const peopleFlows: Flow[] = [
  {
    name: "people: search and filter the directory, open a profile; a field made 自分のみ is neither shown nor found",
    async run({ open, checks }) {
      const alumni = demoPerson("alumni@sakura.example.com");
      const employee = demoPerson("employee@sakura.example.com");
      const misaki = demoPerson("misaki@example.com");
      // A company name no other run or flow uses: the run's time as katakana.
      const word = [...String(Date.now()).slice(-6)].map((d) => "アイウエオカキクケコ"[Number(d)]).join("");
      const company = `${word}精工`;

      // The alumni member writes the reading of their name and their current company, seen by everyone.
      const member = await open("phone");
      await signIn(member, alumni.email);
      await member.goto("/me/profile");
      await pageHeading(member, tJa("profile.title")).waitFor();
      await member.getByRole("textbox", { name: exactly(tJa("profile.field.nameReading")) }).fill("たかはし けん");
      await member.getByRole("textbox", { name: exactly(tJa("profile.field.company")) }).fill(company);
      const skills = member.getByLabel(exactly(tJa("profile.field.skills")));
      await skills.fill("データ分析");
      await skills.press("Enter");
      await member
        .getByRole("combobox", { name: exactly(tJa("profile.visibility.of", { field: tJa("profile.field.company") })) })
        .selectOption({ label: tJa("profile.visibility.members") });
      await saveProfile(member);

      // Another alumni member shares that skill (set through the API): a suggestion for later.
      const colleague = await open("desktop");
      await signIn(colleague, misaki.email);
      await colleague.evaluate(async () => {
        const me = (await (await fetch("/api/me")).json()) as { csrfToken: string };
        const response = await fetch("/api/me/profile", {
          method: "PUT",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
          body: JSON.stringify({ nameReading: "たなか みさき", skills: ["データ分析", "SEO"] }),
        });
        if (!response.ok) throw new Error(`PUT /api/me/profile: HTTP ${response.status} ${await response.text()}`);
      });

      // The employee opens メンバー from the side nav and searches by the reading: the card shows it marked.
      const staff = await open("desktop");
      await signIn(staff, employee.email);
      await staff.waitForURL((url) => url.pathname.startsWith(`/n/${slug}`));
      await nav(staff)
        .getByRole("link", { name: exactly(tJa("directory.nav")) })
        .click();
      await pageHeading(staff, tJa("directory.title")).waitFor();
      await card(staff, employee.name).waitFor();
      await checks.check(staff, "directory");

      await searchBox(staff).fill("たかはし");
      await waitForQuery(staff, "q", "たかはし");
      const found = card(staff, alumni.name);
      await found.locator("mark", { hasText: "たかはし" }).waitFor();
      await eventually("the search leaves out the employee", async () => (await card(staff, employee.name).count()) === 0);
      await checks.check(staff, "directory-search-reading");

      // By the company (half of the word is enough): the field that matched is listed, marked.
      await searchBox(staff).fill(word.slice(0, 3));
      await waitForQuery(staff, "q", word.slice(0, 3));
      await found
        .getByRole("definition")
        .locator("mark", { hasText: word.slice(0, 3) })
        .waitFor();
      await found
        .getByRole("term")
        .filter({ hasText: tJa("directory.field.company") })
        .waitFor();

      // Typed through an IME: nothing is searched while composing, the word once it is confirmed.
      const ime = await staff.context().newCDPSession(staff);
      await searchBox(staff).fill("");
      await waitForQuery(staff, "q", null);
      await searchBox(staff).focus();
      await ime.send("Input.imeSetComposition", { text: "たか", selectionStart: 2, selectionEnd: 2 });
      await staff.waitForTimeout(700);
      assert.equal(new URL(staff.url()).searchParams.get("q"), null, "no search while the IME is composing");
      await ime.send("Input.insertText", { text: "たかはし" });
      await waitForQuery(staff, "q", "たかはし");
      await ime.detach();

      // Filters: department 開発部 and joined in 2008, both in the URL; the back button undoes the last.
      await searchBox(staff).fill("");
      await waitForQuery(staff, "q", null);
      await staff.getByRole("button", { name: exactly(tJa("directory.filters")) }).click();
      const filters = staff.getByRole("group", { name: exactly(tJa("directory.filtersLabel")) });
      await filters.getByRole("textbox", { name: exactly(tJa("directory.department")) }).fill("開発部");
      await waitForQuery(staff, "department", "開発部");
      await filters.getByRole("textbox", { name: exactly(tJa("directory.joinFrom")) }).fill("2008");
      await filters.getByRole("textbox", { name: exactly(tJa("directory.joinTo")) }).fill("2008");
      await waitForQuery(staff, "joinTo", "2008");
      await eventually(
        "the filters leave the alumni member and not the employee",
        async () => (await found.count()) === 1 && (await card(staff, employee.name).count()) === 0,
      );
      await staff.getByRole("button", { name: exactly(tJa("directory.filtersCount", { count: 3 })) }).waitFor();
      await checks.check(staff, "directory-filtered");
      await staff.goBack();
      await waitForQuery(staff, "joinTo", null);
      assert.equal(new URL(staff.url()).searchParams.get("department"), "開発部", "the back button undid only the last filter");
      await filters.getByRole("textbox", { name: exactly(tJa("directory.joinTo")) }).waitFor();
      assert.equal(await filters.getByRole("textbox", { name: exactly(tJa("directory.joinTo")) }).inputValue(), "");

      // The employee opens the alumni member's profile from the card: the company is there.
      await found.getByRole("link", { name: exactly(alumni.name) }).click();
      await staff.waitForURL((url) => new RegExp(`^/n/${slug}/people/[0-9a-f-]{36}$`).test(url.pathname));
      const profilePath = new URL(staff.url()).pathname;
      await pageHeading(staff, alumni.name).waitFor();
      await staff.getByText(company).first().waitFor();
      await checks.check(staff, "profile-of-alumni");

      // The alumni member makes the company 自分のみ.
      await member.reload();
      await pageHeading(member, tJa("profile.title")).waitFor();
      await member
        .getByRole("combobox", { name: exactly(tJa("profile.visibility.of", { field: tJa("profile.field.company") })) })
        .selectOption({ label: tJa("profile.visibility.self") });
      await saveProfile(member);

      // The employee sees no company on the profile, nor on the card, and cannot find them by it.
      await staff.goto(profilePath);
      await pageHeading(staff, alumni.name).waitFor();
      assert.equal(await staff.getByText(company).count(), 0, "the hidden company is not on the profile");
      await staff.goto(`/n/${slug}/people?q=${encodeURIComponent("たかはし")}`);
      await found.locator("mark", { hasText: "たかはし" }).waitFor();
      assert.equal(await found.getByText(company).count(), 0, "the hidden company is not on the card");
      await staff.goto(`/n/${slug}/people?q=${encodeURIComponent(word)}`);
      await staff.getByRole("heading", { name: exactly(tJa("directory.noResultsTitle")) }).waitFor();
      assert.equal(await found.count(), 0, "the hidden company finds nobody");
      await checks.check(staff, "directory-hidden-field-not-found");
      // The way out of an empty search: clear everything, and the directory is back.
      await staff.getByRole("button", { name: exactly(tJa("directory.clearFilters")) }).click();
      await waitForQuery(staff, "q", null);
      await card(staff, alumni.name).waitFor();

      // The alumni member's "people you may know": the colleague with the skill they share, with
      // the reason said, and a message to them starts a conversation.
      await member.goto(`/n/${slug}/people/suggestions`);
      await pageHeading(member, tJa("suggestions.title")).waitFor();
      const suggestion = member.getByRole("article", { name: exactly(misaki.name) });
      await suggestion
        .getByRole("list", { name: exactly(tJa("suggestions.reasonsLabel", { name: misaki.name })) })
        .getByText(tJa("suggestions.reason.skills", { values: "データ分析" }), { exact: true })
        .waitFor();
      await checks.check(member, "people-suggestions");
      await suggestion.getByRole("button", { name: exactly(tJa("suggestions.messageTo", { name: misaki.name })) }).click();
      await member.waitForURL((url) => new RegExp(`^/n/${slug}/messages/[0-9a-f-]{36}$`).test(url.pathname));

      // The generations of their department (開発部, from the admins' import).
      await member.goto(`/n/${slug}/people/generations`);
      await pageHeading(member, tJa("generations.title")).waitFor();
      await member.getByRole("heading", { level: 2, name: exactly("開発部") }).waitFor();
      await checks.check(member, "people-generations");
    },
  },
];
