// The other sources' figures: periods as officers write them, rows and typed lines in both
// languages, and the summary of seed 001's figures (appeals, court cases, penalties).
import { beforeAll, describe, expect, it } from "vitest";
import { parseFigureLine, parsePeriod, parseSourceRows, periodLabel, periodRange, sourceVocabulary, summarizeFigures, type SourceVocabulary } from "../../../src/domain/analysis/source-figures.js";
import type { Translate } from "../../../src/i18n-resources.js";
import { createI18n } from "../../../src/i18n.js";
import { fig, SEED_001 } from "../../support/source-figures-fixture.js";

let vocab: SourceVocabulary;
let ru: Translate;
let kk: Translate;
beforeAll(async () => {
  const i18n = await createI18n();
  ru = i18n.t("ru") as unknown as Translate;
  kk = i18n.t("kk") as unknown as Translate;
  vocab = sourceVocabulary([kk, ru]);
});

describe("periods", () => {
  it("reads the ways officers write them into one canonical form", () => {
    const cases: [string, string | null][] = [
      ["2023", "2023"],
      ["2023 год", "2023"],
      ["2023 жыл", "2023"],
      ["2023-H1", "2023-H1"],
      ["h2 2023", "2023-H2"],
      ["I полугодие 2023", "2023-H1"],
      ["I полугодие 2023 года", "2023-H1"],
      ["2023 жылғы I жартыжылдық", "2023-H1"],
      ["2023-Q2", "2023-Q2"],
      ["II квартал 2023 года", "2023-Q2"],
      ["2023 жылғы 4-тоқсан", "2023-Q4"],
      ["01.01.2023–30.06.2023", "2023-H1"],
      ["01.04.2023 - 30.06.2023", "2023-Q2"],
      ["01.01.2023–31.12.2023", "2023"],
      ["15.01.2023–30.06.2023", "2023-01-15..2023-06-30"],
      ["2023-01-01..2023-06-30", "2023-H1"],
      ["2022–2023", "2022-01-01..2023-12-31"],
      ["2022-2023 годы", "2022-01-01..2023-12-31"],
      ["30.06.2023–01.01.2023", null],
      ["31.02.2023–30.06.2023", null],
      ["V квартал 2023", null],
      ["III полугодие 2023", null],
      ["вчера", null],
      ["", null],
      ["2023-Q5", null],
    ];
    for (const [text, want] of cases) expect(parsePeriod(text), text).toBe(want);
  });

  it("names them as the documents do, in both languages", () => {
    expect(periodLabel("2023", ru)).toBe("2023 год");
    expect(periodLabel("2023-H1", ru)).toBe("I полугодие 2023 года");
    expect(periodLabel("2023-Q2", kk)).toBe("2023 жылғы II тоқсан");
    expect(periodLabel("2022-01-01..2023-12-31", ru)).toBe("2022–2023 годы");
    expect(periodLabel("2023-01-15..2023-06-30", ru)).toBe("период с 15.01.2023 по 30.06.2023");
    expect(periodRange("2024-Q1")).toEqual({ start: "2024-01-01", end: "2024-03-31" });
  });
});

describe("reading figures", () => {
  it("takes a typed line in either language, with or without the topic", () => {
    expect(parseFigureLine("E-Өтініш; 2023; физические лица; государственные услуги; 12; Проектный офис", vocab)).toEqual({
      ok: true,
      figure: { kind: "appeals", period: "2023", category: "individual", topic: "государственные услуги", count: 12, source: "Проектный офис", note: null },
    });
    expect(parseFigureLine("жазалар; 2022; қатаң сөгіс; 233", vocab)).toMatchObject({ ok: true, figure: { kind: "penalties", category: "severe_reprimand", topic: "", count: 233 } });
    expect(parseFigureLine("penalties; 2022; severe_warning; 1; HR", vocab)).toMatchObject({ ok: true, figure: { category: "severe_warning", source: "HR" } });
    expect(parseFigureLine("суд; 2022–2023; ответчик: иск удовлетворён; 30", vocab)).toMatchObject({ ok: true, figure: { kind: "court", category: "defendant_satisfied", count: 30 } });
    expect(parseFigureLine("сот; 2023; жауапкер: талап ішінара қанағаттандырылды; 2", vocab)).toMatchObject({ ok: true, figure: { category: "defendant_partially" } });
    expect(parseFigureLine("иное; 2023; проверки прокуратуры; 4", vocab)).toMatchObject({ ok: true, figure: { kind: "other", category: "проверки прокуратуры" } });
  });

  it("says what is wrong with a line", () => {
    expect(parseFigureLine("погода; 2023; всего; 1", vocab)).toEqual({ ok: false, code: "bad_kind" });
    expect(parseFigureLine("E-Өтініш; вчера; всего; 1", vocab)).toEqual({ ok: false, code: "bad_period" });
    expect(parseFigureLine("E-Өтініш; 2023; выговор; 1", vocab)).toEqual({ ok: false, code: "bad_category" });
    expect(parseFigureLine("E-Өтініш; 2023; всего; -1", vocab)).toEqual({ ok: false, code: "bad_count" });
    expect(parseFigureLine("E-Өтініш; 2023; всего; 1,5", vocab)).toEqual({ ok: false, code: "bad_count" });
    expect(parseFigureLine("E-Өтініш; 2023", vocab)).toEqual({ ok: false, code: "missing" });
    expect(parseFigureLine(`E-Өтініш; 2023; всего; тема; 1; ${"x".repeat(301)}`, vocab)).toEqual({ ok: false, code: "too_long" });
  });

  it("reads a table with Kazakh or Russian headers in any column order, and names bad rows", () => {
    const kkRows = [["Ішкі талдауға арналған"], ["Мәлімет түрі", "Кезең", "Санат", "Тақырып", "Саны", "Дереккөз", "Ескертпе"], ["Тәртіптік жазалар", "2022", "ескерту", "", "1 031", "HR", ""], [], ["Сот істері", "2023", "жауапкер", "", "abc", "", ""]];
    const kkParsed = parseSourceRows(kkRows, vocab);
    expect(kkParsed.rows).toEqual([{ kind: "penalties", period: "2022", category: "remark", topic: "", count: 1031, source: "HR", note: null }]);
    expect(kkParsed.errors).toEqual([{ row: 5, code: "bad_count" }]);
    const ruParsed = parseSourceRows([["Количество", "Категория", "Период", "Вид сведений"], ["11", "анонимно", "2022-2023", "Обращения через E-Өтініш"]], vocab);
    expect(ruParsed.rows).toMatchObject([{ kind: "appeals", category: "anonymous", period: "2022-01-01..2023-12-31", count: 11 }]);
    expect(parseSourceRows([["ФИО", "Телефон"], ["a", "b"]], vocab).errors).toEqual([{ row: 1, code: "no_header" }]);
  });
});

describe("the summary (seed 001)", () => {
  it("appeals: 2 342 + 270 = 2 612, the breakdown by the kind of person, and the breakdown that exceeds the whole flagged", () => {
    const appeals = summarizeFigures(SEED_001).kinds.find((k) => k.kind === "appeals")!;
    expect(appeals.total).toBe(2612);
    expect(appeals.periods.map((p) => [p.period, p.total])).toEqual([["2022", 2342], ["2023", 270]]);
    expect(appeals.categories.map((c) => [c.key, c.count])).toEqual([["individual", 2882], ["legal_entity", 719], ["anonymous", 11]]);
    expect(appeals.categories[0]!.share).toBeCloseTo(2882 / 3612, 6);
    expect(appeals.span).toEqual({ start: "2022-01-01", end: "2023-12-31" });
    // Seed 001's own figures: 2 882 + 719 + 11 = 3 612 of 2 612.
    expect(appeals.mismatches).toEqual([{ parent: "total", whole: 2612, parts: 3612 }]);
  });

  it("penalties: 1 650 in 2022 and 2 547 in 2023 from their types, 4 197 in all", () => {
    const p = summarizeFigures(SEED_001).kinds.find((k) => k.kind === "penalties")!;
    expect(p.periods.map((x) => [x.period, x.total])).toEqual([["2022", 1650], ["2023", 2547]]);
    expect(p.total).toBe(4197);
    expect(p.categories.find((c) => c.key === "remark")!.count).toBe(2457);
    expect(p.periods[0]!.categories).toEqual([{ key: "remark", count: 1031 }, { key: "reprimand", count: 385 }, { key: "severe_reprimand", count: 233 }, { key: "severe_warning", count: 1 }]);
    expect(p.mismatches).toEqual([]);
  });

  it("court: 118 cases, 83 as the defendant, 30 satisfied of the 68 decided — 44 %", () => {
    const c = summarizeFigures(SEED_001).kinds.find((k) => k.kind === "court")!;
    expect(c.total).toBe(118);
    expect(c.court).toEqual({ defendant: 83, pending: 15, decided: 68, satisfied: 30, partially: 0, share: 30 / 68 });
    expect(Math.round(c.court!.share! * 100)).toBe(44);
    expect(c.mismatches).toEqual([]);
  });

  it("a year and its quarters count once; a category's topics add up when it has no row of its own", () => {
    const rows = [fig("media", "2023", "negative", 10), fig("media", "2023-Q1", "negative", 4), fig("media", "2023-Q2", "negative", 6), fig("media", "2024", "neutral", 2, "закупки"), fig("media", "2024", "neutral", 3, "кадры")];
    const m = summarizeFigures(rows).kinds[0]!;
    expect(m.categories.map((c) => [c.key, c.count])).toEqual([["negative", 10], ["neutral", 5]]);
    expect(m.total).toBe(15);
    expect(m.topics.map((t) => [t.key, t.count])).toEqual([["кадры", 3], ["закупки", 2]]);
    expect(summarizeFigures([]).kinds).toEqual([]);
  });
});
