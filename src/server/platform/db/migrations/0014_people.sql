-- People (issue 5, decision 0016): the global profile of a person, their profile at each
-- company, and what the directory, search and "people you may know" read.

-- The avatar sits on the account, beside the display name, so every list that shows an author
-- gets it without another join.
ALTER TABLE accounts ADD COLUMN avatar_key text;

-- The person, the same in every network. Each field's visibility is in `visibility`
-- ({"company": "alumni", …}; a missing field is visible to every member). Name, reading and
-- avatar are always visible to members; email never is.
CREATE TABLE profiles (
  account_id uuid PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  name_reading text NOT NULL DEFAULT '',
  headline text NOT NULL DEFAULT '',
  company text NOT NULL DEFAULT '',
  position text NOT NULL DEFAULT '',
  industry text,
  -- 'JP-13' (a prefecture, ISO 3166-2) or 'US' (a country, ISO 3166-1 alpha-2)
  location text,
  career jsonb NOT NULL DEFAULT '[]',
  skills text[] NOT NULL DEFAULT '{}',
  interests text[] NOT NULL DEFAULT '{}',
  links jsonb NOT NULL DEFAULT '[]',
  languages text[] NOT NULL DEFAULT '{}',
  visibility jsonb NOT NULL DEFAULT '{}',
  -- The yearly "is this still current?" answer.
  confirmed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The person at one company: what they state, with its visibility, and what the directory reads,
-- rebuilt by the app from the profile, this row and the membership (people/profile-index.ts).
CREATE TABLE member_profiles (
  network_id uuid NOT NULL,
  member_id uuid NOT NULL,
  account_id uuid NOT NULL,
  join_year integer CHECK (join_year BETWEEN 1900 AND 2100),
  leave_year integer CHECK (leave_year BETWEEN 1900 AND 2100),
  -- [{department, position, fromYear, toYear}]
  departments jsonb NOT NULL DEFAULT '[]',
  employment_type text,
  open_to text[] NOT NULL DEFAULT '{}',
  visibility jsonb NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Rebuilt: the reading (or the name) normalised, for あいうえお order.
  sort_reading text COLLATE "C" NOT NULL DEFAULT '',
  -- Rebuilt: the leave year shown to members / alumni / admins (null when hidden), for sorting.
  leave_year_1 integer,
  leave_year_2 integer,
  leave_year_3 integer,
  -- Rebuilt: 'industry:it@1' — a filterable value and the lowest viewer level that sees it
  -- (1 members, 2 alumni, 3 admins).
  facets text[] NOT NULL DEFAULT '{}',
  -- Rebuilt: name and reading, normalised (ranking: a hit in the name comes first).
  search_name text NOT NULL DEFAULT '',
  -- Rebuilt: the tokens of name and reading alone, so a search finds name hits first, fast.
  name_vector tsvector NOT NULL DEFAULT ''::tsvector,
  -- Rebuilt: what each viewer level may find the member by (cumulative), decision 0009's columns.
  search_text_1 text NOT NULL DEFAULT '',
  search_vector_1 tsvector NOT NULL DEFAULT ''::tsvector,
  search_text_2 text NOT NULL DEFAULT '',
  search_vector_2 tsvector NOT NULL DEFAULT ''::tsvector,
  search_text_3 text NOT NULL DEFAULT '',
  search_vector_3 tsvector NOT NULL DEFAULT ''::tsvector,
  PRIMARY KEY (network_id, member_id),
  FOREIGN KEY (network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX member_profiles_reading_idx ON member_profiles (network_id, sort_reading, member_id);
CREATE INDEX member_profiles_account_idx ON member_profiles (account_id);
CREATE INDEX member_profiles_name_idx ON member_profiles USING gin (name_vector) WITH (fastupdate = off);
CREATE INDEX member_profiles_search_1_idx ON member_profiles USING gin (search_vector_1) WITH (fastupdate = off);
CREATE INDEX member_profiles_search_2_idx ON member_profiles USING gin (search_vector_2) WITH (fastupdate = off);
CREATE INDEX member_profiles_search_3_idx ON member_profiles USING gin (search_vector_3) WITH (fastupdate = off);

-- Rebuilt: the values "people you may know" looks others up by ('dept:えいぎょうほんぶ',
-- 'join:2012', 'skill:aws', 'interest:…'), with the years a department was held. A b-tree, so
-- the lookup uses its index under row-level security (text equality is leakproof).
CREATE TABLE member_facets (
  network_id uuid NOT NULL,
  member_id uuid NOT NULL,
  facet text NOT NULL,
  ord smallint NOT NULL,
  level smallint NOT NULL,
  label text NOT NULL,
  from_year integer,
  to_year integer,
  PRIMARY KEY (network_id, member_id, facet, ord),
  FOREIGN KEY (network_id, member_id) REFERENCES member_profiles (network_id, member_id) ON DELETE CASCADE
);
CREATE INDEX member_facets_lookup_idx ON member_facets (network_id, facet, member_id);

ALTER TABLE member_profiles ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_profiles FORCE ROW LEVEL SECURITY;
CREATE POLICY member_profiles_tenant ON member_profiles
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
-- A person's own rows in every network, outside a tenant scope (editing the global profile).
CREATE POLICY member_profiles_own ON member_profiles
  USING (app_network_id() IS NULL AND account_id = app_account_id())
  WITH CHECK (app_network_id() IS NULL AND account_id = app_account_id());

ALTER TABLE member_facets ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_facets FORCE ROW LEVEL SECURITY;
CREATE POLICY member_facets_tenant ON member_facets
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY member_facets_own ON member_facets
  USING (app_network_id() IS NULL AND EXISTS (
    SELECT 1 FROM member_profiles mp
    WHERE mp.network_id = member_facets.network_id AND mp.member_id = member_facets.member_id
      AND mp.account_id = app_account_id()))
  WITH CHECK (app_network_id() IS NULL AND EXISTS (
    SELECT 1 FROM member_profiles mp
    WHERE mp.network_id = member_facets.network_id AND mp.member_id = member_facets.member_id
      AND mp.account_id = app_account_id()));

-- Recently active, for the directory's sort.
CREATE INDEX memberships_active_idx ON memberships (network_id, last_active_at DESC NULLS LAST, id);
