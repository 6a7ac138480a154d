// /n/:slug/notifications — my notifications in this network, latest activity first ("load more"),
// all or unread only (?filter=unread, so the back button keeps it), "mark all as read", and the
// way to the settings. Opening one marks it read and goes to its link.
import { Button, Group, Paper, SegmentedControl, Stack } from "@mantine/core";
import { IconBellOff, IconChecks, IconSettings } from "@tabler/icons-react";
import { Link, useParams, useSearchParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { NotificationItem, NotificationSkeletons } from "./notification-item.tsx";
import { useMarkAllRead, useMarkRead, useNotificationList, useUnreadCount } from "./notification-queries.ts";
import "./notifications.css";

export function NotificationsPage() {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(network ? t("notifications.titleFor", { name: network.name }) : t("notFound.title"));
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return <Notifications key={network.id} network={network} />;
}

function Notifications({ network }: { network: MyNetwork }) {
  const t = useT();
  const notify = useNotify();
  const [search, setSearch] = useSearchParams();
  const unreadOnly = search.get("filter") === "unread";
  const unread = useUnreadCount(network.id).data?.unread ?? 0;
  const markAll = useMarkAllRead(network.id);
  const setFilter = (value: string) =>
    setSearch(
      (before) => {
        const next = new URLSearchParams(before);
        if (value === "unread") next.set("filter", "unread");
        else next.delete("filter");
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <PageHeader
        title={t("notifications.title")}
        description={t("notifications.lead")}
        actions={
          <Button
            component={Link}
            to={`/n/${network.slug}/notifications/settings`}
            variant="default"
            leftSection={<IconSettings size={16} aria-hidden />}
          >
            {t("notifications.settingsLink")}
          </Button>
        }
      />
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label={t("notifications.filterLabel")}
          value={unreadOnly ? "unread" : "all"}
          onChange={setFilter}
          data={[
            { value: "all", label: t("notifications.filterAll") },
            { value: "unread", label: t("notifications.filterUnread") },
          ]}
        />
        <Button
          variant="light"
          leftSection={<IconChecks size={16} aria-hidden />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() =>
            markAll.mutate(undefined, {
              onSuccess: () => notify.success(t("notifications.markedAllRead")),
              onError: notify.error,
            })
          }
        >
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      <NotificationList network={network} unreadOnly={unreadOnly} onShowAll={() => setFilter("all")} />
    </Stack>
  );
}

function NotificationList({ network, unreadOnly, onShowAll }: { network: MyNetwork; unreadOnly: boolean; onShowAll: () => void }) {
  const t = useT();
  const { query, items } = useNotificationList(network.id, unreadOnly);
  const markRead = useMarkRead(network.id);

  if (query.isPending)
    return (
      <Paper withBorder>
        <NotificationSkeletons />
      </Paper>
    );
  // Pending is handled above: no data means the first page failed (a later page's failure shows below the list).
  if (!query.data) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0)
    return unreadOnly ? (
      <EmptyView
        icon={<IconChecks aria-hidden />}
        title={t("notifications.emptyUnreadTitle")}
        description={t("notifications.emptyUnreadBody")}
      >
        <Button variant="light" onClick={onShowAll}>
          {t("notifications.showAll")}
        </Button>
      </EmptyView>
    ) : (
      <EmptyView icon={<IconBellOff aria-hidden />} title={t("notifications.emptyTitle")} description={t("notifications.emptyBody")} />
    );
  return (
    <Stack gap="md">
      <Paper withBorder style={{ overflow: "hidden" }}>
        <ul className="tsunagu-notifications" aria-label={t("notifications.listLabel")}>
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              notification={n}
              onOpen={(opened) => {
                if (!opened.read) markRead.mutate(opened.id);
              }}
            />
          ))}
        </ul>
      </Paper>
      {query.isFetchNextPageError && <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />}
      <LoadMore pages={query} />
    </Stack>
  );
}
