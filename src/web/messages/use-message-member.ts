// "Message" beside a person (their profile, a suggestion): opens the direct conversation with them
// and goes there. The server finds or starts it, and the member's own "who may message me"
// decides; a refusal is shown as a toast in the server's words.
import { useMutation } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { messages } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { invalidate } from "../platform/query.ts";
import { useProblemNotice } from "../members/use-problem.ts";

export function useMessageMember(network: MyNetwork) {
  const navigate = useNavigate();
  const notice = useProblemNotice();
  return useMutation({
    mutationFn: (memberId: string) => callApi(messages.openDirectConversation, { params: { networkId: network.id }, body: { memberId } }),
    onSuccess: async (conversation) => {
      await invalidate(messages.listConversations);
      await navigate(`/n/${network.slug}/messages/${conversation.id}`);
    },
    onError: notice,
  });
}
