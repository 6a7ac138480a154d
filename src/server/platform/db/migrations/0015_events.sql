-- Events (issue 6, decision 0017): meet-ups online and offline, in series, co-hosted by several
-- networks, with registration questions, a waitlist, check-in and calendar files. The tables
-- are `network_events…` because `events` is the real-time event log (decision 0010).

-- A supporter an admin allowed to organise events (admins always may).
ALTER TABLE memberships ADD COLUMN organizes_events boolean NOT NULL DEFAULT false;

-- A themed series (a talk series with a different theme each session).
CREATE TABLE event_series (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id)
);

CREATE TABLE network_events (
  -- The host network: only its admins and organisers change the event.
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  -- Markdown, and the sanitised HTML the server rendered from it (as posts).
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 20000),
  description_html text NOT NULL DEFAULT '',
  -- A stored WebP (storage key under event-covers/, random), or null.
  cover_key text,
  kind text NOT NULL CHECK (kind IN ('online', 'offline', 'hybrid')),
  venue_name text NOT NULL DEFAULT '' CHECK (char_length(venue_name) <= 200),
  venue_address text NOT NULL DEFAULT '' CHECK (char_length(venue_address) <= 300),
  map_url text NOT NULL DEFAULT '' CHECK (char_length(map_url) <= 1000),
  -- Shown to confirmed attendees (and organisers) only.
  online_url text NOT NULL DEFAULT '' CHECK (char_length(online_url) <= 1000),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  -- IANA name ('Asia/Tokyo'): the zone the organiser gave the times in, used in calendar files.
  time_zone text NOT NULL,
  -- null: no limit.
  capacity integer CHECK (capacity BETWEEN 1 AND 100000),
  registration_deadline timestamptz,
  audience text NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'alumni', 'employees', 'invited')),
  -- Where the event is announced (a room of the host network).
  room_id uuid,
  announcement_post_id uuid,
  report_post_id uuid,
  series_id uuid,
  -- This session's theme within its series.
  series_theme text NOT NULL DEFAULT '' CHECK (char_length(series_theme) <= 200),
  status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'cancelled')),
  cancel_reason text NOT NULL DEFAULT '' CHECK (char_length(cancel_reason) <= 1000),
  -- iCalendar SEQUENCE: raised whenever time, place or status changes.
  sequence integer NOT NULL DEFAULT 0,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  CHECK (ends_at > starts_at),
  CHECK (registration_deadline IS NULL OR registration_deadline <= starts_at),
  FOREIGN KEY (network_id, room_id) REFERENCES rooms (network_id, id) ON DELETE SET NULL (room_id),
  FOREIGN KEY (network_id, series_id) REFERENCES event_series (network_id, id) ON DELETE SET NULL (series_id),
  FOREIGN KEY (network_id, announcement_post_id) REFERENCES posts (network_id, id) ON DELETE SET NULL (announcement_post_id),
  FOREIGN KEY (network_id, report_post_id) REFERENCES posts (network_id, id) ON DELETE SET NULL (report_post_id)
);
CREATE INDEX network_events_starts_idx ON network_events (network_id, starts_at, id);
CREATE INDEX network_events_series_idx ON network_events (network_id, series_id, starts_at) WHERE series_id IS NOT NULL;

-- Who organises the event besides the host's admins (members of the host network: admins or
-- supporters allowed to organise). Named on the event page.
CREATE TABLE event_organizers (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  member_id uuid NOT NULL,
  -- So that a co-host's members see who organises without reading the host's memberships.
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (network_id, event_id, member_id),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX event_organizers_member_idx ON event_organizers (network_id, member_id);

-- Members invited to an event whose audience is 'invited' (members of the host network).
CREATE TABLE event_invitees (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  member_id uuid NOT NULL,
  PRIMARY KEY (network_id, event_id, member_id),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);

-- Co-host networks. The host's admins invite a network; its admins accept or decline. Accepted
-- co-hosts' members see the event and register; they learn nothing else of the host, nor the
-- host of them beyond who registered from there.
CREATE TABLE event_cohosts (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  cohost_network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'accepted', 'declined')),
  -- What the invited network's admins see of the event before they accept (they cannot read the
  -- event itself until then); kept in step when the host changes them.
  event_title text NOT NULL,
  event_starts_at timestamptz NOT NULL,
  event_ends_at timestamptz NOT NULL,
  event_time_zone text NOT NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, event_id, cohost_network_id),
  CHECK (cohost_network_id <> network_id),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE
);
CREATE INDEX event_cohosts_cohost_idx ON event_cohosts (cohost_network_id, status);

-- Questions the organiser asks at registration.
CREATE TABLE event_questions (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  position smallint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('text', 'single', 'multiple')),
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
  options text[] NOT NULL DEFAULT '{}',
  required boolean NOT NULL DEFAULT false,
  PRIMARY KEY (network_id, id),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE
);
CREATE INDEX event_questions_event_idx ON event_questions (network_id, event_id, position);

-- Seats, kept apart from the event so that a co-host's members may take one (the event row is
-- the host's alone). Every registration change locks this row: that is the waitlist's order.
-- `reserved`: seats freed while someone waited, held for the waitlist until the promotion job
-- (which sees every network's registrations) gives them out.
CREATE TABLE event_seats (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  capacity integer,
  confirmed integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
  waitlisted integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0),
  reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
  next_position integer NOT NULL DEFAULT 1,
  PRIMARY KEY (network_id, event_id),
  CHECK (capacity IS NULL OR confirmed + reserved <= capacity OR reserved = 0),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE
);

-- The waitlist's order, apart from the registrations so that a co-host's member can learn their
-- place (a count of the positions before theirs) without seeing anybody else's registration.
CREATE TABLE event_waitlist (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  position integer NOT NULL,
  PRIMARY KEY (network_id, event_id, position),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE
);

CREATE TABLE event_registrations (
  -- The host network, as the event.
  network_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL,
  -- The attendee, as a member of the network they came from (host or co-host).
  member_network_id uuid NOT NULL,
  member_id uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
  -- Order of arrival: the waitlist is served by it.
  position integer NOT NULL,
  answers jsonb NOT NULL DEFAULT '{}',
  -- The ticket's QR code carries it (random, 128 bits).
  ticket_code text NOT NULL UNIQUE,
  checked_in_at timestamptz,
  checked_in_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  promoted_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  UNIQUE (network_id, event_id, account_id),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (member_network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX event_registrations_queue_idx ON event_registrations (network_id, event_id, status, position);
CREATE INDEX event_registrations_account_idx ON event_registrations (account_id);
CREATE INDEX event_registrations_member_idx ON event_registrations (member_network_id, member_id);

-- Mails sent once per event, kind and start time (the day-before and hour-before reminders): the
-- row and the mails are written in one transaction, so a job run twice sends nothing twice.
CREATE TABLE event_notices (
  network_id uuid NOT NULL,
  event_id uuid NOT NULL,
  kind text NOT NULL,
  starts_at timestamptz NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, event_id, kind, starts_at),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE
);

-- A person's calendar feed: a secret URL of the events they registered for, in every network.
-- Only the token's hash is kept; a new token revokes the old one.
CREATE TABLE calendar_feeds (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Row-level security. The host network's scope sees and changes its events; an accepted
-- co-host's scope reads them (never writes), and takes seats and registrations for its own
-- members only.
CREATE FUNCTION app_cohosts(host uuid, event uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM event_cohosts c
    WHERE c.network_id = host AND c.event_id = event AND c.cohost_network_id = app_network_id() AND c.status = 'accepted')
$$;

ALTER TABLE event_series ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_series FORCE ROW LEVEL SECURITY;
CREATE POLICY event_series_tenant ON event_series
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

CREATE POLICY event_series_cohost_read ON event_series FOR SELECT
  USING (EXISTS (SELECT 1 FROM network_events e
    WHERE e.network_id = event_series.network_id AND e.series_id = event_series.id AND app_cohosts(e.network_id, e.id)));

ALTER TABLE network_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE network_events FORCE ROW LEVEL SECURITY;
CREATE POLICY network_events_tenant ON network_events
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY network_events_cohost_read ON network_events FOR SELECT
  USING (app_cohosts(network_id, id));

ALTER TABLE event_organizers ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_organizers FORCE ROW LEVEL SECURITY;
CREATE POLICY event_organizers_tenant ON event_organizers
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

CREATE POLICY event_organizers_cohost_read ON event_organizers FOR SELECT
  USING (app_cohosts(network_id, event_id));

ALTER TABLE event_invitees ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_invitees FORCE ROW LEVEL SECURITY;
CREATE POLICY event_invitees_tenant ON event_invitees
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE event_cohosts ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_cohosts FORCE ROW LEVEL SECURITY;
CREATE POLICY event_cohosts_tenant ON event_cohosts
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
-- The invited network sees its own invitation and answers it (status only: the service checks).
CREATE POLICY event_cohosts_invited ON event_cohosts
  USING (cohost_network_id = app_network_id())
  WITH CHECK (cohost_network_id = app_network_id());

ALTER TABLE event_questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_questions FORCE ROW LEVEL SECURITY;
CREATE POLICY event_questions_tenant ON event_questions
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY event_questions_cohost_read ON event_questions FOR SELECT
  USING (app_cohosts(network_id, event_id));

ALTER TABLE event_seats ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_seats FORCE ROW LEVEL SECURITY;
CREATE POLICY event_seats_tenant ON event_seats
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY event_seats_cohost ON event_seats
  USING (app_cohosts(network_id, event_id))
  WITH CHECK (app_cohosts(network_id, event_id));

ALTER TABLE event_waitlist ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_waitlist FORCE ROW LEVEL SECURITY;
CREATE POLICY event_waitlist_tenant ON event_waitlist
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY event_waitlist_cohost ON event_waitlist
  USING (app_cohosts(network_id, event_id))
  WITH CHECK (app_cohosts(network_id, event_id));

ALTER TABLE event_registrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_registrations FORCE ROW LEVEL SECURITY;
CREATE POLICY event_registrations_tenant ON event_registrations
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY event_registrations_cohost ON event_registrations
  USING (member_network_id = app_network_id() AND app_cohosts(network_id, event_id))
  WITH CHECK (member_network_id = app_network_id() AND app_cohosts(network_id, event_id));

ALTER TABLE event_notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_notices FORCE ROW LEVEL SECURITY;
CREATE POLICY event_notices_system ON event_notices USING (app_is_system()) WITH CHECK (app_is_system());

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY calendar_feeds_own ON calendar_feeds
  USING (account_id = app_account_id() OR app_is_system())
  WITH CHECK (account_id = app_account_id() OR app_is_system());
