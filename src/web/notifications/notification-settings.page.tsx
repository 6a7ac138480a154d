// /n/:slug/notifications/settings — how I am notified in this network: mails for messages and
// mentions, the digest's frequency, and which kinds are notified in the app at all. Saved together
// with one button; every network has its own settings.
import { Anchor, Button, Checkbox, Fieldset, Group, Radio, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconArrowLeft } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { notifications } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { digestFrequencies, notificationKinds } from "../../shared/contract/notifications.ts";
import type { NotificationSettings } from "../../shared/contract/notifications.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { queryClient } from "../platform/query.ts";
import { FormError } from "../platform/ui/form-error.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { settingsQuery } from "./notification-queries.ts";

export function NotificationSettingsPage() {
  const { slug } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  usePageTitle(network ? t("notificationSettings.titleFor", { name: network.name }) : t("notFound.title"));
  const settings = useQuery({ ...settingsQuery(network?.id ?? ""), enabled: network !== undefined });

  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to={`/n/${network.slug}/notifications`} size="sm">
        <IconArrowLeft size={14} aria-hidden style={{ verticalAlign: "-2px", marginInlineEnd: 4 }} />
        {t("notificationSettings.back")}
      </Anchor>
      <PageHeader title={t("notificationSettings.title")} description={t("notificationSettings.lead")} />
      {settings.isPending ? (
        <LoadingState lines={8} />
      ) : settings.isError ? (
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <SettingsForm key={network.id} network={network} initial={settings.data} />
      )}
    </Stack>
  );
}

function SettingsForm({ network, initial }: { network: MyNetwork; initial: NotificationSettings }) {
  const t = useT();
  const notify = useNotify();
  const form = useForm<NotificationSettings>({ initialValues: initial });
  const save = useMutation({
    mutationFn: (body: NotificationSettings) =>
      callApi(notifications.updateNotificationSettings, { params: { networkId: network.id }, body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsQuery(network.id).queryKey, saved);
      form.setValues(saved);
      form.resetDirty(saved);
      notify.success(t("notificationSettings.saved"));
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((values) => save.mutate(values))}>
      <Stack gap="lg">
        <Fieldset legend={t("notificationSettings.mailHeading")}>
          <Stack gap="sm">
            <Checkbox label={t("notificationSettings.emailDm")} {...form.getInputProps("emailDm", { type: "checkbox" })} />
            <Checkbox label={t("notificationSettings.emailMention")} {...form.getInputProps("emailMention", { type: "checkbox" })} />
            <Text size="sm" c="dimmed">
              {t("notificationSettings.mailHint")}
            </Text>
          </Stack>
        </Fieldset>
        <Fieldset legend={t("notificationSettings.digestHeading")}>
          <Radio.Group
            aria-label={t("notificationSettings.digestHeading")}
            description={t("notificationSettings.digestHint")}
            {...form.getInputProps("digest")}
          >
            <Stack gap="sm" mt="sm">
              {digestFrequencies.map((frequency) => (
                <Radio key={frequency} value={frequency} label={t(`notificationSettings.digest.${frequency}`)} />
              ))}
            </Stack>
          </Radio.Group>
        </Fieldset>
        <Fieldset legend={t("notificationSettings.inAppHeading")}>
          <Stack gap="sm">
            <Text size="sm" c="dimmed">
              {t("notificationSettings.inAppHint")}
            </Text>
            {notificationKinds.map((kind) => (
              <Checkbox
                key={kind}
                label={t(`notificationSettings.inApp.${kind}`)}
                {...form.getInputProps(`inApp.${kind}`, { type: "checkbox" })}
              />
            ))}
          </Stack>
        </Fieldset>
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
