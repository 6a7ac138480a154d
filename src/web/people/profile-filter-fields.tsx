// The profile filters that the directory and member management both offer: join and leave years,
// industry, location, what members are open to. Each page keeps its own state (the directory's in
// the URL, member management's as typed), its own way of taking a year, its own layout and its own
// wording: `wording` names the dictionary, directory.* or manageMembers.*, which use the same keys.
import { Chip, Group, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import type { ComboboxData } from "@mantine/core";
import { Fragment } from "react";
import type { ReactNode } from "react";
import { countryCodes, industries, industryCodes, locationLabel, openToCodes, openToFlags, prefectures } from "../../shared/people.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";

export type FilterWording = "directory" | "manageMembers";

const yearKeys = ["joinFrom", "joinTo", "leaveFrom", "leaveTo"] as const;
export type YearFilterKey = (typeof yearKeys)[number];

/**
 * The four year fields, "from" and "to" side by side even on a phone. `children` renders one of
 * them with its label; `orderError` is set on a "to" year that comes before its "from" year.
 */
export function YearRangeFields({
  wording,
  reversed,
  children,
}: {
  wording: FilterWording;
  reversed: { join: boolean; leave: boolean };
  children: (key: YearFilterKey, label: string, orderError: boolean) => ReactNode;
}) {
  const t = useT();
  const orderError = { joinFrom: false, joinTo: reversed.join, leaveFrom: false, leaveTo: reversed.leave };
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" verticalSpacing="sm">
      {yearKeys.map((key) => (
        <Fragment key={key}>{children(key, t(`${wording}.${key}`), orderError[key])}</Fragment>
      ))}
    </SimpleGrid>
  );
}

interface FilterProps<T> {
  wording: FilterWording;
  value: T;
  onChange: (value: T) => void;
}

export function IndustryFilter({ wording, value, onChange }: FilterProps<string | null>) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Select
      label={t(`${wording}.industry`)}
      data={[
        { value: "", label: t(`${wording}.industryAll`) },
        ...industryCodes.map((code) => ({ value: code, label: industries[code][locale] })),
      ]}
      value={value ?? ""}
      onChange={(next) => onChange(next ? next : null)}
      allowDeselect={false}
    />
  );
}

function useLocationOptions(wording: FilterWording): ComboboxData {
  const t = useT();
  const { locale } = useLocale();
  const countries = countryCodes
    .map((code) => ({ value: code, label: locationLabel(code, locale) }))
    .sort((a, b) => a.label.localeCompare(b.label, locale));
  return [
    { value: "", label: t(`${wording}.locationAll`) },
    {
      group: t(`${wording}.locationPrefectures`),
      items: Object.keys(prefectures).map((code) => ({ value: code, label: locationLabel(code, locale) })),
    },
    { group: t(`${wording}.locationCountries`), items: countries },
  ];
}

export function LocationFilter({ wording, value, onChange }: FilterProps<string | null>) {
  const t = useT();
  const locations = useLocationOptions(wording);
  return (
    <Select
      label={t(`${wording}.location`)}
      data={locations}
      value={value ?? ""}
      onChange={(next) => onChange(next ? next : null)}
      allowDeselect={false}
      searchable
      nothingFoundMessage={t(`${wording}.locationNone`)}
    />
  );
}

/** What members are open to, as chips; the flags come back in their usual order, whatever order they were ticked in. */
export function OpenToFilter({ wording, value, onChange }: FilterProps<string[]>) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <Stack component="fieldset" gap={6} m={0} p={0} style={{ border: 0 }}>
      <Text component="legend" size="sm" fw={500} p={0} mb={6}>
        {t(`${wording}.openTo`)}
      </Text>
      <Chip.Group multiple value={value} onChange={(flags) => onChange(openToCodes.filter((code) => flags.includes(code)))}>
        <Group gap={6}>
          {openToCodes.map((code) => (
            <Chip key={code} value={code} size="sm" variant="outline">
              {openToFlags[code][locale]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}
