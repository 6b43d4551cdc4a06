import { emptyTotals, foldInto } from "../../../src/domain/surveys/ballot-box.js";
import { describe, expect, it } from "vitest";
import { buildResults, contribution, type ResultsContext, type Totals } from "../../../src/domain/surveys/aggregate.js";
import type { Answers } from "../../../src/domain/surveys/answers.js";
import { sampleDefinition } from "./fixture.js";

const def = sampleDefinition();
const labels = { yes: { kk: "Иә", ru: "Да" }, no: { kk: "Жоқ", ru: "Нет" }, other: { kk: "Басқа", ru: "Другое" } };
const ctx: ResultsContext = { campaignId: 1, title: def.title, mode: "anonymous", status: "open", opensOn: "2026-03-02", closesOn: "2026-03-13", generatedOn: "2026-03-05", invited: 40, completed: 0, byAudience: [], k: 5, textK: 10, labels };

function totalsOf(all: Answers[]): Totals {
  const t = emptyTotals();
  foldInto(t, all.map((a) => contribution(def, a, (s) => s)), (max) => max - 1); // (max − 1: no shuffle)
  return t;
}

const person = (unit: string, met: "yes" | "no", trust: string, years: number, note?: string): Answers => ({
  unit: { code: unit },
  met: { code: met },
  ...(met === "yes" ? { how: { codes: ["gift"] } } : {}),
  trust: { code: trust },
  years: { number: years },
  when: { skipped: true },
  ...(note ? { note: { text: note } } : { note: { skipped: true } }),
});

describe("contribution of one submission", () => {
  it("is counters and pool values, never a record of the person", () => {
    const c = contribution(def, person("adm", "yes", "2", 10, "комментарий"), (s) => s.toUpperCase());
    expect(c.groups).toEqual(["", "unit=adm"]);
    expect(c.counts).toContainEqual({ questionId: "how", groupKey: "unit=adm", code: "gift" });
    expect(c.counts).toContainEqual({ questionId: "met", groupKey: "", code: "_answered" });
    expect(c.pools).toEqual([
      { questionId: "years", groupKey: "", kind: "number", value: 10 },
      { questionId: "years", groupKey: "unit=adm", kind: "number", value: 10 },
      { questionId: "note", groupKey: "", kind: "text", value: "КОММЕНТАРИЙ" },
    ]);
  });
});

describe("results with small groups suppressed", () => {
  const many = [
    ...Array.from({ length: 12 }, (_, i) => person("adm", i % 3 ? "no" : "yes", String((i % 3) + 1), i, `мнение ${i}`)),
    ...Array.from({ length: 6 }, (_, i) => person("prod", "no", "1", 20 + i)),
  ];

  it("shows distributions with shares over those who answered", () => {
    const r = buildResults(def, totalsOf(many), ctx);
    if (!r.ok) throw new Error(r.error);
    const met = r.results.questions.find((q) => q.questionId === "met")!;
    expect(met.options).toEqual([
      { code: "yes", label: labels.yes, count: 4, share: 4 / 18 },
      { code: "no", label: labels.no, count: 14, share: 14 / 18 },
    ]);
    const how = r.results.questions.find((q) => q.questionId === "how")!;
    expect(how.suppressed).toBe(true); // 4 answers < 5
    const years = r.results.questions.find((q) => q.questionId === "years")!;
    expect(years.numbers).toEqual({ count: 18, mean: 11.2 }); // no min, max or median: each is someone's answer
    const note = r.results.questions.find((q) => q.questionId === "note")!;
    expect(note.texts?.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `мнение ${i}`).sort());
    expect(r.results.responses).toBe(18);
  });

  it("free text needs 10 answers", () => {
    const r = buildResults(def, totalsOf(many.slice(0, 9)), ctx);
    expect(r.ok && r.results.questions.find((q) => q.questionId === "note")!.suppressed).toBe(true);
  });

  const closed = { ...ctx, status: "closed" as const };

  it("breakdowns wait for the campaign to close", () => {
    expect(buildResults(def, totalsOf(many), ctx, { questionId: "unit", code: "prod" })).toEqual({ ok: false, error: "not_final" });
    const r = buildResults(def, totalsOf(many), closed, { questionId: "unit", code: "prod" });
    expect(r.ok && r.results.final).toBe(true);
  });

  it("a group is shown only when it and the rest both have at least k responses", () => {
    const ctx = closed;
    const ok = buildResults(def, totalsOf(many), ctx, { questionId: "unit", code: "prod" });
    expect(ok.ok && ok.results.responses).toBe(6);
    expect(ok.ok && ok.results.questions.find((q) => q.questionId === "note")!.suppressed).toBe(true); // texts only overall
    // 3 in production: too small.
    const small = [...many.slice(0, 12), ...many.slice(12, 15)];
    expect(buildResults(def, totalsOf(small), ctx, { questionId: "unit", code: "prod" })).toEqual({ ok: false, error: "group_too_small" });
    // Administration is big (12) but the rest (3) is not: overall minus group would reveal it,
    // so nothing of this breakdown is shown.
    expect(buildResults(def, totalsOf(small), ctx, { questionId: "unit", code: "adm" })).toEqual({ ok: false, error: "breakdown_withheld" });
  });

  it("refuses filters on questions that are not grouping questions", () => {
    expect(buildResults(def, totalsOf(many), ctx, { questionId: "met", code: "yes" })).toEqual({ ok: false, error: "unknown_group_question" });
    expect(buildResults(def, totalsOf(many), ctx, { questionId: "unit", code: "zzz" })).toEqual({ ok: false, error: "unknown_group_code" });
  });
});
