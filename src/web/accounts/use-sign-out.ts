// Sign out this session: leave the signed-in pages; the sign-in page then forgets every cached answer.
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import { callApi, setSigningOut } from "../platform/api.ts";
import { queryClient } from "../platform/query.ts";
import { useStopRealtime } from "../platform/realtime/realtime.context.tsx";

export function useSignOut() {
  const navigate = useNavigate();
  const stopRealtime = useStopRealtime();
  return useMutation({
    mutationFn: async () => {
      // Requests in flight and the socket's "session ended" would otherwise race the page below
      // and greet the member with "your session expired" instead of "you have signed out".
      setSigningOut(true);
      stopRealtime();
      await queryClient.cancelQueries();
      return callApi(accounts.signOut);
    },
    // Even if the server already forgot the session, the member asked to leave: do so.
    // The sign-in page then forgets what this session cached (sign-in.page.tsx).
    onSettled: async () => {
      try {
        await navigate("/sign-in", { replace: true, state: { notice: "signedOut" } });
      } finally {
        setSigningOut(false);
      }
    },
  });
}
