// Who may do what in a conversation: pure functions over what the service has read.
import type { DmPolicy } from "../../shared/contract/messages.ts";

export type ConversationKind = "direct" | "group" | "office";

/** The actor in one conversation. */
export interface ConversationViewer {
  /** A current member (a row without left_at). */
  member: boolean;
  /** An admin reading an office conversation for the office (事務局), without a member row. */
  asOffice: boolean;
}

export const canSeeConversation = (v: ConversationViewer) => v.member || v.asOffice;

/**
 * Sending: current members and, in office conversations, the admins. A direct conversation also
 * needs the other person still in the network and no block between the two (`directOpen`).
 */
export const canSend = (kind: ConversationKind, v: ConversationViewer, directOpen: boolean) =>
  canSeeConversation(v) && (kind !== "direct" || directOpen);

/** Groups only: any current member may add people and may leave; the creator is not special. */
export const canAddMembers = (kind: ConversationKind, v: ConversationViewer) => kind === "group" && v.member;
export const canLeave = canAddMembers;

export const canEditMessage = (v: ConversationViewer, own: boolean, deleted: boolean) => canSeeConversation(v) && own && !deleted;

/**
 * Whether `initiator` may start a direct conversation with `target` or put them in a group:
 * never across a block (either direction); otherwise the target's setting decides.
 */
export const mayStartWith = (facts: { blocked: boolean; targetPolicy: DmPolicy; contacts: boolean }) =>
  !facts.blocked && (facts.targetPolicy === "everyone" || (facts.targetPolicy === "contacts" && facts.contacts));

/** Admins are the office; only other members have an office conversation. */
export const hasOfficeConversation = (role: "admin" | "employee" | "alumni") => role !== "admin";
