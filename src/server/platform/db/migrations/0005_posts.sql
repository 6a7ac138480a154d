-- Posts in talk rooms, their comments, and stamps (reactions from a fixed set of emoji) on
-- either. Bodies are Markdown source plus the sanitised HTML rendered at write time
-- (platform/markdown). Deleting is soft: the row stays as a "this post was deleted" placeholder
-- so that a thread keeps its comments. Search columns per decision 0009.
CREATE TABLE posts (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  room_id uuid NOT NULL,
  author_id uuid NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  body_html text NOT NULL,
  edited_at timestamptz,
  deleted_at timestamptz,
  deleted_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  pinned_at timestamptz,
  -- Live (not deleted) comments, kept by the service in the comment's transaction.
  comment_count integer NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
  search_text text NOT NULL DEFAULT '',
  search_vector tsvector NOT NULL DEFAULT ''::tsvector,
  -- clock_timestamp(), not now(): posts of one transaction still get an order.
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, room_id) REFERENCES rooms (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, author_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- The room timeline (newest first, keyset on created_at, id) and unread counts.
CREATE INDEX posts_timeline_idx ON posts (network_id, room_id, created_at DESC, id DESC);
CREATE INDEX posts_pinned_idx ON posts (network_id, room_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;
CREATE INDEX posts_author_idx ON posts (network_id, author_id);
CREATE INDEX posts_search_idx ON posts USING gin (search_vector) WITH (fastupdate = off);

CREATE TABLE comments (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  post_id uuid NOT NULL,
  author_id uuid NOT NULL,
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  body_html text NOT NULL,
  edited_at timestamptz,
  deleted_at timestamptz,
  deleted_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  search_text text NOT NULL DEFAULT '',
  search_vector tsvector NOT NULL DEFAULT ''::tsvector,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, post_id) REFERENCES posts (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, author_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- A post's thread, oldest first (keyset on created_at, id).
CREATE INDEX comments_thread_idx ON comments (network_id, post_id, created_at, id);
CREATE INDEX comments_author_idx ON comments (network_id, author_id);
CREATE INDEX comments_search_idx ON comments USING gin (search_vector) WITH (fastupdate = off);

-- One row per (target, member, emoji); the target is a post or a comment, exactly one.
CREATE TABLE stamps (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  post_id uuid,
  comment_id uuid,
  member_id uuid NOT NULL,
  emoji text NOT NULL CHECK (emoji ~ '^[a-z0-9_]{1,32}$'),
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (network_id, id),
  CHECK ((post_id IS NULL) <> (comment_id IS NULL)),
  FOREIGN KEY (network_id, post_id) REFERENCES posts (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, comment_id) REFERENCES comments (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- Uniqueness per (target, member, emoji), and the counts per target and emoji.
CREATE UNIQUE INDEX stamps_post_unique ON stamps (network_id, post_id, emoji, member_id) WHERE post_id IS NOT NULL;
CREATE UNIQUE INDEX stamps_comment_unique ON stamps (network_id, comment_id, emoji, member_id) WHERE comment_id IS NOT NULL;
CREATE INDEX stamps_member_idx ON stamps (network_id, member_id);

ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
ALTER TABLE posts FORCE ROW LEVEL SECURITY;
CREATE POLICY posts_tenant ON posts
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE comments ENABLE ROW LEVEL SECURITY;
ALTER TABLE comments FORCE ROW LEVEL SECURITY;
CREATE POLICY comments_tenant ON comments
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE stamps ENABLE ROW LEVEL SECURITY;
ALTER TABLE stamps FORCE ROW LEVEL SECURITY;
CREATE POLICY stamps_tenant ON stamps
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
