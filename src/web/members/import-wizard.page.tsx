// /n/:slug/manage/imports/new and /n/:slug/manage/imports/:importId — inviting leavers from a CSV
// that an HR system exported: upload, map the columns, check every row (dry run), then invite in
// the background and follow the progress. The import's status on the server decides the step, so
// the wizard survives a reload or a second admin opening the same import.
import { Stack } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { isApiError } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { memberImportQuery } from "./import-queries.ts";
import { ImportMappingStep } from "./import-mapping-step.tsx";
import { ImportPreviewStep } from "./import-preview-step.tsx";
import { ImportResultStep } from "./import-result-step.tsx";
import { ImportSteps } from "./import-steps.tsx";
import { ImportUploadStep } from "./import-upload-step.tsx";
import { ManageFrame } from "./manage-frame.tsx";

export function ImportWizardPage() {
  const t = useT();
  const { importId } = useParams();
  return (
    <ManageFrame section="imports" title={t("imports.wizardTitle")} description={t("imports.wizardLead")}>
      {(network) =>
        importId ? (
          <ExistingImport key={importId} network={network} importId={importId} />
        ) : (
          <Stack gap="lg">
            <ImportSteps current={1} />
            <ImportUploadStep network={network} />
          </Stack>
        )
      }
    </ManageFrame>
  );
}

/** How the detected encoding reads to someone who saved the file from Excel. */
function encodingName(t: ReturnType<typeof useT>, encoding: string): string {
  const names: Record<string, string> = {
    "utf-8": "UTF-8",
    "utf-8-bom": t("imports.utf8Bom"),
    shift_jis: "Shift_JIS",
    "utf-16le": "UTF-16",
    "utf-16be": "UTF-16",
  };
  return names[encoding.toLowerCase()] ?? encoding;
}

function ExistingImport({ network, importId }: { network: MyNetwork; importId: string }) {
  const t = useT();
  const format = useFormat();
  const current = useQuery(memberImportQuery(network.id, importId));
  // "Change the mapping" from the check step goes back to step 2 without losing the preview.
  const [remapping, setRemapping] = useState(false);

  if (current.isPending) return <LoadingState lines={8} />;
  if (current.isError) {
    if (isApiError(current.error, "not_found")) {
      return <NotFoundState headingOrder={2} title={t("imports.notFoundTitle")} description={t("imports.notFoundBody")} />;
    }
    return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  }
  const imp = current.data;
  const summary = t("imports.fileSummary", {
    filename: imp.filename,
    encoding: encodingName(t, imp.encoding),
    rows: format.number(imp.totalRows),
  });

  if (imp.status === "uploaded" || (imp.status === "previewed" && remapping)) {
    return (
      <Stack gap="lg">
        <ImportSteps current={2} />
        <ImportMappingStep network={network} imp={imp} summary={summary} onPreviewed={() => setRemapping(false)} />
      </Stack>
    );
  }
  if (imp.status === "previewed") {
    return (
      <Stack gap="lg">
        <ImportSteps current={3} />
        <ImportPreviewStep network={network} imp={imp} summary={summary} onRemap={() => setRemapping(true)} />
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <ImportSteps current={4} done={imp.status === "done"} />
      <ImportResultStep network={network} imp={imp} summary={summary} />
    </Stack>
  );
}
