// docs/glossary.md is enforced: no variant it bans appears in the locale files of that language.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTranslations } from "../src/i18n.js";

interface Row {
  concept: string;
  banned: { kk: string[]; ru: string[] };
}

/** The rows of the glossary table: the banned variants are the backticked entries of the "Not in kk" / "Not in ru" columns. */
function parseGlossary(markdown: string): Row[] {
  const lines = markdown.split("\n").filter((l) => l.trim().startsWith("|"));
  const header = lines.find((l) => /Not in kk/.test(l));
  if (!header) throw new Error("docs/glossary.md: no table with a «Not in kk» column");
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, "").split("|").map((c) => c.trim());
  const columns = cells(header);
  const kkColumn = columns.indexOf("Not in kk");
  const ruColumn = columns.indexOf("Not in ru");
  const entries = (cell: string | undefined) => [...(cell ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  return lines
    .slice(lines.indexOf(header) + 1)
    .filter((l) => !/^\|\s*-/.test(l.trim()))
    .map((l) => cells(l))
    .map((c) => ({ concept: c[0]!, banned: { kk: entries(c[kkColumn]), ru: entries(c[ruColumn]) } }));
}

/** A banned entry as a pattern: a whole word or phrase, any case; a trailing * allows any ending. */
function bannedPattern(entry: string): RegExp {
  const stem = entry.endsWith("*") ? entry.slice(0, -1) : entry;
  const body = stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\s+/g, "\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${entry.endsWith("*") ? "\\p{L}*" : ""}(?![\\p{L}\\p{N}])`, "iu");
}

function texts(obj: unknown, prefix = ""): [string, string][] {
  if (typeof obj === "string") return [[prefix, obj]];
  if (!obj || typeof obj !== "object") return [];
  return Object.entries(obj).flatMap(([k, v]) => texts(v, prefix ? `${prefix}.${k}` : k));
}

/** A phrase pattern where a `*` after any word allows any ending of that word. */
function phrasePattern(entry: string): RegExp {
  const body = entry
    .split(/\s+/)
    .map((word) => (word.endsWith("*") ? `${word.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\p{L}*` : word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("\\s+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, "giu");
}

interface FixedPhrase {
  phrase: RegExp;
  /** Allowed only in a text that also matches this (the platform's name). */
  within?: RegExp;
}

/**
 * The fixed phrases of the methodology (the second table): backticked entries of its kk and ru
 * columns. «X after `E-Өтініш` in the same text» allows X only in a text that names E-Өтініш.
 */
function parseFixedPhrases(markdown: string): { kk: FixedPhrase[]; ru: FixedPhrase[] } {
  const section = markdown.split("## Fixed phrases of the methodology")[1]?.split("\n## ")[0] ?? "";
  const rows = section.split("\n").filter((l) => l.trim().startsWith("|") && !/^\|\s*-/.test(l.trim())).slice(1);
  const out = { kk: [] as FixedPhrase[], ru: [] as FixedPhrase[] };
  for (const row of rows) {
    const c = row.trim().replace(/^\||\|$/g, "").split("|").map((x) => x.trim());
    for (const [lang, cell] of [["kk", c[1]], ["ru", c[2]]] as const) {
      for (const part of (cell ?? "").split(/,\s*(?=`)/)) {
        const entries = [...part.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
        if (entries.length === 0) continue;
        const within = /after\s+`/.test(part) && entries[1] ? phrasePattern(entries[1]) : undefined;
        out[lang].push({ phrase: phrasePattern(entries[0]!), ...(within ? { within } : {}) });
      }
    }
  }
  return out;
}

const glossary = parseGlossary(readFileSync(join(__dirname, "..", "docs", "glossary.md"), "utf8"));
const fixedPhrases = parseFixedPhrases(readFileSync(join(__dirname, "..", "docs", "glossary.md"), "utf8"));

/** The text with the methodology's fixed phrases taken out. */
function withoutFixedPhrases(text: string, lang: "kk" | "ru"): string {
  // Platform-bound words first, while the platform's name is still in the text.
  const ordered = [...fixedPhrases[lang]].sort((a, b) => Number(!a.within) - Number(!b.within));
  return ordered.reduce((s, f) => (!f.within || (f.within.lastIndex = 0, f.within.test(text)) ? s.replace(f.phrase, "·") : s), text);
}
const translations = loadTranslations();

describe("glossary", () => {
  it("is read from docs/glossary.md", () => {
    expect(glossary.length).toBeGreaterThan(15);
    const report = glossary.find((r) => r.concept.startsWith("An anonymous report"));
    expect(report?.banned.kk).toContain("өтініш*");
    expect(report?.banned.ru).toContain("обращени*");
    expect(glossary.find((r) => r.concept.startsWith("The secret code"))?.banned.ru).toContain("код квитанции");
  });

  it("patterns match whole words in any case, with endings only where a * says so", () => {
    expect(bannedPattern("өтініш*").test("Менің өтінішім (код бойынша)")).toBe(true);
    expect(bannedPattern("өтініш беруші*").test("Өтініш берушіге жауап")).toBe(true);
    expect(bannedPattern("обращени*").test("🔑 Моё обращение (по коду)")).toBe(true);
    expect(bannedPattern("код квитанции").test("открыв сообщение по коду квитанции")).toBe(false);
    expect(bannedPattern("квитанци*").test("открыв сообщение по коду квитанции")).toBe(true);
    expect(bannedPattern("хабар").test("Мәтінді бір хабармен жазыңыз")).toBe(false);
    expect(bannedPattern("хабармен").test("Мәтінді бір хабармен жазыңыз")).toBe(true);
    expect(bannedPattern("хабар").test("хабарландыру")).toBe(false);
    expect(bannedPattern("сурет").test("фотосурет")).toBe(false);
    expect(bannedPattern("перенос*").test("Запрос о переносе срока")).toBe(true);
    expect(bannedPattern("СЖТІТ").test("🗓 Жаңа СЖТІТ")).toBe(true);
  });

  it("the methodology's fixed phrases are taken out, and only they", () => {
    expect(withoutFixedPhrases("Обращения физических и юридических лиц в отношении объекта анализа", "ru")).not.toMatch(/обращени/i);
    expect(withoutFixedPhrases("Обращения через E-Өтініш: 12", "ru")).not.toMatch(/обращени/i);
    expect(withoutFixedPhrases("Моё обращение (по коду)", "ru")).toMatch(/обращени/i);
    expect(withoutFixedPhrases("Жеке және заңды тұлғалардың өтініштері", "kk")).not.toMatch(/өтініш/i);
    expect(withoutFixedPhrases("E-Өтініш арқылы түскен өтініштер", "kk")).not.toMatch(/өтініш/i);
    expect(withoutFixedPhrases("Менің өтінішім (код бойынша)", "kk")).toMatch(/өтініш/i);
  });

  for (const lang of ["kk", "ru"] as const) {
    it(`no banned variant in locales/${lang}`, () => {
      const found: string[] = [];
      const all = texts(translations[lang]);
      for (const row of glossary) {
        for (const entry of row.banned[lang]) {
          const pattern = bannedPattern(entry);
          for (const [key, text] of all) if (pattern.test(withoutFixedPhrases(text, lang))) found.push(`${key}: «${entry}» (${row.concept}) in «${text.slice(0, 80)}»`);
        }
      }
      expect(found).toEqual([]);
    });
  }
});
