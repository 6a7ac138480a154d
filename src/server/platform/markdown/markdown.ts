// Markdown → HTML for posts and comments, rendered once when they are written (stored as
// body_html). A small hand-written subset rather than a full CommonMark library: every piece of
// the output is built here from escaped text and a handful of fixed tags, so there is no HTML
// pass-through to sanitise away. `isAllowedHtml` then checks the result against the allow-list
// anyway (defence in depth); a render that fails it is replaced by the escaped source.
//
// The subset: paragraphs (a newline inside one is a line break: Japanese text is written that
// way), **bold**, *italic*, `code`, ``` fenced code blocks, lists (- * + and 1.), > quotes,
// [links](https://…) and <https://…> / bare http(s) autolinks, backslash escapes. Links take
// http, https and mailto only and open in a new tab with rel="noopener noreferrer nofollow".
// Not supported (shown as typed): raw HTML (escaped), images, headings, tables, _underscore_
// emphasis (so snake_case stays intact), nested lists.
//
// Mentions: the caller passes the members a text mentions (resolved by the mentions feature from
// the ids the composer sent); each `@表示名` of one of them, outside code and links, becomes
// <span class="mention" data-member-id="…">@表示名</span>. Source text stays as typed.

const maxQuoteDepth = 4;
const maxInlineDepth = 8;

export interface Mention {
  memberId: string;
  displayName: string;
}

// The mentions of the render in progress (renderMarkdown is synchronous), longest name first so
// that @山田 花子 wins over @山田.
let activeMentions: readonly Mention[] = [];

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function mentionAt(rest: string): Mention | null {
  for (const mention of activeMentions) if (rest.startsWith(`@${mention.displayName}`)) return mention;
  return null;
}

const allowedProtocols = new Set(["http:", "https:", "mailto:"]);
const linkAttributes = 'rel="noopener noreferrer nofollow" target="_blank"';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

/**
 * The source as stored: newlines normalised, control characters other than tab and newline
 * dropped (PostgreSQL text cannot hold NUL), lone surrogates replaced. Render and store this.
 */
export function cleanMarkdownSource(source: string): string {
  return (
    source
      .replace(/\r\n?/g, "\n")
      // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "")
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
  );
}

/** The href of a link, or null when it is not an absolute http(s) or mailto URL. */
export function safeHref(raw: string): string | null {
  const candidate = raw.trim();
  if (candidate === "" || /[\s<>"'`\\]/.test(candidate)) return null;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return null;
  }
  if (!allowedProtocols.has(url.protocol)) return null;
  // URL parsing drops tabs and newlines ("java\tscript:"): the scheme as typed must be the parsed one.
  if (!candidate.toLowerCase().startsWith(url.protocol)) return null;
  if (url.protocol !== "mailto:" && url.hostname === "") return null;
  return url.href;
}

const link = (href: string, inner: string) => `<a href="${escapeHtml(href)}" ${linkAttributes}>${inner}</a>`;

// --- inline ---

const urlChars = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/;

/** A bare http(s) URL at the start of `text`: its length and href, without trailing punctuation. */
function bareUrl(text: string): { length: number; href: string } | null {
  if (!/^https?:\/\//i.test(text)) return null;
  const match = urlChars.exec(text);
  if (!match) return null;
  let url = match[0];
  for (;;) {
    const last = url.at(-1) ?? "";
    if (".,;:!?'*".includes(last)) url = url.slice(0, -1);
    else if (last === ")" && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    else break;
  }
  const href = safeHref(url);
  return href && url.length > "https://".length - 1 ? { length: url.length, href } : null;
}

/** The closing `]` of a link text starting after `open`, respecting nesting and escapes. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "[") depth++;
    else if (c === "]") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

function renderInline(text: string, depth = 0, inLink = false): string {
  if (depth > maxInlineDepth) return escapeHtml(text);
  let out = "";
  let plain = "";
  const flush = () => {
    out += escapeHtml(plain);
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    const rest = text.slice(i);
    // backslash escape of ASCII punctuation
    if (c === "\\" && i + 1 < text.length && /[!-/:-@[-`{-~]/.test(text[i + 1] ?? "")) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(rest)?.[0] ?? "`";
      const end = text.indexOf(run, i + run.length);
      if (end > i) {
        flush();
        const code = text.slice(i + run.length, end);
        out += `<code>${escapeHtml(code.length > 2 && code.startsWith(" ") && code.endsWith(" ") ? code.slice(1, -1) : code)}</code>`;
        i = end + run.length;
        continue;
      }
      plain += run;
      i += run.length;
      continue;
    }
    if (c === "<" && !inLink) {
      const auto = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>/.exec(rest);
      const href = auto ? safeHref(auto[1] ?? "") : null;
      if (auto && href) {
        flush();
        out += link(href, escapeHtml(auto[1] ?? ""));
        i += auto[0].length;
        continue;
      }
    }
    if (c === "[" && !inLink) {
      const close = closingBracket(text, i + 1);
      if (close > i && text[close + 1] === "(") {
        const target = /^\(([^\s()]*(?:\([^\s()]*\)[^\s()]*)*)\)/.exec(text.slice(close + 1));
        const href = target ? safeHref(target[1] ?? "") : null;
        if (target && href) {
          flush();
          out += link(href, renderInline(text.slice(i + 1, close), depth + 1, true));
          i = close + 1 + target[0].length;
          continue;
        }
      }
    }
    if ((c === "h" || c === "H") && !inLink && !/[A-Za-z0-9]$/.test(plain)) {
      const url = bareUrl(rest);
      if (url) {
        flush();
        out += link(url.href, escapeHtml(rest.slice(0, url.length)));
        i += url.length;
        continue;
      }
    }
    if (c === "@" && !inLink && activeMentions.length > 0 && !/[A-Za-z0-9._%+-]$/.test(plain)) {
      const mention = mentionAt(rest);
      if (mention) {
        flush();
        out += `<span class="mention" data-member-id="${mention.memberId}">${escapeHtml(`@${mention.displayName}`)}</span>`;
        i += mention.displayName.length + 1;
        continue;
      }
    }
    if (c === "*") {
      const strong = rest.startsWith("**");
      const marker = strong ? "**" : "*";
      const start = i + marker.length;
      if (text[start] !== undefined && !/\s/.test(text[start] ?? "")) {
        let end = text.indexOf(marker, start + 1);
        // for *italic*, skip a ** inside it
        while (!strong && end !== -1 && text[end + 1] === "*") end = text.indexOf(marker, end + 2);
        if (end > start && !/\s/.test(text[end - 1] ?? "")) {
          flush();
          const tag = strong ? "strong" : "em";
          out += `<${tag}>${renderInline(text.slice(start, end), depth + 1, inLink)}</${tag}>`;
          i = end + marker.length;
          continue;
        }
      }
      plain += marker;
      i += marker.length;
      continue;
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/** Lines of a paragraph or list item: inline Markdown, newlines as <br>. */
const renderLines = (lines: string[]) => lines.map((l) => renderInline(l.trim())).join("<br>");

// --- blocks ---

const fence = /^ {0,3}(`{3,}|~{3,})/;
const bullet = /^ {0,3}[-*+][ \t]+(.*)$/;
const ordered = /^ {0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const quote = /^ {0,3}>[ ]?(.*)$/;
const blank = (line: string) => line.trim() === "";

function renderBlocks(lines: string[], depth: number): string {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (blank(line)) {
      i++;
      continue;
    }
    const open = fence.exec(line);
    if (open) {
      const marker = open[1] ?? "```";
      const code: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] ?? "").trimStart().startsWith(marker)) code.push(lines[i++] ?? "");
      i++; // the closing fence (or the end)
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    if (quote.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !blank(lines[i] ?? "") && quote.test(lines[i] ?? "")) inner.push(quote.exec(lines[i++] ?? "")?.[1] ?? "");
      out.push(
        depth < maxQuoteDepth
          ? `<blockquote>${renderBlocks(inner, depth + 1)}</blockquote>`
          : `<blockquote><p>${renderLines(inner)}</p></blockquote>`,
      );
      continue;
    }
    const kind = bullet.test(line) ? "ul" : ordered.test(line) ? "ol" : null;
    if (kind) {
      const pattern = kind === "ul" ? bullet : ordered;
      const items: string[][] = [];
      const start = kind === "ol" ? Number(ordered.exec(line)?.[1] ?? "1") : 1;
      while (i < lines.length) {
        const current = lines[i] ?? "";
        const item = pattern.exec(current);
        if (item) {
          items.push([(kind === "ul" ? item[1] : item[2]) ?? ""]);
          i++;
        } else if (!blank(current) && /^\s{2,}\S/.test(current) && items.length > 0) {
          items.at(-1)?.push(current);
          i++;
        } else break;
      }
      const startAttribute = kind === "ol" && start !== 1 ? ` start="${start}"` : "";
      out.push(`<${kind}${startAttribute}>${items.map((item) => `<li>${renderLines(item)}</li>`).join("")}</${kind}>`);
      continue;
    }
    const paragraph: string[] = [];
    while (i < lines.length) {
      const current = lines[i] ?? "";
      if (blank(current) || fence.test(current) || quote.test(current) || bullet.test(current) || ordered.test(current)) break;
      paragraph.push(current);
      i++;
    }
    out.push(`<p>${renderLines(paragraph)}</p>`);
  }
  return out.join("");
}

/** Renders Markdown source to HTML that passes `isAllowedHtml` (or, should it not, the escaped source). */
export function renderMarkdown(source: string, mentions: readonly Mention[] = []): string {
  activeMentions = mentions
    .filter((m) => uuidPattern.test(m.memberId) && m.displayName.length > 0)
    .toSorted((a, b) => b.displayName.length - a.displayName.length);
  let html: string;
  try {
    html = renderBlocks(cleanMarkdownSource(source).split("\n"), 0);
  } finally {
    activeMentions = [];
  }
  if (isAllowedHtml(html)) return html;
  return `<p>${escapeHtml(cleanMarkdownSource(source)).replace(/\n/g, "<br>")}</p>`;
}

// --- the allow-list ---

const allowedTag =
  /^<(?:\/?(?:p|strong|em|code|pre|ul|li|blockquote)|br|ol(?: start="\d{1,9}")?|\/ol|a href="(?:https?:|mailto:)[^"<>\s]*" rel="noopener noreferrer nofollow" target="_blank"|\/a|span class="mention" data-member-id="[0-9a-f-]{36}"|\/span)>$/;

/** The members a rendered body mentions, in order of first mention. */
export function mentionedMemberIds(html: string): string[] {
  return [...new Set([...html.matchAll(/<span class="mention" data-member-id="([0-9a-f-]{36})">/g)].map((m) => m[1] ?? ""))];
}

/**
 * True when every tag of `html` is one of the allow-list, exactly as this module writes it
 * (attributes only on <a href> and <ol start>, hrefs http(s)/mailto), and no `<` or `>` stands
 * outside a tag, and every & starts an entity.
 */
export function isAllowedHtml(html: string): boolean {
  for (const match of html.matchAll(/<[^<>]*>|[<>]/g)) if (!allowedTag.test(match[0])) return false;
  return !/&(?!(?:amp|lt|gt|quot|#39);)/.test(html.replace(/<a href="[^"]*"/g, ""));
}
