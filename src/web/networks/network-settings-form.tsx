// Network admins edit the network's name, purpose, eligibility and code of conduct.
import { Button, Group, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { accounts, networks } from "../../shared/contract/index.ts";
import type { Network } from "../../shared/contract/networks.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate, queryClient, queryKeyOf } from "../platform/query.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { NetworkTextFields } from "./network-text-fields.tsx";
import type { NetworkTextValues } from "./network-text-fields.tsx";

export function NetworkSettingsForm({ network }: { network: Network }) {
  const t = useT();
  const notify = useNotify();
  const form = useForm<NetworkTextValues>({
    initialValues: { name: network.name, purpose: network.purpose, eligibility: network.eligibility, codeOfConduct: network.codeOfConduct },
    validate: zodValidate(bodySchema(networks.updateNetworkSettings), t),
  });
  const save = useMutation({
    mutationFn: (body: NetworkTextValues) => callApi(networks.updateNetworkSettings, { params: { networkId: network.id }, body }),
    onSuccess: async (home) => {
      queryClient.setQueryData(queryKeyOf(networks.getNetworkHome, { params: { networkId: network.id } }), home);
      form.resetDirty(form.values);
      notify.success(t("networkSettings.saved"));
      // The header's switcher shows the name.
      await invalidate(accounts.getMe);
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)} noValidate>
      <Stack gap="md">
        <NetworkTextFields inputProps={(field) => form.getInputProps(field)} />
        <FormError error={save.error} />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
