// Mail texts in Japanese and English, each as plain text and HTML.
import type { Locale } from "../../../shared/limits.ts";

export type MailTemplate =
  | { kind: "verify_email"; name: string; url: string }
  | { kind: "reset_password"; name: string; url: string }
  | { kind: "set_password"; name: string; url: string; networkName: string }
  | {
      kind: "invitation";
      name: string;
      networkName: string;
      inviterName: string | null;
      note: string;
      url: string;
      /** The last day the link works, already formatted for the reader. */
      expiresOn: string;
    }
  | { kind: "join_request_received"; networkName: string; requesterName: string; message: string; url: string }
  | { kind: "join_request_approved"; name: string; networkName: string; reply: string; url: string }
  | { kind: "join_request_declined"; name: string; networkName: string; reply: string; url: string }
  | { kind: "room_request_approved"; name: string; networkName: string; roomName: string; reply: string; url: string }
  | { kind: "room_request_declined"; name: string; networkName: string; roomName: string; reply: string; url: string }
  /** Batched DMs and mentions (src/server/notifications/): `items` already in the reader's language. */
  | { kind: "notifications"; name: string; networkName: string; items: MailItem[]; url: string; unsubscribeUrl: string }
  | {
      kind: "digest";
      name: string;
      networkName: string;
      period: "daily" | "weekly";
      /** Summary lines (new members, new posts per room), already in the reader's language. */
      lines: string[];
      /** The most-reacted new posts. */
      items: MailItem[];
      url: string;
      unsubscribeUrl: string;
    }
  /** A survey to answer (src/server/surveys/): the request, and the one reminder to those who have not answered. */
  | ({ kind: "survey_request" } & SurveyMail)
  | ({ kind: "survey_reminder" } & SurveyMail)
  /** Events (src/server/events/event-notices.ts): reminders, changes, a cancellation, a place from the waitlist. */
  | ({ kind: "event_reminder"; soon: "day" | "hour"; place: EventPlace } & EventMail)
  | ({ kind: "event_changed"; changed: ("time" | "place" | "online")[]; place: EventPlace } & EventMail)
  | ({ kind: "event_cancelled"; reason: string } & EventMail)
  | ({ kind: "event_promoted"; place: EventPlace } & EventMail);

export interface EventMail {
  name: string;
  eventTitle: string;
  /** The host network's name. */
  hostName: string;
  /** Start and end, already in the reader's language and the event's time zone. */
  when: string;
  /** The event page under the reader's own network. */
  url: string;
}

/** Where an event takes place; the online link itself is never mailed (it is on the event page). */
export interface EventPlace {
  venue: string;
  address: string;
  online: boolean;
}

export interface SurveyMail {
  name: string;
  /** The network that sends the survey (an event's host network). */
  networkName: string;
  surveyTitle: string;
  anonymous: boolean;
  /** When it closes, already formatted for the reader; null: no deadline. */
  closesAt: string | null;
  url: string;
}

/** A linked line of a list in a mail. */
export interface MailItem {
  text: string;
  url: string;
}

interface Rendered {
  subject: string;
  text: string;
  html: string;
}

interface Parts {
  subject: string;
  greeting: string;
  lines: string[];
  /** A personal message from a person (an invitation's note, an admin's reply), shown as a quote. */
  quote?: { by: string; text: string } | undefined;
  action: string;
  url: string;
  footer: string;
  /** A list of links after the lines, with its heading. */
  list?: { title: string; items: MailItem[] } | undefined;
  /** The page that stops this kind of mail (also in the List-Unsubscribe header). */
  unsubscribe?: { text: string; url: string } | undefined;
}

function parts(t: MailTemplate, locale: Locale): Parts {
  const ja = locale === "ja";
  switch (t.kind) {
    case "notifications":
    case "digest":
      return notificationParts(t, ja);
    case "survey_request":
    case "survey_reminder":
      return surveyParts(t, ja);
    case "event_reminder":
    case "event_changed":
    case "event_cancelled":
    case "event_promoted":
      return eventParts(t, ja);
    case "verify_email":
      return {
        subject: ja ? "【つなぐ】メールアドレスの確認" : "[Tsunagu] Confirm your email address",
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? ["つなぐのアカウントのメールアドレスを確認するため、下のボタンを押してください。", "このリンクの有効期限は48時間です。"]
          : ["Please confirm the email address of your Tsunagu account with the button below.", "The link is valid for 48 hours."],
        action: ja ? "メールアドレスを確認する" : "Confirm email address",
        url: t.url,
        footer: ja ? "心当たりがない場合は、このメールを破棄してください。" : "If this wasn't you, you can ignore this mail.",
      };
    case "reset_password":
      return {
        subject: ja ? "【つなぐ】パスワードの再設定" : "[Tsunagu] Reset your password",
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? [
              "パスワード再設定のリクエストを受け付けました。下のボタンから新しいパスワードを設定してください。",
              "このリンクの有効期限は1時間で、一度だけ使えます。",
            ]
          : [
              "We received a request to reset your password. Set a new one with the button below.",
              "The link is valid for one hour and works once.",
            ],
        action: ja ? "パスワードを再設定する" : "Reset password",
        url: t.url,
        footer: ja
          ? "心当たりがない場合は、このメールを破棄してください。パスワードは変更されません。"
          : "If this wasn't you, ignore this mail; your password stays as it is.",
      };
    case "set_password":
      return {
        subject: ja ? `【つなぐ】${t.networkName} の事務局アカウントのご案内` : `[Tsunagu] Your admin account for ${t.networkName}`,
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? [
              `${t.networkName} のアルムナイネットワークの事務局（管理者）として登録されました。`,
              "下のボタンからパスワードを設定して、サインインしてください。",
              "このリンクの有効期限は7日間です。",
            ]
          : [
              `You have been made an admin of the ${t.networkName} alumni network.`,
              "Set your password with the button below, then sign in.",
              "The link is valid for 7 days.",
            ],
        action: ja ? "パスワードを設定する" : "Set password",
        url: t.url,
        footer: ja ? "心当たりがない場合は、このメールを破棄してください。" : "If you don't expect this, you can ignore this mail.",
      };
    case "invitation": {
      const greeting = t.name ? (ja ? `${t.name} さん` : `Hello ${t.name},`) : ja ? "こんにちは。" : "Hello,";
      const from = t.inviterName ?? (ja ? `${t.networkName} 事務局` : `the ${t.networkName} admins`);
      return {
        subject: ja
          ? `【つなぐ】${t.networkName} のアルムナイネットワークへのご招待`
          : `[Tsunagu] You're invited to the ${t.networkName} alumni network`,
        greeting,
        lines: ja
          ? [
              `${from} から、${t.networkName} のアルムナイネットワーク「つなぐ」へ招待が届いています。`,
              "会社や、一緒に働いた仲間とのつながりを保つための、参加者限定のネットワークです。",
              "下のボタンから、目的・参加条件・行動指針を確認して参加できます（2〜3分で終わります）。",
              "すでにつなぐのアカウントをお持ちの場合は、そのアカウントでそのまま参加できます。",
              `このリンクの有効期限は ${t.expiresOn} までです。`,
            ]
          : [
              `${from} invited you to the ${t.networkName} alumni network on Tsunagu.`,
              "It is a members-only network to stay in touch with the company and the people you worked with.",
              "Read its purpose, eligibility and code of conduct and join with the button below (it takes two or three minutes).",
              "If you already have a Tsunagu account, you can join with it.",
              `The link works until ${t.expiresOn}.`,
            ],
        quote: t.note ? { by: from, text: t.note } : undefined,
        action: ja ? "招待を確認して参加する" : "See the invitation and join",
        url: t.url,
        footer: ja
          ? "心当たりがない場合や、参加を希望されない場合は、このメールを破棄してください。登録されることはありません。"
          : "If you don't expect this or don't want to join, ignore this mail; nothing is registered.",
      };
    }
    case "join_request_received":
      return {
        subject: ja ? `【つなぐ】${t.networkName} に参加申請が届きました` : `[Tsunagu] New join request for ${t.networkName}`,
        greeting: ja ? `${t.networkName} 事務局の皆さま` : `Dear ${t.networkName} admins,`,
        lines: ja
          ? [`${t.requesterName} さんから参加申請が届きました。内容を確認して、承認または辞退してください。`]
          : [`${t.requesterName} asked to join. Please approve or decline the request.`],
        quote: t.message ? { by: t.requesterName, text: t.message } : undefined,
        action: ja ? "参加申請を確認する" : "Review the request",
        url: t.url,
        footer: ja ? "このメールは事務局のメンバーに送られています。" : "This mail goes to the network's admins.",
      };
    case "join_request_approved":
      return {
        subject: ja ? `【つなぐ】${t.networkName} への参加が承認されました` : `[Tsunagu] Welcome to ${t.networkName}`,
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? [`${t.networkName} への参加申請が承認されました。下のボタンからネットワークを開けます。`]
          : [`Your request to join ${t.networkName} was approved. Open the network with the button below.`],
        quote: t.reply ? { by: ja ? `${t.networkName} 事務局` : `${t.networkName} admins`, text: t.reply } : undefined,
        action: ja ? "ネットワークを開く" : "Open the network",
        url: t.url,
        footer: ja ? "このメールは参加申請をされた方にお送りしています。" : "You receive this mail because you asked to join.",
      };
    case "join_request_declined":
      return {
        subject: ja ? `【つなぐ】${t.networkName} への参加申請について` : `[Tsunagu] About your request to join ${t.networkName}`,
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? [`${t.networkName} への参加申請をいただきありがとうございました。今回は参加をお見送りさせていただくことになりました。`]
          : [`Thank you for your request to join ${t.networkName}. The admins have declined it this time.`],
        quote: t.reply ? { by: ja ? `${t.networkName} 事務局` : `${t.networkName} admins`, text: t.reply } : undefined,
        action: ja ? "参加ページを見る" : "See the join page",
        url: t.url,
        footer: ja ? "このメールは参加申請をされた方にお送りしています。" : "You receive this mail because you asked to join.",
      };
    case "room_request_approved":
      return {
        subject: ja ? `【つなぐ】トークルーム「${t.roomName}」ができました` : `[Tsunagu] The room “${t.roomName}” is open`,
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? [`${t.networkName} で申請いただいたトークルーム「${t.roomName}」を作成しました。下のボタンから開けます。`]
          : [`The admins of ${t.networkName} created the room “${t.roomName}” you asked for. Open it with the button below.`],
        quote: t.reply ? { by: ja ? `${t.networkName} 事務局` : `${t.networkName} admins`, text: t.reply } : undefined,
        action: ja ? "トークルームを開く" : "Open the room",
        url: t.url,
        footer: ja ? "このメールはトークルームを申請された方にお送りしています。" : "You receive this mail because you asked for a room.",
      };
    case "room_request_declined":
      return {
        subject: ja ? `【つなぐ】トークルーム「${t.roomName}」の申請について` : `[Tsunagu] About your request for the room “${t.roomName}”`,
        greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
        lines: ja
          ? [
              `${t.networkName} でトークルーム「${t.roomName}」を申請いただきありがとうございました。今回は作成を見送らせていただくことになりました。`,
            ]
          : [`Thank you for asking for the room “${t.roomName}” in ${t.networkName}. The admins have declined it this time.`],
        quote: t.reply ? { by: ja ? `${t.networkName} 事務局` : `${t.networkName} admins`, text: t.reply } : undefined,
        action: ja ? "ネットワークを開く" : "Open the network",
        url: t.url,
        footer: ja ? "このメールはトークルームを申請された方にお送りしています。" : "You receive this mail because you asked for a room.",
      };
  }
}

function surveyParts(t: Extract<MailTemplate, { kind: "survey_request" | "survey_reminder" }>, ja: boolean): Parts {
  const reminder = t.kind === "survey_reminder";
  const deadline = t.closesAt ? [ja ? `回答期限：${t.closesAt}` : `Open until ${t.closesAt}.`] : [];
  const privacy = t.anonymous
    ? [
        ja
          ? "このアンケートは匿名です。事務局には、誰がどう回答したかはわかりません。"
          : "This survey is anonymous: the organisers cannot see who answered what.",
      ]
    : [
        ja
          ? "このアンケートは記名式です。回答にはお名前が表示されます。"
          : "This survey is not anonymous: your name is shown with your answers.",
      ];
  return {
    subject: ja
      ? `【つなぐ】${reminder ? "【リマインド】" : ""}アンケートのお願い：${t.surveyTitle}`
      : `[Tsunagu] ${reminder ? "Reminder: " : ""}Please answer “${t.surveyTitle}”`,
    greeting: ja ? `${t.name} さん` : `Hello ${t.name},`,
    lines: [
      reminder
        ? ja
          ? `${t.networkName} からのアンケート「${t.surveyTitle}」に、まだ回答いただいていないようです。数分で終わりますので、ご協力をお願いします。`
          : `You have not answered “${t.surveyTitle}” from ${t.networkName} yet. It takes a few minutes.`
        : ja
          ? `${t.networkName} から、アンケート「${t.surveyTitle}」へのご協力のお願いです。下のボタンから回答できます。`
          : `${t.networkName} asks you to answer the survey “${t.surveyTitle}”. Answer with the button below.`,
      ...deadline,
      ...privacy,
    ],
    action: ja ? "アンケートに回答する" : "Answer the survey",
    url: t.url,
    footer: reminder
      ? ja
        ? "リマインドはこの1回だけです。すでに回答済みの場合は行き違いですのでご容赦ください。"
        : "This is the only reminder. If you have just answered, please ignore it."
      : ja
        ? "このメールはアンケートの対象の方にお送りしています。"
        : "You receive this mail because the survey was sent to you.",
  };
}

type EventTemplate = Extract<MailTemplate, { kind: "event_reminder" | "event_changed" | "event_cancelled" | "event_promoted" }>;

function placeText(p: EventPlace, ja: boolean): string {
  const venue = p.venue && p.address ? (ja ? `${p.venue}（${p.address}）` : `${p.venue}, ${p.address}`) : p.venue || p.address;
  const online = ja ? "オンライン（参加URLはイベントページに表示されます）" : "Online (the link is on the event page)";
  if (!p.online) return venue;
  return venue ? `${venue}${ja ? "／" : " / "}${online}` : online;
}

function eventParts(t: EventTemplate, ja: boolean): Parts {
  const greeting = ja ? `${t.name} さん` : `Hello ${t.name},`;
  const action = ja ? "イベントページを開く" : "Open the event page";
  const registered = ja
    ? "このメールは、イベントに参加登録された方にお送りしています。参加できなくなった場合は、イベントページからキャンセルしてください。"
    : "You receive this mail because you registered for this event. If you can no longer come, please cancel on the event page.";
  const facts = (place: EventPlace) =>
    ja
      ? [`日時：${t.when}`, `場所：${placeText(place, ja)}`, `主催：${t.hostName}`]
      : [`When: ${t.when}`, `Where: ${placeText(place, ja)}`, `Hosted by ${t.hostName}`];
  switch (t.kind) {
    case "event_reminder": {
      const day = t.soon === "day";
      return {
        subject: ja
          ? `【つなぐ】${day ? "明日開催" : "まもなく開始"}：${t.eventTitle}`
          : `[Tsunagu] ${day ? "Tomorrow" : "Starting soon"}: ${t.eventTitle}`,
        greeting,
        lines: [
          ja
            ? `参加予定のイベント「${t.eventTitle}」は${day ? "明日" : "まもなく"}始まります。`
            : `“${t.eventTitle}”, which you registered for, starts ${day ? "tomorrow" : "soon"}.`,
          ...facts(t.place),
        ],
        action,
        url: t.url,
        footer: registered,
      };
    }
    case "event_changed": {
      const words = t.changed.map((c) =>
        ja ? { time: "日時", place: "場所", online: "オンライン参加のURL" }[c] : { time: "time", place: "place", online: "online link" }[c],
      );
      return {
        subject: ja ? `【つなぐ】イベント内容の変更：${t.eventTitle}` : `[Tsunagu] Changed: ${t.eventTitle}`,
        greeting,
        lines: [
          ja
            ? `参加登録されているイベント「${t.eventTitle}」の${words.join("と")}が変更されました。変更後の内容は次のとおりです。`
            : `The ${words.join(" and ")} of “${t.eventTitle}”, which you registered for, changed. It is now:`,
          ...facts(t.place),
          ...(t.changed.includes("online")
            ? [ja ? "新しいオンライン参加のURLは、イベントページでご確認ください。" : "See the new link to join online on the event page."]
            : []),
        ],
        action,
        url: t.url,
        footer: registered,
      };
    }
    case "event_cancelled":
      return {
        subject: ja ? `【つなぐ】イベント中止のお知らせ：${t.eventTitle}` : `[Tsunagu] Cancelled: ${t.eventTitle}`,
        greeting,
        lines: ja
          ? [`参加登録されていたイベント「${t.eventTitle}」（${t.when}）は中止になりました。`, `主催：${t.hostName}`]
          : [`“${t.eventTitle}” (${t.when}), which you registered for, has been cancelled.`, `Hosted by ${t.hostName}`],
        quote: t.reason ? { by: ja ? "主催者より" : "From the organisers", text: t.reason } : undefined,
        action,
        url: t.url,
        footer: ja
          ? "このメールは、イベントに参加登録されていた方にお送りしています。"
          : "You receive this mail because you had registered for this event.",
      };
    case "event_promoted":
      return {
        subject: ja ? `【つなぐ】参加が確定しました：${t.eventTitle}` : `[Tsunagu] You have a place: ${t.eventTitle}`,
        greeting,
        lines: [
          ja
            ? `キャンセル待ちをしていたイベント「${t.eventTitle}」に空きが出たため、参加が確定しました。`
            : `A place opened up at “${t.eventTitle}”: you were on the waitlist, and now you are registered.`,
          ...facts(t.place),
        ],
        action,
        url: t.url,
        footer: ja
          ? "参加できない場合は、キャンセル待ちの方のために、イベントページからキャンセルしてください。"
          : "If you cannot come, please cancel on the event page so that the next person on the waitlist gets the place.",
      };
  }
}

function notificationParts(t: Extract<MailTemplate, { kind: "notifications" | "digest" }>, ja: boolean): Parts {
  const greeting = ja ? `${t.name} さん` : `Hello ${t.name},`;
  if (t.kind === "notifications")
    return {
      subject: ja
        ? `【つなぐ】${t.networkName} で新しい通知が${t.items.length}件あります`
        : `[Tsunagu] ${t.items.length} new in ${t.networkName}`,
      greeting,
      lines: ja
        ? [`${t.networkName} で、まだ読んでいないメッセージやメンションがあります。`]
        : [`You have messages or mentions in ${t.networkName} you have not read yet.`],
      list: { title: ja ? "新しい通知" : "New", items: t.items },
      action: ja ? "通知を見る" : "See notifications",
      url: t.url,
      footer: ja
        ? "このメールは、オンラインでないあいだに届いたメッセージとメンションをまとめてお送りしています。"
        : "We send this mail for messages and mentions that arrived while you were away, several at a time.",
      unsubscribe: {
        text: ja ? "このメールの配信停止：" : "Stop these mails:",
        url: t.unsubscribeUrl,
      },
    };
  const daily = t.period === "daily";
  return {
    subject: ja
      ? `【つなぐ】${t.networkName} の${daily ? "今日" : "今週"}のダイジェスト`
      : `[Tsunagu] ${t.networkName}: your ${daily ? "daily" : "weekly"} digest`,
    greeting,
    lines: [
      ja
        ? `${t.networkName} の${daily ? "この1日" : "この1週間"}の動きをお知らせします。`
        : `Here is what happened in ${t.networkName} ${daily ? "since yesterday" : "this week"}.`,
      ...t.lines,
    ],
    list: t.items.length ? { title: ja ? "反応の多かった投稿" : "Most-reacted posts", items: t.items } : undefined,
    action: ja ? "ネットワークを開く" : "Open the network",
    url: t.url,
    footer: ja
      ? "このメールは、参加しているネットワークのダイジェストとしてお送りしています。"
      : "You receive this digest because you are a member of this network.",
    unsubscribe: { text: ja ? "ダイジェストの配信停止：" : "Stop digests:", url: t.unsubscribeUrl },
  };
}

export function renderMail(template: MailTemplate, locale: Locale): Rendered {
  const p = parts(template, locale);
  const signature = locale === "ja" ? "つなぐ — アルムナイネットワーク" : "Tsunagu — alumni networks";
  const quoteText = p.quote ? ["", `── ${p.quote.by}`, ...p.quote.text.split(/\r?\n/).map((l) => `> ${l}`)] : [];
  const listText = p.list ? ["", `■ ${p.list.title}`, ...p.list.items.flatMap((i) => [`・${i.text}`, `  ${i.url}`])] : [];
  const unsubscribeText = p.unsubscribe ? [`${p.unsubscribe.text} ${p.unsubscribe.url}`] : [];
  const text = [
    p.greeting,
    "",
    ...p.lines,
    ...listText,
    ...quoteText,
    "",
    `${p.action}:`,
    p.url,
    "",
    p.footer,
    ...unsubscribeText,
    "",
    "--",
    signature,
  ].join("\n");
  const listHtml = p.list
    ? `<p style="margin:20px 0 4px;font-weight:bold">${esc(p.list.title)}</p>
<ul style="padding-left:20px">${p.list.items.map((i) => `<li><a href="${esc(i.url)}" style="color:#1c6e8c">${esc(i.text)}</a></li>`).join("")}</ul>`
    : "";
  const unsubscribeHtml = p.unsubscribe
    ? `<p style="font-size:13px;color:#52606d">${esc(p.unsubscribe.text)} <a href="${esc(p.unsubscribe.url)}" style="color:#1c6e8c">${esc(p.unsubscribe.url)}</a></p>`
    : "";
  const quoteHtml = p.quote
    ? `<p style="margin:20px 0 4px;font-size:13px;color:#52606d">${esc(p.quote.by)}</p>
<blockquote style="margin:0;padding:12px 16px;border-left:4px solid #1c6e8c;background:#f4f6f8;white-space:pre-wrap">${esc(p.quote.text)}</blockquote>`
    : "";
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(p.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:'Noto Sans JP','Hiragino Sans',sans-serif;color:#1f2933;line-height:1.7">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:32px">
<p>${esc(p.greeting)}</p>
${p.lines.map((l) => `<p>${esc(l)}</p>`).join("\n")}
${listHtml}
${quoteHtml}
<p style="margin:28px 0"><a href="${esc(p.url)}" style="background:#1c6e8c;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;display:inline-block">${esc(p.action)}</a></p>
<p style="font-size:13px;color:#52606d">${esc(locale === "ja" ? "ボタンが開かない場合は、次のURLをブラウザに貼り付けてください：" : "If the button does not work, paste this address into your browser:")}<br><a href="${esc(p.url)}" style="color:#1c6e8c;word-break:break-all">${esc(p.url)}</a></p>
<p style="font-size:13px;color:#52606d">${esc(p.footer)}</p>
${unsubscribeHtml}
</div>
<p style="text-align:center;font-size:12px;color:#7b8794">${esc(signature)}</p>
</body></html>`;
  return { subject: p.subject, text, html };
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
