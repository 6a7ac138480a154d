// First run: create the operator account with the one-time setup token the server printed in its
// log. Only while GET /api/setup says it is needed; afterwards the page sends people to sign-in.
import { Alert, Button, Radio, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconTerminal2 } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Navigate, useNavigate } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import { limits, locales } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { setMe } from "../platform/hooks/me-query.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { isLocale } from "../platform/i18n/locale.ts";
import { apiQuery, queryClient } from "../platform/query.ts";
import { localeNames } from "../platform/shell/language-switch.tsx";
import { FormError } from "../platform/ui/form-error.tsx";
import { ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { NewPasswordField } from "../platform/ui/password-field.tsx";
import { EmailField } from "../platform/ui/email-field.tsx";

export function SetupPage() {
  const t = useT();
  usePageTitle(t("setup.title"));
  const status = useQuery({ ...apiQuery(accounts.setupStatus), staleTime: 0 });

  if (status.isPending) return <LoadingState />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  if (!status.data.needed) return <Navigate to="/sign-in" replace />;
  return <SetupForm />;
}

function SetupForm() {
  const t = useT();
  const navigate = useNavigate();
  const { locale, setLocale } = useLocale();
  const form = useForm({
    initialValues: { setupToken: "", email: "", displayName: "", password: "", locale },
    validate: zodValidate(bodySchema(accounts.completeSetup), t),
    onValuesChange: (values, previous) => {
      // Choosing the operator's language also switches this page to it.
      if (values.locale !== previous.locale) setLocale(values.locale);
    },
  });
  const complete = useMutation({
    mutationFn: (body: typeof form.values) => callApi(accounts.completeSetup, { body }),
    onSuccess: async (me) => {
      queryClient.clear();
      setMe(me);
      await navigate("/operator/networks", { replace: true });
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("setup.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("setup.lead")}
        </Text>
      </Stack>
      <Alert variant="light" color="ai" icon={<IconTerminal2 aria-hidden />} title={t("setup.tokenHelpTitle")} role="note">
        {t("setup.tokenHelp")}
      </Alert>
      <form onSubmit={form.onSubmit((values) => complete.mutate(values), focusFirstError)} noValidate>
        <Stack gap="md">
          <TextInput
            label={t("setup.token")}
            description={t("setup.tokenDescription")}
            autoComplete="off"
            spellCheck={false}
            required
            {...form.getInputProps("setupToken")}
          />
          <EmailField {...form.getInputProps("email")} />
          <TextInput
            label={t("fields.displayName")}
            autoComplete="name"
            required
            maxLength={limits.displayNameMax}
            {...form.getInputProps("displayName")}
          />
          <NewPasswordField label={t("fields.password")} {...form.getInputProps("password")} />
          <Radio.Group
            label={t("fields.language")}
            value={form.values.locale}
            onChange={(value) => {
              if (isLocale(value)) form.setFieldValue("locale", value);
            }}
          >
            <Group mt="xs">
              {locales.map((value) => (
                <Radio key={value} value={value} label={<span lang={value}>{localeNames[value]}</span>} />
              ))}
            </Group>
          </Radio.Group>
          <FormError error={complete.error} />
          <Button type="submit" size="md" fullWidth loading={complete.isPending}>
            {t("setup.submit")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
