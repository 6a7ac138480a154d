// Direct messages (ダイレクトメッセージ): conversations, messages, stamps, read state, who may message me.
import * as c from "../../shared/contract/messages.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import * as messages from "./messages.service.ts";

const oneHour = 3600;
const byAccount = ({ account }: { account: { id: string } | null }) => account?.id ?? "";

export function messagesRoutes(deps: Deps): RouteDef[] {
  return [
    route(c.listConversations, ({ actor, query }) => messages.listConversations(actor, query), { read: true }),
    route(c.listOfficeConversations, ({ actor, query }) => messages.listOfficeConversations(actor, query)),
    route(c.openDirectConversation, ({ actor, body }) => messages.openDirectConversation(deps, actor, body.memberId), {
      rateLimits: [{ name: "dm-direct:account", max: 60, windowSeconds: oneHour, key: byAccount }],
    }),
    route(c.createGroupConversation, ({ actor, body }) => messages.createGroupConversation(deps, actor, body), {
      rateLimits: [{ name: "dm-group:account", max: 20, windowSeconds: oneHour, key: byAccount }],
    }),
    route(c.openOfficeConversation, ({ actor }) => messages.openOfficeConversation(deps, actor)),
    route(c.getConversation, ({ actor, params }) => messages.getConversation(actor, params.conversationId), { read: true }),
    route(c.addConversationMembers, ({ actor, params, body }) => messages.addConversationMembers(deps, actor, params.conversationId, body)),
    route(c.leaveConversation, ({ actor, params }) => messages.leaveConversation(deps, actor, params.conversationId)),
    route(c.markConversationRead, ({ actor, params }) => messages.markConversationRead(deps, actor, params.conversationId)),
    route(c.setConversationMuted, ({ actor, params, body }) => messages.setConversationMuted(actor, params.conversationId, body.muted)),
    route(c.listMessages, ({ actor, params, query }) => messages.listMessages(actor, params.conversationId, query), { read: true }),
    route(c.sendMessage, ({ actor, params, body }) => messages.sendMessage(deps, actor, params.conversationId, body), {
      rateLimits: [{ name: "dm-message:account", max: 120, windowSeconds: oneHour, key: byAccount }],
    }),
    route(c.updateMessage, ({ actor, params, body }) => messages.updateMessage(deps, actor, params.messageId, body)),
    route(c.deleteMessage, ({ actor, params }) => messages.deleteMessage(deps, actor, params.messageId)),
    route(c.setMessageStamp, ({ actor, params, body }) => messages.setMessageStamp(deps, actor, params.messageId, body)),
    route(c.getUnreadMessages, ({ actor }) => messages.getUnreadMessages(actor), { read: true }),
    route(c.getDmSettings, ({ actor }) => messages.getDmSettings(actor)),
    route(c.updateDmSettings, ({ actor, body }) => messages.updateDmSettings(actor, body.dmPolicy)),
  ];
}
