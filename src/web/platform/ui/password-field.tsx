// PasswordInput with its show/hide button named in the UI language.
import { PasswordInput } from "@mantine/core";
import type { PasswordInputProps } from "@mantine/core";
import { useT } from "../i18n/i18n.context.tsx";

export function PasswordField(props: PasswordInputProps) {
  const t = useT();
  return <PasswordInput {...props} visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }} />;
}
