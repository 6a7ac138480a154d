// 404 for any URL the app does not know.
import { usePageTitle } from "../hooks/use-page-title.ts";
import { useT } from "../i18n/i18n.context.tsx";
import { NotFoundState } from "../ui/page-states.tsx";

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t("notFound.title"));
  return <NotFoundState />;
}
