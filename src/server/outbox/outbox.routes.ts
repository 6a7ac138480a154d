// The operator reads the mails this deployment sent or kept (the outbox).
import { sql } from "kysely";
import * as c from "../../shared/contract/mail.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound } from "../platform/errors/errors.ts";
import { decodeCursor, pageOf } from "../platform/http/cursor.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import type { MailOutboxTable } from "../platform/db/schema.ts";
import type { Selectable } from "kysely";

type Row = Selectable<MailOutboxTable>;

const presentItem = (m: Row) => ({
  id: m.id,
  to: m.to_address,
  subject: m.subject,
  kind: m.kind,
  status: m.status,
  createdAt: m.created_at.toISOString(),
});

export function outboxRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.listOutbox, async ({ query }) => {
      const after = decodeCursor(query.cursor);
      let q = deps.database.db
        .selectFrom("mail_outbox")
        .selectAll()
        .select(sql<string>`created_at::text`.as("sort_key"))
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(query.limit + 1);
      if (after) q = q.where(sql<boolean>`(created_at, id) < (${after.key}::timestamptz, ${after.id}::uuid)`);
      const { rows, nextCursor } = pageOf(await q.execute(), query.limit, (r) => ({ key: r.sort_key, id: r.id }));
      return { items: rows.map(presentItem), nextCursor };
    }),
    route(c.getOutboxMail, async ({ params }) => {
      const mail = await deps.database.db.selectFrom("mail_outbox").selectAll().where("id", "=", params.mailId).executeTakeFirst();
      if (!mail) throw notFound();
      return { ...presentItem(mail), text: mail.text_body, html: mail.html_body };
    }),
  ];
}
