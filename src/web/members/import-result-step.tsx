// Step 4 of the CSV import: invitations going out (a bar that moves while the server works — the
// admin may leave the page), then the result: invited, skipped, registered so far, the per-row
// report as CSV, and the way to the invitations this import sent.
import { Alert, Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { IconCircleCheck, IconDownload, IconMailForward } from "@tabler/icons-react";
import { Link } from "react-router";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { MemberImport } from "../../shared/contract/membership.ts";
import { fillPath } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ImportRows } from "./import-rows.tsx";
import { Figure } from "./import-preview-step.tsx";
import { managePath } from "./manage-frame.tsx";

export function ImportResultStep({ network, imp, summary }: { network: MyNetwork; imp: MemberImport; summary: string }) {
  const t = useT();
  const format = useFormat();
  const done = imp.status === "done";
  const total = Math.max(imp.okRows, 1);
  const value = Math.round((Math.min(imp.processedRows, total) / total) * 100);
  const reportUrl = fillPath(membership.downloadMemberImportReport.path, { networkId: network.id, importId: imp.id });

  return (
    <Stack gap="lg">
      <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-result-title">
        <Stack gap="md">
          <Stack gap={4}>
            <Title order={2} size="h3" id="import-result-title">
              {done ? t("imports.doneTitle") : t("imports.sendingTitle")}
            </Title>
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {summary}
            </Text>
          </Stack>
          {done ? (
            <>
              <Alert color="green" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
                {t("imports.doneBody", {
                  invited: format.number(imp.invitedRows),
                  date: imp.finishedAt ? format.dateTime(imp.finishedAt) : "",
                })}
              </Alert>
              <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
                <Figure label={t("imports.figureInvited")} value={format.number(imp.invitedRows)} color="green.8" />
                <Figure label={t("imports.figureSkipped")} value={format.number(Math.max(imp.totalRows - imp.invitedRows, 0))} />
                <Figure label={t("imports.figureRegistered")} value={format.number(imp.registeredRows)} color="ai.8" />
              </SimpleGrid>
              <Group gap="sm">
                <Button component="a" href={reportUrl} download variant="default" leftSection={<IconDownload size={18} aria-hidden />}>
                  {t("imports.downloadReport")}
                </Button>
                <Button
                  component={Link}
                  to={`${managePath(network.slug, "invitations")}?import=${encodeURIComponent(imp.id)}`}
                  leftSection={<IconMailForward size={18} aria-hidden />}
                >
                  {t("imports.seeInvitations")}
                </Button>
              </Group>
            </>
          ) : (
            <Stack gap="xs">
              <Progress value={value} size="lg" radius="xl" animated aria-label={t("imports.sendingTitle")} />
              <Text size="sm" aria-live="polite">
                {t("imports.processing", { done: format.number(imp.processedRows), total: format.number(imp.okRows) })}
              </Text>
              <Text size="sm" c="dimmed">
                {t("imports.sendingHint")}
              </Text>
            </Stack>
          )}
        </Stack>
      </Paper>
      {done && (
        <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-rows-title">
          <Stack gap="md">
            <Title order={2} size="h3" id="import-rows-title">
              {t("imports.resultRowsTitle")}
            </Title>
            <ImportRows networkId={network.id} imp={imp} />
          </Stack>
        </Paper>
      )}
      <Group>
        <Button component={Link} to={managePath(network.slug, "imports")} variant="subtle">
          {t("imports.backToList")}
        </Button>
      </Group>
    </Stack>
  );
}
