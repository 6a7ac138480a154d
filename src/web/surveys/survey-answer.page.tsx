// /n/:slug/surveys/:surveyId — answering a survey: its questions, each with its own input and
// error, sent all at once (the server keeps nothing unless every answer is right). Then a thank-you.
// Already answered, closed, a draft, or seen by someone who manages it without being asked: said so,
// with the questions shown but not answerable.
import { Alert, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { IconChartBar, IconCircleCheck, IconInfoCircle, IconLock, IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { surveys } from "../../shared/contract/index.ts";
import type { Survey } from "../../shared/contract/surveys.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { focusFirstError } from "../platform/forms.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { LoadingState } from "../platform/ui/page-states.tsx";
import { AnswerField, type AnswerState } from "./survey-answer-fields.tsx";
import { SurveyBadges, SurveyFacts } from "./survey-badges.tsx";
import { SurveyFrame, SurveyLoadError } from "./survey-frame.tsx";
import { useSurveyT } from "./survey-i18n.ts";
import { editSurveyPath, refreshSurveys, surveyResultsPath, useSurvey } from "./survey-queries.ts";

export function SurveyAnswerPage() {
  const { surveyId = "" } = useParams();
  return <SurveyFrame title={null}>{(network) => <SurveyLoader key={surveyId} network={network} surveyId={surveyId} />}</SurveyFrame>;
}

function SurveyLoader({ network, surveyId }: { network: MyNetwork; surveyId: string }) {
  const query = useSurvey(network.id, surveyId);
  if (query.isPending) return <LoadingState lines={8} />;
  if (query.isError) return <SurveyLoadError error={query.error} onRetry={() => void query.refetch()} />;
  return <SurveyView network={network} survey={query.data} />;
}

function Notice({ icon, color, title, children }: { icon: ReactNode; color: string; title: string; children?: string }) {
  return (
    <Alert variant="light" color={color} icon={icon} title={title}>
      {children}
    </Alert>
  );
}

function SurveyView({ network, survey }: { network: MyNetwork; survey: Survey }) {
  const st = useSurveyT();
  const [answers, setAnswers] = useState<Record<string, AnswerState>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [thanked, setThanked] = useState(false);

  const send = useMutation({
    mutationFn: () =>
      callApi(surveys.answerSurvey, {
        params: { networkId: network.id, surveyId: survey.id },
        body: { answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== "")) },
      }),
    onSuccess: async () => {
      setThanked(true);
      setErrors({});
      window.scrollTo({ top: 0 });
      await refreshSurveys();
    },
    onError: (error) => {
      if (isApiError(error, "validation_failed")) {
        setErrors(error.fields);
        focusFirstError(error.fields);
      }
    },
  });

  const answerable = survey.can.answer && !thanked;
  const actions = survey.can.manage ? (
    survey.status === "draft" ? (
      <Button
        component={Link}
        to={editSurveyPath(network.slug, survey.id)}
        variant="light"
        leftSection={<IconPencil size={16} aria-hidden />}
      >
        {st("surveys.edit")}
      </Button>
    ) : (
      <Button
        component={Link}
        to={surveyResultsPath(network.slug, survey.id)}
        variant="light"
        leftSection={<IconChartBar size={16} aria-hidden />}
      >
        {st("surveys.results")}
      </Button>
    )
  ) : undefined;

  // A 409 says why in its field message (closed, already answered); other failures as usual.
  const conflictMessage = isApiError(send.error, "conflict") ? (send.error.fields.survey ?? send.error.message) : null;
  const otherError = send.error && !isApiError(send.error, "validation_failed") && !conflictMessage ? send.error : null;

  return (
    <Stack gap="md">
      <PageHeader title={survey.title} description={<SurveyFacts survey={survey} />} actions={actions} />
      <SurveyBadges survey={survey} />
      {thanked ? (
        <Notice icon={<IconCircleCheck aria-hidden />} color="green" title={st("surveys.answerPage.thanksTitle")}>
          {st("surveys.answerPage.thanksBody")}
        </Notice>
      ) : survey.myResponse === "answered" ? (
        <Notice icon={<IconCircleCheck aria-hidden />} color="green" title={st("surveys.answerPage.alreadyTitle")}>
          {st("surveys.answerPage.alreadyBody")}
        </Notice>
      ) : survey.status === "closed" ? (
        <Notice icon={<IconLock aria-hidden />} color="gray" title={st("surveys.answerPage.closedTitle")}>
          {st("surveys.answerPage.closedBody")}
        </Notice>
      ) : survey.status === "draft" ? (
        <Notice icon={<IconInfoCircle aria-hidden />} color="gray" title={st("surveys.answerPage.draft")} />
      ) : !survey.myResponse ? (
        <Notice icon={<IconInfoCircle aria-hidden />} color="gray" title={st("surveys.answerPage.preview")} />
      ) : null}

      {!thanked && (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (answerable) send.mutate();
          }}
        >
          <Stack gap="md">
            {survey.description && <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{survey.description}</Text>}
            <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
              <Stack gap={2}>
                <Text size="sm">{survey.anonymous ? st("surveys.answerPage.anonymous") : st("surveys.answerPage.named")}</Text>
                <Text size="sm" c="dimmed">
                  {st("surveys.answerPage.requiredNote")}
                </Text>
              </Stack>
            </Paper>
            {Object.keys(errors).length > 0 && (
              <Alert color="red" variant="light" role="alert">
                {errors.answers ?? st("surveys.answerPage.fixErrors")}
              </Alert>
            )}
            {survey.questions.map((question, index) => (
              <AnswerField
                key={question.id}
                question={question}
                index={index}
                value={answers[question.id] ?? null}
                error={errors[`answers.${question.id}`]}
                disabled={!answerable}
                onChange={(value) => {
                  setAnswers((current) => ({ ...current, [question.id]: value }));
                  setErrors((current) => {
                    const { [`answers.${question.id}`]: _dropped, ...rest } = current;
                    return rest;
                  });
                }}
              />
            ))}
            {conflictMessage && (
              <Alert color="orange" variant="light" role="alert">
                {conflictMessage}
              </Alert>
            )}
            <FormError error={otherError} />
            {answerable && (
              <Group justify="flex-end">
                <Button type="submit" loading={send.isPending} size="md">
                  {st("surveys.answerPage.submit")}
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Stack>
  );
}
