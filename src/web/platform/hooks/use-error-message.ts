// Turns anything a request can throw into one sentence in the UI language.
import { useCallback } from "react";
import { isApiError } from "../api.ts";
import { useT } from "../i18n/i18n.context.tsx";
import type { MessageKey } from "../i18n/ja.ts";

const byCode: Partial<Record<string, MessageKey>> = {
  network_error: "errors.network",
  validation_failed: "errors.validation",
  invalid_credentials: "errors.invalidCredentials",
  invalid_token: "errors.invalidToken",
  forbidden: "errors.forbidden",
  not_found: "errors.notFound",
  payload_too_large: "errors.payloadTooLarge",
  unsupported_media_type: "errors.unsupportedMediaType",
  csrf_failed: "errors.csrf",
  unauthenticated: "errors.unauthenticated",
};

const serverWorded = new Set(["invitation_expired", "invitation_revoked", "invitation_used", "invitation_other_network", "terms_changed"]);

export function useErrorMessage(): (error: unknown) => string {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      if (!isApiError(error)) return t("errors.generic");
      if (error.code === "rate_limited") {
        return error.retryAfter !== null ? t("errors.rateLimited", { seconds: error.retryAfter }) : t("errors.rateLimitedSoon");
      }
      // A conflict's message names what clashes (e.g. the slug); the server already localised it.
      if (error.code === "conflict") return error.message || t("errors.conflict");
      // Errors of one feature (an invitation's state, changed terms) come with the server's own sentence.
      if (serverWorded.has(error.code) && error.message) return error.message;
      const key = byCode[error.code];
      return key ? t(key) : t("errors.generic");
    },
    [t],
  );
}
