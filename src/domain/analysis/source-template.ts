// The template the bot sends for the other sources' figures: the data sheet first (the one the
// bounded table reader imports), with drop-down lists of the kinds and categories in the
// sheet's language; a filled example (seed 001's figures, not imported) and the instructions
// after it; the lists on a hidden sheet.
import type ExcelJS from "exceljs";
import type { Translate } from "../../i18n-resources.js";
import { fitHeight, headerRow, newWorkbook, PRINT, sheetName, toBuffer } from "../documents/xlsx.js";
import type { Lang } from "../lang.js";
import { SOURCE_FIGURE_KINDS, type SourceFigureKind } from "./register.js";
import { categoryWord, FIGURE_COLUMNS, periodLabel, SOURCE_CATEGORIES } from "./source-figures.js";

/** Rows of the data sheet that carry the drop-down lists. */
export const TEMPLATE_ROWS = 300;
const WIDTHS: Record<(typeof FIGURE_COLUMNS)[number], number> = { kind: 34, period: 22, category: 40, topic: 28, count: 12, source: 36, note: 28 };

type ExampleRow = [SourceFigureKind, string, string, string, number, "appealsSource" | "courtSource" | "penaltiesSource" | "mediaSource"];

/** Seed 001's figures, as an officer would enter them. */
const EXAMPLE: ExampleRow[] = [
  ["appeals", "2022", "total", "", 2342, "appealsSource"],
  ["appeals", "2023", "total", "", 270, "appealsSource"],
  ["appeals", "2022-01-01..2023-12-31", "individual", "", 2882, "appealsSource"],
  ["appeals", "2022-01-01..2023-12-31", "legal_entity", "", 719, "appealsSource"],
  ["appeals", "2022-01-01..2023-12-31", "anonymous", "", 11, "appealsSource"],
  ["court", "2022-01-01..2023-12-31", "total", "", 118, "courtSource"],
  ["court", "2022-01-01..2023-12-31", "defendant", "", 83, "courtSource"],
  ["court", "2022-01-01..2023-12-31", "defendant_satisfied", "", 30, "courtSource"],
  ["penalties", "2022", "remark", "", 1031, "penaltiesSource"],
  ["penalties", "2022", "reprimand", "", 385, "penaltiesSource"],
  ["penalties", "2022", "severe_reprimand", "", 233, "penaltiesSource"],
  ["penalties", "2022", "severe_warning", "", 1, "penaltiesSource"],
  ["penalties", "2023", "remark", "", 1426, "penaltiesSource"],
  ["penalties", "2023", "reprimand", "", 663, "penaltiesSource"],
  ["penalties", "2023", "severe_reprimand", "", 457, "penaltiesSource"],
  ["penalties", "2023", "dismissal", "", 1, "penaltiesSource"],
  ["media", "2022-01-01..2023-12-31", "negative", "mediaTopic", 3, "mediaSource"],
];

function header(ws: ExcelJS.Worksheet, t: Translate): void {
  FIGURE_COLUMNS.forEach((c, i) => (ws.getColumn(i + 1).width = WIDTHS[c]));
  headerRow(ws, FIGURE_COLUMNS.map((c) => t(`analysisSources.column.${c}`)));
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.pageSetup = { ...PRINT, orientation: "landscape" };
}

/** The hidden lists the drop-downs read: the kinds (A) and every kind's categories (B). */
function lists(wb: ExcelJS.Workbook, t: Translate): { kinds: string; categories: string } {
  const ws = wb.addWorksheet(sheetName(t("analysisSources.template.listsSheet")), { state: "hidden" });
  const kinds = SOURCE_FIGURE_KINDS.map((k) => t(`analysisSources.kind.${k}`));
  const categories = [...new Set(SOURCE_FIGURE_KINDS.flatMap((k) => SOURCE_CATEGORIES[k].map((c) => categoryWord(t, k, c))))];
  kinds.forEach((k, i) => (ws.getCell(i + 1, 1).value = k));
  categories.forEach((c, i) => (ws.getCell(i + 1, 2).value = c));
  const name = `'${ws.name}'`;
  return { kinds: `${name}!$A$1:$A$${kinds.length}`, categories: `${name}!$B$1:$B$${categories.length}` };
}

/** The template in one language (`lang` names the sheets and lists through `t`; kept for the callers' symmetry with the documents). */
export async function sourceTemplateXlsx(t: Translate, _lang: Lang): Promise<Buffer> {
  const wb = newWorkbook(t("analysisSources.template.title"));
  const data = wb.addWorksheet(sheetName(t("analysisSources.template.dataSheet")));
  const example = wb.addWorksheet(sheetName(t("analysisSources.template.exampleSheet")));
  const help = wb.addWorksheet(sheetName(t("analysisSources.template.helpSheet")));
  const ranges = lists(wb, t);

  header(data, t);
  for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
    data.getCell(r, 1).dataValidation = { type: "list", allowBlank: true, formulae: [ranges.kinds], showErrorMessage: true, errorStyle: "stop" };
    // «Other» takes the officer's own categories: a word off the list is a warning, not refused.
    data.getCell(r, 3).dataValidation = { type: "list", allowBlank: true, formulae: [ranges.categories], showErrorMessage: true, errorStyle: "warning" };
    data.getCell(r, 5).numFmt = "# ##0";
  }

  header(example, t);
  for (const [kind, period, category, topic, count, source] of EXAMPLE) {
    example.addRow([
      t(`analysisSources.kind.${kind}`),
      periodLabel(period, t),
      categoryWord(t, kind, category),
      topic ? t(`analysisSources.example.${topic as "mediaTopic"}`) : "",
      count,
      t(`analysisSources.example.${source}`),
      "",
    ]);
  }
  example.getColumn(5).numFmt = "# ##0";

  help.getColumn(1).width = 70;
  help.pageSetup = PRINT;
  help.addRow([t("analysisSources.template.title")]).font = { bold: true, size: 13 };
  for (const key of ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"] as const) {
    const text = t(`analysisSources.template.help.${key}`);
    const row = help.addRow([text]);
    row.alignment = { wrapText: true, vertical: "top" };
    fitHeight(row, text, 62);
  }
  return toBuffer(wb);
}
