import type { StandardLabels } from "../domain/surveys/aggregate.js";
import type { I18n, TranslationKey } from "../i18n.js";

export type SurveyLabels = StandardLabels & { skipped: { kk: string; ru: string } };

/** Labels of codes the definitions don't spell out (yes, no, other, skipped), from locales, in both languages. */
export function standardLabels({ i18n }: { i18n: I18n }): SurveyLabels {
  const both = (key: TranslationKey) => ({ kk: i18n.t("kk")(key), ru: i18n.t("ru")(key) });
  return { yes: both("surveys.yes"), no: both("surveys.no"), other: both("surveys.other"), skipped: both("surveys.skipped") };
}
