-- Events (0003) are a short-lived delivery log, written in the publishing transaction: a post in
-- a room writes one row per member present (decision 0013), up to thousands. Their foreign keys
-- checked every row with `SELECT … FOR KEY SHARE` on the recipient's account and on the network:
-- a row lock per recipient, so two posts at once took the same thousand locks (multixacts), and
-- the checks were three quarters of the insert (measured: 1,000 rows 62 ms with them, 15 ms
-- without). The rows name accounts that existed when they were written (a publisher's audience is
-- read in the same transaction); deleting an account deletes its events (accounts.service.ts),
-- and housekeeping drops every event after 7 days.
ALTER TABLE events DROP CONSTRAINT events_account_id_fkey;
ALTER TABLE events DROP CONSTRAINT events_network_id_fkey;
