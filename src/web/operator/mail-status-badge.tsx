// A mail's delivery state as a coloured badge.
import { Badge } from "@mantine/core";
import type { OutboxItem } from "../../shared/contract/mail.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";

const colors: Record<OutboxItem["status"], string> = { queued: "orange", sent: "green", failed: "red", kept: "ai" };

export function MailStatusBadge({ status }: { status: OutboxItem["status"] }) {
  const t = useT();
  return (
    <Badge color={colors[status]} style={{ flexShrink: 0, overflow: "visible" }}>
      {t(`mailStatus.${status}`)}
    </Badge>
  );
}
