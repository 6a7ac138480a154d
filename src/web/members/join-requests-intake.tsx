// Whether the network takes join requests, and the public link to share when it does. Opening it
// makes the join page (purpose, eligibility, code of conduct) reachable by anyone with the link,
// so both directions ask first.
import { Button, CopyButton, Group, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconCheck, IconCopy, IconDoorEnter, IconLock } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { accounts, networks } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";
import { ConfirmModal } from "../platform/ui/confirm-modal.tsx";
import { LoadingState } from "../platform/ui/page-states.tsx";
import { useProblemNotice } from "./use-problem.ts";

export function JoinRequestsIntake({ network }: { network: MyNetwork }) {
  const t = useT();
  const notify = useNotify();
  const problemNotice = useProblemNotice();
  const params = { networkId: network.id };
  const home = useQuery(apiQuery(networks.getNetworkHome, { params }));
  const [confirming, setConfirming] = useState(false);
  const toggle = useMutation({
    mutationFn: (open: boolean) => callApi(networks.updateNetworkSettings, { params, body: { joinRequestsOpen: open } }),
    onSuccess: async (updated) => {
      setConfirming(false);
      queryClient.setQueryData(queryKeyOf(networks.getNetworkHome, { params }), updated);
      notify.success(updated.network.joinRequestsOpen ? t("requests.opened") : t("requests.closed"));
      await invalidate(accounts.getMe);
    },
    onError: (error) => {
      setConfirming(false);
      problemNotice(error);
    },
  });

  // The switch is secondary to the list below: without it (loading, or an error) the page still works.
  if (home.isPending) return <LoadingState lines={2} />;
  if (home.isError) return null;
  const open = home.data.network.joinRequestsOpen;
  const joinUrl = `${window.location.origin}/join/${network.slug}`;

  return (
    <Paper withBorder p={{ base: "md", sm: "lg" }} component="section" aria-labelledby="join-intake-title">
      <Stack gap="sm">
        <Group gap="xs" wrap="nowrap" align="center">
          {open ? <IconDoorEnter size={22} aria-hidden /> : <IconLock size={22} aria-hidden />}
          <Title order={2} size="h4" id="join-intake-title">
            {open ? t("requests.openTitle") : t("requests.closedTitle")}
          </Title>
        </Group>
        <Text size="sm">{open ? t("requests.openBody") : t("requests.closedBody")}</Text>
        {open && (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t("requests.joinLink")}
              value={joinUrl}
              readOnly
              style={{ flex: 1, minWidth: 0 }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={joinUrl}>
              {({ copied, copy }) => (
                <Button
                  variant="default"
                  size="md"
                  onClick={copy}
                  leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                >
                  {copied ? t("requests.copied") : t("requests.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        )}
        <Group>
          <Button variant={open ? "default" : "filled"} onClick={() => setConfirming(true)}>
            {open ? t("requests.close") : t("requests.open")}
          </Button>
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={() => toggle.mutate(!open)}
        pending={toggle.isPending}
        danger={open}
        title={open ? t("requests.closeTitle") : t("requests.openConfirmTitle")}
        confirmLabel={open ? t("requests.close") : t("requests.open")}
      >
        {open ? t("requests.closeBody") : t("requests.openConfirmBody")}
      </ConfirmModal>
    </Paper>
  );
}
