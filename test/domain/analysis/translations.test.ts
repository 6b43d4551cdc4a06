// Which of the officer's texts a draft in a language shows in the other language: the record's,
// the sections', each risk's fields (a catalog factor never) and recommendations.
import { describe, expect, it } from "vitest";
import { translationGaps } from "../../../src/domain/analysis/report/model.js";
import { riskTextsLacking } from "../../../src/domain/analysis/translations.js";
import { fullReportModel } from "../../support/analytic-report-model.js";

const base = fullReportModel();
const risk = base.risks[0]!;
const both = (ru: string, kk: string) => ({ ru, kk });

describe("texts without a version in a language", () => {
  it("names a risk's fields and recommendations with text in the other language only", () => {
    const entry = {
      ...risk,
      factorCode: null,
      factor: { ru: "Свой фактор" },
      title: both("Наименование", "Атауы"),
      description: { kk: "Сипаттамасы" },
      functions: {},
      positions: [both("Кассир", "Кассир"), { ru: "Бухгалтер" }],
      recommendations: [{ ...risk.recommendations[0]!, number: 1, text: both("Одна", "Бір") }, { ...risk.recommendations[0]!, number: 2, text: { ru: "Две" } }],
    };
    expect(riskTextsLacking(entry, "kk")).toEqual({ fields: ["factor", "positions"], recommendations: [2] });
    expect(riskTextsLacking(entry, "ru")).toEqual({ fields: ["description"], recommendations: [] });
    // A catalog factor is in both languages from the locales: not named.
    expect(riskTextsLacking({ ...entry, factorCode: "p2" }, "kk").fields).toEqual(["positions"]);
  });

  it("lists the record's, the sections' and the risks' gaps per language", () => {
    const model = fullReportModel({
      record: { ...base.record, organisation: { ru: "АО «Сети»" }, objectText: both("объект", "объект") },
      texts: { intro: { kk: "Кіріспе" }, conclusion: both("Заключение", "Қорытынды") },
      risks: [{ ...risk, number: 2, factorCode: "p2", title: { ru: "Риск" }, description: both("Описание", "Сипаттамасы"), functions: {}, positions: [], recommendations: [] }],
    });
    expect(translationGaps(model, "kk")).toEqual([
      { kind: "record", field: "organisation" },
      { kind: "risk", number: 2, fields: ["title"], recommendations: [] },
    ]);
    expect(translationGaps(model, "ru")).toEqual([{ kind: "section", key: "intro" }]);
  });
});
