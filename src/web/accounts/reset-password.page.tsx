// Choose a new password with a mailed token. One page, two doors: /reset-password (forgotten
// password) and /set-password (a new network admin's first password).
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconLinkOff } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { Link, useNavigate } from "react-router";
import { displayName, password, token as tokenSchema } from "../../shared/contract/common.ts";
import { accounts } from "../../shared/contract/index.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { applyServerErrors, zodValidate, focusFirstError } from "../platform/forms.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useLinkToken } from "./use-link-token.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryClient } from "../platform/query.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { NewPasswordField } from "../platform/ui/password-field.tsx";

const schemas = {
  reset: z
    .object({ name: z.string(), password, confirm: z.string() })
    .refine((values) => values.password === values.confirm, { path: ["confirm"], message: "mismatch" }),
  // A new admin's account is named after its address until they give their name here.
  set: z
    .object({ name: displayName, password, confirm: z.string() })
    .refine((values) => values.password === values.confirm, { path: ["confirm"], message: "mismatch" }),
};

type Mode = "reset" | "set";

export function ResetPasswordPage() {
  return <PasswordTokenPage mode="reset" />;
}

export function SetPasswordPage() {
  return <PasswordTokenPage mode="set" />;
}

function PasswordTokenPage({ mode }: { mode: Mode }) {
  const t = useT();
  const title = mode === "set" ? t("setPassword.title") : t("resetPassword.title");
  usePageTitle(title);
  const navigate = useNavigate();
  const token = useLinkToken();
  const tokenLooksValid = tokenSchema.safeParse(token).success;

  const form = useForm({
    initialValues: { name: "", password: "", confirm: "" },
    validate: zodValidate(schemas[mode], t, { confirm: "validation.passwordMismatch" }),
  });
  const confirm = useMutation({
    mutationFn: (values: typeof form.values) =>
      callApi(accounts.confirmPasswordReset, {
        body: { token, password: values.password, ...(mode === "set" ? { displayName: values.name } : {}) },
      }),
    onSuccess: async () => {
      // Every session was signed out by the server; forget what this tab knew.
      queryClient.clear();
      await navigate("/sign-in", { replace: true, state: { notice: mode === "set" ? "passwordSet" : "passwordReset" } });
    },
    onError: (error) => applyServerErrors(form, error),
  });

  if (!tokenLooksValid || isApiError(confirm.error, "invalid_token")) {
    return (
      <Stack gap="lg">
        <Title order={1}>{title}</Title>
        <Alert variant="light" color="red" icon={<IconLinkOff aria-hidden />} title={t("token.invalidTitle")} role="alert">
          {mode === "set" ? t("setPassword.invalid") : t("resetPassword.invalid")}
        </Alert>
        <Button component={Link} to="/forgot-password" variant="light">
          {t("resetPassword.requestNew")}
        </Button>
        <Anchor component={Link} to="/sign-in" size="sm">
          {t("common.backToSignIn")}
        </Anchor>
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1}>{title}</Title>
        <Text c="dimmed" size="sm">
          {mode === "set" ? t("setPassword.lead") : t("resetPassword.lead")}
        </Text>
      </Stack>
      <form onSubmit={form.onSubmit((values) => confirm.mutate(values), focusFirstError)} noValidate>
        <Stack gap="md">
          {mode === "set" && (
            <TextInput
              label={t("fields.displayName")}
              description={t("setPassword.nameHint")}
              autoComplete="name"
              withAsterisk
              {...form.getInputProps("name")}
            />
          )}
          <NewPasswordField label={t("fields.newPassword")} {...form.getInputProps("password")} />
          <NewPasswordField confirm label={t("fields.confirmPassword")} {...form.getInputProps("confirm")} />
          <FormError error={confirm.error} />
          <Button type="submit" size="md" fullWidth loading={confirm.isPending}>
            {mode === "set" ? t("setPassword.submit") : t("resetPassword.submit")}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
