// The server's answers to a join, shown where they belong: a field's message on that field, the
// rest (already a member, request waiting, invitation only, …) above the submit button in the
// server's own words, which it has already put in the UI language.
import { Alert, Stack } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { isApiError } from "../platform/api.ts";
import type { FormErrors } from "../platform/forms.ts";
import { focusFirstError } from "../platform/forms.ts";
import { useErrorMessage } from "../platform/hooks/use-error-message.ts";

/** Codes whose message from the server says more than the generic one of the dictionary. */
const worded = new Set([
  "conflict",
  "invitation_expired",
  "invitation_revoked",
  "invitation_used",
  "invitation_other_network",
  "terms_changed",
]);

/** Which form path a server field key means: itself, or a nested field ending in it ("email" → "account.email"). */
function pathFor(key: string, paths: readonly string[]): string | undefined {
  return paths.find((path) => path === key) ?? paths.find((path) => path.endsWith(`.${key}`));
}

/** Put the server's field messages on the form's fields (those it has) and focus the first. */
export function placeServerErrors(form: { setErrors: (errors: FormErrors) => void }, error: unknown, paths: readonly string[]): void {
  if (!isApiError(error)) return;
  const placed: FormErrors = {};
  for (const [key, text] of Object.entries(error.fields)) {
    const path = pathFor(key, paths);
    if (path) placed[path] = text;
  }
  if (Object.keys(placed).length === 0) return;
  form.setErrors(placed);
  focusFirstError(placed);
}

/** The server's field messages that no field of this form shows (already a member, last admin, …). */
export function unplacedMessages(error: unknown, paths: readonly string[]): string[] {
  if (!isApiError(error)) return [];
  return Object.entries(error.fields)
    .filter(([key]) => pathFor(key, paths) === undefined)
    .map(([, text]) => text);
}

/**
 * The error of a join form that no field shows, with an optional friendlier explanation and a way
 * on (`children`). Nothing when every message already sits on its field.
 */
export function JoinFormError({ error, paths, children }: { error: unknown; paths: readonly string[]; children?: ReactNode }) {
  const message = useErrorMessage();
  if (!error) return null;
  let texts: string[];
  if (isApiError(error) && Object.keys(error.fields).length > 0) {
    texts = unplacedMessages(error, paths);
    if (texts.length === 0) return null;
  } else if (isApiError(error) && worded.has(error.code) && error.message) {
    texts = [error.message];
  } else {
    texts = [message(error)];
  }
  return (
    <Alert variant="light" color="red" icon={<IconAlertCircle aria-hidden />} role="alert">
      <Stack gap="xs" align="flex-start">
        {texts.map((text) => (
          <span key={text}>{text}</span>
        ))}
        {children}
      </Stack>
    </Alert>
  );
}
