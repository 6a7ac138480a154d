// A post's or comment's images: thumbnails in a grid, each with its width and height set (the
// page does not jump as they load); a click opens the large one in a modal, with next/previous.
import { ActionIcon, Group, Modal, SimpleGrid, Text, UnstyledButton } from "@mantine/core";
import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import { useState } from "react";
import type { Image } from "../../shared/contract/images.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

/** One image: a square-ish tile in a grid of several, the picture's own shape when alone. */
export function ImageGrid({ images, compact = false }: { images: Image[]; compact?: boolean }) {
  const t = useT();
  const [open, setOpen] = useState<number | null>(null);
  if (images.length === 0) return null;
  const single = images.length === 1;
  const cols = single ? 1 : images.length === 2 || images.length === 4 ? 2 : 3;
  const alt = (index: number) => t("images.alt", { n: index + 1, total: images.length });
  const current = open === null ? null : images[open];
  return (
    <>
      <SimpleGrid cols={cols} spacing={4} maw={compact ? 360 : single ? 480 : 520} role="group" aria-label={t("images.listLabel")}>
        {images.map((image, index) => (
          <UnstyledButton
            key={image.id}
            onClick={() => setOpen(index)}
            aria-label={t("images.open", { n: index + 1, total: images.length })}
            style={{ borderRadius: "var(--mantine-radius-sm)", overflow: "hidden", display: "block", lineHeight: 0 }}
          >
            <img
              src={image.thumbUrl}
              alt={alt(index)}
              width={image.width}
              height={image.height}
              loading="lazy"
              decoding="async"
              style={{
                width: "100%",
                height: "auto",
                aspectRatio: single ? `${String(image.width)} / ${String(image.height)}` : "1 / 1",
                objectFit: "cover",
                background: "var(--mantine-color-default-hover)",
                maxHeight: single ? 480 : undefined,
              }}
            />
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <Modal
        opened={current !== null && current !== undefined}
        onClose={() => setOpen(null)}
        size="auto"
        centered
        title={open !== null ? alt(open) : ""}
        closeButtonProps={{ "aria-label": t("common.close") }}
      >
        {current && open !== null && (
          <>
            <img
              src={current.largeUrl}
              alt={alt(open)}
              width={current.width}
              height={current.height}
              style={{
                maxWidth: "min(90vw, 1920px)",
                maxHeight: "75vh",
                width: "auto",
                height: "auto",
                display: "block",
                margin: "0 auto",
              }}
            />
            {images.length > 1 && (
              <Group justify="center" mt="sm" gap="md">
                <ActionIcon
                  variant="default"
                  aria-label={t("images.previous")}
                  onClick={() => setOpen((open + images.length - 1) % images.length)}
                >
                  <IconChevronLeft size={18} aria-hidden />
                </ActionIcon>
                <Text size="sm" c="dimmed" aria-live="polite">
                  {open + 1} / {images.length}
                </Text>
                <ActionIcon variant="default" aria-label={t("images.next")} onClick={() => setOpen((open + 1) % images.length)}>
                  <IconChevronRight size={18} aria-hidden />
                </ActionIcon>
              </Group>
            )}
          </>
        )}
      </Modal>
    </>
  );
}
