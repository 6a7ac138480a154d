// /n/:slug/events/new and /n/:slug/events/:eventId/edit — the organisers' form. Times are entered
// as a date and a time in a chosen zone (the browser's by default) and sent as instants; an edit
// sends only what changed. The API's field errors land on the fields (end before start, deadline
// after start, capacity below those registered, unknown zone). Creating: the cover chosen here is
// uploaded right after; editing: it is changed at once.
import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconArrowLeft, IconLock } from "@tabler/icons-react";
import { useMemo, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import type { Member } from "../../shared/contract/networks.ts";
import { isApiError } from "../platform/api.ts";
import { focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, FailedReadState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { ProblemAlert } from "../members/problem-alert.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { eventPath } from "./event-card.tsx";
import { CoverField, PendingCoverField } from "./event-cover-field.tsx";
import {
  AnnouncementFields,
  BasicsFields,
  OrganizerField,
  QuestionFields,
  RegistrationFields,
  ScheduleFields,
  useEventForm,
} from "./event-form-fields.tsx";
import { emptyValues, patchFrom, serverErrorsForForm, toBody, valuesFromEvent } from "./event-form-values.ts";
import type { EventFormValues } from "./event-form-values.ts";
import { eventsPath } from "./event-list.page.tsx";
import { browserTimeZone } from "./event-time.ts";
import { eventChanged, uploadEventCover, useCreateEvent, useEvent, useUpdateEvent } from "./events-queries.ts";
import type { KnownPerson } from "./member-pick-field.tsx";

export function EventFormPage() {
  const { slug, eventId } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(eventId ? t("events.form.editTitle") : t("events.form.newTitle"));
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (eventId) return <EditLoader key={eventId} network={network} eventId={eventId} />;
  return <CreateView network={network} />;
}

function CreateView({ network }: { network: MyNetwork }) {
  const [searchParams] = useSearchParams();
  // "Create the next session" on a series page comes with the series chosen.
  const initial = useMemo(() => emptyValues(browserTimeZone(), searchParams.get("series") ?? ""), [searchParams]);
  return <EventFormView network={network} initial={initial} event={null} />;
}

function EditLoader({ network, eventId }: { network: MyNetwork; eventId: string }) {
  const t = useT();
  const query = useEvent(network.id, eventId);
  if (query.isPending) return <LoadingState lines={10} />;
  if (query.isError)
    return (
      <FailedReadState
        error={query.error}
        onRetry={() => void query.refetch()}
        notFoundTitle={t("events.notFoundTitle")}
        notFoundBody={t("events.notFoundBody")}
      />
    );
  const event = query.data;
  if (!event.can.edit) {
    return (
      <EmptyView
        headingOrder={1}
        icon={<IconLock aria-hidden />}
        title={t("events.form.forbiddenTitle")}
        description={t("events.form.forbiddenBody")}
      >
        <Button component={Link} to={eventPath(network.slug, event.id)} variant="light">
          {t("events.back")}
        </Button>
      </EmptyView>
    );
  }
  return <EditView network={network} event={event} />;
}

function EditView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  // The form starts from the event as it was first loaded; later refetches (a new cover) leave it be.
  const [initial] = useState(() => valuesFromEvent(event));
  return <EventFormView network={network} initial={initial} event={event} />;
}

function peopleOf(event: EventDetail | null): Map<string, KnownPerson> {
  const people = new Map<string, KnownPerson>();
  for (const person of [...(event?.organizers ?? []), ...(event?.invitees ?? [])]) people.set(person.memberId, person);
  return people;
}

function EventFormView({ network, initial, event }: { network: MyNetwork; initial: EventFormValues; event: EventDetail | null }) {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const creating = event === null;
  const [people, setPeople] = useState(() => peopleOf(event));
  const [coverFile, setCoverFile] = useState<File | null>(null);
  const form = useEventForm(initial);
  const create = useCreateEvent(network.id);
  const update = useUpdateEvent(network.id, event?.id ?? "");
  const saving = create.isPending || update.isPending;
  const error = creating ? create.error : update.error;

  const met = (member: Member) =>
    setPeople((current) =>
      current.has(member.id) ? current : new Map(current).set(member.id, { displayName: member.displayName, avatarUrl: member.avatarUrl }),
    );

  const onServerError = (problem: unknown) => {
    if (!isApiError(problem)) return;
    const errors = serverErrorsForForm(problem.fields);
    if (Object.keys(errors).length === 0) return;
    form.setErrors(errors);
    focusFirstError(errors);
  };

  const afterCreate = async (created: EventDetail) => {
    notify.success(t("events.form.created"));
    if (coverFile) {
      try {
        await eventChanged(network.id, await uploadEventCover(network.id, created.id, coverFile));
      } catch {
        notifications.show({
          color: "red",
          title: t("common.errorTitle"),
          message: t("events.form.coverFailed"),
          closeButtonProps: { "aria-label": t("common.close") },
          autoClose: 10_000,
        });
        await navigate(`${eventPath(network.slug, created.id)}/edit`);
        return;
      }
    }
    await navigate(eventPath(network.slug, created.id));
  };

  const submit = (values: EventFormValues) => {
    const { body } = toBody(values);
    if (creating) {
      create.mutate(body, {
        onSuccess: (created) => void afterCreate(created),
        onError: onServerError,
      });
      return;
    }
    const patch = patchFrom(toBody(initial).body, body);
    if (Object.keys(patch).length === 0) {
      void navigate(eventPath(network.slug, event.id));
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        notify.success(t("events.form.saved"));
        void navigate(eventPath(network.slug, event.id));
      },
      onError: onServerError,
    });
  };

  const shownOnFields =
    isApiError(error) && Object.keys(serverErrorsForForm(error.fields)).some((path) => path.split(".")[0]! in form.values);
  const back = creating ? eventsPath(network.slug) : eventPath(network.slug, event.id);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={back} size="sm" style={{ alignSelf: "flex-start" }}>
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {creating ? t("events.back") : event.title}
        </Group>
      </Anchor>
      <PageHeader
        title={creating ? t("events.form.newTitle") : t("events.form.editTitle")}
        description={creating ? undefined : event.title}
      />
      {event?.status === "cancelled" && <Text c="red.8">{t("events.form.cancelledNote")}</Text>}
      <form onSubmit={form.onSubmit(submit, focusFirstError)} noValidate>
        <Stack gap="lg">
          <BasicsFields form={form} />
          <ScheduleFields form={form} />
          <RegistrationFields form={form} network={network} people={people} onMet={met} />
          <AnnouncementFields
            form={form}
            network={network}
            organizers={<OrganizerField form={form} network={network} people={people} onMet={met} creating={creating} />}
          />
          <QuestionFields form={form} />
          {creating ? <PendingCoverField file={coverFile} onChange={setCoverFile} /> : <CoverField networkId={network.id} event={event} />}
          {isApiError(error, "forbidden") ? (
            <Alert variant="light" color="red" icon={<IconLock aria-hidden />} role="alert" title={t("events.form.forbiddenTitle")}>
              {t("events.form.forbiddenBody")}
            </Alert>
          ) : (
            error !== null && !shownOnFields && <ProblemAlert error={error} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button component={Link} to={back} variant="default">
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={saving}>
              {creating ? t("events.form.submitCreate") : t("events.form.submitSave")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
