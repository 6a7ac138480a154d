// Queries and actions of the organisers' and admins' event pages (ticket, attendees, check-in,
// co-hosts, co-host invitations, report). Reads are keyed by the contract endpoint like every other
// screen, so a check-in here refreshes the event page's counts there.
import { useMutation, useQuery } from "@tanstack/react-query";
import { events } from "../../shared/contract/index.ts";
import type { Attendee, EventDetail, RegistrationStatus } from "../../shared/contract/events.ts";
import { callApi, fillPath } from "../platform/api.ts";
import type { Output } from "../platform/api.ts";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";

export type AttendeeList = Output<typeof events.listAttendees.response>;
export type CheckInResult = Output<typeof events.checkIn.response>;
export type Cohost = Output<typeof events.listCohosts.response>["items"][number];
export type CohostInvitation = Output<typeof events.listCohostInvitations.response>["items"][number];

export function useAttendees(networkId: string, eventId: string, filter: { q?: string; status?: RegistrationStatus }) {
  const query = { q: filter.q || undefined, status: filter.status };
  return useQuery({
    ...apiQuery(events.listAttendees, { params: { networkId, eventId }, query }),
    // Typing in the search box must not blank the list between answers.
    placeholderData: (previous) => previous,
  });
}

/** The CSV download's address: a plain link, so the browser saves the file itself. */
export function attendeesCsvUrl(networkId: string, eventId: string): string {
  return fillPath(events.exportAttendees.path, { networkId, eventId });
}

/** After a check-in or an undo: the lists and the event's counts (attendance) are stale. */
async function refreshAttendance(): Promise<void> {
  await Promise.all([invalidate(events.listAttendees), invalidate(events.getEvent)]);
}

/** Replace one attendee in every cached list at once, so the row changes before the refetch answers. */
function patchAttendee(attendee: Attendee): void {
  queryClient.setQueriesData<AttendeeList>({ queryKey: [events.listAttendees.id] }, (data) =>
    data ? { ...data, items: data.items.map((item) => (item.id === attendee.id ? attendee : item)) } : data,
  );
}

export type CheckInInput = { ticketCode: string } | { registrationId: string };

export function useCheckIn(networkId: string, eventId: string, onDone?: (result: CheckInResult) => void) {
  return useMutation({
    mutationFn: (input: CheckInInput) => callApi(events.checkIn, { params: { networkId, eventId }, body: input }),
    onSuccess: async (result) => {
      patchAttendee(result.attendee);
      onDone?.(result);
      await refreshAttendance();
    },
  });
}

export function useUndoCheckIn(networkId: string, eventId: string, onDone?: (attendee: Attendee) => void) {
  return useMutation({
    mutationFn: (registrationId: string) => callApi(events.undoCheckIn, { params: { networkId, eventId, registrationId } }),
    onSuccess: async (attendee) => {
      patchAttendee(attendee);
      onDone?.(attendee);
      await refreshAttendance();
    },
  });
}

export function useCohosts(networkId: string, eventId: string) {
  return useQuery(apiQuery(events.listCohosts, { params: { networkId, eventId } }));
}

function setCohosts(networkId: string, eventId: string, items: Cohost[]): Promise<void> {
  queryClient.setQueryData(queryKeyOf(events.listCohosts, { params: { networkId, eventId } }), { items });
  // The event lists its accepted co-hosts, and a removal cancels registrations.
  return refreshAttendance();
}

export function useAddCohost(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: (slug: string) => callApi(events.addCohost, { params: { networkId, eventId }, body: { slug } }),
    onSuccess: (result) => setCohosts(networkId, eventId, result.items),
  });
}

export function useRemoveCohost(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: (cohostNetworkId: string) => callApi(events.removeCohost, { params: { networkId, eventId, cohostNetworkId } }),
    onSuccess: (result) => setCohosts(networkId, eventId, result.items),
  });
}

export function useCohostInvitations(networkId: string) {
  return useQuery(apiQuery(events.listCohostInvitations, { params: { networkId } }));
}

export function useDecideCohostInvitation(networkId: string) {
  return useMutation({
    mutationFn: ({ eventId, accept }: { eventId: string; accept: boolean }) =>
      callApi(events.decideCohostInvitation, { params: { networkId, eventId }, body: { accept } }),
    onSuccess: async () => {
      // Accepting puts the event in this network's lists.
      await Promise.all([invalidate(events.listCohostInvitations), invalidate(events.listEvents)]);
    },
  });
}

export function useWriteReport(networkId: string, eventId: string, onDone: (event: EventDetail) => void) {
  return useMutation({
    mutationFn: ({ body, imageIds }: { body: string; imageIds: string[] }) =>
      callApi(events.writeEventReport, { params: { networkId, eventId }, body: { body, imageIds } }),
    onSuccess: (event) => {
      queryClient.setQueryData(queryKeyOf(events.getEvent, { params: { networkId, eventId } }), event);
      onDone(event);
    },
  });
}
