// The surveys' UI strings: part of the shared dictionary (platform/i18n merges surveys.ja.ts and
// surveys.en.ts), reached through a translator typed to this folder's keys.
import { useT, type TranslateVars } from "../platform/i18n/i18n.context.tsx";
import type { SurveyMessageKey } from "./surveys.ja.ts";

export type SurveyTranslate = (key: SurveyMessageKey, vars?: TranslateVars) => string;

export const useSurveyT = (): SurveyTranslate => useT();
