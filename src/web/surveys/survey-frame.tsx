// The frame of every survey page: resolves :slug to one of the member's networks (not found
// otherwise), sets the document title and offers the way back to the list.
import { Anchor, Group, Stack } from "@mantine/core";
import { IconArrowLeft } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { isApiError } from "../platform/api.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ErrorState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { useSurveyT } from "./survey-i18n.ts";
import { surveysPath } from "./survey-queries.ts";

export function SurveyFrame({
  title,
  back = true,
  children,
}: {
  /** The document title (the page sets its own <h1>); null while loading. */
  title: string | null;
  back?: boolean;
  children: (network: MyNetwork) => ReactNode;
}) {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  const st = useSurveyT();
  usePageTitle(network ? (title ?? st("surveys.title")) : t("notFound.title"));
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <Stack gap="md">
      {back && (
        <Group>
          <Anchor component={Link} to={surveysPath(network.slug)} size="sm">
            <Group gap={4} component="span">
              <IconArrowLeft size={16} aria-hidden />
              {st("surveys.back")}
            </Group>
          </Anchor>
        </Group>
      )}
      {children(network)}
    </Stack>
  );
}

/** A survey that fails to load: unknown or not the caller's (404, or a malformed id) reads as not found. */
export function SurveyLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const st = useSurveyT();
  if (isApiError(error, "not_found") || isApiError(error, "validation_failed"))
    return <NotFoundState title={st("surveys.notFoundTitle")} description={st("surveys.notFoundBody")} headingOrder={1} />;
  return <ErrorState error={error} onRetry={onRetry} />;
}
