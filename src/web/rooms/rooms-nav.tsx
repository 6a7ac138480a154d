// The side nav's talk rooms of the current network, in the admins' order, with an unread badge
// (a muted room shows a muted icon instead), kept current by the real-time socket. Archived rooms stay out of the nav.
import { Badge, NavLink, Text } from "@mantine/core";
import { IconBellOff, IconHash, IconLock, IconSpeakerphone } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { Link, useLocation } from "react-router";
import type { MyNetwork } from "../../shared/contract/accounts.ts";
import type { Room } from "../../shared/contract/rooms.ts";
import { useFormat } from "../platform/hooks/use-format.ts";
import { useT } from "../platform/i18n/i18n.context.tsx";
import { useRealtimeStatus } from "../platform/realtime/realtime.context.tsx";
import { useRoomsLive } from "./room-live.ts";
import { roomsQuery, useRoomName } from "./room-queries.ts";

function RoomIcon({ kind }: { kind: Room["kind"] }) {
  if (kind === "announcement") return <IconSpeakerphone size={18} aria-hidden />;
  if (kind === "private") return <IconLock size={18} aria-hidden />;
  return <IconHash size={18} aria-hidden />;
}

export function RoomsNavItems({ network }: { network: MyNetwork }) {
  const t = useT();
  const format = useFormat();
  const roomName = useRoomName();
  const { pathname } = useLocation();
  // Live, new posts refresh the unread counts as they come; without the socket, a poll stands in.
  const live = useRealtimeStatus() === "open";
  const list = useQuery({ ...roomsQuery(network.id), refetchInterval: live ? false : 60_000 });
  useRoomsLive(network.id);
  if (list.isError)
    return (
      <Text size="xs" c="dimmed" px="sm">
        {t("rooms.navError")}
      </Text>
    );
  const visible = (list.data?.items ?? []).filter((room) => room.archivedAt === null);
  return visible.map((room) => {
    const to = `/n/${network.slug}/rooms/${room.id}`;
    const active = pathname === to;
    const name = roomName(room);
    const right = room.muted ? (
      <IconBellOff size={16} aria-label={t("rooms.navMuted")} color="var(--mantine-color-dimmed)" />
    ) : room.unread > 0 ? (
      <Badge size="sm" circle={room.unread < 10} aria-label={t("rooms.navUnread", { count: room.unread })}>
        {room.unread > 99 ? "99+" : format.number(room.unread)}
      </Badge>
    ) : undefined;
    return (
      <NavLink
        key={room.id}
        component={Link}
        to={to}
        label={name}
        leftSection={<RoomIcon kind={room.kind} />}
        rightSection={right}
        active={active}
        aria-current={active ? "page" : undefined}
        variant="light"
        style={{ borderRadius: "var(--mantine-radius-md)" }}
      />
    );
  });
}
