// Who is signed in on the (public) join page, and the account refresh after joining.
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Me } from "../../shared/contract/accounts.ts";
import { accounts } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { meQuery } from "../platform/hooks/me-query.ts";
import { queryClient } from "../platform/query.ts";

/**
 * The signed-in account, if any. Opened from a mail, this tab may or may not have a session; a 401
 * here only means "signed out" (/join is a public path: nobody is sent to sign-in).
 */
export function useSessionMe(): { pending: boolean; me: Me | undefined } {
  const me = useQuery(meQuery);
  // Pending only until the first answer: asking again after joining (a 401 before, so no data)
  // puts the query back to "pending", and the page must not fall back to its skeleton then.
  const [answered, setAnswered] = useState(!me.isPending);
  if (!answered && !me.isPending) setAnswered(true);
  return { pending: !answered, me: me.data };
}

/** Ask /api/me again (a join just added a network, or created the session): the shell and the switcher need it. */
export function refreshMe(): Promise<Me> {
  return queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
}

/** Sign out but stay on the page: it then offers the invited address's way in. */
export async function signOutHere(): Promise<void> {
  try {
    await callApi(accounts.signOut);
  } finally {
    // Whatever was cached belonged to that session; asking /api/me again now answers "signed out".
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQuery.queryKey[0] });
    await queryClient.resetQueries({ queryKey: meQuery.queryKey });
  }
}
