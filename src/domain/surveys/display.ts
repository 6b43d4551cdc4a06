// Answers as text for people: the review before submitting and attributed-interview exports.
import type { Lang } from "../lang.js";
import { formatDay } from "../dates.js";
import { optionLabel, type StandardLabels } from "./aggregate.js";
import { isSkipped, type Answers } from "./answers.js";
import type { Question } from "./definition.js";

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === "kk" ? "kk-KZ" : "ru-RU", { maximumFractionDigits: 2 }).format(n);
}

/** The answer in `lang`, or null when unanswered; `skipped` text for a skipped optional question. */
export function displayAnswer(q: Question, a: Answers[string] | undefined, lang: Lang, labels: StandardLabels & { skipped: { kk: string; ru: string } }): string | null {
  if (!a) return null;
  if (isSkipped(a)) return labels.skipped[lang];
  if ("code" in a) {
    const label = optionLabel(q, a.code, labels)[lang];
    const prefix = q.type === "scale" ? `${a.code} — ` : "";
    return a.code === "other" && a.other ? `${label}: ${a.other}` : `${prefix}${label}`;
  }
  if ("codes" in a) return a.codes.map((c) => (c === "other" && a.other ? `${optionLabel(q, c, labels)[lang]}: ${a.other}` : optionLabel(q, c, labels)[lang])).join("; ");
  if ("number" in a) return formatNumber(a.number, lang);
  if ("text" in a) return a.text;
  if ("date" in a) return formatDay(a.date);
  return null;
}
