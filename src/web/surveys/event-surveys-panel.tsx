// The surveys of one event, for the event's page: each with "answer" or "results", and for the
// host's admins and the event's organisers "create a survey". Shows nothing when there is nothing
// for the viewer (no survey sent to them, and they cannot create one).
import { Button, Group, Paper, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconClipboardList, IconPlus } from "@tabler/icons-react";
import { useId } from "react";
import { Link } from "react-router";
import { useMe } from "../platform/hooks/use-me.ts";
import { SurveyBadges, SurveyFacts } from "./survey-badges.tsx";
import { useSurveyT } from "./survey-i18n.ts";
import { newSurveyPath, useEventSurveys } from "./survey-queries.ts";
import { SurveyActions } from "./survey-list-item.tsx";

export function EventSurveysPanel({ networkId, eventId }: { networkId: string; eventId: string }) {
  const st = useSurveyT();
  const headingId = useId();
  const slug = useMe().networks.find((n) => n.id === networkId)?.slug;
  const query = useEventSurveys(networkId, eventId, slug !== undefined);
  if (!slug) return null;
  if (query.isPending)
    return (
      <Paper withBorder p="md" role="status" aria-label={st("surveys.panel.title")}>
        <Skeleton height={16} width="40%" mb="sm" />
        <Skeleton height={12} />
      </Paper>
    );
  if (query.isError)
    return (
      <Text size="sm" c="dimmed" role="alert">
        {st("surveys.panel.error")}
      </Text>
    );
  const { items, canCreate } = query.data;
  if (items.length === 0 && !canCreate) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Group gap={6}>
            <IconClipboardList size={20} aria-hidden />
            <Title order={2} size="h4" id={headingId}>
              {st("surveys.panel.title")}
            </Title>
          </Group>
          {canCreate && (
            <Button
              component={Link}
              to={newSurveyPath(slug, eventId)}
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
            >
              {st("surveys.panel.create")}
            </Button>
          )}
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {st("surveys.panel.empty")}
          </Text>
        ) : (
          <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {items.map((survey) => (
              <Stack key={survey.id} gap={4} component="li">
                <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                  {survey.title}
                </Text>
                <SurveyBadges survey={survey} />
                <SurveyFacts survey={survey} />
                <SurveyActions slug={slug} survey={survey} />
              </Stack>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
