// The surveys' addresses, reads (cached by endpoint, as everywhere) and what a change refreshes.
import { useQuery } from "@tanstack/react-query";
import { surveys } from "../../shared/contract/index.ts";
import { fillPath } from "../platform/api.ts";
import { apiQuery, invalidate } from "../platform/query.ts";

export const surveysPath = (slug: string) => `/n/${slug}/surveys`;
export const surveyPath = (slug: string, surveyId: string) => `${surveysPath(slug)}/${surveyId}`;
export const surveyResultsPath = (slug: string, surveyId: string) => `${surveyPath(slug, surveyId)}/results`;
export const editSurveyPath = (slug: string, surveyId: string) => `${surveyPath(slug, surveyId)}/edit`;
export const newSurveyPath = (slug: string, eventId?: string) =>
  `${surveysPath(slug)}/new${eventId ? `?${new URLSearchParams({ eventId }).toString()}` : ""}`;

/** The CSV download: a plain link, the browser saves the file. */
export const surveyCsvUrl = (networkId: string, surveyId: string) => fillPath(surveys.exportSurveyResults.path, { networkId, surveyId });

export const useSurveyList = (networkId: string) => useQuery(apiQuery(surveys.listSurveys, { params: { networkId } }));

export const useSurvey = (networkId: string, surveyId: string) =>
  useQuery(apiQuery(surveys.getSurvey, { params: { networkId, surveyId } }));

export const useSurveyResults = (networkId: string, surveyId: string) =>
  useQuery(apiQuery(surveys.getSurveyResults, { params: { networkId, surveyId } }));

export const useEventSurveys = (networkId: string, eventId: string, enabled = true) =>
  useQuery({ ...apiQuery(surveys.listEventSurveys, { params: { networkId, eventId } }), enabled });

/** After a survey was created, changed, sent, answered or closed. */
export async function refreshSurveys(): Promise<void> {
  await Promise.all([
    invalidate(surveys.listSurveys),
    invalidate(surveys.getSurvey),
    invalidate(surveys.getSurveyResults),
    invalidate(surveys.listEventSurveys),
  ]);
}
