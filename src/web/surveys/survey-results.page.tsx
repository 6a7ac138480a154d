// /n/:slug/surveys/:surveyId/results — for admins and the event's organisers: the response rate,
// per question the distribution as bars, the share of the top box and the mean (ratings), NPS with
// promoters, passives and detractors, the free-text answers (named surveys with who wrote them),
// the CSV download and closing the survey.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { IconDownload, IconInfoCircle, IconLock } from "@tabler/icons-react";
import { useId, useState } from "react";
import { useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { surveys } from "../../shared/contract/index.ts";
import type { QuestionResult, SurveyResults } from "../../shared/contract/surveys.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { LoadingState } from "../platform/ui/page-states.tsx";
import { SurveyBadges, SurveyFacts } from "./survey-badges.tsx";
import { DistributionBars, NpsSummary, npsColor, percentText } from "./survey-charts.tsx";
import { SurveyFrame, SurveyLoadError } from "./survey-frame.tsx";
import { useSurveyT } from "./survey-i18n.ts";
import { refreshSurveys, surveyCsvUrl, useSurveyResults } from "./survey-queries.ts";

export function SurveyResultsPage() {
  const { surveyId = "" } = useParams();
  return <SurveyFrame title={null}>{(network) => <ResultsLoader key={surveyId} network={network} surveyId={surveyId} />}</SurveyFrame>;
}

function ResultsLoader({ network, surveyId }: { network: MyNetwork; surveyId: string }) {
  const st = useSurveyT();
  const query = useSurveyResults(network.id, surveyId);
  if (query.isPending) return <LoadingState lines={10} />;
  if (query.isError) {
    if (isApiError(query.error, "forbidden"))
      return (
        <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} role="alert">
          {st("surveys.resultsPage.notAllowed")}
        </Alert>
      );
    return <SurveyLoadError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <Results network={network} results={query.data} />;
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl">
        {value}
      </Text>
    </Paper>
  );
}

function Results({ network, results }: { network: MyNetwork; results: SurveyResults }) {
  const st = useSurveyT();
  const format = useFormat();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const survey = results.survey;
  const close = useMutation({
    mutationFn: () => callApi(surveys.closeSurvey, { params: { networkId: network.id, surveyId: survey.id } }),
    onSuccess: async () => {
      setConfirming(false);
      notify.success(st("surveys.resultsPage.closed"));
      await refreshSurveys();
    },
    onError: (error) => {
      setConfirming(false);
      notify.error(error);
    },
  });
  const actions = (
    <>
      <Button
        component="a"
        href={surveyCsvUrl(network.id, survey.id)}
        download
        variant="default"
        leftSection={<IconDownload size={18} aria-hidden />}
      >
        {st("surveys.resultsPage.csv")}
      </Button>
      {survey.status === "open" && (
        <Button color="red" variant="light" leftSection={<IconLock size={18} aria-hidden />} onClick={() => setConfirming(true)}>
          {st("surveys.resultsPage.close")}
        </Button>
      )}
    </>
  );
  return (
    <Stack gap="lg">
      <PageHeader
        title={st("surveys.resultsPage.title", { title: survey.title })}
        description={<SurveyFacts survey={survey} />}
        actions={actions}
      />
      <SurveyBadges survey={survey} />
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Stat label={st("surveys.resultsPage.responses")} value={format.number(results.responseCount)} />
        <Stat label={st("surveys.resultsPage.recipients")} value={format.number(results.recipientCount)} />
        <Stat label={st("surveys.resultsPage.rate")} value={percentText(results.responseRate, format.number)} />
      </SimpleGrid>
      {results.responseCount === 0 && (
        <Alert variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
          {st("surveys.resultsPage.noResponses")}
        </Alert>
      )}
      {results.questions.map((result, index) => (
        <QuestionResultView key={result.question.id} result={result} index={index} anonymous={survey.anonymous} />
      ))}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => close.mutate()}
        title={st("surveys.resultsPage.closeConfirmTitle")}
        confirmLabel={st("surveys.resultsPage.close")}
        pending={close.isPending}
      >
        {st("surveys.resultsPage.closeConfirmBody")}
      </ConfirmModal>
    </Stack>
  );
}

function QuestionResultView({ result, index, anonymous }: { result: QuestionResult; index: number; anonymous: boolean }) {
  const st = useSurveyT();
  const format = useFormat();
  const headingId = useId();
  const kind = result.question.kind;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId} style={{ overflowWrap: "anywhere" }}>
            {`${index + 1}. ${result.question.label}`}
          </Title>
          <Text size="sm" c="dimmed">
            {st(`surveys.builder.kind.${kind}`)} · {st("surveys.resultsPage.answeredCount", { count: format.number(result.answered) })}
          </Text>
        </Stack>
        {kind === "rating" && (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <Stat label={st("surveys.resultsPage.mean")} value={result.mean === null ? "—" : format.number(result.mean)} />
            <Stat label={st("surveys.resultsPage.topBox")} value={percentText(result.topBox, format.number)} />
            <Stat label={st("surveys.resultsPage.topTwoBox")} value={percentText(result.topTwoBox, format.number)} />
          </SimpleGrid>
        )}
        {kind === "nps" && <NpsSummary result={result} />}
        {kind !== "text" && <DistributionBars result={result} highlight={kind === "nps" ? npsColor : undefined} />}
        {kind === "text" && <TextAnswers result={result} anonymous={anonymous} />}
      </Stack>
    </Paper>
  );
}

function TextAnswers({ result, anonymous }: { result: QuestionResult; anonymous: boolean }) {
  const st = useSurveyT();
  const format = useFormat();
  if (result.texts.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {st("surveys.resultsPage.noResponses")}
      </Text>
    );
  return (
    <Stack gap="xs">
      {anonymous && (
        <Text size="xs" c="dimmed">
          {st("surveys.resultsPage.anonymousTexts")}
        </Text>
      )}
      <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {result.texts.map((text, i) => (
          <Paper key={i} component="li" p="sm" bg="var(--mantine-color-gray-0)">
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {text.text}
            </Text>
            {text.respondent && (
              <Text size="xs" c="dimmed" mt={4}>
                — {text.respondent.displayName || st("surveys.resultsPage.someone")}
              </Text>
            )}
          </Paper>
        ))}
      </Stack>
      {result.textTotal > result.texts.length && (
        <Group>
          <Text size="sm" c="dimmed">
            {st("surveys.resultsPage.textsMore", { count: format.number(result.textTotal - result.texts.length) })}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
