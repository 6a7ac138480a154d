// "People you may know" as a grid of suggestion cards: the whole list on its own page, the first
// few as a section of the directory. With nothing to suggest, the page asks the member to state
// their departments and join year (what most suggestions are made from); the section stays away.
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconArrowRight, IconSparkles } from "@tabler/icons-react";
import { useId } from "react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { EmptyView, ErrorState } from "../platform/ui/page-states.tsx";
import { peoplePath } from "./directory-frame.tsx";
import { useSuggestions } from "./directory-queries.ts";
import { CardSkeletons } from "./directory-results.tsx";
import { SuggestionCard } from "./suggestions-card.tsx";

const listReset = { listStyle: "none", padding: 0, margin: 0 } as const;

/** Where a member states their departments and join year in this network. */
export const myMemberProfilePath = (slug: string) => `/n/${slug}/profile`;

function SuggestionGrid({ network, limit }: { network: MyNetwork; limit?: number }) {
  const t = useT();
  const query = useSuggestions(network.id);
  if (query.isPending) return <CardSkeletons count={limit ?? 6} label={t("common.loading")} />;
  if (query.isError) return <ErrorState title={t("suggestions.error")} error={query.error} onRetry={() => void query.refetch()} />;
  const items = limit === undefined ? query.data.items : query.data.items.slice(0, limit);
  if (items.length === 0)
    return (
      <EmptyView title={t("suggestions.emptyTitle")} description={t("suggestions.emptyBody")} icon={<IconSparkles aria-hidden />}>
        <Button component={Link} to={myMemberProfilePath(network.slug)} variant="light">
          {t("suggestions.editProfile")}
        </Button>
      </EmptyView>
    );
  return (
    <SimpleGrid component="ul" cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" style={listReset}>
      {items.map(({ person, reasons }) => (
        <li key={person.memberId}>
          <SuggestionCard network={network} person={person} reasons={reasons} />
        </li>
      ))}
    </SimpleGrid>
  );
}

export function SuggestionsList({ network }: { network: MyNetwork }) {
  return <SuggestionGrid network={network} />;
}

/** The directory's section: the first three, when there are any, and a link to the rest. */
export function SuggestionsPreview({ network }: { network: MyNetwork }) {
  const t = useT();
  const titleId = useId();
  const query = useSuggestions(network.id);
  if (!query.data || query.data.items.length === 0) return null;
  const more = query.data.items.length > 3;
  return (
    <Paper component="section" aria-labelledby={titleId} withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" gap="xs">
          <div>
            <Title order={2} size="h4" id={titleId}>
              {t("suggestions.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("suggestions.lead")}
            </Text>
          </div>
          {more && (
            <Anchor component={Link} to={peoplePath(network.slug, "suggestions")} size="sm">
              {t("suggestions.seeAll")}
              <IconArrowRight size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineStart: 4 }} />
            </Anchor>
          )}
        </Group>
        <SuggestionGrid network={network} limit={3} />
      </Stack>
    </Paper>
  );
}
