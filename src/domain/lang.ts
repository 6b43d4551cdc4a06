// The two languages of the product: every user-facing text exists in both.
export const LANGUAGES = ["kk", "ru"] as const;
export type Lang = (typeof LANGUAGES)[number];

export function isLang(value: unknown): value is Lang {
  return value === "kk" || value === "ru";
}
