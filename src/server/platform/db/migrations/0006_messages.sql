-- Direct messages (ダイレクトメッセージ): conversations between members of one network, their
-- members with read state, messages (Markdown rendered at write time, soft-deleted as
-- placeholders), stamps on messages, who may message a member, and blocks.

-- Who may start a conversation with this member: everyone in the network, only people they
-- already share a direct or group conversation with, or nobody. Office conversations ignore it.
ALTER TABLE memberships
  ADD COLUMN dm_policy text NOT NULL DEFAULT 'everyone' CHECK (dm_policy IN ('everyone', 'contacts', 'nobody'));

-- direct: exactly two members, one conversation per pair (pair_key: the two member ids, sorted).
-- group: 3–50 members. office: one member and the network's admins (事務局), one per member.
CREATE TABLE conversations (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('direct', 'group', 'office')),
  title text CHECK (char_length(title) <= 60),
  pair_key text,
  office_member_id uuid,
  created_by uuid,
  last_message_at timestamptz,
  -- The office side's read state, shared by every admin (any admin who reads it reads it for all).
  office_last_read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  CHECK ((kind = 'direct') = (pair_key IS NOT NULL)),
  CHECK ((kind = 'office') = (office_member_id IS NOT NULL)),
  CHECK (kind = 'group' OR title IS NULL),
  FOREIGN KEY (network_id, office_member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, created_by) REFERENCES memberships (network_id, id) ON DELETE SET NULL (created_by)
);
CREATE UNIQUE INDEX conversations_direct_pair ON conversations (network_id, pair_key) WHERE kind = 'direct';
CREATE UNIQUE INDEX conversations_office_member ON conversations (network_id, office_member_id) WHERE kind = 'office';
-- The admins' list of office conversations, by last activity.
CREATE INDEX conversations_office_idx ON conversations (network_id, (coalesce(last_message_at, created_at)) DESC, id DESC)
  WHERE kind = 'office';

-- A member's place in a conversation. Leaving keeps the row (left_at) so that their messages stay
-- attributed; only rows without left_at may read and send. Admins answering office conversations
-- have no row here (they see those through their role).
CREATE TABLE conversation_members (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  conversation_id uuid NOT NULL,
  member_id uuid NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  left_at timestamptz,
  last_read_at timestamptz,
  muted boolean NOT NULL DEFAULT false,
  PRIMARY KEY (network_id, conversation_id, member_id),
  FOREIGN KEY (network_id, conversation_id) REFERENCES conversations (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX conversation_members_member_idx ON conversation_members (network_id, member_id) WHERE left_at IS NULL;

CREATE TABLE messages (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  conversation_id uuid NOT NULL,
  author_id uuid NOT NULL,
  -- An admin answering in an office conversation: shown as 事務局 (with their name).
  as_office boolean NOT NULL DEFAULT false,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  body_html text NOT NULL,
  edited_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, conversation_id) REFERENCES conversations (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, author_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- A conversation newest first (keyset on created_at, id), and unread counts.
CREATE INDEX messages_conversation_idx ON messages (network_id, conversation_id, created_at DESC, id DESC);
CREATE INDEX messages_author_idx ON messages (network_id, author_id);

CREATE TABLE message_stamps (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  message_id uuid NOT NULL,
  member_id uuid NOT NULL,
  emoji text NOT NULL CHECK (emoji ~ '^[a-z0-9_]{1,32}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (network_id, message_id, emoji, member_id),
  FOREIGN KEY (network_id, message_id) REFERENCES messages (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX message_stamps_member_idx ON message_stamps (network_id, member_id);

-- Blocks are per membership, i.e. per network: every query runs scoped to one network by RLS, so
-- a block in one network cannot be read (nor enforced) in another. Someone who wants to block a
-- person everywhere blocks them in each network they share.
CREATE TABLE blocks (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  blocker_id uuid NOT NULL,
  blocked_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, blocker_id, blocked_id),
  CHECK (blocker_id <> blocked_id),
  FOREIGN KEY (network_id, blocker_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, blocked_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- "Who blocked me" (the primary key answers "whom did I block").
CREATE INDEX blocks_blocked_idx ON blocks (network_id, blocked_id);

ALTER TABLE conversations ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversations FORCE ROW LEVEL SECURITY;
CREATE POLICY conversations_tenant ON conversations
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE conversation_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE conversation_members FORCE ROW LEVEL SECURITY;
CREATE POLICY conversation_members_tenant ON conversation_members
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
CREATE POLICY messages_tenant ON messages
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE message_stamps ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_stamps FORCE ROW LEVEL SECURITY;
CREATE POLICY message_stamps_tenant ON message_stamps
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE blocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE blocks FORCE ROW LEVEL SECURITY;
CREATE POLICY blocks_tenant ON blocks
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
