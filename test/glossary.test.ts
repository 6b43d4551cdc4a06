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

const glossary = parseGlossary(readFileSync(join(__dirname, "..", "docs", "glossary.md"), "utf8"));
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

  for (const lang of ["kk", "ru"] as const) {
    it(`no banned variant in locales/${lang}`, () => {
      const found: string[] = [];
      const all = texts(translations[lang]);
      for (const row of glossary) {
        for (const entry of row.banned[lang]) {
          const pattern = bannedPattern(entry);
          for (const [key, text] of all) if (pattern.test(text)) found.push(`${key}: «${entry}» (${row.concept}) in «${text.slice(0, 80)}»`);
        }
      }
      expect(found).toEqual([]);
    });
  }
});
