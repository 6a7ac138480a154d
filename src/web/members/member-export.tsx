// The CSV download of the member table: a plain link (the browser saves the file; no JavaScript
// holds 100,000 rows), for every member the filters find, or for the members ticked in the list —
// whose ids travel in the link, hence a cap on how many. The bar saying how many are selected
// follows the list and stays at the bottom of the screen while the list scrolls (sticky).
import { Alert, Button, Group, Paper, Text } from "@mantine/core";
import { IconDownload, IconX } from "@tabler/icons-react";
import { membership } from "../../shared/contract/index.ts";
import { exportSelectionMax } from "../../shared/contract/membership.ts";
import { fillPath } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { memberQuery } from "./member-filters.tsx";
import type { MemberFilterValues } from "./member-filters.tsx";

/** The export's URL: the list's filters, and the selected ids when there are any. */
export function exportUrl(networkId: string, filters: MemberFilterValues, ids: readonly string[] = []): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(memberQuery(filters))) if (value !== undefined) search.set(key, String(value));
  if (ids.length > 0) search.set("ids", ids.join(","));
  const query = search.toString();
  return fillPath(membership.exportManagedMembers.path, { networkId }) + (query ? `?${query}` : "");
}

export function ExportButton({ networkId, filters, filtered }: { networkId: string; filters: MemberFilterValues; filtered: boolean }) {
  const t = useT();
  return (
    <Button
      component="a"
      href={exportUrl(networkId, filters)}
      download
      variant="default"
      leftSection={<IconDownload size={18} aria-hidden />}
    >
      {filtered ? t("manageMembers.exportFiltered") : t("manageMembers.exportAll")}
    </Button>
  );
}

/**
 * "N人を選択中" with the actions on the selection. The selection is kept with the filters it was
 * made under (the export sends both: only the selected members that the filters still find).
 */
export function SelectionBar({
  networkId,
  filters,
  selected,
  onClear,
}: {
  networkId: string;
  filters: MemberFilterValues;
  selected: readonly string[];
  onClear: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const tooMany = selected.length > exportSelectionMax;
  if (selected.length === 0) return null;
  return (
    <Paper
      shadow="lg"
      withBorder
      p="sm"
      role="region"
      aria-label={t("manageMembers.selectionLabel")}
      style={{ position: "sticky", bottom: "var(--mantine-spacing-md)", zIndex: 10 }}
    >
      <Group justify="space-between" gap="sm">
        <Text fw={600} aria-live="polite">
          {t("manageMembers.selectedCount", { count: format.number(selected.length) })}
        </Text>
        <Group gap="xs">
          <Button
            component="a"
            href={tooMany ? undefined : exportUrl(networkId, filters, selected)}
            download
            data-disabled={tooMany || undefined}
            disabled={tooMany}
            leftSection={<IconDownload size={18} aria-hidden />}
          >
            {t("manageMembers.exportSelected")}
          </Button>
          <Button variant="default" onClick={onClear} leftSection={<IconX size={18} aria-hidden />}>
            {t("manageMembers.clearSelection")}
          </Button>
        </Group>
      </Group>
      {tooMany && (
        <Alert color="orange" variant="light" mt="xs" p="xs">
          {t("manageMembers.selectionTooMany", { max: format.number(exportSelectionMax) })}
        </Alert>
      )}
    </Paper>
  );
}
