// PasswordInput with its show/hide button named in the UI language.
import { PasswordInput } from "@mantine/core";
import type { PasswordInputProps } from "@mantine/core";
import { limits } from "../../../shared/limits.ts";
import { useT } from "../i18n/i18n.context.tsx";

export function PasswordField(props: PasswordInputProps) {
  const t = useT();
  return <PasswordInput {...props} visibilityToggleButtonProps={{ "aria-label": t("common.showPassword") }} />;
}

/**
 * A field for choosing a password (or repeating it, with `confirm`): the server's length
 * limits, the hint on the first field, and autofill that offers to generate one.
 */
export function NewPasswordField({ confirm = false, ...props }: Omit<PasswordInputProps, "required"> & { confirm?: boolean }) {
  const t = useT();
  return (
    <PasswordField
      {...(confirm ? {} : { description: t("fields.passwordHint", { min: limits.passwordMin }) })}
      autoComplete="new-password"
      required
      maxLength={limits.passwordMax}
      {...props}
    />
  );
}
