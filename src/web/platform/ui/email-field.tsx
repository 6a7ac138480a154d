// The email address input of every form that asks for one: type, keyboard, autofill, limit.
import { TextInput, type TextInputProps } from "@mantine/core";
import { limits } from "../../../shared/limits.ts";
import { useT } from "../i18n/i18n.context.tsx";

export function EmailField(props: Omit<TextInputProps, "type" | "label">) {
  const t = useT();
  return (
    <TextInput
      label={t("fields.email")}
      type="email"
      autoComplete="email"
      inputMode="email"
      required
      maxLength={limits.emailMax}
      {...props}
    />
  );
}
