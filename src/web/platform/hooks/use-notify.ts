// Toasts for finished actions, with the close button named in the UI language.
import { notifications } from "@mantine/notifications";
import { useMemo } from "react";
import { useT } from "../i18n/i18n.context.tsx";
import { useErrorMessage } from "./use-error-message.ts";

export function useNotify() {
  const t = useT();
  const errorMessage = useErrorMessage();
  return useMemo(() => {
    const closeButtonProps = { "aria-label": t("common.close") };
    return {
      success: (message: string, title?: string) => notifications.show({ color: "green", title, message, closeButtonProps }),
      error: (error: unknown) =>
        notifications.show({
          color: "red",
          title: t("common.errorTitle"),
          message: errorMessage(error),
          closeButtonProps,
          autoClose: 8000,
        }),
    };
  }, [t, errorMessage]);
}
