// /operator/networks/:networkId — the operator edits any network (also its slug and kind) and its logo.
import { Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import { id as idSchema } from "../../shared/contract/common.ts";
import { accounts, networks } from "../../shared/contract/index.ts";
import type { Network } from "../../shared/contract/networks.ts";
import { limits } from "../../shared/limits.ts";
import type { NetworkKind } from "../../shared/limits.ts";
import { callApi, isApiError, uploadFile } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { LogoUpload } from "../networks/logo-upload.tsx";
import { NetworkAvatar } from "../networks/network-avatar.tsx";
import { NetworkTextFields } from "../networks/network-text-fields.tsx";
import { NetworkKindField } from "./network-kind-field.tsx";
import { OperatorOnly } from "./operator-only.tsx";

export function OperatorNetworkEditPage() {
  return (
    <OperatorOnly>
      <EditNetwork />
    </OperatorOnly>
  );
}

function EditNetwork() {
  const { networkId = "" } = useParams();
  const t = useT();
  const validId = idSchema.safeParse(networkId).success;
  const network = useQuery({ ...apiQuery(networks.getNetworkAsOperator, { params: { networkId } }), enabled: validId });
  usePageTitle(network.data?.name ?? t("operatorEdit.title"));

  if (!validId || isApiError(network.error, "not_found")) return <NotFoundState />;
  if (network.isPending) return <LoadingState lines={8} />;
  if (network.isError) return <ErrorState error={network.error} onRetry={() => void network.refetch()} />;
  return <EditView network={network.data} />;
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section">
      <Title order={2} size="h3" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

interface EditValues {
  name: string;
  slug: string;
  kind: NetworkKind;
  purpose: string;
  eligibility: string;
  codeOfConduct: string;
}

function EditView({ network }: { network: Network }) {
  const t = useT();
  const notify = useNotify();
  const format = useFormat();
  const key = queryKeyOf(networks.getNetworkAsOperator, { params: { networkId: network.id } });
  const form = useForm<EditValues>({
    initialValues: {
      name: network.name,
      slug: network.slug,
      kind: network.kind,
      purpose: network.purpose,
      eligibility: network.eligibility,
      codeOfConduct: network.codeOfConduct,
    },
    validate: zodValidate(bodySchema(networks.updateNetworkAsOperator), t, { slug: "validation.slug" }),
  });
  const save = useMutation({
    mutationFn: (body: EditValues) => callApi(networks.updateNetworkAsOperator, { params: { networkId: network.id }, body }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(key, updated);
      form.resetDirty(form.values);
      notify.success(t("operatorEdit.saved"));
      await Promise.all([invalidate(networks.listAllNetworks), invalidate(accounts.getMe), invalidate(networks.getNetworkHome)]);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const upload = async (file: File) => {
    const updated = await uploadFile(networks.uploadNetworkLogoAsOperator, { networkId: network.id }, file);
    queryClient.setQueryData(key, updated);
    await Promise.all([invalidate(networks.listAllNetworks), invalidate(accounts.getMe), invalidate(networks.getNetworkHome)]);
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/operator/networks" size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("operatorNetworks.title")}
      </Anchor>
      <PageHeader
        before={<NetworkAvatar name={network.name} logoUrl={network.logoUrl} size={56} />}
        title={network.name}
        description={t("operatorEdit.summary", { count: format.number(network.memberCount), date: format.date(network.createdAt) })}
      />
      <Section title={t("operatorEdit.details")}>
        <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values), focusFirstError)}>
          <Stack gap="md">
            <NetworkTextFields
              inputProps={(field) => form.getInputProps(field)}
              between={
                <>
                  <TextInput
                    label={t("networkFields.slug")}
                    description={t("operatorEdit.slugWarning")}
                    required
                    maxLength={limits.slugMax}
                    autoCapitalize="none"
                    spellCheck={false}
                    leftSection={<span aria-hidden>/n/</span>}
                    leftSectionWidth={36}
                    {...form.getInputProps("slug")}
                  />
                  <NetworkKindField
                    value={form.values.kind}
                    onChange={(kind) => form.setFieldValue("kind", kind)}
                    error={form.errors.kind}
                  />
                </>
              }
            />
            <FormError error={save.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Section>
      <Section title={t("networkSettings.logo")}>
        <LogoUpload name={network.name} logoUrl={network.logoUrl} upload={upload} />
      </Section>
      <Text size="xs" c="dimmed">
        {t("operatorEdit.updated", { date: format.dateTime(network.updatedAt) })}
      </Text>
    </Stack>
  );
}
