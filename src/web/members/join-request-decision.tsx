// Approve (as alumni or employee) or decline one join request, with an optional reply that goes to
// the requester by mail.
import { Button, Group, Modal, SegmentedControl, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation } from "@tanstack/react-query";
import { membership, networks } from "../../shared/contract/index.ts";
import type { JoinRequest } from "../../shared/contract/membership.ts";
import { limits } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, focusFirstError } from "../platform/forms.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate } from "../platform/query.ts";
import { ProblemAlert } from "./problem-alert.tsx";
import { isOnFields } from "./use-problem.ts";

export type Decision = "approve" | "decline";

interface DecisionValues {
  role: "alumni" | "employee";
  reply: string;
}

export function DecisionModal({
  networkId,
  target,
  onClose,
}: {
  networkId: string;
  target: { request: JoinRequest; decision: Decision } | null;
  onClose: () => void;
}) {
  const t = useT();
  const title = target
    ? t(target.decision === "approve" ? "requests.approveTitle" : "requests.declineTitle", { name: target.request.displayName })
    : "";
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} closeButtonProps={{ "aria-label": t("common.close") }}>
      {target && <DecisionForm key={`${target.request.id}-${target.decision}`} networkId={networkId} {...target} onDone={onClose} />}
    </Modal>
  );
}

function DecisionForm({
  networkId,
  request,
  decision,
  onDone,
}: {
  networkId: string;
  request: JoinRequest;
  decision: Decision;
  onDone: () => void;
}) {
  const t = useT();
  const notify = useNotify();
  const form = useForm<DecisionValues>({ initialValues: { role: "alumni", reply: "" } });
  const decide = useMutation({
    mutationFn: (values: DecisionValues) =>
      callApi(membership.decideJoinRequest, {
        params: { networkId, requestId: request.id },
        body: { decision, role: values.role, reply: values.reply },
      }),
    onSuccess: async (decided) => {
      notify.success(t(decision === "approve" ? "requests.approved" : "requests.declined", { name: decided.displayName }));
      onDone();
      await Promise.all([
        invalidate(membership.listJoinRequests),
        invalidate(membership.listManagedMembers),
        invalidate(membership.listAuditLog),
        invalidate(networks.listMembers),
        invalidate(networks.getNetworkHome),
      ]);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  const approve = decision === "approve";

  return (
    <form noValidate onSubmit={form.onSubmit((values) => decide.mutate(values), focusFirstError)}>
      <Stack gap="md">
        <Text>{approve ? t("requests.approveBody") : t("requests.declineBody")}</Text>
        {approve && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="decision-role-label">
              {t("requests.role")}
            </Text>
            <SegmentedControl
              aria-labelledby="decision-role-label"
              data={[
                { value: "alumni", label: t("role.alumni") },
                { value: "employee", label: t("role.employee") },
              ]}
              {...form.getInputProps("role")}
              style={{ alignSelf: "flex-start" }}
            />
          </Stack>
        )}
        <Textarea
          label={t("requests.reply")}
          description={approve ? t("requests.replyApproveHint") : t("requests.replyDeclineHint")}
          maxLength={limits.joinRequestMessageMax}
          minRows={3}
          data-autofocus
          {...form.getInputProps("reply")}
        />
        {decide.isError && !isOnFields(decide.error, ["reply", "role"]) && <ProblemAlert error={decide.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={decide.isPending}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color={approve ? undefined : "red"} loading={decide.isPending}>
            {approve ? t("requests.approve") : t("requests.decline")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
