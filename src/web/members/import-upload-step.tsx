// Step 1 of the CSV import: choose the file HR exported. Files the server would refuse anyway
// (too large, an Excel workbook) are caught before twenty megabytes travel; everything else about
// the file (encoding, quotes, rows) the server explains in the UI language.
import { Button, Code, FileInput, Group, List, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { IconFileTypeCsv, IconUpload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { membership } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { importLimits } from "../../shared/member-import.ts";
import { uploadFile } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { storeImport } from "./import-queries.ts";
import { managePath } from "./manage-frame.tsx";
import { ProblemAlert } from "./problem-alert.tsx";

const megabytes = importLimits.bytesMax / (1024 * 1024);

type LocalProblem = "tooLarge" | "excel" | null;

function checkFile(file: File): LocalProblem {
  if (file.size > importLimits.bytesMax) return "tooLarge";
  if (/\.(xlsx|xlsm|xls)$/i.test(file.name)) return "excel";
  return null;
}

export function ImportUploadStep({ network }: { network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [localProblem, setLocalProblem] = useState<LocalProblem>(null);
  // Share of the file sent so far; at 1 the server is reading it.
  const [sent, setSent] = useState(0);
  const upload = useMutation({
    mutationFn: (chosen: File) => {
      setSent(0);
      return uploadFile(membership.uploadMemberImport, { networkId: network.id }, chosen, setSent);
    },
    onSuccess: async (created) => {
      await storeImport(network.id, created);
      await navigate(`${managePath(network.slug, "imports")}/${created.id}`, { replace: true });
    },
  });

  const choose = (chosen: File | null) => {
    upload.reset();
    setFile(chosen);
    setLocalProblem(chosen ? checkFile(chosen) : null);
  };

  const localMessage =
    localProblem === "tooLarge"
      ? t("imports.tooLarge", { size: format.number(megabytes) })
      : localProblem === "excel"
        ? t("imports.excel")
        : null;

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="import-upload-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (file && !localProblem) upload.mutate(file);
        }}
      >
        <Stack gap="md">
          <Title order={2} size="h3" id="import-upload-title">
            {t("imports.uploadTitle")}
          </Title>
          <List size="sm" spacing={4}>
            <List.Item>{t("imports.hintEncoding")}</List.Item>
            <List.Item>{t("imports.hintHeader")}</List.Item>
            <List.Item>{t("imports.hintLimits", { size: format.number(megabytes), rows: format.number(importLimits.rowsMax) })}</List.Item>
            <List.Item>{t("imports.hintExcel")}</List.Item>
          </List>
          <Stack gap={4}>
            <Text size="sm">{t("imports.hintColumns")}</Text>
            <Code block>{t("imports.exampleHeader")}</Code>
          </Stack>
          <FileInput
            label={t("imports.file")}
            placeholder={t("imports.filePlaceholder")}
            accept=".csv,.txt,text/csv,text/plain"
            leftSection={<IconFileTypeCsv size={18} aria-hidden />}
            clearable
            // The default placeholder grey is below AA contrast on white.
            styles={{ placeholder: { color: "var(--mantine-color-dimmed)" } }}
            clearButtonProps={{ "aria-label": t("imports.clearFile") }}
            value={file}
            onChange={choose}
            error={localMessage}
            required
          />
          {upload.isPending && (
            <Stack gap={4} aria-live="polite">
              <Progress value={sent * 100} animated={sent >= 1} aria-label={t("imports.uploadProgress")} />
              <Text size="sm" c="dimmed">
                {sent < 1 ? t("imports.uploading", { percent: format.number(Math.floor(sent * 100)) }) : t("imports.reading")}
              </Text>
            </Stack>
          )}
          <ProblemAlert error={upload.error} />
          <Group justify="flex-end">
            <Button
              type="submit"
              leftSection={<IconUpload size={18} aria-hidden />}
              loading={upload.isPending}
              disabled={!file || localProblem !== null}
            >
              {t("imports.upload")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
