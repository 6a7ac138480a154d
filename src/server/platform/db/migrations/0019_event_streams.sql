-- The realtime hub reads the new events of many accounts in one statement (hub.ts, decision
-- 0021): a `streams` scope names those accounts in app.stream_accounts (comma-separated uuids),
-- and this policy lets it read their rows — theirs only, as the account scope reads one account's.
CREATE FUNCTION app_stream_accounts() RETURNS uuid[] LANGUAGE sql STABLE AS
  $$ SELECT string_to_array(nullif(current_setting('app.stream_accounts', true), ''), ',')::uuid[] $$;
CREATE POLICY events_read_streams ON events FOR SELECT
  USING (account_id = ANY (app_stream_accounts()));
