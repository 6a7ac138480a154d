// /n/:slug/manage/requests — for the network's admins: whether the network takes join requests
// (with the link to share), and the requests themselves, pending first, to approve or decline.
import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconInbox } from "@tabler/icons-react";
import { useState } from "react";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { JoinRequest } from "../../shared/contract/membership.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { DecisionModal } from "./join-request-decision.tsx";
import type { Decision } from "./join-request-decision.tsx";
import { FilterButtons } from "./filter-buttons.tsx";
import { JoinRequestsIntake } from "./join-requests-intake.tsx";
import { ManageFrame } from "./manage-frame.tsx";
import { RequestStatusBadge } from "./member-badges.tsx";
import { usePagedList } from "./use-paged-list.ts";

const pageSize = 30;
type StatusFilter = JoinRequest["status"] | "all";
const filters: StatusFilter[] = ["pending", "approved", "declined", "all"];

export function JoinRequestsPage() {
  const t = useT();
  return (
    <ManageFrame section="requests" title={t("requests.title")} description={t("requests.lead")}>
      {(network) => <RequestsView network={network} />}
    </ManageFrame>
  );
}

function RequestsView({ network }: { network: MyNetwork }) {
  const t = useT();
  const [status, setStatus] = useState<StatusFilter>("pending");
  const [target, setTarget] = useState<{ request: JoinRequest; decision: Decision } | null>(null);
  const params = { networkId: network.id };
  const query = { status: status === "all" ? undefined : status };
  const { query: list, items } = usePagedList(queryKeyOf(membership.listJoinRequests, { params, query }), (cursor, signal) =>
    callApi(membership.listJoinRequests, { params, query: { ...query, cursor, limit: pageSize }, signal }),
  );

  return (
    <Stack gap="lg">
      <JoinRequestsIntake network={network} />
      <FilterButtons<StatusFilter>
        label={t("requests.filterLabel")}
        options={filters.map((value) => ({ value, label: t(`requests.filter.${value}`) }))}
        value={status}
        onChange={setStatus}
      />
      {list.isPending ? (
        <LoadingState lines={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyView
          icon={<IconInbox aria-hidden />}
          title={status === "pending" ? t("requests.emptyPendingTitle") : t("requests.emptyTitle")}
          description={status === "pending" ? t("requests.emptyPendingBody") : undefined}
        />
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {items.map((request) => (
              <RequestCard key={request.id} request={request} onDecide={(decision) => setTarget({ request, decision })} />
            ))}
          </Stack>
          <LoadMore pages={list} />
        </Stack>
      )}
      <DecisionModal networkId={network.id} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

function RequestCard({ request, onDecide }: { request: JoinRequest; onDecide: (decision: Decision) => void }) {
  const t = useT();
  const format = useFormat();
  return (
    <Paper component="li" withBorder p={{ base: "md", sm: "lg" }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {request.displayName}
            </Text>
            <Anchor href={`mailto:${request.email}`} size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {request.email}
            </Anchor>
            <Text size="xs" c="dimmed">
              {t("requests.requestedOn", { date: format.dateTime(request.createdAt) })}
            </Text>
          </Stack>
          <RequestStatusBadge status={request.status} />
        </Group>
        <Stack gap={2}>
          <Text size="xs" fw={600} c="dimmed">
            {t("requests.message")}
          </Text>
          {request.message.trim() ? (
            <Text size="sm" className="tsunagu-prose">
              {request.message}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t("requests.noMessage")}
            </Text>
          )}
        </Stack>
        {request.status === "pending" ? (
          <Group gap="sm" justify="flex-end">
            <Button
              variant="default"
              color="red"
              onClick={() => onDecide("decline")}
              aria-label={t("requests.declineLabel", { name: request.displayName })}
            >
              {t("requests.decline")}
            </Button>
            <Button onClick={() => onDecide("approve")} aria-label={t("requests.approveLabel", { name: request.displayName })}>
              {t("requests.approve")}
            </Button>
          </Group>
        ) : (
          <Stack gap={2}>
            <Text size="xs" c="dimmed">
              {t(request.status === "approved" ? "requests.approvedBy" : "requests.declinedBy", {
                date: request.decidedAt ? format.dateTime(request.decidedAt) : "—",
                name: request.decidedByName ?? t("requests.someone"),
              })}
            </Text>
            {request.reply.trim() && (
              <Text size="sm" className="tsunagu-prose" c="dimmed">
                {t("requests.replyShown", { reply: request.reply })}
              </Text>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
