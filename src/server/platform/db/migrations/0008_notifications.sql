-- Notifications (通知) for one member of a network, each member's notification settings (mail,
-- digest ダイジェスト, in-app kinds), and extra headers on outgoing mail (List-Unsubscribe).
--
-- Grouped kinds (stamps) carry a group_key: while a member has an unread notification with that
-- key, a new actor updates it (latest actor, distinct actors) instead of adding a row; once read,
-- the next one starts a new row (the partial unique index below).
CREATE TABLE notifications (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  recipient_id uuid NOT NULL,
  -- Denormalised from the membership: the account-wide unread total reads it in the account scope.
  recipient_account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('mention', 'reply', 'stamp', 'dm', 'room_request_decided', 'newcomer')),
  -- The latest actor; null for an actor that is gone (or a system event).
  actor_id uuid,
  -- Distinct actors of a grouped notification, latest last.
  actor_ids uuid[] NOT NULL DEFAULT '{}',
  post_id uuid,
  comment_id uuid,
  -- Direct messages belong to another feature's tables: plain ids, no foreign keys.
  conversation_id uuid,
  message_id uuid,
  room_request_id uuid,
  -- A short text given by the notifier for targets this feature does not read itself (a DM's first line).
  excerpt text NOT NULL DEFAULT '' CHECK (char_length(excerpt) <= 200),
  group_key text CHECK (char_length(group_key) <= 200),
  read_at timestamptz,
  emailed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, recipient_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, post_id) REFERENCES posts (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, comment_id) REFERENCES comments (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, room_request_id) REFERENCES room_requests (network_id, id) ON DELETE CASCADE
);
-- The recipient's list, newest activity first (keyset on updated_at, id).
CREATE INDEX notifications_list_idx ON notifications (network_id, recipient_id, updated_at DESC, id DESC);
-- Unread counts and the batched mail's pick.
CREATE INDEX notifications_unread_idx ON notifications (network_id, recipient_id, created_at) WHERE read_at IS NULL;
CREATE INDEX notifications_account_unread_idx ON notifications (recipient_account_id) WHERE read_at IS NULL;
-- One unread notification per group.
CREATE UNIQUE INDEX notifications_group_idx ON notifications (network_id, recipient_id, group_key)
  WHERE read_at IS NULL AND group_key IS NOT NULL;

-- One row per member who has changed a setting or been sent notification mail; a member without a
-- row has the defaults. The row also keeps the batching and digest state.
CREATE TABLE notification_settings (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  member_id uuid NOT NULL,
  email_dm boolean NOT NULL DEFAULT true,
  email_mention boolean NOT NULL DEFAULT true,
  -- auto: daily while the membership or the network is younger than 28 days, weekly afterwards.
  digest text NOT NULL DEFAULT 'auto' CHECK (digest IN ('auto', 'daily', 'weekly', 'off')),
  -- In-app kinds the member turned off.
  muted_kinds text[] NOT NULL DEFAULT '{}',
  -- Signs the one-click unsubscribe links of this member's mails (HMAC-SHA256); never leaves the server.
  unsubscribe_key text NOT NULL DEFAULT replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
  last_digest_at timestamptz,
  -- A digest job is queued for the member (set by the tick, cleared by the job): no second one.
  digest_pending_until timestamptz,
  -- A batched notification mail is queued until then: notifications meanwhile join that mail.
  mail_pending_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, member_id),
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
-- An unsubscribe link names the membership only (no network): found across networks by it.
CREATE INDEX notification_settings_member_idx ON notification_settings (member_id);

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY notifications_tenant ON notifications
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
-- The account's own notifications from its account scope (the unread total across networks).
CREATE POLICY notifications_own ON notifications FOR SELECT
  USING (app_network_id() IS NULL AND recipient_account_id = app_account_id());

ALTER TABLE notification_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY notification_settings_tenant ON notification_settings
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

-- Extra header lines of a mail (List-Unsubscribe, List-Unsubscribe-Post), sent as they are.
ALTER TABLE mail_outbox ADD COLUMN headers jsonb NOT NULL DEFAULT '{}';
