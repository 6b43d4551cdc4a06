// The disclosure policy (src/domain/surveys/disclosure.ts), directly and by attack: every view
// an officer can request (overall and each group filter) is computed, and every combination
// of what they show (coefficients −1, 0, 1 over all shown figures of a question: "overall
// minus any union of groups", "group A minus group f", …) is tried; the test fails when one
// of them counts the answers of 1..k−1 people.
import { emptyTotals, foldInto } from "../../../src/domain/surveys/ballot-box.js";
import { describe, expect, it } from "vitest";
import { ANSWERED, buildResults, contribution, OVERALL, type ResultsContext, type Totals } from "../../../src/domain/surveys/aggregate.js";
import type { Answers } from "../../../src/domain/surveys/answers.js";
import { validateDefinition, type SurveyDefinition } from "../../../src/domain/surveys/definition.js";
import { isolatesFewerThanK, mergeSmallAudiences, numberSummary, partsWithSafeRest } from "../../../src/domain/surveys/disclosure.js";

const T = (ru: string) => ({ kk: `${ru} (қаз)`, ru });
const K = 5;

function definition(): SurveyDefinition {
  const r = validateDefinition({
    id: "attack",
    title: T("Опрос"),
    mode: "anonymous",
    sections: [
      {
        id: "s",
        title: T("Раздел"),
        questions: [
          { id: "unit", type: "single", group: true, optional: true, text: T("Подразделение"), options: ["mgmt", "a", "b", "c"].map((c) => ({ code: c, label: T(c) })) },
          { id: "tenure", type: "single", group: true, optional: true, text: T("Стаж"), options: ["new", "mid", "long"].map((c) => ({ code: c, label: T(c) })) },
          { id: "met", type: "yesno", text: T("Сталкивались?") },
          { id: "how", type: "multiple", text: T("Как?"), showIf: { question: "met", equals: "yes" }, options: [{ code: "gift", label: T("Подарок") }, { code: "cash", label: T("Деньги") }] },
          { id: "trust", type: "scale", min: 1, max: 3, text: T("Доверие"), labels: { "1": T("Низкое"), "2": T("Среднее"), "3": T("Высокое") } },
          { id: "years", type: "number", min: 0, max: 60, text: T("Лет в организации") },
          { id: "pressure", type: "yesno", optional: true, text: T("Давление?") },
          { id: "note", type: "text", optional: true, maxLength: 200, text: T("Комментарий") },
        ],
      },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.definition;
}

const def = definition();
const labels = { yes: T("Да"), no: T("Нет"), other: T("Другое") };
const ctx = (status: "open" | "closed"): ResultsContext => ({ campaignId: 1, title: def.title, mode: "anonymous", status, opensOn: "2026-03-02", closesOn: "2026-03-13", generatedOn: "2026-03-14", invited: 60, completed: 0, byAudience: [], k: K, textK: 10, labels });

function totalsOf(all: Answers[]): Totals {
  const t = emptyTotals();
  foldInto(t, all.map((a) => contribution(def, a, (s) => s)), (max) => max - 1); // (max − 1: no shuffle)
  return t;
}

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Shape {
  unit: string | null;
  tenure: string | null;
}

function person(random: () => number, shape: Shape): Answers {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const met = random() < 0.4 ? "yes" : "no";
  return {
    unit: shape.unit ? { code: shape.unit } : { skipped: true },
    tenure: shape.tenure ? { code: shape.tenure } : { skipped: true },
    met: { code: met },
    ...(met === "yes" ? { how: { codes: random() < 0.5 ? ["gift"] : ["gift", "cash"] } } : {}),
    trust: { code: pick(["1", "2", "3"]) },
    years: { number: Math.floor(random() * 40) },
    pressure: random() < 0.2 ? { skipped: true } : { code: pick(["yes", "no"]) },
    note: random() < 0.5 ? { text: `мнение ${Math.floor(random() * 1000)}` } : { skipped: true },
  };
}

type Bits = number[];

/** Who is counted in each figure an officer can see: one 0/1 vector over the respondents per shown cell. */
function shownFigures(people: Answers[], status: "open" | "closed" = "closed"): { views: string[]; byQuestion: Map<string, Bits[]> } {
  const totals = totalsOf(people);
  const contributions = people.map((a) => contribution(def, a, (s) => s));
  const filters: ({ questionId: string; code: string } | undefined)[] = [undefined];
  for (const q of ["unit", "tenure"]) for (const code of q === "unit" ? ["mgmt", "a", "b", "c"] : ["new", "mid", "long"]) filters.push({ questionId: q, code });
  const byQuestion = new Map<string, Bits[]>();
  const views: string[] = [];
  const add = (key: string, bits: Bits) => byQuestion.set(key, [...(byQuestion.get(key) ?? []), bits]);
  for (const filter of filters) {
    const r = buildResults(def, totals, ctx(status), filter);
    if (!r.ok) continue;
    const g = filter ? `${filter.questionId}=${filter.code}` : OVERALL;
    views.push(g || "overall");
    const inView = contributions.map((c) => c.groups.includes(g));
    expect(inView.filter(Boolean).length).toBe(r.results.responses);
    add("_responses", inView.map(Number));
    for (const q of r.results.questions) {
      if (q.suppressed) continue;
      const bits = contributions.map((c, i) => (inView[i] && c.counts.some((x) => x.questionId === q.questionId && x.groupKey === OVERALL && x.code === ANSWERED) ? 1 : 0));
      expect(bits.reduce<number>((s, b) => s + b, 0), `${g} ${q.questionId}`).toBe(q.answered);
      expect(q.answered).toBeGreaterThanOrEqual(K);
      if (q.numbers) expect(Object.keys(q.numbers).sort()).toEqual(["count", "mean"]);
      add(q.questionId, bits);
    }
  }
  return { views, byQuestion };
}

/** A combination (coefficients −1, 0, 1) of the vectors that counts exactly 1..k−1 people, or null. */
function isolating(vectors: Bits[], k: number): { coefficients: number[]; people: number[] } | null {
  const distinct = [...new Map(vectors.map((v) => [v.join(""), v])).values()];
  const n = distinct[0]?.length ?? 0;
  const coefficients = distinct.map(() => -1);
  for (;;) {
    const h = new Array<number>(n).fill(0);
    distinct.forEach((v, i) => {
      if (coefficients[i]) for (let p = 0; p < n; p++) h[p]! += coefficients[i]! * v[p]!;
    });
    const support = h.flatMap((x, p) => (x === 1 ? [p] : []));
    if (h.every((x) => x === 0 || x === 1) && support.length > 0 && support.length < k) return { coefficients: [...coefficients], people: support };
    let i = 0;
    while (i < coefficients.length && coefficients[i] === 1) coefficients[i++] = -1;
    if (i === coefficients.length) return null;
    coefficients[i]!++;
  }
}

function attack(people: Answers[]): string[] {
  const { byQuestion } = shownFigures(people);
  const found: string[] = [];
  for (const [question, vectors] of byQuestion) {
    const hit = isolating(vectors, K);
    if (hit) found.push(`${question}: people ${hit.people.join(",")}`);
  }
  return found;
}

/** The issue's organisation: 25 people, a management of one, the rest in three units. */
function issueScenario(): Answers[] {
  const random = rng(1);
  const units = ["mgmt", ...Array<string>(8).fill("a"), ...Array<string>(8).fill("b"), ...Array<string>(8).fill("c")];
  return units.map((unit, i) => person(random, { unit, tenure: ["new", "mid", "long"][i % 3]! }));
}

describe("the disclosure policy, rule by rule", () => {
  it("shows parts of at least k and keeps the rest at 0 or at least k, hiding the smallest parts", () => {
    expect(partsWithSafeRest([{ key: "m", size: 1 }, { key: "a", size: 8 }, { key: "b", size: 8 }, { key: "c", size: 8 }], 25, 5)).toEqual(["a", "b"]); // rest 1 + 8
    expect(partsWithSafeRest([{ key: "a", size: 10 }, { key: "b", size: 10 }], 20, 5)).toEqual(["a", "b"]);
    expect(partsWithSafeRest([{ key: "a", size: 12 }, { key: "b", size: 3 }], 15, 5)).toEqual([]);
    expect(partsWithSafeRest([{ key: "a", size: 12 }, { key: "b", size: 6 }], 20, 5)).toEqual(["a"]); // 2 did not answer: rest 2 + 6
  });

  it("finds people isolated by two overlapping breakdowns, and none in a full cross table", () => {
    // Every woman is in A, so "A minus women" is the one man of A.
    const nested = [
      { row: "A", col: "m", size: 1 },
      { row: "A", col: "f", size: 5 },
      { row: "B", col: "m", size: 9 },
    ];
    expect(isolatesFewerThanK(nested, 5)).toBe(true);
    // Small cells, but each row and column mixes with the others: no combination isolates them.
    const full = [
      { row: "A", col: "m", size: 1 },
      { row: "A", col: "f", size: 5 },
      { row: "B", col: "m", size: 9 },
      { row: "B", col: "f", size: 10 },
    ];
    expect(isolatesFewerThanK(full, 5)).toBe(false);
    // A small row alone is isolated (overall minus the other rows).
    expect(isolatesFewerThanK([{ row: "A", col: "*", size: 3 }, { row: "B", col: "*", size: 10 }], 5)).toBe(true);
  });

  it("numbers are the count and a rounded mean, nothing of one person", () => {
    expect(numberSummary([1, 2, 3, 4, 40])).toEqual({ count: 5, mean: 10 });
    expect(numberSummary([1, 1, 2])).toEqual({ count: 3, mean: 1.3 });
  });

  it("merges departments under k into 'other units', and into nothing while that row is under k", () => {
    const row = (label: string, invited: number, completed = invited) => ({ label, invited, completed });
    expect(mergeSmallAudiences([row("Бухгалтерия", 12, 9), row("Охрана", 2, 1), row("Склад", 3, 3)], 5)).toEqual([row("Бухгалтерия", 12, 9), { label: "", invited: 5, completed: 4, other: true }]);
    // 2 small invited: the smallest big department joins them.
    expect(mergeSmallAudiences([row("Бухгалтерия", 12), row("Закупки", 6), row("Охрана", 2)], 5)).toEqual([row("Бухгалтерия", 12), { label: "", invited: 8, completed: 8, other: true }]);
    // Nothing left to show apart from the total.
    expect(mergeSmallAudiences([row("Бухгалтерия", 6), row("Охрана", 2)], 5)).toEqual([]);
    expect(mergeSmallAudiences([row("Бухгалтерия", 6), row("Закупки", 7)], 5)).toEqual([row("Бухгалтерия", 6), row("Закупки", 7)]);
  });
});

describe("the attack: every view, every combination of what they show", () => {
  it("the attack finds the manager when every group of at least k is shown (the old rule)", () => {
    // The old rule showed a, b and c (8 each; management of 1 refused): overall minus them is the manager.
    const people = issueScenario();
    const contributions = people.map((a) => contribution(def, a, (s) => s));
    const group = (g: string) => contributions.map((c) => Number(c.groups.includes(g)));
    const hit = isolating([group(OVERALL), group("unit=a"), group("unit=b"), group("unit=c")], K);
    expect(hit?.people).toEqual([0]);
  });

  it("the issue's scenario: 25 people, a management of one — nobody is isolated", () => {
    const people = issueScenario();
    const { views } = shownFigures(people);
    expect(views).not.toContain("unit=mgmt");
    expect(views.filter((v) => v.startsWith("unit="))).toHaveLength(2); // one more unit joins the manager
    expect(attack(people)).toEqual([]);
  });

  it("two nested breakdowns: every woman in unit A is not a way to the man of A", () => {
    const random = rng(7);
    const shapes: Shape[] = [
      { unit: "a", tenure: "new" },
      ...Array<Shape>(5).fill({ unit: "a", tenure: "long" }),
      ...Array<Shape>(9).fill({ unit: "b", tenure: "new" }),
    ];
    const people = shapes.map((s) => person(random, s));
    const { views } = shownFigures(people);
    // Units a (6) and b (9) are shown; tenure is not: a − long (5, all in a) is one person,
    // and with "new" alone, long = overall − new.
    expect(views).toEqual(["overall", "unit=a", "unit=b"]);
    expect(attack(people)).toEqual([]);
  });

  it("while the campaign is open, only the overall results are shown", () => {
    const { views } = shownFigures(issueScenario(), "open");
    expect(views).toEqual(["overall"]);
  });

  it("random organisations (sizes 6–45, skipped grouping questions, empty groups): nobody is isolated", () => {
    const random = rng(2026);
    const failures: string[] = [];
    let withGroups = 0;
    let withBoth = 0;
    for (let trial = 0; trial < 60; trial++) {
      const size = 6 + Math.floor(random() * 40);
      const weights = ["mgmt", "a", "b", "c"].map(() => random());
      const tenureWeights = ["new", "mid", "long"].map(() => random());
      const choose = (codes: string[], w: number[]) => {
        let x = random() * w.reduce((s, v) => s + v, 0);
        for (const [i, c] of codes.entries()) if ((x -= w[i]!) <= 0) return c;
        return codes.at(-1)!;
      };
      const nest = random() < 0.3; // tenure follows the unit: nested groups
      const people = Array.from({ length: size }, () => {
        const unit = random() < 0.1 ? null : choose(["mgmt", "a", "b", "c"], weights);
        const tenure = random() < 0.1 ? null : nest && unit ? { mgmt: "long", a: "new", b: "mid", c: "mid" }[unit]! : choose(["new", "mid", "long"], tenureWeights);
        return person(random, { unit, tenure });
      });
      for (const f of attack(people)) failures.push(`trial ${trial} (${size} people): ${f}`);
      const { views } = shownFigures(people);
      if (views.length > 1) withGroups++;
      if (views.some((v) => v.startsWith("unit=")) && views.some((v) => v.startsWith("tenure="))) withBoth++;
    }
    expect(failures).toEqual([]);
    // The policy is not trivially safe: most organisations do get breakdowns, many both.
    expect(withGroups).toBeGreaterThan(30);
    expect(withBoth).toBeGreaterThan(10);
  });
});
