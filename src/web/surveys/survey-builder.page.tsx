// /n/:slug/surveys/new (?eventId=… for an event's survey) and /n/:slug/surveys/:surveyId/edit — the
// builder: title, description, anonymous or named, whom it goes to, an optional deadline and the
// questions. Saved as a draft, or sent after a confirmation (the recipients are fixed then).
import { Alert, Button, Group, Paper, Radio, Select, Stack, Switch, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery } from "@tanstack/react-query";
import { IconInfoCircle, IconPlus, IconSend } from "@tabler/icons-react";
import { useState } from "react";
import { useNavigate, useParams, useSearchParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { rooms, surveys } from "../../shared/contract/index.ts";
import type { Survey } from "../../shared/contract/surveys.ts";
import { surveyLimits } from "../../shared/contract/surveys.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { focusFirstError } from "../platform/forms.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { apiQuery } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { FormError } from "../platform/ui/form-error.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { LoadingState } from "../platform/ui/page-states.tsx";
import type { BuilderValues } from "./survey-builder-values.ts";
import { emptyValues, formPath, newQuestion, toInput, validateBuilder, valuesOf } from "./survey-builder-values.ts";
import { SurveyFrame, SurveyLoadError } from "./survey-frame.tsx";
import { useSurveyT } from "./survey-i18n.ts";
import { QuestionEditor } from "./survey-question-editor.tsx";
import { editSurveyPath, refreshSurveys, surveyResultsPath, useEventSurveys, useSurvey } from "./survey-queries.ts";

export function NewSurveyPage() {
  const st = useSurveyT();
  const [search] = useSearchParams();
  const eventId = search.get("eventId") ?? "";
  return (
    <SurveyFrame title={st("surveys.builder.newTitle")}>
      {(network) =>
        eventId ? <NewEventSurvey key={eventId} network={network} eventId={eventId} /> : <NewNetworkSurvey network={network} />
      }
    </SurveyFrame>
  );
}

function NotAllowed() {
  const st = useSurveyT();
  return (
    <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} role="alert">
      {st("surveys.builder.notAllowed")}
    </Alert>
  );
}

function NewNetworkSurvey({ network }: { network: MyNetwork }) {
  const st = useSurveyT();
  if (network.role !== "admin")
    return (
      <>
        <PageHeader title={st("surveys.builder.newTitle")} />
        <NotAllowed />
      </>
    );
  return <Builder network={network} initial={emptyValues("network", "")} eventTitle={null} survey={null} />;
}

function NewEventSurvey({ network, eventId }: { network: MyNetwork; eventId: string }) {
  const st = useSurveyT();
  const query = useEventSurveys(network.id, eventId);
  if (query.isPending) return <LoadingState lines={6} />;
  if (query.isError) return <SurveyLoadError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.canCreate)
    return (
      <>
        <PageHeader title={st("surveys.builder.newTitle")} />
        <NotAllowed />
      </>
    );
  return <Builder network={network} initial={emptyValues("event", eventId)} eventTitle={query.data.event.title} survey={null} />;
}

export function EditSurveyPage() {
  const st = useSurveyT();
  return <SurveyFrame title={st("surveys.builder.editTitle")}>{(network) => <EditSurvey network={network} />}</SurveyFrame>;
}

function EditSurvey({ network }: { network: MyNetwork }) {
  const st = useSurveyT();
  const { surveyId = "" } = useParams();
  const { timeZone } = useFormat();
  const query = useSurvey(network.id, surveyId);
  if (query.isPending) return <LoadingState lines={6} />;
  if (query.isError) return <SurveyLoadError error={query.error} onRetry={() => void query.refetch()} />;
  const survey = query.data;
  if (!survey.can.manage || survey.status !== "draft")
    return (
      <>
        <PageHeader title={survey.title} />
        <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} role="alert">
          {survey.can.manage ? st("surveys.builder.notDraft") : st("surveys.builder.notAllowed")}
        </Alert>
      </>
    );
  return (
    <Builder
      key={survey.id}
      network={network}
      initial={valuesOf(survey, timeZone)}
      eventTitle={survey.audience.event?.title ?? null}
      survey={survey}
    />
  );
}

function Builder({
  network,
  initial,
  eventTitle,
  survey,
}: {
  network: MyNetwork;
  initial: BuilderValues;
  /** Set for an event's survey: its audience is that event's attendees, nothing else. */
  eventTitle: string | null;
  /** The draft being edited (null: a new survey). */
  survey: Survey | null;
}) {
  const st = useSurveyT();
  const notify = useNotify();
  const navigate = useNavigate();
  const { timeZone } = useFormat();
  const [confirming, setConfirming] = useState(false);
  const form = useForm<BuilderValues>({
    initialValues: initial,
    validate: (values) => validateBuilder(values, timeZone, st),
  });
  const forEvent = initial.audience === "event";
  const roomList = useQuery({ ...apiQuery(rooms.listRooms, { params: { networkId: network.id } }), enabled: !forEvent });
  const roomOptions = (roomList.data?.items ?? []).filter((r) => r.archivedAt === null).map((r) => ({ value: r.id, label: r.name }));

  const save = useMutation({
    mutationFn: (send: boolean) => {
      const body = toInput(form.getValues(), send, timeZone);
      return survey
        ? callApi(surveys.updateSurvey, { params: { networkId: network.id, surveyId: survey.id }, body })
        : callApi(surveys.createSurvey, { params: { networkId: network.id }, body });
    },
    onSuccess: async (saved) => {
      setConfirming(false);
      await refreshSurveys();
      if (saved.status === "draft") {
        notify.success(st("surveys.builder.saved"));
        if (!survey) await navigate(editSurveyPath(network.slug, saved.id), { replace: true });
      } else {
        notify.success(st("surveys.builder.sent", { count: saved.recipientCount ?? 0 }));
        await navigate(surveyResultsPath(network.slug, saved.id));
      }
    },
    onError: (error) => {
      setConfirming(false);
      if (isApiError(error) && Object.keys(error.fields).length > 0) {
        const errors = Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [formPath(key), message]));
        form.setErrors(errors);
        focusFirstError(errors);
      }
    },
  });

  const submit = (send: boolean) => {
    const result = form.validate();
    if (result.hasErrors) {
      focusFirstError(result.errors);
      return;
    }
    if (send) setConfirming(true);
    else save.mutate(false);
  };

  const values = form.getValues();
  const fieldError = save.error && !(isApiError(save.error) && Object.keys(save.error.fields).length > 0) ? save.error : null;

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit(true);
      }}
    >
      <PageHeader
        title={survey ? st("surveys.builder.editTitle") : st("surveys.builder.newTitle")}
        description={st("surveys.builder.lead")}
      />
      <Stack gap="lg">
        <Paper withBorder p="md" component="section" aria-label={st("surveys.builder.basics")}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {st("surveys.builder.basics")}
            </Title>
            <TextInput
              label={st("surveys.builder.titleLabel")}
              required
              maxLength={surveyLimits.titleMax}
              {...form.getInputProps("title")}
            />
            <Textarea
              label={st("surveys.builder.descriptionLabel")}
              description={st("surveys.builder.descriptionHint")}
              autosize
              minRows={2}
              maxLength={surveyLimits.descriptionMax}
              {...form.getInputProps("description")}
            />
            <Switch
              label={st("surveys.builder.anonymous")}
              description={st("surveys.builder.anonymousHint")}
              {...form.getInputProps("anonymous", { type: "checkbox" })}
            />
          </Stack>
        </Paper>

        <Paper withBorder p="md" component="section" aria-label={st("surveys.builder.audience")}>
          <Stack gap="sm">
            {forEvent ? (
              <Stack gap={4}>
                <Title order={2} size="h4">
                  {st("surveys.builder.audience")}
                </Title>
                <Text fw={500}>{st("surveys.builder.audience.event", { title: eventTitle ?? "" })}</Text>
                <Text size="sm" c="dimmed">
                  {st("surveys.builder.audience.eventHint")}
                </Text>
              </Stack>
            ) : (
              <Radio.Group
                label={
                  <Title order={2} size="h4" component="span">
                    {st("surveys.builder.audience")}
                  </Title>
                }
                value={values.audience}
                onChange={(value) => form.setFieldValue("audience", value)}
                error={form.errors.audience}
              >
                <Stack gap="xs" mt="xs">
                  <Radio value="room" label={st("surveys.builder.audience.room")} description={st("surveys.builder.audience.roomHint")} />
                  <Radio
                    value="network"
                    label={st("surveys.builder.audience.network")}
                    description={st("surveys.builder.audience.networkHint")}
                  />
                </Stack>
              </Radio.Group>
            )}
            {forEvent && form.errors.audience && (
              <Text size="sm" c="red" role="alert">
                {form.errors.audience}
              </Text>
            )}
            {values.audience === "room" && (
              <Select
                label={st("surveys.builder.room")}
                placeholder={st("surveys.builder.roomPlaceholder")}
                data={roomOptions}
                searchable
                required
                {...form.getInputProps("roomId")}
                value={values.roomId || null}
                onChange={(value: string | null) => form.setFieldValue("roomId", value ?? "")}
              />
            )}
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {st("surveys.builder.closing")}
              </Text>
              <Text size="xs" c="dimmed">
                {st("surveys.builder.closingHint", { zone: timeZone })}
              </Text>
              <Group gap="sm" align="flex-start">
                <TextInput type="date" label={st("surveys.builder.closingDate")} {...form.getInputProps("closesDate")} />
                <TextInput type="time" label={st("surveys.builder.closingTime")} {...form.getInputProps("closesTime")} />
              </Group>
            </Stack>
          </Stack>
        </Paper>

        <Stack gap="sm" component="section" aria-label={st("surveys.builder.questions")}>
          <Title order={2} size="h4">
            {st("surveys.builder.questions")}
          </Title>
          {values.questions.map((q, index) => (
            <QuestionEditor key={q.key} form={form} index={index} count={values.questions.length} />
          ))}
          {form.errors.questions && (
            <Text size="sm" c="red" role="alert">
              {form.errors.questions}
            </Text>
          )}
          <Group>
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              disabled={values.questions.length >= surveyLimits.questionsMax}
              onClick={() => form.insertListItem("questions", newQuestion("single"))}
            >
              {st("surveys.builder.addQuestion")}
            </Button>
          </Group>
        </Stack>

        <FormError error={fieldError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => submit(false)} loading={save.isPending && save.variables === false}>
            {st("surveys.builder.saveDraft")}
          </Button>
          <Button type="submit" leftSection={<IconSend size={16} aria-hidden />}>
            {st("surveys.builder.send")}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => save.mutate(true)}
        title={st("surveys.builder.sendConfirmTitle")}
        confirmLabel={st("surveys.builder.send")}
        pending={save.isPending}
        danger={false}
      >
        {st("surveys.builder.sendConfirmBody")}
      </ConfirmModal>
    </form>
  );
}
