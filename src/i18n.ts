// i18next with bundled JSON from locales/<lang>/<namespace>.json. Each file's keys are
// addressed as "<file>.<key>" (locales/kk/roster.json → key "roster.imported").
// Handlers get a `t` fixed to the user's language for that update; the global language
// of the i18next instance is never switched (updates run concurrently).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next, { type i18n, type TFunction } from "i18next";
import { isLang, LANGUAGES, type Lang } from "./domain/lang.js";
import { packageRoot } from "./paths.js";

export type { TFunction };
import type { TranslationKey } from "./i18n-resources.js";
export type { TranslationKey, Translate } from "./i18n-resources.js";
export type Translations = Record<Lang, Record<string, unknown>>;

export function loadTranslations(dir = join(packageRoot(), "locales")): Translations {
  const out = {} as Translations;
  for (const lang of LANGUAGES) {
    const bundle: Record<string, unknown> = {};
    for (const file of readdirSync(join(dir, lang)).filter((f) => f.endsWith(".json")).sort()) {
      bundle[file.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, lang, file), "utf8"));
    }
    out[lang] = bundle;
  }
  return out;
}

export interface I18n {
  t(lang: Lang): TFunction;
  instance: i18n;
}

export async function createI18n(translations = loadTranslations()): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: translations[l] }])),
    lng: "ru",
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    // Telegram HTML is escaped where it is built; i18next must not escape twice.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  const fixed = new Map(LANGUAGES.map((l) => [l, remembered(instance.getFixedT(l))]));
  return { t: (lang) => fixed.get(lang)!, instance };
}

/**
 * A fixed `t` that remembers the texts of keys asked without options (buttons, hints: most
 * of every screen). i18next resolves a key anew at every call, a tenth of the allocations of
 * a survey answer; the bundles do not change while the bot runs.
 */
function remembered(t: TFunction): TFunction {
  const texts = new Map<string, unknown>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const wrapped = (...args: unknown[]): unknown => {
    if (args.length !== 1 || typeof args[0] !== "string") return call(...args);
    const key = args[0];
    let text = texts.get(key);
    if (text === undefined) {
      text = call(key);
      if (typeof text === "string") texts.set(key, text);
    }
    return text;
  };
  return Object.assign(wrapped, t) as unknown as TFunction;
}

/** The language Telegram reports for the user, when it is one we speak. */
export function langFromTelegram(code: string | undefined): Lang | undefined {
  const base = code?.toLowerCase().split("-")[0];
  return isLang(base) ? base : undefined;
}

// Typed keys: t("…") accepts only keys of the Russian files (src/i18n-resources.ts), so a
// missing or misspelled key fails the type check; test/locales.test.ts checks that the Kazakh
// files have the same keys.
declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: import("./i18n-resources.js").Resources };
  }
}

/**
 * A key that comes from stored data (a milestone's title key in a task row): checked at run
 * time instead of by the type checker; an unknown key shows as the key itself, as i18next does.
 */
export function translateStored(t: TFunction, key: string, params?: Record<string, unknown>): string {
  return t(key as TranslationKey, params ?? {});
}
