// The cover image in the event form. Creating: the chosen file waits (with its preview) and is
// uploaded once the event exists. Editing: it is uploaded, or removed, at once. Files over the
// server's limit are refused before sending.
import { AspectRatio, Button, FileButton, Group, Image, Text } from "@mantine/core";
import { IconTrash, IconUpload } from "@tabler/icons-react";
import { useEffect, useMemo, useState } from "react";
import { events } from "../../shared/contract/index.ts";
import type { EventDetail } from "../../shared/contract/events.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useImageUpload } from "../platform/hooks/use-image-upload.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { UploadProblems } from "../platform/ui/upload-problems.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { FormSection } from "./event-form-fields.tsx";
import { eventChanged, uploadEventCover, useDeleteEventCover } from "./events-queries.ts";

const accepted = "image/png,image/jpeg,image/webp,image/gif";
const maxBytes = events.setEventCover.uploadMaxBytes ?? 20 * 1024 * 1024;
const megabytes = maxBytes / (1024 * 1024);

function Preview({ src }: { src: string }) {
  const t = useT();
  return (
    <AspectRatio ratio={3} maw={480}>
      <Image src={src} alt={t("events.form.coverAlt")} radius="md" fit="cover" />
    </AspectRatio>
  );
}

/** Creating: choose a file to upload after the event is created. */
export function PendingCoverField({ file, onChange }: { file: File | null; onChange: (file: File | null) => void }) {
  const t = useT();
  const format = useFormat();
  const [tooLarge, setTooLarge] = useState(false);
  const preview = useMemo(() => (file ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (preview ? URL.revokeObjectURL(preview) : undefined), [preview]);
  const choose = (chosen: File | null) => {
    setTooLarge(chosen !== null && chosen.size > maxBytes);
    onChange(chosen && chosen.size <= maxBytes ? chosen : null);
  };
  return (
    <FormSection title={t("events.form.cover")} description={t("events.form.coverHint", { size: format.number(megabytes) })}>
      {preview && <Preview src={preview} />}
      {file && <Text size="sm">{t("events.form.coverChosen", { name: file.name })}</Text>}
      <UploadProblems tooLarge={tooLarge ? t("events.form.coverTooLarge", { size: format.number(megabytes) }) : null} error={null} />
      <Group gap="sm">
        <FileButton onChange={choose} accept={accepted}>
          {(props) => (
            <Button {...props} variant="default">
              {t("events.form.coverChoose")}
            </Button>
          )}
        </FileButton>
        {file && (
          <Button variant="subtle" color="gray" onClick={() => choose(null)}>
            {t("common.cancel")}
          </Button>
        )}
      </Group>
    </FormSection>
  );
}

/** Editing: upload or remove the cover of an existing event. */
export function CoverField({ networkId, event }: { networkId: string; event: EventDetail }) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const problem = useProblemNotice();
  const remove = useDeleteEventCover(networkId, event.id);
  const { file, preview, tooLarge, choose, send } = useImageUpload({
    maxBytes,
    upload: (chosen: File) => uploadEventCover(networkId, event.id, chosen),
    onUploaded: (updated) => {
      notify.success(t("events.form.coverUploaded"));
      void eventChanged(networkId, updated);
    },
  });
  const shown = preview ?? event.coverUrl;
  return (
    <FormSection title={t("events.form.cover")} description={t("events.form.coverHint", { size: format.number(megabytes) })}>
      {shown && <Preview src={shown} />}
      <UploadProblems tooLarge={tooLarge ? t("events.form.coverTooLarge", { size: format.number(megabytes) }) : null} error={send.error} />
      <Group gap="sm">
        <FileButton onChange={choose} accept={accepted}>
          {(props) => (
            <Button {...props} variant="default" disabled={send.isPending}>
              {t("events.form.coverChoose")}
            </Button>
          )}
        </FileButton>
        {file && (
          <>
            <Button leftSection={<IconUpload size={18} aria-hidden />} loading={send.isPending} onClick={() => send.mutate(file)}>
              {t("events.form.coverUpload")}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => choose(null)} disabled={send.isPending}>
              {t("common.cancel")}
            </Button>
          </>
        )}
        {!file && event.coverUrl && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={18} aria-hidden />}
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => notify.success(t("events.form.coverRemoved")),
                onError: problem,
              })
            }
          >
            {t("events.form.coverRemove")}
          </Button>
        )}
      </Group>
    </FormSection>
  );
}
