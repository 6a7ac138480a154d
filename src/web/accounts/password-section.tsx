// Account settings › password: change it with the current one; the server signs out other sessions.
import { Button, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { password } from "../../shared/contract/common.ts";
import { accounts } from "../../shared/contract/index.ts";
import { limits } from "../../shared/limits.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { applyServerErrors, zodValidate, focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate } from "../platform/query.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { NewPasswordField, PasswordField } from "../platform/ui/password-field.tsx";

const schema = z
  .object({ currentPassword: z.string().min(1).max(limits.passwordMax), newPassword: password, confirm: z.string() })
  .refine((values) => values.newPassword === values.confirm, { path: ["confirm"], message: "mismatch" });

export function PasswordSection() {
  const t = useT();
  const notify = useNotify();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", confirm: "" },
    validate: zodValidate(schema, t, { confirm: "validation.passwordMismatch" }),
  });
  const change = useMutation({
    mutationFn: (values: typeof form.values) =>
      callApi(accounts.changePassword, { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }),
    onSuccess: async () => {
      form.reset();
      notify.success(t("password.changed"));
      await invalidate(accounts.listSessions);
    },
    onError: (error) => {
      // A wrong current password belongs on that field, not in a banner.
      if (isApiError(error, "invalid_credentials")) {
        form.setFieldError("currentPassword", t("password.wrongCurrent"));
        focusFirstError({ currentPassword: true });
      } else applyServerErrors(form, error);
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((values) => change.mutate(values), focusFirstError)}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("password.lead")}
        </Text>
        <PasswordField
          label={t("fields.currentPassword")}
          autoComplete="current-password"
          required
          maxLength={limits.passwordMax}
          {...form.getInputProps("currentPassword")}
        />
        <NewPasswordField label={t("fields.newPassword")} {...form.getInputProps("newPassword")} />
        <NewPasswordField confirm label={t("fields.confirmPassword")} {...form.getInputProps("confirm")} />
        <FormError error={isApiError(change.error, "invalid_credentials") ? null : change.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={change.isPending}>
            {t("password.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
