import type { StandardLabels } from "../domain/surveys/aggregate.js";
import type { I18n, TranslationKey } from "../i18n.js";

export type SurveyLabels = StandardLabels & { skipped: { kk: string; ru: string } };

/** Built once per set of translations (they do not change while the bot runs): every question shown needs them. */
const built = new WeakMap<I18n, SurveyLabels>();

/** Labels of codes the definitions don't spell out (yes, no, other, skipped), from locales, in both languages. */
export function standardLabels({ i18n }: { i18n: I18n }): SurveyLabels {
  let labels = built.get(i18n);
  if (!labels) {
    const both = (key: TranslationKey) => Object.freeze({ kk: i18n.t("kk")(key), ru: i18n.t("ru")(key) });
    labels = Object.freeze({ yes: both("surveys.yes"), no: both("surveys.no"), other: both("surveys.other"), skipped: both("surveys.skipped") });
    built.set(i18n, labels);
  }
  return labels;
}
