// Events: creating with bad input, registration with a waitlist under concurrency, promotion in
// order, registration questions, check-in, the attendee CSV, and the co-host visibility matrix
// (host, co-host, a third network, a non-member). On PGlite and PostgreSQL alike.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as ev from "../../src/shared/contract/events.ts";
import * as rooms from "../../src/shared/contract/rooms.ts";
import type { EventInput } from "../../src/shared/contract/events.ts";
import type { AccountRow, NetworkRow } from "../../src/server/platform/db/schema.ts";
import { inSystem, inTenant } from "../../src/server/platform/tenancy/scope.ts";
import { addMember, makeAccount, makeNetwork, makeQuickTenant, sessionClient } from "../helpers/factories.ts";
import { createEvent, eventBody, inDays } from "../helpers/events.ts";
import { createTestApp, type Client, type TestApp } from "../helpers/test-app.ts";

// Each test makes several networks and members, with their sessions: more than the default 30 s
// on a busy two-core machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function member(network: NetworkRow, role: "admin" | "employee" | "alumni" = "alumni", name?: string) {
  const account = await makeAccount(t, name ? { name } : {});
  const membership = await addMember(t, network, account, role);
  return { account, membership, client: await sessionClient(t, account) };
}

const drain = async () => {
  await t.app.deps.jobs.drain();
};

describe("creating events", () => {
  it("refuses bad input with an error naming the field, and creates nothing", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const cases: [Partial<EventInput> & Record<string, unknown>, string][] = [
      [{ endsAt: inDays(10, 9) }, "endsAt"],
      [{ registrationDeadline: inDays(11) }, "registrationDeadline"],
      [{ timeZone: "Mars/Olympus" }, "timeZone"],
      [{ capacity: 0 }, "capacity"],
      [{ kind: "offline", venueName: "" }, "venueName"],
      [{ roomId: "00000000-0000-4000-8000-000000000000" }, "roomId"],
      [{ seriesId: "00000000-0000-4000-8000-000000000000" }, "seriesId"],
      [{ inviteeIds: ["00000000-0000-4000-8000-000000000000"], audience: "invited" }, "inviteeIds"],
      [{ questions: [{ kind: "single", label: "どれ？", options: ["A"], required: false }] }, "questions.0.options"],
      [{ title: "" }, "title"],
    ];
    for (const [overrides, field] of cases) {
      const res = await admin.client.call(ev.createEvent, { params: { networkId: network.id }, body: eventBody(overrides) });
      expect(res.status, `${field}: ${res.raw}`).toBe(400);
      expect(Object.keys(res.body.error.fields), field).toContain(field);
      expect(res.body.error.fields[field]).not.toMatch(/^event_/);
    }
    const list = await admin.client.call(ev.listEvents, { params: { networkId: network.id } });
    expect(list.body.items).toEqual([]);
  });

  it("lets admins and allowed supporters organise, nobody else", async () => {
    const { network, admin, alumni, employee } = await makeQuickTenant(t);
    const supporter = await member(network, "alumni");
    await inSystem(t.database, (tx) =>
      tx.updateTable("memberships").set({ supporter_since: new Date() }).where("id", "=", supporter.membership.id).execute(),
    );
    for (const who of [alumni, employee, supporter]) {
      const res = await who.client.call(ev.createEvent, { params: { networkId: network.id }, body: eventBody() });
      expect(res.status).toBe(403);
    }
    const notSupporter = await admin.client.call(ev.setEventOrganizer, {
      params: { networkId: network.id, memberId: alumni.membership.id },
      body: { organizesEvents: true },
    });
    expect(notSupporter.status).toBe(400);
    const allowed = await admin.client.call(ev.setEventOrganizer, {
      params: { networkId: network.id, memberId: supporter.membership.id },
      body: { organizesEvents: true },
    });
    expect(allowed.status, allowed.raw).toBe(200);
    const event = await createEvent(supporter.client, network);
    expect(event.can.edit).toBe(true);
    expect(event.organizers.map((o) => o.memberId)).toEqual([supporter.membership.id]);
    // Another supporter's event: the admin edits it, an alumna does not.
    const patch = await admin.client.call(ev.updateEvent, {
      params: { networkId: network.id, eventId: event.id },
      body: { title: "改題" },
    });
    expect(patch.status, patch.raw).toBe(200);
    const denied = await alumni.client.call(ev.updateEvent, { params: { networkId: network.id, eventId: event.id }, body: { title: "x" } });
    expect(denied.status).toBe(403);
  });

  it("announces the event in its room and shows the online URL to confirmed attendees only", async () => {
    const { network, admin, alumni, employee } = await makeQuickTenant(t);
    const room = await admin.client.call(rooms.createRoom, {
      params: { networkId: network.id },
      body: { name: "お知らせ", kind: "announcement" },
    });
    expect(room.status, room.raw).toBe(201);
    const announcements = room.body as { id: string };
    const event = await createEvent(admin.client, network, {
      kind: "hybrid",
      onlineUrl: "https://meet.example.com/abc",
      capacity: 1,
      roomId: announcements.id,
    });
    expect(event.announcementPostId).not.toBeNull();
    expect(event.onlineUrl).toBe("https://meet.example.com/abc");
    const seen = await alumni.client.call(ev.getEvent, { params: { networkId: network.id, eventId: event.id } });
    expect(seen.body.onlineUrl).toBe("");
    expect(seen.body.onlineUrlHidden).toBe(true);
    await alumni.client.call(ev.register, { params: { networkId: network.id, eventId: event.id }, body: {} });
    const confirmed = await alumni.client.call(ev.getEvent, { params: { networkId: network.id, eventId: event.id } });
    expect(confirmed.body.myRegistration.status).toBe("confirmed");
    expect(confirmed.body.onlineUrl).toBe("https://meet.example.com/abc");
    // Full: the next one waits and does not get the link.
    await employee.client.call(ev.register, { params: { networkId: network.id, eventId: event.id }, body: {} });
    const waiting = await employee.client.call(ev.getEvent, { params: { networkId: network.id, eventId: event.id } });
    expect(waiting.body.myRegistration.status).toBe("waitlisted");
    expect(waiting.body.myRegistration.waitlistPlace).toBe(1);
    expect(waiting.body.myRegistration.ticketCode).toBeNull();
    expect(waiting.body.onlineUrl).toBe("");
  });
});

describe("registration and the waitlist", () => {
  it("200 members registering at once for 50 places: exactly 50 confirmed, the rest waitlisted in order; each cancellation promotes exactly one", async () => {
    const { network, admin } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network, { capacity: 50 });
    const people = await Promise.all(Array.from({ length: 200 }, () => member(network)));
    const results = await Promise.all(
      people.map((p) => p.client.call(ev.register, { params: { networkId: network.id, eventId: event.id }, body: {} })),
    );
    for (const r of results) expect(r.status, r.raw).toBe(200);
    const statuses = results.map((r) => r.body as ev.MyRegistration);
    expect(statuses.filter((s) => s.status === "confirmed")).toHaveLength(50);
    const waitlisted = statuses.filter((s) => s.status === "waitlisted");
    expect(waitlisted).toHaveLength(150);
    // Places are 1…150, each once.
    expect(waitlisted.map((s) => s.waitlistPlace).sort((a, b) => a! - b!)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));

    const list = async () =>
      (await admin.client.call(ev.listAttendees, { params: { networkId: network.id, eventId: event.id } })).body.items as ev.Attendee[];
    const before = await list();
    const queue = before.filter((a) => a.status === "waitlisted").map((a) => a.id);
    expect(before.filter((a) => a.status === "waitlisted").map((a) => a.waitlistPlace)).toEqual(
      Array.from({ length: 150 }, (_, i) => i + 1),
    );

    // A second registration is idempotent: same id, same status, same place.
    const again = await people[0]!.client.call(ev.register, { params: { networkId: network.id, eventId: event.id }, body: {} });
    expect(again.body.id).toBe(statuses[0]!.id);
    expect(again.body.status).toBe(statuses[0]!.status);

    // Ten confirmed people cancel at once: after the promotion job, the first ten waiting got their places.
    const confirmedPeople = people.filter((_, i) => statuses[i]!.status === "confirmed").slice(0, 10);
    const cancels = await Promise.all(
      confirmedPeople.map((p) => p.client.call(ev.cancelRegistration, { params: { networkId: network.id, eventId: event.id } })),
    );
    for (const c of cancels) expect(c.body.status).toBe("cancelled");
    await drain();
    const after = await list();
    expect(after.filter((a) => a.status === "confirmed")).toHaveLength(50);
    const promoted = after.filter((a) => a.promotedAt !== null).map((a) => a.id);
    expect(new Set(promoted)).toEqual(new Set(queue.slice(0, 10)));
    expect(after.filter((a) => a.status === "waitlisted").map((a) => a.id)).toEqual(queue.slice(10));
    const detail = await admin.client.call(ev.getEvent, { params: { networkId: network.id, eventId: event.id } });
    expect(detail.body.confirmed).toBe(50);
    expect(detail.body.waitlisted).toBe(140);
    // A promoted person is told (the mail is in the outbox).
    const promotedMails = await inSystem(t.database, (tx) =>
      tx.selectFrom("mail_outbox").select("to_address").where("kind", "=", "event_promoted").execute(),
    );
    expect(promotedMails.length).toBeGreaterThanOrEqual(10);

    // A waitlisted person who cancels leaves the queue: the places behind them move up.
    const third = people.find((_, i) => statuses[i]!.id === queue[12])!;
    await third.client.call(ev.cancelRegistration, { params: { networkId: network.id, eventId: event.id } });
    const fourth = people.find((_, i) => statuses[i]!.id === queue[13])!;
    const moved = await fourth.client.call(ev.getEvent, { params: { networkId: network.id, eventId: event.id } });
    expect(moved.body.myRegistration.waitlistPlace).toBe(3);

    // Raising the capacity hands the new seats to the waitlist, in order.
    const raise = await admin.client.call(ev.updateEvent, { params: { networkId: network.id, eventId: event.id }, body: { capacity: 53 } });
    expect(raise.status, raise.raw).toBe(200);
    await drain();
    const raised = await list();
    expect(raised.filter((a) => a.status === "confirmed")).toHaveLength(53);
    // Lowering it below the confirmed count is refused.
    const lower = await admin.client.call(ev.updateEvent, { params: { networkId: network.id, eventId: event.id }, body: { capacity: 10 } });
    expect(lower.status).toBe(400);
    expect(lower.body.error.fields.capacity).toBeTruthy();
  }, 120_000);

  it("checks answers to the registration questions and saves nothing on error", async () => {
    const { network, admin, alumni } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network, {
      questions: [
        { kind: "single", label: "話したい社員は？", options: ["人事", "営業"], required: true },
        { kind: "multiple", label: "興味", options: ["採用", "副業", "協業"], required: false },
        { kind: "text", label: "ひとこと", options: [], required: false },
      ],
    });
    const [q1, q2, q3] = event.questions;
    const params = { networkId: network.id, eventId: event.id };
    const missing = await alumni.client.call(ev.register, { params, body: { answers: { [q3!.id]: "よろしく" } } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields[`answers.${q1!.id}`]).toBeTruthy();
    const wrong = await alumni.client.call(ev.register, { params, body: { answers: { [q1!.id]: "経理", [q2!.id]: ["採用", "x"] } } });
    expect(Object.keys(wrong.body.error.fields).sort()).toEqual([`answers.${q1!.id}`, `answers.${q2!.id}`].sort());
    const unknown = await alumni.client.call(ev.register, {
      params,
      body: { answers: { [q1!.id]: "人事", "00000000-0000-4000-8000-000000000000": "?" } },
    });
    expect(unknown.body.error.fields["answers.00000000-0000-4000-8000-000000000000"]).toBeTruthy();
    const none = await admin.client.call(ev.listAttendees, { params });
    expect(none.body.items).toEqual([]);

    const ok = await alumni.client.call(ev.register, { params, body: { answers: { [q1!.id]: "人事", [q2!.id]: ["副業", "採用"] } } });
    expect(ok.status, ok.raw).toBe(200);
    expect(ok.body.answers).toEqual({ [q1!.id]: "人事", [q2!.id]: ["副業", "採用"] });

    const csv = await admin.client.call(ev.exportAttendees, { params });
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.raw.startsWith("\uFEFF")).toBe(true);
    const [header, row] = csv.raw.slice(1).split("\r\n");
    expect(header).toContain("話したい社員は？");
    expect(row).toContain("人事");
    expect(row).toContain("副業 / 採用");
  });

  it("closes registration after the deadline and for cancelled events", async () => {
    const { network, admin, alumni, employee } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network, { registrationDeadline: inDays(5) });
    await inSystem(t.database, (tx) =>
      tx
        .updateTable("network_events")
        .set({ registration_deadline: new Date(Date.now() - 1000) })
        .where("id", "=", event.id)
        .execute(),
    );
    const late = await alumni.client.call(ev.register, { params: { networkId: network.id, eventId: event.id }, body: {} });
    expect(late.status).toBe(409);
    expect(late.body.error.fields.registration).toBeTruthy();
    const other = await createEvent(admin.client, network);
    await employee.client.call(ev.register, { params: { networkId: network.id, eventId: other.id }, body: {} });
    const cancelled = await admin.client.call(ev.cancelEvent, {
      params: { networkId: network.id, eventId: other.id },
      body: { reason: "台風のため" },
    });
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.sequence).toBe(1);
    const refused = await alumni.client.call(ev.register, { params: { networkId: network.id, eventId: other.id }, body: {} });
    expect(refused.status).toBe(409);
    await drain();
    const told = await inSystem(t.database, (tx) =>
      tx
        .selectFrom("mail_outbox")
        .select("to_address")
        .where("kind", "=", "event_cancelled")
        .where("to_address", "=", employee.account.email)
        .execute(),
    );
    expect(told).toHaveLength(1);
  });
});

describe("check-in", () => {
  it("checks in by ticket code or by registration, once; refuses waitlisted and unknown tickets; can be undone", async () => {
    const { network, admin, alumni, employee } = await makeQuickTenant(t);
    const event = await createEvent(admin.client, network, { capacity: 1 });
    const params = { networkId: network.id, eventId: event.id };
    const mine = (await alumni.client.call(ev.register, { params, body: {} })).body as ev.MyRegistration;
    const waiting = (await employee.client.call(ev.register, { params, body: {} })).body as ev.MyRegistration;
    expect(mine.ticketCode).toBeTruthy();

    const unknown = await admin.client.call(ev.checkIn, { params, body: { ticketCode: "x".repeat(22) } });
    expect(unknown.status).toBe(404);
    const denied = await alumni.client.call(ev.checkIn, { params, body: { ticketCode: mine.ticketCode! } });
    expect(denied.status).toBe(403);
    const first = await admin.client.call(ev.checkIn, { params, body: { ticketCode: mine.ticketCode! } });
    expect(first.status, first.raw).toBe(200);
    expect(first.body.alreadyCheckedIn).toBe(false);
    expect(first.body.attendee.checkedInAt).not.toBeNull();
    const second = await admin.client.call(ev.checkIn, { params, body: { registrationId: mine.id } });
    expect(second.body.alreadyCheckedIn).toBe(true);
    const notConfirmed = await admin.client.call(ev.checkIn, { params, body: { registrationId: waiting.id } });
    expect(notConfirmed.status).toBe(409);

    const detail = await admin.client.call(ev.getEvent, { params });
    expect(detail.body.attendance).toEqual({ checkedIn: 1, confirmed: 1 });
    const ticket = await alumni.client.call(ev.getEvent, { params });
    expect(ticket.body.myRegistration.checkedInAt).not.toBeNull();

    const undo = await admin.client.call(ev.undoCheckIn, { params: { ...params, registrationId: mine.id } });
    expect(undo.body.checkedInAt).toBeNull();
  });
});

describe("co-hosted events", () => {
  async function world() {
    const host = await makeQuickTenant(t);
    const cohost = await makeQuickTenant(t);
    const third = await makeQuickTenant(t);
    const outsider: { account: AccountRow; client: Client } = await (async () => {
      const account = await makeAccount(t);
      return { account, client: await sessionClient(t, account) };
    })();
    const event = await createEvent(host.admin.client, host.network, { capacity: 2 });
    const invited = await host.admin.client.call(ev.addCohost, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { slug: cohost.network.slug },
    });
    expect(invited.status, invited.raw).toBe(200);
    return { host, cohost, third, outsider, event };
  }
  const get = (client: Client, networkId: string, eventId: string) => client.call(ev.getEvent, { params: { networkId, eventId } });

  it("shows the event to accepted co-hosts' members only, who register from their own network; nobody learns more", async () => {
    const { host, cohost, third, outsider, event } = await world();
    // Invited, not yet accepted: the co-host's members do not see it; its admins see the invitation.
    expect((await get(cohost.alumni.client, cohost.network.id, event.id)).status).toBe(404);
    const invitations = await cohost.admin.client.call(ev.listCohostInvitations, { params: { networkId: cohost.network.id } });
    expect(invitations.body.items).toHaveLength(1);
    expect(invitations.body.items[0].event.title).toBe(event.title);
    expect(invitations.body.items[0].host.name).toBe(host.network.name);
    const notAdmin = await cohost.alumni.client.call(ev.listCohostInvitations, { params: { networkId: cohost.network.id } });
    expect(notAdmin.status).toBe(403);
    const accept = await cohost.admin.client.call(ev.decideCohostInvitation, {
      params: { networkId: cohost.network.id, eventId: event.id },
      body: { accept: true },
    });
    expect(accept.status, accept.raw).toBe(200);

    // The matrix: who sees the event, through which network.
    const matrix: [string, Client, string, number][] = [
      ["host admin", host.admin.client, host.network.id, 200],
      ["host alumni", host.alumni.client, host.network.id, 200],
      ["co-host alumni", cohost.alumni.client, cohost.network.id, 200],
      ["co-host employee", cohost.employee.client, cohost.network.id, 200],
      ["co-host admin", cohost.admin.client, cohost.network.id, 200],
      ["co-host alumni via the host's path", cohost.alumni.client, host.network.id, 404],
      ["third network", third.alumni.client, third.network.id, 404],
      ["third network via the host's path", third.alumni.client, host.network.id, 404],
      ["non-member", outsider.client, host.network.id, 404],
    ];
    for (const [who, client, networkId, status] of matrix) expect((await get(client, networkId, event.id)).status, who).toBe(status);
    const cohostList = await cohost.alumni.client.call(ev.listEvents, { params: { networkId: cohost.network.id } });
    expect(cohostList.body.items.map((e: ev.EventCard) => [e.id, e.cohosted, e.host.name])).toEqual([[event.id, true, host.network.name]]);
    expect((await third.alumni.client.call(ev.listEvents, { params: { networkId: third.network.id } })).body.items).toEqual([]);

    // Only the host edits; to a co-host the event is not theirs to change or manage (404, as an unknown one).
    const edit = await cohost.admin.client.call(ev.updateEvent, {
      params: { networkId: cohost.network.id, eventId: event.id },
      body: { title: "x" },
    });
    expect(edit.status).toBe(404);
    const attendees = await cohost.admin.client.call(ev.listAttendees, { params: { networkId: cohost.network.id, eventId: event.id } });
    expect(attendees.status).toBe(404);

    // Registration from both networks shares the seats; the organiser sees where each came from.
    const a = await host.alumni.client.call(ev.register, { params: { networkId: host.network.id, eventId: event.id }, body: {} });
    const b = await cohost.alumni.client.call(ev.register, { params: { networkId: cohost.network.id, eventId: event.id }, body: {} });
    const c = await cohost.employee.client.call(ev.register, { params: { networkId: cohost.network.id, eventId: event.id }, body: {} });
    expect([a.body.status, b.body.status, c.body.status]).toEqual(["confirmed", "confirmed", "waitlisted"]);
    expect(c.body.waitlistPlace).toBe(1);
    const list = await host.admin.client.call(ev.listAttendees, { params: { networkId: host.network.id, eventId: event.id } });
    expect(list.body.items.map((x: ev.Attendee) => [x.status, x.network.name])).toEqual([
      ["confirmed", host.network.name],
      ["confirmed", cohost.network.name],
      ["waitlisted", cohost.network.name],
    ]);

    // The host's member cancels: the co-host's waiting member is promoted by the job.
    await host.alumni.client.call(ev.cancelRegistration, { params: { networkId: host.network.id, eventId: event.id } });
    await drain();
    const promoted = await get(cohost.employee.client, cohost.network.id, event.id);
    expect(promoted.body.myRegistration.status).toBe("confirmed");
    expect(promoted.body.myRegistration.promotedAt).not.toBeNull();

    // Under row-level security the co-host's scope reads its own members' registrations only.
    const seenByCohost = await inTenant(t.database, cohost.network.id, cohost.admin.account.id, (tx) =>
      tx.selectFrom("event_registrations").select(["member_network_id"]).execute(),
    );
    expect(seenByCohost.length).toBe(2);
    expect(new Set(seenByCohost.map((r) => r.member_network_id))).toEqual(new Set([cohost.network.id]));
    // …and cannot change the host's event.
    const changed = await inTenant(t.database, cohost.network.id, cohost.admin.account.id, (tx) =>
      tx.updateTable("network_events").set({ title: "乗っ取り" }).where("id", "=", event.id).executeTakeFirst(),
    );
    expect(changed.numUpdatedRows).toBe(0n);

    // Ending the co-hosting cancels that network's registrations and hides the event from it.
    const removed = await host.admin.client.call(ev.removeCohost, {
      params: { networkId: host.network.id, eventId: event.id, cohostNetworkId: cohost.network.id },
    });
    expect(removed.status, removed.raw).toBe(200);
    expect((await get(cohost.alumni.client, cohost.network.id, event.id)).status).toBe(404);
    const after = await host.admin.client.call(ev.getEvent, { params: { networkId: host.network.id, eventId: event.id } });
    expect(after.body.confirmed).toBe(0);
  });

  it("keeps events for invited members, alumni or employees to their audience, also across co-hosts", async () => {
    const { host, cohost, event } = await world();
    await cohost.admin.client.call(ev.decideCohostInvitation, {
      params: { networkId: cohost.network.id, eventId: event.id },
      body: { accept: true },
    });
    const alumniOnly = await host.admin.client.call(ev.updateEvent, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { audience: "alumni" },
    });
    expect(alumniOnly.status, alumniOnly.raw).toBe(200);
    expect((await get(host.employee.client, host.network.id, event.id)).status).toBe(404);
    expect((await get(cohost.employee.client, cohost.network.id, event.id)).status).toBe(404);
    expect((await get(cohost.alumni.client, cohost.network.id, event.id)).status).toBe(200);
    const invited = await host.admin.client.call(ev.updateEvent, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { audience: "invited", inviteeIds: [host.employee.membership.id] },
    });
    expect(invited.status, invited.raw).toBe(200);
    expect((await get(host.employee.client, host.network.id, event.id)).status).toBe(200);
    expect((await get(host.alumni.client, host.network.id, event.id)).status).toBe(404);
    expect((await get(cohost.alumni.client, cohost.network.id, event.id)).status).toBe(404);
    expect((await get(host.admin.client, host.network.id, event.id)).body.invitees.map((p: { memberId: string }) => p.memberId)).toEqual([
      host.employee.membership.id,
    ]);
  });

  it("refuses unknown networks and the host itself as co-hosts", async () => {
    const { host, event } = await world();
    const unknown = await host.admin.client.call(ev.addCohost, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { slug: "no-such-net" },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields.slug).toBeTruthy();
    const self = await host.admin.client.call(ev.addCohost, {
      params: { networkId: host.network.id, eventId: event.id },
      body: { slug: host.network.slug },
    });
    expect(self.status).toBe(400);
  });
});

describe("series", () => {
  it("groups events with a theme per session, in order", async () => {
    const { network, admin, alumni } = await makeQuickTenant(t);
    const created = await admin.client.call(ev.createSeries, { params: { networkId: network.id }, body: { title: "アルムナイ・トーク" } });
    expect(created.status, created.raw).toBe(201);
    const seriesId = created.body.id as string;
    await createEvent(admin.client, network, {
      seriesId,
      seriesTheme: "第2回 副業のはじめかた",
      startsAt: inDays(20, 10),
      endsAt: inDays(20, 12),
    });
    await createEvent(admin.client, network, {
      seriesId,
      seriesTheme: "第1回 カムバックの実際",
      startsAt: inDays(5, 10),
      endsAt: inDays(5, 12),
    });
    const page = await alumni.client.call(ev.getSeries, { params: { networkId: network.id, seriesId } });
    expect(page.body.events.map((e: ev.EventCard) => e.series?.theme)).toEqual(["第1回 カムバックの実際", "第2回 副業のはじめかた"]);
    const list = await alumni.client.call(ev.listSeries, { params: { networkId: network.id } });
    expect(list.body.items[0].sessions).toBe(2);
    const other = await makeNetwork(t);
    const stranger = await member(other);
    expect((await stranger.client.call(ev.getSeries, { params: { networkId: other.id, seriesId } })).status).toBe(404);
  });
});
