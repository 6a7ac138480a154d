-- The network home feed, search under row-level security, supporters, and moderation.

-- The feed: live posts of the rooms a member sees, newest first across rooms (keyset on
-- created_at, id). The room timeline index leads with room_id, which a feed over ~200 rooms
-- cannot use for its order.
CREATE INDEX posts_feed_idx ON posts (network_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX comments_feed_idx ON comments (network_id, created_at DESC, id DESC) WHERE deleted_at IS NULL;

-- Decision 0012: the GIN search indexes are only usable inside tenant scopes when the match
-- operator's function is leakproof. Only a superuser may mark it; elsewhere search still answers
-- exactly, by scanning the network's rows, and the server logs the statement a DBA should run.
DO $$
BEGIN
  IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    ALTER FUNCTION pg_catalog.ts_match_vq(tsvector, tsquery) LEAKPROOF;
  END IF;
END
$$;

-- アルムナイサポーター: an alumni member appointed by the admins. A mark on the membership, not a
-- role: a supporter sees and does what alumni do, and also gets the "welcome them" items.
ALTER TABLE memberships ADD COLUMN supporter_since timestamptz;

-- Moderation: hiding takes a post or comment out of everyone's sight but its author's and the
-- admins'; both hiding and an admin's deletion carry a reason shown to the author.
ALTER TABLE posts ADD COLUMN hidden_at timestamptz;
ALTER TABLE posts ADD COLUMN moderation_reason text CHECK (char_length(moderation_reason) <= 500);
ALTER TABLE comments ADD COLUMN hidden_at timestamptz;
ALTER TABLE comments ADD COLUMN moderation_reason text CHECK (char_length(moderation_reason) <= 500);

-- Reports (通報) from members to the admins: a post, a comment, a direct message or a member.
-- The reported thing is referenced by id without a foreign key so that the report outlives it;
-- `context` keeps what the moderator needs to judge (the text, and for a message the messages
-- around it) as it was when reported.
CREATE TABLE reports (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  reporter_id uuid NOT NULL,
  target_kind text NOT NULL CHECK (target_kind IN ('post', 'comment', 'message', 'member')),
  target_id uuid NOT NULL,
  -- The member who wrote the reported thing (or the reported member).
  subject_id uuid,
  reason text NOT NULL CHECK (reason IN ('spam', 'harassment', 'inappropriate', 'privacy', 'other')),
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 1000),
  context jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
  resolution text CHECK (resolution IN ('hidden', 'deleted', 'none')),
  resolution_note text CHECK (char_length(resolution_note) <= 500),
  resolved_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, reporter_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- One open report per reporter and thing: reporting twice changes nothing.
CREATE UNIQUE INDEX reports_open_unique ON reports (network_id, reporter_id, target_kind, target_id) WHERE status = 'open';
CREATE INDEX reports_queue_idx ON reports (network_id, status, created_at DESC, id DESC);

ALTER TABLE reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE reports FORCE ROW LEVEL SECURITY;
CREATE POLICY reports_tenant ON reports
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
