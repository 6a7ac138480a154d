// Talk rooms and posts: an alumni member posts in 雑談ルーム (Markdown renders), an employee stamps
// it, comments on its page and posts a line of their own, the admin pins it, and in お知らせ the
// member finds no composer but the "only 事務局 posts" note, and 雑談ルーム's unread badge.
// Other flows share the server and database: every text carries a per-run stamp, and nothing
// assumes a room is empty.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { demoPerson, pageHeading, signIn } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { containing, exactly, tJa } from "../harness/i18n.ts";

const slug = "sakura-denki";

function nav(page: Page) {
  return page.getByRole("navigation", { name: exactly(tJa("shell.navLabel")) });
}

/** A room's link in the side nav's トークルーム group (its name may carry an unread badge). */
function roomLink(page: Page, key: "rooms.default.casual" | "rooms.default.announcements") {
  return nav(page).getByRole("link", { name: containing(tJa(key)) });
}

/** The post (an article) whose text contains `text`. */
function postCard(scope: Page | ReturnType<Page["getByRole"]>, text: string) {
  return scope.getByRole("article").filter({ hasText: text });
}

async function signInToNetwork(page: Page, email: string) {
  await signIn(page, email);
  await page.waitForURL((url) => url.pathname.startsWith(`/n/${slug}`));
}

export const roomsFlows: Flow[] = [
  {
    name: "talk rooms: a member posts in 雑談ルーム, others stamp, comment and pin; お知らせ is read-only",
    async run({ open, checks }) {
      const alumni = demoPerson("alumni@sakura.example.com");
      const employee = demoPerson("employee@sakura.example.com");
      const admin = demoPerson("admin@sakura.example.com");
      const run = `e2e-rooms-${Date.now()}`;
      const casual = tJa("rooms.default.casual");

      // The alumni member opens 雑談ルーム from the side nav and posts with **bold** Markdown.
      const member = await open("desktop");
      await signInToNetwork(member, alumni.email);
      await roomLink(member, "rooms.default.casual").click();
      await member.waitForURL((url) => /^\/n\/[^/]+\/rooms\/[^/]+$/.test(url.pathname));
      await pageHeading(member, casual).waitFor();
      const roomPath = new URL(member.url()).pathname;
      await member.getByRole("textbox", { name: exactly(tJa("composer.postLabel")) }).fill(`${run} こんにちは、**太字の話題** です`);
      await member.getByRole("button", { name: exactly(tJa("composer.post")) }).click();
      const mine = postCard(member, run);
      await mine.locator("strong", { hasText: "太字の話題" }).waitFor();
      assert.equal(await mine.getByText("**").count(), 0, "the Markdown markers are not shown");
      await checks.check(member, "room-casual-posted");

      // The employee sees it, adds a stamp from the "+" picker, and comments on the post page.
      const staff = await open("desktop");
      await signInToNetwork(staff, employee.email);
      await staff.goto(roomPath);
      await pageHeading(staff, casual).waitFor();
      const seen = postCard(staff, run);
      await seen.locator("strong", { hasText: "太字の話題" }).waitFor();
      await seen.getByRole("button", { name: exactly(tJa("stamps.add")) }).click();
      const picker = staff.getByRole("dialog", { name: exactly(tJa("stamps.pickerLabel")) });
      await picker.getByRole("button", { name: exactly("👍") }).click();
      await picker.waitFor({ state: "hidden" });
      const chip = seen.getByRole("button", { name: exactly(tJa("stamps.countMine", { emoji: "👍", count: 1 })) });
      await chip.waitFor();
      assert.equal(await chip.getAttribute("aria-pressed"), "true", "the stamp chip is pressed");
      // Still there once the server has answered (the toggle is optimistic).
      await staff.reload();
      await chip.waitFor();

      await seen.getByRole("link", { name: exactly(tJa("post.commentsNone")) }).click();
      await staff.waitForURL((url) => /^\/n\/[^/]+\/posts\/[^/]+$/.test(url.pathname));
      await pageHeading(staff, tJa("post.titleBy", { name: alumni.name })).waitFor();
      await staff.getByRole("textbox", { name: exactly(tJa("composer.commentLabel")) }).fill(`${run} いいですね`);
      await staff.getByRole("button", { name: exactly(tJa("composer.comment")) }).click();
      const comments = staff.getByRole("region", { name: exactly(tJa("post.commentsHeading")) });
      await comments
        .getByRole("article", { name: exactly(employee.name) })
        .filter({ hasText: `${run} いいですね` })
        .waitFor();
      await checks.check(staff, "post-with-comment");
      // The room's comment link now counts it.
      await staff.goto(roomPath);
      await postCard(staff, run)
        .getByRole("link", { name: exactly(tJa("post.comments", { count: 1 })) })
        .waitFor();
      // A post of the employee's own, for the member's unread badge below.
      await staff.getByRole("textbox", { name: exactly(tJa("composer.postLabel")) }).fill(`${run} 社員からもひとこと`);
      await staff.getByRole("button", { name: exactly(tJa("composer.post")) }).click();
      await postCard(staff, `${run} 社員からもひとこと`).waitFor();

      // The admin pins the post from its menu; it moves under the pinned heading.
      const office = await open("desktop");
      await signInToNetwork(office, admin.email);
      await office.goto(roomPath);
      await pageHeading(office, casual).waitFor();
      await postCard(office, `${run} こんにちは`)
        .getByRole("button", { name: exactly(tJa("post.menu")) })
        .click();
      await office.getByRole("menuitem", { name: exactly(tJa("post.pin")) }).click();
      const pinned = office.getByRole("region", { name: exactly(tJa("rooms.pinned")) });
      const pinnedPost = postCard(pinned, `${run} こんにちは`);
      await pinnedPost.getByText(tJa("post.pinnedBadge"), { exact: true }).waitFor();

      // お知らせ: no composer for the member, the note instead; opening it refreshes the nav, where
      // 雑談ルーム now counts the employee's post as unread.
      await roomLink(member, "rooms.default.announcements").click();
      await pageHeading(member, tJa("rooms.default.announcements")).waitFor();
      await member.getByText(tJa("rooms.announcementOnly"), { exact: true }).waitFor();
      assert.equal(await member.getByRole("textbox", { name: exactly(tJa("composer.postLabel")) }).count(), 0, "no composer in お知らせ");
      await roomLink(member, "rooms.default.casual")
        .getByLabel(exactly(tJa("rooms.navUnread", { count: 1 })))
        .waitFor();
      await checks.check(member, "room-announcements-member");
    },
  },
];
