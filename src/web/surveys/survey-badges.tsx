// The small facts of a survey shown wherever it is listed: its state, anonymous or named, sent
// automatically, whom it goes to, when it closes, and for those who manage it how many answered.
import { Badge, Group, Text } from "@mantine/core";
import type { SurveyCard } from "../../shared/contract/surveys.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useSurveyT } from "./survey-i18n.ts";

const statusColor = { draft: "gray", open: "teal", closed: "dark" } as const;

export function SurveyBadges({ survey }: { survey: SurveyCard }) {
  const st = useSurveyT();
  return (
    <Group gap={6}>
      <Badge variant="light" color={statusColor[survey.status]}>
        {st(`surveys.status.${survey.status}`)}
      </Badge>
      <Badge variant="outline" color="gray">
        {survey.anonymous ? st("surveys.anonymous") : st("surveys.named")}
      </Badge>
      {survey.automatic && (
        <Badge variant="outline" color="gray">
          {st("surveys.automatic")}
        </Badge>
      )}
      {survey.myResponse && survey.status !== "draft" && (
        <Badge variant="light" color={survey.myResponse === "answered" ? "green" : "orange"}>
          {st(`surveys.mine.${survey.myResponse}`)}
        </Badge>
      )}
    </Group>
  );
}

export function useAudienceText(): (survey: Pick<SurveyCard, "audience">) => string {
  const st = useSurveyT();
  return ({ audience }) => {
    if (audience.kind === "event")
      return audience.event ? st("surveys.audience.event", { title: audience.event.title }) : st("surveys.audience.eventUnknown");
    if (audience.kind === "room")
      return audience.room ? st("surveys.audience.room", { name: audience.room.name }) : st("surveys.audience.roomUnknown");
    return st("surveys.audience.network");
  };
}

/** "Closes …" and, for those who manage it, "8 of 12 answered". */
export function SurveyFacts({ survey }: { survey: SurveyCard }) {
  const st = useSurveyT();
  const format = useFormat();
  const audience = useAudienceText();
  const parts = [
    audience(survey),
    survey.closesAt ? st("surveys.closesAt", { time: format.dateTime(survey.closesAt) }) : st("surveys.noDeadline"),
  ];
  if (survey.recipientCount !== null && survey.responseCount !== null && survey.status !== "draft")
    parts.push(
      st("surveys.responses", { responses: format.number(survey.responseCount), recipients: format.number(survey.recipientCount) }),
    );
  return (
    <Text size="sm" c="dimmed">
      {parts.join(" · ")}
    </Text>
  );
}
