// Texts the officer writes (a risk's name, a recommendation, the report's own paragraphs) are
// kept in the language they were written in, with the other language added when the officer
// gives it: the Kazakh draft uses the Kazakh text and falls back to the Russian one, and the
// other way round, so a draft is never blank because a translation is missing.
import type { Lang } from "../lang.js";

export interface LocalizedText {
  kk?: string;
  ru?: string;
}

/** The text in `lang`, else in the other language, else "". */
export function pickText(text: LocalizedText | null | undefined, lang: Lang): string {
  if (!text) return "";
  return (lang === "kk" ? text.kk || text.ru : text.ru || text.kk) ?? "";
}

/** Whether the text has a version in `lang` of its own (not a fallback). */
export function hasOwnText(text: LocalizedText | null | undefined, lang: Lang): boolean {
  return Boolean(text?.[lang]?.trim());
}

export function isBlank(text: LocalizedText | null | undefined): boolean {
  return !text?.kk?.trim() && !text?.ru?.trim();
}

/** Reads a stored LocalizedText (JSON); anything else reads as empty. */
export function parseLocalized(json: string | null | undefined): LocalizedText {
  if (!json) return {};
  try {
    const value = JSON.parse(json) as unknown;
    if (!value || typeof value !== "object" || Array.isArray(value)) return {};
    const out: LocalizedText = {};
    for (const lang of ["kk", "ru"] as const) {
      const text = (value as Record<string, unknown>)[lang];
      if (typeof text === "string" && text.trim()) out[lang] = text;
    }
    return out;
  } catch {
    return {};
  }
}

/** A text written in one language, as stored. */
export function textIn(lang: Lang, text: string): LocalizedText {
  return { [lang]: text.trim() };
}

/** `base` with `lang`'s version replaced by `text` (the other language kept). */
export function withText(base: LocalizedText, lang: Lang, text: string): LocalizedText {
  return { ...base, [lang]: text.trim() };
}
