// /n/:slug — a network's home: who runs it, what it is for, who may join, its code of conduct,
// the member's role, the first steps after joining (with a welcome right after), a young network's
// prompts, search, the feed of the rooms the member sees and the newcomers to welcome. What the
// network is for and its rules are on its "about" page.
import { Badge, Button, Grid, Group, Stack, Text } from "@mantine/core";
import { IconInfoCircle, IconSettings } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useParams } from "react-router";
import { networks as networkEndpoints } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { NetworkHome } from "../../shared/contract/networks.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useHomeExtras } from "../feed/feed-queries.ts";
import { HomeFeed } from "../feed/home-feed.tsx";
import { Newcomers } from "../feed/newcomers.tsx";
import { SearchForm } from "../feed/search-form.tsx";
import { YoungNetwork } from "../feed/young-network.tsx";
import { FirstSteps, useFirstStepsVisible, useWelcome, WelcomeNotice } from "../join/first-steps.tsx";
import { rememberNetwork } from "./last-network.ts";
import { NetworkAvatar } from "./network-avatar.tsx";
import { useMyNetwork } from "./use-my-network.ts";

export function NetworkHomePage() {
  const { slug } = useParams();
  const mine = useMyNetwork(slug);
  const t = useT();
  const home = useQuery({
    ...apiQuery(networkEndpoints.getNetworkHome, { params: { networkId: mine?.id ?? "" } }),
    enabled: mine !== undefined,
  });
  usePageTitle(mine?.name ?? t("notFound.title"));
  const welcome = useWelcome(mine?.slug);
  const stepsVisible = useFirstStepsVisible(home.data);

  useEffect(() => {
    if (mine) rememberNetwork(mine.slug);
  }, [mine]);

  if (!mine) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (home.isPending) return <LoadingState lines={6} />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  return (
    <Stack gap="lg">
      {welcome.show && <WelcomeNotice networkName={home.data.network.name} pointToSteps={stepsVisible} onClose={welcome.dismiss} />}
      <NetworkHomeView home={home.data} network={mine} />
    </Stack>
  );
}

function NetworkHomeView({ home, network }: { home: NetworkHome; network: MyNetwork }) {
  const { myRole, allowed } = home;
  const t = useT();
  const format = useFormat();
  const extras = useHomeExtras(network.id);

  return (
    <Stack gap="lg">
      <PageHeader
        before={<NetworkAvatar name={home.network.name} logoUrl={home.network.logoUrl} size={64} />}
        title={home.network.name}
        description={
          <Group gap="xs" component="span">
            <Badge color={home.network.kind === "company" ? "ai" : "green"}>{t(`kind.${home.network.kind}`)}</Badge>
            <Badge color="gray">{t("network.yourRole", { role: t(`role.${myRole}`) })}</Badge>
            <Text component="span" size="sm" c="dimmed">
              {t("network.memberCount", { count: format.number(home.network.memberCount) })}
            </Text>
          </Group>
        }
        actions={
          <>
            <Button
              component={Link}
              to={`/n/${home.network.slug}/about`}
              variant="default"
              leftSection={<IconInfoCircle size={18} aria-hidden />}
            >
              {t("join.about.link")}
            </Button>
            {allowed.editSettings && (
              <Button
                component={Link}
                to={`/n/${home.network.slug}/settings`}
                variant="default"
                leftSection={<IconSettings size={18} aria-hidden />}
              >
                {t("network.settingsLink")}
              </Button>
            )}
          </>
        }
      />

      <FirstSteps home={home} />

      {extras.data?.young && (
        <YoungNetwork
          network={network}
          rooms={extras.data.rooms}
          introduce={extras.data.prompts.introduceYourself}
          canInvite={allowed.manageMembers}
        />
      )}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="md">
            <SearchForm network={network} />
            <HomeFeed network={network} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          {extras.data && <Newcomers network={network} newcomers={extras.data.newcomers} welcomer={extras.data.welcomer} />}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
