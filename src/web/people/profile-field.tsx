// A field of a profile form with, beside its label, who may see it (全員 / アルムナイのみ /
// 事務局のみ / 自分のみ). The visibility is its own small select named after the field, outside the
// field's <label>, so screen readers announce each control once and by name.
import { Box, Group, Input, NativeSelect, Stack } from "@mantine/core";
import { IconEye, IconLock } from "@tabler/icons-react";
import { useId } from "react";
import type { ReactNode } from "react";
import type { Visibility } from "../../shared/people.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { visibilityOptions } from "./profile-labels.ts";

export interface FieldInputProps {
  id: string;
  "aria-describedby": string | undefined;
}

export function VisibilitySelect({
  field,
  value,
  onChange,
}: {
  /** The field's label, to name the select ("「会社名」の公開範囲"). */
  field: string;
  value: Visibility;
  onChange: (value: Visibility) => void;
}) {
  const t = useT();
  const Icon = value === "members" ? IconEye : IconLock;
  return (
    <NativeSelect
      size="xs"
      aria-label={t("profile.visibility.of", { field })}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value as Visibility)}
      data={visibilityOptions(t)}
      leftSection={<Icon size={14} aria-hidden />}
      w={{ base: 150, sm: 160 }}
      style={{ flexShrink: 0 }}
    />
  );
}

/**
 * A labelled field with its visibility. `children` gets the props to spread on the input (the
 * label points at its id, the description describes it); `group` makes the block a labelled group
 * instead, for fields of several inputs (career rows, links).
 */
export function ProfileField({
  label,
  description,
  visibility,
  onVisibilityChange,
  group = false,
  children,
}: {
  label: string;
  description?: string;
  visibility?: Visibility;
  onVisibilityChange?: (value: Visibility) => void;
  group?: boolean;
  children: (input: FieldInputProps) => ReactNode;
}) {
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = `${id}-description`;
  return (
    <Box
      component={group ? "section" : "div"}
      role={group ? "group" : undefined}
      aria-labelledby={group ? labelId : undefined}
      aria-describedby={group && description ? descriptionId : undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-end" gap="xs" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0, flex: "1 1 12rem" }}>
            {group ? (
              <Input.Label id={labelId} component="span">
                {label}
              </Input.Label>
            ) : (
              <Input.Label id={labelId} htmlFor={id}>
                {label}
              </Input.Label>
            )}
            {description && <Input.Description id={descriptionId}>{description}</Input.Description>}
          </Stack>
          {visibility && onVisibilityChange && <VisibilitySelect field={label} value={visibility} onChange={onVisibilityChange} />}
        </Group>
        {children({ id, "aria-describedby": description && !group ? descriptionId : undefined })}
      </Stack>
    </Box>
  );
}
