// /n/:slug/messages and /n/:slug/messages/:conversationId — direct messages. On wide screens the
// conversation list and the open conversation sit side by side; on phones they are two screens
// (the list, or the conversation with a back button). Admins switch the list to the office inbox
// (事務局宛て); the others find "message the office" here. Settings: who may message me, blocks.
import { Button, Group, SegmentedControl, Stack, Title, Tooltip, ActionIcon } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconBuilding, IconMessageCircle, IconPlus, IconSettings } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { messages } from "../../shared/contract/index.ts";
import { callApi } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { invalidate } from "../platform/query.ts";
import { EmptyView, NotFoundState } from "../platform/ui/page-states.tsx";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { ConversationList } from "./conversation-list.tsx";
import { ConversationView } from "./conversation-view.tsx";
import { unreadQuery } from "./message-queries.ts";
import type { ConversationList as ListKind } from "./message-queries.ts";
import { MessagesSettingsModal } from "./messages-settings.modal.tsx";
import { NewConversationModal } from "./new-conversation.modal.tsx";
import "./messages.css";

/** From here the list and the conversation fit side by side next to the side nav. */
const twoPanes = "(min-width: 64em)";

export function MessagesPage() {
  const { slug, conversationId } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  const wide = useMediaQuery(twoPanes, false, { getInitialValueInEffect: false });
  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  return (
    <div className="tsunagu-dm-frame">
      {!conversationId && <ListTitle />}
      {(wide || !conversationId) && (
        <section className="tsunagu-dm-pane tsunagu-dm-list-pane" data-alone={!wide || undefined} aria-labelledby="dm-title">
          <ListPane network={network} currentId={conversationId} />
        </section>
      )}
      {(wide || conversationId) && (
        <section className="tsunagu-dm-pane tsunagu-dm-conversation-pane" aria-label={t("messages.conversationLabel")}>
          {conversationId ? (
            <ConversationView network={network} conversationId={conversationId} wide={wide} />
          ) : (
            <EmptyView
              title={t("messages.selectTitle")}
              description={t("messages.selectBody")}
              icon={<IconMessageCircle aria-hidden />}
              headingOrder={2}
            />
          )}
        </section>
      )}
    </div>
  );
}

/** The tab's title while no conversation (which names itself) is open. */
function ListTitle() {
  const t = useT();
  usePageTitle(t("messages.title"));
  return null;
}

function ListPane({ network, currentId }: { network: MyNetwork; currentId: string | undefined }) {
  const t = useT();
  const format = useFormat();
  const notify = useNotify();
  const navigate = useNavigate();
  const [list, setList] = useState<ListKind>("mine");
  const [starting, setStarting] = useState(false);
  const [settings, setSettings] = useState(false);
  const admin = network.role === "admin";
  const unread = useQuery({ ...unreadQuery(network.id), enabled: admin });

  const office = useMutation({
    mutationFn: () => callApi(messages.openOfficeConversation, { params: { networkId: network.id } }),
    onSuccess: async (conversation) => {
      await invalidate(messages.listConversations);
      await navigate(`/n/${network.slug}/messages/${conversation.id}`);
    },
    onError: notify.error,
  });
  const officeUnread = unread.data?.office ?? 0;

  const startButton = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setStarting(true)}>
      {t("messages.start")}
    </Button>
  );
  const officeButton = !admin && (
    <Button
      variant="default"
      leftSection={<IconBuilding size={16} aria-hidden />}
      onClick={() => office.mutate()}
      loading={office.isPending}
    >
      {t("messages.messageOffice")}
    </Button>
  );

  return (
    <Stack gap="sm" p="sm" style={{ flex: 1, minHeight: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <Title order={1} size="h3" id="dm-title">
          {t("messages.title")}
        </Title>
        <Group gap={4} wrap="nowrap">
          <Tooltip label={t("messages.settings")}>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t("messages.settings")} onClick={() => setSettings(true)}>
              <IconSettings size={20} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t("messages.start")}>
            <ActionIcon variant="light" size="lg" aria-label={t("messages.start")} onClick={() => setStarting(true)}>
              <IconPlus size={20} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      {admin && (
        <SegmentedControl
          fullWidth
          value={list}
          onChange={(value) => setList(value)}
          aria-label={t("messages.listSwitch")}
          data={[
            { value: "mine", label: t("messages.tabMine") },
            {
              value: "office",
              label: officeUnread > 0 ? `${t("messages.tabOffice")} (${format.number(officeUnread)})` : t("messages.tabOffice"),
            },
          ]}
        />
      )}
      <div
        style={{
          flex: 1,
          minHeight: 0,
          overflowY: "auto",
          margin: "0 calc(-1 * var(--mantine-spacing-sm))",
          padding: "0 var(--mantine-spacing-xs)",
        }}
      >
        <ConversationList
          network={network}
          list={list}
          currentId={currentId}
          empty={
            list === "office" ? (
              <EmptyView
                title={t("messages.officeEmptyTitle")}
                description={t("messages.officeEmptyBody")}
                icon={<IconBuilding aria-hidden />}
              />
            ) : (
              <EmptyView title={t("messages.emptyTitle")} description={t("messages.emptyBody")} icon={<IconMessageCircle aria-hidden />}>
                {startButton}
              </EmptyView>
            )
          }
        />
      </div>
      {officeButton && list === "mine" && <Group justify="center">{officeButton}</Group>}
      <NewConversationModal network={network} opened={starting} onClose={() => setStarting(false)} />
      <MessagesSettingsModal network={network} opened={settings} onClose={() => setSettings(false)} />
    </Stack>
  );
}
