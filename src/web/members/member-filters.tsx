// The filters above the managed-members list: search by name, reading or email, role, status and
// supporters at hand; the directory's profile filters (join and leave years, department, industry,
// location, open to) one click away. The server reads them at the admins' level: a field a member
// keeps to themself finds nobody. Years are typed (four digits) rather than picked from a 200-entry list.
// The profile fields are the directory's (people/profile-filter-fields.tsx), in this page's wording.
import { Badge, Button, Collapse, Group, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconAdjustmentsHorizontal, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { memberRoles, memberStatuses } from "../../shared/limits.ts";
import type { MemberRole, MemberStatus } from "../../shared/limits.ts";
import { profileLimits } from "../../shared/people.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { parseYear } from "../people/directory-url.ts";
import { IndustryFilter, LocationFilter, OpenToFilter, YearRangeFields } from "../people/profile-filter-fields.tsx";
import { YearTextInput } from "../people/profile-year-input.tsx";

export interface MemberFilterValues {
  search: string;
  role: MemberRole | null;
  status: MemberStatus | null;
  supporter: "yes" | "no" | null;
  joinFrom: string;
  joinTo: string;
  leaveFrom: string;
  leaveTo: string;
  department: string;
  industry: string | null;
  location: string | null;
  openTo: string[];
}

export const emptyMemberFilters: MemberFilterValues = {
  search: "",
  role: null,
  status: null,
  supporter: null,
  joinFrom: "",
  joinTo: "",
  leaveFrom: "",
  leaveTo: "",
  department: "",
  industry: null,
  location: null,
  openTo: [],
};

const reversed = (from: string, to: string) => {
  const [a, b] = [parseYear(from), parseYear(to)];
  return a !== null && b !== null && a > b;
};

/** A year for the API; undefined while the field is empty or still being typed. */
const yearOf = (text: string) => parseYear(text) ?? undefined;

/**
 * The filters as the list and the CSV export take them (strings, as in a URL); a year range typed
 * the wrong way round is left out rather than sent for a 400.
 */
export function memberQuery(values: MemberFilterValues) {
  const joinOk = !reversed(values.joinFrom, values.joinTo);
  const leaveOk = !reversed(values.leaveFrom, values.leaveTo);
  return {
    q: values.search.trim() || undefined,
    role: values.role ?? undefined,
    status: values.status ?? undefined,
    supporter: values.supporter === null ? undefined : values.supporter === "yes" ? ("true" as const) : ("false" as const),
    joinFrom: joinOk ? yearOf(values.joinFrom) : undefined,
    joinTo: joinOk ? yearOf(values.joinTo) : undefined,
    leaveFrom: leaveOk ? yearOf(values.leaveFrom) : undefined,
    leaveTo: leaveOk ? yearOf(values.leaveTo) : undefined,
    department: values.department.trim() || undefined,
    industry: values.industry ?? undefined,
    location: values.location ?? undefined,
    openTo: values.openTo.length > 0 ? values.openTo.join(",") : undefined,
  };
}

const profileKeys = ["joinFrom", "joinTo", "leaveFrom", "leaveTo", "department", "industry", "location", "openTo"] as const;

/** How many of the profile filters (the folded part) are set. */
function profileFilterCount(values: MemberFilterValues): number {
  return profileKeys.filter((key) => {
    const value = values[key];
    return Array.isArray(value) ? value.length > 0 : typeof value === "string" ? value.trim() !== "" : value !== null;
  }).length;
}

export function hasMemberFilters(values: MemberFilterValues): boolean {
  return (
    values.search.trim() !== "" ||
    values.role !== null ||
    values.status !== null ||
    values.supporter !== null ||
    profileFilterCount(values) > 0
  );
}

function YearInput({
  label,
  value,
  onChange,
  orderError,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  orderError: boolean;
}) {
  const t = useT();
  const invalid = value.trim() !== "" && parseYear(value) === null;
  return (
    <YearTextInput
      label={label}
      placeholder={t("manageMembers.yearPlaceholder")}
      value={value}
      onChange={onChange}
      error={invalid ? t("manageMembers.yearInvalid") : orderError ? t("manageMembers.yearsOrder") : null}
    />
  );
}

export function MemberFilters({ values, onChange }: { values: MemberFilterValues; onChange: (values: MemberFilterValues) => void }) {
  const t = useT();
  const set = (patch: Partial<MemberFilterValues>) => onChange({ ...values, ...patch });
  const all = t("manageMembers.filterAll");
  const profileCount = profileFilterCount(values);
  // Folded until wanted; open from the start when a profile filter is set (e.g. after "back").
  const [open, setOpen] = useState(profileCount > 0);
  return (
    <Stack gap="sm" role="search" aria-label={t("manageMembers.filtersLabel")}>
      <TextInput
        type="search"
        label={t("manageMembers.search")}
        placeholder={t("manageMembers.searchPlaceholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={values.search}
        onChange={(event) => set({ search: event.currentTarget.value })}
        maxLength={100}
      />
      <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm">
        <Select
          label={t("manageMembers.role")}
          data={[{ value: "", label: all }, ...memberRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))]}
          value={values.role ?? ""}
          onChange={(value) => set({ role: (memberRoles as readonly string[]).includes(value ?? "") ? (value as MemberRole) : null })}
          allowDeselect={false}
        />
        <Select
          label={t("manageMembers.status")}
          data={[{ value: "", label: all }, ...memberStatuses.map((status) => ({ value: status, label: t(`memberStatus.${status}`) }))]}
          value={values.status ?? ""}
          onChange={(value) =>
            set({ status: (memberStatuses as readonly string[]).includes(value ?? "") ? (value as MemberStatus) : null })
          }
          allowDeselect={false}
        />
        <Select
          label={t("manageMembers.supporterFilter")}
          data={[
            { value: "", label: all },
            { value: "yes", label: t("manageMembers.supporterOnly") },
            { value: "no", label: t("manageMembers.supporterNot") },
          ]}
          value={values.supporter ?? ""}
          onChange={(value) => set({ supporter: value === "yes" || value === "no" ? value : null })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group justify="space-between" gap="xs">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
          aria-expanded={open}
          aria-controls="member-profile-filters"
          onClick={() => setOpen((o) => !o)}
          rightSection={profileCount > 0 ? <Badge size="sm">{profileCount}</Badge> : null}
        >
          {open ? t("manageMembers.profileFiltersHide") : t("manageMembers.profileFiltersShow")}
        </Button>
        {hasMemberFilters(values) && (
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(emptyMemberFilters)}>
            {t("manageMembers.clearFilters")}
          </Button>
        )}
      </Group>
      <Collapse expanded={open} id="member-profile-filters">
        <Stack gap="sm">
          <Text size="xs" c="dimmed">
            {t("manageMembers.profileFiltersNote")}
          </Text>
          <YearRangeFields
            wording="manageMembers"
            reversed={{ join: reversed(values.joinFrom, values.joinTo), leave: reversed(values.leaveFrom, values.leaveTo) }}
          >
            {(key, label, orderError) => (
              <YearInput label={label} value={values[key]} onChange={(year) => set({ [key]: year })} orderError={orderError} />
            )}
          </YearRangeFields>
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput
              label={t("manageMembers.department")}
              placeholder={t("manageMembers.departmentPlaceholder")}
              maxLength={profileLimits.departmentMax}
              value={values.department}
              onChange={(event) => set({ department: event.currentTarget.value })}
            />
            <IndustryFilter wording="manageMembers" value={values.industry} onChange={(industry) => set({ industry })} />
            <LocationFilter wording="manageMembers" value={values.location} onChange={(location) => set({ location })} />
          </SimpleGrid>
          <OpenToFilter wording="manageMembers" value={values.openTo} onChange={(openTo) => set({ openTo })} />
        </Stack>
      </Collapse>
    </Stack>
  );
}
