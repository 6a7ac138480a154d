// Account settings › profile: display name, language and time zone.
import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import type { ComboboxParsedItem, OptionsFilter } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMemo } from "react";
import { accounts } from "../../shared/contract/index.ts";
import type { Account } from "../../shared/contract/accounts.ts";
import { limits, locales } from "../../shared/limits.ts";
import type { Locale } from "../../shared/limits.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { translatorFor, useT } from "../platform/i18n/i18n.context.tsx";
import { localeNames } from "../platform/shell/language-switch.tsx";
import { timeZones } from "../platform/time-zones.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { useUpdateMe } from "./use-update-me.ts";

/** Match "new york", "New_York" and "america/new" alike. */
const filterZones: OptionsFilter = ({ options, search, limit }) => {
  const needle = search.toLowerCase().replaceAll("_", " ").trim();
  const result: ComboboxParsedItem[] = [];
  for (const option of options) {
    if (!("value" in option)) continue;
    if (String(option.value).toLowerCase().replaceAll("_", " ").includes(needle)) result.push(option);
    if (result.length >= limit) break;
  }
  return result;
};

interface ProfileValues {
  displayName: string;
  locale: Locale;
  timeZone: string;
}

export function ProfileSection({ account }: { account: Account }) {
  const t = useT();
  const notify = useNotify();
  const updateMe = useUpdateMe();
  const zones = useMemo(
    () => timeZones(account.timeZone).map((zone) => ({ value: zone, label: zone.replaceAll("_", " ") })),
    [account.timeZone],
  );
  const form = useForm<ProfileValues>({
    initialValues: { displayName: account.displayName, locale: account.locale, timeZone: account.timeZone },
    validate: zodValidate(bodySchema(accounts.updateMe), t),
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) =>
          updateMe.mutate(values, {
            onSuccess: (saved) => {
              form.resetDirty(values);
              // Said in the language just chosen: the page switches with the account.
              notify.success(translatorFor(saved.locale)("profile.saved"));
            },
            onError: (error) => applyServerErrors(form, error),
          }),
        focusFirstError,
      )}
    >
      <Stack gap="md">
        <TextInput
          label={t("fields.displayName")}
          description={t("profile.displayNameHint")}
          required
          maxLength={limits.displayNameMax}
          autoComplete="name"
          {...form.getInputProps("displayName")}
        />
        <Select
          label={t("fields.language")}
          data={locales.map((value) => ({ value, label: localeNames[value] }))}
          {...form.getInputProps("locale")}
        />
        <Select
          label={t("fields.timeZone")}
          description={t("profile.timeZoneHint")}
          searchable
          limit={50}
          filter={filterZones}
          // Typing replaces the current zone instead of appending to it.
          onFocus={(event) => event.currentTarget.select()}
          onClick={(event) => event.currentTarget.select()}
          data={zones}
          {...form.getInputProps("timeZone")}
        />
        <FormError error={updateMe.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={updateMe.isPending} disabled={!form.isDirty()}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
