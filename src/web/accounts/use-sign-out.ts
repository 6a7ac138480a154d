// Sign out this session: leave the signed-in pages first, then forget every cached answer.
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { queryClient } from "../platform/query.ts";

export function useSignOut() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => callApi(accounts.signOut),
    // Even if the server already forgot the session, the member asked to leave: do so.
    onSettled: async () => {
      await navigate("/sign-in", { replace: true, state: { notice: "signedOut" } });
      queryClient.clear();
    },
  });
}
