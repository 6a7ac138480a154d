// Kysely's view of the tables. Keep in step with migrations/*.sql.
import type { ColumnType, Generated, GeneratedAlways, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface AccountsTable {
  id: Generated<string>;
  email: string;
  email_verified_at: NullableTimestamp;
  password_hash: string | null;
  display_name: string;
  /** Stored avatar (storage key under avatars/), square WebP without metadata. */
  avatar_key: Generated<string | null>;
  locale: "ja" | "en";
  time_zone: Generated<string>;
  is_operator: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  id: Generated<string>;
  account_id: string;
  token_hash: string;
  csrf_token: string;
  user_agent: string | null;
  ip: string | null;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface AccountTokensTable {
  id: Generated<string>;
  account_id: string;
  purpose: "verify_email" | "reset_password";
  token_hash: string;
  email: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface NetworksTable {
  id: Generated<string>;
  slug: string;
  name: string;
  kind: "company" | "volunteer";
  logo_key: string | null;
  purpose: Generated<string>;
  eligibility: Generated<string>;
  code_of_conduct: Generated<string>;
  terms_version: Generated<number>;
  join_requests_open: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipsTable {
  network_id: string;
  id: Generated<string>;
  account_id: string;
  role: "admin" | "employee" | "alumni";
  status: "invited" | "active" | "left" | "removed";
  joined_at: NullableTimestamp;
  left_at: NullableTimestamp;
  hr_name: string | null;
  hr_join_year: number | null;
  hr_leave_year: number | null;
  hr_department: string | null;
  terms_version: number | null;
  terms_accepted_at: NullableTimestamp;
  last_active_at: NullableTimestamp;
  removed_reason: string | null;
  invitation_id: string | null;
  /** Who may start a direct message with this member (migrations/0006_messages.sql). */
  dm_policy: Generated<"everyone" | "contacts" | "nobody">;
  /** Appointed アルムナイサポーター since (null: not a supporter). */
  supporter_since: NullableTimestamp;
  /** A supporter an admin allowed to organise events (migrations/0015_events.sql). */
  organizes_events: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

type Role = "admin" | "employee" | "alumni";

export interface MemberImportsTable {
  network_id: string;
  id: Generated<string>;
  created_by: string | null;
  filename: string;
  encoding: string;
  source: string | null;
  headers: ColumnType<string[], string, string>;
  sample_rows: ColumnType<string[][], string | undefined, string>;
  mapping: ColumnType<Record<string, number>, string, string>;
  default_role: Generated<Role>;
  note: Generated<string>;
  status: Generated<"uploaded" | "previewed" | "importing" | "done">;
  total_rows: number;
  ok_rows: Generated<number>;
  problem_counts: ColumnType<Record<string, number>, string | undefined, string>;
  processed_rows: Generated<number>;
  invited_rows: Generated<number>;
  created_at: Generated<Date>;
  started_at: NullableTimestamp;
  finished_at: NullableTimestamp;
}

export interface MemberImportRowsTable {
  network_id: string;
  import_id: string;
  row_number: number;
  name: string | null;
  email: string | null;
  role: Role | null;
  join_year: number | null;
  leave_year: number | null;
  department: string | null;
  problems: Generated<string[]>;
  outcome: "invited" | "skipped" | null;
}

export interface InvitationsTable {
  network_id: string;
  id: Generated<string>;
  email: string;
  name: Generated<string>;
  role: Role;
  note: Generated<string>;
  locale: Generated<"ja" | "en">;
  token_hash: string;
  status: Generated<"pending" | "accepted" | "revoked">;
  invited_by: string | null;
  import_id: string | null;
  hr_join_year: number | null;
  hr_leave_year: number | null;
  hr_department: string | null;
  send_count: Generated<number>;
  sent_at: Generated<Date>;
  opened_at: NullableTimestamp;
  expires_at: Timestamp;
  accepted_at: NullableTimestamp;
  accepted_by: string | null;
  created_at: Generated<Date>;
}

export interface JoinRequestsTable {
  network_id: string;
  id: Generated<string>;
  account_id: string;
  message: Generated<string>;
  terms_version: number;
  status: Generated<"pending" | "approved" | "declined">;
  reply: Generated<string>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  network_id: string;
  id: Generated<string>;
  actor_account_id: string | null;
  actor_name: string;
  action: string;
  subject_name: Generated<string>;
  subject_id: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
}

export interface MailOutboxTable {
  id: Generated<string>;
  to_address: string;
  locale: "ja" | "en";
  kind: string;
  subject: string;
  text_body: string;
  html_body: string;
  status: Generated<"queued" | "sent" | "failed" | "kept">;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Generated<Date>;
  sent_at: NullableTimestamp;
  /** Extra header lines sent as they are (List-Unsubscribe: migrations/0008_notifications.sql). */
  headers: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface JobsTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<unknown, string, string>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  done_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface RateLimitsTable {
  key: string;
  window_start: Timestamp;
  hits: number;
}

export interface PlatformSettingsTable {
  key: string;
  value: string;
  updated_at: Generated<Date>;
}

/** Real-time events, one row per recipient (migrations/0003_events.sql, platform/realtime/). */
export interface EventsTable {
  id: GeneratedAlways<number>;
  /** The inserting transaction's id (xid8, as text): with `id` the stream order and replay cursor. */
  xid: GeneratedAlways<string>;
  account_id: string;
  network_id: string | null;
  kind: string;
  payload: ColumnType<unknown, string | undefined, never>;
  created_at: Generated<Date>;
}

/** Accounts with a realtime socket now or lately, per app process (migrations/0010_presence.sql, platform/realtime/presence.ts). */
export interface RealtimePresenceTable {
  account_id: string;
  instance_id: string;
  sockets: number;
  since: Generated<Date>;
  seen_at: Generated<Date>;
}

export interface SchemaMigrationsTable {
  version: string;
  applied_at: Generated<Date>;
}

export interface RoomsTable {
  network_id: string;
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  kind: "open" | "private" | "announcement";
  audience: Generated<"everyone" | "alumni" | "employees">;
  position: Generated<number>;
  default_key: "announcements" | "casual" | "introductions" | null;
  archived_at: NullableTimestamp;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RoomMembersTable {
  network_id: string;
  room_id: string;
  member_id: string;
  added_by: string | null;
  created_at: Generated<Date>;
}

export interface RoomSubscriptionsTable {
  network_id: string;
  room_id: string;
  member_id: string;
  muted: Generated<boolean>;
  last_read_at: NullableTimestamp;
  updated_at: Generated<Date>;
}

export interface RoomRequestsTable {
  network_id: string;
  id: Generated<string>;
  requester_id: string;
  name: string;
  description: Generated<string>;
  kind: "open" | "private";
  audience: Generated<"everyone" | "alumni" | "employees">;
  reason: Generated<string>;
  status: Generated<"pending" | "approved" | "declined">;
  reply: Generated<string>;
  room_id: string | null;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface PostsTable {
  network_id: string;
  id: Generated<string>;
  room_id: string;
  author_id: string;
  /** Markdown source (at most 10,000 characters). */
  body: string;
  /** Sanitised HTML rendered from `body` when it was written (platform/markdown). */
  body_html: string;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
  pinned_at: NullableTimestamp;
  /** Hidden by a moderator: seen by its author and the admins only. */
  hidden_at: NullableTimestamp;
  /** Why a moderator hid or deleted it, shown to the author. */
  moderation_reason: string | null;
  comment_count: Generated<number>;
  search_text: Generated<string>;
  search_vector: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CommentsTable {
  network_id: string;
  id: Generated<string>;
  post_id: string;
  author_id: string;
  body: string;
  body_html: string;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  deleted_by: string | null;
  hidden_at: NullableTimestamp;
  moderation_reason: string | null;
  search_text: Generated<string>;
  search_vector: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StampsTable {
  network_id: string;
  id: Generated<string>;
  post_id: string | null;
  comment_id: string | null;
  member_id: string;
  emoji: string;
  created_at: Generated<Date>;
}

export interface ReportsTable {
  network_id: string;
  id: Generated<string>;
  reporter_id: string;
  target_kind: "post" | "comment" | "message" | "member";
  target_id: string;
  subject_id: string | null;
  reason: "spam" | "harassment" | "inappropriate" | "privacy" | "other";
  note: Generated<string>;
  /** What the moderator needs to judge, as it was when reported (JSON). */
  context: ColumnType<unknown, string | undefined, string>;
  status: Generated<"open" | "resolved" | "dismissed">;
  resolution: "hidden" | "deleted" | "none" | null;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface ConversationsTable {
  network_id: string;
  id: Generated<string>;
  kind: "direct" | "group" | "office";
  title: string | null;
  /** direct only: the two member ids, sorted, joined by ":" (one conversation per pair). */
  pair_key: string | null;
  /** office only: the member who talks with the admins (事務局). */
  office_member_id: string | null;
  created_by: string | null;
  last_message_at: NullableTimestamp;
  /** office only: the admins' shared read state. */
  office_last_read_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ConversationMembersTable {
  network_id: string;
  conversation_id: string;
  member_id: string;
  joined_at: Generated<Date>;
  left_at: NullableTimestamp;
  last_read_at: NullableTimestamp;
  muted: Generated<boolean>;
}

export interface MessagesTable {
  network_id: string;
  id: Generated<string>;
  conversation_id: string;
  author_id: string;
  as_office: Generated<boolean>;
  body: string;
  body_html: string;
  edited_at: NullableTimestamp;
  deleted_at: NullableTimestamp;
  /** Set when an admin removed it after a report (migration 0013); shown to its author. */
  moderation_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MessageStampsTable {
  network_id: string;
  message_id: string;
  member_id: string;
  emoji: string;
  created_at: Generated<Date>;
}

export interface BlocksTable {
  network_id: string;
  blocker_id: string;
  blocked_id: string;
  created_at: Generated<Date>;
}

export interface ImagesTable {
  network_id: string;
  id: Generated<string>;
  uploader_id: string;
  post_id: string | null;
  comment_id: string | null;
  /** For direct-message attachments (no foreign key until messages exist). */
  message_id: string | null;
  position: Generated<number>;
  thumb_key: string;
  thumb_width: number;
  thumb_height: number;
  thumb_bytes: number;
  large_key: string;
  large_width: number;
  large_height: number;
  large_bytes: number;
  created_at: Generated<Date>;
}

export interface CustomStampsTable {
  network_id: string;
  id: Generated<string>;
  name: string;
  label: string;
  image_key: string;
  created_by: string | null;
  archived_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** Notifications of one member (migrations/0008_notifications.sql, src/server/notifications/). */
export interface NotificationsTable {
  network_id: string;
  id: Generated<string>;
  recipient_id: string;
  recipient_account_id: string;
  kind: "mention" | "reply" | "stamp" | "dm" | "room_request_decided" | "newcomer" | "event_promoted" | "event_changed" | "event_cancelled";
  actor_id: string | null;
  actor_ids: Generated<string[]>;
  post_id: string | null;
  comment_id: string | null;
  conversation_id: string | null;
  message_id: string | null;
  room_request_id: string | null;
  /** An event of the host network (migrations/0017_event_notifications.sql); no foreign key. */
  event_id: Generated<string | null>;
  excerpt: Generated<string>;
  group_key: string | null;
  read_at: NullableTimestamp;
  emailed_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface NotificationSettingsTable {
  network_id: string;
  member_id: string;
  email_dm: Generated<boolean>;
  email_mention: Generated<boolean>;
  digest: Generated<"auto" | "daily" | "weekly" | "off">;
  muted_kinds: Generated<string[]>;
  unsubscribe_key: Generated<string>;
  last_digest_at: NullableTimestamp;
  digest_pending_until: NullableTimestamp;
  mail_pending_until: NullableTimestamp;
  updated_at: Generated<Date>;
}

export interface DB {
  accounts: AccountsTable;
  sessions: SessionsTable;
  account_tokens: AccountTokensTable;
  networks: NetworksTable;
  memberships: MembershipsTable;
  member_imports: MemberImportsTable;
  member_import_rows: MemberImportRowsTable;
  invitations: InvitationsTable;
  join_requests: JoinRequestsTable;
  audit_log: AuditLogTable;
  mail_outbox: MailOutboxTable;
  jobs: JobsTable;
  rate_limits: RateLimitsTable;
  platform_settings: PlatformSettingsTable;
  events: EventsTable;
  realtime_presence: RealtimePresenceTable;
  schema_migrations: SchemaMigrationsTable;
  rooms: RoomsTable;
  room_members: RoomMembersTable;
  room_subscriptions: RoomSubscriptionsTable;
  room_requests: RoomRequestsTable;
  posts: PostsTable;
  comments: CommentsTable;
  stamps: StampsTable;
  notifications: NotificationsTable;
  notification_settings: NotificationSettingsTable;
  images: ImagesTable;
  custom_stamps: CustomStampsTable;
  conversations: ConversationsTable;
  conversation_members: ConversationMembersTable;
  messages: MessagesTable;
  message_stamps: MessageStampsTable;
  blocks: BlocksTable;
  reports: ReportsTable;
  profiles: ProfilesTable;
  member_profiles: MemberProfilesTable;
  member_facets: MemberFacetsTable;
  event_series: EventSeriesTable;
  network_events: NetworkEventsTable;
  event_organizers: EventOrganizersTable;
  event_invitees: EventInviteesTable;
  event_cohosts: EventCohostsTable;
  event_questions: EventQuestionsTable;
  event_seats: EventSeatsTable;
  event_waitlist: EventWaitlistTable;
  event_registrations: EventRegistrationsTable;
  event_notices: EventNoticesTable;
  calendar_feeds: CalendarFeedsTable;
  surveys: SurveysTable;
  survey_questions: SurveyQuestionsTable;
  survey_recipients: SurveyRecipientsTable;
  survey_responses: SurveyResponsesTable;
  survey_answers: SurveyAnswersTable;
}

type Json<T> = ColumnType<T, string | undefined, string>;

/** The person's profile, the same in every network (migrations/0014_people.sql). */
export interface ProfilesTable {
  account_id: string;
  name_reading: Generated<string>;
  headline: Generated<string>;
  company: Generated<string>;
  position: Generated<string>;
  industry: string | null;
  location: string | null;
  career: Json<{ company: string; role: string; fromYear: number | null; toYear: number | null }[]>;
  skills: Generated<string[]>;
  interests: Generated<string[]>;
  links: Json<{ label: string; url: string }[]>;
  languages: Generated<string[]>;
  visibility: Json<Record<string, string>>;
  confirmed_at: NullableTimestamp;
  updated_at: Generated<Date>;
}

/** The person at one company, and what the directory reads (rebuilt by people/profile-index.ts). */
export interface MemberProfilesTable {
  network_id: string;
  member_id: string;
  account_id: string;
  join_year: number | null;
  leave_year: number | null;
  departments: Json<{ department: string; position: string; fromYear: number | null; toYear: number | null }[]>;
  employment_type: string | null;
  open_to: Generated<string[]>;
  visibility: Json<Record<string, string>>;
  updated_at: Generated<Date>;
  sort_reading: Generated<string>;
  leave_year_1: number | null;
  leave_year_2: number | null;
  leave_year_3: number | null;
  facets: Generated<string[]>;
  search_name: Generated<string>;
  name_vector: Generated<string>;
  search_text_1: Generated<string>;
  search_vector_1: Generated<string>;
  search_text_2: Generated<string>;
  search_vector_2: Generated<string>;
  search_text_3: Generated<string>;
  search_vector_3: Generated<string>;
}

export interface MemberFacetsTable {
  network_id: string;
  member_id: string;
  facet: string;
  ord: number;
  level: number;
  label: string;
  from_year: number | null;
  to_year: number | null;
}

export type AccountRow = Selectable<AccountsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NetworkRow = Selectable<NetworksTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type MemberImportRow = Selectable<MemberImportsTable>;
export type JoinRequestRow = Selectable<JoinRequestsTable>;
export type ImportRowRecord = Selectable<MemberImportRowsTable>;
export type RoomRow = Selectable<RoomsTable>;
export type RoomRequestRow = Selectable<RoomRequestsTable>;
export type PostRow = Selectable<PostsTable>;
export type CommentRow = Selectable<CommentsTable>;
export type ImageRow = Selectable<ImagesTable>;
export type CustomStampRow = Selectable<CustomStampsTable>;

// Events (migrations/0015_events.sql). `network_id` is the host network throughout.
export interface EventSeriesTable {
  network_id: string;
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface NetworkEventsTable {
  network_id: string;
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  description_html: Generated<string>;
  cover_key: string | null;
  kind: "online" | "offline" | "hybrid";
  venue_name: Generated<string>;
  venue_address: Generated<string>;
  map_url: Generated<string>;
  online_url: Generated<string>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  time_zone: string;
  capacity: number | null;
  registration_deadline: NullableTimestamp;
  audience: "everyone" | "alumni" | "employees" | "invited";
  room_id: string | null;
  announcement_post_id: string | null;
  report_post_id: string | null;
  series_id: string | null;
  series_theme: Generated<string>;
  status: Generated<"published" | "cancelled">;
  cancel_reason: Generated<string>;
  sequence: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EventOrganizersTable {
  network_id: string;
  event_id: string;
  member_id: string;
  account_id: string;
}

export interface EventWaitlistTable {
  network_id: string;
  event_id: string;
  position: number;
}

export interface EventInviteesTable {
  network_id: string;
  event_id: string;
  member_id: string;
}

export interface EventCohostsTable {
  network_id: string;
  event_id: string;
  cohost_network_id: string;
  status: Generated<"invited" | "accepted" | "declined">;
  event_title: string;
  event_starts_at: Timestamp;
  event_ends_at: Timestamp;
  event_time_zone: string;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface EventQuestionsTable {
  network_id: string;
  event_id: string;
  id: Generated<string>;
  position: number;
  kind: "text" | "single" | "multiple";
  label: string;
  options: Generated<string[]>;
  required: Generated<boolean>;
}

export interface EventSeatsTable {
  network_id: string;
  event_id: string;
  capacity: number | null;
  confirmed: Generated<number>;
  waitlisted: Generated<number>;
  reserved: Generated<number>;
  next_position: Generated<number>;
}

export interface EventRegistrationsTable {
  network_id: string;
  id: Generated<string>;
  event_id: string;
  member_network_id: string;
  member_id: string;
  account_id: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  position: number;
  answers: Json<Record<string, string | string[]>>;
  ticket_code: string;
  checked_in_at: NullableTimestamp;
  checked_in_by: string | null;
  promoted_at: NullableTimestamp;
  cancelled_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EventNoticesTable {
  network_id: string;
  event_id: string;
  kind: string;
  starts_at: Timestamp;
  sent_at: Generated<Date>;
}

export interface CalendarFeedsTable {
  account_id: string;
  token_hash: string;
  created_at: Generated<Date>;
}

export type NetworkEventRow = Selectable<NetworkEventsTable>;
export type EventRegistrationRow = Selectable<EventRegistrationsTable>;

// Surveys (migrations/0016_surveys.sql). `network_id` is the sending network throughout.
export interface SurveysTable {
  network_id: string;
  id: Generated<string>;
  title: string;
  description: Generated<string>;
  anonymous: boolean;
  audience: "event" | "room" | "network";
  event_id: string | null;
  room_id: string | null;
  preset: "event_satisfaction" | null;
  sent_at: NullableTimestamp;
  closes_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  reminded_at: NullableTimestamp;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SurveyQuestionsTable {
  network_id: string;
  survey_id: string;
  id: Generated<string>;
  position: number;
  kind: "single" | "multiple" | "rating" | "nps" | "text";
  label: string;
  options: Generated<string[]>;
  required: Generated<boolean>;
  preset: string | null;
}

export interface SurveyRecipientsTable {
  network_id: string;
  survey_id: string;
  member_network_id: string;
  member_id: string;
  account_id: string;
  responded: Generated<boolean>;
  invited: Generated<boolean>;
  reminded: Generated<boolean>;
}

export interface SurveyResponsesTable {
  network_id: string;
  survey_id: string;
  id: Generated<string>;
  anonymous: boolean;
  member_network_id: string | null;
  member_id: string | null;
  account_id: string | null;
  submitted_at: NullableTimestamp;
}

export interface SurveyAnswersTable {
  network_id: string;
  survey_id: string;
  response_id: string;
  question_id: string;
  choices: number[] | null;
  score: number | null;
  text: string | null;
}

export type SurveyRow = Selectable<SurveysTable>;
export type SurveyQuestionRow = Selectable<SurveyQuestionsTable>;
