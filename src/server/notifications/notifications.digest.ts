// The digest (ダイジェスト): what happened in a network since a member's last one — new posts per
// room they can see, the most-reacted of them, new members. Daily in the first 4 weeks of the
// member or the network, weekly afterwards (or as the member chose).
//
// Every app process runs `enqueueDueDigests` on a timer (main.ts). It marks due members as
// pending (digest_pending_until, set with a conditional upsert, so two processes never queue the
// same member) and queues jobs of up to 50 members of one network. Each member is then done in a
// short transaction of its own that re-checks that they are due, so a retried job skips those it
// has done. Nothing happened: no mail, but the marker still moves on.
//
// Cost: when digests start, every member is due at once. A digest looks back one period at most
// (a week), and a job reads the network's posts of that week with their reaction counts once —
// one grouped join, not a count per post — and each of its members takes their rooms' share of it.
import { sql } from "kysely";
import type { Locale } from "../../shared/limits.ts";
import type { Deps } from "../platform/deps.ts";
import { findNetwork } from "../networks/networks.repository.ts";
import { inSystem, inTenant } from "../platform/tenancy/scope.ts";
import { canSeeRoom } from "../rooms/rooms.policy.ts";
import { roomFacts } from "../rooms/rooms.presenter.ts";
import { roomsSeenBy } from "../rooms/rooms.repository.ts";
import { digestPeriod, newcomerDays } from "./notifications.policy.ts";
import { firstLine } from "./notifications.presenter.ts";
import { factsOf } from "./notifications.repository.ts";
import { recipientAccount, unsubscribeLinks } from "./notifications.mail.ts";

export const digestJobKind = "notifications.digest";

/** Members marked per transaction of the tick. */
const tickBatch = 1000;
/** Members per digest job. */
const jobBatch = 50;
/** A member counts as due this much early, so that an hourly tick does not push each digest an hour later every time. */
const slackMinutes = 30;
/** A queued digest that never ran (its job gave up) is queued again after this. */
const pendingHours = 6;
const topPostsMax = 5;

const periodDays = { daily: 1, weekly: 7 } as const;

/** Marks due members and queues their digest jobs; returns how many members were queued. */
export async function enqueueDueDigests(deps: Pick<Deps, "database" | "jobs">): Promise<number> {
  let total = 0;
  for (;;) {
    const queued = await inSystem(deps.database, async (tx) => {
      const { rows } = await sql<{ network_id: string; member_id: string }>`
        with due as (
          select m.network_id, m.id as member_id
          from memberships m
          join networks w on w.id = m.network_id
          left join notification_settings s on s.network_id = m.network_id and s.member_id = m.id
          where m.status = 'active'
            and coalesce(s.digest, 'auto') <> 'off'
            and (s.digest_pending_until is null or s.digest_pending_until < now())
            and coalesce(s.last_digest_at, m.joined_at, m.created_at) <= now() + make_interval(mins => ${slackMinutes}) - case
              when coalesce(s.digest, 'auto') = 'daily' then interval '1 day'
              when coalesce(s.digest, 'auto') = 'weekly' then interval '7 days'
              when coalesce(m.joined_at, m.created_at) > now() - make_interval(days => ${newcomerDays})
                or w.created_at > now() - make_interval(days => ${newcomerDays}) then interval '1 day'
              else interval '7 days' end
          order by m.network_id, m.id
          limit ${tickBatch}
        )
        insert into notification_settings (network_id, member_id, digest_pending_until)
        select network_id, member_id, now() + make_interval(hours => ${pendingHours}) from due
        on conflict (network_id, member_id) do update set digest_pending_until = excluded.digest_pending_until
          where notification_settings.digest_pending_until is null or notification_settings.digest_pending_until < now()
        returning network_id, member_id`.execute(tx);
      const byNetwork = new Map<string, string[]>();
      for (const r of rows) byNetwork.set(r.network_id, [...(byNetwork.get(r.network_id) ?? []), r.member_id]);
      const payloads = [...byNetwork].flatMap(([networkId, memberIds]) =>
        Array.from({ length: Math.ceil(memberIds.length / jobBatch) }, (_, i) => ({
          networkId,
          memberIds: memberIds.slice(i * jobBatch, (i + 1) * jobBatch),
        })),
      );
      await deps.jobs.enqueueMany(tx, digestJobKind, payloads);
      return rows.length;
    });
    total += queued;
    if (queued < tickBatch) return total;
  }
}

export async function runDigestJob(deps: Deps, payload: { networkId: string; memberIds: string[] }): Promise<void> {
  // One time for the whole job: the posts read now are exactly those up to it, and each digest
  // moves the member's marker to it, so the next one starts where this one ended.
  const now = new Date();
  const recent = await recentPosts(deps, payload.networkId, now);
  let sent = false;
  for (const memberId of payload.memberIds) sent = (await sendDigest(deps, payload.networkId, memberId, now, recent)) || sent;
  if (sent) deps.mailer.flush();
}

interface RecentPost {
  id: string;
  room_id: string;
  author_id: string;
  created_at: Date;
}

/**
 * The network's live posts of the longest digest period up to `now`, most reactions (stamps and
 * comments) first, then newest. Hidden posts are left out: a digest goes to members, and a
 * hidden post exists for its author and the admins only.
 */
async function recentPosts(deps: Pick<Deps, "database">, networkId: string, now: Date): Promise<RecentPost[]> {
  const from = new Date(now.getTime() - periodDays.weekly * 86_400_000);
  return inTenant(deps.database, networkId, null, (tx) => {
    const live = tx
      .selectFrom("posts as p")
      .where("p.network_id", "=", networkId)
      .where("p.created_at", ">", from)
      .where("p.created_at", "<=", now)
      .where("p.deleted_at", "is", null)
      .where("p.hidden_at", "is", null);
    const stampCounts = live
      .innerJoin("stamps as s", (j) => j.onRef("s.network_id", "=", "p.network_id").onRef("s.post_id", "=", "p.id"))
      .select(["p.id", sql<number>`count(*)::int`.as("n")])
      .groupBy("p.id");
    return live
      .leftJoin(stampCounts.as("sc"), "sc.id", "p.id")
      .select(["p.id", "p.room_id", "p.author_id", "p.created_at"])
      .orderBy(sql`p.comment_count + coalesce(sc.n, 0)`, "desc")
      .orderBy("p.created_at", "desc")
      .execute();
  });
}

/** One member's digest in one transaction; true when a mail was queued. */
async function sendDigest(deps: Deps, networkId: string, memberId: string, now: Date, recent: readonly RecentPost[]): Promise<boolean> {
  return inTenant(deps.database, networkId, null, async (tx) => {
    const settings = await tx
      .selectFrom("notification_settings")
      .selectAll()
      .where("network_id", "=", networkId)
      .where("member_id", "=", memberId)
      .forUpdate()
      .executeTakeFirst();
    if (!settings) return false;
    const done = (lastDigestAt: Date | null) =>
      tx
        .updateTable("notification_settings")
        .set({ digest_pending_until: null, ...(lastDigestAt ? { last_digest_at: lastDigestAt } : {}) })
        .where("network_id", "=", networkId)
        .where("member_id", "=", memberId)
        .execute();
    const member = await recipientAccount(tx, networkId, memberId);
    const network = await findNetwork(tx, networkId);
    const memberSince = member ? (member.joined_at ?? member.created_at) : now;
    const period = member && network ? digestPeriod(factsOf(settings), memberSince, network.created_at, now) : null;
    const since = settings.last_digest_at ?? memberSince;
    // Gone, turned off, or done by another run meanwhile.
    if (!member || !network || !period || since.getTime() > now.getTime() + slackMinutes * 60_000 - periodDays[period] * 86_400_000) {
      await done(null);
      return false;
    }
    await done(now);
    // At most one period back: a first digest (or one after a long pause) is not a history of everything.
    const from = new Date(Math.max(since.getTime(), now.getTime() - periodDays[period] * 86_400_000));

    const rooms = (await roomsSeenBy(tx, networkId, memberId).execute()).filter(
      (r) => !r.muted && r.archived_at === null && canSeeRoom({ role: member.role, inRoom: r.in_room }, roomFacts(r)),
    );
    // Others' posts in the rooms they see since `from`, in the order of `recent` (most reactions first).
    const seen = new Set(rooms.map((r) => r.id));
    const theirs = recent.filter((p) => seen.has(p.room_id) && p.author_id !== memberId && p.created_at > from);
    const counts = new Map<string, number>();
    for (const p of theirs) counts.set(p.room_id, (counts.get(p.room_id) ?? 0) + 1);
    const topIds = theirs.slice(0, topPostsMax).map((p) => p.id);
    const bodies = topIds.length
      ? new Map(
          (await tx.selectFrom("posts").select(["id", "body"]).where("network_id", "=", networkId).where("id", "in", topIds).execute()).map(
            (p) => [p.id, p.body],
          ),
        )
      : new Map<string, string>();
    const top = theirs.slice(0, topPostsMax).map((p) => ({ id: p.id, room_id: p.room_id, body: bodies.get(p.id) ?? "" }));
    const joined = await tx
      .selectFrom("memberships")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("network_id", "=", networkId)
      .where("status", "=", "active")
      .where("joined_at", ">", from)
      .where("id", "<>", memberId)
      .executeTakeFirstOrThrow();
    const newMembers = Number(joined.n);
    if (counts.size === 0 && newMembers === 0) return false;

    const locale: Locale = member.locale;
    const ja = locale === "ja";
    const roomName = new Map(rooms.map((r) => [r.id, r.name]));
    const publicUrl = deps.config.publicUrl;
    const lines = [
      ...(newMembers > 0 ? [ja ? `新しいメンバー：${newMembers}人` : `New members: ${newMembers}`] : []),
      ...rooms.flatMap((r) => {
        const n = counts.get(r.id) ?? 0;
        if (n === 0) return [];
        return [ja ? `${r.name}：新しい投稿 ${n}件` : `${r.name}: ${n} new post${n === 1 ? "" : "s"}`];
      }),
    ];
    const links = unsubscribeLinks(publicUrl, settings.unsubscribe_key, memberId, "digest");
    await deps.mailer.send(
      tx,
      member.email,
      locale,
      {
        kind: "digest",
        name: member.display_name,
        networkName: network.name,
        period,
        lines,
        items: top.map((p) => ({
          text: `${roomName.get(p.room_id) ?? ""}｜${firstLine(p.body)}`,
          url: `${publicUrl}/n/${network.slug}/posts/${p.id}`,
        })),
        url: `${publicUrl}/n/${network.slug}`,
        unsubscribeUrl: links.page,
      },
      links.headers,
    );
    return true;
  });
}
