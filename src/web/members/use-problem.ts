// What went wrong, in the server's own words when it gave them: a 400's per-field texts (already in
// the UI language, e.g. "already invited" or "this is an Excel file"), a 4xx message the generic
// dictionary has no entry for, else the app's usual sentence for the error code.
import { notifications } from "@mantine/notifications";
import { useCallback, useMemo } from "react";
import { isApiError } from "../platform/api.ts";
import { useErrorMessage } from "../platform/hooks/use-error-message.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

/** Codes whose generic sentence says more than the server's message (or that the client makes up). */
const genericCodes = new Set(["network_error", "rate_limited", "csrf_failed", "unauthenticated", "http_error", "bad_response"]);

export function useProblemMessage(): (error: unknown) => string {
  const errorMessage = useErrorMessage();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return errorMessage(error);
      const fieldTexts = [...new Set(Object.values(error.fields))];
      if (fieldTexts.length > 0) return fieldTexts.join(" ");
      if (error.status >= 400 && error.status < 500 && !genericCodes.has(error.code) && error.message) return error.message;
      return errorMessage(error);
    },
    [errorMessage],
  );
}

/** A red toast with the problem, for actions started from a list (resend, revoke, approve…). */
export function useProblemNotice(): (error: unknown) => void {
  const t = useT();
  const problem = useProblemMessage();
  return useMemo(
    () => (error: unknown) => {
      notifications.show({
        color: "red",
        title: t("common.errorTitle"),
        message: problem(error),
        closeButtonProps: { "aria-label": t("common.close") },
        autoClose: 8000,
      });
    },
    [t, problem],
  );
}

/** Whether a 400 put its message on one of the fields a form shows (else the form shows an alert). */
export function isOnFields(error: unknown, shown: readonly string[]): boolean {
  return isApiError(error) && Object.keys(error.fields).some((key) => shown.includes(key));
}
