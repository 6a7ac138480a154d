// Japanese UI strings — the reference dictionary: its keys are the keys every language must have.
// Glossary: network = ネットワーク, alumni = アルムナイ, member = メンバー, operator = 運営者.

import { joinJa } from "../../join/join.ja.ts";
import { membersJa } from "../../members/members.ja.ts";
import { roomsJa } from "../../rooms/rooms.ja.ts";
import { notificationsJa } from "../../notifications/notifications.ja.ts";
import { stampsJa } from "../../stamps/stamps.ja.ts";
import { messagesJa } from "../../messages/messages.ja.ts";
import { feedJa } from "../../feed/feed.ja.ts";
import { moderationJa } from "../../moderation/moderation.ja.ts";
import { peopleJa } from "../../people/people.ja.ts";
import { directoryJa } from "../../people/directory.ja.ts";
import { eventsJa } from "../../events/events.ja.ts";
import { eventsManageJa } from "../../events/events-manage.ja.ts";
import { surveysJa } from "../../surveys/surveys.ja.ts";

export const ja = {
  "app.name": "つなぐ",
  "app.tagline": "つなぐ — 会社と、いま働く人と、卒業した人をつなぐアルムナイ・ネットワーク",

  "common.loading": "読み込み中…",
  "common.retry": "もう一度試す",
  "common.errorTitle": "うまくいきませんでした",
  "common.cancel": "キャンセル",
  "common.close": "閉じる",
  "common.save": "保存する",
  "common.show": "表示する",
  "common.hide": "閉じる",
  "common.loadMore": "さらに読み込む",
  "common.showPassword": "パスワードを表示する",
  "common.backToSignIn": "ログイン画面に戻る",

  "language.label": "表示言語",

  "errors.generic": "予期しないエラーが発生しました。しばらくしてからもう一度お試しください。",
  "errors.network": "サーバーに接続できませんでした。通信環境を確認してください。",
  "errors.validation": "入力内容を確認してください。",
  "errors.invalidCredentials": "メールアドレスまたはパスワードが正しくありません。",
  "errors.invalidToken": "このリンクは無効か、有効期限が切れているか、すでに使われています。",
  "errors.forbidden": "この操作を行う権限がありません。",
  "errors.notFound": "お探しのものは見つかりませんでした。",
  "errors.conflict": "同じ内容がすでに登録されています。",
  "errors.payloadTooLarge": "ファイルが大きすぎます。",
  "errors.unsupportedMediaType": "この形式のファイルは使えません。PNG、JPEG、WebP、GIF のいずれかを選んでください。",
  "errors.csrf": "セキュリティ確認に失敗しました。ページを再読み込みしてからもう一度お試しください。",
  "errors.unauthenticated": "ログインの有効期限が切れました。もう一度ログインしてください。",
  "errors.rateLimited": "操作が続いたため一時的に制限しています。{seconds} 秒後にもう一度お試しください。",
  "errors.rateLimitedSoon": "操作が続いたため一時的に制限しています。少し待ってからもう一度お試しください。",

  "validation.required": "入力してください。",
  "validation.tooShort": "{min} 文字以上で入力してください。",
  "validation.tooLong": "{max} 文字以内で入力してください。",
  "validation.email": "メールアドレスの形式で入力してください。",
  "validation.format": "形式が正しくありません。",
  "validation.invalid": "入力内容を確認してください。",
  "validation.passwordMismatch": "パスワードが一致しません。",
  "validation.slug": "半角の英小文字・数字・ハイフンで入力してください（先頭と末尾は英数字）。",

  "fields.email": "メールアドレス",
  "fields.password": "パスワード",
  "fields.currentPassword": "現在のパスワード",
  "fields.newPassword": "新しいパスワード",
  "fields.confirmPassword": "新しいパスワード（確認）",
  "fields.passwordHint": "{min} 文字以上。長めのフレーズがおすすめです。",
  "fields.displayName": "表示名",
  "fields.language": "言語",
  "fields.timeZone": "タイムゾーン",

  "shell.skipToContent": "本文へ移動",
  "shell.homeLink": "つなぐ ホーム",
  "shell.openNav": "メニューを開く",
  "shell.closeNav": "メニューを閉じる",
  "shell.navLabel": "メインメニュー",

  "nav.networkHome": "ホーム",
  "nav.networkSettings": "ネットワーク設定",
  "nav.networkAbout": "このネットワークについて",
  "nav.manageMembers": "メンバー管理",
  "nav.account": "アカウント",
  "nav.accountSettings": "アカウント設定",
  "nav.operator": "運営",
  "nav.operatorNetworks": "ネットワーク一覧",
  "nav.operatorOutbox": "送信メール",

  "switcher.label": "ネットワークを切り替える",
  "switcher.labelWithCurrent": "ネットワークを切り替える（現在：{name}）",
  "switcher.choose": "ネットワークを選ぶ",
  "switcher.heading": "参加しているネットワーク",
  "switcher.current": "（表示中）",

  "accountMenu.label": "アカウントメニュー（{name}）",
  "accountMenu.settings": "アカウント設定",
  "accountMenu.operator": "運営コンソール",
  "accountMenu.signOut": "ログアウト",

  "verifyBanner.title": "メールアドレスの確認をお願いします",
  "verifyBanner.body": "{email} に確認用のリンクを送りました。メールが届いていなければ再送できます。",
  "verifyBanner.resend": "確認メールを再送",
  "verifyBanner.sentTitle": "確認メールを送りました",
  "verifyBanner.sent": "{email} 宛てに確認メールを送りました。",

  "notFound.title": "ページが見つかりません",
  "notFound.description": "URL が間違っているか、ページが移動または削除された可能性があります。",
  "notFound.home": "ホームへ戻る",

  "routeError.title": "ページを表示できませんでした",
  "routeError.description": "アプリが更新された可能性があります。再読み込みすると直ることがあります。",
  "routeError.reload": "再読み込み",

  "signIn.title": "ログイン",
  "signIn.lead": "つなぐのアカウントでログインしてください。",
  "signIn.forgot": "パスワードをお忘れですか？",
  "signIn.submit": "ログイン",
  "signIn.notice.signedOut": "ログアウトしました。",
  "signIn.notice.accountDeleted": "アカウントを削除しました。これまでご利用いただきありがとうございました。",
  "signIn.notice.passwordReset": "パスワードを変更しました。新しいパスワードでログインしてください。",
  "signIn.notice.passwordSet": "パスワードを設定しました。ログインしてください。",
  "signIn.notice.sessionExpired": "ログインの有効期限が切れたか、別の端末でログアウトされました。もう一度ログインしてください。",
  "signIn.notice.sessionRevoked": "この端末からログアウトしました。",

  "forgot.title": "パスワードの再設定",
  "forgot.lead": "登録しているメールアドレスを入力してください。パスワード再設定用のリンクをお送りします。",
  "forgot.submit": "再設定リンクを送る",
  "forgot.sentTitle": "メールを確認してください",
  "forgot.sent": "{email} が登録されていれば、パスワード再設定用のリンクを送りました。届かない場合は迷惑メールフォルダもご確認ください。",

  "token.invalidTitle": "リンクが無効です",

  "resetPassword.title": "新しいパスワードの設定",
  "resetPassword.lead": "新しいパスワードを入力してください。設定すると、すべての端末でログアウトされます。",
  "resetPassword.submit": "パスワードを変更する",
  "resetPassword.invalid":
    "このリンクは無効か、有効期限が切れているか、すでに使われています。お手数ですが、もう一度再設定リンクをお申し込みください。",
  "resetPassword.requestNew": "再設定リンクをもう一度送る",

  "setPassword.title": "パスワードの設定",
  "setPassword.lead": "ネットワーク事務局として招待されました。ログインに使うパスワードを決めてください。",
  "setPassword.submit": "パスワードを設定する",
  "setPassword.nameHint": "メンバーに表示され、招待メールの差出人名にもなります（例：山田 花子）。",
  "setPassword.invalid":
    "このリンクは無効か、有効期限が切れているか、すでに使われています。「パスワードをお忘れですか？」から新しいリンクを受け取れます。",

  "verify.title": "メールアドレスの確認",
  "verify.checking": "確認しています…",
  "verify.successTitle": "確認できました",
  "verify.success": "メールアドレスの確認が完了しました。",
  "verify.invalid": "このリンクは無効か、すでに使われています。ログイン後の画面から確認メールを再送できます。",
  "verify.continue": "つなぐを開く",

  "setup.title": "初期設定",
  "setup.lead": "このサーバーの運営者アカウントを作成します。運営者はネットワークの作成や送信メールの確認ができます。",
  "setup.tokenHelpTitle": "セットアップトークンについて",
  "setup.tokenHelp":
    "サーバーを初めて起動したときに、サーバーのログにセットアップトークンが出力されています。サーバーのログからコピーして貼り付けてください。",
  "setup.token": "セットアップトークン",
  "setup.tokenDescription": "サーバーのログに表示された文字列",
  "setup.submit": "運営者アカウントを作成",

  "home.emptyTitle": "まだどのネットワークにも参加していません",
  "home.emptyBody": "勤務先・出身企業のアルムナイ担当の方から招待メールが届くと、ここにネットワークが表示されます。",
  "home.createNetwork": "ネットワークを作成する",

  "role.admin": "事務局",
  "role.employee": "社員",
  "role.alumni": "アルムナイ",

  "memberStatus.invited": "招待中",
  "memberStatus.active": "参加中",
  "memberStatus.left": "退会済み",
  "memberStatus.removed": "除名",

  "kind.company": "会社主催",
  "kind.volunteer": "有志主催",
  "kindHint.company": "会社が公式に運営するネットワーク",
  "kindHint.volunteer": "元社員・社員の有志が運営するネットワーク",

  "network.notFoundTitle": "ネットワークが見つかりません",
  "network.notFoundBody": "URL が間違っているか、このネットワークに参加していません。",
  "network.yourRole": "あなた：{role}",
  "network.memberCount": "メンバー {count} 人",
  "network.settingsLink": "ネットワーク設定",
  "network.notWritten": "まだ書かれていません。",

  "networkFields.name": "ネットワーク名",
  "networkFields.slug": "URL 名（スラッグ）",
  "networkFields.slugHint": "ネットワークの URL になります。半角英小文字・数字・ハイフンで {min}〜{max} 文字。",
  "networkFields.kind": "主催",
  "networkFields.purpose": "目的",
  "networkFields.purposeHint": "何のためのネットワークか、メンバーに伝わるように書いてください。",
  "networkFields.eligibility": "参加資格",
  "networkFields.eligibilityHint": "例：2010 年以降に在籍した社員・元社員",
  "networkFields.codeOfConduct": "行動指針",
  "networkFields.codeOfConductHint": "メンバーが守るべきルール。参加時と各ネットワークのホームに表示されます。",

  "networkSettings.title": "ネットワーク設定",
  "networkSettings.titleFor": "{name} の設定",
  "networkSettings.back": "{name} のホームへ",
  "networkSettings.about": "基本情報",
  "networkSettings.logo": "ロゴ",
  "networkSettings.members": "メンバー",
  "networkSettings.membersMoved": "招待、CSV 取り込み、役割の変更、参加申請、操作履歴はメンバー管理で行えます。",
  "networkSettings.saved": "ネットワークの設定を保存しました。",
  "networkSettings.forbiddenTitle": "設定を変更できるのは事務局だけです",
  "networkSettings.forbiddenBody": "変更が必要な場合は、このネットワークの事務局に連絡してください。",

  "logo.current": "現在のロゴ",
  "logo.none": "ロゴはまだありません。",
  "logo.chosen": "選択中：{name}",
  "logo.hint": "PNG・JPEG・WebP・GIF、{size} MB まで。正方形の画像がきれいに表示されます。",
  "logo.tooLarge": "ファイルが大きすぎます。{size} MB 以下の画像を選んでください。",
  "logo.previewAlt": "アップロードするロゴのプレビュー",
  "logo.choose": "画像を選ぶ",
  "logo.upload": "アップロード",
  "logo.uploaded": "ロゴを更新しました。",

  "members.joined": "{date} に参加",
  "members.roleChanged": "{name} さんの役割を「{role}」に変更しました。",
  "members.demoteBody": "{name} さんを「{role}」に変更すると、このネットワークの設定やメンバーの管理ができなくなります。",

  "account.title": "アカウント設定",
  "account.tab.profile": "プロフィール",
  "account.tab.password": "パスワード",
  "account.tab.sessions": "ログイン中の端末",
  "account.tab.data": "データの書き出し",
  "account.tab.delete": "アカウント削除",

  "profile.displayNameHint": "ネットワークのメンバーに表示される名前です。",
  "profile.timeZoneHint": "日時はこのタイムゾーンで表示されます。",
  "profile.saved": "プロフィールを保存しました。",

  "password.lead": "変更すると、この端末以外のすべての端末でログアウトされます。",
  "password.submit": "パスワードを変更する",
  "password.changed": "パスワードを変更しました。ほかの端末はログアウトされました。",
  "password.wrongCurrent": "パスワードが正しくありません。",

  "sessions.lead":
    "このアカウントでログインしている端末です。心当たりのない端末があれば、ログアウトさせてからパスワードを変更してください。",
  "sessions.thisDevice": "この端末",
  "sessions.unknownDevice": "不明なブラウザ",
  "sessions.unknown": "不明",
  "sessions.ip": "IP アドレス：{ip}",
  "sessions.times": "ログイン：{created} ・ 最終利用：{lastSeen}",
  "sessions.revoke": "ログアウトさせる",
  "sessions.revokeLabel": "{device} をログアウトさせる",
  "sessions.revokeTitle": "この端末をログアウトさせますか？",
  "sessions.revokeBody": "その端末で再び使うには、もう一度ログインが必要になります。",
  "sessions.revokeCurrentTitle": "いま使っている端末からログアウトしますか？",
  "sessions.revokeCurrentBody": "この端末からログアウトし、ログイン画面に戻ります。",
  "sessions.revoked": "端末をログアウトさせました。",
  "sessions.emptyTitle": "ログイン中の端末はありません",

  "export.lead":
    "つなぐがあなたについて保存しているデータ（アカウント、参加しているネットワーク、ログイン中の端末）を JSON ファイルでダウンロードできます。",
  "export.download": "JSON をダウンロード",
  "export.done": "tsunagu-export.json を保存しました。",

  "deleteAccount.dangerZone": "取り消せない操作",
  "deleteAccount.lead": "アカウントを削除すると、プロフィールとすべてのネットワークへの参加情報が削除され、元に戻せません。",
  "deleteAccount.open": "アカウントを削除する…",
  "deleteAccount.modalTitle": "アカウントを完全に削除しますか？",
  "deleteAccount.modalBody": "確認のため、パスワードを入力してください。削除すると元に戻せません。",
  "deleteAccount.confirm": "削除する",

  "operatorNetworks.title": "ネットワーク一覧",
  "operatorNetworks.lead": "このサーバー上のすべてのネットワークです。",
  "operatorNetworks.create": "ネットワークを作成",
  "operatorNetworks.search": "ネットワークを検索",
  "operatorNetworks.searchPlaceholder": "名前または URL 名",
  "operatorNetworks.members": "メンバー数",
  "operatorNetworks.created": "作成日",
  "operatorNetworks.createdOn": "{date} 作成",
  "operatorNetworks.caption": "{count} 件を表示中",
  "operatorNetworks.emptyTitle": "ネットワークはまだありません",
  "operatorNetworks.emptyBody": "最初のネットワークを作成して、事務局を招待しましょう。",
  "operatorNetworks.noMatchTitle": "見つかりませんでした",
  "operatorNetworks.noMatchBody": "「{q}」に一致するネットワークはありません。",

  "operatorNew.title": "ネットワークの作成",
  "operatorNew.lead": "作成後、最初の事務局にパスワード設定用のメールが届きます。",
  "operatorNew.adminEmail": "最初の事務局のメールアドレス（任意）",
  "operatorNew.adminEmailHint": "入力すると、この人が事務局として招待され、パスワード設定用のメールが届きます。",
  "operatorNew.submit": "作成する",
  "operatorNew.created": "「{name}」を作成しました。",

  "operatorEdit.title": "ネットワークの編集",
  "operatorEdit.details": "ネットワーク情報",
  "operatorEdit.summary": "メンバー {count} 人・{date} 作成",
  "operatorEdit.slugWarning": "変更すると、これまでの URL は使えなくなります。",
  "operatorEdit.saved": "ネットワークを保存しました。",
  "operatorEdit.updated": "最終更新：{date}",

  "mailStatus.queued": "送信待ち",
  "mailStatus.sent": "送信済み",
  "mailStatus.failed": "失敗",
  "mailStatus.kept": "保管のみ",

  "outbox.title": "送信メール",
  "outbox.lead": "このサーバーが送った、または SMTP 未設定のため保管したメールです。新しい順に並んでいます。",
  "outbox.caption": "送信メールの一覧",
  "outbox.subject": "件名",
  "outbox.to": "宛先",
  "outbox.kind": "種類",
  "outbox.status": "状態",
  "outbox.time": "日時",
  "outbox.emptyTitle": "送信したメールはまだありません",
  "outbox.emptyBody": "招待やパスワード再設定などのメールを送ると、ここに表示されます。",
  "outbox.mailTitle": "メール",
  "outbox.notFoundTitle": "メールが見つかりません",
  "outbox.notFoundBody": "このメールは存在しないか、削除されました。",
  "outbox.html": "HTML 表示",
  "outbox.text": "テキスト",
  "outbox.htmlFrame": "メール本文（HTML）：{subject}",
  ...membersJa,
  ...joinJa,
  ...roomsJa,
  ...notificationsJa,
  ...stampsJa,
  ...messagesJa,
  ...feedJa,
  ...moderationJa,
  ...peopleJa,
  ...directoryJa,
  ...eventsJa,
  ...eventsManageJa,
  ...surveysJa,
} as const;

export type MessageKey = keyof typeof ja;
/** Every language provides every key — a missing or extra key is a type error. */
export type Messages = Record<MessageKey, string>;
