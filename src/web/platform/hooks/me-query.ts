// The one query for the signed-in account (`GET /api/me`), shared by the shell, i18n and dates.
import { queryOptions } from "@tanstack/react-query";
import { accounts } from "../../../shared/contract/index.ts";
import type { Me } from "../../../shared/contract/accounts.ts";
import { callApi, rememberCsrfToken } from "../api.ts";
import { queryClient, queryKeyOf } from "../query.ts";

export const meQuery = queryOptions({
  queryKey: queryKeyOf(accounts.getMe),
  queryFn: async ({ signal }): Promise<Me> => {
    const me = await callApi(accounts.getMe, { signal });
    rememberCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 60_000,
  retry: false,
});

/** After sign-in or setup the server answers with the same shape as /api/me: seed the cache. */
export function setMe(me: Me): void {
  rememberCsrfToken(me.csrfToken);
  queryClient.setQueryData(meQuery.queryKey, me);
}
