// Last-resort error page for a route that failed to load or threw while rendering (for example
// after a deploy replaced the chunk this tab was about to load).
import { Button, Center, Stack, Text, Title } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useEffect } from "react";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { usePageTitle } from "../hooks/use-page-title.ts";
import { useT } from "../i18n/i18n.context.tsx";

export function RouteErrorPage() {
  const error = useRouteError();
  const t = useT();
  usePageTitle(t("routeError.title"));
  useEffect(() => {
    console.error(error);
  }, [error]);
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <Center mih="100dvh" p="md" component="main">
      <Stack align="center" gap="md" maw={480} ta="center">
        <Title order={1}>{notFound ? t("notFound.title") : t("routeError.title")}</Title>
        <Text c="dimmed">{notFound ? t("notFound.description") : t("routeError.description")}</Text>
        <Button leftSection={<IconRefresh size={18} aria-hidden />} onClick={() => window.location.reload()}>
          {t("routeError.reload")}
        </Button>
      </Stack>
    </Center>
  );
}
