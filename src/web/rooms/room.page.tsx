// /n/:slug/rooms/:roomId — a talk room: its header (name, description, kind and audience, mute),
// a composer for those who may post, the pinned posts, then the timeline newest first. Opening the
// room marks it read, so the side nav's unread badge goes away. Others' new posts wait behind a
// "n new posts" button (room-live.ts) rather than moving the timeline under the reader.
import { Alert, Badge, Button, Group, Stack, Text, Title } from "@mantine/core";
import { IconArrowUp, IconBell, IconBellOff, IconMessages, IconSpeakerphone } from "@tabler/icons-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect } from "react";
import { useParams } from "react-router";
import { posts, rooms } from "../../shared/contract/index.ts";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import { imageLimits } from "../../shared/contract/images.ts";
import { postLimits } from "../../shared/contract/posts.ts";
import type { Room } from "../../shared/contract/rooms.ts";
import { callApi, isApiError } from "../platform/api.ts";
import { useNotify } from "../platform/hooks/use-notify.ts";
import { usePageTitle } from "../platform/hooks/use-page-title.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";
import { LoadMore } from "../platform/ui/load-more.tsx";
import { PageHeader } from "../platform/ui/page-header.tsx";
import { EmptyView, ErrorState, LoadingState, NotFoundState } from "../platform/ui/page-states.tsx";
import { useProblemNotice } from "../members/use-problem.ts";
import { useMyNetwork } from "../networks/use-my-network.ts";
import { Composer } from "./composer.tsx";
import { PostCard } from "./post-card.tsx";
import { useNewPosts } from "./room-live.ts";
import { refreshPosts, useRoomName, useTimeline } from "./room-queries.ts";

export function RoomPage() {
  const { slug, roomId = "" } = useParams();
  const network = useMyNetwork(slug);
  const t = useT();
  const roomName = useRoomName();
  const room = useQuery({
    ...apiQuery(rooms.getRoom, { params: { networkId: network?.id ?? "", roomId } }),
    enabled: network !== undefined,
  });
  usePageTitle(room.data ? roomName(room.data) : t("rooms.nav"));

  if (!network) return <NotFoundState title={t("network.notFoundTitle")} description={t("network.notFoundBody")} />;
  if (room.isPending) return <LoadingState lines={6} />;
  if (room.isError) {
    if (isApiError(room.error, "not_found"))
      return <NotFoundState title={t("rooms.notFoundTitle")} description={t("rooms.notFoundBody")} />;
    return <ErrorState error={room.error} onRetry={() => void room.refetch()} />;
  }
  return <RoomView key={room.data.id} network={network} room={room.data} />;
}

function MuteButton({ network, room }: { network: MyNetwork; room: Room }) {
  const t = useT();
  const notify = useNotify();
  const problem = useProblemNotice();
  const params = { networkId: network.id, roomId: room.id };
  const mute = useMutation({
    mutationFn: (muted: boolean) => callApi(rooms.setRoomMuted, { params, body: { muted } }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(queryKeyOf(rooms.getRoom, { params }), updated);
      notify.success(updated.muted ? t("rooms.muted") : t("rooms.unmuted"));
      await invalidate(rooms.listRooms);
    },
    onError: problem,
  });
  return (
    <Button
      variant="default"
      aria-pressed={room.muted}
      leftSection={room.muted ? <IconBellOff size={18} aria-hidden /> : <IconBell size={18} aria-hidden />}
      loading={mute.isPending}
      onClick={() => mute.mutate(!room.muted)}
    >
      {room.muted ? t("rooms.unmute") : t("rooms.mute")}
    </Button>
  );
}

function RoomView({ network, room }: { network: MyNetwork; room: Room }) {
  const t = useT();
  const notify = useNotify();
  const roomName = useRoomName();
  const { query: timeline, pinned, items } = useTimeline(network.id, room.id);
  const params = { networkId: network.id, roomId: room.id };
  const casual = room.defaultKey === "casual";
  const newPosts = useNewPosts(network.id, room.id);

  const markRead = useMutation({
    mutationFn: () => callApi(rooms.markRoomRead, { params }),
    onSuccess: () => invalidate(rooms.listRooms),
  });
  const { mutate: markReadNow } = markRead;
  useEffect(() => {
    markReadNow();
  }, [markReadNow]);

  // The new posts are on screen now: read, like everything the reader saw on arriving.
  const showNewPosts = async () => {
    newPosts.clear();
    await timeline.refetch();
    markReadNow();
    document.getElementById("room-timeline")?.scrollIntoView({ block: "start", behavior: "smooth" });
  };

  const empty =
    room.defaultKey === "casual"
      ? { title: t("rooms.emptyCasualTitle"), body: t("rooms.emptyCasualBody") }
      : room.defaultKey === "introductions"
        ? { title: t("rooms.emptyIntroTitle"), body: t("rooms.emptyIntroBody") }
        : { title: t("rooms.emptyTitle"), body: room.can.post ? t("rooms.emptyBody") : t("rooms.emptyReadOnlyBody") };

  return (
    <Stack gap="lg">
      <PageHeader
        title={roomName(room)}
        description={
          <Stack gap={6}>
            {room.description && (
              <Text size="sm" c="dimmed" className="tsunagu-prose">
                {room.description}
              </Text>
            )}
            <Group gap={6}>
              <Badge variant="light" leftSection={room.kind === "announcement" ? <IconSpeakerphone size={12} aria-hidden /> : undefined}>
                {t(`rooms.kind.${room.kind}`)}
              </Badge>
              <Badge variant="outline" color="gray">
                {t(`rooms.audience.${room.audience}`)}
              </Badge>
              {room.archivedAt && (
                <Badge variant="light" color="gray">
                  {t("rooms.archived")}
                </Badge>
              )}
            </Group>
          </Stack>
        }
        actions={<MuteButton network={network} room={room} />}
      />

      {room.can.post ? (
        <Composer
          label={t("composer.postLabel")}
          placeholder={casual ? t("composer.casualPlaceholder") : t("composer.postPlaceholder")}
          max={postLimits.bodyMax}
          submitLabel={t("composer.post")}
          images={{ networkId: network.id, max: imageLimits.perPost }}
          mentions={{ networkId: network.id, roomId: room.id }}
          onSubmit={async (body, imageIds, mentions) => {
            const created = await callApi(posts.createPost, { params, body: { body, imageIds, mentions } });
            newPosts.ownPost(created.id);
            notify.success(t("composer.posted"));
            await refreshPosts();
          }}
        />
      ) : (
        room.kind === "announcement" && (
          <Alert variant="light" icon={<IconSpeakerphone aria-hidden />}>
            {t("rooms.announcementOnly")}
          </Alert>
        )
      )}

      {newPosts.count > 0 && (
        // Sticky under the header, so it is in reach wherever the reader is in the timeline.
        <Group justify="center" pos="sticky" top="calc(var(--app-shell-header-height, 60px) + 8px)" style={{ zIndex: 5 }}>
          <Button
            radius="xl"
            style={{ boxShadow: "var(--mantine-shadow-md)" }}
            leftSection={<IconArrowUp size={16} aria-hidden />}
            onClick={() => void showNewPosts()}
          >
            {t("rooms.newPosts", { count: newPosts.count })}
          </Button>
        </Group>
      )}

      {timeline.isPending ? (
        <LoadingState lines={8} />
      ) : timeline.isError ? (
        <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : pinned.length === 0 && items.length === 0 ? (
        <EmptyView title={empty.title} description={empty.body} icon={<IconMessages aria-hidden />} />
      ) : (
        <>
          {pinned.length > 0 && (
            <Stack gap="sm" component="section" aria-labelledby="room-pinned">
              <Title order={2} size="h4" id="room-pinned">
                {t("rooms.pinned")}
              </Title>
              {pinned.map((post) => (
                <PostCard key={post.id} post={post} networkId={network.id} slug={network.slug} />
              ))}
            </Stack>
          )}
          {(items.length > 0 || timeline.hasNextPage) && (
            <Stack gap="sm" component="section" aria-labelledby="room-timeline">
              <Title order={2} size="h4" id="room-timeline">
                {t("rooms.timeline")}
              </Title>
              {items.map((post) => (
                <PostCard key={post.id} post={post} networkId={network.id} slug={network.slug} />
              ))}
              <LoadMore pages={timeline} />
            </Stack>
          )}
        </>
      )}
    </Stack>
  );
}
