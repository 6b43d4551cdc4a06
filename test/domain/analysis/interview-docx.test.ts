// interviewTableBlocks: a heading and the table, or the heading and «Сведения не представлены»;
// the personnel grid with seed 003's turnover, the units side by side three a table.
import { describe, expect, it } from "vitest";
import { renderInterviewTablesDocx, interviewTableBlocks } from "../../../src/domain/analysis/interview-docx.js";
import { buildInterviewTables } from "../../../src/domain/analysis/interview-tables.js";
import { CONTENT_WIDTH, officialDocx } from "../../../src/domain/documents/official-docx.js";
import { createI18n } from "../../../src/i18n.js";
import type { Translate } from "../../../src/i18n-resources.js";
import { docxText } from "../../support/board-documents.js";
import { interviewResponses, interviewTemplate } from "../../support/interview-fixture.js";

const i18n = await createI18n();
const ru = i18n.t("ru") as unknown as Translate;
const def = interviewTemplate();
const tables = buildInterviewTables(def, interviewResponses);
const text = async (blocks: ReturnType<typeof interviewTableBlocks>) => docxText(await officialDocx("x", [{ children: blocks, landscape: true }]));

describe("interviewTableBlocks", () => {
  it("an empty table: the heading and one sentence", async () => {
    const blocks = interviewTableBlocks(tables, "permits", ru, "ru");
    expect(blocks).toHaveLength(2);
    // Heads answered and none of their units issues permits: a finding, not missing data.
    expect(await text(blocks)).toBe("Реализация разрешительных функций\nНи одно из подразделений, руководители которых дали интервью, эту функцию не осуществляет.\n");
  });

  it("personnel: the units side by side with the total, the turnover after the dismissals", async () => {
    const out = await text(interviewTableBlocks(tables, "personnel", ru, "ru"));
    expect(out).toContain("Показатель\nОтдел государственных услуг\nОтдел контроля\nЦентр поддержки семьи и детства\nИтого\n");
    expect(out).toContain("Численность по штату (штатных единиц)\n10\n5\n26,5\n41,5\n");
    expect(out).toContain("Уволено по иным основаниям\n0\n0\n0\n0\nТекучесть кадров (уволено всего, доля от фактической численности)\n2 (22,2%)\n0 (0%)\n9 (40,9%)\n11 (30,6%)\n");
    expect(out).toContain("Центр поддержки семьи и детства. Факты нарушений трудовой дисциплины");
  });

  it("on a portrait page: the penalty types are rows and each act is a small table, so no header breaks mid-word", async () => {
    const penalties = interviewTableBlocks(tables, "penalties", ru, "ru", CONTENT_WIDTH);
    const out = docxText(await officialDocx("x", [{ children: penalties }]));
    expect(out).toMatch(/^Дисциплинарные взыскания по видам\nПоказатель\n/);
    expect(out).toContain("Замечание\n");
    const acts = interviewTableBlocks(tables, "legal_acts", ru, "ru", CONTENT_WIDTH);
    expect(acts).toHaveLength(1 + tables.legal_acts.rows.length);
    const actText = docxText(await officialDocx("x", [{ children: acts }]));
    expect(actText).toContain(`1\n${tables.legal_acts.rows[0]!.name}\nПодразделение\n${tables.legal_acts.rows[0]!.unit}\n`);
  });

  it("more than three units: a next table of the same rows, the total with the last", async () => {
    const many = buildInterviewTables(def, [1, 2, 3, 4].map((n) => ({ ...interviewResponses[0]!, unit: `Отдел ${n}` })));
    const blocks = interviewTableBlocks(many, "personnel", ru, "ru");
    const out = await text(blocks);
    expect(out).toContain("Показатель\nОтдел 1\nОтдел 2\nОтдел 3\nЧисленность");
    expect(out).toContain("Показатель\nОтдел 4\nИтого\nЧисленность по штату (штатных единиц)\n26,5\n106\n");
  });

  it("legal acts: a row per act; the whole document has every table and the respondents", async () => {
    const acts = await text(interviewTableBlocks(tables, "legal_acts", ru, "ru"));
    expect(acts.match(/^\d\n/gm)).toEqual(["1\n", "2\n", "3\n"]);
    const all = docxText(await renderInterviewTablesDocx(tables, ru, "ru"));
    for (const heading of ["Оказание государственных услуг", "Дисциплинарные взыскания по видам", "Отменённые дисциплинарные взыскания", "Правонарушения сотрудников в период прохождения службы", "Руководители подразделений, представившие сведения"]) expect(all).toContain(heading);
    expect(all).toContain("Куземко Людмила Петровна\nДиректор\n02.03.2026");
  });
});
