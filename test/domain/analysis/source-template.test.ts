// The template round trip: the bot's XLSX (either language), filled with exceljs as an officer
// would, read back through the bounded table reader and parsed; the example sheet's words read
// back as seed 001's figures, and the example sheet itself is never what is imported.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSourceRows, sourceVocabulary, summarizeFigures, type SourceVocabulary } from "../../../src/domain/analysis/source-figures.js";
import { sourceTemplateXlsx } from "../../../src/domain/analysis/source-template.js";
import { readTable } from "../../../src/domain/tables.js";
import type { Translate } from "../../../src/i18n-resources.js";
import { createI18n } from "../../../src/i18n.js";

let t: Record<"kk" | "ru", Translate>;
let vocab: SourceVocabulary;
beforeAll(async () => {
  const i18n = await createI18n();
  t = { kk: i18n.t("kk") as unknown as Translate, ru: i18n.t("ru") as unknown as Translate };
  vocab = sourceVocabulary([t.kk, t.ru]);
});

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

describe("the sources template", () => {
  for (const lang of ["kk", "ru"] as const) {
    it(`(${lang}) has the data sheet first with drop-downs, the example, the instructions and hidden lists`, async () => {
      const wb = await load(await sourceTemplateXlsx(t[lang], lang));
      expect(wb.worksheets.map((w) => w.state)).toEqual(["visible", "visible", "visible", "hidden"]);
      const data = wb.worksheets[0]!;
      expect(data.getRow(1).values).toEqual([undefined, ...["kind", "period", "category", "topic", "count", "source", "note"].map((c) => t[lang](`analysisSources.column.${c as "kind"}`))]);
      expect(data.getCell("A2").dataValidation).toMatchObject({ type: "list", formulae: [expect.stringMatching(/!\$A\$1:\$A\$5$/)] });
      expect(data.getCell("C300").dataValidation).toMatchObject({ type: "list" });
      const lists = wb.worksheets[3]!;
      expect(lists.getCell("A1").value).toBe(t[lang]("analysisSources.kind.appeals"));
    });

    it(`(${lang}) filled by the officer, reads back; the example's rows read as seed 001's figures`, async () => {
      const wb = await load(await sourceTemplateXlsx(t[lang], lang));
      const data = wb.worksheets[0]!;
      const example = wb.worksheets[1]!;
      // The officer copies the example into the data sheet and adds a row of their own.
      example.eachRow((row, n) => {
        if (n > 1) data.getRow(n).values = row.values as ExcelJS.CellValue[];
      });
      const last = example.rowCount + 1;
      data.getRow(last).values = ["penalties", "2024-Q1", "dismissal", "", 2, "HR", "note"];
      const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), "xlsx");
      expect(table.ok).toBe(true);
      if (!table.ok) return;
      const parsed = parseSourceRows(table.rows, vocab);
      expect(parsed.errors).toEqual([]);
      expect(parsed.rows).toHaveLength(example.rowCount);
      const summary = summarizeFigures(parsed.rows);
      const kind = (k: string) => summary.kinds.find((s) => s.kind === k)!;
      expect(kind("appeals").total).toBe(2612);
      expect(kind("penalties").periods.map((p) => p.total)).toEqual([1650, 2547, 2]);
      expect(kind("court").court).toMatchObject({ defendant: 83, satisfied: 30 });
    });
  }

  it("an untouched template has nothing to import (the example sheet is not read)", async () => {
    const table = await readTable(await sourceTemplateXlsx(t.ru, "ru"), "xlsx");
    expect(table.ok).toBe(true);
    if (table.ok) expect(parseSourceRows(table.rows, vocab)).toEqual({ rows: [], errors: [] });
  });
});
