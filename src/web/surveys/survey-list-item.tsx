// A survey in a list: its title, facts and the actions the caller has (answer, see what they
// answered, edit the draft, see the results). Used by the surveys page and the event's panel.
import { Button, Group, Paper, Stack, Title } from "@mantine/core";
import { IconChartBar, IconPencil } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { SurveyCard } from "../../shared/contract/surveys.ts";
import { SurveyBadges, SurveyFacts } from "./survey-badges.tsx";
import { useSurveyT } from "./survey-i18n.ts";
import { editSurveyPath, surveyPath, surveyResultsPath } from "./survey-queries.ts";

/** One survey: its title (a link to answer or to see it), its facts and the actions the caller has. */
export function SurveyListItem({ slug, survey, headingOrder = 3 }: { slug: string; survey: SurveyCard; headingOrder?: 3 | 4 }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={headingOrder} size="h4" style={{ overflowWrap: "anywhere" }}>
            {survey.title}
          </Title>
          <SurveyBadges survey={survey} />
        </Group>
        <SurveyFacts survey={survey} />
        <SurveyActions slug={slug} survey={survey} />
      </Stack>
    </Paper>
  );
}

export function SurveyActions({ slug, survey }: { slug: string; survey: SurveyCard }) {
  const st = useSurveyT();
  const buttons: ReactNode[] = [];
  if (survey.can.answer)
    buttons.push(
      <Button key="answer" component={Link} to={surveyPath(slug, survey.id)} size="xs">
        {st("surveys.answer")}
      </Button>,
    );
  else if (survey.myResponse === "answered")
    buttons.push(
      <Button key="view" component={Link} to={surveyPath(slug, survey.id)} size="xs" variant="default">
        {st("surveys.viewAnswered")}
      </Button>,
    );
  if (survey.can.manage && survey.status === "draft")
    buttons.push(
      <Button
        key="edit"
        component={Link}
        to={editSurveyPath(slug, survey.id)}
        size="xs"
        variant="light"
        leftSection={<IconPencil size={14} aria-hidden />}
      >
        {st("surveys.edit")}
      </Button>,
    );
  if (survey.can.manage && survey.status !== "draft")
    buttons.push(
      <Button
        key="results"
        component={Link}
        to={surveyResultsPath(slug, survey.id)}
        size="xs"
        variant="light"
        leftSection={<IconChartBar size={14} aria-hidden />}
      >
        {st("surveys.results")}
      </Button>,
    );
  if (buttons.length === 0) return null;
  return <Group gap="xs">{buttons}</Group>;
}
