// /n/:slug/events/:eventId/cohosts — for the host network's admins: invite another network to co-host
// by its address name (the part after /n/ in its URL), see each one's answer (invited / co-hosting /
// declined), and stop co-hosting — which cancels that network's members' registrations, so it asks
// first. Only names travel between networks: nothing else about the other network is shown.
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconBuildingCommunity, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { limits } from "../../shared/limits.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { useProblemMessage, useProblemNotice } from "../members/use-problem.ts";
import { EventSubFrame } from "./event-sub-frame.tsx";
import { useAddCohost, useCohosts, useRemoveCohost } from "./events-manage-queries.ts";
import type { Cohost } from "./events-manage-queries.ts";

export function CohostsPage() {
  const t = useT();
  return (
    <EventSubFrame title={t("eventCohosts.title")} access="hostAdmin">
      {(network, event) => <CohostsView network={network} event={event} />}
    </EventSubFrame>
  );
}

const statusColors: Record<Cohost["status"], string> = { invited: "orange", accepted: "green", declined: "gray" };

export function CohostStatusBadge({ status }: { status: Cohost["status"] }) {
  const t = useT();
  return (
    <Badge color={statusColors[status]} variant="light" style={{ flexShrink: 0 }}>
      {t(`eventCohosts.status.${status}`)}
    </Badge>
  );
}

function CohostsView({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const list = useCohosts(network.id, event.id);
  const [target, setTarget] = useState<Cohost | null>(null);

  return (
    <Stack gap="lg">
      <Text size="sm">{t("eventCohosts.lead")}</Text>
      <InviteForm network={network} event={event} />
      <Stack gap="sm" component="section" aria-labelledby="cohosts-list">
        <Title order={2} size="h4" id="cohosts-list">
          {t("eventCohosts.listHeading")}
        </Title>
        {list.isPending ? (
          <LoadingState lines={3} />
        ) : list.isError ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.items.length === 0 ? (
          <EmptyView
            icon={<IconBuildingCommunity aria-hidden />}
            title={t("eventCohosts.emptyTitle")}
            description={t("eventCohosts.emptyBody")}
          />
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: "none" }}>
            {list.data.items.map((cohost) => (
              <Paper component="li" key={cohost.network.id} withBorder p="md">
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} style={{ overflowWrap: "anywhere" }}>
                      {cohost.network.name}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {cohost.network.slug}
                    </Text>
                  </Stack>
                  <Group gap="sm" wrap="nowrap">
                    <CohostStatusBadge status={cohost.status} />
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      size="lg"
                      onClick={() => setTarget(cohost)}
                      aria-label={t("eventCohosts.removeLabel", { name: cohost.network.name })}
                    >
                      <IconTrash size={18} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Stack>
      <RemoveDialog network={network} event={event} cohost={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

function InviteForm({ network, event }: { network: MyNetwork; event: EventDetail }) {
  const t = useT();
  const notify = useNotify();
  const problem = useProblemMessage();
  const [slug, setSlug] = useState("");
  const add = useAddCohost(network.id, event.id);
  const value = slug.trim().toLowerCase();
  const ownSlug = value === network.slug;
  // The API names an unknown address name on the field; the own network is caught before asking.
  const error = ownSlug ? t("eventCohosts.ownNetwork") : add.isError ? problem(add.error) : undefined;

  return (
    <Paper withBorder p="md" radius="md">
      <Stack
        component="form"
        gap="sm"
        onSubmit={(submitted) => {
          submitted.preventDefault();
          if (value === "" || ownSlug || add.isPending) return;
          add.mutate(value, {
            onSuccess: (result) => {
              setSlug("");
              const invited = result.items.find((item) => item.network.slug === value);
              notify.success(t("eventCohosts.invited", { name: invited?.network.name ?? value }));
            },
          });
        }}
      >
        <TextInput
          label={t("eventCohosts.slugLabel")}
          description={t("eventCohosts.slugHint")}
          leftSection={
            <Text size="sm" c="dimmed" aria-hidden>
              /n/
            </Text>
          }
          leftSectionWidth={36}
          placeholder="example-alumni"
          value={slug}
          onChange={(change) => {
            setSlug(change.currentTarget.value);
            if (add.isError) add.reset();
          }}
          error={error}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          maxLength={limits.slugMax}
          maw={420}
        />
        <Group>
          <Button type="submit" loading={add.isPending} disabled={value === "" || ownSlug}>
            {t("eventCohosts.invite")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function RemoveDialog({
  network,
  event,
  cohost,
  onClose,
}: {
  network: MyNetwork;
  event: EventDetail;
  cohost: Cohost | null;
  onClose: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const problemNotice = useProblemNotice();
  const remove = useRemoveCohost(network.id, event.id);
  return (
    <ConfirmModal
      opened={cohost !== null}
      onClose={onClose}
      onConfirm={() =>
        cohost &&
        remove.mutate(cohost.network.id, {
          onSuccess: () => {
            onClose();
            notify.success(t("eventCohosts.removed", { name: cohost.network.name }));
          },
          onError: (error) => {
            onClose();
            problemNotice(error);
          },
        })
      }
      pending={remove.isPending}
      title={t("eventCohosts.removeTitle")}
      confirmLabel={t("eventCohosts.remove")}
    >
      {cohost
        ? cohost.status === "accepted"
          ? t("eventCohosts.removeBodyAccepted", { name: cohost.network.name })
          : t("eventCohosts.removeBody", { name: cohost.network.name })
        : ""}
    </ConfirmModal>
  );
}
