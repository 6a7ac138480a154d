// /n/:slug/settings — for the network's admins: its texts and its logo (members: /n/:slug/manage).
import { Anchor, Button, Paper, Stack, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconLock, IconMoodSmile, IconUsers } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { accounts, networks } from "../../shared/contract/index.ts";
import type { NetworkHome } from "../../shared/contract/networks.ts";
import { uploadFile } from "../platform/api.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { LogoUpload } from "./logo-upload.tsx";
import { NetworkSettingsForm } from "./network-settings-form.tsx";
import { useMyNetwork } from "./use-my-network.ts";

export function NetworkSettingsPage() {
  const { slug } = useParams();
  const mine = useMyNetwork(slug);
  const t = useT();
  usePageTitle(mine ? t("networkSettings.titleFor", { name: mine.name }) : t("notFound.title"));
  const home = useQuery({ ...apiQuery(networks.getNetworkHome, { params: { networkId: mine?.id ?? "" } }), enabled: mine !== undefined });

  if (!mine) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (home.isPending) return <LoadingState lines={8} />;
  if (home.isError) return <ErrorState error={home.error} onRetry={() => void home.refetch()} />;
  if (!home.data.allowed.editSettings) {
    return (
      <EmptyView
        headingOrder={1}
        icon={<IconLock aria-hidden />}
        title={t("networkSettings.forbiddenTitle")}
        description={t("networkSettings.forbiddenBody")}
      >
        <Button component={Link} to={`/n/${mine.slug}`} variant="light">
          {t("networkSettings.back", { name: mine.name })}
        </Button>
      </EmptyView>
    );
  }
  return <SettingsView home={home.data} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section">
      <Title order={2} size="h3" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function SettingsView({ home }: { home: NetworkHome }) {
  const t = useT();
  const { network, allowed } = home;
  const upload = async (file: File) => {
    const updated = await uploadFile(networks.uploadNetworkLogo, { networkId: network.id }, file);
    queryClient.setQueryData(queryKeyOf(networks.getNetworkHome, { params: { networkId: network.id } }), updated);
    await invalidate(accounts.getMe);
  };
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/n/${network.slug}`} size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("networkSettings.back", { name: network.name })}
      </Anchor>
      <PageHeader title={t("networkSettings.title")} description={network.name} />
      <Section title={t("networkSettings.about")}>
        <NetworkSettingsForm network={network} />
      </Section>
      <Section title={t("networkSettings.logo")}>
        <LogoUpload name={network.name} logoUrl={network.logoUrl} upload={upload} />
      </Section>
      <Section title={t("customStamps.title")}>
        <Stack gap="sm" align="flex-start">
          <Text size="sm">{t("customStamps.settingsBody")}</Text>
          <Button
            component={Link}
            to={`/n/${network.slug}/settings/stamps`}
            variant="light"
            leftSection={<IconMoodSmile size={18} aria-hidden />}
          >
            {t("customStamps.settingsLink")}
          </Button>
        </Stack>
      </Section>
      {allowed.manageMembers && (
        <Section title={t("networkSettings.members")}>
          <Text size="sm">{t("networkSettings.membersMoved")}</Text>
          <Button
            component={Link}
            to={`/n/${network.slug}/manage/members`}
            variant="light"
            leftSection={<IconUsers size={18} aria-hidden />}
          >
            {t("nav.manageMembers")}
          </Button>
        </Section>
      )}
    </Stack>
  );
}
