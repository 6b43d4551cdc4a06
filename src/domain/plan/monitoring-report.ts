// The quarterly information on the execution of the action plan (seed 002: by the 5th of the
// month after the quarter; seed 004 item 5: non-execution reported to the chair of the
// management board), as DOCX and XLSX in Kazakh or Russian. Laid out like the seeds' official
// documents (official-docx.ts): a centred bold title, the date it is drawn up as of, one row
// per due date, the totals, and the non-execution list for the head. Built from the same rows
// the bot shows (services/plan-execution.ts).
import type ExcelJS from "exceljs";
import { Table, TableRow, WidthType, type Paragraph } from "docx";
import type { IsoDate } from "../calendar/days.js";
import { formatDay } from "../dates.js";
import type { Lang } from "../lang.js";
import { EXECUTION_STATUSES, executionRate, QUARTER_ROMAN, type ExecutionStatus, type ExecutionTotals, type ReportingPeriod } from "./execution.js";
import type { Translate } from "../../i18n-resources.js";
import { cell, heading, LANDSCAPE_CONTENT_WIDTH, officialDocx, para, table } from "../documents/official-docx.js";
import { BORDER, HEADER_FILL, heightFor, newWorkbook, PRINT, sheetName, toBuffer } from "../documents/xlsx.js";
import { formatPercent } from "../surveys/report/csv.js";

/** What the documents need of one due date (services/plan-execution.ts ExecutionRow has it). */
export interface MonitoringRow {
  number: string | null;
  measure: string;
  responsible: string[];
  dueOn: IsoDate;
  originalDueOn: IsoDate | null;
  status: ExecutionStatus;
  doneOn: IsoDate | null;
  evidence: { text: string | null; fileName: string | null; file: boolean } | null;
}

export interface MonitoringData {
  period: ReportingPeriod;
  asOf: IsoDate;
  rows: readonly MonitoringRow[];
  totals: ExecutionTotals;
  nonExecution: readonly MonitoringRow[];
}


/** «III квартал 2026 года» / «2026 жылғы III тоқсан». */
export function periodLabel(t: Translate, period: ReportingPeriod): string {
  return period.kind === "quarter" ? t("monitoring.quarter", { quarter: QUARTER_ROMAN[period.quarter], year: period.year }) : String(period.year);
}

export function documentTitle(t: Translate, period: ReportingPeriod): string {
  const quarter = period.kind === "quarter" ? QUARTER_ROMAN[period.quarter] : "";
  return t("monitoring.doc.title", { quarter, year: period.year });
}

/** 66,7 % (ru) / 66,7% (kk); a dash when no due date has come. */
export function formatRate(totals: ExecutionTotals, lang: Lang): string {
  const rate = executionRate(totals);
  if (rate === null) return "—";
  return formatPercent(rate, lang);
}

export function deadlineText(t: Translate, row: Pick<MonitoringRow, "dueOn" | "originalDueOn">): string {
  const date = formatDay(row.dueOn);
  return row.originalDueOn && row.originalDueOn !== row.dueOn ? t("monitoring.doc.deadlineExtended", { date, original: formatDay(row.originalDueOn) }) : date;
}

export function statusText(t: Translate, row: Pick<MonitoringRow, "status" | "doneOn">): string {
  if (row.status === "extended" && row.doneOn === null) return t("planExecution.status.extendedOpen");
  return t(`planExecution.status.${row.status}`);
}

export function evidenceText(t: Translate, row: Pick<MonitoringRow, "evidence">): string {
  const e = row.evidence;
  if (!e) return t("monitoring.doc.none");
  const parts: string[] = [];
  if (e.text) parts.push(e.text);
  if (e.fileName) parts.push(t("monitoring.doc.evidenceFile", { name: e.fileName }));
  else if (e.file) parts.push(t("monitoring.doc.evidenceAttached"));
  return parts.length ? parts.join("\n") : t("monitoring.doc.evidenceGiven");
}

function numberOf(row: MonitoringRow, index: number): string {
  return row.number ?? String(index + 1);
}

/** The main table's cells, one array per due date. */
export function rowCells(t: Translate, rows: readonly MonitoringRow[]): string[][] {
  return rows.map((r, i) => [
    numberOf(r, i),
    r.measure,
    r.responsible.join(", ") || t("monitoring.doc.none"),
    deadlineText(t, r),
    statusText(t, r),
    evidenceText(t, r),
    r.doneOn ? formatDay(r.doneOn) : t("monitoring.doc.none"),
  ]);
}

export function columnHeaders(t: Translate): string[] {
  return (["number", "measure", "responsible", "deadline", "status", "evidence", "doneOn"] as const).map((c) => t(`monitoring.doc.col.${c}`));
}

/** The totals block: label and figure, the share done in time last (the status labels are the board report's too). */
export function totalsCells(t: Translate, lang: Lang, totals: ExecutionTotals): [string, string][] {
  return [
    [t("monitoring.doc.totals.total"), String(totals.total)],
    ...EXECUTION_STATUSES.map((k): [string, string] => [t(`planExecution.totals.${k}`), String(totals[k])]),
    [t("monitoring.doc.totals.rate"), formatRate(totals, lang)],
  ];
}

function nonExecutionCells(t: Translate, rows: readonly MonitoringRow[]): string[][] {
  return rows.map((r, i) => [numberOf(r, i), r.measure, r.responsible.join(", ") || t("monitoring.doc.none"), deadlineText(t, r)]);
}

// ── DOCX ──

/**
 * The main table's widths in twips (a landscape page, 14,287 across): the measure gets the room,
 * the dates what «05.10.2026 (продлён с 15.09.2026)» needs on two lines. Set by hand rather than
 * by columnWidths, whose header minimum (the widest fallback font) would give every one of seven
 * columns the same width and squeeze the measure.
 */
const WIDTHS_TWIPS = [700, 3787, 2300, 1800, 2000, 1900, 1800];

function fixedTable(header: string[], rows: string[][], widths: readonly number[]): Table {
  return new Table({
    width: { size: LANDSCAPE_CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [...widths],
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: header.map((h, i) => cell(h, { header: true, width: widths[i]! })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, { right: false, width: widths[i]! })) })),
    ],
  });
}

export async function monitoringDocx(data: MonitoringData, lang: Lang, t: Translate): Promise<Buffer> {
  const title = documentTitle(t, data.period);
  const children: (Paragraph | Table)[] = [heading(title, { before: 0, after: 0 }), para(t("monitoring.doc.asOf", { date: formatDay(data.asOf) }), { center: true, after: 240 })];
  if (data.rows.length) children.push(fixedTable(columnHeaders(t), rowCells(t, data.rows), WIDTHS_TWIPS));
  else children.push(para(t("monitoring.doc.noRows")));
  children.push(heading(t("monitoring.doc.totalsHeading"), { before: 240 }));
  const totals = totalsCells(t, lang, data.totals);
  children.push(table([t("monitoring.doc.totalsCol.what"), t("monitoring.doc.totalsCol.count")], totals, [80, 20], { total: LANDSCAPE_CONTENT_WIDTH, boldRows: new Set([0]) }));
  children.push(heading(t("monitoring.doc.nonExecutionHeading"), { before: 240 }));
  if (data.nonExecution.length) {
    const header = columnHeaders(t).slice(0, 4);
    const w = WIDTHS_TWIPS;
    children.push(fixedTable(header, nonExecutionCells(t, data.nonExecution), [w[0]!, w[1]! + w[2]!, w[3]! + w[4]!, w[5]! + w[6]!]));
  } else children.push(para(t("monitoring.doc.nonExecutionNone")));
  children.push(para(t("monitoring.doc.complianceService"), { bold: true, indent: false, before: 360 }));
  return officialDocx(title, [{ landscape: true, children }]);
}

// ── XLSX ──

/** Column widths in characters: №, measure, responsible, deadline, status, evidence, date. */
const WIDTHS = [7, 48, 26, 20, 22, 32, 13];
const FONT = { name: "Times New Roman", size: 12 } as const;

function textRow(ws: ExcelJS.Worksheet, text: string, options: { bold?: boolean; size?: number; center?: boolean }): void {
  const row = ws.addRow([text]);
  ws.mergeCells(row.number, 1, row.number, WIDTHS.length);
  const cell = row.getCell(1);
  cell.font = { ...FONT, bold: options.bold, size: options.size ?? FONT.size };
  cell.alignment = { wrapText: true, vertical: "middle", horizontal: options.center ? "center" : "left" };
  const across = WIDTHS.reduce((a, b) => a + b, 0);
  row.height = heightFor(text, Math.floor(across * (12 / (options.size ?? 12))) - 4, options.size && options.size > 12 ? 19 : 16);
}

function tableRow(ws: ExcelJS.Worksheet, values: (string | number)[], options: { header?: boolean; bold?: boolean; widths: readonly number[] }): ExcelJS.Row {
  const row = ws.addRow(values);
  values.forEach((_, i) => {
    const cell = row.getCell(i + 1);
    cell.font = { ...FONT, bold: options.header || options.bold };
    cell.border = BORDER;
    if (options.header) cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: options.header ? "middle" : "top", horizontal: options.header ? "center" : typeof values[i] === "number" ? "right" : "left" };
  });
  // Times New Roman 12 sets about one character per unit of width; a little less to be safe.
  const lines = Math.max(1, ...values.map((v, i) => String(v).split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / Math.max(4, options.widths[i]! - 2))), 0)));
  row.height = lines * 16 + 4;
  return row;
}

/** A label across the first columns and its figure in the last, bordered. */
function totalsRow(ws: ExcelJS.Worksheet, label: string, value: string | number, bold: boolean): void {
  const last = WIDTHS.length;
  const row = ws.addRow([label, ...Array(last - 2).fill(null), value]);
  ws.mergeCells(row.number, 1, row.number, last - 1);
  for (let c = 1; c <= last; c++) {
    const cell = row.getCell(c);
    cell.border = BORDER;
    cell.font = { ...FONT, bold };
    cell.alignment = { wrapText: true, vertical: "top", horizontal: c === last ? "right" : "left" };
  }
  const across = WIDTHS.slice(0, -1).reduce((a, b) => a + b, 0);
  row.height = heightFor(label, across - 4, 16) + 2;
}

export async function monitoringXlsx(data: MonitoringData, lang: Lang, t: Translate): Promise<Buffer> {
  const title = documentTitle(t, data.period);
  const wb = newWorkbook(title);
  const ws = wb.addWorksheet(sheetName(t("monitoring.doc.sheet")), {
    pageSetup: { ...PRINT, orientation: "landscape", margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 }, printTitlesRow: "4:4" },
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  textRow(ws, title, { bold: true, size: 14, center: true });
  textRow(ws, t("monitoring.doc.asOf", { date: formatDay(data.asOf) }), { center: true });
  ws.addRow([]);
  tableRow(ws, columnHeaders(t), { header: true, widths: WIDTHS });
  for (const cells of rowCells(t, data.rows)) tableRow(ws, cells, { widths: WIDTHS });
  if (!data.rows.length) textRow(ws, t("monitoring.doc.noRows"), {});
  ws.addRow([]);
  textRow(ws, t("monitoring.doc.totalsHeading"), { bold: true, center: true });
  const totals = totalsCells(t, lang, data.totals);
  totals.forEach(([label, value], i) => {
    const rate = i === totals.length - 1;
    const v = !rate ? Number(value) : executionRate(data.totals);
    totalsRow(ws, label, v ?? "—", i === 0);
    if (rate && v !== null) ws.lastRow!.getCell(WIDTHS.length).numFmt = "0.0%";
  });
  ws.addRow([]);
  textRow(ws, t("monitoring.doc.nonExecutionHeading"), { bold: true, center: true });
  if (data.nonExecution.length) {
    const widths = [WIDTHS[0]!, WIDTHS[1]! + WIDTHS[2]!, WIDTHS[3]! + WIDTHS[4]!, WIDTHS[5]! + WIDTHS[6]!];
    // The non-execution list uses merged pairs of the main columns: measure, responsible, deadline.
    const header = columnHeaders(t).slice(0, 4);
    for (const [n, cells] of [header, ...nonExecutionCells(t, data.nonExecution)].entries()) {
      const row = tableRow(ws, [cells[0]!, cells[1]!, "", cells[2]!, "", cells[3]!, ""], { header: n === 0, widths: [widths[0]!, widths[1]!, 1, widths[2]!, 1, widths[3]!, 1] });
      ws.mergeCells(row.number, 2, row.number, 3);
      ws.mergeCells(row.number, 4, row.number, 5);
      ws.mergeCells(row.number, 6, row.number, 7);
    }
  } else textRow(ws, t("monitoring.doc.nonExecutionNone"), {});
  ws.addRow([]);
  textRow(ws, t("monitoring.doc.complianceService"), { bold: true });
  return toBuffer(wb);
}
