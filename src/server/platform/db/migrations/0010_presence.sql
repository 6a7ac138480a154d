-- Who is present for real-time room events (docs/decisions/0013-room-events-to-present-members.md).
-- A room-wide event (a post, a comment, a stamp in a room everyone sees) is written only for the
-- accounts that have an open WebSocket in some app process, or had one within the grace period
-- (two minutes, in code): a tab that blips and reconnects still replays what it missed, a tab
-- away longer is told to refetch. One row per account and app process (`instance_id`, a random id
-- per hub), kept by that process's hub: an upsert when a socket opens or closes, and one statement
-- per heartbeat for all of its accounts. A row counts while `seen_at` is within the grace period,
-- so the rows of a process that died stop counting by themselves.
--
-- `since` is when the row's present span began (reset when a row that had lapsed is touched
-- again): a reconnecting tab may replay only if a row's span covers the event it left off at.
CREATE TABLE realtime_presence (
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  instance_id uuid NOT NULL,
  sockets integer NOT NULL CHECK (sockets >= 0),
  since timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, instance_id)
);
CREATE INDEX realtime_presence_instance_idx ON realtime_presence (instance_id);
CREATE INDEX realtime_presence_seen_idx ON realtime_presence (seen_at);

-- Not tenant data (an account is present in all its networks at once), protected like `events`:
--  * the system scope does anything (the hubs keep the rows, one statement each);
--  * a tenant scope reads the rows of accounts that have a membership in its network — what a
--    publisher needs to address a room event, and nothing about anyone else.
ALTER TABLE realtime_presence ENABLE ROW LEVEL SECURITY;
ALTER TABLE realtime_presence FORCE ROW LEVEL SECURITY;
CREATE POLICY realtime_presence_system ON realtime_presence
  USING (app_is_system())
  WITH CHECK (app_is_system());
-- OFFSET 0 keeps the EXISTS a probe of the membership index per presence row: without it the
-- planner hashes every membership of the network first (33,000 rows, ~130 ms in the community
-- benchmark) to check a few hundred present accounts.
CREATE POLICY realtime_presence_read_in_network ON realtime_presence FOR SELECT
  USING (
    app_network_id() IS NOT NULL
    AND EXISTS (
      SELECT 1 FROM memberships m WHERE m.network_id = app_network_id() AND m.account_id = realtime_presence.account_id OFFSET 0
    )
  );
