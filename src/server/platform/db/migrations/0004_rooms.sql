-- Talk rooms (トークルーム): where a network's posts will live. A room has a kind (who may post)
-- and an audience (who may see it); admins see every room. Private rooms list their members in
-- room_members; each member's own state of a room (muted, read up to) is in room_subscriptions;
-- members ask for new rooms with room_requests.
CREATE TABLE rooms (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  -- open: every member who sees it posts; private: only its members (and admins) see it;
  -- announcement: admins post, everyone who sees it comments and stamps.
  kind text NOT NULL CHECK (kind IN ('open', 'private', 'announcement')),
  -- Who sees it besides the admins: everyone, only alumni, only employees.
  audience text NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'alumni', 'employees')),
  position integer NOT NULL DEFAULT 0,
  -- The three rooms every network starts with; null for rooms made later.
  default_key text CHECK (default_key IN ('announcements', 'casual', 'introductions')),
  archived_at timestamptz,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id)
);
CREATE UNIQUE INDEX rooms_default_key ON rooms (network_id, default_key) WHERE default_key IS NOT NULL;
CREATE INDEX rooms_position_idx ON rooms (network_id, position, created_at, id);

-- Who is in a private room (admins see every room without a row here).
CREATE TABLE room_members (
  network_id uuid NOT NULL,
  room_id uuid NOT NULL,
  member_id uuid NOT NULL,
  added_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, room_id, member_id),
  FOREIGN KEY (network_id, room_id) REFERENCES rooms (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX room_members_member_idx ON room_members (network_id, member_id);

-- A member's own state of a room they can see: muted, and read up to when (the unread count of
-- a room is its posts after last_read_at, once there are posts). Written by the member only.
CREATE TABLE room_subscriptions (
  network_id uuid NOT NULL,
  room_id uuid NOT NULL,
  member_id uuid NOT NULL,
  muted boolean NOT NULL DEFAULT false,
  last_read_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, room_id, member_id),
  FOREIGN KEY (network_id, room_id) REFERENCES rooms (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX room_subscriptions_member_idx ON room_subscriptions (network_id, member_id);

-- A member asks the admins for a room; approving creates it (the requester joins it if private).
CREATE TABLE room_requests (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  requester_id uuid NOT NULL,
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 60),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 500),
  kind text NOT NULL CHECK (kind IN ('open', 'private')),
  audience text NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'alumni', 'employees')),
  reason text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
  reply text NOT NULL DEFAULT '',
  room_id uuid,
  decided_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, requester_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, room_id) REFERENCES rooms (network_id, id) ON DELETE SET NULL (room_id)
);
CREATE INDEX room_requests_created_idx ON room_requests (network_id, created_at DESC, id DESC);

ALTER TABLE rooms ENABLE ROW LEVEL SECURITY;
ALTER TABLE rooms FORCE ROW LEVEL SECURITY;
CREATE POLICY rooms_tenant ON rooms
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE room_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE room_members FORCE ROW LEVEL SECURITY;
CREATE POLICY room_members_tenant ON room_members
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE room_subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE room_subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY room_subscriptions_tenant ON room_subscriptions
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE room_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE room_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY room_requests_tenant ON room_requests
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

-- The rooms every network starts with. The one definition: this migration gives them to the
-- networks that exist, and creating a network calls it (rooms.repository.ts createDefaultRooms).
-- Stored in Japanese, the product's first language; admins may rename them.
CREATE FUNCTION create_default_rooms(target uuid) RETURNS void LANGUAGE sql AS $$
  INSERT INTO rooms (network_id, name, description, kind, audience, position, default_key)
  VALUES
    (target, 'お知らせ', '事務局からのお知らせです。コメントやスタンプで気軽に反応してください。', 'announcement', 'everyone', 0, 'announcements'),
    (target, '雑談ルーム', '近況や気になったことなど、気軽な話題をどうぞ。', 'open', 'everyone', 1, 'casual'),
    (target, '自己紹介', '参加したら、まずはここで自己紹介をお願いします。', 'open', 'everyone', 2, 'introductions')
  ON CONFLICT (network_id, default_key) WHERE default_key IS NOT NULL DO NOTHING;
$$;

SELECT set_config('app.system', 'on', true);
SELECT create_default_rooms(id) FROM networks;
SELECT set_config('app.system', '', true);
