// React Query glue: the one QueryClient, and query keys/functions derived from contract endpoints
// so every screen caches and invalidates the same way (`[endpoint.id, params, query]`).
import { QueryClient, queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { Endpoint } from "../../shared/contract/index.ts";
import { ApiError, callUnchecked } from "./api.ts";
import type { CallInput } from "./api.ts";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (4xx) will not get better by asking again.
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
    mutations: { retry: false },
  },
});

export function queryKeyOf(endpoint: Endpoint, input?: { params?: unknown; query?: unknown }): readonly unknown[] {
  return [endpoint.id, input?.params ?? null, input?.query ?? null];
}

type QueryInput<P, Q> = Omit<CallInput<P, Q, z.ZodNever>, "signal">;

/** queryOptions for a GET endpoint; pass the same input you would pass to callApi. */
export function apiQuery<P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType>(
  endpoint: Endpoint<P, Q, z.ZodNever, R>,
  ...args: object extends QueryInput<P, Q> ? [input?: QueryInput<P, Q>] : [input: QueryInput<P, Q>]
) {
  const input = args[0] ?? {};
  return queryOptions({
    queryKey: queryKeyOf(endpoint, input),
    queryFn: ({ signal }) => callUnchecked(endpoint, { ...input, signal }),
  });
}

/** Invalidate every cached page of an endpoint, whatever its params. */
export function invalidate(endpoint: Endpoint): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: [endpoint.id] });
}
