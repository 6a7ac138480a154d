// Reminds a member whose address is not confirmed yet, with a button to mail the link again.
import { Alert, Button, Group, Text } from "@mantine/core";
import { IconMailExclamation } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { accounts } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useMe } from "../platform/hooks/use-me.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export function VerifyEmailBanner() {
  const me = useMe();
  const t = useT();
  const notify = useNotify();
  const resend = useMutation({
    mutationFn: () => callApi(accounts.resendVerification),
    onSuccess: () => notify.success(t("verifyBanner.sent", { email: me.account.email }), t("verifyBanner.sentTitle")),
    onError: (error) => notify.error(error),
  });
  if (me.account.emailVerified) return null;
  return (
    <Alert variant="light" color="orange" icon={<IconMailExclamation aria-hidden />} title={t("verifyBanner.title")} mb="lg" role="region">
      <Group justify="space-between" gap="sm" align="center">
        <Text size="sm">{t("verifyBanner.body", { email: me.account.email })}</Text>
        <Button
          size="xs"
          variant="white"
          color="orange"
          onClick={() => resend.mutate()}
          loading={resend.isPending}
          style={{ border: "1px solid var(--mantine-color-orange-7)" }}
        >
          {t("verifyBanner.resend")}
        </Button>
      </Group>
    </Alert>
  );
}
