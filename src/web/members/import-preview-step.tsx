// Step 3 of the CSV import: the dry run's verdict. How many rows can be invited, which problems
// the others have (and that they will simply be skipped), every row to check, an optional note for
// the invitation mail, and the one button that sends — after asking.
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconAdjustments, IconAlertTriangle, IconSend } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { MemberImport } from "../../shared/contract/membership.ts";
import { rowProblems } from "../../shared/member-import.ts";
import { limits } from "../../shared/limits.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { storeImport } from "./import-queries.ts";
import { ImportRows, ProblemBadge } from "./import-rows.tsx";
import { ProblemAlert } from "./problem-alert.tsx";

export function ImportPreviewStep({
  network,
  imp,
  summary,
  onRemap,
}: {
  network: MyNetwork;
  imp: MemberImport;
  summary: string;
  onRemap: () => void;
}) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const [note, setNote] = useState("");
  const [confirming, setConfirming] = useState(false);
  const problemRows = imp.totalRows - imp.okRows;
  const counts = rowProblems.map((problem) => ({ problem, count: imp.problemCounts[problem] ?? 0 })).filter((entry) => entry.count > 0);

  const start = useMutation({
    mutationFn: () => callApi(membership.startMemberImport, { params: { networkId: network.id, importId: imp.id }, body: { note } }),
    onSuccess: async (updated) => {
      setConfirming(false);
      notify.success(t("imports.started", { count: format.number(updated.okRows) }));
      await storeImport(network.id, updated);
    },
    onError: () => setConfirming(false),
  });

  return (
    <Stack gap="lg">
      <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-preview-title">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h3" id="import-preview-title">
              {t("imports.previewTitle")}
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {summary}
            </Text>
          </Stack>
          <SimpleGrid cols={{ base: 2 }} spacing="sm" maw={480}>
            <Figure label={t("imports.figureOk")} value={format.number(imp.okRows)} color="green.8" />
            <Figure
              label={t("imports.figureProblems")}
              value={format.number(problemRows)}
              color={problemRows > 0 ? "orange.9" : undefined}
            />
          </SimpleGrid>
          {counts.length > 0 && (
            <Stack gap={6}>
              <Text size="sm">{t("imports.problemsLead")}</Text>
              <Group gap={6} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
                {counts.map(({ problem, count }) => (
                  <Group component="li" key={problem} gap={4} wrap="nowrap">
                    <ProblemBadge problem={problem} />
                    <Text size="sm">{t("imports.problemCount", { count: format.number(count) })}</Text>
                  </Group>
                ))}
              </Group>
            </Stack>
          )}
          <Group>
            <Button variant="default" leftSection={<IconAdjustments size={18} aria-hidden />} onClick={onRemap}>
              {t("imports.remap")}
            </Button>
          </Group>
        </Stack>
      </Paper>

      <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-rows-title">
        <Stack gap="md">
          <Title order={2} size="h3" id="import-rows-title">
            {t("imports.rowsTitle")}
          </Title>
          <ImportRows networkId={network.id} imp={imp} />
        </Stack>
      </Paper>

      <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-send-title">
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (imp.okRows > 0) setConfirming(true);
          }}
        >
          <Stack gap="md">
            <Title order={2} size="h3" id="import-send-title">
              {t("imports.sendTitle")}
            </Title>
            {imp.okRows === 0 ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />}>
                {t("imports.nothingToInvite")}
              </Alert>
            ) : (
              <>
                <Textarea
                  label={t("imports.note")}
                  description={t("imports.noteHint")}
                  maxLength={limits.invitationNoteMax}
                  minRows={3}
                  value={note}
                  onChange={(event) => setNote(event.currentTarget.value)}
                />
                <ProblemAlert error={start.error} />
                <Group justify="flex-end">
                  <Button type="submit" leftSection={<IconSend size={18} aria-hidden />}>
                    {t("imports.send", { count: format.number(imp.okRows) })}
                  </Button>
                </Group>
              </>
            )}
          </Stack>
        </form>
      </Paper>

      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => start.mutate()}
        pending={start.isPending}
        danger={false}
        title={t("imports.confirmTitle", { count: format.number(imp.okRows) })}
        confirmLabel={t("imports.confirmSend")}
      >
        <Stack gap="xs">
          <Text>{t("imports.confirmBody")}</Text>
          {problemRows > 0 && <Text size="sm">{t("imports.confirmSkipped", { count: format.number(problemRows) })}</Text>}
        </Stack>
      </ConfirmModal>
    </Stack>
  );
}

export function Figure({ label, value, color }: { label: string; value: string; color?: string | undefined }) {
  return (
    <Paper bg="var(--tsunagu-surface)" p="sm" radius="md">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fz={28} fw={700} lh={1.3} c={color}>
        {value}
      </Text>
    </Paper>
  );
}
