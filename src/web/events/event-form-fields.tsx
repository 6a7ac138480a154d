// The sections of the event form: basics, venue or online link (as the kind needs), date and time
// in a chosen zone, registration (capacity, deadline, audience and invitees), organisers, the room
// it is announced in and its series (a new one can be started here), the registration questions.
import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import type { ReactNode } from "react";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { eventAudiences, eventKinds, eventLimits } from "../../shared/contract/events.ts";
import type { Member } from "../../shared/contract/networks.ts";
import { isApiError } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { timeZones } from "../platform/time-zones.ts";
import { ProblemAlert } from "../members/problem-alert.tsx";
import { roomsQuery, useRoomName } from "../rooms/room-queries.ts";
import { commonTimeZones, timeZoneName } from "./event-time.ts";
import { validateEventForm } from "./event-form-values.ts";
import type { EventFormValues } from "./event-form-values.ts";
import { useCreateSeries, useSeriesList } from "./events-queries.ts";
import { MemberPickField } from "./member-pick-field.tsx";
import type { KnownPerson } from "./member-pick-field.tsx";
import { QuestionEditor } from "./question-editor.tsx";

/** The form over the event's values, checked by the contract's rules and the form's own (event-form-values.ts). */
export function useEventForm(initial: EventFormValues) {
  const t = useT();
  return useForm<EventFormValues>({ initialValues: initial, validate: validateEventForm(t) });
}
export type EventForm = ReturnType<typeof useEventForm>;

export function FormSection({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  const id = useId();
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

export function BasicsFields({ form }: { form: EventForm }) {
  const t = useT();
  const kindLabelId = useId();
  return (
    <FormSection title={t("events.form.basics")}>
      <TextInput label={t("events.form.title")} required maxLength={eventLimits.titleMax} {...form.getInputProps("title")} />
      <Textarea
        label={t("events.form.description")}
        description={t("events.form.descriptionHint")}
        autosize
        minRows={5}
        maxRows={20}
        maxLength={eventLimits.descriptionMax}
        {...form.getInputProps("description")}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id={kindLabelId}>
          {t("events.form.kind")}
        </Text>
        <SegmentedControl
          aria-labelledby={kindLabelId}
          data={eventKinds.map((kind) => ({ value: kind, label: t(`events.kind.${kind}`) }))}
          style={{ alignSelf: "flex-start" }}
          value={form.values.kind}
          onChange={(value) => form.setFieldValue("kind", value)}
        />
      </Stack>
      {form.values.kind !== "online" && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput
            label={t("events.form.venueName")}
            required
            maxLength={eventLimits.venueNameMax}
            {...form.getInputProps("venueName")}
          />
          <TextInput
            label={t("events.form.venueAddress")}
            maxLength={eventLimits.venueAddressMax}
            {...form.getInputProps("venueAddress")}
          />
          <TextInput
            label={t("events.form.mapUrl")}
            description={t("events.form.mapUrlHint")}
            type="url"
            inputMode="url"
            placeholder="https://"
            maxLength={eventLimits.urlMax}
            {...form.getInputProps("mapUrl")}
          />
        </SimpleGrid>
      )}
      {form.values.kind !== "offline" && (
        <TextInput
          label={t("events.form.onlineUrl")}
          description={t("events.form.onlineUrlHint")}
          type="url"
          inputMode="url"
          placeholder="https://"
          maxLength={eventLimits.urlMax}
          {...form.getInputProps("onlineUrl")}
        />
      )}
    </FormSection>
  );
}

function useZoneOptions(current: string) {
  const t = useT();
  const { locale } = useLocale();
  return useMemo(() => {
    const common = new Set(commonTimeZones.map((entry) => entry.zone));
    return [
      {
        group: t("events.form.zonesCommon"),
        items: commonTimeZones.map(({ zone }) => ({
          value: zone,
          label: t("events.form.zoneOption", { name: timeZoneName(zone, t, locale), zone }),
        })),
      },
      { group: t("events.form.zonesAll"), items: timeZones(current).filter((zone) => !common.has(zone)) },
    ];
  }, [t, locale, current]);
}

export function ScheduleFields({ form }: { form: EventForm }) {
  const t = useT();
  const zones = useZoneOptions(form.values.timeZone);
  return (
    <FormSection title={t("events.form.schedule")}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        <TextInput type="date" label={t("events.form.startDate")} required {...form.getInputProps("startDate")} />
        <TextInput type="time" label={t("events.form.startTime")} required {...form.getInputProps("startTime")} />
        <TextInput type="date" label={t("events.form.endDate")} required {...form.getInputProps("endDate")} />
        <TextInput type="time" label={t("events.form.endTime")} required {...form.getInputProps("endTime")} />
      </SimpleGrid>
      <Select
        label={t("events.form.timeZone")}
        description={t("events.form.timeZoneHint")}
        data={zones}
        searchable
        allowDeselect={false}
        maxDropdownHeight={320}
        style={{ maxWidth: 420 }}
        {...form.getInputProps("timeZone")}
      />
    </FormSection>
  );
}

export function RegistrationFields({
  form,
  network,
  people,
  onMet,
}: {
  form: EventForm;
  network: MyNetwork;
  people: ReadonlyMap<string, KnownPerson>;
  onMet: (member: Member) => void;
}) {
  const t = useT();
  return (
    <FormSection title={t("events.form.registration")}>
      <TextInput
        label={t("events.form.capacity")}
        description={t("events.form.capacityHint")}
        inputMode="numeric"
        style={{ maxWidth: 240 }}
        {...form.getInputProps("capacity")}
      />
      <Stack gap={4}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
          <TextInput type="date" label={t("events.form.deadlineDate")} {...form.getInputProps("deadlineDate")} />
          <TextInput type="time" label={t("events.form.deadlineTime")} {...form.getInputProps("deadlineTime")} />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t("events.form.deadlineHint")}
        </Text>
      </Stack>
      <Select
        label={t("events.form.audience")}
        data={eventAudiences.map((audience) => ({ value: audience, label: t(`events.form.audience.${audience}`) }))}
        allowDeselect={false}
        style={{ maxWidth: 320 }}
        {...form.getInputProps("audience")}
      />
      {form.values.audience === "invited" && (
        <MemberPickField
          networkId={network.id}
          label={t("events.form.invitees")}
          pickTitle={t("events.form.pickInvitees")}
          value={form.values.inviteeIds}
          onChange={(ids) => form.setFieldValue("inviteeIds", ids)}
          people={people}
          onMet={onMet}
          error={form.errors.inviteeIds}
          empty={t("events.form.inviteesNone")}
        />
      )}
    </FormSection>
  );
}

/** The organisers besides the creator: a field of the announcement section. */
export function OrganizerField({
  form,
  network,
  people,
  onMet,
  creating,
}: {
  form: EventForm;
  network: MyNetwork;
  people: ReadonlyMap<string, KnownPerson>;
  onMet: (member: Member) => void;
  creating: boolean;
}) {
  const t = useT();
  return (
    <MemberPickField
      networkId={network.id}
      label={t("events.form.organizers")}
      description={t("events.form.organizersHint")}
      pickTitle={t("events.form.pickOrganizers")}
      value={form.values.organizerIds}
      onChange={(ids) => form.setFieldValue("organizerIds", ids)}
      people={people}
      onMet={onMet}
      error={form.errors.organizerIds}
      {...(creating ? { fixed: t("events.form.organizersYou") } : {})}
    />
  );
}

/** Who organises it, where it is announced, its series; `organizers` goes first. */
export function AnnouncementFields({ form, network, organizers }: { form: EventForm; network: MyNetwork; organizers: ReactNode }) {
  const t = useT();
  const roomName = useRoomName();
  const rooms = useQuery(roomsQuery(network.id));
  const series = useSeriesList(network.id);
  const [creatingSeries, setCreatingSeries] = useState(false);
  const roomOptions = [
    { value: "", label: t("events.form.roomNone") },
    // Only rooms the organiser may post in can carry the announcement.
    ...(rooms.data?.items ?? [])
      .filter((room) => room.archivedAt === null && (room.can.post || room.id === form.values.roomId))
      .map((room) => ({ value: room.id, label: roomName(room) })),
  ];
  const seriesOptions = [
    { value: "", label: t("events.form.seriesNone") },
    ...(series.data?.items ?? []).map((item) => ({ value: item.id, label: item.title })),
  ];
  return (
    <FormSection title={t("events.form.announce")}>
      {organizers}
      <Select
        label={t("events.form.room")}
        description={t("events.form.roomHint")}
        data={roomOptions}
        allowDeselect={false}
        disabled={rooms.isPending}
        style={{ maxWidth: 420 }}
        {...form.getInputProps("roomId")}
      />
      <Stack gap="xs">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Select
            label={t("events.form.series")}
            data={seriesOptions}
            allowDeselect={false}
            disabled={series.isPending}
            style={{ flex: "1 1 260px", maxWidth: 420 }}
            {...form.getInputProps("seriesId")}
          />
          {!creatingSeries && (
            <Button variant="default" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreatingSeries(true)}>
              {t("events.form.seriesNew")}
            </Button>
          )}
        </Group>
        {series.isError && <ProblemAlert error={series.error} />}
        {creatingSeries && (
          <NewSeries
            networkId={network.id}
            onCreated={(id) => {
              form.setFieldValue("seriesId", id);
              setCreatingSeries(false);
            }}
            onCancel={() => setCreatingSeries(false)}
          />
        )}
      </Stack>
      {form.values.seriesId !== "" && (
        <TextInput label={t("events.form.seriesTheme")} maxLength={eventLimits.themeMax} {...form.getInputProps("seriesTheme")} />
      )}
    </FormSection>
  );
}

/** Starting a series inside the event form: its own fields and button, not a nested form. */
function NewSeries({ networkId, onCreated, onCancel }: { networkId: string; onCreated: (id: string) => void; onCancel: () => void }) {
  const t = useT();
  const notify = useNotify();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const create = useCreateSeries(networkId);
  const fieldError = (name: string) => (isApiError(create.error) ? create.error.fields[name] : undefined);
  const submit = () => {
    if (title.trim() === "") return;
    create.mutate(
      { title: title.trim(), description: description.trim() },
      {
        onSuccess: (created) => {
          notify.success(t("events.form.seriesCreated", { title: created.title }));
          onCreated(created.id);
        },
      },
    );
  };
  return (
    <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)">
      <Stack gap="sm">
        <TextInput
          label={t("events.form.seriesTitle")}
          required
          maxLength={eventLimits.seriesTitleMax}
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          onKeyDown={(e) => {
            // Enter here creates the series, not the event around it.
            if (e.key === "Enter") {
              e.preventDefault();
              submit();
            }
          }}
          error={fieldError("title")}
          data-autofocus
        />
        <Textarea
          label={t("events.form.seriesDescription")}
          maxLength={eventLimits.seriesDescriptionMax}
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={fieldError("description")}
        />
        {create.error && !fieldError("title") && !fieldError("description") && <ProblemAlert error={create.error} />}
        <Group gap="sm">
          <Button onClick={submit} loading={create.isPending} disabled={title.trim() === ""}>
            {t("events.form.seriesCreate")}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={create.isPending}>
            {t("common.cancel")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function QuestionFields({ form }: { form: EventForm }) {
  const t = useT();
  return (
    <FormSection title={t("events.form.questions")} description={t("events.form.questionsHint")}>
      <QuestionEditor form={form} />
    </FormSection>
  );
}
