// Events and surveys: the さくら電機 admin creates a hybrid event for one person with a required
// registration question through the form; an alumni member registers (the question is refused
// empty, then answered) and gets a ticket with a QR code; an employee registers and is 1st on the
// waitlist, with the online link still hidden. The alumni member cancels (after the confirmation
// dialog) and the employee is promoted by the job that runs after the commit. At the door, an
// unknown code is refused, and the employee's ticket — its QR code read back from the ticket page
// and played to the organiser's camera as a fake video device — checks them in on the check-in
// page; the attendee list says so. The admin then sends a survey to the event's attendees with the
// builder (1–5 rating, 0–10 NPS, free text); the employee answers it (a missing required answer is
// refused first) and the admin sees the distribution and the NPS on the results page.
// A second flow reads the demo's events (src/server/demo/demo-events.ts) through the app: the past
// series session's attendance and its closed satisfaction survey's charts, the series page, and the
// co-hosted meet-up as みなと商事's admin sees it.
// Other flows share the server and database: the event's title carries a per-run word, and nothing
// assumes what else is listed.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jsQRExport from "jsqr";
import type { Browser, Locator, Page } from "playwright-core";
import { demoNetwork, demoPerson, eventually, pageHeading, signIn } from "../harness/app.ts";
import type { Flow, FlowContext } from "../harness/app.ts";
import { launchBrowser, openPage } from "../harness/browser.ts";
import { containing, exactly, tJa } from "../harness/i18n.ts";

const slug = "sakura-denki";
const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

// The package ships CommonJS whose module.exports is the function (as src/web/events/qr-scanner.ts says).
type Decode = typeof jsQRExport.default;
const jsQR: Decode = (jsQRExport as unknown as { default?: Decode }).default ?? (jsQRExport as unknown as Decode);

/** A date `days` from now as the form's date field takes it (YYYY-MM-DD), in Tokyo. */
function tokyoDate(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date(Date.now() + days * 86_400_000));
}

function button(page: Page | Locator, name: string) {
  return page.getByRole("button", { name: exactly(name) });
}

/** The "参加登録" section of an event's page. */
function registration(page: Page) {
  return page.getByRole("region", { name: exactly(tJa("events.register.heading")) });
}

/**
 * Chooses a radio button whose input is hidden behind its label (segmented controls, chips) the way
 * a person does: by clicking the label.
 */
async function choose(radio: Locator): Promise<void> {
  const id = await radio.getAttribute("id");
  if (!id) throw new Error("the radio button has no id for its label");
  await radio.page().locator(`label[for="${id}"]`).click();
  await eventually("the radio button to be chosen", () => radio.isChecked(), 5000);
}

/** The title line of a Mantine alert (its text, exactly). */
function alertTitled(page: Page, text: string) {
  return page.getByRole("alert").getByText(text, { exact: true });
}

/** Reads the ticket page's QR code back from its pixels, and returns the pixels as luma (0–255), `size` square. */
async function readTicketQr(page: Page, size: number): Promise<{ text: string | null; luma: Uint8Array }> {
  const qr = page.getByRole("img", { name: exactly(tJa("eventTicket.qrAlt")) });
  await qr.waitFor();
  const rgba = await qr.evaluate(async (img: HTMLImageElement, side: number) => {
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = side;
    canvas.height = side;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2d canvas");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, side, side);
    context.imageSmoothingEnabled = false;
    context.drawImage(img, 0, 0, side, side);
    return Array.from(context.getImageData(0, 0, side, side).data);
  }, size);
  const pixels = Uint8ClampedArray.from(rgba);
  const luma = new Uint8Array(size * size);
  for (let i = 0; i < luma.length; i++)
    luma[i] = Math.round(0.299 * pixels[i * 4]! + 0.587 * pixels[i * 4 + 1]! + 0.114 * pixels[i * 4 + 2]!);
  return { text: jsQR(pixels, size, size)?.data ?? null, luma };
}

/**
 * A one-frame Y4M video (what Chromium's fake camera plays, looped) of the picture centred on a
 * white 640×480 frame: the ticket held up to the organiser's phone.
 */
function y4mOf(luma: Uint8Array, size: number): Buffer {
  const width = 640;
  const height = 480;
  const y = Buffer.alloc(width * height, 255);
  const left = (width - size) / 2;
  const top = (height - size) / 2;
  for (let row = 0; row < size; row++) y.set(luma.subarray(row * size, (row + 1) * size), (top + row) * width + left);
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), y, chroma]);
}

/**
 * A Chromium of its own (the harness's has no camera) whose camera plays `video`, and which asks
 * nobody before handing it over; the harness's other switches as they are.
 */
async function cameraBrowser(video: string): Promise<Browser> {
  return launchBrowser([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${video}`,
  ]);
}

/** The admin's door page on a phone with the camera pointed at the ticket; checks the attendee in. */
async function checkInWithCamera(
  { baseUrl, checks }: FlowContext,
  checkInPath: string,
  ticket: { luma: Uint8Array; size: number },
  attendeeName: string,
): Promise<void> {
  const admin = demoPerson("admin@sakura.example.com");
  const dir = mkdtempSync(path.join(tmpdir(), "tsunagu-e2e-camera-"));
  const video = path.join(dir, "ticket.y4m");
  writeFileSync(video, y4mOf(ticket.luma, ticket.size));
  const browser = await cameraBrowser(video);
  const pageErrors: string[] = [];
  try {
    const { page: door, context } = await openPage(browser, baseUrl, "phone");
    await context.grantPermissions(["camera"], { origin: baseUrl });
    door.on("pageerror", (error) => pageErrors.push(`${door.url()}: ${error.message}`));
    await signIn(door, admin.email);
    await door.goto(checkInPath);
    await pageHeading(door, tJa("eventCheckIn.title")).waitFor();
    const feedback = door.getByRole("status").filter({ hasText: tJa("eventCheckIn.ready") });
    await feedback.waitFor();
    await checks.check(door, "event-check-in");

    // A code that is no ticket of this event: refused, and said so.
    const code = door.getByRole("textbox", { name: containing(tJa("eventCheckIn.codeLabel")) });
    await code.fill("not-a-ticket-code-0000");
    await button(door, tJa("eventCheckIn.checkIn")).click();
    await door.getByRole("status").getByText(tJa("eventCheckIn.unknown"), { exact: true }).waitFor();

    // The camera sees the ticket: checked in.
    await button(door, tJa("eventCheckIn.camera.start")).click();
    await door
      .getByRole("status")
      .getByText(tJa("eventCheckIn.done", { name: attendeeName }), { exact: true })
      .waitFor({ timeout: 20_000 });
    await button(door, tJa("eventCheckIn.camera.stop")).waitFor();
    await door.getByText(tJa("eventCheckIn.attendanceCount", { checkedIn: 1, confirmed: 1, percent: 100 }), { exact: true }).waitFor();
    await checks.check(door, "event-check-in-done");
    // The same ticket still in front of the camera is not sent again: the answer stays "checked in".
    await door.waitForTimeout(1500);
    await door
      .getByRole("status")
      .getByText(tJa("eventCheckIn.done", { name: attendeeName }), { exact: true })
      .waitFor();
    await button(door, tJa("eventCheckIn.camera.stop")).click();
    await button(door, tJa("eventCheckIn.camera.start")).waitFor();
    if (pageErrors.length > 0) throw new Error(`uncaught errors in the check-in page:\n${pageErrors.join("\n")}`);
  } finally {
    await browser.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

export const eventsFlows: Flow[] = [
  {
    name: "events: create an event, register, waitlist and promotion, check in by the QR code, answer the survey, see the chart",
    async run(flowContext) {
      const { open, checks } = flowContext;
      const admin = demoPerson("admin@sakura.example.com");
      const alumni = demoPerson("alumni@sakura.example.com");
      const employee = demoPerson("employee@sakura.example.com");
      // A title no other run uses: the run's time as katakana.
      const word = [...String(Date.now()).slice(-6)].map((d) => "アイウエオカキクケコ"[Number(d)]).join("");
      const title = `${word} 交流会`;
      const question = "当日話してみたい社員は？";
      const day = tokyoDate(7);

      // The admin opens イベント from the side nav and creates the event through the form.
      const organiser = await open("desktop");
      await signIn(organiser, admin.email);
      await organiser.waitForURL((url) => url.pathname.startsWith(`/n/${slug}`));
      await organiser
        .getByRole("navigation", { name: exactly(tJa("shell.navLabel")) })
        .getByRole("link", { name: exactly(tJa("events.nav")) })
        .click();
      await pageHeading(organiser, tJa("events.title")).waitFor();
      await checks.check(organiser, "events-list");
      await organiser
        .getByRole("link", { name: exactly(tJa("events.create")) })
        .first()
        .click();
      await pageHeading(organiser, tJa("events.form.newTitle")).waitFor();
      const textbox = (name: string) => organiser.getByRole("textbox", { name: exactly(name) });
      await textbox(tJa("events.form.title")).fill(title);
      await textbox(tJa("events.form.description")).fill("卒業生と社員の**交流会**です。");
      await choose(organiser.getByRole("radio", { name: exactly(tJa("events.kind.hybrid")) }));
      await textbox(tJa("events.form.venueName")).fill("さくら電機 本社 3F ラウンジ");
      await textbox(tJa("events.form.venueAddress")).fill("東京都港区芝浦1-2-3");
      await textbox(tJa("events.form.onlineUrl")).fill("https://meet.example.com/sakura-koryukai");
      await textbox(tJa("events.form.startDate")).fill(day);
      await textbox(tJa("events.form.startTime")).fill("19:00");
      await textbox(tJa("events.form.endDate")).fill(day);
      await textbox(tJa("events.form.endTime")).fill("21:00");
      const zone = organiser.getByRole("combobox", { name: exactly(tJa("events.form.timeZone")) });
      await zone.click();
      await zone.fill("Asia/Tokyo");
      await organiser
        .getByRole("option", { name: exactly(tJa("events.form.zoneOption", { name: tJa("events.zone.tokyo"), zone: "Asia/Tokyo" })) })
        .click();
      await textbox(tJa("events.form.capacity")).fill("1");
      await button(organiser, tJa("events.form.questionAdd")).click();
      const firstQuestion = organiser.getByRole("group", { name: exactly(tJa("events.form.question", { number: 1 })) });
      await firstQuestion.getByRole("textbox", { name: exactly(tJa("events.form.questionLabel")) }).fill(question);
      await firstQuestion.getByRole("checkbox", { name: exactly(tJa("events.form.questionRequired")) }).check();
      await checks.check(organiser, "event-form-filled");
      await button(organiser, tJa("events.form.submitCreate")).click();
      await organiser.waitForURL((url) => new RegExp(`^/n/${slug}/events/${uuid}$`).test(url.pathname));
      const eventPath = new URL(organiser.url()).pathname;
      await pageHeading(organiser, title).waitFor();
      // Shown in the viewer's zone (Tokyo here, as entered).
      await organiser.locator("time").filter({ hasText: "19:00" }).first().waitFor();
      await organiser.getByText(tJa("events.counts", { confirmed: 0, waitlisted: 0 }), { exact: true }).waitFor();
      await checks.check(organiser, "event-created");

      // The alumni member registers on a phone: the required question is asked first.
      const member = await open("phone");
      await signIn(member, alumni.email);
      await member.goto(eventPath);
      await pageHeading(member, title).waitFor();
      await member.getByText(tJa("events.onlineHidden"), { exact: true }).waitFor();
      await checks.check(member, "event-before-registering");
      await button(registration(member), tJa("events.register.submit")).click();
      await registration(member).getByText(tJa("validation.required"), { exact: true }).waitFor();
      await registration(member)
        .getByRole("textbox", { name: containing(question) })
        .fill("人事部の方と、カムバック採用について話したいです。");
      await button(registration(member), tJa("events.register.submit")).click();
      await alertTitled(member, tJa("events.register.confirmed")).waitFor();
      // Confirmed: the online link is theirs now.
      await member.getByRole("link", { name: containing(tJa("events.onlineLink")) }).waitFor();
      await checks.check(member, "event-registered");
      await registration(member)
        .getByRole("link", { name: exactly(tJa("events.register.ticket")) })
        .click();
      await pageHeading(member, tJa("eventTicket.title")).waitFor();
      await member.getByText(tJa("eventTicket.attendee", { name: alumni.name }), { exact: true }).waitFor();
      const alumniTicket = await readTicketQr(member, 300);
      const alumniCode = (await member.getByTestId("ticket-code").innerText()).trim();
      assert.equal(alumniTicket.text, alumniCode, "the ticket's QR code carries the code written under it");
      await checks.check(member, "event-ticket");

      // The employee registers for the full event: 1st on the waitlist, no link, no ticket.
      const staff = await open("desktop");
      await signIn(staff, employee.email);
      await staff.goto(eventPath);
      await pageHeading(staff, title).waitFor();
      await registration(staff).getByText(tJa("events.register.fullNote"), { exact: true }).waitFor();
      await registration(staff)
        .getByRole("textbox", { name: containing(question) })
        .fill("特にありません");
      await button(registration(staff), tJa("events.register.submitWaitlist")).click();
      await alertTitled(staff, tJa("events.register.waitlisted", { place: 1 })).waitFor();
      await staff.getByText(tJa("events.onlineHidden"), { exact: true }).waitFor();
      assert.equal(
        await registration(staff)
          .getByRole("link", { name: exactly(tJa("events.register.ticket")) })
          .count(),
        0,
      );
      await checks.check(staff, "event-waitlisted");
      await staff.goto(`${eventPath}/ticket`);
      await staff.getByRole("heading", { name: exactly(tJa("eventTicket.waitlistPlace", { place: 1 })) }).waitFor();
      await checks.check(staff, "event-ticket-waitlisted");

      // The alumni member cancels, after saying so in the dialog.
      await member.goto(eventPath);
      await button(registration(member), tJa("events.register.cancel")).click();
      const dialog = member.getByRole("dialog", { name: exactly(tJa("events.register.cancelTitle")) });
      await dialog.waitFor();
      await checks.check(member, "event-cancel-dialog", { sizes: "current" });
      await button(dialog, tJa("events.register.cancelConfirm")).click();
      await dialog.waitFor({ state: "hidden" });
      // The form is back, to join again at the end of the line. (Whether it offers the waitlist
      // depends on whether the promotion job ran before the page reloaded the event.)
      await registration(member).getByText(tJa("events.register.previouslyCancelled"), { exact: true }).waitFor();
      await registration(member)
        .getByRole("textbox", { name: containing(question) })
        .waitFor();

      // The seat goes to the employee (a job right after the commit): a reload shows it.
      await staff.goto(eventPath);
      await eventually(
        "the employee's promotion from the waitlist",
        async () => {
          await staff.reload();
          await pageHeading(staff, title).waitFor();
          return (await alertTitled(staff, tJa("events.register.confirmed")).count()) === 1;
        },
        20_000,
      );
      await registration(staff).getByText(tJa("events.register.promoted"), { exact: true }).waitFor();
      await staff.getByRole("link", { name: containing(tJa("events.onlineLink")) }).waitFor();
      await checks.check(staff, "event-promoted");
      await registration(staff)
        .getByRole("link", { name: exactly(tJa("events.register.ticket")) })
        .click();
      await pageHeading(staff, tJa("eventTicket.title")).waitFor();
      const size = 360;
      const staffTicket = await readTicketQr(staff, size);
      const staffCode = (await staff.getByTestId("ticket-code").innerText()).trim();
      assert.equal(staffTicket.text, staffCode, "the promoted ticket's QR code carries its code");
      assert.notEqual(staffCode, alumniCode);

      // At the door: the organiser's phone camera reads the employee's ticket.
      await checkInWithCamera(flowContext, `${eventPath}/check-in`, { luma: staffTicket.luma, size }, employee.name);

      // The attendee's ticket and the organisers' list say so.
      await staff.reload();
      await staff
        .getByText(containing(tJa("eventTicket.checkedInAt", { time: "" }).trim()))
        .first()
        .waitFor();
      await checks.check(staff, "event-ticket-checked-in");
      await organiser.goto(`${eventPath}/attendees`);
      await pageHeading(organiser, tJa("eventAttendees.title")).waitFor();
      const rowOf = (name: string) => organiser.getByRole("row").filter({ hasText: name });
      await rowOf(employee.name).getByText(tJa("eventAttendees.status.confirmed"), { exact: true }).waitFor();
      await rowOf(employee.name).getByText("特にありません", { exact: true }).waitFor();
      assert.equal(
        await rowOf(employee.name)
          .getByLabel(exactly(tJa("eventAttendees.notCheckedIn")))
          .count(),
        0,
        "checked in",
      );
      await rowOf(alumni.name).getByText(tJa("eventAttendees.status.cancelled"), { exact: true }).waitFor();
      assert.equal(
        await rowOf(alumni.name)
          .getByLabel(exactly(tJa("eventAttendees.notCheckedIn")))
          .count(),
        1,
      );
      await checks.check(organiser, "event-attendees");

      // The admin sends a survey to the event's attendees from the event's page.
      const surveyTitle = `${title}の感想`;
      const rating = "交流会の満足度を教えてください";
      const nps = "この交流会を同僚にすすめたいですか";
      const comments = "ご意見・ご感想";
      await organiser.goto(eventPath);
      await organiser
        .getByRole("region", { name: exactly(tJa("surveys.panel.title")) })
        .getByRole("link", { name: exactly(tJa("surveys.panel.create")) })
        .click();
      await pageHeading(organiser, tJa("surveys.builder.newTitle")).waitFor();
      await organiser.getByText(tJa("surveys.builder.audience.event", { title }), { exact: true }).waitFor();
      await organiser.getByRole("textbox", { name: containing(tJa("surveys.builder.titleLabel")) }).fill(surveyTitle);
      const builderQuestion = (n: number) => organiser.getByRole("group", { name: exactly(tJa("surveys.builder.question", { n })) });
      const fillQuestion = async (n: number, kind: "rating" | "nps" | "text", label: string) => {
        const editor = builderQuestion(n);
        await editor.getByRole("combobox", { name: exactly(tJa("surveys.builder.kind")) }).click();
        await organiser.getByRole("option", { name: exactly(tJa(`surveys.builder.kind.${kind}`)) }).click();
        await editor.getByRole("textbox", { name: containing(tJa("surveys.builder.label")) }).fill(label);
      };
      await fillQuestion(1, "rating", rating);
      await button(organiser, tJa("surveys.builder.addQuestion")).click();
      await fillQuestion(2, "nps", nps);
      await builderQuestion(2)
        .getByRole("switch", { name: exactly(tJa("surveys.builder.required")) })
        .check();
      await button(organiser, tJa("surveys.builder.addQuestion")).click();
      await fillQuestion(3, "text", comments);
      await checks.check(organiser, "survey-builder");
      await button(organiser, tJa("surveys.builder.send")).click();
      const sendDialog = organiser.getByRole("dialog", { name: exactly(tJa("surveys.builder.sendConfirmTitle")) });
      await button(sendDialog, tJa("surveys.builder.send")).click();
      await organiser.waitForURL((url) => new RegExp(`^/n/${slug}/surveys/${uuid}/results$`).test(url.pathname));
      const resultsPath = new URL(organiser.url()).pathname;
      await pageHeading(organiser, tJa("surveys.resultsPage.title", { title: surveyTitle })).waitFor();
      await organiser.getByText(tJa("surveys.resultsPage.noResponses"), { exact: true }).first().waitFor();

      // The employee (the one who checked in) finds it on the event's page and answers it.
      await staff.goto(eventPath);
      const panel = staff.getByRole("region", { name: exactly(tJa("surveys.panel.title")) });
      await panel.getByText(surveyTitle, { exact: true }).waitFor();
      await panel.getByRole("link", { name: exactly(tJa("surveys.answer")) }).click();
      await pageHeading(staff, surveyTitle).waitFor();
      await checks.check(staff, "survey-answer");
      const answer = (n: number, label: string) => staff.getByRole("group", { name: containing(`${n}. ${label}`) });
      // Sent with the required answers missing: refused, nothing kept, the fields say why.
      await button(staff, tJa("surveys.answerPage.submit")).click();
      await staff
        .getByRole("alert")
        .filter({ hasText: tJa("surveys.answerPage.fixErrors") })
        .waitFor();
      await answer(1, rating).getByRole("alert").waitFor();
      await choose(answer(1, rating).getByRole("radio", { name: exactly("5") }));
      await choose(answer(2, nps).getByRole("radio", { name: exactly("9") }));
      await answer(3, comments)
        .getByRole("textbox", { name: exactly(comments) })
        .fill("社員の方と直接話せてよかったです。");
      await button(staff, tJa("surveys.answerPage.submit")).click();
      await staff.getByText(tJa("surveys.answerPage.thanksTitle"), { exact: true }).waitFor();
      await checks.check(staff, "survey-answered");

      // The admin's results: one response of one recipient, the bars and the NPS.
      await organiser.goto(resultsPath);
      await pageHeading(organiser, tJa("surveys.resultsPage.title", { title: surveyTitle })).waitFor();
      const distribution = (label: string) =>
        organiser.getByRole("list", { name: exactly(tJa("surveys.resultsPage.distribution", { label })) });
      const share = (count: number, percent: string) => tJa("surveys.resultsPage.count", { count, percent });
      await distribution(rating).getByRole("listitem").filter({ hasText: /^5/ }).getByText(share(1, "100%"), { exact: true }).waitFor();
      await distribution(rating).getByRole("listitem").filter({ hasText: /^1/ }).getByText(share(0, "0%"), { exact: true }).waitFor();
      await distribution(nps).getByRole("listitem").filter({ hasText: /^9/ }).getByText(share(1, "100%"), { exact: true }).waitFor();
      await organiser.getByText(`${tJa("surveys.resultsPage.nps")} +100`, { exact: true }).waitFor();
      await organiser.getByText("社員の方と直接話せてよかったです。", { exact: true }).waitFor();
      await checks.check(organiser, "survey-results");
    },
  },
  {
    name: "events: the demo's past series session, its attendance and closed survey's charts; the co-hosted meet-up seen from みなと商事",
    async run({ open, checks }) {
      // What src/server/demo/demo-events.ts seeds, read through the app.
      const admin = demoPerson("admin@sakura.example.com");
      const session = "アルムナイ・トーク #1";
      const organiser = await open("desktop");
      await signIn(organiser, admin.email);
      await organiser.goto(`/n/${slug}/events`);
      await pageHeading(organiser, tJa("events.title")).waitFor();
      await organiser.getByRole("tab", { name: containing(tJa("events.tab.past")) }).click();
      await organiser.waitForURL((url) => url.searchParams.get("when") === "past");
      const card = organiser.getByRole("article", { name: exactly(session) });
      await card.getByText(tJa("events.seriesTheme", { series: "アルムナイ・トーク", theme: "スタートアップで働くということ" })).waitFor();
      await checks.check(organiser, "events-past");
      await card.getByRole("link", { name: exactly(session) }).click();
      await pageHeading(organiser, session).waitFor();
      await registration(organiser).getByText(tJa("events.register.closed.started"), { exact: true }).waitFor();
      // 8 of the 9 confirmed checked in (one more cancelled).
      await organiser.getByText(tJa("events.manage.attendanceValue", { rate: 89, checkedIn: 8, confirmed: 9 }), { exact: true }).waitFor();

      // The closed satisfaction survey: 6 answers of 8 asked, the bars and the NPS.
      const surveyTitle = `「${session}」満足度アンケート`;
      const panel = organiser.getByRole("region", { name: exactly(tJa("surveys.panel.title")) });
      await panel.getByText(surveyTitle, { exact: true }).waitFor();
      await checks.check(organiser, "event-past-session");
      await panel.getByRole("link", { name: exactly(tJa("surveys.results")) }).click();
      await pageHeading(organiser, tJa("surveys.resultsPage.title", { title: surveyTitle })).waitFor();
      await organiser.getByText(tJa("surveys.status.closed"), { exact: true }).first().waitFor();
      const satisfaction = organiser.getByRole("list", {
        name: exactly(tJa("surveys.resultsPage.distribution", { label: "今回のイベントの満足度を教えてください" })),
      });
      await satisfaction
        .getByRole("listitem")
        .filter({ hasText: /^5/ })
        .getByText(tJa("surveys.resultsPage.count", { count: 3, percent: "50%" }), { exact: true })
        .waitFor();
      // Promoters 4 (9–10), detractors 1 (6) of 6: +50.
      await organiser.getByText(`${tJa("surveys.resultsPage.nps")} +50`, { exact: true }).waitFor();
      await organiser.getByText("オンラインでも質問しやすかったです。", { exact: true }).waitFor();
      await checks.check(organiser, "survey-results-demo");
      assert.equal(await button(organiser, tJa("surveys.resultsPage.close")).count(), 0, "a closed survey cannot be closed again");

      // The series page lists both sessions.
      await organiser.goBack();
      await pageHeading(organiser, session).waitFor();
      await organiser.getByRole("link", { name: exactly("アルムナイ・トーク") }).click();
      await pageHeading(organiser, "アルムナイ・トーク").waitFor();
      await organiser.getByText(containing(tJa("series.count", { count: 2 }))).waitFor();
      await checks.check(organiser, "event-series");

      // みなと商事's admin finds the co-hosted meet-up among their network's events.
      const minato = await open("phone");
      await signIn(minato, demoPerson("admin@minato.example.com").email);
      await minato.goto("/n/minato-ob/events");
      await pageHeading(minato, tJa("events.title")).waitFor();
      const cohosted = minato.getByRole("article", { name: exactly("さくら電機 × みなと商事 合同交流会") });
      await cohosted.getByText(tJa("events.cohostedBy", { host: demoNetwork(slug).name }), { exact: true }).waitFor();
      await checks.check(minato, "events-cohosted");
    },
  },
];
