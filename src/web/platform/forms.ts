// Mantine form ⇄ the contract's zod schemas: the same rules the server applies, with messages in
// the UI language, and the server's per-field errors shown on the fields they belong to.
import type { useForm } from "@mantine/form";
import type { ReactNode } from "react";
import type { z } from "zod";
import type { Endpoint } from "../../shared/contract/index.ts";
import { isApiError } from "./api.ts";
import type { Translate } from "./i18n/i18n.context.tsx";
import type { MessageKey } from "./i18n/ja.ts";

type Issue = z.core.$ZodIssue;
/** Mantine's FormErrors (its type is not exported under nodenext resolution). */
export type FormErrors = Record<string, ReactNode>;

/** The body schema an endpoint declares, for forms that submit to it. */
export function bodySchema<B extends z.ZodType>(endpoint: Endpoint<z.ZodType, z.ZodType, B, z.ZodType>): B {
  if (!endpoint.body) throw new Error(`${endpoint.id} has no body schema`);
  return endpoint.body;
}

function valueAt(values: unknown, path: PropertyKey[]): unknown {
  let current = values;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function messageFor(issue: Issue, value: unknown, t: Translate): string {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) return t("validation.required");
  switch (issue.code) {
    case "too_small":
      return t("validation.tooShort", { min: Number(issue.minimum) });
    case "too_big":
      return t("validation.tooLong", { max: Number(issue.maximum) });
    case "invalid_format":
      return t(issue.format === "email" ? "validation.email" : "validation.format");
    default:
      return t("validation.invalid");
  }
}

/**
 * A Mantine `validate` function from a zod schema. `overrides` replaces the message for a field
 * (e.g. the slug pattern, or "passwords do not match" from a refinement).
 */
export function zodValidate<T>(schema: z.ZodType, t: Translate, overrides: Partial<Record<string, MessageKey>> = {}) {
  return (values: T): FormErrors => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: FormErrors = {};
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join(".");
      if (path in errors) continue;
      const value = valueAt(values, issue.path);
      const override = overrides[path];
      const empty = value === undefined || value === null || (typeof value === "string" && value.trim() === "");
      errors[path] = override && !empty ? t(override) : messageFor(issue, value, t);
    }
    return errors;
  };
}

/** Put a 400's `fields` on the form. Returns true when the error was about fields. */
export function applyServerErrors(form: { setErrors: (errors: FormErrors) => void }, error: unknown): boolean {
  if (!isApiError(error)) return false;
  const entries = Object.entries(error.fields);
  if (entries.length === 0) return false;
  const errors = Object.fromEntries(entries);
  form.setErrors(errors);
  focusFirstError(errors);
  return true;
}

type AnyForm = ReturnType<typeof useForm>;
/** What Mantine's getInputProps returns (its type is not exported under nodenext resolution). */
export type GetInputPropsReturnType = ReturnType<AnyForm["getInputProps"]>;

/** Move focus to the first field with an error, so keyboard and screen reader users land on it. */
export function focusFirstError(errors: FormErrors): void {
  const first = Object.keys(errors)[0];
  if (!first) return;
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-path="${CSS.escape(first)}"]`)?.focus());
}
