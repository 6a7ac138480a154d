// The signed-in account inside the app shell (which has already loaded it) and helpers around it.
import { useSuspenseQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import type { Me } from "../../../shared/contract/accounts.ts";
import { queryClient } from "../query.ts";
import { meQuery } from "./me-query.ts";

/** Inside the shell: the account is loaded before any page renders. */
export function useMe(): Me {
  return useSuspenseQuery(meQuery).data;
}

const subscribe = (onChange: () => void) => queryClient.getQueryCache().subscribe(onChange);
const snapshot = () => queryClient.getQueryData<Me>(meQuery.queryKey);

/**
 * Anywhere: the cached account if someone is signed in, without fetching. Read from the cache
 * itself rather than through a disabled observer, which would keep watching a query that sign-in or
 * sign-out removed with queryClient.clear().
 */
export function useCachedMe(): Me | undefined {
  return useSyncExternalStore(subscribe, snapshot);
}

export const defaultTimeZone = "Asia/Tokyo";
