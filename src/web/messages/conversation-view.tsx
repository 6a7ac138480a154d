// One conversation: header (name, back to the list on phones, menu), the messages oldest to newest
// with the newest at the bottom (older pages load when scrolling up, the reader's place kept), my
// messages on the right, sending optimistic with retry, and marking read while it is on screen.
import { ActionIcon, Alert, Button, Center, Group, Loader, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentVisibility } from "@mantine/hooks";
import { IconAlertTriangle, IconArrowDown, IconChevronLeft, IconRefresh } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { messages } from "../../shared/contract/index.ts";
import type { Conversation, Message } from "../../shared/contract/messages.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useRealtimeStatus } from "../platform/realtime/realtime.context.tsx";
import { ErrorState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useProblemMessage } from "../members/use-problem.ts";
import { ConversationMenu } from "./conversation-menu.tsx";
import { useConversationName } from "./conversation-names.ts";
import { MessageComposer } from "./message-composer.tsx";
import { MessageItem } from "./message-item.tsx";
import { clearUnread, conversationQuery, insertMessages, useMessages } from "./message-queries.ts";
import { MemberAvatar } from "../people/member-avatar.tsx";

/** Closer than this to the bottom counts as "at the bottom": new messages scroll into view. */
const stickPx = 80;
/** Closer than this to the top loads the previous page. */
const loadOlderPx = 160;

interface Pending {
  key: string;
  body: string;
  imageIds: string[];
  failed: unknown;
}

function MessagesSkeleton() {
  const t = useT();
  return (
    <Stack gap="md" role="status" aria-label={t("common.loading")} p="md">
      {[60, 40, 70, 35, 55].map((w, i) => (
        <Group key={i} justify={i % 2 ? "flex-end" : "flex-start"}>
          <Skeleton height={36} width={`${w}%`} radius="lg" />
        </Group>
      ))}
    </Stack>
  );
}

export function ConversationView({ network, conversationId, wide }: { network: MyNetwork; conversationId: string; wide: boolean }) {
  const t = useT();
  const conversation = useQuery(conversationQuery(network.id, conversationId));
  const name = useConversationName();
  usePageTitle(conversation.data ? name(conversation.data) : t("messages.title"));
  if (conversation.isPending) return <MessagesSkeleton />;
  if (conversation.isError) {
    if (isApiError(conversation.error, "not_found"))
      return <NotFoundState title={t("messages.notFoundTitle")} description={t("messages.notFoundBody")} headingOrder={wide ? 2 : 1} />;
    return (
      <Stack p="md">
        <ErrorState error={conversation.error} onRetry={() => void conversation.refetch()} />
      </Stack>
    );
  }
  return <Thread key={conversationId} network={network} conversation={conversation.data} wide={wide} />;
}

function Thread({ network, conversation, wide }: { network: MyNetwork; conversation: Conversation; wide: boolean }) {
  const t = useT();
  const name = useConversationName();
  const problem = useProblemMessage();
  const status = useRealtimeStatus();
  const visibility = useDocumentVisibility();
  const { query, items } = useMessages(network.id, conversation.id);
  const [pending, setPending] = useState<Pending[]>([]);
  const [sentBy, setSentBy] = useState<string | null>(null);
  const [unseenBelow, setUnseenBelow] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  /** Set while an older page loads: where the reader was, to keep them there once it lands. */
  const keep = useRef<{ height: number; top: number } | null>(null);
  const params = { networkId: network.id, conversationId: conversation.id };

  // Me, as the author of my own messages (the list says which I may delete: those are mine).
  const myId = useMemo(() => sentBy ?? items.find((m) => m.can.delete)?.author.memberId ?? null, [items, sentBy]);
  const isOwn = (m: Message) => (conversation.asOffice ? m.asOffice : m.can.delete || m.author.memberId === myId);

  const deliver = async (item: Pending) => {
    setPending((list) => list.map((p) => (p.key === item.key ? { ...p, failed: null } : p)));
    try {
      const sent = await callApi(messages.sendMessage, { params, body: { body: item.body, imageIds: item.imageIds } });
      setSentBy(sent.author.memberId);
      insertMessages(network.id, conversation.id, [sent]);
      setPending((list) => list.filter((p) => p.key !== item.key));
    } catch (error) {
      setPending((list) => list.map((p) => (p.key === item.key ? { ...p, failed: error } : p)));
    }
  };

  const send = (body: string, imageIds: string[]) => {
    const item = { key: crypto.randomUUID(), body, imageIds, failed: null };
    atBottom.current = true;
    setPending((list) => [...list, item]);
    void deliver(item);
  };

  const loadOlder = () => {
    const el = scroller.current;
    if (!el || !query.hasNextPage || query.isFetchingNextPage) return;
    keep.current = { height: el.scrollHeight, top: el.scrollTop };
    void query.fetchNextPage();
  };

  const oldestId = items[0]?.id;
  const newestId = items.at(-1)?.id;
  const lastRendered = useRef<{ oldest?: string; newest?: string }>({});
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const before = lastRendered.current;
    lastRendered.current = { oldest: oldestId, newest: newestId };
    if (keep.current && oldestId !== before.oldest) {
      el.scrollTop = el.scrollHeight - keep.current.height + keep.current.top;
      keep.current = null;
      return;
    }
    if (atBottom.current) el.scrollTop = el.scrollHeight;
    else if (newestId !== before.newest && before.newest !== undefined) setUnseenBelow(true);
  }, [oldestId, newestId, pending.length]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < stickPx;
    if (atBottom.current) setUnseenBelow(false);
    if (el.scrollTop < loadOlderPx) loadOlder();
  };

  const toBottom = () => {
    const el = scroller.current;
    if (el) el.scrollTo({ top: el.scrollHeight, behavior: "smooth" });
    atBottom.current = true;
    setUnseenBelow(false);
  };

  // Read while on screen: whenever a newer message shows in a visible tab.
  const { mutate: markRead } = useMutation({
    mutationFn: () => callApi(messages.markConversationRead, { params }),
    onSuccess: () => clearUnread(network.id, conversation.id),
  });
  const marked = useRef<string | null>(null);
  useEffect(() => {
    if (!newestId || visibility !== "visible" || marked.current === newestId) return;
    const timer = setTimeout(() => {
      marked.current = newestId;
      markRead();
    }, 400);
    return () => clearTimeout(timer);
  }, [newestId, visibility, markRead]);

  const title = name(conversation);
  const subtitle =
    conversation.kind === "group"
      ? t("messages.memberCount", { count: conversation.members.length + 1 })
      : conversation.kind === "office"
        ? t(conversation.asOffice ? "messages.officeInboxNote" : "messages.officeNote")
        : null;

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
      <Group
        gap="xs"
        p="sm"
        wrap="nowrap"
        justify="space-between"
        style={{ borderBottom: "1px solid var(--mantine-color-default-border)" }}
      >
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          {!wide && (
            <ActionIcon component={Link} to={`/n/${network.slug}/messages`} variant="subtle" color="gray" aria-label={t("messages.back")}>
              <IconChevronLeft size={20} aria-hidden />
            </ActionIcon>
          )}
          {conversation.kind === "direct" && conversation.members[0] && (
            <MemberAvatar
              name={conversation.members[0].displayName}
              avatarUrl={conversation.members[0].avatarUrl}
              supporter={conversation.members[0].supporter}
              size={36}
            />
          )}
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={wide ? 2 : 1} size="h4" style={{ overflowWrap: "anywhere" }} lineClamp={1}>
              {title}
            </Title>
            {subtitle && (
              <Text size="xs" c="dimmed" truncate="end">
                {subtitle}
              </Text>
            )}
          </Stack>
        </Group>
        <Group gap={4} wrap="nowrap">
          {status !== "open" && status !== "ended" && (
            <Text size="xs" c="dimmed" role="status">
              {t("messages.reconnecting")}
            </Text>
          )}
          <ConversationMenu network={network} conversation={conversation} />
        </Group>
      </Group>

      <div style={{ position: "relative", flex: 1, minHeight: 0, display: "flex", flexDirection: "column" }}>
        <div ref={scroller} className="tsunagu-dm-scroll" onScroll={onScroll}>
          {query.isPending ? (
            <MessagesSkeleton />
          ) : query.isError ? (
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          ) : (
            <Stack gap="sm" role="log" aria-label={t("messages.logLabel", { name: title })} aria-live="polite" aria-relevant="additions">
              {query.hasNextPage ? (
                <Center>
                  <Button variant="subtle" size="xs" onClick={loadOlder} loading={query.isFetchingNextPage}>
                    {t("messages.loadOlder")}
                  </Button>
                </Center>
              ) : (
                items.length > 0 && (
                  <Text size="xs" c="dimmed" ta="center">
                    {t("messages.beginning")}
                  </Text>
                )
              )}
              {items.length === 0 && pending.length === 0 && (
                <Text size="sm" c="dimmed" ta="center" py="xl">
                  {t("messages.threadEmpty")}
                </Text>
              )}
              {items.map((message, index) => {
                const previous = items[index - 1];
                const own = isOwn(message);
                const showAuthor =
                  conversation.kind !== "direct" &&
                  (!previous || previous.author.memberId !== message.author.memberId || previous.asOffice !== message.asOffice);
                return <MessageItem key={message.id} networkId={network.id} message={message} own={own} showAuthor={showAuthor} />;
              })}
              {pending.map((item) => (
                <Stack key={item.key} gap={2} className="tsunagu-dm-message" data-own>
                  <div className="tsunagu-dm-bubble tsunagu-prose" style={{ opacity: item.failed ? 1 : 0.6 }}>
                    {item.body || t("messages.imagesOnly", { count: item.imageIds.length })}
                  </div>
                  {item.failed ? (
                    <Group gap={6} px={4}>
                      <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" aria-hidden />
                      <Text size="xs" c="red.7">
                        {t("messages.failed")}: {problem(item.failed)}
                      </Text>
                      <Button
                        size="compact-xs"
                        variant="light"
                        leftSection={<IconRefresh size={12} aria-hidden />}
                        onClick={() => void deliver(item)}
                      >
                        {t("messages.retry")}
                      </Button>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="gray"
                        onClick={() => setPending((list) => list.filter((p) => p.key !== item.key))}
                      >
                        {t("messages.discard")}
                      </Button>
                    </Group>
                  ) : (
                    <Group gap={4} px={4}>
                      <Loader size={10} />
                      <Text size="xs" c="dimmed">
                        {t("messages.sending")}
                      </Text>
                    </Group>
                  )}
                </Stack>
              ))}
            </Stack>
          )}
        </div>
        {unseenBelow && (
          <Button
            size="xs"
            radius="xl"
            leftSection={<IconArrowDown size={14} aria-hidden />}
            onClick={toBottom}
            style={{ position: "absolute", bottom: 12, left: "50%", transform: "translateX(-50%)", boxShadow: "var(--mantine-shadow-md)" }}
          >
            {t("messages.newBelow")}
          </Button>
        )}
      </div>

      {!conversation.can.send && conversation.kind === "direct" && conversation.members.length > 0 ? (
        <Alert variant="light" color="gray" m="sm" icon={<IconAlertTriangle aria-hidden />}>
          {t("messages.cannotSend")}
        </Alert>
      ) : (
        <MessageComposer
          networkId={network.id}
          onSend={send}
          disabledReason={conversation.can.send ? null : t("messages.cannotSendHere")}
        />
      )}
    </Stack>
  );
}
