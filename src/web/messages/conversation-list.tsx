// The list of conversations (mine, or for admins the office inbox): who, the last message, when,
// and an unread badge; the open one is highlighted. Latest activity first, 30 a page.
import { Badge, Group, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconBellOff, IconBuilding, IconUser, IconUsersGroup } from "@tabler/icons-react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { Conversation } from "../../shared/contract/messages.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { ErrorState } from "../platform/ui/page-states.tsx";
import { useConversationName, useRelativeTime } from "./conversation-names.ts";
import type { ConversationList as ListKind } from "./message-queries.ts";
import { useConversations } from "./message-queries.ts";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** The other person's avatar (a direct conversation, or the member of an office one for the admins), else an icon of the kind. */
function ConversationAvatar({ conversation }: { conversation: Conversation }) {
  const { kind } = conversation;
  const person = kind === "direct" || (kind === "office" && conversation.asOffice) ? conversation.members[0] : undefined;
  if (person) return <MemberAvatar name={person.displayName} avatarUrl={person.avatarUrl} supporter={person.supporter} size={40} />;
  const Icon = kind === "group" ? IconUsersGroup : kind === "office" ? IconBuilding : IconUser;
  return (
    <span className="tsunagu-dm-avatar" aria-hidden>
      <Icon size={20} />
    </span>
  );
}

function Row({ network, conversation, current }: { network: MyNetwork; conversation: Conversation; current: boolean }) {
  const t = useT();
  const format = useFormat();
  const name = useConversationName();
  const relative = useRelativeTime();
  const last = conversation.lastMessage;
  // A message of images only has no words to show: say how many images it carries.
  const text = last && last.preview === "" && last.images > 0 ? t("messages.imagesOnly", { count: last.images }) : (last?.preview ?? "");
  const preview = !last
    ? t("messages.noMessagesYet")
    : last.deleted
      ? t("messages.deletedPreview")
      : last.asOffice && conversation.kind === "office" && !conversation.asOffice
        ? `${t("messages.office")}: ${text}`
        : text;
  const unread = conversation.unread > 0;
  return (
    <UnstyledButton
      component={Link}
      to={`/n/${network.slug}/messages/${conversation.id}`}
      aria-current={current ? "page" : undefined}
      className="tsunagu-dm-row"
      data-active={current || undefined}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ConversationAvatar conversation={conversation} />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text fw={unread ? 700 : 600} size="sm" truncate="end">
              {name(conversation)}
            </Text>
            {last && (
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }} title={format.dateTime(last.createdAt)}>
                {relative(last.createdAt)}
              </Text>
            )}
          </Group>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text
              size="sm"
              c={unread ? undefined : "dimmed"}
              fw={unread ? 600 : undefined}
              truncate="end"
              fs={last?.deleted ? "italic" : undefined}
            >
              {preview}
            </Text>
            {conversation.muted && <IconBellOff size={14} aria-label={t("messages.mutedLabel")} color="var(--mantine-color-dimmed)" />}
            {unread && (
              <Badge
                size="sm"
                circle={conversation.unread < 10}
                style={{ flexShrink: 0 }}
                aria-label={t("messages.navUnread", { count: conversation.unread })}
              >
                {conversation.unread > 99 ? "99+" : format.number(conversation.unread)}
              </Badge>
            )}
          </Group>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

export function ConversationListSkeleton() {
  const t = useT();
  return (
    <Stack gap="md" role="status" aria-label={t("common.loading")} p="xs">
      {Array.from({ length: 5 }, (_, i) => (
        <Group key={i} gap="sm" wrap="nowrap">
          <Skeleton circle height={40} />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={12} width="50%" />
            <Skeleton height={10} width="85%" />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

export function ConversationList({
  network,
  list,
  currentId,
  empty,
}: {
  network: MyNetwork;
  list: ListKind;
  currentId: string | undefined;
  empty: React.ReactNode;
}) {
  const t = useT();
  const { query, items } = useConversations(network.id, list);
  if (query.isPending) return <ConversationListSkeleton />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0) return empty;
  return (
    <Stack
      gap={2}
      component="ul"
      aria-label={list === "office" ? t("messages.tabOffice") : t("messages.listLabel")}
      className="tsunagu-dm-list"
    >
      {items.map((conversation) => (
        <li key={conversation.id}>
          <Row network={network} conversation={conversation} current={conversation.id === currentId} />
        </li>
      ))}
      <LoadMore pages={query} />
    </Stack>
  );
}
