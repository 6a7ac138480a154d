// /n/:slug/event-series/:seriesId — a series: its title and description, then its sessions in
// order, each 「第3回 テーマ：…」 with its date, marked upcoming or held (or cancelled). Admins can
// start the next session from here, with the series already chosen.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconCalendarPlus } from "@tabler/icons-react";
import { useId, useState } from "react";
import { Link, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { EventCard, EventSeries } from "../../shared/contract/events.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { FailedReadState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { CancelledBadge, KindBadge, MyStatusBadge } from "./event-badges.tsx";
import { eventPath } from "./event-card.tsx";
import { eventsPath, newEventPath } from "./event-list.page.tsx";
import { useSeries } from "./events-queries.ts";
import { useEventTime } from "./use-event-time.ts";

export function SeriesPage() {
  const { slug, seriesId = "" } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return <SeriesLoader key={seriesId} network={network} seriesId={seriesId} />;
}

function SeriesLoader({ network, seriesId }: { network: MyNetwork; seriesId: string }) {
  const t = useT();
  const query = useSeries(network.id, seriesId);
  usePageTitle(query.data?.title ?? t("events.series"));
  if (query.isPending) return <LoadingState lines={6} />;
  if (query.isError)
    return (
      <FailedReadState
        error={query.error}
        onRetry={() => void query.refetch()}
        notFoundTitle={t("series.notFoundTitle")}
        notFoundBody={t("series.notFoundBody")}
      />
    );
  return <SeriesView network={network} series={query.data} />;
}

function SeriesView({ network, series }: { network: MyNetwork; series: EventSeries }) {
  const t = useT();
  const format = useFormat();
  const headingId = useId();
  // "Held" is judged against the time the page was opened.
  const [now] = useState(() => Date.now());
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={eventsPath(network.slug)} size="sm" style={{ alignSelf: "flex-start" }}>
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t("events.back")}
        </Group>
      </Anchor>
      <PageHeader
        title={series.title}
        description={
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t("events.series")} · {t("series.count", { count: format.number(series.events.length) })}
            </Text>
            {series.description && (
              <Text size="sm" className="tsunagu-prose">
                {series.description}
              </Text>
            )}
          </Stack>
        }
        actions={
          network.role === "admin" && (
            <Button
              component={Link}
              to={`${newEventPath(network.slug)}?series=${encodeURIComponent(series.id)}`}
              leftSection={<IconCalendarPlus size={18} aria-hidden />}
            >
              {t("series.next")}
            </Button>
          )
        }
      />
      <Stack gap="sm" component="section" aria-labelledby={headingId}>
        <Title order={2} size="h4" id={headingId}>
          {t("series.sessions")}
        </Title>
        {series.events.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("series.empty")}
          </Text>
        ) : (
          <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {series.events.map((event, index) => (
              <li key={event.id}>
                <Session slug={network.slug} event={event} number={index + 1} past={Date.parse(event.endsAt) < now} />
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Stack>
  );
}

function Session({ slug, event, number, past }: { slug: string; event: EventCard; number: number; past: boolean }) {
  const t = useT();
  const time = useEventTime();
  const cancelled = event.status === "cancelled";
  return (
    <Paper withBorder p="md" style={past || cancelled ? { background: "var(--mantine-color-gray-0)" } : undefined}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 320px" }}>
          <Text size="sm" fw={700} c="ai.8">
            {t("series.session", { number })}
            {event.series?.theme && <> {t("series.sessionTheme", { theme: event.series.theme })}</>}
          </Text>
          <Anchor
            component={Link}
            to={eventPath(slug, event.id)}
            fw={700}
            c="inherit"
            td={cancelled ? "line-through" : undefined}
            style={{ overflowWrap: "anywhere" }}
          >
            {event.title}
          </Anchor>
          <Text size="sm" component="time" dateTime={event.startsAt}>
            {time.span(event)}
          </Text>
        </Stack>
        <Group gap={6}>
          {cancelled ? (
            <CancelledBadge />
          ) : (
            <Badge variant="light" color={past ? "gray" : "green"} tt="none">
              {past ? t("series.past") : t("series.upcoming")}
            </Badge>
          )}
          <KindBadge kind={event.kind} />
          <MyStatusBadge status={event.myStatus} />
        </Group>
      </Group>
    </Paper>
  );
}
