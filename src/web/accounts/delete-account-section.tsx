// Account settings › delete account: a danger zone whose modal asks for the password, then ends
// on the sign-in page with a message.
import { Button, Group, Modal, Paper, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import { limits } from "../../shared/limits.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { FormError } from "../platform/ui/form-error.tsx";
import { PasswordField } from "../platform/ui/password-field.tsx";

export function DeleteAccountSection() {
  const t = useT();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const form = useForm({ initialValues: { password: "" }, validate: zodValidate(bodySchema(accounts.deleteAccount), t) });
  const remove = useMutation({
    mutationFn: (body: typeof form.values) => callApi(accounts.deleteAccount, { body }),
    onSuccess: async () => {
      // The sign-in page forgets what this session cached (sign-in.page.tsx).
      await navigate("/sign-in", { replace: true, state: { notice: "accountDeleted" } });
    },
    onError: (error) => {
      if (isApiError(error, "invalid_credentials")) {
        form.setFieldError("password", t("password.wrongCurrent"));
        focusFirstError({ password: true });
      } else applyServerErrors(form, error);
    },
  });
  const close = () => {
    if (remove.isPending) return;
    setOpened(false);
    form.reset();
    remove.reset();
  };

  return (
    <Paper withBorder p="lg" style={{ borderColor: "var(--mantine-color-red-3)" }}>
      <Stack gap="md" align="flex-start">
        <Group gap="xs">
          <IconAlertTriangle size={20} color="var(--mantine-color-red-8)" aria-hidden />
          <Text fw={700} c="red.8">
            {t("deleteAccount.dangerZone")}
          </Text>
        </Group>
        <Text>{t("deleteAccount.lead")}</Text>
        <Button color="red" onClick={() => setOpened(true)}>
          {t("deleteAccount.open")}
        </Button>
      </Stack>
      <Modal opened={opened} onClose={close} title={t("deleteAccount.modalTitle")} closeButtonProps={{ "aria-label": t("common.close") }}>
        <form noValidate onSubmit={form.onSubmit((values) => remove.mutate(values), focusFirstError)}>
          <Stack gap="md">
            <Text>{t("deleteAccount.modalBody")}</Text>
            <PasswordField
              label={t("fields.password")}
              autoComplete="current-password"
              required
              maxLength={limits.passwordMax}
              data-autofocus
              {...form.getInputProps("password")}
            />
            <FormError error={isApiError(remove.error, "invalid_credentials") ? null : remove.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close} disabled={remove.isPending}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" color="red" loading={remove.isPending}>
                {t("deleteAccount.confirm")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
