// Opened from the verification mail: posts the token once, then says whether it worked.
import { Alert, Button, Loader, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconLinkOff } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { token as tokenSchema } from "../../shared/contract/common.ts";
import { accounts } from "../../shared/contract/index.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { meQuery } from "../platform/hooks/me-query.ts";
import { queryClient } from "../platform/query.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useLinkToken } from "./use-link-token.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ErrorState } from "../platform/ui/page-states.tsx";

export function VerifyEmailPage() {
  const t = useT();
  usePageTitle(t("verify.title"));
  const token = useLinkToken();
  const tokenLooksValid = tokenSchema.safeParse(token).success;

  // A query keyed by the token, not an effect: React may mount twice, the token can be used once.
  const verify = useQuery({
    queryKey: ["verifyEmail", token],
    queryFn: async () => {
      await callApi(accounts.verifyEmail, { body: { token } });
      // A cached account still says "not verified": mark it stale so it is asked again.
      await queryClient.invalidateQueries({ queryKey: meQuery.queryKey, refetchType: "none" });
      return true;
    },
    enabled: tokenLooksValid,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
  });

  // Opened from a mail, this tab may or may not have a session: ask, to offer the right way on.
  const me = useQuery({ ...meQuery, enabled: verify.isSuccess || verify.isError || !tokenLooksValid });
  const signedIn = me.data !== undefined;

  const invalid = !tokenLooksValid || isApiError(verify.error, "invalid_token");
  return (
    <Stack gap="lg">
      <Title order={1}>{t("verify.title")}</Title>
      {invalid ? (
        <Alert variant="light" color="red" icon={<IconLinkOff aria-hidden />} title={t("token.invalidTitle")} role="alert">
          {t("verify.invalid")}
        </Alert>
      ) : verify.isPending ? (
        <Stack align="center" py="lg" role="status" aria-live="polite">
          <Loader aria-hidden />
          <Text>{t("verify.checking")}</Text>
        </Stack>
      ) : verify.isError ? (
        <ErrorState error={verify.error} onRetry={() => void verify.refetch()} />
      ) : (
        <Alert variant="light" color="green" icon={<IconCircleCheck aria-hidden />} title={t("verify.successTitle")} role="status">
          {t("verify.success")}
        </Alert>
      )}
      <Button component={Link} to={signedIn ? "/" : "/sign-in"} variant={invalid || verify.isSuccess ? "filled" : "light"}>
        {signedIn ? t("verify.continue") : t("common.backToSignIn")}
      </Button>
    </Stack>
  );
}
