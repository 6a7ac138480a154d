// The directory's pages (an infinite query over the cursor, one cache entry per search and filter
// set), "people you may know" and the generations of my departments.
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { people } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { apiQuery, queryKeyOf } from "../platform/query.ts";
import type { DirectoryState } from "./directory-url.ts";
import { toDirectoryQuery } from "./directory-url.ts";

export function useDirectory(networkId: string, state: DirectoryState) {
  const params = { networkId };
  const query = toDirectoryQuery(state);
  const pages = useInfiniteQuery({
    queryKey: queryKeyOf(people.listDirectory, { params, query }),
    queryFn: ({ pageParam, signal }) =>
      callApi(people.listDirectory, { params, query: { ...query, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // While the next search runs, the previous results stay (marked busy) instead of a skeleton
    // flashing at every keystroke.
    placeholderData: keepPreviousData,
  });
  return { pages, items: pages.data?.pages.flatMap((page) => page.items) ?? [] };
}

export const useSuggestions = (networkId: string) => useQuery(apiQuery(people.listSuggestions, { params: { networkId } }));

export const useGenerations = (networkId: string) => useQuery(apiQuery(people.listGenerations, { params: { networkId } }));
