// /n/:slug/events/:eventId/report — for the event's organisers: write the report of the event (text
// in the same Markdown as posts, up to 10 photos uploaded while writing, as posts do). It is posted in
// the event's room and linked from the event page, where the organiser is taken afterwards. Once
// written, the report is a post like any other, edited where it stands.
import { Alert, Anchor, Button, Paper, Stack, Text } from "@mantine/core";
import { IconInfoCircle } from "@tabler/icons-react";
import { Link, useNavigate } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { eventLimits } from "../../shared/contract/events.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { Composer } from "../rooms/composer.tsx";
import { EventSubFrame } from "./event-sub-frame.tsx";
import { eventPath } from "./event-card.tsx";
import { useWriteReport } from "./events-manage-queries.ts";

export function ReportPage() {
  const t = useT();
  return (
    <EventSubFrame title={t("eventReport.title")} access="editor">
      {(network, event) => <ReportView network={network} event={event} />}
    </EventSubFrame>
  );
}

function ReportView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const write = useWriteReport(network.id, event.id, (updated) => {
    notify.success(t("eventReport.posted"));
    void navigate(eventPath(network.slug, updated.id));
  });

  // Once this page posted it, the event (already updated in the cache) is on its way: no flash of "already posted".
  if (event.reportPostId && !write.isSuccess) {
    return (
      <Alert color="green" variant="light" icon={<IconInfoCircle aria-hidden />} title={t("eventReport.alreadyTitle")}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t("eventReport.alreadyBody")}</Text>
          <Button component={Link} to={`/n/${network.slug}/posts/${event.reportPostId}`} variant="light">
            {t("eventReport.openReport")}
          </Button>
        </Stack>
      </Alert>
    );
  }
  // The API posts the report in the event's room and refuses without one: say so before the writing.
  if (!event.room) {
    return (
      <Alert color="orange" variant="light" icon={<IconInfoCircle aria-hidden />} title={t("eventReport.noRoomTitle")}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t("eventReport.noRoomBody")}</Text>
          <Button component={Link} to={`${eventPath(network.slug, event.id)}/edit`} variant="light">
            {t("eventReport.editEvent")}
          </Button>
        </Stack>
      </Alert>
    );
  }
  return (
    <Stack gap="md">
      <Text size="sm">{t("eventReport.leadRoom", { room: event.room.name })}</Text>
      <Paper withBorder p="md" radius="md">
        <Composer
          label={t("eventReport.bodyLabel")}
          placeholder={t("eventReport.placeholder")}
          max={eventLimits.reportMax}
          submitLabel={t("eventReport.submit")}
          images={{ networkId: network.id, max: eventLimits.reportImagesMax }}
          onSubmit={(body, imageIds) => write.mutateAsync({ body, imageIds })}
        />
      </Paper>
      <Anchor component={Link} to={eventPath(network.slug, event.id)} size="sm">
        {t("eventManage.toEvent")}
      </Anchor>
    </Stack>
  );
}
