// When someone joins, the admins and supporters — whose part it is to greet newcomers — get a
// "newcomer" notification. Queued by membership's admit() in the joining transaction, so it
// happens once the join has committed (and is retried like any job).
import type { Deps } from "../platform/deps.ts";
import { withAfterCommit } from "../platform/realtime/bus.ts";
import { inSystem } from "../platform/tenancy/scope.ts";
import { notify } from "../notifications/notifications.service.ts";

export const newcomerJobKind = "feed.newcomer";

export async function runNewcomerJob(deps: Deps, payload: { networkId: string; memberId: string }): Promise<void> {
  await withAfterCommit((afterCommit) =>
    inSystem(deps.database, async (tx) => {
      const newcomer = await tx
        .selectFrom("memberships")
        .select(["id", "status"])
        .where("network_id", "=", payload.networkId)
        .where("id", "=", payload.memberId)
        .executeTakeFirst();
      if (newcomer?.status !== "active") return;
      const welcomers = await tx
        .selectFrom("memberships")
        .select("id")
        .where("network_id", "=", payload.networkId)
        .where("status", "=", "active")
        .where((eb) => eb.or([eb("role", "=", "admin"), eb("supporter_since", "is not", null)]))
        .execute();
      await notify(deps, tx, afterCommit, {
        networkId: payload.networkId,
        recipientMemberIds: welcomers.map((w) => w.id),
        kind: "newcomer",
        actorMemberId: payload.memberId,
        // One notification per newcomer, even if the job runs twice.
        groupKey: `newcomer:${payload.memberId}`,
      });
    }),
  );
}
