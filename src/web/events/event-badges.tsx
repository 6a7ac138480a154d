// The small pieces an event shows wherever it appears (its card, its page, a series): the cover or a
// placeholder with its date, the kind, cancelled, my status, the places left.
import { AspectRatio, Badge, Box, Image, Text } from "@mantine/core";
import { IconBuilding, IconDeviceLaptop, IconUsersGroup } from "@tabler/icons-react";
import type { EventCard, EventKind, RegistrationStatus } from "../../shared/contract/events.ts";
import { useLocale, useT } from "../platform/i18n/i18n.context.tsx";
import { useFormat } from "../platform/hooks/use-format.ts";
import { zonedParts } from "./event-time.ts";
import { useEventTime } from "./use-event-time.ts";

const kindIcons: Record<EventKind, typeof IconBuilding> = { online: IconDeviceLaptop, offline: IconBuilding, hybrid: IconUsersGroup };

export function KindBadge({ kind }: { kind: EventKind }) {
  const t = useT();
  const KindIcon = kindIcons[kind];
  return (
    <Badge variant="light" color="ai" tt="none" leftSection={<KindIcon size={12} aria-hidden />}>
      {t(`events.kind.${kind}`)}
    </Badge>
  );
}

export function CancelledBadge() {
  const t = useT();
  return (
    <Badge variant="filled" color="red" tt="none">
      {t("events.status.cancelled")}
    </Badge>
  );
}

export function MyStatusBadge({ status }: { status: RegistrationStatus | null }) {
  const t = useT();
  if (status === null || status === "cancelled") return null;
  return (
    <Badge variant="light" color={status === "confirmed" ? "green" : "orange"} tt="none">
      {t(`events.my.${status}`)}
    </Badge>
  );
}

/** 「残り 3 席」, 「満席・キャンセル待ち」, or nothing without a limit. */
export function SeatsText({ event }: { event: Pick<EventCard, "capacity" | "confirmed" | "status"> }) {
  const t = useT();
  const format = useFormat();
  if (event.capacity === null || event.status === "cancelled") return null;
  const left = event.capacity - event.confirmed;
  return (
    <Text size="sm" fw={600} c={left > 0 ? "green.9" : "orange.9"}>
      {left > 0 ? t("events.seatsLeft", { count: format.number(left) }) : t("events.full")}
    </Text>
  );
}

/**
 * The cover image, or a calm placeholder with the month and day in the viewer's zone, so a list of
 * events without pictures still reads as a calendar. Decorative: the title and date are written beside it.
 */
export function EventCover({ event, ratio = 2 }: { event: Pick<EventCard, "coverUrl" | "startsAt">; ratio?: number }) {
  const t = useT();
  const { locale } = useLocale();
  const { viewerZone } = useEventTime();
  if (event.coverUrl) {
    return (
      <AspectRatio ratio={ratio}>
        <Image src={event.coverUrl} alt="" fit="cover" radius="md" />
      </AspectRatio>
    );
  }
  const start = zonedParts(event.startsAt, viewerZone);
  // 「12月」 in Japanese, "Dec" in English.
  const monthName =
    locale === "ja"
      ? String(start.month)
      : new Intl.DateTimeFormat("en-US", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(2000, start.month - 1, 1)));
  const month = t("events.coverPlaceholder", { month: monthName });
  return (
    <AspectRatio ratio={ratio}>
      <Box
        aria-hidden
        style={{
          borderRadius: "var(--mantine-radius-md)",
          background: "linear-gradient(135deg, var(--mantine-color-ai-1) 0%, var(--mantine-color-ai-3) 100%)",
          color: "var(--mantine-color-ai-9)",
          display: "flex",
          flexDirection: "column",
          alignItems: "center",
          justifyContent: "center",
          lineHeight: 1.1,
        }}
      >
        <Text component="span" fw={700} size="lg" c="ai.9">
          {month}
        </Text>
        <Text component="span" fw={800} c="ai.9" style={{ fontSize: "2.75rem" }}>
          {start.day}
        </Text>
      </Box>
    </AspectRatio>
  );
}
