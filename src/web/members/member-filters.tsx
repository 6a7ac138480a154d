// The filters above the managed-members list: search by name or email, role, status, join and
// leave year. Years are typed (four digits) rather than picked from a 200-entry list.
import { Button, Group, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { memberRoles, memberStatuses } from "../../shared/limits.ts";
import type { MemberRole, MemberStatus } from "../../shared/limits.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export interface MemberFilterValues {
  search: string;
  role: MemberRole | null;
  status: MemberStatus | null;
  joinYear: string;
  leaveYear: string;
}

export const emptyMemberFilters: MemberFilterValues = { search: "", role: null, status: null, joinYear: "", leaveYear: "" };

/** A year the API accepts, or undefined while the field is empty or still being typed. */
export function parseYear(text: string): number | undefined {
  if (!/^\d{4}$/.test(text.trim())) return undefined;
  const year = Number(text.trim());
  return year >= 1900 && year <= 2100 ? year : undefined;
}

/** Full-width digits (２０１５, typed with a Japanese IME) count as digits. */
function digitsOnly(text: string): string {
  return text.normalize("NFKC").replace(/\D/g, "");
}

function yearError(text: string, message: string): string | null {
  return text.trim() !== "" && parseYear(text) === undefined ? message : null;
}

export function hasMemberFilters(values: MemberFilterValues): boolean {
  return values.search.trim() !== "" || values.role !== null || values.status !== null || values.joinYear !== "" || values.leaveYear !== "";
}

export function MemberFilters({ values, onChange }: { values: MemberFilterValues; onChange: (values: MemberFilterValues) => void }) {
  const t = useT();
  const set = (patch: Partial<MemberFilterValues>) => onChange({ ...values, ...patch });
  const all = t("manageMembers.filterAll");
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
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Select
          label={t("manageMembers.role")}
          data={[{ value: "", label: all }, ...memberRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))]}
          value={values.role ?? ""}
          onChange={(value) => set({ role: (memberRoles as readonly string[]).includes(value ?? "") ? (value as MemberRole) : null })}
        />
        <Select
          label={t("manageMembers.status")}
          data={[{ value: "", label: all }, ...memberStatuses.map((status) => ({ value: status, label: t(`memberStatus.${status}`) }))]}
          value={values.status ?? ""}
          onChange={(value) =>
            set({ status: (memberStatuses as readonly string[]).includes(value ?? "") ? (value as MemberStatus) : null })
          }
        />
        <TextInput
          label={t("manageMembers.joinYear")}
          placeholder={t("manageMembers.yearPlaceholder")}
          inputMode="numeric"
          maxLength={4}
          value={values.joinYear}
          onChange={(event) => set({ joinYear: digitsOnly(event.currentTarget.value) })}
          error={yearError(values.joinYear, t("manageMembers.yearInvalid"))}
        />
        <TextInput
          label={t("manageMembers.leaveYear")}
          placeholder={t("manageMembers.yearPlaceholder")}
          inputMode="numeric"
          maxLength={4}
          value={values.leaveYear}
          onChange={(event) => set({ leaveYear: digitsOnly(event.currentTarget.value) })}
          error={yearError(values.leaveYear, t("manageMembers.yearInvalid"))}
        />
      </SimpleGrid>
      {hasMemberFilters(values) && (
        <Group justify="flex-end">
          <Button variant="subtle" size="compact-sm" onClick={() => onChange(emptyMemberFilters)}>
            {t("manageMembers.clearFilters")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
