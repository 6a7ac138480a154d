// Switch between 日本語 and English. Signed out it only remembers the choice in this browser;
// signed in, the caller passes onChange to save it on the account.
import { SegmentedControl, VisuallyHidden } from "@mantine/core";
import { useId } from "react";
import { locales } from "../../../shared/limits.ts";
import type { Locale } from "../../../shared/limits.ts";
import { useLocale, useT } from "../i18n/i18n.context.tsx";
import { isLocale } from "../i18n/locale.ts";

/** Language names are written in their own language, so each is readable by those who need it. */
export const localeNames: Record<Locale, string> = { ja: "日本語", en: "English" };

export function LanguageSwitch({ onChange, disabled }: { onChange?: (locale: Locale) => void; disabled?: boolean }) {
  const t = useT();
  const { locale, setLocale } = useLocale();
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId}>
      <VisuallyHidden id={labelId}>{t("language.label")}</VisuallyHidden>
      <SegmentedControl
        size="xs"
        radius="xl"
        value={locale}
        disabled={disabled}
        onChange={(value) => {
          if (!isLocale(value)) return;
          if (onChange) onChange(value);
          else setLocale(value);
        }}
        data={locales.map((value) => ({ value, label: <span lang={value}>{localeNames[value]}</span> }))}
      />
    </div>
  );
}
