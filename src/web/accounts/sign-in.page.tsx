// Sign in with email and password, then continue to the page that asked for it (or "/").
import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconInfoCircle } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { setMe } from "../platform/hooks/me-query.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import type { MessageKey } from "../platform/i18n/ja.ts";
import { queryClient } from "../platform/query.ts";
import { safeNext } from "../platform/shell/sign-in-path.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { PasswordField } from "../platform/ui/password-field.tsx";
import { limits } from "../../shared/limits.ts";
import { EmailField } from "../platform/ui/email-field.tsx";

/** Messages other pages leave for sign-in in the navigation state. */
const notices = {
  signedOut: "signIn.notice.signedOut",
  accountDeleted: "signIn.notice.accountDeleted",
  passwordReset: "signIn.notice.passwordReset",
  passwordSet: "signIn.notice.passwordSet",
  sessionRevoked: "signIn.notice.sessionRevoked",
  sessionExpired: "signIn.notice.sessionExpired",
} as const satisfies Record<string, MessageKey>;

/** Notices of a session that ended in this tab: what it cached is forgotten on arrival here. */
const endedSession: readonly string[] = ["signedOut", "accountDeleted", "sessionRevoked"];

function noticeOf(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("notice" in state)) return null;
  return typeof state.notice === "string" ? state.notice : null;
}

function noticeKey(state: unknown): MessageKey | null {
  if (typeof state !== "object" || state === null || !("notice" in state)) return null;
  const notice = state.notice;
  return typeof notice === "string" && notice in notices ? notices[notice as keyof typeof notices] : null;
}

export function SignInPage() {
  const t = useT();
  usePageTitle(t("signIn.title"));
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const next = safeNext(searchParams.get("next"));
  const notice = noticeKey(location.state);
  // Only now, once the signed-in pages have unmounted: cleared while they were still on screen, they
  // re-rendered without the account (and threw) during the navigation here.
  const sessionEnded = endedSession.includes(noticeOf(location.state) ?? "");
  useEffect(() => {
    if (sessionEnded) queryClient.clear();
  }, [sessionEnded]);

  const form = useForm({
    initialValues: { email: "", password: "" },
    validate: zodValidate(bodySchema(accounts.signIn), t),
  });
  const signIn = useMutation({
    mutationFn: (body: typeof form.values) => callApi(accounts.signIn, { body }),
    onSuccess: async (me) => {
      // Whatever was cached belonged to the previous session.
      queryClient.clear();
      setMe(me);
      await navigate(next, { replace: true });
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("signIn.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("signIn.lead")}
        </Text>
      </Stack>
      {notice && (
        <Alert variant="light" color="ai" icon={<IconInfoCircle aria-hidden />} role="status">
          {t(notice)}
        </Alert>
      )}
      <form onSubmit={form.onSubmit((values) => signIn.mutate(values), focusFirstError)} noValidate>
        <Stack gap="md">
          <EmailField {...form.getInputProps("email")} />
          <PasswordField
            label={t("fields.password")}
            autoComplete="current-password"
            required
            maxLength={limits.passwordMax}
            {...form.getInputProps("password")}
          />
          <Anchor component={Link} to="/forgot-password" size="sm">
            {t("signIn.forgot")}
          </Anchor>
          <FormError error={signIn.error} />
          <Button type="submit" size="md" fullWidth loading={signIn.isPending}>
            {t("signIn.submit")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
