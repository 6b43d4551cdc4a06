import { describe, expect, it } from "vitest";
import { buildInterviewTables } from "../../../src/domain/analysis/interview-tables.js";
import { positionsDigest, positionsList } from "../../../src/domain/analysis/positions.js";
import type { RiskEntry } from "../../../src/domain/analysis/register.js";
import { interviewTemplate } from "../../support/interview-fixture.js";

function risk(number: number, positions: RiskEntry["positions"], functions: RiskEntry["functions"]): RiskEntry {
  return { id: number, number, direction: "organisational", area: "personnel", factorCode: null, factor: {}, title: { ru: `Риск ${number}`, kk: `${number}-тәуекел` }, description: {}, functions, positions, likelihood: 2, impact: 2, evidence: [], recommendations: [] };
}

describe("the list of positions exposed to corruption risks", () => {
  it("merges a position named in either language whatever the case, with each risk's functions and the risks", () => {
    const rows = positionsList(
      [
        risk(2, [{ ru: "главный бухгалтер" }], { ru: "Подписание платёжных поручений" }),
        risk(1, [{ ru: "Главный бухгалтер", kk: "Бас бухгалтер" }, { kk: "Қойма меңгерушісі" }], { ru: "Приёмка товаров", kk: "Тауарларды қабылдау" }),
        risk(3, [{ kk: "бас  бухгалтер" }, { ru: "" }], {}),
      ],
      null,
    );
    expect(rows).toEqual([
      { position: { ru: "Главный бухгалтер", kk: "Бас бухгалтер" }, units: [], powers: [{ ru: "Приёмка товаров", kk: "Тауарларды қабылдау" }, { ru: "Подписание платёжных поручений" }], risks: [{ number: 1, title: { ru: "Риск 1", kk: "1-тәуекел" } }, { number: 2, title: { ru: "Риск 2", kk: "2-тәуекел" } }, { number: 3, title: { ru: "Риск 3", kk: "3-тәуекел" } }] },
      { position: { kk: "Қойма меңгерушісі" }, units: [], powers: [{ ru: "Приёмка товаров", kk: "Тауарларды қабылдау" }], risks: [{ number: 1, title: { ru: "Риск 1", kk: "1-тәуекел" } }] },
    ]);
  });

  it("adds the positions only the interviews name, with their units, and joins those a risk names", () => {
    const rows = positionsList([risk(1, [{ ru: "Кассир" }], { ru: "Приём наличных" })], {
      ...buildInterviewTables(interviewTemplate(), []),
      riskyPositions: [
        { unit: "Касса", text: "кассир" },
        { unit: "Склад", text: "Кладовщик" },
        { unit: "Бухгалтерия", text: "Кладовщик" },
        { unit: "Қойма", text: "Қоймашы" },
        { unit: "Склад", text: " " },
      ],
    });
    expect(rows.map((r) => [r.position, r.units, r.risks.length])).toEqual([
      [{ ru: "Кассир" }, ["Касса"], 1],
      [{ ru: "Кладовщик" }, ["Склад", "Бухгалтерия"], 0],
      [{ kk: "Қоймашы" }, ["Қойма"], 0],
    ]);
  });

  it("reads a unit head's answer naming several positions as one row each, joined with the register's", () => {
    const rows = positionsList([risk(1, [{ ru: "Оператор службы СОП" }, { ru: "Старший оператор службы СОП" }], { ru: "Заключение договоров" })], {
      ...buildInterviewTables(interviewTemplate(), []),
      riskyPositions: [
        { unit: "Служба СОП", text: "Оператор службы СОП; старший оператор службы СОП" },
        { unit: "Отдел кадров", text: "1) Инспектор по кадрам\n— юрист;\n" },
      ],
    });
    expect(rows.map((r) => [r.position, r.units, r.risks.length])).toEqual([
      [{ ru: "Оператор службы СОП" }, ["Служба СОП"], 1],
      [{ ru: "Старший оператор службы СОП" }, ["Служба СОП"], 1],
      [{ ru: "Инспектор по кадрам" }, ["Отдел кадров"], 0],
      [{ ru: "юрист" }, ["Отдел кадров"], 0],
    ]);
  });

  it("has a digest that changes with any row", () => {
    const a = positionsList([risk(1, [{ ru: "Кассир" }], { ru: "Приём наличных" })], null);
    const b = positionsList([risk(1, [{ ru: "Кассир" }], { ru: "Выдача наличных" })], null);
    expect(positionsDigest(a)).toBe(positionsDigest(positionsList([risk(1, [{ ru: "кассир" }], { ru: "Приём наличных" })], null).map((r) => ({ ...r, position: { ru: "Кассир" } }))));
    expect(positionsDigest(a)).not.toBe(positionsDigest(b));
  });
});
