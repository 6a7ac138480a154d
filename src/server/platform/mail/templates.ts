// Mail texts in Japanese and English, each as plain text and HTML.
import type { Locale } from "../../../shared/limits.ts";

export type MailTemplate =
  | { kind: "verify_email"; name: string; url: string }
  | { kind: "reset_password"; name: string; url: string }
  | { kind: "set_password"; name: string; url: string; networkName: string };

interface Rendered {
  subject: string;
  text: string;
  html: string;
}

interface Parts {
  subject: string;
  greeting: string;
  lines: string[];
  action: string;
  url: string;
  footer: string;
}

function parts(t: MailTemplate, locale: Locale): Parts {
  const ja = locale === "ja";
  switch (t.kind) {
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
  }
}

export function renderMail(template: MailTemplate, locale: Locale): Rendered {
  const p = parts(template, locale);
  const signature = locale === "ja" ? "つなぐ — アルムナイネットワーク" : "Tsunagu — alumni networks";
  const text = [p.greeting, "", ...p.lines, "", `${p.action}:`, p.url, "", p.footer, "", "--", signature].join("\n");
  const html = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(p.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f6f8;font-family:'Noto Sans JP','Hiragino Sans',sans-serif;color:#1f2933;line-height:1.7">
<div style="max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:32px">
<p>${esc(p.greeting)}</p>
${p.lines.map((l) => `<p>${esc(l)}</p>`).join("\n")}
<p style="margin:28px 0"><a href="${esc(p.url)}" style="background:#1c6e8c;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;display:inline-block">${esc(p.action)}</a></p>
<p style="font-size:13px;color:#52606d">${esc(locale === "ja" ? "ボタンが開かない場合は、次のURLをブラウザに貼り付けてください：" : "If the button does not work, paste this address into your browser:")}<br><a href="${esc(p.url)}" style="color:#1c6e8c;word-break:break-all">${esc(p.url)}</a></p>
<p style="font-size:13px;color:#52606d">${esc(p.footer)}</p>
</div>
<p style="text-align:center;font-size:12px;color:#7b8794">${esc(signature)}</p>
</body></html>`;
  return { subject: p.subject, text, html };
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}
