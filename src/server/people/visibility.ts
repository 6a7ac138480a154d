// Who sees which field of a profile (decision 0016). Every field has a visibility the person
// chose — members, alumni, admins or self — and every viewer a level: employee 1, alumni
// (supporters included) 2, admin 3, the person themself 4. A field is shown, searchable,
// filterable and sortable for a viewer only when its level is at most the viewer's.
import { visibilities, visibilityLevel, type Visibility } from "../../shared/people.ts";
import type { MemberRole } from "../../shared/limits.ts";

export type ViewerLevel = 1 | 2 | 3 | 4;

/** The level of a member looking at someone else's profile in their network. */
export function viewerLevel(role: MemberRole): ViewerLevel {
  return role === "admin" ? 3 : role === "alumni" ? 2 : 1;
}

/** The stored visibility of a field; a field never set is visible to every member. */
export function visibilityOf(visibility: Record<string, string>, field: string): Visibility {
  const value = visibility[field];
  return (visibilities as readonly string[]).includes(value ?? "") ? (value as Visibility) : "members";
}

export function levelOf(visibility: Record<string, string>, field: string): 1 | 2 | 3 | 4 {
  return visibilityLevel[visibilityOf(visibility, field)];
}

export function visibleTo(visibility: Record<string, string>, field: string, viewer: ViewerLevel): boolean {
  return levelOf(visibility, field) <= viewer;
}

/** The value when the viewer may see the field, else null. */
export function shown<T>(visibility: Record<string, string>, field: string, viewer: ViewerLevel, value: T): T | null {
  return visibleTo(visibility, field, viewer) ? value : null;
}
