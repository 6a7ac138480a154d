// /join/:slug — the way into a network. With an invitation link's #token=…: the invitation;
// without one: the network's join request page (or "invitation only").
import { useParams } from "react-router";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { NotFoundState } from "../platform/ui/page-states.tsx";
import { InvitationFlow } from "./invitation-flow.tsx";
import { JoinRequestFlow } from "./join-request-flow.tsx";
import { useJoinToken } from "./join-token.ts";

export function JoinPage() {
  const { slug } = useParams();
  // One network per mount: the token kept for one must not follow a link to another.
  return slug ? <JoinNetwork key={slug} slug={slug.toLowerCase()} /> : <NoNetwork />;
}

function NoNetwork() {
  const t = useT();
  usePageTitle(t("join.title"));
  return <NotFoundState />;
}

function JoinNetwork({ slug }: { slug: string }) {
  const { token, forget } = useJoinToken(slug);
  if (token !== null) return <InvitationFlow slug={slug} token={token} onRequestInstead={forget} />;
  return <JoinRequestFlow slug={slug} />;
}
