// The home feed's pages (an infinite query over the keyset cursor) and the home's extras.
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { feed } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { apiQuery, queryKeyOf } from "../platform/query.ts";

export function useFeed(networkId: string) {
  const params = { networkId };
  const query = useInfiniteQuery({
    queryKey: queryKeyOf(feed.listFeed, { params }),
    queryFn: ({ pageParam, signal }) => callApi(feed.listFeed, { params, query: { cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const pages = query.data?.pages ?? [];
  return { query, pinned: pages[0]?.pinned ?? [], items: pages.flatMap((page) => page.items) };
}

export const useHomeExtras = (networkId: string) => useQuery(apiQuery(feed.getHome, { params: { networkId } }));
