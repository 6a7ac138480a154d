// The fields of a new account made while joining (invitation sign-up, join request): name, email
// (fixed to the invited address for an invitation), password twice, language. Choosing the
// language also switches the page to it, as on first setup.
import { Group, Radio, TextInput } from "@mantine/core";
import { z } from "zod";
import { displayName, email, locale, password } from "../../shared/contract/common.ts";
import { limits, locales } from "../../shared/limits.ts";
import type { Locale } from "../../shared/limits.ts";
import type { GetInputPropsReturnType } from "../platform/forms.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { isLocale } from "../platform/i18n/locale.ts";
import { localeNames } from "../platform/shell/language-switch.tsx";
import { EmailField } from "../platform/ui/email-field.tsx";
import { NewPasswordField } from "../platform/ui/password-field.tsx";

export interface NewAccountValues {
  displayName: string;
  email: string;
  password: string;
  confirm: string;
  locale: Locale;
}

/** The same rules the server applies; add `passwordsMatch` as a refinement on the form's schema. */
export const newAccountShape = { displayName, email, password, confirm: z.string(), locale };

export function passwordsMatch(values: { password: string; confirm: string }): boolean {
  return values.password === values.confirm;
}

export function newAccountValues(name: string, address: string, current: Locale): NewAccountValues {
  return { displayName: name, email: address, password: "", confirm: "", locale: current };
}

export function NewAccountFields({
  inputProps,
  invitedEmail,
}: {
  inputProps: (field: keyof NewAccountValues) => GetInputPropsReturnType;
  /** An invitation fixes the address: shown, not editable. */
  invitedEmail?: string;
}) {
  const t = useT();
  const { setLocale } = useLocale();
  const languageProps = inputProps("locale");
  return (
    <>
      <TextInput
        label={t("fields.displayName")}
        description={t("join.account.displayNameHint")}
        autoComplete="name"
        required
        maxLength={limits.displayNameMax}
        {...inputProps("displayName")}
      />
      {invitedEmail === undefined ? (
        <EmailField description={t("join.account.emailHint")} {...inputProps("email")} />
      ) : (
        <EmailField value={invitedEmail} readOnly description={t("join.account.invitedEmailHint")} />
      )}
      <NewPasswordField label={t("fields.password")} {...inputProps("password")} />
      <NewPasswordField confirm label={t("join.account.confirmPassword")} {...inputProps("confirm")} />
      <Radio.Group
        label={t("fields.language")}
        value={languageProps.value as string}
        error={languageProps.error as string | undefined}
        onChange={(value) => {
          if (!isLocale(value)) return;
          (languageProps.onChange as (value: Locale) => void)(value);
          setLocale(value);
        }}
      >
        <Group mt="xs">
          {locales.map((value) => (
            <Radio key={value} value={value} label={<span lang={value}>{localeNames[value]}</span>} />
          ))}
        </Group>
      </Radio.Group>
    </>
  );
}
