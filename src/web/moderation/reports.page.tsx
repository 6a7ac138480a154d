// /n/:slug/manage/reports — the admins' reports queue: open reports first, each with what was
// reported as the reporter saw it (and, for a message, the messages around it), the reporter's
// reason and note; hide, delete or close without action, with a reason the author is shown.
import { Anchor, Badge, Blockquote, Button, Group, Modal, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconFlag } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { membership, moderation } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { Report } from "../../shared/contract/moderation.ts";
import { moderationLimits, reportStatuses } from "../../shared/contract/moderation.ts";
import { callApi } from "../platform/api.ts";
import { applyServerErrors, focusFirstError } from "../platform/forms.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate, queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { FilterButtons } from "../members/filter-buttons.tsx";
import { ManageFrame } from "../members/manage-frame.tsx";
import { usePagedList } from "../members/use-paged-list.ts";
import { refreshPosts } from "../rooms/room-queries.ts";

type Status = Report["status"];
type Action = "hide" | "delete" | "none";

export function ReportsPage() {
  const t = useT();
  return (
    <ManageFrame section="reports" title={t("reports.title")} description={t("reports.lead")}>
      {(network) => <ReportsView network={network} />}
    </ManageFrame>
  );
}

function ReportsView({ network }: { network: MyNetwork }) {
  const t = useT();
  const [status, setStatus] = useState<Status>("open");
  const [acting, setActing] = useState<{ report: Report; action: Action } | null>(null);
  const params = { networkId: network.id };
  const { query: list, items } = usePagedList(queryKeyOf(moderation.listReports, { params, query: { status } }), (cursor, signal) =>
    callApi(moderation.listReports, { params, query: { status, cursor }, signal }),
  );
  return (
    <Stack gap="lg">
      <FilterButtons<Status>
        label={t("reports.filterLabel")}
        options={reportStatuses.map((value) => ({ value, label: t(`reports.filter.${value}`) }))}
        value={status}
        onChange={setStatus}
      />
      {list.isPending ? (
        <LoadingState lines={6} />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyView
          icon={<IconFlag aria-hidden />}
          title={status === "open" ? t("reports.emptyOpenTitle") : t("reports.emptyTitle")}
          description={status === "open" ? t("reports.emptyOpenBody") : undefined}
        />
      ) : (
        <Stack gap="sm">
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
            {items.map((report) => (
              <ReportCard key={report.id} report={report} network={network} onAct={(action) => setActing({ report, action })} />
            ))}
          </Stack>
          <LoadMore pages={list} />
        </Stack>
      )}
      <ActModal networkId={network.id} acting={acting} onClose={() => setActing(null)} />
    </Stack>
  );
}

function ReportCard({ report, network, onAct }: { report: Report; network: MyNetwork; onAct: (action: Action) => void }) {
  const t = useT();
  const format = useFormat();
  const kind = t(`reports.target.${report.targetKind}`);
  const { context } = report;
  return (
    <Paper component="li" withBorder p={{ base: "md", sm: "lg" }}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Group gap={6}>
            <Badge variant="light">{kind}</Badge>
            <Badge variant="light" color="red">
              {t(`report.reason.${report.reason}`)}
            </Badge>
            {report.status === "open" && report.sameTargetOpen > 1 && (
              <Badge variant="outline" color="orange">
                {t("reports.sameTarget", { count: report.sameTargetOpen })}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {t("reports.reportedBy", { name: report.reporter.displayName, date: format.dateTime(report.createdAt) })}
          </Text>
        </Group>
        {report.subject && (
          <Text size="sm" fw={600}>
            {t("reports.subject", { name: report.subject.displayName })}
          </Text>
        )}
        {context.roomName && (
          <Text size="xs" c="dimmed">
            {t("reports.inRoom", { room: context.roomName, kind })}
            {context.postId && (
              <>
                {" · "}
                <Anchor component={Link} to={`/n/${network.slug}/posts/${context.postId}`} size="xs">
                  {t("reports.openPost")}
                </Anchor>
              </>
            )}
          </Text>
        )}
        {context.around.length > 0 ? (
          <Stack gap={4} aria-label={t("reports.context")} role="group">
            {context.around.map((m) => (
              <Text
                key={m.id}
                size="sm"
                className="tsunagu-prose"
                fw={m.reported ? 700 : undefined}
                c={m.reported ? undefined : "dimmed"}
                aria-label={m.reported ? t("reports.reportedMessage") : undefined}
              >
                {m.authorName}: {m.text}
              </Text>
            ))}
          </Stack>
        ) : (
          context.text && (
            <Blockquote p="sm" className="tsunagu-prose" style={{ overflowWrap: "anywhere" }}>
              {context.text}
            </Blockquote>
          )
        )}
        {report.note && (
          <Stack gap={2}>
            <Text size="xs" fw={600} c="dimmed">
              {t("reports.note")}
            </Text>
            <Text size="sm" className="tsunagu-prose">
              {report.note}
            </Text>
          </Stack>
        )}
        {report.status === "open" ? (
          <Group gap="sm" justify="flex-end">
            <Button variant="default" onClick={() => onAct("none")}>
              {t("reports.dismiss")}
            </Button>
            {report.targetKind === "member" ? (
              <Text size="xs" c="dimmed">
                {t("reports.memberHint")}
              </Text>
            ) : (
              <>
                {report.targetKind !== "message" && (
                  <Button variant="light" color="orange" onClick={() => onAct("hide")}>
                    {t("reports.hide")}
                  </Button>
                )}
                <Button color="red" onClick={() => onAct("delete")}>
                  {t("reports.delete")}
                </Button>
              </>
            )}
          </Group>
        ) : (
          <Text size="xs" c="dimmed">
            {t("reports.resolvedBy", {
              name: report.resolvedBy ?? "—",
              date: report.resolvedAt ? format.dateTime(report.resolvedAt) : "—",
              resolution: t(`reports.resolution.${report.resolution ?? "none"}`),
            })}
            {report.resolutionNote ? ` — ${report.resolutionNote}` : ""}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function ActModal({
  networkId,
  acting,
  onClose,
}: {
  networkId: string;
  acting: { report: Report; action: Action } | null;
  onClose: () => void;
}) {
  const t = useT();
  const kind = acting ? t(`reports.target.${acting.report.targetKind}`) : "";
  return (
    <Modal
      opened={acting !== null}
      onClose={onClose}
      title={acting ? t(`reports.actTitle.${acting.action}`, { kind }) : ""}
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      {acting && <ActForm key={`${acting.report.id}-${acting.action}`} networkId={networkId} {...acting} onDone={onClose} />}
    </Modal>
  );
}

function ActForm({ networkId, report, action, onDone }: { networkId: string; report: Report; action: Action; onDone: () => void }) {
  const t = useT();
  const notify = useNotify();
  const form = useForm({ initialValues: { reason: "" } });
  const act = useMutation({
    mutationFn: (values: { reason: string }) =>
      callApi(moderation.resolveReport, { params: { networkId, reportId: report.id }, body: { action, reason: values.reason } }),
    onSuccess: async () => {
      notify.success(t(`reports.acted.${action}`));
      onDone();
      await Promise.all([invalidate(moderation.listReports), invalidate(membership.listAuditLog), refreshPosts()]);
    },
    onError: (error) => applyServerErrors(form, error),
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => act.mutate(values), focusFirstError)}>
      <Stack gap="md">
        <Text size="sm">{t(`reports.actLead.${action}`)}</Text>
        <Textarea
          label={action === "none" ? t("reports.noteLabel") : t("reports.reasonLabel")}
          description={action === "none" ? undefined : t("reports.reasonHint")}
          autosize
          minRows={2}
          maxLength={moderationLimits.reasonMax}
          {...form.getInputProps("reason")}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color={action === "none" ? undefined : "red"} loading={act.isPending}>
            {action === "hide" ? t("reports.hide") : action === "delete" ? t("reports.delete") : t("reports.dismiss")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
