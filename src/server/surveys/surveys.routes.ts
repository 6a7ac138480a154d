// Surveys: the member's lists, the builder, answering, closing, results and CSV, an event's
// surveys. Registers the jobs: the satisfaction survey after an event, and the survey mails.
import * as c from "../../shared/contract/surveys.ts";
import type { Deps } from "../platform/deps.ts";
import { route, type RouteDef } from "../platform/http/route.ts";
import { runSatisfactionJob, satisfactionJobKind, type SatisfactionJob } from "./event-survey.ts";
import { exportSurveyResults } from "./survey-export.ts";
import { runSurveyMailJob, surveyMailJobKind, type SurveyMailJob } from "./survey-mail.ts";
import { getSurveyResults } from "./survey-results.ts";
import * as surveys from "./surveys.service.ts";

const oneHour = 3600;

export function surveysRoutes(deps: Deps): RouteDef[] {
  deps.jobs.register(satisfactionJobKind, async (payload) => {
    await runSatisfactionJob(deps, payload as SatisfactionJob);
  });
  deps.jobs.register(surveyMailJobKind, (payload) => runSurveyMailJob(deps, payload as SurveyMailJob));
  return [
    route(c.listSurveys, ({ actor }) => surveys.listSurveys(actor), { read: true }),
    route(c.createSurvey, ({ actor, body }) => surveys.createSurvey(deps, actor, body), {
      rateLimits: [{ name: "survey-create:account", max: 50, windowSeconds: oneHour, key: ({ account }) => account?.id ?? "" }],
    }),
    route(c.updateSurvey, ({ actor, params, body }) => surveys.updateSurvey(deps, actor, params.surveyId, body)),
    route(c.getSurvey, ({ actor, params }) => surveys.getSurvey(actor, params.surveyId), { read: true }),
    route(c.answerSurvey, ({ actor, params, body }) => surveys.answerSurvey(actor, params.surveyId, body.answers)),
    route(c.closeSurvey, ({ actor, params }) => surveys.closeSurvey(actor, params.surveyId)),
    route(c.getSurveyResults, ({ actor, params }) => getSurveyResults(actor, params.surveyId), { read: true }),
    route(c.exportSurveyResults, ({ actor, params }) => exportSurveyResults(actor, params.surveyId), { read: true }),
    route(c.listEventSurveys, ({ actor, params }) => surveys.listEventSurveys(actor, params.eventId), { read: true }),
  ];
}
