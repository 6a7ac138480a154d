// Who may see, organise and register for an event: pure functions of the viewer and the event,
// tested on their own. The viewer is a member of the network they came through — the host's or
// an accepted co-host's (row-level security already hides every other event).
import type { EventAudience } from "../../shared/contract/events.ts";
import type { MemberRole } from "../../shared/limits.ts";

export interface EventViewer {
  role: MemberRole;
  /** The viewer came through the host network (else through a co-host). */
  host: boolean;
  /** Listed among the event's organisers. */
  organizer: boolean;
  /** Listed among the invited members (audience "invited"). */
  invited: boolean;
}

export interface EventFacts {
  audience: EventAudience;
  status: "published" | "cancelled";
  startsAt: Date;
  registrationDeadline: Date | null;
}

/** Admins, and supporters an admin allowed to organise, create events in their network. */
export const canCreateEvents = (member: { role: MemberRole; supporter: boolean; organizesEvents: boolean }) =>
  member.role === "admin" || (member.supporter && member.organizesEvents);

/** Changing an event, its attendees and check-in: the host's admins and the event's organisers. */
export const canEditEvent = (viewer: EventViewer) => viewer.host && (viewer.role === "admin" || viewer.organizer);

export function inAudience(viewer: EventViewer, event: Pick<EventFacts, "audience">): boolean {
  switch (event.audience) {
    case "everyone":
      return true;
    case "alumni":
      return viewer.role === "alumni";
    case "employees":
      return viewer.role === "employee";
    case "invited":
      return viewer.host && viewer.invited;
  }
}

/** The host's admins and the organisers see the event whatever its audience; others, events of their audience. */
export const canSeeEvent = (viewer: EventViewer, event: Pick<EventFacts, "audience">) => canEditEvent(viewer) || inAudience(viewer, event);

export type RegistrationClosed = "cancelled" | "deadline" | "started" | "not_in_audience";

/** Why the viewer cannot register now (null: they can). Organisers outside the audience cannot either. */
export function registrationClosed(viewer: EventViewer, event: EventFacts, now: Date): RegistrationClosed | null {
  if (event.status === "cancelled") return "cancelled";
  if (now >= event.startsAt) return "started";
  if (event.registrationDeadline && now > event.registrationDeadline) return "deadline";
  if (!inAudience(viewer, event)) return "not_in_audience";
  return null;
}
