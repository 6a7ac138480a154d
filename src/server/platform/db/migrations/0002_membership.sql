-- How a network fills up: invitations (one by one or from a CSV import of leavers), join
-- requests, the acceptance of the code of conduct, leaving and removal, and the admins' audit log.

-- Every change to purpose, eligibility or code of conduct is a new version; members record which
-- version they accepted. Join requests are opt-in per network (typical for volunteer networks).
ALTER TABLE networks
  ADD COLUMN terms_version integer NOT NULL DEFAULT 1,
  ADD COLUMN join_requests_open boolean NOT NULL DEFAULT false;

-- What the admins know of a member from HR (imported or typed in), the acceptance of the code of
-- conduct, activity, and why a member was removed.
ALTER TABLE memberships
  ADD COLUMN hr_name text,
  ADD COLUMN hr_join_year integer,
  ADD COLUMN hr_leave_year integer,
  ADD COLUMN hr_department text,
  ADD COLUMN terms_version integer,
  ADD COLUMN terms_accepted_at timestamptz,
  ADD COLUMN last_active_at timestamptz,
  ADD COLUMN removed_reason text,
  ADD COLUMN invitation_id uuid;
CREATE INDEX memberships_network_created_idx ON memberships (network_id, created_at, id);

CREATE TABLE member_imports (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  filename text NOT NULL,
  encoding text NOT NULL,
  -- The decoded file, kept until the import is done: a new mapping re-reads it.
  source text,
  headers jsonb NOT NULL,
  sample_rows jsonb NOT NULL DEFAULT '[]',
  mapping jsonb NOT NULL,
  default_role text NOT NULL DEFAULT 'alumni' CHECK (default_role IN ('admin', 'employee', 'alumni')),
  note text NOT NULL DEFAULT '',
  -- uploaded → previewed (mapping checked) → importing (job running) → done
  status text NOT NULL DEFAULT 'uploaded' CHECK (status IN ('uploaded', 'previewed', 'importing', 'done')),
  total_rows integer NOT NULL,
  ok_rows integer NOT NULL DEFAULT 0,
  problem_counts jsonb NOT NULL DEFAULT '{}',
  processed_rows integer NOT NULL DEFAULT 0,
  invited_rows integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz,
  PRIMARY KEY (network_id, id)
);
CREATE INDEX member_imports_created_idx ON member_imports (network_id, created_at DESC, id DESC);

-- Each data row of the last preview: the values read through the mapping, their problems, and
-- what the import did with the row.
CREATE TABLE member_import_rows (
  network_id uuid NOT NULL,
  import_id uuid NOT NULL,
  row_number integer NOT NULL,
  name text,
  email text,
  role text,
  join_year integer,
  leave_year integer,
  department text,
  problems text[] NOT NULL DEFAULT '{}',
  outcome text CHECK (outcome IN ('invited', 'skipped')),
  PRIMARY KEY (network_id, import_id, row_number),
  FOREIGN KEY (network_id, import_id) REFERENCES member_imports (network_id, id) ON DELETE CASCADE
);

CREATE TABLE invitations (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  email text NOT NULL,
  name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('admin', 'employee', 'alumni')),
  note text NOT NULL DEFAULT '',
  locale text NOT NULL DEFAULT 'ja' CHECK (locale IN ('ja', 'en')),
  token_hash text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'revoked')),
  invited_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  import_id uuid,
  hr_join_year integer,
  hr_leave_year integer,
  hr_department text,
  send_count integer NOT NULL DEFAULT 1,
  sent_at timestamptz NOT NULL DEFAULT now(),
  opened_at timestamptz,
  expires_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id)
);
-- One invitation per address and network: what makes imports and retries idempotent.
CREATE UNIQUE INDEX invitations_email_key ON invitations (network_id, lower(email));
CREATE INDEX invitations_created_idx ON invitations (network_id, created_at DESC, id DESC);
CREATE INDEX invitations_import_idx ON invitations (network_id, import_id) WHERE import_id IS NOT NULL;

CREATE TABLE join_requests (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  message text NOT NULL DEFAULT '',
  -- The version of purpose, eligibility and code of conduct the requester accepted.
  terms_version integer NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'declined')),
  reply text NOT NULL DEFAULT '',
  decided_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id)
);
-- At most one open request per person and network.
CREATE UNIQUE INDEX join_requests_pending_key ON join_requests (network_id, account_id) WHERE status = 'pending';
CREATE INDEX join_requests_created_idx ON join_requests (network_id, created_at DESC, id DESC);

CREATE TABLE audit_log (
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  actor_account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  -- Kept as text so the entry stays readable after the account is deleted.
  actor_name text NOT NULL,
  action text NOT NULL,
  subject_name text NOT NULL DEFAULT '',
  subject_id uuid,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id)
);
CREATE INDEX audit_log_created_idx ON audit_log (network_id, created_at DESC, id DESC);

ALTER TABLE member_imports ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_imports FORCE ROW LEVEL SECURITY;
CREATE POLICY member_imports_tenant ON member_imports
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE member_import_rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_import_rows FORCE ROW LEVEL SECURITY;
CREATE POLICY member_import_rows_tenant ON member_import_rows
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY invitations_tenant ON invitations
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());

ALTER TABLE join_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE join_requests FORCE ROW LEVEL SECURITY;
CREATE POLICY join_requests_tenant ON join_requests
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
-- A requester sees their own requests from their account scope ("your request is pending").
CREATE POLICY join_requests_own ON join_requests FOR SELECT
  USING (app_network_id() IS NULL AND account_id = app_account_id());

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY audit_log_tenant ON audit_log
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
