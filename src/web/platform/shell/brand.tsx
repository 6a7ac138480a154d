// The product mark and name (つなぐ / Tsunagu), used in the header and on signed-out pages.
import { Group, Text } from "@mantine/core";
import { useT } from "../i18n/i18n.context.tsx";

export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="9" fill="var(--mantine-color-ai-7)" />
      <circle cx="12" cy="16" r="5.5" fill="none" stroke="#fff" strokeWidth="2.6" />
      <circle cx="20" cy="16" r="5.5" fill="none" stroke="#fff" strokeWidth="2.6" opacity="0.85" />
    </svg>
  );
}

export function Brand({ hideNameBelow }: { hideNameBelow?: "xs" | "sm" }) {
  const t = useT();
  return (
    <Group gap={10} wrap="nowrap">
      <BrandMark />
      <Text
        component="span"
        fw={700}
        fz="lg"
        c="ai.9"
        visibleFrom={hideNameBelow}
        style={{ letterSpacing: "0.04em", whiteSpace: "nowrap" }}
      >
        {t("app.name")}
      </Text>
    </Group>
  );
}
