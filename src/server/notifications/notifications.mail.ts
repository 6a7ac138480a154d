// The batched mail for DMs and mentions: `notify` queues one job per member (delayed by
// NOTIFY_MAIL_DELAY); the job sends ONE mail listing what is still unread and not mailed yet. A
// member who read everything meanwhile (was online) gets none. The outbox row and the emailed_at
// marks are written in one transaction, so a retried or repeated job never mails twice.
import type { UnsubscribeKind } from "../../shared/contract/notifications.ts";
import type { Deps } from "../platform/deps.ts";
import { inTenant, type Tx } from "../platform/tenancy/scope.ts";
import { mailedKinds, wantsMail } from "./notifications.policy.ts";
import { linkOf, mailLine } from "./notifications.presenter.ts";
import { factsOf, notificationsWithTargets } from "./notifications.repository.ts";
import { signUnsubscribe } from "./unsubscribe-tokens.ts";

/** Notifications listed in one mail; the rest wait for the next one. */
const mailItemsMax = 50;

/** The unsubscribe page of a link, and the RFC 8058 headers that let mail apps unsubscribe in one click. */
export function unsubscribeLinks(publicUrl: string, key: string, memberId: string, kind: UnsubscribeKind) {
  const token = signUnsubscribe(key, memberId, kind);
  return {
    page: `${publicUrl}/unsubscribe/${token}`,
    headers: {
      "List-Unsubscribe": `<${publicUrl}/api/unsubscribe/${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/** An active member with the account the mail goes to. */
export const recipientAccount = (tx: Tx, networkId: string, memberId: string) =>
  tx
    .selectFrom("memberships as m")
    .innerJoin("accounts as a", "a.id", "m.account_id")
    .select(["m.id", "m.role", "m.joined_at", "m.created_at", "a.email", "a.locale", "a.display_name"])
    .where("m.network_id", "=", networkId)
    .where("m.id", "=", memberId)
    .where("m.status", "=", "active")
    .executeTakeFirst();

export async function sendNotificationMail(deps: Deps, payload: { networkId: string; memberId: string }): Promise<void> {
  const { networkId, memberId } = payload;
  const sent = await inTenant(deps.database, networkId, null, async (tx) => {
    // Locked: a notify() running now waits, then sees the cleared mark and queues the next mail.
    const settings = await tx
      .selectFrom("notification_settings")
      .selectAll()
      .where("network_id", "=", networkId)
      .where("member_id", "=", memberId)
      .forUpdate()
      .executeTakeFirst();
    if (!settings) return false;
    await tx
      .updateTable("notification_settings")
      .set({ mail_pending_until: null })
      .where("network_id", "=", networkId)
      .where("member_id", "=", memberId)
      .execute();
    const member = await recipientAccount(tx, networkId, memberId);
    const facts = factsOf(settings);
    const kinds = mailedKinds.filter((k) => wantsMail(facts, k));
    if (!member || kinds.length === 0) return false;
    const rows = await notificationsWithTargets(tx, networkId, memberId)
      .select("w.name as network_name")
      .where("n.read_at", "is", null)
      .where("n.emailed_at", "is", null)
      .where("n.kind", "in", kinds)
      .orderBy("n.created_at")
      .orderBy("n.id")
      .limit(mailItemsMax)
      .execute();
    const first = rows[0];
    if (!first) return false;
    const present = new Set(rows.map((r) => r.kind));
    const kind: UnsubscribeKind = present.size > 1 ? "notification_mail" : present.has("dm") ? "dm_mail" : "mention_mail";
    const publicUrl = deps.config.publicUrl;
    const links = unsubscribeLinks(publicUrl, settings.unsubscribe_key, memberId, kind);
    await deps.mailer.send(
      tx,
      member.email,
      member.locale,
      {
        kind: "notifications",
        name: member.display_name,
        networkName: first.network_name,
        items: rows.map((r) => ({ text: mailLine(r, member.locale), url: `${publicUrl}${linkOf(r)}` })),
        url: `${publicUrl}/n/${first.slug}/notifications`,
        unsubscribeUrl: links.page,
      },
      links.headers,
    );
    await tx
      .updateTable("notifications")
      .set({ emailed_at: new Date() })
      .where("network_id", "=", networkId)
      .where(
        "id",
        "in",
        rows.map((r) => r.id),
      )
      .execute();
    return true;
  });
  if (sent) deps.mailer.flush();
}
