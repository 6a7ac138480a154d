// /operator/networks/new — create a network; the slug follows an ASCII name until edited by hand,
// and an optional first admin receives a mail to set their password.
import { Anchor, Button, Group, Paper, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ChangeEvent } from "react";
import { Link, useNavigate } from "react-router";
import { networks } from "../../shared/contract/index.ts";
import { limits } from "../../shared/limits.ts";
import type { NetworkKind } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, bodySchema, zodValidate, focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate } from "../platform/query.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { NetworkTextFields } from "../networks/network-text-fields.tsx";
import { NetworkKindField } from "./network-kind-field.tsx";
import { OperatorOnly } from "./operator-only.tsx";
import { suggestSlug } from "./slug.ts";

interface NewNetworkValues {
  name: string;
  slug: string;
  kind: NetworkKind;
  purpose: string;
  eligibility: string;
  codeOfConduct: string;
  adminEmail: string;
}

export function OperatorNetworkNewPage() {
  return (
    <OperatorOnly>
      <NewNetworkForm />
    </OperatorOnly>
  );
}

function NewNetworkForm() {
  const t = useT();
  usePageTitle(t("operatorNew.title"));
  const navigate = useNavigate();
  const notify = useNotify();
  const [slugEdited, setSlugEdited] = useState(false);
  const schema = bodySchema(networks.createNetwork);
  const form = useForm<NewNetworkValues>({
    initialValues: { name: "", slug: "", kind: "company", purpose: "", eligibility: "", codeOfConduct: "", adminEmail: "" },
    // An empty admin email means "none": validate it only when given.
    validate: (values) =>
      zodValidate<unknown>(schema, t, { slug: "validation.slug" })({ ...values, adminEmail: values.adminEmail.trim() || undefined }),
    onValuesChange: (values, previous) => {
      if (!slugEdited && values.name !== previous.name) form.setFieldValue("slug", suggestSlug(values.name) ?? "");
    },
  });
  const create = useMutation({
    mutationFn: (values: NewNetworkValues) =>
      callApi(networks.createNetwork, { body: { ...values, adminEmail: values.adminEmail.trim() || undefined } }),
    onSuccess: async (network) => {
      notify.success(t("operatorNew.created", { name: network.name }));
      await invalidate(networks.listAllNetworks);
      await navigate(`/operator/networks/${network.id}`, { replace: true });
    },
    onError: (error) => applyServerErrors(form, error),
  });

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/operator/networks" size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("operatorNetworks.title")}
      </Anchor>
      <PageHeader title={t("operatorNew.title")} description={t("operatorNew.lead")} />
      <Paper withBorder p={{ base: "md", sm: "lg" }}>
        <form noValidate onSubmit={form.onSubmit((values) => create.mutate(values), focusFirstError)}>
          <Stack gap="md">
            <NetworkTextFields
              inputProps={(field) => form.getInputProps(field)}
              between={
                <>
                  <TextInput
                    label={t("networkFields.slug")}
                    description={t("networkFields.slugHint", { min: limits.slugMin, max: limits.slugMax })}
                    required
                    maxLength={limits.slugMax}
                    autoCapitalize="none"
                    autoCorrect="off"
                    spellCheck={false}
                    leftSection={<span aria-hidden>/n/</span>}
                    leftSectionWidth={36}
                    {...form.getInputProps("slug")}
                    onChange={(event: ChangeEvent<HTMLInputElement>) => {
                      setSlugEdited(true);
                      form.setFieldValue("slug", event.currentTarget.value);
                    }}
                  />
                  <NetworkKindField
                    value={form.values.kind}
                    onChange={(kind) => form.setFieldValue("kind", kind)}
                    error={form.errors.kind}
                  />
                </>
              }
            />
            <TextInput
              label={t("operatorNew.adminEmail")}
              description={t("operatorNew.adminEmailHint")}
              type="email"
              inputMode="email"
              autoComplete="off"
              maxLength={limits.emailMax}
              {...form.getInputProps("adminEmail")}
            />
            <FormError error={create.error} />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/operator/networks">
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t("operatorNew.submit")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
