import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { checkChoice, checkSelection, checkTypedAnswer, nextUnanswered, parseNumberInput, previousQuestion, progress, pruneHidden, questionCount, visibleQuestions, type Answers } from "../../../src/domain/surveys/answers.js";
import { allQuestions, answerCodes, parseDefinitionFile, type Question, type SurveyDefinition } from "../../../src/domain/surveys/definition.js";
import { scrubPersonalData } from "../../../src/domain/surveys/scrub.js";
import { sampleDefinition } from "./fixture.js";
import { parseDateInput } from "../../../src/domain/dates.js";

const def = sampleDefinition();
const q = (id: string) => allQuestions(def).find((x) => x.id === id)!;

describe("navigation", () => {
  it("shows follow-ups only when their condition holds, and progress follows", () => {
    const answers: Answers = { unit: { code: "adm" }, met: { code: "no" } };
    expect(visibleQuestions(def, answers).map((x) => x.id)).toEqual(["unit", "met", "trust", "years", "when", "note"]);
    expect(nextUnanswered(def, answers)?.id).toBe("trust");
    expect(progress(def, answers, "trust")).toEqual({ position: 3, total: 6 });
    answers.met = { code: "yes" };
    expect(nextUnanswered(def, answers)?.id).toBe("how");
    expect(progress(def, answers, "how")).toEqual({ position: 3, total: 7 });
    expect(previousQuestion(def, answers, "how")?.id).toBe("met");
    expect(previousQuestion(def, answers, "unit")).toBeNull();
  });

  it("progress counts the questions that may still be asked: the notice's most, then a total that never grows", () => {
    expect(questionCount(def)).toEqual({ atMost: 7, always: 6 });
    expect(progress(def, {}, "unit")).toEqual({ position: 1, total: 7 });
    expect(progress(def, { unit: { code: "adm" } }, "met")).toEqual({ position: 2, total: 7 });
    // "No": the follow-up is ruled out; "yes": it is asked. Either way not more than the notice said.
    expect(progress(def, { unit: { code: "adm" }, met: { code: "no" } }, "trust")).toEqual({ position: 3, total: 6 });
    expect(progress(def, { unit: { code: "adm" }, met: { code: "yes" } }, "how")).toEqual({ position: 3, total: 7 });
    // Back on "met" with "no" still stored: its own answer is not final, the follow-up still counts.
    expect(progress(def, { unit: { code: "adm" }, met: { code: "no" }, trust: { code: "2" } }, "met")).toEqual({ position: 2, total: 7 });
    expect(progress(def, { unit: { code: "adm" }, met: { code: "no" }, trust: { code: "2" }, years: { number: 3 }, when: { skipped: true } }, "note")).toEqual({ position: 6, total: 6 });
  });

  it("walking the templates with any answers: 1, 2, 3… up to the number asked, totals from the notice's most down, never past it", () => {
    for (const file of ["staff-perception-survey.yaml", "unit-head-interview.yaml"]) {
      const template = parseDefinitionFile(readFileSync(new URL(`../../../templates/${file}`, import.meta.url)), file);
      if (!template.ok) throw new Error(file);
      const count = questionCount(template.definition);
      expect(count.atMost, file).toBeGreaterThan(count.always);
      for (let seed = 1; seed <= 40; seed++) {
        const seen = walk(template.definition, seed);
        expect(seen[0], file).toEqual({ position: 1, total: count.atMost });
        seen.forEach((p, i) => {
          expect(p.position, `${file} #${seed}`).toBe(i + 1);
          expect(p.total, `${file} #${seed}`).toBeGreaterThanOrEqual(seen.length);
          if (i > 0) expect(p.total, `${file} #${seed} at ${i + 1}`).toBeLessThanOrEqual(seen[i - 1]!.total);
        });
      }
    }
  });

  it("drops answers that a changed answer has hidden", () => {
    const answers: Answers = { unit: { code: "adm" }, met: { code: "yes" }, how: { codes: ["cash"] } };
    expect(pruneHidden(def, { ...answers, met: { code: "no" } })).toEqual({ unit: { code: "adm" }, met: { code: "no" } });
  });
});

/** Answers a definition to the end with pseudo-random answers; the progress shown at each question. */
function walk(d: SurveyDefinition, seed: number): { position: number; total: number }[] {
  let state = seed;
  const random = (n: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % n;
  };
  const answerOf = (x: Question): Answers[string] => {
    if (x.optional && random(4) === 0) return { skipped: true };
    const codes = answerCodes(x);
    if (x.type === "multiple") return { codes: [codes![random(codes!.length)]!] };
    if (codes) return { code: codes[random(codes.length)]! };
    if (x.type === "number") return { number: x.min ?? 0 };
    if (x.type === "date") return { date: "2026-01-15" };
    return { text: "…" };
  };
  const answers: Answers = {};
  const seen: { position: number; total: number }[] = [];
  for (let x = nextUnanswered(d, answers); x; x = nextUnanswered(d, answers)) {
    seen.push(progress(d, answers, x.id));
    answers[x.id] = answerOf(x);
  }
  expect(visibleQuestions(d, answers)).toHaveLength(seen.length);
  return seen;
}

describe("answer checks", () => {
  it("numbers as people type them, with bounds and integers", () => {
    expect(parseNumberInput("1 200")).toBe(1200);
    expect(parseNumberInput("12,5")).toBe(12.5);
    expect(parseNumberInput("−3")).toBe(-3);
    expect(parseNumberInput("двенадцать")).toBeNull();
    expect(checkTypedAnswer(q("years"), "12")).toEqual({ ok: true, value: { number: 12 } });
    expect(checkTypedAnswer(q("years"), "12,5")).toEqual({ ok: false, error: { code: "not_an_integer" } });
    expect(checkTypedAnswer(q("years"), "61")).toEqual({ ok: false, error: { code: "above_max", limit: 60 } });
    expect(checkTypedAnswer(q("years"), "-1")).toEqual({ ok: false, error: { code: "below_min", limit: 0 } });
    expect(checkTypedAnswer(q("years"), "много")).toEqual({ ok: false, error: { code: "not_a_number" } });
  });

  it("dates in dd.mm.yyyy, rejecting impossible ones", () => {
    expect(parseDateInput("7.3.2026")).toBe("2026-03-07");
    expect(parseDateInput("2026-03-07")).toBe("2026-03-07");
    expect(parseDateInput("31.02.2026")).toBeNull();
    expect(checkTypedAnswer(q("when"), "завтра")).toEqual({ ok: false, error: { code: "not_a_date" } });
  });

  it("text length and choices", () => {
    expect(checkTypedAnswer(q("note"), "x".repeat(201))).toEqual({ ok: false, error: { code: "too_long", limit: 200 } });
    expect(checkTypedAnswer(q("note"), "   ")).toEqual({ ok: false, error: { code: "empty" } });
    expect(checkChoice(q("trust"), "2")).toEqual({ ok: true, value: { code: "2" } });
    expect(checkChoice(q("trust"), "9")).toEqual({ ok: false, error: { code: "invalid_choice" } });
    expect(checkSelection(q("how"), [])).toEqual({ ok: false, error: { code: "too_few", limit: 1 } });
    expect(checkSelection(q("how"), ["other", "gift", "gift"])).toEqual({ ok: true, value: { codes: ["gift", "other"] } });
    expect(checkSelection(q("how"), ["bribe"])).toEqual({ ok: false, error: { code: "invalid_choice" } });
  });
});

describe("scrubbing free text", () => {
  it.each([
    ["звоните +7 701 123 45 67 вечером", "звоните […] вечером"],
    ["8(701)1234567", "[…]"],
    ["пишите на ivanov.a@company.kz", "пишите на […]"],
    ["ИИН 900101300123 сотрудника", "ИИН […] сотрудника"],
    ["БИН 123456 789012", "БИН […]"],
  ])("%s", (input, expected) => expect(scrubPersonalData(input).text).toBe(expected));

  it("leaves ordinary numbers and dates alone", () => {
    const text = "В 2025 году 3 раза, сумма 150000 тенге, 12.03.2025";
    expect(scrubPersonalData(text)).toEqual({ text, removed: 0 });
  });
});
