// Radio choice between a company-run and a volunteer-run network, with what each means.
import { Group, Radio, Stack } from "@mantine/core";
import { networkKinds } from "../../shared/limits.ts";
import type { NetworkKind } from "../../shared/limits.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

export function NetworkKindField({
  value,
  onChange,
  error,
}: {
  value: NetworkKind;
  onChange: (kind: NetworkKind) => void;
  error?: unknown;
}) {
  const t = useT();
  return (
    <Radio.Group
      label={t("networkFields.kind")}
      required
      value={value}
      error={typeof error === "string" ? error : undefined}
      onChange={(next) => {
        const kind = networkKinds.find((candidate) => candidate === next);
        if (kind) onChange(kind);
      }}
    >
      <Stack gap="xs" mt="xs">
        {networkKinds.map((kind) => (
          <Group key={kind} wrap="nowrap" align="flex-start">
            <Radio value={kind} label={t(`kind.${kind}`)} description={t(`kindHint.${kind}`)} />
          </Group>
        ))}
      </Stack>
    </Radio.Group>
  );
}
