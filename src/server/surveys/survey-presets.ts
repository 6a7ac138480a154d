// The automatic satisfaction survey's texts. Stored in Japanese, the product's first language
// (networks have no language of their own); shown in the reader's language while they are the
// preset ones, as the default rooms are (decision 0011).
import type { SurveyQuestionKind } from "../../shared/contract/surveys.ts";
import type { Locale } from "../../shared/limits.ts";

export type QuestionPreset = "satisfaction" | "recommend" | "comments";

export interface PresetQuestion {
  preset: QuestionPreset;
  kind: SurveyQuestionKind;
  required: boolean;
  label: Record<Locale, string>;
}

export const satisfactionQuestions: readonly PresetQuestion[] = [
  {
    preset: "satisfaction",
    kind: "rating",
    required: true,
    label: { ja: "今回のイベントの満足度を教えてください", en: "How satisfied were you with this event?" },
  },
  {
    preset: "recommend",
    kind: "nps",
    required: true,
    label: {
      ja: "このイベントを友人や同僚にすすめたいと思いますか",
      en: "How likely are you to recommend this event to a friend or colleague?",
    },
  },
  {
    preset: "comments",
    kind: "text",
    required: false,
    label: { ja: "よかった点・改善してほしい点", en: "What did you like, and what could be better?" },
  },
];

export const satisfactionTitle = (eventTitle: string, locale: Locale) =>
  locale === "ja" ? `「${eventTitle}」満足度アンケート` : `Satisfaction survey: ${eventTitle}`;

export const satisfactionDescription: Record<Locale, string> = {
  ja: "ご参加ありがとうございました。今後のイベントをよりよくするため、1分ほどのアンケートにご協力ください。",
  en: "Thank you for coming. Please help us make the next events better: this takes about a minute.",
};

/** A preset question's label in the reader's language; a question of one's own as written. */
export function questionLabel(question: { preset: string | null; label: string }, locale: Locale): string {
  const preset = satisfactionQuestions.find((q) => q.preset === question.preset);
  return preset ? preset.label[locale] : question.label;
}
