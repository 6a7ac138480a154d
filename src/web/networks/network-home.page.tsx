// /n/:slug — a network's home: who runs it, what it is for, who may join, its code of conduct,
// the member's role, the first steps after joining (with a welcome right after), and (for now,
// honestly) an empty feed.
import { Badge, Button, Collapse, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconChevronDown, IconInfoCircle, IconMessages, IconSettings } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId } from "react";
import { Link, useParams } from "react-router";
import { networks as networkEndpoints } from "../../shared/contract/index.ts";
import type { NetworkHome } from "../../shared/contract/networks.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
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
      <NetworkHomeView home={home.data} />
    </Stack>
  );
}

function TextBlock({ title, text }: { title: string; text: string }) {
  const t = useT();
  return (
    <Paper withBorder p="lg" component="section">
      <Title order={2} size="h3" mb="xs">
        {title}
      </Title>
      {text.trim() ? (
        <Text className="tsunagu-prose">{text}</Text>
      ) : (
        <Text c="dimmed" size="sm">
          {t("network.notWritten")}
        </Text>
      )}
    </Paper>
  );
}

function NetworkHomeView({ home }: { home: NetworkHome }) {
  const { network, myRole, allowed } = home;
  const t = useT();
  const format = useFormat();
  const [conductOpen, conduct] = useDisclosure(false);
  const conductId = useId();

  return (
    <Stack gap="lg">
      <PageHeader
        before={<NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={64} />}
        title={network.name}
        description={
          <Group gap="xs" component="span">
            <Badge color={network.kind === "company" ? "ai" : "green"}>{t(`kind.${network.kind}`)}</Badge>
            <Badge color="gray">{t("network.yourRole", { role: t(`role.${myRole}`) })}</Badge>
            <Text component="span" size="sm" c="dimmed">
              {t("network.memberCount", { count: format.number(network.memberCount) })}
            </Text>
          </Group>
        }
        actions={
          <>
            <Button
              component={Link}
              to={`/n/${network.slug}/about`}
              variant="default"
              leftSection={<IconInfoCircle size={18} aria-hidden />}
            >
              {t("join.about.link")}
            </Button>
            {allowed.editSettings && (
              <Button
                component={Link}
                to={`/n/${network.slug}/settings`}
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

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <TextBlock title={t("network.purpose")} text={network.purpose} />
        <TextBlock title={t("network.eligibility")} text={network.eligibility} />
      </SimpleGrid>

      <Paper withBorder p="lg" component="section" aria-labelledby={`${conductId}-title`}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h3" id={`${conductId}-title`}>
            {t("network.codeOfConduct")}
          </Title>
          <Button
            variant="subtle"
            size="sm"
            onClick={conduct.toggle}
            aria-expanded={conductOpen}
            aria-controls={conductId}
            rightSection={
              <IconChevronDown
                size={16}
                aria-hidden
                style={{ transform: conductOpen ? "rotate(180deg)" : undefined, transition: "transform 150ms" }}
              />
            }
          >
            {conductOpen ? t("common.hide") : t("common.show")}
          </Button>
        </Group>
        <Collapse expanded={conductOpen} id={conductId}>
          {network.codeOfConduct.trim() ? (
            <Text className="tsunagu-prose" mt="sm">
              {network.codeOfConduct}
            </Text>
          ) : (
            <Text c="dimmed" size="sm" mt="sm">
              {t("network.notWritten")}
            </Text>
          )}
        </Collapse>
      </Paper>

      <Paper withBorder p="lg" component="section" aria-labelledby={`${conductId}-feed`}>
        <Title order={2} size="h3" id={`${conductId}-feed`}>
          {t("network.feed")}
        </Title>
        <EmptyView
          headingOrder={3}
          title={t("network.feedEmptyTitle")}
          description={t("network.feedEmptyBody")}
          icon={<IconMessages aria-hidden />}
        />
      </Paper>
    </Stack>
  );
}
