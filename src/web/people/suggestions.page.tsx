// /n/:slug/people/suggestions — every "people you may know" suggestion with its reasons.
import { useT } from "../platform/i18n/i18n.context.tsx";
import { DirectoryFrame } from "./directory-frame.tsx";
import { SuggestionsList } from "./suggestions-list.tsx";

export function SuggestionsPage() {
  const t = useT();
  return (
    <DirectoryFrame section="suggestions" title={t("suggestions.title")} description={t("suggestions.lead")}>
      {(network) => <SuggestionsList network={network} />}
    </DirectoryFrame>
  );
}
