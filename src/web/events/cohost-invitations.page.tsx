// /n/:slug/manage/cohost-invitations — for the admins of a network another network invited to
// co-host an event: each invitation with the event's title, time and the host's name, to accept
// (the event then shows to this network's members, who can register) or decline; both ask first.
import { Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconBuildingCommunity } from "@tabler/icons-react";
import { useState } from "react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { ManageFrame } from "../members/manage-frame.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { CohostStatusBadge } from "./cohosts.page.tsx";
import { useEventTime } from "./use-event-time.ts";
import { eventPath } from "./event-card.tsx";
import { useCohostInvitations, useDecideCohostInvitation } from "./events-manage-queries.ts";
import type { CohostInvitation } from "./events-manage-queries.ts";

export function CohostInvitationsPage() {
  const t = useT();
  return (
    <ManageFrame section="cohostInvitations" title={t("cohostInvitations.title")} description={t("cohostInvitations.lead")}>
      {(network) => <InvitationsView network={network} />}
    </ManageFrame>
  );
}

function InvitationsView({ network }: { network: MyNetwork }) {
  const t = useT();
  const list = useCohostInvitations(network.id);
  const [target, setTarget] = useState<{ invitation: CohostInvitation; accept: boolean } | null>(null);

  if (list.isPending) return <LoadingState lines={4} />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0) {
    return (
      <EmptyView
        icon={<IconBuildingCommunity aria-hidden />}
        title={t("cohostInvitations.emptyTitle")}
        description={t("cohostInvitations.emptyBody")}
      />
    );
  }
  return (
    <>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
        {list.data.items.map((invitation) => (
          <InvitationCard
            key={invitation.event.id}
            network={network}
            invitation={invitation}
            onDecide={(accept) => setTarget({ invitation, accept })}
          />
        ))}
      </Stack>
      <DecideDialog network={network} target={target} onClose={() => setTarget(null)} />
    </>
  );
}

function InvitationCard({
  network,
  invitation,
  onDecide,
}: {
  network: MyNetwork;
  invitation: CohostInvitation;
  onDecide: (accept: boolean) => void;
}) {
  const t = useT();
  const time = useEventTime();
  const inEventZone = time.inEventZone(invitation.event);
  const { event, host } = invitation;
  return (
    <Paper component="li" withBorder p={{ base: "md", sm: "lg" }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={700} size="lg" style={{ overflowWrap: "anywhere" }}>
              {event.title}
            </Text>
            <Text size="sm">{time.span(event)}</Text>
            {inEventZone && (
              <Text size="xs" c="dimmed">
                {inEventZone}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              {t("cohostInvitations.hostedBy", { name: host.name })}
            </Text>
          </Stack>
          <CohostStatusBadge status={invitation.status} />
        </Group>
        {invitation.status === "invited" ? (
          <Group gap="sm" justify="flex-end">
            <Button
              variant="default"
              onClick={() => onDecide(false)}
              aria-label={t("cohostInvitations.declineLabel", { title: event.title })}
            >
              {t("cohostInvitations.decline")}
            </Button>
            <Button onClick={() => onDecide(true)} aria-label={t("cohostInvitations.acceptLabel", { title: event.title })}>
              {t("cohostInvitations.accept")}
            </Button>
          </Group>
        ) : invitation.status === "declined" ? (
          <Group gap="sm" justify="flex-end">
            <Button
              variant="default"
              onClick={() => onDecide(true)}
              aria-label={t("cohostInvitations.acceptAfterAllLabel", { title: event.title })}
            >
              {t("cohostInvitations.acceptAfterAll")}
            </Button>
          </Group>
        ) : invitation.status === "accepted" ? (
          <Group gap="sm" justify="flex-end">
            <Button
              component={Link}
              to={eventPath(network.slug, event.id)}
              variant="light"
              aria-label={t("cohostInvitations.openEventLabel", { title: event.title })}
            >
              {t("cohostInvitations.openEvent")}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );
}

function DecideDialog({
  network,
  target,
  onClose,
}: {
  network: MyNetwork;
  target: { invitation: CohostInvitation; accept: boolean } | null;
  onClose: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const problemNotice = useProblemNotice();
  const decide = useDecideCohostInvitation(network.id);
  const title = target?.invitation.event.title ?? "";
  return (
    <ConfirmModal
      opened={target !== null}
      onClose={onClose}
      danger={target ? !target.accept : false}
      onConfirm={() =>
        target &&
        decide.mutate(
          { eventId: target.invitation.event.id, accept: target.accept },
          {
            onSuccess: () => {
              onClose();
              notify.success(t(target.accept ? "cohostInvitations.accepted" : "cohostInvitations.declined", { title }));
            },
            onError: (error) => {
              onClose();
              problemNotice(error);
            },
          },
        )
      }
      pending={decide.isPending}
      title={target?.accept ? t("cohostInvitations.acceptTitle") : t("cohostInvitations.declineTitle")}
      confirmLabel={target?.accept ? t("cohostInvitations.accept") : t("cohostInvitations.decline")}
    >
      {target
        ? target.accept
          ? t("cohostInvitations.acceptBody", { title, host: target.invitation.host.name, network: network.name })
          : t("cohostInvitations.declineBody", { title, host: target.invitation.host.name })
        : ""}
    </ConfirmModal>
  );
}
