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
  slug_format: { ja: "半角の英小文字・数字・ハイフンで入力してください。", en: "Use lower-case letters, digits and hyphens." },
  invalid_cursor: { ja: "ページの指定が正しくありません。", en: "Invalid page cursor." },
  invalid_body: { ja: "リクエストの形式が正しくありません。", en: "The request body could not be read." },
  setup_token: { ja: "セットアップトークンが正しくありません。", en: "The setup token is incorrect." },
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
