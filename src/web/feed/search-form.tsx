// The search field of the network home and the search page: submitting goes to the search page
// (or, there, replaces the query in the URL).
import { Button, Group, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import type { FormEvent } from "react";
import { useNavigate } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { searchLimits } from "../../shared/contract/search.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

/** The search field (on the home and the search page): submitting goes to the search page. */
export function SearchForm({ network, initial = "", onSearch }: { network: MyNetwork; initial?: string; onSearch?: (q: string) => void }) {
  const t = useT();
  const [value, setValue] = useState(initial);
  const navigate = useNavigate();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const q = value.trim();
    if (!q) return;
    if (onSearch) onSearch(q);
    else void navigate(`/n/${network.slug}/search?${new URLSearchParams({ q }).toString()}`);
  };
  return (
    <form role="search" onSubmit={submit} aria-label={t("search.label")}>
      <Group gap="xs" wrap="nowrap">
        <TextInput
          style={{ flex: 1 }}
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          placeholder={t("search.placeholder")}
          aria-label={t("search.placeholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          maxLength={searchLimits.queryMax}
          type="search"
        />
        <Button type="submit">{t("search.label")}</Button>
      </Group>
    </form>
  );
}
