// Save profile fields (name, language, time zone) and put the answer straight into the cached account.
import { useMutation } from "@tanstack/react-query";
import { accounts } from "../../shared/contract/index.ts";
import type { Me } from "../../shared/contract/accounts.ts";
import type { BodyOf } from "../../shared/contract/endpoint.ts";
import { callApi } from "../platform/api.ts";
import { meQuery } from "../platform/hooks/me-query.ts";
import { invalidate, queryClient } from "../platform/query.ts";

export function useUpdateMe() {
  return useMutation({
    mutationFn: (body: BodyOf<typeof accounts.updateMe>) => callApi(accounts.updateMe, { body }),
    onSuccess: async (account) => {
      queryClient.setQueryData<Me>(meQuery.queryKey, (me) => (me ? { ...me, account } : me));
      await invalidate(accounts.getMe);
    },
  });
}
