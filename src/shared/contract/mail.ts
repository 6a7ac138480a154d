import { z } from "zod";
import { endpoint } from "./endpoint.ts";
import { id, isoDateTime, page, pageQuery } from "./common.ts";

export const outboxItemSchema = z.object({
  id,
  to: z.string(),
  subject: z.string(),
  kind: z.string(),
  status: z.enum(["queued", "sent", "failed", "kept"]),
  createdAt: isoDateTime,
});
export const outboxMailSchema = outboxItemSchema.extend({ text: z.string(), html: z.string() });
export type OutboxItem = z.infer<typeof outboxItemSchema>;
export type OutboxMail = z.infer<typeof outboxMailSchema>;

export const listOutbox = endpoint({
  id: "listOutbox",
  method: "GET",
  path: "/api/operator/outbox",
  summary: "Mails this deployment sent or kept (newest first)",
  tag: "operator",
  access: "operator",
  query: pageQuery,
  response: page(outboxItemSchema),
});

export const getOutboxMail = endpoint({
  id: "getOutboxMail",
  method: "GET",
  path: "/api/operator/outbox/:mailId",
  summary: "One mail with its text and HTML",
  tag: "operator",
  access: "operator",
  params: z.object({ mailId: id }),
  response: outboxMailSchema,
});
