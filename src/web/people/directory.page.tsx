// /n/:slug/people — the member directory. The search words, filters and sort live in the URL
// (shareable; the back button returns to the previous search): typing replaces the entry it
// started, a new search or a filter adds one. "People you may know" leads the page until the
// member searches or filters.
import { Button, Collapse, Group, Select, Stack } from "@mantine/core";
import { IconAdjustmentsHorizontal, IconSearch } from "@tabler/icons-react";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { directorySorts } from "../../shared/contract/people.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { DirectoryFilters } from "./directory-filters.tsx";
import type { DirectoryUpdate } from "./directory-filters.tsx";
import { DirectoryFrame } from "./directory-frame.tsx";
import { DirectoryResults } from "./directory-results.tsx";
import { TextFilter } from "./directory-text-filter.tsx";
import { countFilters, emptyDirectoryState, readDirectoryState, writeDirectoryState } from "./directory-url.ts";
import { SuggestionsPreview } from "./suggestions-list.tsx";

function Directory({ network }: { network: MyNetwork }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readDirectoryState(params), [params]);
  const filterCount = countFilters(state);
  const [filtersOpen, setFiltersOpen] = useState(filterCount > 0);
  const filtersId = useId();

  // The query string last asked for, until the URL shows it: two changes in quick succession (a
  // year typed right after another) must build on each other, and the router's own searchParams
  // lag behind until it has rendered the first.
  const pending = useRef<string | null>(null);
  const current = params.toString();
  useEffect(() => {
    if (pending.current === current) pending.current = null;
  }, [current]);

  const update: DirectoryUpdate = (patch, options) => {
    const base = pending.current ?? current;
    const next = writeDirectoryState({ ...readDirectoryState(new URLSearchParams(base)), ...patch }).toString();
    if (next === base) return;
    pending.current = next;
    void setParams(new URLSearchParams(next), { replace: options?.replace ?? false, preventScrollReset: true });
  };

  return (
    <Stack gap="md">
      <Stack gap="xs" role="search" aria-label={t("directory.searchLabel")}>
        <TextFilter
          type="search"
          label={t("directory.searchLabel")}
          description={t("directory.searchHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          placeholder={t("directory.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          maxLength={200}
          value={state.q}
          // Refining the words replaces the history entry; a new search (from nothing) adds one.
          onCommit={(q) => update({ q }, { replace: state.q !== "" && q !== "" })}
        />
        <Group gap="xs" justify="space-between" align="flex-end" wrap="wrap">
          <Button
            variant={filtersOpen ? "light" : "default"}
            size="sm"
            leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
            aria-expanded={filtersOpen}
            aria-controls={filtersId}
            onClick={() => setFiltersOpen((open) => !open)}
          >
            {filterCount > 0 ? t("directory.filtersCount", { count: filterCount }) : t("directory.filters")}
          </Button>
          <Select
            w={{ base: "10rem", sm: "12rem" }}
            label={t("directory.sort")}
            data={directorySorts.map((sort) => ({ value: sort, label: t(`directory.sort.${sort}`) }))}
            value={state.sort}
            onChange={(value) => update({ sort: value ?? "name" })}
            allowDeselect={false}
          />
        </Group>
        <Collapse expanded={filtersOpen}>
          <DirectoryFilters id={filtersId} state={state} update={update} />
        </Collapse>
      </Stack>
      {state.q.trim() === "" && filterCount === 0 && <SuggestionsPreview network={network} />}
      <DirectoryResults network={network} state={state} onClearAll={() => update({ ...emptyDirectoryState, sort: state.sort })} />
    </Stack>
  );
}

export function DirectoryPage() {
  const t = useT();
  return (
    <DirectoryFrame section="directory" title={t("directory.title")} description={t("directory.lead")}>
      {(network) => <Directory network={network} />}
    </DirectoryFrame>
  );
}
