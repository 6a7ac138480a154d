// Server-side texts: error messages and field messages in the caller's language.
// Mail texts live beside the mail templates (mail/templates.ts).
import type { ErrorCode } from "../../../shared/errors.ts";
import type { Locale } from "../../../shared/limits.ts";

const errorMessages: Record<ErrorCode, Record<Locale, string>> = {
  validation_failed: { ja: "入力内容を確認してください。", en: "Please check what you entered." },
  unauthenticated: { ja: "サインインしてください。", en: "Please sign in." },
  forbidden: { ja: "この操作を行う権限がありません。", en: "You are not allowed to do this." },
  not_found: { ja: "見つかりませんでした。", en: "Not found." },
  conflict: { ja: "すでに使われています。", en: "This is already taken." },
  rate_limited: {
    ja: "試行回数が多すぎます。しばらく待ってからもう一度お試しください。",
    en: "Too many attempts. Please wait and try again.",
  },
  csrf_failed: {
    ja: "リクエストを確認できませんでした。ページを再読み込みしてください。",
    en: "The request could not be verified. Please reload the page.",
  },
  invalid_credentials: { ja: "メールアドレスまたはパスワードが正しくありません。", en: "The email address or password is incorrect." },
  invalid_token: { ja: "このリンクは無効か、期限切れか、すでに使われています。", en: "This link is invalid, expired or already used." },
  payload_too_large: { ja: "ファイルが大きすぎます。", en: "The file is too large." },
  unsupported_media_type: { ja: "この形式のファイルには対応していません。", en: "This file type is not supported." },
  internal_error: { ja: "問題が発生しました。時間をおいてもう一度お試しください。", en: "Something went wrong. Please try again later." },
  invitation_expired: {
    ja: "この招待の有効期限が切れています。招待した事務局に再送を依頼してください。",
    en: "This invitation has expired. Ask the admins who invited you to send it again.",
  },
  invitation_revoked: {
    ja: "この招待は取り消されています。心当たりがない場合は事務局にお問い合わせください。",
    en: "This invitation was withdrawn. Contact the network's admins if you think this is a mistake.",
  },
  invitation_used: {
    ja: "この招待はすでに使われています。サインインしてください。",
    en: "This invitation has already been used. Please sign in.",
  },
  invitation_other_network: {
    ja: "この招待は別のネットワークのものです。メールのリンクをそのまま開いてください。",
    en: "This invitation belongs to another network. Open the link from the mail as it is.",
  },
  terms_changed: {
    ja: "目的・参加条件・行動指針が更新されました。内容を確認してからもう一度同意してください。",
    en: "The purpose, eligibility or code of conduct changed. Please read them again and accept.",
  },
};

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return errorMessages[code][locale];
}

/** Field messages that are not zod's own (zod's come localised from its locale packs). */
const fieldMessages = {
  email_taken: { ja: "このメールアドレスはすでに登録されています。", en: "This email address is already registered." },
  slug_taken: { ja: "このスラッグはすでに使われています。", en: "This slug is already in use." },
  wrong_password: { ja: "パスワードが正しくありません。", en: "The password is incorrect." },
  last_operator: { ja: "唯一の運営アカウントは削除できません。", en: "The only operator account cannot be deleted." },
  last_admin: { ja: "最後の事務局メンバーの役割は変更できません。", en: "The last admin's role cannot be changed." },
  file_required: { ja: "ファイルを選んでください。", en: "Choose a file." },
  not_an_image: { ja: "画像ファイル（PNG・JPEG・WebP・GIF）を選んでください。", en: "Choose an image (PNG, JPEG, WebP or GIF)." },
  unknown_time_zone: { ja: "タイムゾーンが正しくありません。", en: "Unknown time zone." },
  unknown_location: { ja: "都道府県または国を一覧から選んでください。", en: "Choose a prefecture or country from the list." },
  url_format: { ja: "http:// または https:// で始まるURLを入力してください。", en: "Enter a URL that starts with http:// or https://." },
  slug_format: { ja: "半角の英小文字・数字・ハイフンで入力してください。", en: "Use lower-case letters, digits and hyphens." },
  invalid_cursor: { ja: "ページの指定が正しくありません。", en: "Invalid page cursor." },
  invalid_body: { ja: "リクエストの形式が正しくありません。", en: "The request body could not be read." },
  setup_token: { ja: "セットアップトークンが正しくありません。", en: "The setup token is incorrect." },
  already_member: { ja: "すでにこのネットワークのメンバーです。", en: "Already a member of this network." },
  already_invited: {
    ja: "このアドレスはすでに招待済みです。招待一覧から再送できます。",
    en: "This address has already been invited. You can resend it from the invitations list.",
  },
  previously_removed: {
    ja: "このアドレスの方は以前に除名されています。再参加はメンバー管理から行ってください。",
    en: "This person was removed earlier. Let them back in from member management.",
  },
  last_admin_leave: {
    ja: "最後の事務局メンバーは退会・除名できません。先に別のメンバーを事務局にしてください。",
    en: "The last admin cannot leave or be removed. Make someone else an admin first.",
  },
  not_yourself: {
    ja: "自分自身には行えません。退会はネットワークの設定から行えます。",
    en: "You can't do this to yourself; leave the network instead.",
  },
  not_inactive: { ja: "このメンバーは参加中です。", en: "This member is already active." },
  supporter_alumni_only: {
    ja: "アルムナイサポーターに任命できるのは、参加中のアルムナイだけです。",
    en: "Only active alumni members can be appointed supporters.",
  },
  report_self: { ja: "自分自身は通報できません。", en: "You can't report yourself." },
  report_closed: { ja: "この通報はすでに対応済みです。", en: "This report has already been dealt with." },
  member_report_action: {
    ja: "メンバーへの通報は「対応しない」で閉じてください。除名はメンバー管理から行えます。",
    en: "Close a report about a member without action; remove members from member management.",
  },
  message_hide: { ja: "メッセージは非表示にできません。削除してください。", en: "Messages can't be hidden; delete it instead." },
  invitation_closed: { ja: "この招待はもう変更できません。", en: "This invitation can no longer be changed." },
  request_pending: {
    ja: "参加申請はすでに受け付けています。事務局の返答をお待ちください。",
    en: "Your request is already waiting for the admins.",
  },
  request_decided: { ja: "この申請はすでに処理されています。", en: "This request has already been decided." },
  join_closed: { ja: "このネットワークは招待制です。", en: "This network is by invitation only." },
  csv_empty_file: { ja: "ファイルが空です。", en: "The file is empty." },
  csv_header_only: { ja: "見出し行しかありません。データの行を入れてください。", en: "The file has a header row but no data rows." },
  csv_not_csv: { ja: "CSVファイルとして読み取れません。", en: "This doesn't look like a CSV file." },
  csv_xlsx: {
    ja: "Excelファイル（.xlsx）はそのまま読み込めません。Excelで「CSV（コンマ区切り）」として保存してからアップロードしてください。",
    en: "Excel files (.xlsx) can't be read directly. Save it from Excel as “CSV (Comma delimited)” and upload that.",
  },
  csv_undecodable: {
    ja: "文字コードを判別できません。UTF-8 または Shift_JIS で保存してください。",
    en: "The text encoding could not be read. Save the file as UTF-8 or Shift_JIS.",
  },
  csv_unterminated_quote: {
    ja: '引用符（"）が閉じられていない箇所があります。',
    en: 'A quoted field is never closed (a missing ").',
  },
  csv_too_many_rows: {
    ja: "行数が多すぎます（最大 50,000 行）。ファイルを分けてください。",
    en: "Too many rows (at most 50,000). Split the file.",
  },
  mapping_required: {
    ja: "氏名とメールアドレスの列を選んでください。",
    en: "Choose the columns for name and email address.",
  },
  mapping_column: { ja: "存在しない列が選ばれています。", en: "A chosen column doesn't exist in the file." },
  import_state: { ja: "この取り込みは現在の状態では実行できません。", en: "This import can't do that in its current state." },
  room_order_stale: {
    ja: "ルームの一覧が変わりました。再読み込みしてから並べ替えてください。",
    en: "The rooms changed meanwhile. Reload and order them again.",
  },
  room_not_private: { ja: "メンバーを指定できるのは非公開ルームだけです。", en: "Only private rooms have a member list." },
  room_member_unknown: { ja: "このネットワークに参加中のメンバーではありません。", en: "Not an active member of this network." },
  body_empty: { ja: "本文を入力するか、画像を添付してください。", en: "Write something or attach an image." },
  image_too_large: {
    ja: "画像の画素数が大きすぎます（4000万画素まで）。小さくしてからもう一度お試しください。",
    en: "The image has too many pixels (40 megapixels at most). Make it smaller and try again.",
  },
  image_duplicate: { ja: "同じ画像が2回指定されています。", en: "The same image is listed twice." },
  image_unavailable: {
    ja: "添付できない画像が含まれています。もう一度アップロードしてください。",
    en: "One of the images can't be attached. Upload it again.",
  },
  stamp_name_format: {
    ja: "半角の英小文字・数字・アンダースコア（32文字まで）で入力してください。",
    en: "Use lower-case letters, digits and underscores (up to 32).",
  },
  stamp_name_taken: { ja: "この名前のスタンプはすでにあります。", en: "A stamp with this name already exists." },
  stamp_name_standard: { ja: "標準のスタンプと同じ名前は使えません。", en: "This name belongs to a standard stamp." },
  stamp_unknown: { ja: "このスタンプはありません。", en: "There is no such stamp." },
  stamp_archived: { ja: "このスタンプはアーカイブされています。", en: "This stamp has been archived." },
  pin_limit: {
    ja: "ピン留めできる投稿は1つのルームにつき5件までです。",
    en: "A room can have at most 5 pinned posts.",
  },
  dm_not_accepted: {
    ja: "この方には現在メッセージを送れません。",
    en: "You can't send messages to this person at the moment.",
  },
  dm_self: { ja: "自分自身にはメッセージを送れません。", en: "You can't start a conversation with yourself." },
  group_size: {
    ja: "グループは自分を含めて3人から50人までです。",
    en: "A group has 3 to 50 members, you included.",
  },
  group_full: { ja: "グループのメンバーは50人までです。", en: "A group can have at most 50 members." },
  block_self: { ja: "自分自身はブロックできません。", en: "You can't block yourself." },
  date_future: { ja: "今日より後の日付は指定できません。", en: "The date can't be in the future." },
  years_order: { ja: "終わりの年は始まりの年と同じか、それより後にしてください。", en: "The end year can't be before the start year." },
  event_ends_before_start: { ja: "終了日時は開始日時より後にしてください。", en: "The end must be after the start." },
  event_deadline_after_start: { ja: "申込締切は開始日時より前にしてください。", en: "The registration deadline must be before the start." },
  event_venue_required: {
    ja: "会場名を入力してください（オンラインのみの場合は種類を「オンライン」に）。",
    en: "Enter the venue (or make the event online only).",
  },
  event_room_not_postable: { ja: "告知できるルームを選んでください。", en: "Choose a room you can post in." },
  event_room_required: {
    ja: "レポートを投稿するには、イベントに告知ルームを設定してください。",
    en: "Set the event's room first: the report is posted there.",
  },
  event_unknown_series: { ja: "シリーズが見つかりません。", en: "Unknown series." },
  event_unknown_member: { ja: "このネットワークの参加中のメンバーを選んでください。", en: "Choose active members of this network." },
  event_not_an_organizer: {
    ja: "運営者にできるのは事務局と、イベント運営を許可されたサポーターです。",
    en: "Organisers must be admins or supporters allowed to organise events.",
  },
  event_not_a_supporter: {
    ja: "イベント運営を許可できるのはアルムナイサポーターだけです。",
    en: "Only supporters can be allowed to organise events.",
  },
  event_capacity_below_registered: {
    ja: "定員は参加確定の人数より少なくできません。",
    en: "The capacity can't be below the number already confirmed.",
  },
  event_choice_options: { ja: "選択式の質問には選択肢を2つ以上入れてください。", en: "A choice question needs at least two options." },
  event_unknown_question: { ja: "このイベントにない質問です。", en: "This event has no such question." },
  event_answer_required: { ja: "この質問は回答必須です。", en: "This question needs an answer." },
  event_answer_kind: { ja: "この質問に合った形式で回答してください。", en: "This answer doesn't fit the question." },
  event_unknown_option: { ja: "選択肢にない回答です。", en: "This is not one of the options." },
  event_cancelled: { ja: "このイベントは中止されました。", en: "This event was cancelled." },
  event_closed_cancelled: {
    ja: "このイベントは中止されたため、参加登録できません。",
    en: "The event was cancelled: registration is closed.",
  },
  event_closed_started: {
    ja: "イベントが始まったため、参加登録は締め切られました。",
    en: "The event has started: registration is closed.",
  },
  event_closed_deadline: { ja: "申込締切を過ぎました。", en: "The registration deadline has passed." },
  event_closed_not_in_audience: { ja: "このイベントは参加対象外です。", en: "This event is not open to you." },
  event_registered_elsewhere: {
    ja: "別のネットワークからすでに参加登録しています。",
    en: "You are already registered through another network.",
  },
  event_not_confirmed: { ja: "キャンセル待ちの方です。参加確定ではありません。", en: "This person is on the waitlist, not confirmed." },
  event_registration_cancelled: { ja: "この参加登録はキャンセルされています。", en: "This registration was cancelled." },
  event_unknown_network: { ja: "そのアドレス名のネットワークはありません。", en: "No network has this address name." },
  event_cohost_self: { ja: "自分のネットワークは共催に加えられません。", en: "Your own network can't be a co-host." },
  survey_choice_options: { ja: "選択肢を2つ以上入力してください。", en: "Give at least two options." },
  survey_option_duplicate: { ja: "同じ選択肢が2回あります。", en: "An option is listed twice." },
  survey_closes_past: { ja: "締め切りは現在より後の日時にしてください。", en: "The closing time must be in the future." },
  survey_event_unknown: {
    ja: "このイベントのアンケートは作成できません（主催ネットワークの事務局とイベントの運営者だけが作成できます）。",
    en: "You can't create a survey for this event (only the host network's admins and the event's organisers can).",
  },
  survey_room_unknown: {
    ja: "このネットワークの、アーカイブされていないルームを選んでください。",
    en: "Choose a room of this network that isn't archived.",
  },
  survey_no_recipients: { ja: "送信先のメンバーがいません。", en: "Nobody would receive it: the audience has no members." },
  survey_not_draft: { ja: "送信済みのアンケートは変更できません。", en: "A survey that has been sent can't be changed." },
  survey_not_sent: { ja: "まだ送信していないアンケートです。", en: "This survey hasn't been sent yet." },
  survey_closed: { ja: "このアンケートは締め切られました。", en: "This survey is closed." },
  survey_already_answered: { ja: "このアンケートにはすでに回答しています。", en: "You have already answered this survey." },
  survey_question_unknown: { ja: "このアンケートにない質問です。", en: "This survey has no such question." },
  survey_answer_required: { ja: "この質問は回答必須です。", en: "This question needs an answer." },
  survey_answer_type: { ja: "この質問に合った形式で回答してください。", en: "This answer doesn't fit the question." },
  survey_rating_range: { ja: "1〜5の整数で回答してください。", en: "Answer with a whole number from 1 to 5." },
  survey_nps_range: { ja: "0〜10の整数で回答してください。", en: "Answer with a whole number from 0 to 10." },
  survey_option_unknown: { ja: "選択肢にない回答です。", en: "This is not one of the options." },
} satisfies Record<string, Record<Locale, string>>;

export type FieldMessage = keyof typeof fieldMessages;

export function fieldMessage(key: FieldMessage, locale: Locale): string {
  return fieldMessages[key][locale];
}

export function pickLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return "ja";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "ja";
}

export const isFieldMessage = (key: string): key is FieldMessage => key in fieldMessages;

/** Services name field messages by key; the HTTP layer translates them here. */
export function translateField(value: string, locale: Locale): string {
  return value in fieldMessages ? fieldMessage(value as FieldMessage, locale) : value;
}
