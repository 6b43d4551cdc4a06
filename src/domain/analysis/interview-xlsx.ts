// The interview tables as XLSX for the officer: one sheet per table, a column per indicator
// (the DOCX lists them in one cell), counts as numbers and the turnover as a share with a percent
// format, so the working group can sort and compute; a last sheet names who answered.
import type ExcelJS from "exceljs";
import { bordered, headerRow, heightFor, newWorkbook, PERCENT, PRINT, sheetName, toBuffer } from "../documents/xlsx.js";
import type { Lang } from "../lang.js";
import type { Translate } from "../../i18n-resources.js";
import { hasRespondentNames, PENALTY_TYPES, type FunctionTable, type InterviewTables, type Note } from "./interview-tables.js";
import type { InterviewTableId } from "./register.js";

type Value = string | number | Date | null;

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(name), { pageSetup: { ...PRINT, orientation: "landscape" }, views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

function bodyRow(ws: ExcelJS.Worksheet, values: Value[], options: { bold?: boolean; percent?: number[] } = {}): void {
  const row = ws.addRow(values);
  values.forEach((_, i) => (row.getCell(i + 1).alignment = { wrapText: true, vertical: "top" }));
  for (const c of options.percent ?? []) row.getCell(c).numFmt = PERCENT;
  if (options.bold) row.font = { bold: true };
  bordered(row, 1, values.length);
  // The tallest wrapped cell sets the row's height.
  row.height = Math.max(15, ...values.map((v, i) => (typeof v === "string" ? heightFor(v, Math.max(8, (ws.getColumn(i + 1).width ?? 10) - 2)) : 15)));
}

const notes = (list: readonly Note[], lang: Lang) => list.map((n) => `${n.text[lang]}: ${n.value}`).join("\n");
const name = (t: Translate, id: InterviewTableId | "respondents") => t(`analysisInterviews.sheet.${id}`);

function functionSheet(wb: ExcelJS.Workbook, id: "public_services" | "permits" | "control", data: FunctionTable, t: Translate, lang: Lang): void {
  const ws = sheet(wb, name(t, id), [28, 34, ...data.indicators.map(() => 14), 60]);
  headerRow(ws, [t("analysisInterviews.col.unit"), t("analysisInterviews.col.names"), ...data.indicators.map((i) => i.text[lang]), t("analysisInterviews.col.qualitative")]);
  for (const r of data.rows) bodyRow(ws, [r.unit, r.names, ...data.indicators.map((i) => r.values[i.id] ?? 0), notes(r.notes, lang)]);
  bodyRow(ws, [t("analysisInterviews.doc.total"), null, ...data.indicators.map((i) => data.total[i.id] ?? 0), null], { bold: true });
}

function personnelSheet(wb: ExcelJS.Workbook, tables: InterviewTables, t: Translate, lang: Lang): void {
  const data = tables.personnel;
  const ws = sheet(wb, name(t, "personnel"), [28, ...data.indicators.map(() => 14), 14, 14, 60]);
  const share = data.indicators.length + 3;
  headerRow(ws, [t("analysisInterviews.col.unit"), ...data.indicators.map((i) => i.text[lang]), t("analysisInterviews.col.dismissed"), t("analysisInterviews.col.turnoverShare"), t("analysisInterviews.col.qualitative")]);
  for (const r of data.rows) bodyRow(ws, [r.unit, ...data.indicators.map((i) => r.values[i.id] ?? 0), r.dismissed, r.turnover, notes(r.notes, lang)], { percent: [share] });
  const total = data.total;
  bodyRow(ws, [t("analysisInterviews.doc.total"), ...data.indicators.map((i) => total.values[i.id] ?? 0), total.dismissed, total.turnover, null], { bold: true, percent: [share] });
}

function penaltiesSheet(wb: ExcelJS.Workbook, tables: InterviewTables, t: Translate): void {
  const ws = sheet(wb, name(t, "penalties"), [30, 14, ...PENALTY_TYPES.map(() => 16)]);
  headerRow(ws, [t("analysisInterviews.col.unit"), t("analysisInterviews.col.penaltiesTotal"), ...PENALTY_TYPES.map((p) => t(`analysisInterviews.col.penalty.${p}`))]);
  for (const r of tables.penalties.rows) bodyRow(ws, [r.unit, r.total, ...PENALTY_TYPES.map((p) => r.byType[p])]);
  const total = tables.penalties.total;
  bodyRow(ws, [t("analysisInterviews.doc.total"), total.total, ...PENALTY_TYPES.map((p) => total.byType[p])], { bold: true });
}

function countedSheet(wb: ExcelJS.Workbook, tables: InterviewTables, id: "cancelled_penalties" | "offences", t: Translate): void {
  const [count, text] = id === "offences" ? (["offencesCount", "offencesText"] as const) : (["cancelledCount", "cancelledBy"] as const);
  const ws = sheet(wb, name(t, id), [30, 16, 80]);
  headerRow(ws, [t("analysisInterviews.col.unit"), t(`analysisInterviews.col.${count}`), t(`analysisInterviews.col.${text}`)]);
  for (const r of tables[id].rows) bodyRow(ws, [r.unit, r.count, r.text]);
  bodyRow(ws, [t("analysisInterviews.doc.total"), tables[id].total, null], { bold: true });
}

function legalActsSheet(wb: ExcelJS.Workbook, tables: InterviewTables, t: Translate): void {
  const cols = ["actName", "actBylaws", "actIssues", "actUnregulated", "actMeasures"] as const;
  const ws = sheet(wb, name(t, "legal_acts"), [6, 26, 44, 32, 32, 32, 36]);
  headerRow(ws, [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), ...cols.map((c) => t(`analysisInterviews.col.${c}`))]);
  tables.legal_acts.rows.forEach((r, i) => bodyRow(ws, [i + 1, r.unit, r.name, r.bylaws, r.issues, r.unregulated, r.measures]));
}

function respondentsSheet(wb: ExcelJS.Workbook, tables: InterviewTables, t: Translate): void {
  const named = hasRespondentNames(tables);
  const ws = sheet(wb, name(t, "respondents"), named ? [30, 34, 30, 14] : [30, 14]);
  headerRow(ws, [t("analysisInterviews.col.unit"), ...(named ? [t("analysisInterviews.col.fullName"), t("analysisInterviews.col.position")] : []), t("analysisInterviews.col.submittedOn")]);
  for (const r of tables.respondents) {
    bodyRow(ws, [r.unit, ...(named ? [r.fullName, r.position ?? "—"] : []), new Date(`${r.submittedOn}T00:00:00Z`)]);
    ws.lastRow!.getCell(named ? 4 : 2).numFmt = "dd.mm.yyyy";
  }
}

/** All the tables of the interviews, one sheet each, and the respondents. */
export async function renderInterviewTablesXlsx(tables: InterviewTables, t: Translate, lang: Lang): Promise<Buffer> {
  const wb = newWorkbook(t("analysisInterviews.doc.title"));
  functionSheet(wb, "public_services", tables.public_services, t, lang);
  functionSheet(wb, "permits", tables.permits, t, lang);
  functionSheet(wb, "control", tables.control, t, lang);
  personnelSheet(wb, tables, t, lang);
  penaltiesSheet(wb, tables, t);
  countedSheet(wb, tables, "cancelled_penalties", t);
  countedSheet(wb, tables, "offences", t);
  legalActsSheet(wb, tables, t);
  respondentsSheet(wb, tables, t);
  return toBuffer(wb);
}
