// Queries and changes of events for the list, an event's page, the form, series and the calendar
// feed. After a change, the event's own cache entry takes the answer at once and every list is
// fetched again (counts, "mine" and statuses move together).
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { events } from "../../shared/contract/index.ts";
import type { EventDetail, EventInput, EventPatch, MyRegistration } from "../../shared/contract/events.ts";
import { callApi, fillPath, uploadFile } from "../platform/api.ts";
import { apiQuery, invalidate, queryClient, queryKeyOf } from "../platform/query.ts";

export type EventsWhen = "upcoming" | "past" | "mine";

const pageSize = 20;

export function useEventList(networkId: string, when: EventsWhen) {
  const params = { networkId };
  const query = { when, limit: pageSize };
  const pages = useInfiniteQuery({
    queryKey: queryKeyOf(events.listEvents, { params, query }),
    queryFn: ({ pageParam, signal }) => callApi(events.listEvents, { params, query: { ...query, cursor: pageParam ?? undefined }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  return { pages, items: pages.data?.pages.flatMap((page) => page.items) ?? [] };
}

const eventKey = (networkId: string, eventId: string) => queryKeyOf(events.getEvent, { params: { networkId, eventId } });

export const useEvent = (networkId: string, eventId: string) => useQuery(apiQuery(events.getEvent, { params: { networkId, eventId } }));

/** Put a fresh answer in the event's cache entry and have the lists and series fetched again. */
export async function eventChanged(networkId: string, event: EventDetail): Promise<void> {
  queryClient.setQueryData(eventKey(networkId, event.id), event);
  await Promise.all([invalidate(events.listEvents), invalidate(events.getSeries), invalidate(events.listSeries)]);
}

export function useCreateEvent(networkId: string) {
  return useMutation({
    mutationFn: (body: EventInput) => callApi(events.createEvent, { params: { networkId }, body }),
    onSuccess: (event) => eventChanged(networkId, event),
  });
}

export function useUpdateEvent(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: (body: EventPatch) => callApi(events.updateEvent, { params: { networkId, eventId }, body }),
    onSuccess: (event) => eventChanged(networkId, event),
  });
}

export function useCancelEvent(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: (reason: string) => callApi(events.cancelEvent, { params: { networkId, eventId }, body: { reason } }),
    onSuccess: (event) => eventChanged(networkId, event),
  });
}

export const uploadEventCover = (networkId: string, eventId: string, file: File, onProgress?: (fraction: number) => void) =>
  uploadFile(events.setEventCover, { networkId, eventId }, file, onProgress);

export function useDeleteEventCover(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: () => callApi(events.deleteEventCover, { params: { networkId, eventId } }),
    onSuccess: (event) => eventChanged(networkId, event),
  });
}

/**
 * My registration changed: the event's entry shows it at once, then the event is fetched again for
 * what follows from it (counts, the online link now confirmed, the reasons registration is closed).
 */
async function registrationChanged(networkId: string, eventId: string, registration: MyRegistration): Promise<void> {
  queryClient.setQueryData<EventDetail>(eventKey(networkId, eventId), (event) =>
    event ? { ...event, myRegistration: registration } : event,
  );
  await Promise.all([queryClient.invalidateQueries({ queryKey: eventKey(networkId, eventId) }), invalidate(events.listEvents)]);
}

export function useRegister(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: (answers: Record<string, string | string[]>) =>
      callApi(events.register, { params: { networkId, eventId }, body: { answers } }),
    onSuccess: (registration) => registrationChanged(networkId, eventId, registration),
  });
}

export function useCancelRegistration(networkId: string, eventId: string) {
  return useMutation({
    mutationFn: () => callApi(events.cancelRegistration, { params: { networkId, eventId } }),
    onSuccess: (registration) => registrationChanged(networkId, eventId, registration),
  });
}

/** The .ics file of one event, for an "add to calendar" link (the session cookie goes with it). */
export const eventIcsUrl = (networkId: string, eventId: string) => fillPath(events.eventIcs.path, { networkId, eventId });

// --- series ---

export const useSeriesList = (networkId: string, enabled = true) =>
  useQuery({ ...apiQuery(events.listSeries, { params: { networkId } }), enabled });

export const useSeries = (networkId: string, seriesId: string) => useQuery(apiQuery(events.getSeries, { params: { networkId, seriesId } }));

export function useCreateSeries(networkId: string) {
  return useMutation({
    mutationFn: (body: { title: string; description: string }) => callApi(events.createSeries, { params: { networkId }, body }),
    onSuccess: () => invalidate(events.listSeries),
  });
}

// --- the personal calendar feed ---

export const useCalendarFeed = () => useQuery(apiQuery(events.getCalendarFeed));

export function useCreateCalendarFeed() {
  return useMutation({
    mutationFn: () => callApi(events.createCalendarFeed),
    // The answer carries the address this once; the cached state keeps only that one exists.
    onSuccess: (feed) => queryClient.setQueryData(queryKeyOf(events.getCalendarFeed), { url: null, createdAt: feed.createdAt }),
  });
}

export function useRevokeCalendarFeed() {
  return useMutation({
    mutationFn: () => callApi(events.revokeCalendarFeed),
    onSuccess: (feed) => queryClient.setQueryData(queryKeyOf(events.getCalendarFeed), feed),
  });
}
