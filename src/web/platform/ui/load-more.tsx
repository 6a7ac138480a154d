// The "load more" button under every cursor-paged list (react-query infinite queries).
import { Button, Group } from "@mantine/core";
import { useT } from "../i18n/i18n.context.tsx";

interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

export function LoadMore({ pages }: { pages: Pages }) {
  const t = useT();
  if (!pages.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button variant="default" onClick={() => void pages.fetchNextPage()} loading={pages.isFetchingNextPage}>
        {t("common.loadMore")}
      </Button>
    </Group>
  );
}
