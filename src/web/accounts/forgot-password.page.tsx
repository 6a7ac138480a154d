// Ask for a password reset mail. The answer is the same whether or not the address is registered,
// so the page never reveals who has an account.
import { Alert, Anchor, Button, Stack, Text, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconMailCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { Link } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { FormError } from "../platform/ui/form-error.tsx";
import { EmailField } from "../platform/ui/email-field.tsx";

export function ForgotPasswordPage() {
  const t = useT();
  usePageTitle(t("forgot.title"));
  const form = useForm({ initialValues: { email: "" }, validate: zodValidate(bodySchema(accounts.requestPasswordReset), t) });
  const request = useMutation({
    mutationFn: (body: typeof form.values) => callApi(accounts.requestPasswordReset, { body }),
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{t("forgot.title")}</Title>
        <Text c="dimmed" size="sm">
          {t("forgot.lead")}
        </Text>
      </Stack>
      {request.isSuccess ? (
        <Alert variant="light" color="green" icon={<IconMailCheck aria-hidden />} title={t("forgot.sentTitle")} role="status">
          {t("forgot.sent", { email: form.values.email.trim() })}
        </Alert>
      ) : (
        <form onSubmit={form.onSubmit((values) => request.mutate(values), focusFirstError)} noValidate>
          <Stack gap="md">
            <EmailField {...form.getInputProps("email")} />
            <FormError error={request.error} />
            <Button type="submit" size="md" fullWidth loading={request.isPending}>
              {t("forgot.submit")}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm">
        {t("common.backToSignIn")}
      </Anchor>
    </Stack>
  );
}
