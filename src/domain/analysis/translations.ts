// Which of the officer's texts have no version of their own in a language: the draft in that
// language falls back to the other language's text there (text.ts), so the risk card, the
// record card and the report screen name them for the officer to write the missing version.
import type { Lang } from "../lang.js";
import type { RiskEntry } from "./register.js";
import { hasOwnText, isBlank, type LocalizedText } from "./text.js";

/** A risk's texts the officer writes (the factor only in own words; a catalog factor is in both languages). */
export const RISK_TEXT_FIELDS = ["title", "factor", "description", "functions", "positions"] as const;
export type RiskTextField = (typeof RISK_TEXT_FIELDS)[number];

/** A text that exists but has no version of its own in `lang`. */
export function lacksText(text: LocalizedText | null | undefined, lang: Lang): boolean {
  return !isBlank(text) && !hasOwnText(text, lang);
}

export const otherLang = (lang: Lang): Lang => (lang === "kk" ? "ru" : "kk");

/** Whether a field of the risk holds a text of the officer's (one that may be given in the other language). */
export function hasRiskText(risk: Pick<RiskEntry, RiskTextField | "factorCode">, field: RiskTextField): boolean {
  if (field === "positions") return risk.positions.length > 0;
  if (field === "factor" && risk.factorCode) return false;
  return !isBlank(risk[field]);
}

export interface RiskTextsLacking {
  fields: RiskTextField[];
  /** The numbers of the recommendations (within the risk) with no text in the language. */
  recommendations: number[];
}

/** The risk's own texts with no version in `lang`. */
export function riskTextsLacking(risk: Pick<RiskEntry, RiskTextField | "factorCode" | "recommendations">, lang: Lang): RiskTextsLacking {
  const fields = RISK_TEXT_FIELDS.filter((f) => {
    if (!hasRiskText(risk, f)) return false;
    return f === "positions" ? risk.positions.some((p) => lacksText(p, lang)) : lacksText(risk[f], lang);
  });
  return { fields, recommendations: risk.recommendations.filter((r) => lacksText(r.text, lang)).map((r) => r.number) };
}

export const RECORD_TEXT_FIELDS = ["organisation", "objectText"] as const;
export type RecordTextField = (typeof RECORD_TEXT_FIELDS)[number];

/** The record's texts (the organisation, the object) with no version in `lang`. */
export function recordTextsLacking(record: Record<RecordTextField, LocalizedText>, lang: Lang): RecordTextField[] {
  return RECORD_TEXT_FIELDS.filter((f) => lacksText(record[f], lang));
}
