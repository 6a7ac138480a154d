// What organisers see on an event's page: edit, the attendee list and check-in, the report and the
// co-hosts (their pages are in this folder too), the attendance rate, and cancelling the event
// with a reason that goes to everyone registered.
import { Button, Stack, Text, Textarea } from "@mantine/core";
import { IconCalendarX, IconClipboardList, IconPencil, IconQrcode, IconUsers, IconWriting } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { eventLimits } from "../../shared/contract/events.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { eventPath } from "./event-card.tsx";
import { useCancelEvent } from "./events-queries.ts";

export function EventManagePanel({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const format = useFormat();
  const cancelled = event.status === "cancelled";
  // A report is written once the event has started; an event that is over is no longer cancelled.
  const [now] = useState(() => Date.now());
  const started = Date.parse(event.startsAt) <= now;
  const ended = Date.parse(event.endsAt) <= now;
  // Co-hosts are the host network's admins' business (the API answers 403 to anyone else).
  const hostAdmin = network.role === "admin" && !event.cohosted;

  return (
    <Stack gap="xs">
      {event.attendance && (
        <Text size="sm">
          {t("events.manage.attendanceValue", {
            rate: format.number(
              event.attendance.confirmed === 0 ? 0 : Math.round((event.attendance.checkedIn / event.attendance.confirmed) * 100),
            ),
            checkedIn: format.number(event.attendance.checkedIn),
            confirmed: format.number(event.attendance.confirmed),
          })}
        </Text>
      )}
      {event.can.edit && !cancelled && (
        <Button
          component={Link}
          to={eventPath(network.slug, event.id, "edit")}
          variant="default"
          justify="flex-start"
          leftSection={<IconPencil size={18} aria-hidden />}
        >
          {t("events.manage.edit")}
        </Button>
      )}
      {event.can.manageAttendees && (
        <>
          <Button
            component={Link}
            to={eventPath(network.slug, event.id, "attendees")}
            variant="default"
            justify="flex-start"
            leftSection={<IconUsers size={18} aria-hidden />}
          >
            {t("events.manage.attendees")}
          </Button>
          {!cancelled && (
            <Button
              component={Link}
              to={eventPath(network.slug, event.id, "check-in")}
              variant="default"
              justify="flex-start"
              leftSection={<IconQrcode size={18} aria-hidden />}
            >
              {t("events.manage.checkIn")}
            </Button>
          )}
        </>
      )}
      {event.can.edit && !cancelled && started && !event.reportPostId && (
        <Button
          component={Link}
          to={eventPath(network.slug, event.id, "report")}
          variant="default"
          justify="flex-start"
          leftSection={<IconWriting size={18} aria-hidden />}
        >
          {t("events.manage.report")}
        </Button>
      )}
      {hostAdmin && event.can.edit && !cancelled && (
        <Button
          component={Link}
          to={eventPath(network.slug, event.id, "cohosts")}
          variant="default"
          justify="flex-start"
          leftSection={<IconClipboardList size={18} aria-hidden />}
        >
          {t("events.manage.cohosts")}
        </Button>
      )}
      {event.can.edit && !cancelled && !ended && <CancelEventButton networkId={network.id} eventId={event.id} />}
    </Stack>
  );
}

function CancelEventButton({ networkId, eventId }: { networkId: string; eventId: string }) {
  const t = useT();
  const notify = useNotify();
  const problem = useProblemNotice();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const cancel = useCancelEvent(networkId, eventId);
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        justify="flex-start"
        leftSection={<IconCalendarX size={18} aria-hidden />}
        onClick={() => setOpen(true)}
      >
        {t("events.manage.cancel")}
      </Button>
      <ConfirmModal
        opened={open}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          cancel.mutate(reason.trim(), {
            onSuccess: () => {
              setOpen(false);
              notify.success(t("events.manage.cancelled"));
            },
            onError: problem,
          })
        }
        title={t("events.manage.cancelTitle")}
        confirmLabel={t("events.manage.cancelConfirm")}
        pending={cancel.isPending}
      >
        <Stack gap="sm">
          <Text>{t("events.manage.cancelBody")}</Text>
          <Textarea
            label={t("events.manage.cancelReason")}
            description={t("events.manage.cancelReasonHint")}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            maxLength={eventLimits.cancelReasonMax}
            autosize
            minRows={2}
          />
        </Stack>
      </ConfirmModal>
    </>
  );
}
