// Account settings › calendar: the personal calendar feed of the events I registered for, in every
// network. Its address is a secret shown once, right after it is made (with a copy button and a
// warning); a new one can replace it (the old stops working) and it can be turned off.
import { Alert, Button, CopyButton, Group, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconCalendarPlus, IconCheck, IconCopy, IconRefresh, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from "./events-queries.ts";

/** The address as the server gives it, made absolute (it may answer with a path). */
function absolute(url: string): string {
  try {
    return new URL(url, window.location.origin).toString();
  } catch {
    return url;
  }
}

export function CalendarFeedSection() {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const feed = useCalendarFeed();
  const create = useCreateCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  // The secret address, kept only in this page's memory after creating it.
  const [shownUrl, setShownUrl] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<"rotate" | "revoke" | null>(null);

  const make = () =>
    create.mutate(undefined, {
      onSuccess: (created) => {
        setConfirm(null);
        setShownUrl(created.url ? absolute(created.url) : null);
        notify.success(t("calendarFeed.created"));
      },
      onError: (error) => {
        setConfirm(null);
        notify.error(error);
      },
    });

  const turnOff = () =>
    revoke.mutate(undefined, {
      onSuccess: () => {
        setConfirm(null);
        setShownUrl(null);
        notify.success(t("calendarFeed.revoked"));
      },
      onError: (error) => {
        setConfirm(null);
        notify.error(error);
      },
    });

  if (feed.isPending) return <LoadingState lines={3} />;
  if (feed.isError) return <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />;
  const active = feed.data.createdAt !== null;

  return (
    <Stack gap="md">
      <Text size="sm">{t("calendarFeed.lead")}</Text>

      {shownUrl && (
        <Stack gap="sm">
          <Group gap="xs" align="flex-end" wrap="wrap">
            <TextInput
              label={t("calendarFeed.url")}
              value={shownUrl}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
              style={{ flex: "1 1 280px", minWidth: 0 }}
              styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            />
            <CopyButton value={shownUrl}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? "light" : "filled"}
                  color={copied ? "green" : undefined}
                  leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                  onClick={copy}
                >
                  {copied ? t("calendarFeed.copied") : t("calendarFeed.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert variant="light" color="orange" icon={<IconAlertTriangle aria-hidden />}>
            {t("calendarFeed.secret")}
          </Alert>
          <Text size="sm" c="dimmed">
            {t("calendarFeed.howTo")}
          </Text>
        </Stack>
      )}

      {!shownUrl && (
        <Text size="sm" c="dimmed">
          {active && feed.data.createdAt
            ? t("calendarFeed.active", { date: format.dateTime(feed.data.createdAt) })
            : t("calendarFeed.none")}
        </Text>
      )}

      <Group gap="sm">
        {active ? (
          <>
            <Button variant="default" leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => setConfirm("rotate")}>
              {t("calendarFeed.rotate")}
            </Button>
            <Button variant="subtle" color="red" leftSection={<IconX size={16} aria-hidden />} onClick={() => setConfirm("revoke")}>
              {t("calendarFeed.revoke")}
            </Button>
          </>
        ) : (
          <Button leftSection={<IconCalendarPlus size={16} aria-hidden />} loading={create.isPending} onClick={make}>
            {t("calendarFeed.create")}
          </Button>
        )}
      </Group>

      <ConfirmModal
        opened={confirm === "rotate"}
        onClose={() => setConfirm(null)}
        onConfirm={make}
        title={t("calendarFeed.rotateTitle")}
        confirmLabel={t("calendarFeed.rotateConfirm")}
        pending={create.isPending}
        danger={false}
      >
        {t("calendarFeed.rotateBody")}
      </ConfirmModal>
      <ConfirmModal
        opened={confirm === "revoke"}
        onClose={() => setConfirm(null)}
        onConfirm={turnOff}
        title={t("calendarFeed.revokeTitle")}
        confirmLabel={t("calendarFeed.revokeConfirm")}
        pending={revoke.isPending}
      >
        {t("calendarFeed.revokeBody")}
      </ConfirmModal>
    </Stack>
  );
}
