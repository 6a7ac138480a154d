// Assertions shared by the HTTP suites: the one error shape, field messages, cookies.
import { expect } from "vitest";
import type { Result } from "./test-app.ts";

/** Asserts `{ error: { code, message } }` with the given status and code, and returns the error. */
export function expectError(res: Result, status: number, code: string) {
  expect({ status: res.status, code: res.body?.error?.code }, res.raw).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe("string");
  expect(res.body.error.message.length).toBeGreaterThan(0);
  return res.body.error as { code: string; message: string; fields?: Record<string, string> };
}

/** Asserts a 400 validation_failed naming `field` with a non-empty message; returns that message. */
export function expectFieldError(res: Result, field: string): string {
  const error = expectError(res, 400, "validation_failed");
  const message = error.fields?.[field];
  expect(typeof message, `no message for field "${field}" in ${res.raw}`).toBe("string");
  expect((message ?? "").length).toBeGreaterThan(0);
  return message ?? "";
}

const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
/** True when the text has hiragana, katakana or kanji in it. */
export const isJapanese = (text: string) => japanese.test(text);

export interface SetCookie {
  name: string;
  value: string;
  /** Attribute names in lower case mapped to their values ("" for flags such as HttpOnly). */
  attributes: Map<string, string>;
}

/** Parses the raw Set-Cookie headers of a response. */
export function setCookies(res: Pick<Result, "headers">): SetCookie[] {
  const raw = res.headers["set-cookie"];
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  return lines.map((line) => {
    const [pair = "", ...attrs] = line.split(";").map((s) => s.trim());
    const eq = pair.indexOf("=");
    return {
      name: pair.slice(0, eq),
      value: pair.slice(eq + 1),
      attributes: new Map(
        attrs.map((a) => {
          const i = a.indexOf("=");
          return i < 0 ? [a.toLowerCase(), ""] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
        }),
      ),
    };
  });
}

export function cookieNamed(res: Pick<Result, "headers">, name: string): SetCookie {
  const cookie = setCookies(res).find((c) => c.name === name);
  if (!cookie) throw new Error(`no Set-Cookie for ${name}: ${JSON.stringify(res.headers["set-cookie"])}`);
  return cookie;
}
