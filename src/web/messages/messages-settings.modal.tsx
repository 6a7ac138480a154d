// Message settings, from the messages page: who may message me in this network (everyone, people
// I have talked with, nobody — the office always may) and the members I blocked, each with unblock.
import { Button, Divider, Group, Modal, Radio, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { messages } from "../../shared/contract/index.ts";
import { dmPolicies } from "../../shared/contract/messages.ts";
import type { DmPolicy } from "../../shared/contract/messages.ts";
import { callApi } from "../platform/api.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient } from "../platform/query.ts";
import { ErrorState } from "../platform/ui/page-states.tsx";
import { MemberAvatar } from "../people/member-avatar.tsx";

export function MessagesSettingsModal({ network, opened, onClose }: { network: MyNetwork; opened: boolean; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={opened} onClose={onClose} title={t("messages.settings")} closeButtonProps={{ "aria-label": t("common.close") }}>
      {opened && (
        <Stack gap="lg">
          <PolicySetting network={network} />
          <Divider />
          <BlockedMembers network={network} />
        </Stack>
      )}
    </Modal>
  );
}

function PolicySetting({ network }: { network: MyNetwork }) {
  const t = useT();
  const notify = useNotify();
  const settings = apiQuery(messages.getDmSettings, { params: { networkId: network.id } });
  const current = useQuery(settings);
  const save = useMutation({
    mutationFn: (dmPolicy: DmPolicy) => callApi(messages.updateDmSettings, { params: { networkId: network.id }, body: { dmPolicy } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(settings.queryKey, saved);
      notify.success(t("messages.policySaved"));
    },
    onError: notify.error,
  });
  if (current.isPending) return <Skeleton height={96} />;
  if (current.isError) return <ErrorState error={current.error} onRetry={() => void current.refetch()} />;
  return (
    <Radio.Group
      label={t("messages.policyTitle")}
      description={t("messages.policyNote")}
      value={save.isPending ? save.variables : current.data.dmPolicy}
      onChange={(value) => save.mutate(value)}
    >
      <Stack gap="xs" mt="xs">
        {dmPolicies.map((policy) => (
          <Radio key={policy} value={policy} label={t(`messages.policy.${policy}`)} disabled={save.isPending} />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function BlockedMembers({ network }: { network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const blocks = useQuery(apiQuery(messages.listBlocks, { params: { networkId: network.id } }));
  const unblock = useMutation({
    mutationFn: (memberId: string) => callApi(messages.unblockMember, { params: { networkId: network.id, memberId } }),
    onSuccess: async () => {
      notify.success(t("messages.unblockedDone"));
      await Promise.all([invalidate(messages.listBlocks), invalidate(messages.listConversations), invalidate(messages.getConversation)]);
    },
    onError: notify.error,
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="dm-blocked">
      <Title order={2} size="h5" id="dm-blocked">
        {t("messages.blockedTitle")}
      </Title>
      {blocks.isPending ? (
        <Skeleton height={48} />
      ) : blocks.isError ? (
        <ErrorState error={blocks.error} onRetry={() => void blocks.refetch()} />
      ) : blocks.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("messages.blockedEmpty")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" className="tsunagu-dm-list">
          {blocks.data.items.map((block) => (
            <Group key={block.member.memberId} component="li" justify="space-between" wrap="nowrap">
              <MemberAvatar
                name={block.member.displayName}
                avatarUrl={block.member.avatarUrl}
                supporter={block.member.supporter}
                size={32}
              />
              <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={600} truncate="end">
                  {block.member.displayName}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("messages.blockedSince", { date: format.date(block.createdAt) })}
                </Text>
              </Stack>
              <Button
                size="xs"
                variant="default"
                onClick={() => unblock.mutate(block.member.memberId)}
                loading={unblock.isPending && unblock.variables === block.member.memberId}
                aria-label={t("messages.unblockName", { name: block.member.displayName })}
              >
                {t("messages.unblock")}
              </Button>
            </Group>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
