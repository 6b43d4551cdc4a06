// The survey templates shipped in templates/: they must validate against the definition
// schema and meet the content rules of docs/survey-format.md (bilingual, anonymous survey
// without identifying questions, interview with the quantitative indicators).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allQuestions, parseDefinitionFile, type Question, type SurveyDefinition, type Text } from "../src/domain/surveys/definition.js";

const dir = fileURLToPath(new URL("../templates/", import.meta.url));
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/i.test(f));

function load(file: string): SurveyDefinition {
  const result = parseDefinitionFile(readFileSync(join(dir, file)), file);
  if (!result.ok) throw new Error(`${file}: ${result.issues.map((i) => `${i.path} ${i.code}${i.params ? ` ${JSON.stringify(i.params)}` : ""}`).join("; ")}`);
  return result.definition;
}

/** Every bilingual text of a definition with its path. */
function texts(def: SurveyDefinition): { path: string; text: Text }[] {
  const out: { path: string; text: Text }[] = [{ path: "title", text: def.title }];
  if (def.description) out.push({ path: "description", text: def.description });
  def.sections.forEach((s, si) => {
    out.push({ path: `sections[${si}].title`, text: s.title });
    if (s.description) out.push({ path: `sections[${si}].description`, text: s.description });
    s.questions.forEach((q, qi) => {
      const at = `sections[${si}].questions[${qi}]`;
      for (const t of askedTexts(q)) out.push({ path: `${at}.${t.path}`, text: t.text });
      if (q.help) out.push({ path: `${at}.help`, text: q.help });
    });
  });
  return out;
}

/** What the respondent is asked and can pick: question text, option and scale labels (not help). */
function askedTexts(q: Question): { path: string; text: Text }[] {
  const out = [{ path: "text", text: q.text }];
  if ("options" in q) q.options.forEach((o, oi) => out.push({ path: `options[${oi}].label`, text: o.label }));
  if (q.type === "scale") for (const [k, v] of Object.entries(q.labels)) out.push({ path: `labels.${k}`, text: v });
  return out;
}

const KAZAKH = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/;
const CYRILLIC_WORD = /[а-яёәғқңөұүһі]{2,}/gi;
const byName = (name: string) => load(files.find((f) => f.startsWith(name))!);

describe("templates", () => {
  it("contains the two shipped templates", () => {
    expect(files).toEqual(expect.arrayContaining(["staff-perception-survey.yaml", "unit-head-interview.yaml"]));
  });

  describe.each(files)("%s", (file) => {
    it("parses and validates", () => {
      const result = parseDefinitionFile(readFileSync(join(dir, file)), file);
      expect(result.ok ? [] : result.issues).toEqual([]);
    });

    it("has a description in both languages", () => {
      const def = load(file);
      expect(def.description?.kk.length).toBeGreaterThan(50);
      expect(def.description?.ru.length).toBeGreaterThan(50);
    });

    it("writes kk texts in Kazakh", () => {
      const all = texts(load(file));
      const kk = all.map((t) => t.text.kk).join(" ");
      expect(kk).toMatch(KAZAKH);
      // Short labels ("Жиі", "Кейде") may lack the specific letters, phrases may not.
      const phrases = all.filter((t) => (t.text.kk.match(CYRILLIC_WORD) ?? []).length >= 3);
      expect(phrases.filter((t) => !KAZAKH.test(t.text.kk)).map((t) => `${t.path}: ${t.text.kk}`)).toEqual([]);
      const withLetters = all.filter((t) => KAZAKH.test(t.text.kk)).length;
      expect(withLetters / all.length).toBeGreaterThan(0.8);
    });

    it("translates every text (kk differs from ru except technical tokens)", () => {
      const same = texts(load(file)).filter((t) => t.text.kk === t.text.ru && /[а-яёәғқңөұүһі]/i.test(t.text.kk));
      expect(same.map((t) => `${t.path}: ${t.text.kk}`)).toEqual([]);
    });
  });

  describe("staff perception survey", () => {
    const def = byName("staff-perception-survey");
    const questions = allQuestions(def);

    it("is anonymous", () => expect(def.mode).toBe("anonymous"));

    it("starts with grouping questions (unit category, length of service)", () => {
      const first = def.sections[0]!.questions;
      expect(first[0]).toMatchObject({ type: "single", group: true });
      expect(first.filter((q) => "group" in q && q.group).length).toBeGreaterThanOrEqual(2);
      // Grouping answers must not be free text: no "other (specify)" on them.
      for (const q of questions) if ("group" in q && q.group && "other" in q) expect(q.other, q.id).toBe(false);
    });

    it("has enough questions of the required kinds", () => {
      expect(questions.length).toBeGreaterThanOrEqual(15);
      expect(questions.length).toBeLessThanOrEqual(30);
      const types = new Set(questions.map((q) => q.type));
      for (const t of ["single", "multiple", "scale", "yesno", "text"]) expect(types, t).toContain(t);
      expect(questions.filter((q) => q.showIf).length).toBeGreaterThanOrEqual(2);
    });

    it("labels every point of its 1–5 scales", () => {
      for (const q of questions) if (q.type === "scale") expect(Object.keys(q.labels).sort(), q.id).toEqual(["1", "2", "3", "4", "5"]);
    });

    it("keeps free text optional, short, and warns against names and phones", () => {
      const free = questions.filter((q) => q.type === "text");
      expect(free.length).toBeGreaterThanOrEqual(1);
      expect(free.some((q) => q.optional)).toBe(true);
      for (const q of free) {
        if (q.type !== "text") continue;
        expect(q.optional, q.id).toBe(true);
        expect(q.maxLength, q.id).toBeLessThanOrEqual(1000);
        expect(q.help?.ru, q.id).toMatch(/имен/i);
        expect(q.help?.ru, q.id).toMatch(/телефон/i);
        expect(q.help?.kk, q.id).toMatch(/аты-жөн/i);
      }
    });

    it("asks for nothing that identifies the respondent", () => {
      const identifying = /ФИО|Ф\.И\.О|аты-жөн|телефон|фамили|тегіңіз/i;
      const hits = questions.flatMap((q) => askedTexts(q).flatMap((t) => [t.text.kk, t.text.ru].filter((s) => identifying.test(s)).map((s) => `${q.id}.${t.path}: ${s}`)));
      expect(hits).toEqual([]);
      expect(questions.filter((q) => q.type === "date").map((q) => q.id)).toEqual([]);
    });
  });

  describe("unit head interview", () => {
    const def = byName("unit-head-interview");
    const questions = allQuestions(def);
    const byId = new Map(questions.map((q) => [q.id, q]));

    it("is attributed", () => expect(def.mode).toBe("attributed"));

    it("collects the quantitative indicators as non-negative numbers", () => {
      const numbers = questions.filter((q) => q.type === "number");
      expect(numbers.filter((q) => q.type === "number" && q.min === 0).length).toBeGreaterThanOrEqual(10);
      for (const q of numbers) if (q.type === "number") expect(q.min, q.id).toBe(0);
    });

    it("follows Приложение 1–5 section by section", () => {
      const titles = def.sections.map((s) => s.title.ru);
      for (let n = 1; n <= 5; n++) expect(titles.some((t) => t.startsWith(`Приложение ${n}.`)), `Приложение ${n}`).toBe(true);
    });

    it("shows function-specific questions only to units that have the function", () => {
      /** The gate question a question depends on, following showIf chains. */
      const gate = (q: Question): string | undefined => {
        let cur: Question | undefined = q;
        let last: string | undefined;
        while (cur?.showIf) {
          last = cur.showIf.question;
          cur = byId.get(last);
        }
        return last;
      };
      for (const [section, gateId] of [["public_services", "ps_has"], ["permits", "pm_has"], ["control", "ct_has"]] as const) {
        const s = def.sections.find((x) => x.id === section);
        expect(s, section).toBeDefined();
        const [first, ...rest] = s!.questions;
        expect(first).toMatchObject({ id: gateId, type: "yesno" });
        expect(rest.length).toBeGreaterThan(5);
        for (const q of rest) expect(gate(q), q.id).toBe(gateId);
      }
    });
  });
});
