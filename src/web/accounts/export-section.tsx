// Account settings › your data: download everything stored about the account as JSON.
import { Button, Stack, Text } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { accounts } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { FormError } from "../platform/ui/form-error.tsx";

function saveJson(data: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before freeing the blob.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportSection() {
  const t = useT();
  const notify = useNotify();
  const download = useMutation({
    mutationFn: () => callApi(accounts.exportAccount),
    onSuccess: (data) => {
      saveJson(data, "tsunagu-export.json");
      notify.success(t("export.done"));
    },
  });
  return (
    <Stack gap="md" align="flex-start">
      <Text>{t("export.lead")}</Text>
      <FormError error={download.error} />
      <Button leftSection={<IconDownload size={18} aria-hidden />} onClick={() => download.mutate()} loading={download.isPending}>
        {t("export.download")}
      </Button>
    </Stack>
  );
}
