// Account settings › sessions: where this account is signed in, with a way to sign each out.
// Signing out this very device ends here and goes to sign-in.
import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconDeviceDesktop } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { accounts } from "../../shared/contract/index.ts";
import type { SessionInfo } from "../../shared/contract/accounts.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { EmptyView, ErrorState, LoadingState } from "../platform/ui/page-states.tsx";
import { describeUserAgent } from "./user-agent.ts";

export function SessionsSection() {
  const t = useT();
  const notify = useNotify();
  const navigate = useNavigate();
  const sessions = useQuery({ ...apiQuery(accounts.listSessions), staleTime: 0 });
  const [target, setTarget] = useState<SessionInfo | null>(null);

  const revoke = useMutation({
    mutationFn: (session: SessionInfo) => callApi(accounts.revokeSession, { params: { sessionId: session.id } }),
    onSuccess: async (_, session) => {
      setTarget(null);
      if (session.current) {
        // The sign-in page forgets what this session cached (sign-in.page.tsx).
        await navigate("/sign-in", { replace: true, state: { notice: "sessionRevoked" } });
        return;
      }
      notify.success(t("sessions.revoked"));
      await invalidate(accounts.listSessions);
    },
    onError: (error) => {
      setTarget(null);
      notify.error(error);
    },
  });

  if (sessions.isPending) return <LoadingState lines={4} />;
  if (sessions.isError) return <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />;
  if (sessions.data.items.length === 0) return <EmptyView headingOrder={3} title={t("sessions.emptyTitle")} />;

  // This device first, then the most recently used.
  const items = [...sessions.data.items].sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("sessions.lead")}
      </Text>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }}>
        {items.map((session) => (
          <SessionRow key={session.id} session={session} onRevoke={() => setTarget(session)} />
        ))}
      </Stack>
      <ConfirmModal
        opened={target !== null}
        onClose={() => setTarget(null)}
        onConfirm={() => target && revoke.mutate(target)}
        pending={revoke.isPending}
        title={target?.current ? t("sessions.revokeCurrentTitle") : t("sessions.revokeTitle")}
        confirmLabel={t("sessions.revoke")}
      >
        {target?.current ? t("sessions.revokeCurrentBody") : t("sessions.revokeBody")}
      </ConfirmModal>
    </Stack>
  );
}

function SessionRow({ session, onRevoke }: { session: SessionInfo; onRevoke: () => void }) {
  const t = useT();
  const format = useFormat();
  const device = describeUserAgent(session.userAgent) ?? t("sessions.unknownDevice");
  return (
    <Paper component="li" withBorder p="md" radius="md">
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <Group gap="sm" align="flex-start" wrap="nowrap" style={{ minWidth: 0, flex: "1 1 240px" }}>
          <IconDeviceDesktop size={22} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Group gap="xs">
              <Text fw={600}>{device}</Text>
              {session.current && <Badge color="green">{t("sessions.thisDevice")}</Badge>}
            </Group>
            {session.userAgent && (
              <Text size="xs" c="dimmed" lineClamp={1} title={session.userAgent}>
                {session.userAgent}
              </Text>
            )}
            <Text size="sm">{t("sessions.ip", { ip: session.ip ?? t("sessions.unknown") })}</Text>
            <Text size="sm" c="dimmed">
              {t("sessions.times", { created: format.dateTime(session.createdAt), lastSeen: format.dateTime(session.lastSeenAt) })}
            </Text>
          </Stack>
        </Group>
        <Button variant="default" color="red" size="sm" onClick={onRevoke} aria-label={t("sessions.revokeLabel", { device })}>
          {t("sessions.revoke")}
        </Button>
      </Group>
    </Paper>
  );
}
