// The directory's results for the search and filters in the URL: a grid of cards (one column on a
// phone), "もっと見る" for the next page, and the states around it — skeleton cards on the first
// load, the previous results marked busy while a new search runs, no members yet, nothing found
// (with a way to clear the search and filters), an error with retry. A polite live region tells
// screen-reader users when the results have changed.
import { Button, Group, Paper, SimpleGrid, Skeleton, Stack, VisuallyHidden } from "@mantine/core";
import { IconSearchOff, IconUsers } from "@tabler/icons-react";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { EmptyView, ErrorState } from "../platform/ui/page-states.tsx";
import { PersonCardView } from "./directory-card.tsx";
import { useDirectory } from "./directory-queries.ts";
import { countFilters } from "./directory-url.ts";
import type { DirectoryState } from "./directory-url.ts";

const gridCols = { base: 1, sm: 2, lg: 3 } as const;
const listReset = { listStyle: "none", padding: 0, margin: 0 } as const;

/** Card-shaped placeholders while the first page arrives. */
export function CardSkeletons({ count = 6, label }: { count?: number; label: string }) {
  return (
    <SimpleGrid cols={gridCols} spacing="sm" role="status" aria-label={label}>
      {Array.from({ length: count }, (_, i) => (
        <Paper key={i} withBorder p="md" radius="md">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <Skeleton circle height={48} />
            <Stack gap={6} style={{ flex: 1 }}>
              <Skeleton height={16} width="50%" radius="sm" />
              <Skeleton height={12} width="35%" radius="sm" />
              <Skeleton height={12} width="80%" radius="sm" />
            </Stack>
          </Group>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

export function DirectoryResults({ network, state, onClearAll }: { network: MyNetwork; state: DirectoryState; onClearAll: () => void }) {
  const t = useT();
  const { pages, items } = useDirectory(network.id, state);
  const narrowed = state.q.trim() !== "" || countFilters(state) > 0;
  // Old results on screen while the new search runs: shown, but not what was asked for.
  const busy = pages.isPlaceholderData;

  let status: string;
  if (pages.isPending || busy) status = t("directory.status.loading");
  else if (pages.isError && items.length === 0) status = t("directory.error");
  else if (items.length === 0) status = narrowed ? t("directory.noResultsTitle") : t("directory.emptyTitle");
  else status = t(pages.hasNextPage ? "directory.status.shownMore" : "directory.status.shown", { count: items.length });

  return (
    <Stack gap="md">
      <VisuallyHidden role="status" aria-live="polite">
        {status}
      </VisuallyHidden>
      {pages.isPending ? (
        <CardSkeletons label={t("directory.status.loading")} />
      ) : pages.isError && items.length === 0 ? (
        <ErrorState title={t("directory.error")} error={pages.error} onRetry={() => void pages.refetch()} />
      ) : items.length === 0 ? (
        narrowed ? (
          <EmptyView title={t("directory.noResultsTitle")} description={t("directory.noResultsBody")} icon={<IconSearchOff aria-hidden />}>
            <Button variant="light" onClick={onClearAll}>
              {t("directory.clearFilters")}
            </Button>
          </EmptyView>
        ) : (
          <EmptyView title={t("directory.emptyTitle")} description={t("directory.emptyBody")} icon={<IconUsers aria-hidden />} />
        )
      ) : (
        <>
          <SimpleGrid
            component="ul"
            cols={gridCols}
            spacing="sm"
            aria-label={t("directory.resultsLabel")}
            aria-busy={busy || undefined}
            style={{ ...listReset, opacity: busy ? 0.6 : 1, transition: "opacity 120ms" }}
          >
            {items.map((person) => (
              <li key={person.memberId}>
                <PersonCardView slug={network.slug} person={person} />
              </li>
            ))}
          </SimpleGrid>
          {pages.isError ? (
            <ErrorState title={t("directory.error")} error={pages.error} onRetry={() => void pages.fetchNextPage()} />
          ) : (
            pages.hasNextPage && (
              <Group justify="center">
                <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
                  {t("directory.loadMore")}
                </Button>
              </Group>
            )
          )}
        </>
      )}
    </Stack>
  );
}
