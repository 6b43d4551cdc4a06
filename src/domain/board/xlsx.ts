// The board report as XLSX: three sheets (plan execution, surveys, anonymous reports) with the
// same figures and words as the DOCX. Counts are numbers and shares 0..1 with a percent format.
import type ExcelJS from "exceljs";
import { formatDay } from "../dates.js";
import { bordered, fitHeight, headerRow, heightFor, MUTED, newWorkbook, PERCENT, PRINT, sheetName, toBuffer } from "../documents/xlsx.js";
import type { Lang } from "../lang.js";
import type { Translate } from "../../i18n-resources.js";
import type { BoardApproval, BoardReportData } from "./report.js";
import { basisLine, documentTitle, leadingAnswer, planRows, planSummary, reportNotes, reportRows } from "./texts.js";

function merged(ws: ExcelJS.Worksheet, columns: number, text: string, font: Partial<ExcelJS.Font> = {}): void {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, columns);
  row.getCell(1).font = font;
  row.getCell(1).alignment = { wrapText: true, vertical: "top" };
  // A column's width is about its characters; a bigger font takes more room.
  let across = 0;
  for (let c = 1; c <= columns; c++) across += ws.getColumn(c).width ?? 10;
  const big = (font.size ?? 11) > 12;
  fitHeight(row, text, Math.floor(across * (big ? 0.75 : 1)), big ? 19 : 15);
}

function bodyRow(ws: ExcelJS.Worksheet, values: (string | number | null)[], options: { bold?: boolean; percent?: number[] } = {}): ExcelJS.Row {
  const row = ws.addRow(values);
  values.forEach((_, i) => (row.getCell(i + 1).alignment = { wrapText: true, vertical: "top" }));
  for (const c of options.percent ?? []) row.getCell(c).numFmt = PERCENT;
  if (options.bold) row.font = { bold: true };
  bordered(row, 1, values.length);
  return row;
}

function sheet(wb: ExcelJS.Workbook, name: string, widths: number[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(name), { pageSetup: PRINT });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

function planSheet(wb: ExcelJS.Workbook, d: BoardReportData, lang: Lang, t: Translate, approval: BoardApproval | null): void {
  const ws = sheet(wb, t("board.doc.sheetPlan"), [8, 55, 34, 14]);
  if (!approval) merged(ws, 4, t("board.doc.draft"), { bold: true });
  merged(ws, 4, t("board.doc.addressee"), { italic: true });
  merged(ws, 4, documentTitle(t, d.period), { bold: true, size: 14 });
  merged(ws, 4, basisLine(t, d), { color: MUTED });
  merged(ws, 4, approval ? t("board.doc.approved", { date: formatDay(approval.on), name: approval.by }) : t("board.doc.notApproved"), { color: MUTED });
  ws.addRow([]);
  merged(ws, 4, t("board.doc.planHeading"), { bold: true, size: 12 });
  merged(ws, 4, planSummary(t, d, lang));
  if (d.plan.totals.total === 0) return;
  const head = headerRow(ws, [t("board.doc.statusColumn"), null, t("board.doc.count"), null]);
  ws.mergeCells(head.number, 1, head.number, 2);
  head.height = 20;
  const rows = planRows(t, d);
  rows.forEach(([label, n], i) => {
    const row = bodyRow(ws, [label, null, n], { bold: i === rows.length - 1 });
    ws.mergeCells(row.number, 1, row.number, 2);
  });
  ws.addRow([]);
  merged(ws, 4, t("board.doc.overdueHeading"), { bold: true, size: 12 });
  if (!d.plan.overdue.length) return merged(ws, 4, t("board.doc.overdueNone"));
  headerRow(ws, [t("board.doc.colNumber"), t("board.doc.colMeasure"), t("board.doc.colResponsible"), t("board.doc.colDueOn")]);
  d.plan.overdue.forEach((o, i) => {
    const row = bodyRow(ws, [o.number ?? String(i + 1), o.measure, o.responsible.join("\n") || "—", formatDay(o.dueOn)]);
    fitHeight(row, o.measure, 52);
  });
}

function surveysSheet(wb: ExcelJS.Workbook, d: BoardReportData, lang: Lang, t: Translate): void {
  const ws = sheet(wb, t("board.doc.sheetSurveys"), [46, 30, 16, 16, 16]);
  merged(ws, 5, t("board.doc.surveysHeading"), { bold: true, size: 12 });
  if (!d.campaigns.length) return merged(ws, 5, t("board.doc.surveysNone"));
  headerRow(ws, [t("board.doc.colSurvey"), t("board.doc.colDates"), t("board.doc.colInvited"), t("board.doc.colCompleted"), t("board.doc.colRate")]);
  for (const c of d.campaigns) bodyRow(ws, [c.title[lang], `${formatDay(c.opensOn)} – ${formatDay(c.closesOn)}`, c.invited, c.completed, c.rate], { percent: [5] });
  for (const c of d.campaigns) {
    ws.addRow([]);
    merged(ws, 5, t("board.doc.campaign", { title: c.title[lang], mode: t(`board.doc.mode.${c.mode}`), from: formatDay(c.opensOn), to: formatDay(c.closesOn) }), { bold: true });
    headerRow(ws, [t("board.doc.colQuestion"), t("board.doc.colLeading"), t("board.doc.colAnswered"), t("board.doc.share"), null]);
    for (const q of c.questions) {
      const lead = leadingAnswer(t, q, d.k, lang);
      const share = q.shown && q.leading ? q.leading.share : null;
      const row = bodyRow(ws, [q.text[lang], lead.label, q.shown ? q.answered : "—", share ?? "—"], { percent: share !== null ? [4] : [] });
      row.height = Math.max(heightFor(q.text[lang], 44), heightFor(lead.label, 28));
    }
  }
  ws.addRow([]);
  merged(ws, 5, t("board.doc.surveysRule", { k: d.k }), { italic: true, color: MUTED });
}

function reportsSheet(wb: ExcelJS.Workbook, d: BoardReportData, t: Translate): void {
  const ws = sheet(wb, t("board.doc.sheetReports"), [70, 16]);
  merged(ws, 2, t("board.doc.reportsHeading"), { bold: true, size: 12 });
  merged(ws, 2, t("board.doc.reportsReceived", { n: d.reports.received }));
  headerRow(ws, [t("board.doc.colIndicator"), t("board.doc.count")]);
  for (const [label, n, indented] of reportRows(t, d.reports)) {
    const row = bodyRow(ws, [label, n], { bold: !indented && label === t("board.doc.rowReceived") });
    if (indented) row.getCell(1).alignment = { wrapText: true, vertical: "top", indent: 1 };
  }
  ws.addRow([]);
  // The organisation's total is a figure (black); the notes on what is left out are grey.
  reportNotes(t, d).forEach((note, i) => merged(ws, 2, note, i === 0 && d.reports.organisationTotal !== null ? {} : { color: MUTED }));
}

export async function renderBoardXlsx(d: BoardReportData, lang: Lang, t: Translate, approval: BoardApproval | null): Promise<Buffer> {
  const wb = newWorkbook(documentTitle(t, d.period));
  planSheet(wb, d, lang, t, approval);
  surveysSheet(wb, d, lang, t);
  reportsSheet(wb, d, t);
  return toBuffer(wb);
}
