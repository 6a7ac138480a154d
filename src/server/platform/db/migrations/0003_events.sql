-- Real-time events (docs/decisions/0010-realtime.md). One row per recipient account, written in
-- the transaction of the change it announces, so an event exists if and only if that change
-- committed. The browser's WebSocket reads its own account's rows; a reconnecting tab replays
-- the rows after the last one it received.
--
-- Order and replay cursor: (xid, id). `id` alone is not a safe cursor: identities are handed
-- out when a row is inserted, but transactions commit in another order, so a reader that has
-- seen id 101 could later find a committed 100. `xid` is the inserting transaction's id; a
-- reader only takes rows whose transaction is older than the oldest one still running
-- (pg_snapshot_xmin of its snapshot). Every such transaction has ended, so no row can appear
-- behind the cursor afterwards.
CREATE TABLE events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  network_id uuid REFERENCES networks (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,63}$'),
  -- Ids and the least a client needs to decide what to refetch; kept small (checked in code).
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_account_idx ON events (account_id, xid, id);
CREATE INDEX events_created_idx ON events (created_at);
CREATE INDEX events_network_idx ON events (network_id) WHERE network_id IS NOT NULL;

-- Not a tenant table: a row belongs to its recipient, who reads it from any network. So:
--  * reading: the recipient's own rows, all of them in the account scope, the current network's
--    in a tenant scope (where app.account_id is the acting member);
--  * writing from a tenant scope: only events of that network, only to accounts that have a
--    membership there (any status: a removed member may be told so);
--  * writing from the account scope: only to oneself, without a network (other tabs);
--  * the system scope does anything (fan-out jobs, housekeeping).
-- No update policy: an event never changes.
ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_system ON events
  USING (app_is_system())
  WITH CHECK (app_is_system());
CREATE POLICY events_read_own ON events FOR SELECT
  USING (account_id = app_account_id() AND (app_network_id() IS NULL OR network_id = app_network_id()));
CREATE POLICY events_publish_in_network ON events FOR INSERT
  WITH CHECK (
    network_id = app_network_id()
    AND EXISTS (SELECT 1 FROM memberships m WHERE m.network_id = events.network_id AND m.account_id = events.account_id)
  );
CREATE POLICY events_publish_to_self ON events FOR INSERT
  WITH CHECK (app_network_id() IS NULL AND network_id IS NULL AND account_id = app_account_id());
