// The profile forms checked with the contract's own schemas, worded for these fields: years
// (1900–2100, "from" before "to"), web addresses, lists with a maximum. Errors land on the field
// that shows them — a tag list's error on the tag input, not on its n-th tag — whether the browser
// or the server found them.
import type { z } from "zod";
import { isApiError } from "../platform/api.ts";
import { focusFirstError, type FormErrors } from "../platform/forms.ts";
import type { Translate } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";

/** The keys the contract's refinements name (params.key), and what they say here. */
const customMessages: Record<string, MessageKey> = {
  years_order: "profile.error.yearsOrder",
  url_format: "profile.error.url",
};

/** Tag-like fields: one input for the whole list. */
const wholeListFields = new Set(["skills", "interests", "languages", "openTo"]);

/** The form path that shows an error found at `path` ("skills.3" → "skills"). */
export function fieldPath(path: string): string {
  const [head] = path.split(".");
  return head !== undefined && wholeListFields.has(head) ? head : path;
}

function messageFor(issue: z.core.$ZodIssue, t: Translate): string {
  if (issue.code === "custom") {
    const key = (issue.params as { key?: string } | undefined)?.key;
    const message = key ? customMessages[key] : undefined;
    return message ? t(message) : t("validation.invalid");
  }
  if (issue.code === "too_small" || issue.code === "too_big") {
    if (issue.origin === "number") return t("profile.error.year");
    if (issue.origin === "array") return t("profile.error.tooMany", { max: Number(issue.code === "too_big" ? issue.maximum : 0) });
    if (issue.code === "too_small") return t("validation.required");
    return t("validation.tooLong", { max: Number(issue.maximum) });
  }
  if (issue.code === "invalid_type" && issue.expected === "number") return t("profile.error.year");
  return t("validation.invalid");
}

/** Errors of `body` (the request the form would send) against the endpoint's body schema. */
export function validateBody(schema: z.ZodType, body: unknown, t: Translate): FormErrors {
  const result = schema.safeParse(body);
  if (result.success) return {};
  const errors: FormErrors = {};
  for (const issue of result.error.issues) {
    const path = fieldPath(issue.path.map(String).join("."));
    if (!(path in errors)) errors[path] = messageFor(issue, t);
  }
  return errors;
}

/** A 400's per-field messages (already in the UI language) put on the fields. True when there were any. */
export function applyFieldErrors(form: { setErrors: (errors: FormErrors) => void }, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const errors: FormErrors = {};
  for (const [path, message] of Object.entries(error.fields)) errors[fieldPath(path)] ??= message;
  if (Object.keys(errors).length === 0) return false;
  form.setErrors(errors);
  focusFirstError(errors);
  return true;
}

/** A 400 about fields is shown on them; anything else above the save button. */
export const hasFieldErrors = (error: unknown) => isApiError(error) && Object.keys(error.fields).length > 0;

/** A number input's value as the contract wants it: a whole year, or null when empty. */
export const yearOrNull = (value: number | string | null | undefined): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : typeof value === "string" && /^\d+$/.test(value) ? Number(value) : null;
