// XSS in the browser: the whole corpus of test/helpers/xss-corpus.ts is posted through the API as
// posts in 雑談ルーム and as direct messages, then shown in Chromium. A hook installed before any
// page script records every alert/confirm/prompt/print call and dialog; after rendering, no hook
// fired, no post or message carries a script, an event-handler attribute, a javascript:/data: link
// or an embedded object, and the ordinary text around every payload is still on the page.
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { xssCorpus } from "../../helpers/xss-corpus.ts";
import { demoPerson, signIn } from "../harness/app.ts";
import type { Flow } from "../harness/app.ts";
import { exactly, tEn } from "../harness/i18n.ts";

const slug = "sakura-denki";

interface HookWindow {
  __xssFired: string[];
}

/** Runs before every page script: any of these being called means a payload ran. */
async function installHook(page: Page, fired: string[]): Promise<void> {
  page.on("dialog", (dialog) => {
    fired.push(`dialog:${dialog.type()}:${dialog.message()}`);
    void dialog.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as HookWindow & Record<string, unknown>;
    w.__xssFired = [];
    for (const name of ["alert", "confirm", "prompt", "print"])
      w[name] = (...args: unknown[]) => {
        w.__xssFired.push(`${name}(${args.map(String).join(",")})`);
        return null;
      };
  });
}

/** What must not be inside rendered posts and messages. */
async function dangerousNodes(page: Page, container: string): Promise<string[]> {
  return page.locator(container).evaluateAll((roots) => {
    const found: string[] = [];
    for (const root of roots)
      for (const el of root.querySelectorAll("*")) {
        const tag = el.tagName.toLowerCase();
        if (["script", "iframe", "object", "embed", "form", "style", "link", "meta", "base"].includes(tag)) found.push(`<${tag}>`);
        if (tag === "img" && !(el.getAttribute("src") ?? "").startsWith("/api/")) found.push(`<img src=${el.getAttribute("src")}>`);
        for (const attr of el.getAttributeNames()) if (attr.startsWith("on")) found.push(`<${tag} ${attr}>`);
        const href = (el.getAttribute("href") ?? el.getAttribute("xlink:href") ?? "").trim().toLowerCase();
        if (/^(javascript|data|vbscript):/.test(href)) found.push(`<${tag} href=${href}>`);
      }
    return found;
  });
}

/**
 * The corpus in bodies of at most ~3,800 characters (a message takes 4,000), each between two
 * markers; a payload longer than that alone (a post takes 10,000; such bodies are posted only).
 */
function chunks(run: string): { body: string; message: boolean }[] {
  const groups: string[][] = [];
  let current: string[] = [];
  for (const payload of xssCorpus) {
    if (current.length > 0 && [...current, payload].join("\n\n").length > 3800) {
      groups.push(current);
      current = [];
    }
    current.push(payload);
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group, k) => {
    const body = `${run}-start-${k}\n\n${group.join("\n\n")}\n\n${run}-end-${k}`;
    return { body, message: body.length <= 4000 };
  });
}

export const xssFlows: Flow[] = [
  {
    name: `xss: ${xssCorpus.length} payloads as posts and direct messages render in Chromium without running, text kept`,
    async run({ open, checks }) {
      assert.ok(xssCorpus.length >= 100, "the corpus has at least 100 payloads");
      const author = demoPerson("misaki@example.com");
      const reader = demoPerson("jane@example.com");
      const run = `e2e-xss-${Date.now()}`;
      const bodies = chunks(run);

      // The author posts every chunk in 雑談ルーム and sends each to Jane, through the API.
      const page = await open("desktop");
      const fired: string[] = [];
      await installHook(page, fired);
      await signIn(page, author.email);
      const { roomId, conversationId } = await page.evaluate(
        async ({ slug, bodies, readerName }) => {
          const me = (await (await fetch("/api/me")).json()) as { csrfToken: string; networks: { id: string; slug: string }[] };
          const networkId = me.networks.find((n) => n.slug === slug)?.id;
          if (!networkId) throw new Error(`not a member of ${slug}`);
          const headers = { "content-type": "application/json", "x-csrf-token": me.csrfToken };
          const json = async (path: string, init?: RequestInit) => {
            const response = await fetch(`/api/networks/${networkId}${path}`, init);
            if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
            return response.json() as Promise<Record<string, unknown>>;
          };
          const rooms = (await json("/rooms")).items as { id: string; defaultKey: string | null }[];
          const casual = rooms.find((r) => r.defaultKey === "casual");
          if (!casual) throw new Error("no casual room");
          const members = (await json("/members?limit=100")).items as { id: string; displayName: string }[];
          const readerMember = members.find((m) => m.displayName === readerName);
          if (!readerMember) throw new Error(`no member ${readerName}`);
          const conversation = await json("/conversations/direct", {
            method: "POST",
            headers,
            body: JSON.stringify({ memberId: readerMember.id }),
          });
          for (const { body, message } of bodies) {
            await json(`/rooms/${casual.id}/posts`, { method: "POST", headers, body: JSON.stringify({ body }) });
            if (message)
              await json(`/conversations/${String(conversation.id)}/messages`, { method: "POST", headers, body: JSON.stringify({ body }) });
          }
          return { roomId: casual.id, conversationId: String(conversation.id) };
        },
        { slug, bodies, readerName: reader.name },
      );

      // Jane reads the room (every page of it) and the conversation.
      const reading = await open("desktop");
      await installHook(reading, fired);
      await signIn(reading, reader.email);
      await reading.goto(`/n/${slug}/rooms/${roomId}`);
      const lastChunk = bodies.length - 1;
      // Newest first: wait for the last chunk, then load older pages until the first one shows.
      await reading
        .getByRole("article")
        .filter({ hasText: `${run}-start-${lastChunk}` })
        .waitFor();
      const loadMore = reading.getByRole("button", { name: exactly(tEn("common.loadMore")) });
      for (let tries = 0; tries < 10; tries++) {
        if (
          (await reading
            .getByRole("article")
            .filter({ hasText: `${run}-start-0` })
            .count()) > 0
        )
          break;
        await loadMore.click();
      }
      for (let k = 0; k <= lastChunk; k++) {
        const post = reading.getByRole("article").filter({ hasText: `${run}-start-${k}` });
        await post.waitFor();
        assert.match((await post.textContent()) ?? "", new RegExp(`${run}-end-${k}`), `post ${k} keeps the text after its payloads`);
      }
      assert.deepEqual(await dangerousNodes(reading, "article"), [], "nothing executable in the rendered posts");
      await checks.check(reading, "xss-room");
      const inRoom = await reading.evaluate(() => (window as unknown as HookWindow).__xssFired);

      await reading.goto(`/n/${slug}/messages/${conversationId}`);
      for (let k = 0; k <= lastChunk; k++) {
        if (!bodies[k]?.message) continue;
        const message = reading.locator("[data-message-id]").filter({ hasText: `${run}-start-${k}` });
        await message.waitFor();
        assert.match((await message.textContent()) ?? "", new RegExp(`${run}-end-${k}`), `message ${k} keeps its text`);
      }
      assert.deepEqual(await dangerousNodes(reading, "[data-message-id]"), [], "nothing executable in the rendered messages");

      // Hover and focus every link and mark in the bodies: handlers would run now if any were there.
      for (const link of await reading.locator("[data-message-id] a").all()) await link.hover();
      const inPage = await reading.evaluate(() => (window as unknown as HookWindow).__xssFired);
      const inAuthorPage = await page.evaluate(() => (window as unknown as HookWindow).__xssFired);
      assert.deepEqual([...fired, ...inRoom, ...inPage, ...inAuthorPage], [], "no payload ran");
    },
  },
];
