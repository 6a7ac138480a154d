// The yearly "is this still current?" (プロフィールは最新ですか？): shown a year after the last
// confirmation or change. "Yes, still current" confirms without changing anything; otherwise the
// member edits the form below, and saving counts as confirming.
import { Alert, Button, Group, Text } from "@mantine/core";
import { IconCalendarCheck } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { people } from "../../shared/contract/index.ts";
import type { MyProfile } from "../../shared/contract/people.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export function ConfirmBanner({ updatedAt, onConfirmed }: { updatedAt: string | null; onConfirmed: (profile: MyProfile) => void }) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const confirm = useMutation({
    mutationFn: () => callApi(people.confirmMyProfile),
    onSuccess: (profile) => {
      onConfirmed(profile);
      notify.success(t("profile.confirm.done"));
    },
    onError: notify.error,
  });
  return (
    <Alert variant="light" color="orange" icon={<IconCalendarCheck aria-hidden />} title={t("profile.confirm.title")}>
      <Text size="sm" mb="sm">
        {updatedAt ? t("profile.confirm.bodySince", { date: format.date(updatedAt) }) : t("profile.confirm.body")}
      </Text>
      <Group gap="sm">
        <Button size="xs" color="orange" loading={confirm.isPending} onClick={() => confirm.mutate()}>
          {t("profile.confirm.yes")}
        </Button>
        <Text size="xs" c="dimmed">
          {t("profile.confirm.orEdit")}
        </Text>
      </Group>
    </Alert>
  );
}
