// Who may do what in a network: pure functions of the actor's role, tested on their own.
import type { MemberRole } from "../../shared/limits.ts";

interface Actor {
  role: MemberRole;
}

export const canEditNetworkSettings = (actor: Actor) => actor.role === "admin";
export const canManageMembers = (actor: Actor) => actor.role === "admin";
export const canViewMembers = (_actor: Actor) => true;

export function allowedActions(actor: Actor) {
  return { editSettings: canEditNetworkSettings(actor), manageMembers: canManageMembers(actor) };
}
