// Pick, preview and upload my avatar (the server crops it square, resizes it and strips EXIF/GPS),
// or remove it. Files over the server's limit are refused before sending them; the server explains
// what is wrong with a file it cannot read, in the UI language.
import { Button, FileButton, Group, Image, Stack, Text } from "@mantine/core";
import { IconTrash, IconUpload } from "@tabler/icons-react";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { people } from "../../shared/contract/index.ts";
import type { MyProfile } from "../../shared/contract/people.ts";
import { profileLimits } from "../../shared/people.ts";
import { callApi, uploadFile } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useImageUpload } from "../platform/hooks/use-image-upload.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { UploadProblems } from "../platform/ui/upload-problems.tsx";
import { MemberAvatar } from "./member-avatar.tsx";

const accepted = "image/png,image/jpeg,image/webp,image/gif,image/avif";
const megabytes = profileLimits.avatarBytesMax / (1024 * 1024);
const size = 96;

export function AvatarUpload({
  name,
  avatarUrl,
  onChanged,
}: {
  name: string;
  avatarUrl: string | null;
  onChanged: (profile: MyProfile) => void;
}) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const [confirming, setConfirming] = useState(false);
  const { file, preview, tooLarge, choose, send } = useImageUpload({
    maxBytes: profileLimits.avatarBytesMax,
    // An account route: no path parameters to fill.
    upload: (chosen) => uploadFile(people.uploadAvatar, undefined as never, chosen),
    onUploaded: (profile) => {
      onChanged(profile);
      notify.success(t("avatar.uploaded"));
    },
  });
  const remove = useMutation({
    mutationFn: () => callApi(people.deleteAvatar),
    onSuccess: (profile) => {
      setConfirming(false);
      onChanged(profile);
      notify.success(t("avatar.removed"));
    },
    onError: (error) => {
      setConfirming(false);
      notify.error(error);
    },
  });

  return (
    <Stack gap="sm">
      <Group gap="lg" align="center" wrap="nowrap">
        {preview ? (
          <Image src={preview} alt={t("avatar.previewAlt")} w={size} h={size} radius={size} fit="cover" style={{ flexShrink: 0 }} />
        ) : (
          <MemberAvatar name={name} avatarUrl={avatarUrl} size={size} decorative={false} />
        )}
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {file ? t("avatar.chosen", { name: file.name }) : avatarUrl ? t("avatar.current") : t("avatar.none")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("avatar.hint", { size: format.number(megabytes) })}
          </Text>
        </Stack>
      </Group>
      <UploadProblems tooLarge={tooLarge ? t("avatar.tooLarge", { size: format.number(megabytes) }) : null} error={send.error} />
      <Group gap="sm">
        <FileButton onChange={choose} accept={accepted}>
          {(props) => (
            <Button {...props} variant="default" size="sm" disabled={send.isPending}>
              {avatarUrl ? t("avatar.change") : t("avatar.choose")}
            </Button>
          )}
        </FileButton>
        {file && (
          <>
            <Button size="sm" leftSection={<IconUpload size={16} aria-hidden />} loading={send.isPending} onClick={() => send.mutate(file)}>
              {t("avatar.upload")}
            </Button>
            <Button size="sm" variant="subtle" color="gray" onClick={() => choose(null)} disabled={send.isPending}>
              {t("common.cancel")}
            </Button>
          </>
        )}
        {!file && avatarUrl && (
          <Button
            size="sm"
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            onClick={() => setConfirming(true)}
          >
            {t("avatar.remove")}
          </Button>
        )}
      </Group>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => remove.mutate()}
        title={t("avatar.removeTitle")}
        confirmLabel={t("avatar.remove")}
        pending={remove.isPending}
      >
        <Text size="sm">{t("avatar.removeBody")}</Text>
      </ConfirmModal>
    </Stack>
  );
}
