// The list fields of the profile forms, as rows one adds and removes: career (company, role,
// from–to), links (label, address) and departments at a company (department, position, from–to).
// Each row's inputs are labelled on their own; the remove button names the row it removes.
import { ActionIcon, Button, Group, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { randomId } from "@mantine/hooks";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { profileLimits as l } from "../../shared/people.ts";
import type { GetInputPropsReturnType } from "../platform/forms.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { YearInput } from "./profile-year-input.tsx";

/** A year typed in a number input: empty, a number, or what the member is still typing. */
export type YearValue = number | string | null;

export interface CareerRow {
  key: string;
  company: string;
  role: string;
  fromYear: YearValue;
  toYear: YearValue;
}
export interface LinkRow {
  key: string;
  label: string;
  url: string;
}
export interface DepartmentRow {
  key: string;
  department: string;
  position: string;
  fromYear: YearValue;
  toYear: YearValue;
}

export const newCareerRow = (): CareerRow => ({ key: randomId(), company: "", role: "", fromYear: "", toYear: "" });
export const newLinkRow = (): LinkRow => ({ key: randomId(), label: "", url: "" });
export const newDepartmentRow = (): DepartmentRow => ({ key: randomId(), department: "", position: "", fromYear: "", toYear: "" });

/** What the rows use of a Mantine form (the forms' value types differ; methods, so any form fits). */
interface AnyForm {
  getInputProps(path: string): GetInputPropsReturnType;
  insertListItem(path: string, item: unknown): void;
  removeListItem(path: string, index: number): void;
}

const thisYear = new Date().getFullYear();

function RowFrame({
  index,
  removeLabel,
  onRemove,
  children,
}: {
  index: number;
  removeLabel: MessageKey;
  onRemove: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <Paper withBorder p="sm" radius="md" component="li">
      <Group align="flex-start" wrap="nowrap" gap="xs">
        <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
        <ActionIcon variant="subtle" color="red" mt={26} onClick={onRemove} aria-label={t(removeLabel, { n: index + 1 })}>
          <IconTrash size={18} aria-hidden />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

function AddButton({ label, disabled, onClick }: { label: string; disabled: boolean; onClick: () => void }) {
  return (
    <Group>
      <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onClick} disabled={disabled}>
        {label}
      </Button>
    </Group>
  );
}

function Rows({ empty, children }: { empty: string; children: ReactNode[] }) {
  if (children.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <Stack component="ol" gap="xs" m={0} p={0} style={{ listStyle: "none" }}>
      {children}
    </Stack>
  );
}

export function CareerRows({ form, rows }: { form: AnyForm; rows: CareerRow[] }) {
  const t = useT();
  return (
    <Stack gap="xs">
      <Rows empty={t("profile.career.empty")}>
        {rows.map((row, index) => (
          <RowFrame key={row.key} index={index} removeLabel="profile.career.remove" onRemove={() => form.removeListItem("career", index)}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput
                label={t("profile.career.company")}
                maxLength={l.careerTextMax}
                {...form.getInputProps(`career.${index}.company`)}
              />
              <TextInput label={t("profile.career.role")} maxLength={l.careerTextMax} {...form.getInputProps(`career.${index}.role`)} />
              <YearInput
                label={t("profile.years.from")}
                {...form.getInputProps(`career.${index}.fromYear`)}
                placeholder={String(thisYear - 5)}
              />
              <YearInput
                label={t("profile.years.to")}
                {...form.getInputProps(`career.${index}.toYear`)}
                placeholder={t("profile.years.present")}
              />
            </SimpleGrid>
          </RowFrame>
        ))}
      </Rows>
      <AddButton
        label={t("profile.career.add")}
        disabled={rows.length >= l.careerMax}
        onClick={() => form.insertListItem("career", newCareerRow())}
      />
    </Stack>
  );
}

export function LinkRows({ form, rows }: { form: AnyForm; rows: LinkRow[] }) {
  const t = useT();
  return (
    <Stack gap="xs">
      <Rows empty={t("profile.links.empty")}>
        {rows.map((row, index) => (
          <RowFrame key={row.key} index={index} removeLabel="profile.links.remove" onRemove={() => form.removeListItem("links", index)}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput
                label={t("profile.links.label")}
                placeholder={t("profile.links.labelPlaceholder")}
                maxLength={l.linkLabelMax}
                {...form.getInputProps(`links.${index}.label`)}
              />
              <TextInput
                label={t("profile.links.url")}
                placeholder="https://"
                type="url"
                inputMode="url"
                autoComplete="url"
                maxLength={l.urlMax}
                {...form.getInputProps(`links.${index}.url`)}
              />
            </SimpleGrid>
          </RowFrame>
        ))}
      </Rows>
      <AddButton
        label={t("profile.links.add")}
        disabled={rows.length >= l.linksMax}
        onClick={() => form.insertListItem("links", newLinkRow())}
      />
    </Stack>
  );
}

export function DepartmentRows({ form, rows }: { form: AnyForm; rows: DepartmentRow[] }) {
  const t = useT();
  return (
    <Stack gap="xs">
      <Rows empty={t("memberProfile.departments.empty")}>
        {rows.map((row, index) => (
          <RowFrame
            key={row.key}
            index={index}
            removeLabel="memberProfile.departments.remove"
            onRemove={() => form.removeListItem("departments", index)}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput
                label={t("memberProfile.departments.department")}
                maxLength={l.departmentMax}
                {...form.getInputProps(`departments.${index}.department`)}
              />
              <TextInput
                label={t("memberProfile.departments.position")}
                maxLength={l.positionMax}
                {...form.getInputProps(`departments.${index}.position`)}
              />
              <YearInput label={t("profile.years.from")} {...form.getInputProps(`departments.${index}.fromYear`)} />
              <YearInput label={t("profile.years.to")} {...form.getInputProps(`departments.${index}.toYear`)} />
            </SimpleGrid>
          </RowFrame>
        ))}
      </Rows>
      <AddButton
        label={t("memberProfile.departments.add")}
        disabled={rows.length >= l.departmentsMax}
        onClick={() => form.insertListItem("departments", newDepartmentRow())}
      />
    </Stack>
  );
}
