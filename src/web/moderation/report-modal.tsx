// "Report" (通報) for anything a member can see: a post, a comment, a direct message or a member.
// One modal, used from the menus of those things; the report goes to the network's admins only.
import { Button, Group, Modal, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { moderation } from "../../shared/contract/index.ts";
import { moderationLimits, reportReasons } from "../../shared/contract/moderation.ts";
import type { reportTargetKinds } from "../../shared/contract/moderation.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export interface ReportTarget {
  kind: (typeof reportTargetKinds)[number];
  id: string;
}

interface Values {
  reason: (typeof reportReasons)[number];
  note: string;
}

export function ReportModal({ networkId, target, onClose }: { networkId: string; target: ReportTarget | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={target !== null} onClose={onClose} title={t("report.title")} closeButtonProps={{ "aria-label": t("common.close") }}>
      {target && <ReportForm key={`${target.kind}-${target.id}`} networkId={networkId} target={target} onDone={onClose} />}
    </Modal>
  );
}

function ReportForm({ networkId, target, onDone }: { networkId: string; target: ReportTarget; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const form = useForm<Values>({ initialValues: { reason: "inappropriate", note: "" } });
  const send = useMutation({
    mutationFn: (values: Values) =>
      callApi(moderation.createReport, {
        params: { networkId },
        body: { targetKind: target.kind, targetId: target.id, reason: values.reason, note: values.note },
      }),
    onSuccess: () => {
      notify.success(t("report.done"));
      onDone();
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => send.mutate(values), focusFirstError)}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t("report.lead")}
        </Text>
        <Radio.Group label={t("report.reason")} {...form.getInputProps("reason")}>
          <Stack gap={8} mt={6}>
            {reportReasons.map((reason) => (
              <Radio key={reason} value={reason} label={t(`report.reason.${reason}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t("report.note")}
          description={t("report.noteHint")}
          autosize
          minRows={2}
          maxLength={moderationLimits.noteMax}
          {...form.getInputProps("note")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" loading={send.isPending}>
            {t("report.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
