// Cursor-paged lists of the member-management pages ("load more"): one infinite query per filter,
// the previous results kept on screen while a new filter loads, items flattened for rendering.
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";

const pollMs = 3000;

export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * `queryKey` comes from queryKeyOf(endpoint, { params, query }) so that invalidate(endpoint) refreshes
 * every filter; `fetchPage` calls the endpoint with the cursor (typed by the caller's callApi).
 */
export function usePagedList<T>(
  queryKey: readonly unknown[],
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<PageOf<T>>,
  options: { pollWhile?: (items: T[]) => boolean; enabled?: boolean } = {},
) {
  const { pollWhile } = options;
  const query = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam ?? undefined, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    // Something that moves on its own (an import sending invitations) is followed until it stops.
    refetchInterval: (current) => {
      const pages = current.state.data?.pages;
      return pollWhile && pages && pollWhile(pages.flatMap((page) => page.items)) ? pollMs : false;
    },
    enabled: options.enabled ?? true,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { query, items };
}
