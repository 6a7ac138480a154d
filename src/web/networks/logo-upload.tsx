// Pick, preview and upload a network logo, refusing files over the server's size limit before
// sending them. Used by network admins and the operator.
import { Button, FileButton, Group, Image, Stack, Text } from "@mantine/core";
import { IconUpload } from "@tabler/icons-react";
import { limits } from "../../shared/limits.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useImageUpload } from "../platform/hooks/use-image-upload.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { UploadProblems } from "../platform/ui/upload-problems.tsx";
import { NetworkAvatar } from "./network-avatar.tsx";

const accepted = "image/png,image/jpeg,image/webp,image/gif";
const megabytes = limits.logoBytesMax / (1024 * 1024);

export function LogoUpload({ name, logoUrl, upload }: { name: string; logoUrl: string | null; upload: (file: File) => Promise<unknown> }) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const { file, preview, tooLarge, choose, send } = useImageUpload({
    maxBytes: limits.logoBytesMax,
    upload,
    onUploaded: () => notify.success(t("logo.uploaded")),
  });

  return (
    <Stack gap="md">
      <Group gap="lg" align="center">
        {preview ? (
          <Image
            src={preview}
            alt={t("logo.previewAlt")}
            w={96}
            h={96}
            radius="md"
            fit="contain"
            bd="1px solid var(--mantine-color-gray-3)"
          />
        ) : (
          <NetworkAvatar name={name} logoUrl={logoUrl} size={96} />
        )}
        <Stack gap={6}>
          <Text size="sm">{file ? t("logo.chosen", { name: file.name }) : logoUrl ? t("logo.current") : t("logo.none")}</Text>
          <Text size="xs" c="dimmed">
            {t("logo.hint", { size: format.number(megabytes) })}
          </Text>
        </Stack>
      </Group>
      <UploadProblems tooLarge={tooLarge ? t("logo.tooLarge", { size: format.number(megabytes) }) : null} error={send.error} />
      <Group gap="sm">
        <FileButton onChange={choose} accept={accepted}>
          {(props) => (
            <Button {...props} variant="default" disabled={send.isPending}>
              {t("logo.choose")}
            </Button>
          )}
        </FileButton>
        {file && (
          <>
            <Button leftSection={<IconUpload size={18} aria-hidden />} loading={send.isPending} onClick={() => send.mutate(file)}>
              {t("logo.upload")}
            </Button>
            <Button variant="subtle" color="gray" onClick={() => choose(null)} disabled={send.isPending}>
              {t("common.cancel")}
            </Button>
          </>
        )}
      </Group>
    </Stack>
  );
}
