import { describe, expect, it } from "vitest";
import { checkChoice, checkSelection, checkTypedAnswer, nextUnanswered, parseNumberInput, previousQuestion, progress, pruneHidden, visibleQuestions, type Answers } from "../../../src/domain/surveys/answers.js";
import { allQuestions } from "../../../src/domain/surveys/definition.js";
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

  it("drops answers that a changed answer has hidden", () => {
    const answers: Answers = { unit: { code: "adm" }, met: { code: "yes" }, how: { codes: ["cash"] } };
    expect(pruneHidden(def, { ...answers, met: { code: "no" } })).toEqual({ unit: { code: "adm" }, met: { code: "no" } });
  });
});

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
