import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { LEGAL_FACTORS, ORGANISATIONAL_AREAS } from "../../../src/domain/analysis/catalog.js";
import { parseEvidence, sameEvidence } from "../../../src/domain/analysis/evidence.js";
import type { RiskEntry } from "../../../src/domain/analysis/register.js";
import { renderRiskMapPng, riskMapRows } from "../../../src/domain/analysis/risk-map.js";
import { CORRUPTION_PRONE_FUNCTIONS, factorsOf, isFactorOf, nextNumber, parsePositions, RISK_FACTORS, riskLevel, validateRisk, type RiskDraft } from "../../../src/domain/analysis/risks.js";
import { createI18n, type TFunction } from "../../../src/i18n.js";
import type { Translate } from "../../../src/i18n-resources.js";

let t: { kk: Translate; ru: Translate };
beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as TFunction as Translate, ru: i18n.t("ru") as TFunction as Translate };
});

const draft = (over: Partial<RiskDraft> = {}): RiskDraft => ({
  direction: "organisational",
  area: "personnel",
  factorCode: "p2",
  factor: {},
  title: { ru: "Назначение без конкурса" },
  description: { ru: "Описание" },
  functions: {},
  positions: [{ ru: "Руководитель службы управления персоналом" }],
  likelihood: 3,
  impact: 4,
  ...over,
});

describe("the factor catalog (seed 002)", () => {
  it("lists personnel, contracts and the two legal-act indicators with their words in both languages", () => {
    expect(factorsOf("personnel")).toHaveLength(15);
    expect(factorsOf("contracts")).toHaveLength(10);
    expect(factorsOf("legal_gap")).toHaveLength(5);
    expect(factorsOf("discretion")).toHaveLength(3);
    expect(factorsOf("budget")).toEqual([]);
    for (const codes of Object.values(RISK_FACTORS)) for (const code of codes) for (const lang of ["kk", "ru"] as const) expect(t[lang](`risks.factor.${code}` as never)).not.toContain("risks.");
    for (const code of CORRUPTION_PRONE_FUNCTIONS) expect(t.kk(`risks.function.${code}` as never)).not.toContain("risks.");
    expect(t.ru("risks.factor.d1" as never)).toBe("Использование формулировок «вправе», «могут»");
    // every catalog area is an area of some direction
    for (const area of Object.keys(RISK_FACTORS)) expect([...LEGAL_FACTORS, ...ORGANISATIONAL_AREAS]).toContain(area);
    expect(isFactorOf("personnel", "c1")).toBe(false);
  });
});

describe("risk levels", () => {
  it("low 1–4, medium 5–9, high 10–16, critical 20–25", () => {
    expect(riskLevel(1, 4)).toBe("low");
    expect(riskLevel(1, 5)).toBe("medium");
    expect(riskLevel(3, 3)).toBe("medium");
    expect(riskLevel(2, 5)).toBe("high");
    expect(riskLevel(4, 4)).toBe("high");
    expect(riskLevel(4, 5)).toBe("critical");
    expect(riskLevel(5, 5)).toBe("critical");
  });
});

describe("validateRisk", () => {
  it("accepts a consistent risk", () => expect(validateRisk(draft())).toEqual([]));
  it("refuses an area of the other direction, a factor of another area, a missing own factor", () => {
    expect(validateRisk(draft({ direction: "legal_acts" }))).toContain("area");
    expect(validateRisk(draft({ factorCode: "c1" }))).toContain("factor");
    expect(validateRisk(draft({ area: "budget", factorCode: null }))).toContain("factor_missing");
    expect(validateRisk(draft({ area: "budget", factorCode: null, factor: { kk: "Өз факторым" } }))).toEqual([]);
  });
  it("refuses scores outside 1..5 or not whole, blank and long texts", () => {
    expect(validateRisk(draft({ likelihood: 0, impact: 6 }))).toEqual(["likelihood", "impact"]);
    expect(validateRisk(draft({ likelihood: 2.5 }))).toEqual(["likelihood"]);
    expect(validateRisk(draft({ title: { ru: " " } }))).toContain("title_missing");
    expect(validateRisk(draft({ title: { ru: "x".repeat(301) } }))).toContain("title_long");
    expect(validateRisk(draft({ description: {} }))).toContain("description_missing");
    expect(validateRisk(draft({ positions: Array.from({ length: 31 }, (_, i) => ({ ru: `Должность ${i}` })) }))).toContain("positions_many");
  });
});

describe("helpers", () => {
  it("numbers after the highest, reads positions one a line", () => {
    expect(nextNumber([])).toBe(1);
    expect(nextNumber([1, 4, 2])).toBe(5);
    expect(parsePositions("1. Главный специалист\n\n- главный специалист\n• Руководитель отдела ", "ru")).toEqual([{ ru: "Главный специалист" }, { ru: "Руководитель отдела" }]);
  });
  it("reads stored evidence, dropping what is not a known link", () => {
    const links = parseEvidence(JSON.stringify([{ kind: "survey", campaignId: 3, questionId: "q1" }, { kind: "interview", table: "nope" }, { kind: "reports" }, { kind: "other", text: { ru: "Акт проверки" } }, { kind: "respondent", id: 1 }]));
    expect(links).toEqual([{ kind: "survey", campaignId: 3, questionId: "q1" }, { kind: "reports" }, { kind: "other", text: { ru: "Акт проверки" } }]);
    expect(sameEvidence(links[0]!, { kind: "survey", campaignId: 3, questionId: "q1" })).toBe(true);
    expect(sameEvidence(links[0]!, { kind: "survey", campaignId: 3, questionId: "q2" })).toBe(false);
    expect(parseEvidence("not json")).toEqual([]);
  });
});

const entry = (number: number, likelihood: number, impact: number): RiskEntry => ({
  id: number, number, direction: "organisational", area: "personnel", factorCode: null, factor: {}, title: { ru: `Риск ${number}` }, description: {}, functions: {}, positions: [], likelihood, impact, evidence: [], recommendations: [],
});

describe("the risk map", () => {
  it("puts each risk's number in its cell, likelihood 5 in the first row", () => {
    const rows = riskMapRows([entry(1, 5, 1), entry(2, 3, 3), entry(3, 3, 3), entry(4, 1, 5)]);
    expect(rows).toHaveLength(5);
    expect(rows[0]![0]).toEqual({ likelihood: 5, impact: 1, level: "medium", numbers: [1] });
    expect(rows[2]![2]).toEqual({ likelihood: 3, impact: 3, level: "medium", numbers: [2, 3] });
    expect(rows[4]![4]).toMatchObject({ likelihood: 1, impact: 5, numbers: [4] });
    expect(rows[0]![4]).toMatchObject({ level: "critical", numbers: [] });
    expect(rows.flat().reduce((n, c) => n + c.numbers.length, 0)).toBe(4);
  });
  it("renders a PNG in both languages", async () => {
    const risks = [entry(1, 5, 5), entry(2, 3, 3), entry(3, 3, 3), entry(4, 1, 2), ...Array.from({ length: 14 }, (_, i) => entry(5 + i, 4, 4))];
    for (const lang of ["kk", "ru"] as const) {
      const png = await renderRiskMapPng(risks, t[lang], lang);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      if (process.env.RISK_MAP_OUT) writeFileSync(`${process.env.RISK_MAP_OUT}/risk-map-${lang}.png`, png);
    }
  });
});
