// Tenant isolation, generated from the route table: every route with a path parameter is called
// by network A's most privileged member with network B's (or another account's) ids, and must
// answer 404 — never 403, never 200 (the refusals that differ by design are in `foreignRefusals`) —
// and change nothing. A route added later is covered the day it lands; if it brings a parameter or
// a write this suite cannot fill in, the suite fails and says what to add.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as events from "../../src/shared/contract/events.ts";
import * as images from "../../src/shared/contract/images.ts";
import * as surveys from "../../src/shared/contract/surveys.ts";
import * as membership from "../../src/shared/contract/membership.ts";
import * as networks from "../../src/shared/contract/networks.ts";
import * as stamps from "../../src/shared/contract/stamps.ts";
import type { RouteDef } from "../../src/server/platform/http/route.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { withAfterCommit } from "../../src/server/platform/realtime/bus.ts";
import { notify } from "../../src/server/notifications/notifications.service.ts";
import { ensureSettings } from "../../src/server/notifications/notifications.repository.ts";
import { signUnsubscribe } from "../../src/server/notifications/unsubscribe-tokens.ts";
import {
  addMember,
  inviteByApi,
  makeAccount,
  makeJoinRequest,
  makeTenant,
  newEmail,
  sessionClient,
  signIn,
  testPassword,
} from "../helpers/factories.ts";
import { sessionIdOf } from "../helpers/sessions.ts";
import { snapshotDatabase } from "../helpers/snapshot.ts";
import { createTestApp, type CallOptions, type Client, type TestApp } from "../helpers/test-app.ts";
import { multipartFile, pngWithExif } from "../helpers/uploads.ts";

type Tenant = Awaited<ReturnType<typeof makeTenant>>;
interface World {
  a: Tenant;
  b: Tenant;
  /** A second session of A's admin (revocable without signing the actor out). */
  aAdminOtherSessionId: string;
  /** A session of one of B's members. */
  bSessionId: string;
  /** Invitations, CSV imports and join requests: A's (reachable) and B's (not). */
  aInvitationId: string;
  bInvitationId: string;
  aImportId: string;
  bImportId: string;
  aRequestId: string;
  bRequestId: string;
  /** Talk rooms (private, so that members can be added) and room requests: A's and B's. */
  aRoomId: string;
  bRoomId: string;
  aRoomRequestId: string;
  bRoomRequestId: string;
  /** Posts (in the private rooms above, by each network's admin) and a comment on each. */
  aPostId: string;
  bPostId: string;
  aCommentId: string;
  bCommentId: string;
  /** Images (A's: unattached, uploaded by A's admin) and custom stamps, uploaded through the API. */
  aImageId: string;
  bImageId: string;
  aStamp: { id: string; name: string };
  bStamp: { id: string; name: string };
  /** Group conversations of each network's three members, and a message of its admin in each. */
  aConversationId: string;
  bConversationId: string;
  aMessageId: string;
  bMessageId: string;
  /** Notifications of each network's admin; a one-click unsubscribe link of A's admin. */
  aNotificationId: string;
  bNotificationId: string;
  aUnsubscribeToken: string;
  /** Open reports (by each network's alumni, about its post). */
  aReportId: string;
  bReportId: string;
  aEventId: string;
  bEventId: string;
  /** A's alumna's registration for A's event, and B's alumna's for B's. */
  aRegistrationId: string;
  bRegistrationId: string;
  aSeriesId: string;
  bSeriesId: string;
  /** A third network, co-host of A's event. */
  cohost: Tenant;
  /** An event of the third network that invited A to co-host it. */
  invitingEventId: string;
  aFeedToken: string;
  /** A survey to the whole network, sent by its admin. */
  aSurveyId: string;
  bSurveyId: string;
  /** Links of A's invitations (to addresses without an account), one per join route that takes a token. */
  aTokens: { view: string; accept: string; signUp: string };
}

/**
 * For each path parameter: the id of network A's own resource, and the id of a resource the
 * actor must not reach (network B's, or another account's). Add new parameters here.
 */
const paramValues: Record<string, { own: (w: World) => string; other: (w: World) => string }> = {
  networkId: { own: (w) => w.a.network.id, other: (w) => w.b.network.id },
  memberId: { own: (w) => w.a.alumni.membership.id, other: (w) => w.b.alumni.membership.id },
  sessionId: { own: (w) => w.aAdminOtherSessionId, other: (w) => w.bSessionId },
  invitationId: { own: (w) => w.aInvitationId, other: (w) => w.bInvitationId },
  importId: { own: (w) => w.aImportId, other: (w) => w.bImportId },
  requestId: { own: (w) => w.aRequestId, other: (w) => w.bRequestId },
  roomId: { own: (w) => w.aRoomId, other: (w) => w.bRoomId },
  roomRequestId: { own: (w) => w.aRoomRequestId, other: (w) => w.bRoomRequestId },
  postId: { own: (w) => w.aPostId, other: (w) => w.bPostId },
  commentId: { own: (w) => w.aCommentId, other: (w) => w.bCommentId },
  imageId: { own: (w) => w.aImageId, other: (w) => w.bImageId },
  // No network has an "original": only thumb and large exist.
  variant: { own: () => "thumb", other: () => "original" },
  stampId: { own: (w) => w.aStamp.id, other: (w) => w.bStamp.id },
  // B's custom stamp's name is no stamp in A.
  stampName: { own: (w) => w.aStamp.name, other: (w) => w.bStamp.name },
  conversationId: { own: (w) => w.aConversationId, other: (w) => w.bConversationId },
  messageId: { own: (w) => w.aMessageId, other: (w) => w.bMessageId },
  notificationId: { own: (w) => w.aNotificationId, other: (w) => w.bNotificationId },
  reportId: { own: (w) => w.aReportId, other: (w) => w.bReportId },
  // An unsubscribe link works without a session: the refused one is forged (B's member, no valid signature).
  token: { own: (w) => w.aUnsubscribeToken, other: (w) => `${w.b.admin.membership.id}.digest.${"A".repeat(43)}` },
  eventId: { own: (w) => w.aEventId, other: (w) => w.bEventId },
  surveyId: { own: (w) => w.aSurveyId, other: (w) => w.bSurveyId },
  registrationId: { own: (w) => w.aRegistrationId, other: (w) => w.bRegistrationId },
  seriesId: { own: (w) => w.aSeriesId, other: (w) => w.bSeriesId },
  // B is nobody's co-host: removing it from A's event finds nothing.
  cohostNetworkId: { own: (w) => w.cohost.network.id, other: (w) => w.b.network.id },
  // The calendar feed is public: its token is the credential; a made-up one is nobody's.
  feedToken: { own: (w) => w.aFeedToken, other: () => "A".repeat(43) },
  // The join routes name a network by its public slug. A takes join requests; B does not, so B has
  // no public page at all (404). Links carry A's tokens: see `foreignRefusals` for B's slug.
  slug: { own: (w) => w.a.network.slug, other: (w) => w.b.network.slug },
};

/**
 * Refusals that are not a 404 by design (still without any effect). An invitation link opened on
 * another network's page answers invitation_other_network, which tells the holder of the token —
 * who knows it is A's anyway — to open the link as mailed; it says nothing about network B.
 */
const foreignRefusals: Record<string, { param: string; status: number; code: string }> = {
  viewInvitation: { param: "slug", status: 409, code: "invitation_other_network" },
  acceptInvitation: { param: "slug", status: 409, code: "invitation_other_network" },
  signUpWithInvitation: { param: "slug", status: 409, code: "invitation_other_network" },
};

/**
 * Who makes the successful call with A's own ids where A's admin cannot, or must not because it
 * would change who the admin is for the rest of the suite.
 */
const ownCallers: Record<string, (w: World) => Client | Promise<Client>> = {
  // A's admin would leave A (or, as its last admin, be refused).
  leaveNetwork: (w) => w.a.employee.client,
  // Signs the client in as the new account.
  signUpWithInvitation: () => t.anonymous(),
  // A's admin is a member of A already (409 already_member): someone who is not asks.
  createJoinRequest: async () => sessionClient(t, await makeAccount(t)),
  // Admins are the office and have no office conversation of their own (and A's employee may have left A by now).
  openOfficeConversation: async (w) => sessionClient(t, (await freshMemberOf(w.a.network)).account),
  // The admin stays in A's conversation for the reads that follow (the fixtures bring the alumni back).
  leaveConversation: (w) => w.a.alumni.client,
  // The admin is not registered for A's event: a new member registers, then cancels.
  cancelEventRegistration: async (w) => {
    const client = await sessionClient(t, (await freshMemberOf(w.a.network)).account);
    const res = await client.call(events.register, { params: { networkId: w.a.network.id, eventId: w.aEventId }, body: {} });
    expect(res.status, res.raw).toBe(200);
    return client;
  },
};

/**
 * Own ids that differ by route: an invitation to co-host is answered for another network's event
 * (A is not the co-host of its own).
 */
const ownParamOverrides: Record<string, Record<string, (w: World) => string>> = {
  decideCohostInvitation: { eventId: (w) => w.invitingEventId },
};

let png: Buffer;
let stampNames = 0;
const importCsv = "氏名,メールアドレス\r\n山田 太郎,taro.import@example.com\r\n";

/** A's terms version now (the updateNetworkSettings fixture changes A's code of conduct, which raises it). */
const termsVersionOfA = async () =>
  (await t.database.db.selectFrom("networks").select("terms_version").where("id", "=", w.a.network.id).executeTakeFirstOrThrow())
    .terms_version;

/** A's post, comment and room as the post fixtures need them: not deleted, not archived (other fixtures delete or archive them). */
async function restorePostsOfA(): Promise<void> {
  await inSystem(t.database, async (tx) => {
    await tx.updateTable("rooms").set({ archived_at: null }).where("id", "=", w.aRoomId).execute();
    await tx.updateTable("posts").set({ deleted_at: null, hidden_at: null }).where("id", "=", w.aPostId).execute();
    await tx.updateTable("comments").set({ deleted_at: null, hidden_at: null }).where("id", "=", w.aCommentId).execute();
  });
}

/** A new active alumni member of a network (earlier fixtures make A's own members leave or change role). */
async function freshMemberOf(network: Tenant["network"]) {
  const account = await makeAccount(t);
  return { account, membership: await addMember(t, network, account, "alumni") };
}

/** A's conversation as the message fixtures need it: everyone in it, the admin's message not deleted, no blocks. */
async function restoreMessagesOfA(): Promise<void> {
  await inSystem(t.database, async (tx) => {
    await tx.updateTable("conversation_members").set({ left_at: null }).where("conversation_id", "=", w.aConversationId).execute();
    await tx.updateTable("messages").set({ deleted_at: null }).where("id", "=", w.aMessageId).execute();
    await tx.deleteFrom("blocks").where("network_id", "=", w.a.network.id).execute();
  });
}

/** A's event as the event fixtures need it: published, co-hosted by the third network, A's alumna registered and not checked in. */
async function restoreEventsOfA(): Promise<void> {
  await restorePostsOfA();
  await inSystem(t.database, async (tx) => {
    await tx.updateTable("network_events").set({ status: "published", cancel_reason: "" }).where("id", "=", w.aEventId).execute();
    await tx
      .insertInto("event_cohosts")
      .values({
        network_id: w.a.network.id,
        event_id: w.aEventId,
        cohost_network_id: w.cohost.network.id,
        status: "accepted",
        event_title: "交流会",
        event_starts_at: new Date(Date.now() + 10 * 86_400_000),
        event_ends_at: new Date(Date.now() + 10 * 86_400_000 + 7_200_000),
        event_time_zone: "Asia/Tokyo",
      })
      .onConflict((oc) => oc.columns(["network_id", "event_id", "cohost_network_id"]).doNothing())
      .execute();
    await tx
      .updateTable("event_cohosts")
      .set({ status: "invited" })
      .where("event_id", "=", w.invitingEventId)
      .where("cohost_network_id", "=", w.a.network.id)
      .execute();
  });
  // Directly: earlier fixtures may have made A's alumna leave.
  await inSystem(t.database, async (tx) => {
    await tx
      .updateTable("event_registrations")
      .set({ status: "confirmed", cancelled_at: null, checked_in_at: null })
      .where("id", "=", w.aRegistrationId)
      .execute();
    const { n } = await tx
      .selectFrom("event_registrations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("event_id", "=", w.aEventId)
      .where("status", "=", "confirmed")
      .executeTakeFirstOrThrow();
    await tx
      .updateTable("event_seats")
      .set({ confirmed: Number(n), reserved: 0 })
      .where("event_id", "=", w.aEventId)
      .execute();
  });
}

/** A's survey as the survey fixtures need it: unanswered, not closed, sent or a draft. */
async function resetSurveyOfA(sent: boolean): Promise<void> {
  await inSystem(t.database, async (tx) => {
    await tx.deleteFrom("survey_responses").where("survey_id", "=", w.aSurveyId).execute();
    await tx.updateTable("survey_recipients").set({ responded: false }).where("survey_id", "=", w.aSurveyId).execute();
    await tx
      .updateTable("surveys")
      .set({ sent_at: sent ? new Date() : null, closed_at: null })
      .where("id", "=", w.aSurveyId)
      .execute();
  });
}

const surveyBody = (send: boolean) => ({
  title: "満足度",
  audience: { kind: "network" as const },
  questions: [{ kind: "rating" as const, label: "満足度を教えてください" }],
  send,
});

/**
 * A valid request (body or upload) for every endpoint that writes, so that a 404 can only come
 * from the foreign id, never from a body the endpoint would reject anyway. Add new writes here.
 */
const requests: Record<string, () => CallOptions | Promise<CallOptions>> = {
  updateNetworkSettings: () => ({ body: { name: "乗っ取り", purpose: "書き換え", eligibility: "誰でも", codeOfConduct: "なし" } }),
  uploadNetworkLogo: () => multipartFile(png),
  changeMemberRole: () => ({ body: { role: "admin" } }),
  updateMyMemberProfile: () => ({ body: { joinYear: 2001, departments: [{ department: "乗っ取り部" }] } }),
  revokeSession: () => ({}), // DELETE without a body
  createInvitation: () => ({ body: { email: newEmail("invitee"), role: "alumni", note: "ようこそ" } }),
  resendInvitation: async () => {
    // Only a pending (or expired) invitation can be re-sent: reopen A's in case revoke ran first.
    await inSystem(t.database, (tx) =>
      tx.updateTable("invitations").set({ status: "pending" }).where("id", "=", w.aInvitationId).execute(),
    );
    return {};
  },
  revokeInvitation: () => ({}),
  viewInvitation: () => ({ body: { token: w.aTokens.view } }),
  acceptInvitation: async () => ({ body: { token: w.aTokens.accept, termsVersion: await termsVersionOfA() } }),
  signUpWithInvitation: async () => ({
    body: { token: w.aTokens.signUp, termsVersion: await termsVersionOfA(), displayName: "招待 された人", password: testPassword },
  }),
  createJoinRequest: async () => ({ body: { message: "参加させてください", termsVersion: await termsVersionOfA() } }),
  decideJoinRequest: () => ({ body: { decision: "decline", reply: "今回は見送ります" } }),
  removeMember: () => ({ body: { reason: "テスト" } }),
  reactivateMember: async () => {
    // Only a removed or departed member can be let back in: A's alumni is made to have left first.
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ status: "left" }).where("id", "=", w.a.alumni.membership.id).execute(),
    );
    return {};
  },
  leaveNetwork: () => ({}),
  acceptNetworkTerms: async () => ({ body: { termsVersion: await termsVersionOfA() } }),
  uploadMemberImport: () => multipartFile(importCsv, { filename: "members.csv", contentType: "text/csv" }),
  previewMemberImport: () => ({ body: { mapping: { name: 0, email: 1 }, defaultRole: "alumni" } }),
  startMemberImport: () => ({ body: { note: "" } }),
  createRoom: () => ({ body: { name: "新しいルーム", kind: "open" } }),
  updateRoom: () => ({ body: { name: "乗っ取り", audience: "everyone" } }),
  archiveRoom: () => ({}),
  unarchiveRoom: () => ({}),
  reorderRooms: async () => ({
    // Every room of A, as the endpoint wants (createRoom may have added one).
    body: {
      roomIds: (await t.database.db.selectFrom("rooms").select("id").where("network_id", "=", w.a.network.id).orderBy("id").execute()).map(
        (r) => r.id,
      ),
    },
  }),
  addRoomMember: () => ({ body: { memberId: w.a.alumni.membership.id } }),
  removeRoomMember: () => ({}), // DELETE without a body
  setRoomMuted: () => ({ body: { muted: true } }),
  markRoomRead: () => ({}),
  createRoomRequest: () => ({ body: { name: "相談ルーム", reason: "相談したい" } }),
  decideRoomRequest: async () => {
    // Only a pending request can be decided: reopen A's in case it was decided before.
    await inSystem(t.database, (tx) =>
      tx.updateTable("room_requests").set({ status: "pending" }).where("id", "=", w.aRoomRequestId).execute(),
    );
    return { body: { decision: "decline", reply: "今回は見送ります" } };
  },
  createPost: async () => (await restorePostsOfA(), { body: { body: "こんにちは **みなさん**" } }),
  updatePost: async () => (await restorePostsOfA(), { body: { body: "書き換え" } }),
  deletePost: async () => (await restorePostsOfA(), { body: { reason: "テスト" } }),
  pinPost: async () => (await restorePostsOfA(), { body: { pinned: true } }),
  setPostStamp: async () => (await restorePostsOfA(), { body: { emoji: "thumbsup", on: true } }),
  createComment: async () => (await restorePostsOfA(), { body: { body: "コメント" } }),
  updateComment: async () => (await restorePostsOfA(), { body: { body: "書き換え" } }),
  deleteComment: async () => (await restorePostsOfA(), { body: { reason: "テスト" } }),
  setCommentStamp: async () => (await restorePostsOfA(), { body: { emoji: "tada", on: true } }),
  markNotificationRead: () => ({}),
  markAllNotificationsRead: () => ({}),
  updateNotificationSettings: () => ({ body: { emailDm: false, inApp: { stamp: false } } }),
  unsubscribe: () => ({}),
  createReport: async () => (await restorePostsOfA(), { body: { targetKind: "post", targetId: w.aPostId, reason: "spam" } }),
  resolveReport: async () => {
    await inSystem(t.database, (tx) =>
      tx.updateTable("reports").set({ status: "open", resolution: null, resolved_at: null }).where("id", "=", w.aReportId).execute(),
    );
    return { body: { action: "none", reason: "問題なし" } };
  },
  setPostHidden: async () => (await restorePostsOfA(), { body: { hidden: true, reason: "確認中" } }),
  setCommentHidden: async () => (await restorePostsOfA(), { body: { hidden: true, reason: "確認中" } }),
  setMemberSupporter: () => ({ body: { supporter: false } }),
  updateMemberHr: () => ({ body: { hrDepartment: "乗っ取り" } }),
  uploadImage: () => multipartFile(png),
  createCustomStamp: async () => {
    const fields = { name: `stamp_${String(++stampNames)}`, label: "新しいスタンプ" };
    return { ...(await multipartFile(png, { fields })), body: fields };
  },
  setCustomStampArchived: () => ({ body: { archived: true } }),
  openDirectConversation: async () => ({ body: { memberId: (await freshMemberOf(w.a.network)).membership.id } }),
  createGroupConversation: async () => ({
    body: {
      memberIds: [(await freshMemberOf(w.a.network)).membership.id, (await freshMemberOf(w.a.network)).membership.id],
      title: "同期",
    },
  }),
  openOfficeConversation: () => ({}),
  addConversationMembers: async () => (
    await restoreMessagesOfA(),
    { body: { memberIds: [(await freshMemberOf(w.a.network)).membership.id] } }
  ),
  leaveConversation: async () => (await restoreMessagesOfA(), {}),
  markConversationRead: async () => (await restoreMessagesOfA(), {}),
  setConversationMuted: async () => (await restoreMessagesOfA(), { body: { muted: true } }),
  sendMessage: async () => (await restoreMessagesOfA(), { body: { body: "こんにちは" } }),
  updateMessage: async () => (await restoreMessagesOfA(), { body: { body: "書き換え" } }),
  deleteMessage: async () => (await restoreMessagesOfA(), {}),
  setMessageStamp: async () => (await restoreMessagesOfA(), { body: { emoji: "tada", on: true } }),
  updateDmSettings: () => ({ body: { dmPolicy: "everyone" } }),
  blockMember: () => ({}),
  unblockMember: () => ({}),
  createEvent: () => ({ body: eventBody() }),
  updateEvent: async () => (await restoreEventsOfA(), { body: { title: "書き換え" } }),
  cancelEvent: async () => (await restoreEventsOfA(), { body: { reason: "テスト" } }),
  setEventCover: async () => (await restoreEventsOfA(), await multipartFile(png)),
  deleteEventCover: async () => (await restoreEventsOfA(), {}),
  registerForEvent: async () => (await restoreEventsOfA(), { body: {} }),
  cancelEventRegistration: async () => (await restoreEventsOfA(), {}),
  checkInAttendee: async () => (await restoreEventsOfA(), { body: { registrationId: w.aRegistrationId } }),
  undoCheckIn: async () => (await restoreEventsOfA(), {}),
  addEventCohost: async () => (await restoreEventsOfA(), { body: { slug: w.cohost.network.slug } }),
  removeEventCohost: async () => (await restoreEventsOfA(), {}),
  decideCohostInvitation: async () => (await restoreEventsOfA(), { body: { accept: true } }),
  writeEventReport: async () => (await restoreEventsOfA(), { body: { body: "ありがとうございました" } }),
  createEventSeries: () => ({ body: { title: "シリーズ" } }),
  updateEventSeries: () => ({ body: { title: "書き換え" } }),
  setEventOrganizer: () => ({ body: { organizesEvents: false } }),
  createSurvey: () => ({ body: surveyBody(false) }),
  updateSurvey: async () => (await resetSurveyOfA(false), { body: surveyBody(false) }),
  answerSurvey: async () => (await resetSurveyOfA(true), { body: { answers: {} } }),
  closeSurvey: async () => (await resetSurveyOfA(true), {}),
};

const eventBody = (roomId?: string) => ({
  title: "交流会",
  kind: "online" as const,
  startsAt: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  endsAt: new Date(Date.now() + 10 * 86_400_000 + 7_200_000).toISOString(),
  timeZone: "Asia/Tokyo",
  ...(roomId ? { roomId } : {}),
});

/** A notification for the tenant's admin (a newcomer: their employee), made as other features make them. */
const adminNotification = async (tenant: Tenant) =>
  (
    await withAfterCommit((afterCommit) =>
      inTenant(t.database, tenant.network.id, null, (tx) =>
        notify(t.app.deps, tx, afterCommit, {
          networkId: tenant.network.id,
          recipientMemberIds: [tenant.admin.membership.id],
          kind: "newcomer",
          actorMemberId: tenant.employee.membership.id,
        }),
      ),
    )
  )[0] ?? "";

/** The digest's unsubscribe link of the tenant's admin, as their mails carry it. */
const adminUnsubscribeToken = async (tenant: Tenant) => {
  const settings = await inTenant(t.database, tenant.network.id, null, (tx) =>
    ensureSettings(tx, tenant.network.id, tenant.admin.membership.id),
  );
  return signUnsubscribe(settings.unsubscribe_key, tenant.admin.membership.id, "digest");
};

// Built at module load so that the route table names the tests.
const t: TestApp = await createTestApp();
let w: World;

beforeAll(async () => {
  png = await pngWithExif(40, 30);
  const [a, b] = [await makeTenant(t), await makeTenant(t)];
  const second = await signIn(t, a.admin.account);
  // A takes join requests (through its settings), B does not.
  await a.admin.client.call(networks.updateNetworkSettings, { params: { networkId: a.network.id }, body: { joinRequestsOpen: true } });
  const invitation = async (tenant: Tenant) => inviteByApi(t, tenant.admin.client, tenant.network, { email: newEmail("invited") });
  const upload = async (tenant: Tenant) => {
    const res = await tenant.admin.client.call(membership.uploadMemberImport, {
      params: { networkId: tenant.network.id },
      ...(await multipartFile(importCsv, { filename: "members.csv", contentType: "text/csv" })),
    });
    expect(res.status, res.raw).toBe(201);
    return res.body.id as string;
  };
  const request = async (tenant: Tenant) => (await makeJoinRequest(t, tenant.network, await makeAccount(t))).id;
  const room = async (tenant: Tenant) =>
    (
      await inSystem(t.database, (tx) =>
        tx
          .insertInto("rooms")
          .values({ network_id: tenant.network.id, name: "非公開ルーム", kind: "private" })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
  const roomRequest = async (tenant: Tenant) =>
    (
      await inSystem(t.database, (tx) =>
        tx
          .insertInto("room_requests")
          .values({ network_id: tenant.network.id, requester_id: tenant.alumni.membership.id, name: "相談ルーム", kind: "open" })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
  const post = async (tenant: Tenant, roomId: string) =>
    inSystem(t.database, async (tx) => {
      const { id: postId } = await tx
        .insertInto("posts")
        .values({
          network_id: tenant.network.id,
          room_id: roomId,
          author_id: tenant.admin.membership.id,
          body: "投稿",
          body_html: "<p>投稿</p>",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const { id: commentId } = await tx
        .insertInto("comments")
        .values({
          network_id: tenant.network.id,
          post_id: postId,
          author_id: tenant.admin.membership.id,
          body: "コメント",
          body_html: "<p>コメント</p>",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx.updateTable("posts").set({ comment_count: 1 }).where("id", "=", postId).execute();
      return { postId, commentId };
    });
  const [aRoomId, bRoomId] = [await room(a), await room(b)];
  const image = async (tenant: Tenant) => {
    const res = await tenant.admin.client.call(images.uploadImage, {
      params: { networkId: tenant.network.id },
      ...(await multipartFile(png)),
    });
    expect(res.status, res.raw).toBe(201);
    return res.body.id as string;
  };
  const customStamp = async (tenant: Tenant) => {
    const name = `fixture_${tenant.network.slug.replace(/[^a-z0-9]/g, "_").slice(-20)}`;
    const res = await tenant.admin.client.call(stamps.createCustomStamp, {
      params: { networkId: tenant.network.id },
      ...(await multipartFile(png, { fields: { name, label: "スタンプ" } })),
    });
    expect(res.status, res.raw).toBe(201);
    return { id: res.body.id as string, name };
  };
  const [aPost, bPost] = [await post(a, aRoomId), await post(b, bRoomId)];
  const conversation = async (tenant: Tenant) =>
    inSystem(t.database, async (tx) => {
      const { id: conversationId } = await tx
        .insertInto("conversations")
        .values({ network_id: tenant.network.id, kind: "group", created_by: tenant.admin.membership.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("conversation_members")
        .values(
          [tenant.admin, tenant.employee, tenant.alumni].map((p) => ({
            network_id: tenant.network.id,
            conversation_id: conversationId,
            member_id: p.membership.id,
          })),
        )
        .execute();
      const { id: messageId } = await tx
        .insertInto("messages")
        .values({
          network_id: tenant.network.id,
          conversation_id: conversationId,
          author_id: tenant.admin.membership.id,
          body: "メッセージ",
          body_html: "<p>メッセージ</p>",
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { conversationId, messageId };
    });
  const [aConversation, bConversation] = [await conversation(a), await conversation(b)];
  const report = async (tenant: Tenant, postId: string) =>
    (
      await inSystem(t.database, (tx) =>
        tx
          .insertInto("reports")
          .values({
            network_id: tenant.network.id,
            reporter_id: tenant.alumni.membership.id,
            target_kind: "post",
            target_id: postId,
            subject_id: tenant.admin.membership.id,
            reason: "spam",
            context: JSON.stringify({ text: "投稿" }),
          })
          .returning("id")
          .executeTakeFirstOrThrow(),
      )
    ).id;
  const event = async (tenant: Tenant, roomId: string) => {
    const res = await tenant.admin.client.call(events.createEvent, { params: { networkId: tenant.network.id }, body: eventBody(roomId) });
    expect(res.status, res.raw).toBe(201);
    const reg = await tenant.alumni.client.call(events.register, {
      params: { networkId: tenant.network.id, eventId: res.body.id },
      body: {},
    });
    expect(reg.status, reg.raw).toBe(200);
    const series = await tenant.admin.client.call(events.createSeries, {
      params: { networkId: tenant.network.id },
      body: { title: "シリーズ" },
    });
    expect(series.status, series.raw).toBe(201);
    return { eventId: res.body.id as string, registrationId: reg.body.id as string, seriesId: series.body.id as string };
  };
  const [aEvent, bEvent] = [await event(a, aRoomId), await event(b, bRoomId)];
  const cohost = await makeTenant(t);
  const cohostRoom = await room(cohost);
  const inviting = await event(cohost, cohostRoom);
  const invite = await cohost.admin.client.call(events.addCohost, {
    params: { networkId: cohost.network.id, eventId: inviting.eventId },
    body: { slug: a.network.slug },
  });
  expect(invite.status, invite.raw).toBe(200);
  const survey = async (tenant: Tenant) => {
    const res = await tenant.admin.client.call(surveys.createSurvey, { params: { networkId: tenant.network.id }, body: surveyBody(true) });
    expect(res.status, res.raw).toBe(201);
    return res.body.id as string;
  };
  const feed = await a.admin.client.call(events.createCalendarFeed);
  expect(feed.status, feed.raw).toBe(200);
  w = {
    aEventId: aEvent.eventId,
    bEventId: bEvent.eventId,
    aRegistrationId: aEvent.registrationId,
    bRegistrationId: bEvent.registrationId,
    aSeriesId: aEvent.seriesId,
    bSeriesId: bEvent.seriesId,
    cohost,
    invitingEventId: inviting.eventId,
    aFeedToken: (feed.body.url as string).split("/").pop()!,
    aSurveyId: await survey(a),
    bSurveyId: await survey(b),
    a,
    b,
    aPostId: aPost.postId,
    bPostId: bPost.postId,
    aCommentId: aPost.commentId,
    bCommentId: bPost.commentId,
    aImageId: await image(a),
    bImageId: await image(b),
    aStamp: await customStamp(a),
    bStamp: await customStamp(b),
    aConversationId: aConversation.conversationId,
    bConversationId: bConversation.conversationId,
    aMessageId: aConversation.messageId,
    bMessageId: bConversation.messageId,
    aAdminOtherSessionId: await sessionIdOf(t, second),
    bSessionId: await sessionIdOf(t, b.alumni.client),
    aInvitationId: (await invitation(a)).invitation.id,
    bInvitationId: (await invitation(b)).invitation.id,
    aImportId: await upload(a),
    bImportId: await upload(b),
    aRequestId: await request(a),
    bRequestId: await request(b),
    aRoomId,
    bRoomId,
    aRoomRequestId: await roomRequest(a),
    bRoomRequestId: await roomRequest(b),
    aTokens: { view: (await invitation(a)).token, accept: (await invitation(a)).token, signUp: (await invitation(a)).token },
    aNotificationId: await adminNotification(a),
    bNotificationId: await adminNotification(b),
    aUnsubscribeToken: await adminUnsubscribeToken(a),
    aReportId: await report(a, aPost.postId),
    bReportId: await report(b, bPost.postId),
  };
});
afterAll(async () => {
  await t.close();
});

const pathParams = (route: RouteDef) => [...route.endpoint.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "");
const label = (route: RouteDef) => `${route.endpoint.method} ${route.endpoint.path} (${route.endpoint.id}, ${route.endpoint.access})`;

// Operator routes are cross-network by design (the operator runs every network); they are
// closed to everyone else, which operator-networks.test.ts and outbox.test.ts check (404).
const tenantRoutes = () => t.app.routes.filter((r) => r.endpoint.access !== "operator" && pathParams(r).length > 0);

function filesUnder(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const full = path.join(dir, e);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

async function requestFor(route: RouteDef): Promise<CallOptions> {
  if (route.endpoint.method === "GET") return {};
  const build = requests[route.endpoint.id];
  if (!build)
    throw new Error(
      `${label(route)} writes but has no request fixture: add "${route.endpoint.id}" to \`requests\` in ` +
        `test/server/tenant-isolation.test.ts with a body the endpoint accepts.`,
    );
  const options = await build();
  if (route.endpoint.body) {
    const parsed = route.endpoint.body.safeParse(options.body ?? {});
    expect(parsed.success, `the fixture body of ${route.endpoint.id} is not valid for the endpoint`).toBe(true);
  }
  return options;
}

function paramsFor(route: RouteDef, foreign: Set<string>): Record<string, string> {
  return Object.fromEntries(
    pathParams(route).map((name) => {
      const values = paramValues[name];
      if (!values)
        throw new Error(
          `${label(route)} has the path parameter ":${name}", which the tenant-isolation suite does not know. ` +
            `Add "${name}" to \`paramValues\` in test/server/tenant-isolation.test.ts: \`own\` gives network A's id for it, ` +
            `\`other\` the id of network B's (or another account's) resource.`,
        );
      const own = ownParamOverrides[route.endpoint.id]?.[name] ?? values.own;
      return [name, foreign.has(name) ? values.other(w) : own(w)];
    }),
  );
}

/** Each parameter foreign on its own, then all of them at once. */
function variants(route: RouteDef): Set<string>[] {
  const names = pathParams(route);
  const single = names.map((n) => new Set([n]));
  return names.length > 1 ? [...single, new Set(names)] : single;
}

async function expectRefusedWithoutEffect(client: Client, route: RouteDef, foreign: Set<string>) {
  const params = paramsFor(route, foreign);
  const request = await requestFor(route);
  const before = await snapshotDatabase(t.database);
  const filesBefore = filesUnder(t.config.dataDir);
  const res = await client.call(route.endpoint, { ...request, params });
  const what = `${label(route)} with foreign ${[...foreign].join("+")} ${JSON.stringify(params)}`;
  const refusal = foreignRefusals[route.endpoint.id];
  const expected = refusal && foreign.has(refusal.param) ? refusal : { status: 404, code: "not_found" };
  expect({ status: res.status, code: res.body?.error?.code }, `${what}: ${res.raw}`).toEqual({
    status: expected.status,
    code: expected.code,
  });
  expect(await snapshotDatabase(t.database), `${what} changed the database`).toEqual(before);
  expect(filesUnder(t.config.dataDir), `${what} wrote a file`).toEqual(filesBefore);
}

describe("tenant isolation over the route table", () => {
  it("the snapshot notices a changed row (so an unchanged snapshot means something)", async () => {
    const before = await snapshotDatabase(t.database);
    await t.database.db.updateTable("networks").set({ purpose: "changed" }).where("id", "=", w.b.network.id).execute();
    const after = await snapshotDatabase(t.database);
    await t.database.db.updateTable("networks").set({ purpose: w.b.network.purpose }).where("id", "=", w.b.network.id).execute();
    expect(after.networks).not.toBe(before.networks);
    expect({ ...after, networks: "" }).toEqual({ ...before, networks: "" });
    expect(await snapshotDatabase(t.database)).toEqual(before);
  });

  it("the route table has parameterised tenant routes to check", () => {
    expect(tenantRoutes().length).toBeGreaterThanOrEqual(6);
  });

  describe.each(tenantRoutes().map((r) => [label(r), r] as const))("%s", (_name, route) => {
    it("A's admin gets 404 for B's (or another account's) ids, and nothing changes", async () => {
      for (const foreign of variants(route)) await expectRefusedWithoutEffect(w.a.admin.client, route, foreign);
    });

    it("with A's own ids the same request succeeds (so the 404 above came from the foreign id)", async () => {
      const client = (await ownCallers[route.endpoint.id]?.(w)) ?? w.a.admin.client;
      const res = await client.call(route.endpoint, { ...(await requestFor(route)), params: paramsFor(route, new Set()) });
      expect(res.status, res.raw).toBeGreaterThanOrEqual(200);
      expect(res.status, res.raw).toBeLessThan(300);
    });
  });

  describe.each(tenantRoutes().flatMap((r) => (pathParams(r).includes("networkId") ? [[label(r), r] as const] : [])))(
    "%s",
    (_name, route) => {
      it("A's employee and alumni get 404 (not 403) with network B's ids, and nothing changes", async () => {
        for (const member of [w.a.employee, w.a.alumni]) await expectRefusedWithoutEffect(member.client, route, new Set(pathParams(route)));
      });
    },
  );

  it("someone who is a member of both sees each network only through its own id", async () => {
    const both = await makeAccount(t);
    await addMember(t, w.a.network, both, "alumni");
    await addMember(t, w.b.network, both, "admin");
    const client = await signIn(t, both);
    // Admin in B, alumni in A: B's admin rights do not carry over to A.
    const route = tenantRoutes().find((r) => r.endpoint.id === "changeMemberRole");
    expect(route).toBeDefined();
    const res = await client.call(route!.endpoint, {
      params: { networkId: w.a.network.id, memberId: w.b.alumni.membership.id },
      body: { role: "admin" },
    });
    expect(res.status).toBe(403); // a member of A without the role: 403 is right here
    const cross = await client.call(route!.endpoint, {
      params: { networkId: w.b.network.id, memberId: w.a.alumni.membership.id },
      body: { role: "admin" },
    });
    expect(cross.status).toBe(404);
  });

  it("GET routes without parameters never mention network B or its people to A's admin", async () => {
    const secrets = [
      w.b.network.id,
      w.b.network.slug,
      w.b.network.name,
      ...[w.b.admin, w.b.employee, w.b.alumni].flatMap((m) => [m.account.id, m.account.email, m.account.display_name, m.membership.id]),
      w.bSessionId,
    ];
    const reads = t.app.routes.filter((r) => r.endpoint.method === "GET" && r.endpoint.access !== "operator" && pathParams(r).length === 0);
    expect(reads.length).toBeGreaterThan(0);
    for (const route of reads) {
      const res = await w.a.admin.client.call(route.endpoint);
      expect(res.status, `${label(route)}: ${res.raw}`).toBe(200);
      for (const secret of secrets) expect(res.raw, `${label(route)} leaks ${secret}`).not.toContain(secret);
    }
  });
});
