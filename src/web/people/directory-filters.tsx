// The directory's filters: role, join and leave years (typed, four digits), department, industry,
// location, what members are open to, supporters only. Each change goes to the URL at once (a
// year once it is a whole year, the department once typing pauses). The server filters only by
// what the viewer may see, so a member who hid a field is simply not found by it. The profile
// fields are shared with member management (profile-filter-fields.tsx).
import { Button, Checkbox, Group, Paper, Select, SimpleGrid, Stack } from "@mantine/core";
import { useState } from "react";
import { profileLimits } from "../../shared/people.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { TextFilter } from "./directory-text-filter.tsx";
import { countFilters, directoryRoles, emptyDirectoryState, parseYear } from "./directory-url.ts";
import type { DirectoryRole, DirectoryState } from "./directory-url.ts";
import { IndustryFilter, LocationFilter, OpenToFilter, YearRangeFields } from "./profile-filter-fields.tsx";
import { YearTextInput } from "./profile-year-input.tsx";

export type DirectoryUpdate = (patch: Partial<DirectoryState>, options?: { replace?: boolean }) => void;

function YearFilter({
  label,
  value,
  onCommit,
  orderError,
}: {
  label: string;
  value: number | null;
  onCommit: (year: number | null) => void;
  orderError: boolean;
}) {
  const t = useT();
  const committed = value === null ? "" : String(value);
  const [draft, setDraft] = useState(committed);
  const [seen, setSeen] = useState(committed);
  if (committed !== seen) {
    setSeen(committed);
    setDraft(committed);
  }
  const invalid = draft.length === 4 && parseYear(draft) === null;
  return (
    <YearTextInput
      label={label}
      placeholder={t("directory.yearPlaceholder")}
      value={draft}
      onChange={(next) => {
        setDraft(next);
        // A year is a filter once it is whole; emptying the field removes it.
        if (next === "") onCommit(null);
        else if (parseYear(next) !== null) onCommit(parseYear(next));
      }}
      onBlur={() => {
        if (draft !== "" && parseYear(draft) === null && draft.length < 4) setDraft(committed);
      }}
      error={invalid ? t("directory.yearInvalid") : orderError ? t("directory.yearsOrder") : null}
    />
  );
}

export function DirectoryFilters({ state, update, id }: { state: DirectoryState; update: DirectoryUpdate; id: string }) {
  const t = useT();
  const reversed = (from: number | null, to: number | null) => from !== null && to !== null && from > to;
  const clear = () => {
    const { q, sort } = state;
    update({ ...emptyDirectoryState, q, sort });
  };
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md" id={id} role="group" aria-label={t("directory.filtersLabel")}>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="sm">
          <Select
            label={t("directory.role")}
            data={[
              { value: "", label: t("directory.roleAll") },
              ...directoryRoles.map((role) => ({ value: role, label: t(`directory.role.${role}`) })),
            ]}
            value={state.role ?? ""}
            onChange={(value) =>
              update({ role: (directoryRoles as readonly string[]).includes(value ?? "") ? (value as DirectoryRole) : null })
            }
            allowDeselect={false}
          />
          <TextFilter
            label={t("directory.department")}
            placeholder={t("directory.departmentPlaceholder")}
            maxLength={profileLimits.departmentMax}
            value={state.department}
            onCommit={(department) => update({ department }, { replace: state.department !== "" && department !== "" })}
          />
          <IndustryFilter wording="directory" value={state.industry} onChange={(industry) => update({ industry })} />
          <LocationFilter wording="directory" value={state.location} onChange={(location) => update({ location })} />
        </SimpleGrid>
        <YearRangeFields
          wording="directory"
          reversed={{ join: reversed(state.joinFrom, state.joinTo), leave: reversed(state.leaveFrom, state.leaveTo) }}
        >
          {(key, label, orderError) => (
            <YearFilter label={label} value={state[key]} onCommit={(year) => update({ [key]: year })} orderError={orderError} />
          )}
        </YearRangeFields>
        <OpenToFilter wording="directory" value={state.openTo} onChange={(openTo) => update({ openTo })} />
        <Group justify="space-between" gap="sm">
          <Checkbox
            label={t("directory.supporterOnly")}
            checked={state.supporter}
            onChange={(event) => update({ supporter: event.currentTarget.checked })}
          />
          {countFilters(state) > 0 && (
            <Button variant="subtle" size="compact-sm" onClick={clear}>
              {t("directory.clearFilters")}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
