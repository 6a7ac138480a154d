-- Surveys (アンケート, issue 6, decision 0018): a builder's questions, sent to a fixed list of
-- recipients (an event's attendees, a room's members, or the whole network), answered once each;
-- results, CSV, and the satisfaction survey sent automatically after an event.
--
-- Anonymous means the admins cannot learn who answered what: an anonymous survey's responses
-- carry no member, no account and no time (random ids, no created_at: nothing orders them), and
-- the database refuses one that does (the FOREIGN KEY on `anonymous` and the CHECK below). Who
-- still has to answer is the recipients' `responded` flag, which has no time either.

CREATE TABLE surveys (
  -- The network that sends it (for an event's survey: the event's host network).
  network_id uuid NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
  anonymous boolean NOT NULL,
  audience text NOT NULL CHECK (audience IN ('event', 'room', 'network')),
  event_id uuid,
  room_id uuid,
  -- 'event_satisfaction': the survey sent automatically after an event (one per event); its title
  -- and questions are shown in the reader's language while they are the preset ones.
  preset text CHECK (preset IN ('event_satisfaction')),
  -- null: a draft (no recipients yet).
  sent_at timestamptz,
  closes_at timestamptz,
  -- Closed by hand before closes_at.
  closed_at timestamptz,
  -- The one reminder to those who have not answered went out (job finished).
  reminded_at timestamptz,
  created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (network_id, id),
  -- The target of the responses' foreign key that keeps anonymous responses anonymous.
  UNIQUE (network_id, id, anonymous),
  CHECK ((audience = 'event') = (event_id IS NOT NULL)),
  CHECK ((audience = 'room') = (room_id IS NOT NULL)),
  CHECK (preset IS NULL OR audience = 'event'),
  FOREIGN KEY (network_id, event_id) REFERENCES network_events (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, room_id) REFERENCES rooms (network_id, id)
);
CREATE INDEX surveys_network_idx ON surveys (network_id, created_at DESC, id);
CREATE INDEX surveys_event_idx ON surveys (network_id, event_id) WHERE event_id IS NOT NULL;
-- The automatic satisfaction survey exists once per event, however often its job runs.
CREATE UNIQUE INDEX surveys_event_satisfaction_key ON surveys (network_id, event_id) WHERE preset = 'event_satisfaction';

CREATE TABLE survey_questions (
  network_id uuid NOT NULL,
  survey_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  position smallint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'rating', 'nps', 'text')),
  label text NOT NULL CHECK (char_length(label) BETWEEN 1 AND 200),
  options text[] NOT NULL DEFAULT '{}',
  required boolean NOT NULL DEFAULT false,
  -- The preset question this is ('satisfaction', 'recommend', 'comments'), shown in the reader's language.
  preset text,
  PRIMARY KEY (network_id, id),
  UNIQUE (network_id, survey_id, position),
  -- The answers' foreign key: an answer belongs to a question of its own survey.
  UNIQUE (network_id, survey_id, id),
  CHECK ((kind IN ('single', 'multiple')) = (cardinality(options) >= 2)),
  FOREIGN KEY (network_id, survey_id) REFERENCES surveys (network_id, id) ON DELETE CASCADE
);

-- Who the survey was sent to, fixed when it is sent. A co-host network's attendee is a recipient
-- as a member of their own network (member_network_id), and answers under that network's path.
CREATE TABLE survey_recipients (
  network_id uuid NOT NULL,
  survey_id uuid NOT NULL,
  member_network_id uuid NOT NULL,
  member_id uuid NOT NULL,
  account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- No time on purpose: a time here would line responses up with people.
  responded boolean NOT NULL DEFAULT false,
  -- The request mail and the one reminder went out (each written with its mail, so never twice).
  invited boolean NOT NULL DEFAULT false,
  reminded boolean NOT NULL DEFAULT false,
  PRIMARY KEY (network_id, survey_id, account_id),
  FOREIGN KEY (network_id, survey_id) REFERENCES surveys (network_id, id) ON DELETE CASCADE,
  FOREIGN KEY (member_network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE CASCADE
);
CREATE INDEX survey_recipients_member_idx ON survey_recipients (member_network_id, account_id);
CREATE INDEX survey_recipients_pending_idx ON survey_recipients (network_id, survey_id) WHERE NOT responded;

CREATE TABLE survey_responses (
  network_id uuid NOT NULL,
  survey_id uuid NOT NULL,
  -- Random (v4): its order says nothing about when.
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  anonymous boolean NOT NULL,
  -- Named surveys only.
  member_network_id uuid,
  member_id uuid,
  account_id uuid REFERENCES accounts (id) ON DELETE SET NULL,
  submitted_at timestamptz,
  PRIMARY KEY (network_id, id),
  UNIQUE (network_id, survey_id, id),
  FOREIGN KEY (network_id, survey_id, anonymous) REFERENCES surveys (network_id, id, anonymous) ON DELETE CASCADE,
  FOREIGN KEY (member_network_id, member_id) REFERENCES memberships (network_id, id) ON DELETE SET NULL (member_network_id, member_id),
  CHECK (NOT anonymous OR (member_network_id IS NULL AND member_id IS NULL AND account_id IS NULL AND submitted_at IS NULL)),
  CHECK (anonymous OR submitted_at IS NOT NULL)
);
-- One response per person for named surveys (anonymous ones rely on survey_recipients.responded).
CREATE UNIQUE INDEX survey_responses_account_key ON survey_responses (network_id, survey_id, account_id) WHERE account_id IS NOT NULL;

-- One row per answered question: the options chosen (indexes into the question's options), the
-- score (1–5 rating, 0–10 NPS) or the text.
CREATE TABLE survey_answers (
  network_id uuid NOT NULL,
  survey_id uuid NOT NULL,
  response_id uuid NOT NULL,
  question_id uuid NOT NULL,
  choices smallint[],
  score smallint,
  text text CHECK (char_length(text) <= 2000),
  PRIMARY KEY (network_id, response_id, question_id),
  FOREIGN KEY (network_id, survey_id, response_id) REFERENCES survey_responses (network_id, survey_id, id) ON DELETE CASCADE,
  FOREIGN KEY (network_id, survey_id, question_id) REFERENCES survey_questions (network_id, survey_id, id) ON DELETE CASCADE,
  CHECK (num_nonnulls(choices, score, text) = 1),
  CHECK (score IS NULL OR score BETWEEN 0 AND 10)
);
CREATE INDEX survey_answers_question_idx ON survey_answers (network_id, question_id);

-- Row-level security. The sending network's scope sees and changes its surveys. Another
-- network's scope (a co-host of the event) sees a survey and its questions only where the
-- signed-in account is a recipient as a member of that network, updates only its own members'
-- recipient rows, and adds responses for the signed-in account only; it never reads responses.
CREATE FUNCTION app_survey_recipient(host uuid, survey uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM survey_recipients r
    WHERE r.network_id = host AND r.survey_id = survey
      AND r.member_network_id = app_network_id() AND r.account_id = app_account_id())
$$;

ALTER TABLE surveys ENABLE ROW LEVEL SECURITY;
ALTER TABLE surveys FORCE ROW LEVEL SECURITY;
CREATE POLICY surveys_tenant ON surveys
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY surveys_recipient_read ON surveys FOR SELECT
  USING (app_survey_recipient(network_id, id));

ALTER TABLE survey_questions ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_questions FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_questions_tenant ON survey_questions
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY survey_questions_recipient_read ON survey_questions FOR SELECT
  USING (app_survey_recipient(network_id, survey_id));

ALTER TABLE survey_recipients ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_recipients FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_recipients_tenant ON survey_recipients
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY survey_recipients_own_read ON survey_recipients FOR SELECT
  USING (member_network_id = app_network_id() AND account_id = app_account_id());
CREATE POLICY survey_recipients_own_update ON survey_recipients FOR UPDATE
  USING (member_network_id = app_network_id() AND account_id = app_account_id())
  WITH CHECK (member_network_id = app_network_id() AND account_id = app_account_id());

ALTER TABLE survey_responses ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_responses FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_responses_tenant ON survey_responses
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY survey_responses_recipient_insert ON survey_responses FOR INSERT
  WITH CHECK (
    app_survey_recipient(network_id, survey_id)
    AND (anonymous OR (member_network_id = app_network_id() AND account_id = app_account_id()))
  );

ALTER TABLE survey_answers ENABLE ROW LEVEL SECURITY;
ALTER TABLE survey_answers FORCE ROW LEVEL SECURITY;
CREATE POLICY survey_answers_tenant ON survey_answers
  USING (network_id = app_network_id() OR app_is_system())
  WITH CHECK (network_id = app_network_id() OR app_is_system());
CREATE POLICY survey_answers_recipient_insert ON survey_answers FOR INSERT
  WITH CHECK (app_survey_recipient(network_id, survey_id));
