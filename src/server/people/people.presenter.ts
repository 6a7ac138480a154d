// Profiles and directory cards as a viewer may see them: every field the person hid from the
// viewer's level is null (or an empty list), whatever the query read (decision 0016).
import { sql } from "kysely";
import type { MemberProfile, PersonCard } from "../../shared/contract/people.ts";
import { locationLabel } from "../../shared/people.ts";
import type { MemberActor } from "../platform/http/context.ts";
import { highlightsIn } from "../platform/search/index.ts";
import type { Tx } from "../platform/tenancy/scope.ts";
import { avatarUrl } from "../posts/authors.ts";
import { effectiveDepartments, effectiveYear, industryLabels, sourceQuery, type ProfileSource } from "./profile-index.ts";
import { shown, viewerLevel, visibleTo, type ViewerLevel } from "./visibility.ts";

export { avatarUrl };

/** What a card or a profile is built from: the index's sources plus what only display needs. */
export type PersonRow = ProfileSource & {
  avatar_key: string | null;
  supporter_since: Date | null;
  last_active_at: Date | null;
  status: string;
  links: { label: string; url: string }[] | null;
  languages: string[] | null;
  profile_updated_at: Date | null;
  member_updated_at: Date | null;
};

/** sourceQuery with the display columns: members of the actor's network. */
export const personQuery = (tx: Tx, networkId: string) =>
  sourceQuery(tx)
    .select([
      "a.avatar_key",
      "m.supporter_since",
      "m.last_active_at",
      "m.status",
      "p.links",
      "p.languages",
      "p.updated_at as profile_updated_at",
      "mp.updated_at as member_updated_at",
    ])
    .where("m.network_id", "=", networkId);

function visibleDepartments(row: PersonRow, level: ViewerLevel) {
  return visibleTo(row.member_visibility ?? {}, "departments", level) ? effectiveDepartments(row) : null;
}

/** The latest department: the one with the latest start (the last listed when no years). */
function latestDepartment(departments: ReturnType<typeof effectiveDepartments> | null): string | null {
  if (!departments || departments.length === 0) return null;
  return [...departments].sort((a, b) => (b.fromYear ?? -1) - (a.fromYear ?? -1))[0]!.department;
}

export function presentCard(row: PersonRow, level: ViewerLevel, terms: readonly string[] = []): PersonCard {
  const pv = row.profile_visibility ?? {};
  const mv = row.member_visibility ?? {};
  const years = visibleTo(mv, "years", level);
  const departments = visibleDepartments(row, level);
  const card: PersonCard = {
    memberId: row.member_id,
    displayName: row.display_name,
    nameReading: row.name_reading ?? "",
    avatarUrl: avatarUrl(row.avatar_key),
    role: row.role,
    supporter: row.supporter_since !== null,
    joinYear: years ? (effectiveYear(row.join_year, row.hr_join_year)?.value ?? null) : null,
    leaveYear: years ? (effectiveYear(row.leave_year, row.hr_leave_year)?.value ?? null) : null,
    company: shown(pv, "company", level, row.company || null),
    position: shown(pv, "position", level, row.position || null),
    department: latestDepartment(departments),
    openTo: shown(mv, "openTo", level, row.open_to ?? []) ?? [],
    nameHighlights: [],
    readingHighlights: [],
    matches: [],
  };
  if (terms.length === 0) return card;
  card.nameHighlights = highlightsIn(card.displayName, terms);
  card.readingHighlights = highlightsIn(card.nameReading, terms);
  // The other visible fields a term was found in, each once, in the order a card reads.
  const candidates: [string, string | null | undefined][] = [
    ["headline", shown(pv, "headline", level, row.headline)],
    ["company", card.company],
    ["position", card.position],
    ...(departments ?? []).map((d): [string, string] => ["department", [d.department, d.position].filter(Boolean).join(" ")]),
    ...(shown(pv, "skills", level, row.skills) ?? []).map((s): [string, string] => ["skills", s]),
    ...(shown(pv, "interests", level, row.interests) ?? []).map((s): [string, string] => ["interests", s]),
    ...(shown(pv, "career", level, row.career) ?? []).map((c): [string, string] => [
      "career",
      [c.company, c.role].filter(Boolean).join(" "),
    ]),
    ...(shown(pv, "industry", level, row.industry) ? industryLabels(row.industry) : []).map((s): [string, string] => ["industry", s]),
  ];
  for (const [field, text] of candidates) {
    if (!text || card.matches.length >= 3) continue;
    const highlights = highlightsIn(text, terms);
    if (highlights.length > 0) card.matches.push({ field, text, highlights });
  }
  if (shown(pv, "location", level, row.location)) {
    const label = locationLabel(row.location!, "ja");
    const highlights = highlightsIn(label, terms);
    if (highlights.length > 0 && card.matches.length < 3) card.matches.push({ field: "location", text: label, highlights });
  }
  return card;
}

export function presentProfile(row: PersonRow, actor: Pick<MemberActor, "role" | "membershipId">): MemberProfile {
  const isMe = row.member_id === actor.membershipId;
  const level: ViewerLevel = isMe ? 4 : viewerLevel(actor.role);
  const pv = row.profile_visibility ?? {};
  const mv = row.member_visibility ?? {};
  const years = visibleTo(mv, "years", level);
  const updated = [row.profile_updated_at, row.member_updated_at].filter((d): d is Date => d !== null).sort((a, b) => +b - +a)[0];
  return {
    memberId: row.member_id,
    displayName: row.display_name,
    nameReading: row.name_reading ?? "",
    avatarUrl: avatarUrl(row.avatar_key),
    role: row.role,
    supporterSince: row.supporter_since?.toISOString() ?? null,
    isMe,
    headline: shown(pv, "headline", level, row.headline || null),
    company: shown(pv, "company", level, row.company || null),
    position: shown(pv, "position", level, row.position || null),
    industry: shown(pv, "industry", level, row.industry),
    location: shown(pv, "location", level, row.location),
    career: shown(pv, "career", level, row.career ?? []),
    skills: shown(pv, "skills", level, row.skills ?? []),
    interests: shown(pv, "interests", level, row.interests ?? []),
    links: shown(pv, "links", level, row.links ?? []),
    languages: shown(pv, "languages", level, row.languages ?? []),
    joinYear: years ? effectiveYear(row.join_year, row.hr_join_year) : null,
    leaveYear: years ? effectiveYear(row.leave_year, row.hr_leave_year) : null,
    departments: visibleDepartments(row, level),
    employmentType: shown(mv, "employmentType", level, row.employment_type),
    openTo: shown(mv, "openTo", level, row.open_to ?? []),
    imported: level >= 3 ? { joinYear: row.hr_join_year, leaveYear: row.hr_leave_year, department: row.hr_department } : null,
    lastActiveAt: row.last_active_at?.toISOString() ?? null,
    updatedAt: updated?.toISOString() ?? null,
  };
}

/** Cards of members of the actor's network, with the actor's visibility; missing or inactive members are left out. */
export async function personCards(actor: MemberActor, memberIds: string[]): Promise<Map<string, PersonCard>> {
  const cards = new Map<string, PersonCard>();
  if (memberIds.length === 0) return cards;
  const rows = (await personQuery(actor.tx, actor.networkId)
    // One statement text whatever the number of ids (read routes prepare each text once).
    .where(sql<boolean>`m.id = any(${memberIds}::uuid[])`)
    .where("m.status", "=", "active")
    .execute()) as PersonRow[];
  const level = viewerLevel(actor.role);
  for (const row of rows) cards.set(row.member_id, presentCard(row, level));
  return cards;
}
