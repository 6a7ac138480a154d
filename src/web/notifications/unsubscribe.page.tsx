// Opened from the footer link of a notification or digest mail: says what the link stops and
// stops it with one button (POST). No sign-in needed; mail apps use the same link's one-click
// POST (List-Unsubscribe-Post) without this page.
import { Alert, Button, Loader, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconLinkOff } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { notifications } from "../../shared/contract/index.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ErrorState } from "../platform/ui/page-states.tsx";

export function UnsubscribePage() {
  const t = useT();
  usePageTitle(t("unsubscribe.title"));
  const token = useParams().token ?? "";
  const tokenLooksValid = notifications.unsubscribeToken.safeParse(token).success;

  const state = useQuery({
    queryKey: ["unsubscribe", token],
    queryFn: () => callApi(notifications.getUnsubscribe, { params: { token } }),
    enabled: tokenLooksValid,
    retry: false,
  });
  const stop = useMutation({ mutationFn: () => callApi(notifications.unsubscribe, { params: { token } }) });

  const invalid = !tokenLooksValid || isApiError(state.error, "not_found") || isApiError(state.error, "validation_failed");
  const result = stop.data ?? state.data;
  const vars = result ? { network: result.networkName, what: t(`unsubscribe.what.${result.kind}`) } : undefined;
  return (
    <Stack gap="lg">
      <Title order={1}>{t("unsubscribe.title")}</Title>
      {invalid ? (
        <Alert variant="light" color="red" icon={<IconLinkOff aria-hidden />} title={t("token.invalidTitle")} role="alert">
          {t("unsubscribe.invalid")}
        </Alert>
      ) : state.isPending ? (
        <Stack align="center" py="lg" role="status" aria-live="polite">
          <Loader aria-hidden />
          <Text>{t("unsubscribe.loading")}</Text>
        </Stack>
      ) : state.isError ? (
        <ErrorState error={state.error} onRetry={() => void state.refetch()} />
      ) : result && !result.active ? (
        <Alert variant="light" color="green" icon={<IconCircleCheck aria-hidden />} title={t("unsubscribe.doneTitle")} role="status">
          {t("unsubscribe.done", vars)}
        </Alert>
      ) : (
        <Stack gap="md">
          <Text>{t("unsubscribe.confirm", vars)}</Text>
          {stop.isError && <ErrorState error={stop.error} onRetry={() => stop.mutate()} />}
          <Button onClick={() => stop.mutate()} loading={stop.isPending}>
            {t("unsubscribe.button")}
          </Button>
        </Stack>
      )}
      <Button component={Link} to="/" variant="light">
        {t("unsubscribe.toTop")}
      </Button>
    </Stack>
  );
}
