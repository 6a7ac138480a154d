// Profiles: the person's own (global, one per account) and theirs at each company, and someone's
// profile as a member sees it. Every write rebuilds the directory's index rows of that person in
// the same transaction (profile-index.ts), so search and filters never see a stale or hidden value.
import { sql } from "kysely";
import type { MemberProfile, MemberProfileInput, MyMemberProfile, MyProfile, ProfileInput } from "../../shared/contract/people.ts";
import { memberProfileInput, profileInput } from "../../shared/contract/people.ts";
import type { Deps } from "../platform/deps.ts";
import { notFound, validationFailed } from "../platform/errors/errors.ts";
import type { AccountActor, MemberActor, UploadedFile } from "../platform/http/context.ts";
import { processImage } from "../platform/storage/images.ts";
import { inAccount, type Tx } from "../platform/tenancy/scope.ts";
import { hiddenMembersQuery } from "../blocks/blocks.repository.ts";
import { avatarUrl, personQuery, presentProfile, type PersonRow } from "./people.presenter.ts";
import { rebuildMemberProfiles } from "./profile-index.ts";
import { memberCompleteness, profileCompleteness } from "./completeness.ts";

const year = 365 * 24 * 3600 * 1000;
const avatarSize = 400;

async function readProfile(tx: Tx, accountId: string) {
  return tx.selectFrom("profiles").selectAll().where("account_id", "=", accountId).executeTakeFirst();
}

function presentMyProfile(
  account: { id: string; display_name: string; avatar_key: string | null },
  row: Awaited<ReturnType<typeof readProfile>>,
  now = new Date(),
): MyProfile {
  const p = row ?? null;
  const profile = {
    nameReading: p?.name_reading ?? "",
    headline: p?.headline ?? "",
    company: p?.company ?? "",
    position: p?.position ?? "",
    industry: p?.industry ?? null,
    location: p?.location ?? null,
    career: p?.career ?? [],
    skills: p?.skills ?? [],
    interests: p?.interests ?? [],
    links: p?.links ?? [],
    languages: p?.languages ?? [],
  };
  const confirmed = p ? (p.confirmed_at && p.confirmed_at > p.updated_at ? p.confirmed_at : p.updated_at) : null;
  return {
    accountId: account.id,
    displayName: account.display_name,
    avatarUrl: avatarUrl(account.avatar_key),
    ...profile,
    visibility: (p?.visibility ?? {}) as MyProfile["visibility"],
    completeness: profileCompleteness({ ...profile, avatar: account.avatar_key !== null }),
    confirmDue: confirmed !== null && now.getTime() - confirmed.getTime() > year,
    updatedAt: p?.updated_at.toISOString() ?? null,
  };
}

export async function getMyProfile(deps: Deps, actor: AccountActor): Promise<MyProfile> {
  return inAccount(deps.database, actor.account.id, async (tx) => {
    const account = await tx
      .selectFrom("accounts")
      .select(["id", "display_name", "avatar_key"])
      .where("id", "=", actor.account.id)
      .executeTakeFirstOrThrow();
    return presentMyProfile(account, await readProfile(tx, actor.account.id));
  });
}

export async function updateMyProfile(deps: Deps, actor: AccountActor, raw: ProfileInput): Promise<MyProfile> {
  const input = profileInput.parse(raw);
  const values = {
    name_reading: input.nameReading,
    headline: input.headline,
    company: input.company,
    position: input.position,
    industry: input.industry,
    location: input.location,
    career: JSON.stringify(input.career),
    skills: input.skills,
    interests: input.interests,
    links: JSON.stringify(input.links),
    languages: input.languages,
    visibility: JSON.stringify(input.visibility),
    updated_at: sql<Date>`now()`,
  };
  await inAccount(deps.database, actor.account.id, async (tx) => {
    await tx
      .insertInto("profiles")
      .values({ account_id: actor.account.id, ...values })
      .onConflict((oc) => oc.column("account_id").doUpdateSet(values))
      .execute();
    await rebuildMemberProfiles(tx, { accountId: actor.account.id });
  });
  return getMyProfile(deps, actor);
}

export async function confirmMyProfile(deps: Deps, actor: AccountActor): Promise<MyProfile> {
  await inAccount(deps.database, actor.account.id, (tx) =>
    tx
      .insertInto("profiles")
      .values({ account_id: actor.account.id, career: "[]", links: "[]", visibility: "{}", confirmed_at: sql<Date>`now()` })
      .onConflict((oc) => oc.column("account_id").doUpdateSet({ confirmed_at: sql<Date>`now()` }))
      .execute(),
  );
  return getMyProfile(deps, actor);
}

export async function uploadAvatar(deps: Deps, actor: AccountActor, file: UploadedFile | null): Promise<MyProfile> {
  if (!file) throw validationFailed({ file: "file_required" });
  const image = await processImage(file.data, { maxSize: avatarSize, crop: true });
  const stored = await deps.storage.put("avatars", image, "image/webp", "webp");
  const previous = await setAvatar(deps, actor, stored.key);
  if (previous) await deps.storage.delete(previous).catch(() => undefined);
  return getMyProfile(deps, actor);
}

export async function deleteAvatar(deps: Deps, actor: AccountActor): Promise<MyProfile> {
  const previous = await setAvatar(deps, actor, null);
  if (previous) await deps.storage.delete(previous).catch(() => undefined);
  return getMyProfile(deps, actor);
}

/** Sets the avatar key and answers the one it replaces (deleted once the change has committed). */
async function setAvatar(deps: Deps, actor: AccountActor, key: string | null): Promise<string | null> {
  const previous = await inAccount(deps.database, actor.account.id, async (tx) => {
    const before = await tx
      .selectFrom("accounts")
      .select("avatar_key")
      .where("id", "=", actor.account.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("accounts")
      .set({ avatar_key: key, updated_at: sql<Date>`now()` })
      .where("id", "=", actor.account.id)
      .execute();
    return before.avatar_key;
  });
  // The avatar is on their posts in the pages kept in memory (posts/page-copies.ts).
  deps.bus.roomsChanged("all", (task) => void task());
  return previous;
}

async function readMemberRow(actor: MemberActor, memberId: string): Promise<PersonRow | undefined> {
  return await personQuery(actor.tx, actor.networkId).where("m.id", "=", memberId).executeTakeFirst();
}

function presentMyMemberProfile(row: PersonRow): MyMemberProfile {
  const own = {
    joinYear: row.join_year,
    leaveYear: row.leave_year,
    departments: row.departments ?? [],
    employmentType: row.employment_type,
    openTo: row.open_to ?? [],
  };
  const imported = { joinYear: row.hr_join_year, leaveYear: row.hr_leave_year, department: row.hr_department };
  return {
    memberId: row.member_id,
    role: row.role,
    ...own,
    visibility: (row.member_visibility ?? {}) as MyMemberProfile["visibility"],
    imported,
    completeness: memberCompleteness(own, imported),
    updatedAt: row.member_updated_at?.toISOString() ?? null,
  };
}

export async function getMyMemberProfile(actor: MemberActor): Promise<MyMemberProfile> {
  const row = await readMemberRow(actor, actor.membershipId);
  if (!row) throw notFound();
  return presentMyMemberProfile(row);
}

export async function updateMyMemberProfile(actor: MemberActor, raw: MemberProfileInput): Promise<MyMemberProfile> {
  const input = memberProfileInput.parse(raw);
  const values = {
    join_year: input.joinYear,
    leave_year: input.leaveYear,
    departments: JSON.stringify(input.departments),
    employment_type: input.employmentType,
    open_to: input.openTo,
    visibility: JSON.stringify(input.visibility),
    updated_at: sql<Date>`now()`,
  };
  await actor.tx
    .insertInto("member_profiles")
    .values({ network_id: actor.networkId, member_id: actor.membershipId, account_id: actor.account.id, ...values })
    .onConflict((oc) => oc.columns(["network_id", "member_id"]).doUpdateSet(values))
    .execute();
  await rebuildMemberProfiles(actor.tx, { networkId: actor.networkId, memberIds: [actor.membershipId] });
  return getMyMemberProfile(actor);
}

/** Someone's profile: active members only (myself always), never a member blocked either way. */
export async function getMemberProfile(actor: MemberActor, memberId: string): Promise<MemberProfile> {
  const isMe = memberId === actor.membershipId;
  let q = personQuery(actor.tx, actor.networkId).where("m.id", "=", memberId);
  if (!isMe)
    q = q.where("m.status", "=", "active").where("m.id", "not in", hiddenMembersQuery(actor.tx, actor.networkId, actor.membershipId));
  const row = (await q.executeTakeFirst()) as PersonRow | undefined;
  if (!row) throw notFound();
  return presentProfile(row, actor);
}
