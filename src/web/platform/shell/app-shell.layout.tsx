// The signed-in frame: loads the account (or sends to sign-in), then header with network switcher,
// notification bell and account menu, side navigation (a drawer on phones), the email verification banner and the page.
import { Anchor, AppShell, Burger, Button, Center, Container, Group, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Suspense, useState } from "react";
import { Link, Navigate, Outlet, useLocation, useMatch } from "react-router";
import { VerifyEmailBanner } from "../../accounts/verify-email-banner.tsx";
import { lastNetworkSlug } from "../../networks/last-network.ts";
import { NetworkSwitcher } from "../../networks/network-switcher.tsx";
import { NotificationBell } from "../../notifications/notification-bell.tsx";
import { isApiError } from "../api.ts";
import { useErrorMessage } from "../hooks/use-error-message.ts";
import { meQuery } from "../hooks/me-query.ts";
import { useMe } from "../hooks/use-me.ts";
import { useT } from "../i18n/i18n.context.tsx";
import { AccountMenu } from "./account-menu.tsx";
import { Brand } from "./brand.tsx";
import { FullPageLoader } from "./full-page-loader.tsx";
import { ShellNav } from "./shell-nav.tsx";
import { signInPath } from "./sign-in-path.ts";
import { LoadingState } from "../ui/page-states.tsx";
import { RealtimeProvider } from "../realtime/realtime.context.tsx";

export function AppShellLayout() {
  const me = useQuery(meQuery);
  const location = useLocation();
  const t = useT();
  const errorMessage = useErrorMessage();

  if (me.isPending) return <FullPageLoader />;
  if (me.isError) {
    if (isApiError(me.error, "unauthenticated") || (isApiError(me.error) && me.error.status === 401)) {
      // Data from before the 401 means a session ended under us (expired, or signed out elsewhere).
      return (
        <Navigate to={signInPath(location.pathname + location.search)} replace state={me.data ? { notice: "sessionExpired" } : null} />
      );
    }
    return (
      <Center mih="100dvh" p="md" component="main">
        <Stack align="center" maw={440} ta="center">
          <Title order={1}>{t("common.errorTitle")}</Title>
          <Text>{errorMessage(me.error)}</Text>
          <Button onClick={() => void me.refetch()} loading={me.isFetching}>
            {t("common.retry")}
          </Button>
        </Stack>
      </Center>
    );
  }
  // One real-time socket per tab, for as long as someone is signed in.
  return (
    <RealtimeProvider>
      <Shell />
    </RealtimeProvider>
  );
}

function Shell() {
  const t = useT();
  const me = useMe();
  const { pathname } = useLocation();
  // The drawer belongs to the page it was opened on, so it closes by itself after navigating.
  const [openedOn, setOpenedOn] = useState<string | null>(null);
  const navOpened = openedOn === pathname;
  const slug = useMatch("/n/:slug/*")?.params.slug ?? lastNetworkSlug();
  const current = me.networks.find((network) => network.slug === slug);

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 264, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      padding={{ base: "md", sm: "lg" }}
    >
      <a className="tsunagu-skip-link" href="#main">
        {t("shell.skipToContent")}
      </a>
      {/* Above the navbar (100) so header menus open over it; below modals (200). */}
      <AppShell.Header zIndex={150}>
        <Group h="100%" px={{ base: "xs", sm: "md" }} justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={navOpened}
              onClick={() => setOpenedOn(navOpened ? null : pathname)}
              hiddenFrom="sm"
              size="sm"
              aria-label={navOpened ? t("shell.closeNav") : t("shell.openNav")}
              aria-expanded={navOpened}
              aria-controls="tsunagu-nav"
            />
            <Anchor component={Link} to="/" underline="never" aria-label={t("shell.homeLink")} mr={{ base: 2, sm: "md" }}>
              <Brand hideNameBelow="xs" />
            </Anchor>
            <NetworkSwitcher current={current} />
          </Group>
          <Group gap={4} wrap="nowrap">
            <NotificationBell network={current} />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="tsunagu-nav" aria-label={t("shell.navLabel")}>
        <ShellNav current={current} />
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Container size="md" p={0}>
          <VerifyEmailBanner />
          <Suspense fallback={<LoadingState />}>
            <Outlet />
          </Suspense>
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
