// Images the composer attaches: each file is uploaded as soon as it is chosen, pasted or dropped
// (with its progress), shown as a thumbnail with a remove button, and its problem (too big, not an
// image) shown on its own tile. The composer sends the ids of the uploaded ones, in order.
import { ActionIcon, Box, CloseButton, FileButton, Group, Progress, Text, Tooltip } from "@mantine/core";
import { IconPhotoPlus } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { images } from "../../shared/contract/index.ts";
import type { Image } from "../../shared/contract/images.ts";
import { imageLimits } from "../../shared/contract/images.ts";
import { isApiError, uploadFile } from "../platform/api.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export interface Attachment {
  key: string;
  name: string;
  /** What the tile shows: a local preview while uploading, the server's thumbnail after. */
  preview: string | null;
  progress: number;
  image: Image | null;
  error: string | null;
}

const accepted = "image/jpeg,image/png,image/webp,image/gif,image/avif";
let nextKey = 0;

/** The attachments' state and the actions on it. */
export function useAttachments(networkId: string, max: number, initial: Image[] = []) {
  const t = useT();
  const [items, setItems] = useState<Attachment[]>(() =>
    initial.map((image) => ({ key: image.id, name: image.id, preview: image.thumbUrl, progress: 1, image, error: null })),
  );
  const previews = useRef(new Set<string>());
  useEffect(() => {
    const urls = previews.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, []);

  const update = (key: string, change: Partial<Attachment>) =>
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));

  const add = (files: File[]) => {
    const room = max - items.length;
    for (const file of files.slice(0, Math.max(0, room))) {
      const key = `new-${String(nextKey++)}`;
      const tooBig = file.size > imageLimits.bytesMax;
      const notImage = !file.type.startsWith("image/");
      const preview = !tooBig && !notImage ? URL.createObjectURL(file) : null;
      if (preview) previews.current.add(preview);
      const error = tooBig ? t("attach.tooBig") : notImage ? t("attach.notImage") : null;
      setItems((current) => [...current, { key, name: file.name, preview, progress: 0, image: null, error }]);
      if (error) continue;
      uploadFile(images.uploadImage, { networkId }, file, (progress) => update(key, { progress }))
        .then((image) => update(key, { image, progress: 1 }))
        .catch((err: unknown) =>
          update(key, {
            error: isApiError(err) ? (err.fields.file ?? err.message) : t("attach.failed"),
            progress: 0,
          }),
        );
    }
    return files.length > room;
  };

  const remove = (key: string) => setItems((current) => current.filter((item) => item.key !== key));
  const reset = () => setItems([]);
  return {
    items,
    add,
    remove,
    reset,
    uploading: items.some((item) => !item.image && !item.error),
    imageIds: items.flatMap((item) => (item.image ? [item.image.id] : [])),
    hasErrors: items.some((item) => item.error !== null),
  };
}

export type Attachments = ReturnType<typeof useAttachments>;

/** The "add images" button. */
export function AttachButton({ attachments, max, onTooMany }: { attachments: Attachments; max: number; onTooMany: () => void }) {
  const t = useT();
  const full = attachments.items.length >= max;
  return (
    <FileButton
      multiple
      accept={accepted}
      onChange={(files) => {
        if (attachments.add(files)) onTooMany();
      }}
    >
      {(props) => (
        <Tooltip label={full ? t("attach.full", { max }) : t("attach.add", { max })}>
          <ActionIcon {...props} variant="subtle" color="gray" size="lg" aria-label={t("attach.add", { max })} disabled={full}>
            <IconPhotoPlus size={20} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </FileButton>
  );
}

/** The thumbnails of what is attached, each with its progress or problem and a remove button. */
export function AttachmentTiles({ attachments }: { attachments: Attachments }) {
  const t = useT();
  if (attachments.items.length === 0) return null;
  return (
    <Group gap="xs" role="list" aria-label={t("attach.listLabel")}>
      {attachments.items.map((item, index) => (
        <Box
          key={item.key}
          role="listitem"
          pos="relative"
          w={88}
          h={88}
          style={{
            borderRadius: "var(--mantine-radius-sm)",
            overflow: "hidden",
            border: `1px solid ${item.error ? "var(--mantine-color-red-6)" : "var(--mantine-color-default-border)"}`,
            background: "var(--mantine-color-default-hover)",
          }}
        >
          {item.preview && !item.error && (
            <img
              src={item.preview}
              alt={t("attach.alt", { n: index + 1, name: item.name })}
              width={88}
              height={88}
              style={{ objectFit: "cover", display: "block", opacity: item.image ? 1 : 0.6 }}
            />
          )}
          {item.error && (
            <Text size="xs" c="red" px={6} pt={24} lh={1.3} role="alert" style={{ wordBreak: "break-all" }}>
              {item.name}: {item.error}
            </Text>
          )}
          {!item.image && !item.error && (
            <Progress
              value={item.progress * 100}
              size="sm"
              pos="absolute"
              bottom={4}
              left={4}
              right={4}
              aria-label={t("attach.uploading", { name: item.name })}
            />
          )}
          <CloseButton
            size="sm"
            pos="absolute"
            top={2}
            right={2}
            variant="filled"
            color="dark"
            aria-label={t("attach.remove", { name: item.name })}
            onClick={() => attachments.remove(item.key)}
          />
        </Box>
      ))}
    </Group>
  );
}

/** The files of a paste or a drop (a file that is not an image gets its own error tile). */
export const filesOf = (data: DataTransfer | null): File[] => (data ? [...data.files] : []);
