// Step 2 of the CSV import: which column holds what. The server guessed from the headers; the admin
// checks it against the first rows of the file, can split the name into 姓 and 名 columns, and
// picks the role for rows that do not say. "Check" runs the dry run (nothing is sent yet).
import { Alert, Badge, Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconListCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { MemberImport } from "../../shared/contract/membership.ts";
import type { ColumnMapping, ImportField } from "../../shared/member-import.ts";
import { memberRoles } from "../../shared/limits.ts";
import type { MemberRole } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { storeImport } from "./import-queries.ts";
import { managePath } from "./manage-frame.tsx";
import { ProblemAlert } from "./problem-alert.tsx";
import { ScrollTable } from "./scroll-table.tsx";

type MappedField = ImportField | "nameGiven";

/** Spreadsheet column names, as admins see them in Excel: A … Z, AA, AB … */
export function columnLetter(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function fieldLabel(field: MappedField, split: boolean): MessageKey {
  if (field === "name") return split ? "imports.field.familyName" : "imports.field.name";
  if (field === "nameGiven") return "imports.field.givenName";
  return `imports.field.${field}`;
}

export function ImportMappingStep({
  network,
  imp,
  summary,
  onPreviewed,
}: {
  network: MyNetwork;
  imp: MemberImport;
  summary: string;
  onPreviewed: () => void;
}) {
  const t = useT();
  const [mapping, setMapping] = useState<ColumnMapping>(imp.mapping);
  const [split, setSplit] = useState(imp.mapping.nameGiven !== undefined);
  const [defaultRole, setDefaultRole] = useState<MemberRole>(imp.defaultRole);
  const [missing, setMissing] = useState(false);

  const fields: MappedField[] = split
    ? ["name", "nameGiven", "email", "role", "joinYear", "leaveYear", "department"]
    : ["name", "email", "role", "joinYear", "leaveYear", "department"];
  const required = new Set<MappedField>(split ? ["name", "nameGiven", "email"] : ["name", "email"]);
  const columns = [
    { value: "", label: t("imports.notUsed") },
    ...imp.headers.map((header, index) => ({
      value: String(index),
      label: t("imports.columnOption", { column: columnLetter(index), header: header.trim() || t("imports.noHeader") }),
    })),
  ];

  const effective: ColumnMapping = split ? mapping : { ...mapping, nameGiven: undefined };
  const used = new Map<number, MappedField[]>();
  for (const field of fields) {
    const column = effective[field];
    if (column !== undefined) used.set(column, [...(used.get(column) ?? []), field]);
  }
  const clashes = [...used.entries()].filter(([, list]) => list.length > 1);

  const preview = useMutation({
    mutationFn: () =>
      callApi(membership.previewMemberImport, {
        params: { networkId: network.id, importId: imp.id },
        body: { mapping: effective, defaultRole },
      }),
    onSuccess: async (updated) => {
      onPreviewed();
      await storeImport(network.id, updated);
    },
  });

  const submit = () => {
    const lacking = [...required].some((field) => effective[field] === undefined);
    setMissing(lacking);
    if (!lacking) preview.mutate();
  };

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-mapping-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h3" id="import-mapping-title">
              {t("imports.mappingTitle")}
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {summary}
            </Text>
          </Stack>
          <Text size="sm">{t("imports.mappingLead")}</Text>
          <Radio.Group label={t("imports.nameColumns")} value={split ? "two" : "one"} onChange={(value) => setSplit(value === "two")}>
            <Group gap="lg" mt={6}>
              <Radio value="one" label={t("imports.nameOneColumn")} />
              <Radio value="two" label={t("imports.nameTwoColumns")} />
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
            {fields.map((field) => (
              <Select
                key={field}
                label={t(fieldLabel(field, split))}
                required={required.has(field)}
                data={columns}
                value={effective[field] === undefined ? "" : String(effective[field])}
                onChange={(value) => {
                  setMissing(false);
                  setMapping((current) => ({ ...current, [field]: value ? Number(value) : undefined }));
                }}
                error={missing && required.has(field) && effective[field] === undefined ? t("imports.chooseColumn") : null}
                searchable={imp.headers.length > 12}
              />
            ))}
            <Select
              label={t("imports.defaultRole")}
              description={t("imports.defaultRoleHint")}
              data={memberRoles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
              value={defaultRole}
              onChange={(value) => {
                if ((memberRoles as readonly string[]).includes(value ?? "")) setDefaultRole(value as MemberRole);
              }}
            />
          </SimpleGrid>
          {clashes.length > 0 && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {clashes
                .map(([column, list]) =>
                  t("imports.columnTwice", { column: columnLetter(column), fields: list.map((f) => t(fieldLabel(f, split))).join("・") }),
                )
                .join(" ")}
            </Alert>
          )}
          <SampleTable imp={imp} mapping={effective} split={split} />
          <ProblemAlert error={preview.error} />
          <Group justify="space-between" gap="sm" wrap="wrap-reverse">
            <Button
              component={Link}
              to={`${managePath(network.slug, "imports")}/new`}
              variant="subtle"
              leftSection={<IconArrowLeft size={16} aria-hidden />}
            >
              {t("imports.otherFile")}
            </Button>
            <Button type="submit" loading={preview.isPending} leftSection={<IconListCheck size={18} aria-hidden />}>
              {t("imports.check")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The first rows of the file, each column headed by its letter, header and the field it feeds. */
function SampleTable({ imp, mapping, split }: { imp: MemberImport; mapping: ColumnMapping; split: boolean }) {
  const t = useT();
  const format = useFormat();
  const fieldOf = new Map<number, MappedField>();
  for (const [field, column] of Object.entries(mapping) as [MappedField, number | undefined][]) {
    if (column !== undefined && !fieldOf.has(column)) fieldOf.set(column, field);
  }
  if (imp.sampleRows.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600} id="import-sample-title">
        {t("imports.sampleTitle", { count: format.number(imp.sampleRows.length) })}
      </Text>
      <ScrollTable
        minWidth={Math.max(480, imp.headers.length * 140)}
        label={t("imports.sampleTitle", { count: format.number(imp.sampleRows.length) })}
      >
        <Table withTableBorder withColumnBorders striped fz="sm" aria-labelledby="import-sample-title">
          <Table.Thead>
            <Table.Tr>
              {imp.headers.map((header, index) => {
                const field = fieldOf.get(index);
                return (
                  <Table.Th key={index} scope="col" style={{ verticalAlign: "top" }}>
                    <Stack gap={2}>
                      <Text size="xs" c="dimmed">
                        {t("imports.columnName", { column: columnLetter(index) })}
                      </Text>
                      <Text size="sm" fw={600}>
                        {header.trim() || t("imports.noHeader")}
                      </Text>
                      {field ? (
                        <Badge color="ai" size="sm">
                          {t(fieldLabel(field, split))}
                        </Badge>
                      ) : (
                        <Badge color="gray" size="sm">
                          {t("imports.notUsed")}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {imp.sampleRows.map((row, rowIndex) => (
              <Table.Tr key={rowIndex}>
                {imp.headers.map((_, index) => (
                  <Table.Td key={index} style={{ overflowWrap: "anywhere" }}>
                    {row[index] ?? ""}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollTable>
    </Stack>
  );
}
