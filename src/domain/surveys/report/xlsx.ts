// XLSX exports: the aggregated results ("Summary" + "Questions" sheets) and, for attributed
// interviews, the answers of every respondent ("By respondent" + "By question").
// Shares are stored as numbers 0..1 with a percent format, so Excel can compute with them;
// texts are stored as plain strings (exceljs never turns "=…" into a formula).
// The sheet helpers are exported for the other XLSX exports (domain/reports/stats-xlsx.ts).
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { InterviewExport, Lang, SurveyResults } from "../results.js";
import { audienceLabel, basisNote, formatDate, optionLabel, pick, STAT_NAMES, statLabel, thresholdFor, typeLabel } from "./csv.js";
import type { Translate } from "../../../i18n-resources.js";

export const PERCENT = "0.0%";
export const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F1" } };
const TITLE_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F5F9" } };
const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFB7C3D0" } };
export const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const MUTED = { argb: "FF52606D" };
const TEXT_NUMBER_STYLE: Partial<ExcelJS.Style> = { alignment: { horizontal: "left", vertical: "top" }, border: BORDER };
const TEXT_STYLE: Partial<ExcelJS.Style> = { alignment: { wrapText: true, vertical: "top" }, border: BORDER };

/** Excel forbids []:*?/\ in sheet names and caps them at 31 characters. */
export function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31);
}

/** Excel does not grow merged rows to fit: estimate the height from the text length. */
export function fitHeight(row: ExcelJS.Row, text: string, charsPerLine: number, lineHeight = 15): void {
  const lines = text.includes("\n") ? text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(part.length / charsPerLine)), 0) : Math.max(1, Math.ceil(text.length / charsPerLine));
  row.height = Math.max(lineHeight, lines * lineHeight + 3);
}

export function headerRow(ws: ExcelJS.Worksheet, values: (string | null)[]): ExcelJS.Row {
  const row = ws.addRow(values);
  values.forEach((v, i) => {
    if (v === null) return;
    const cell = row.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { vertical: "middle", wrapText: true };
  });
  // A header that wraps needs the height of its lines, or it runs over the row below.
  const lines = Math.max(1, ...values.map((v, i) => (v === null ? 1 : Math.ceil(v.length / Math.max(4, (ws.getColumn(i + 1).width ?? 10) - 2)))));
  if (lines > 1) row.height = lines * 15 + 3;
  return row;
}

export function bordered(row: ExcelJS.Row, from: number, to: number): void {
  for (let c = from; c <= to; c++) row.getCell(c).border = BORDER;
}

export async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A workbook written as it is built (exceljs's streaming writer): committed rows leave
 * memory, so a sheet of 100k free-text answers costs its compressed size and the shared
 * strings table, not objects per cell. Shared strings, not the writer's "str" cells: LibreOffice
 * folds the line breaks of those. `done()` commits it and returns the file.
 */
export function streamingWorkbook(title: string): { wb: ExcelJS.Workbook; done: () => Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = "Adal";
  wb.title = title;
  wb.created = new Date();
  return {
    wb,
    done: async () => {
      await (wb as ExcelJS.stream.xlsx.WorkbookWriter).commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

export function newWorkbook(title: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Adal";
  wb.title = title;
  wb.created = new Date();
  return wb;
}

export const PRINT: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

// ---------------------------------------------------------------------------------------

function summarySheet(wb: ExcelJS.Workbook, r: SurveyResults, lang: Lang, t: Translate): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(t("surveyReport.xlsx.sheet.summary")), { pageSetup: PRINT });
  ws.columns = [{ width: 44 }, { width: 24 }, { width: 22 }, { width: 20 }];

  const title = ws.addRow([`${t("surveyReport.xlsx.heading")}: ${pick(r.title, lang)}`]);
  ws.mergeCells(title.number, 1, title.number, 4);
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { wrapText: true, vertical: "middle" };
  fitHeight(title, String(title.getCell(1).value), 80, 19);
  ws.addRow([]);

  const field = (label: string, value: string | number, numFmt?: string) => {
    const row = ws.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: "top" };
    row.getCell(2).alignment = { horizontal: "left", vertical: "top" };
    if (numFmt) row.getCell(2).numFmt = numFmt;
    return row;
  };
  field(t("surveyReport.xlsx.survey"), pick(r.title, lang));
  field(t("surveyReport.xlsx.period"), `${formatDate(r.opensOn)} – ${formatDate(r.closesOn)}`);
  field(t("surveyReport.xlsx.mode"), r.mode === "anonymous" ? t("surveyReport.mode.anonymous") : t("surveyReport.mode.attributed"));
  field(t("surveyReport.xlsx.status"), r.status === "draft" ? t("surveyReport.status.draft") : r.status === "open" ? t("surveyReport.status.open") : t("surveyReport.status.closed"));
  field(t("surveyReport.xlsx.generatedOn"), formatDate(r.generatedOn));
  field(t("surveyReport.xlsx.invited"), r.invited);
  field(t("surveyReport.xlsx.completed"), r.completed);
  field(t("surveyReport.xlsx.responseRate"), r.responseRate, PERCENT);
  field(t("surveyReport.xlsx.basis"), r.totalResponses);
  if (r.filter) {
    const filter = field(t("surveyReport.xlsx.filter"), t("surveyReport.xlsx.filterValue", { question: pick(r.filter.questionText, lang), answer: pick(r.filter.label, lang) }));
    ws.mergeCells(filter.number, 2, filter.number, 4);
    filter.getCell(2).alignment = { horizontal: "left", wrapText: true, vertical: "top" };
    fitHeight(filter, String(filter.getCell(2).value), 60);
    field(t("surveyReport.xlsx.responses"), r.responses);
  }
  ws.addRow([]);
  const basis = ws.addRow([basisNote(t, r)]);
  ws.mergeCells(basis.number, 1, basis.number, 4);
  basis.getCell(1).alignment = { wrapText: true, vertical: "top" };
  basis.getCell(1).font = { italic: true, color: MUTED };
  fitHeight(basis, String(basis.getCell(1).value), 100);
  const note = ws.addRow([t("surveyReport.xlsx.threshold", { k: r.threshold.k, textK: r.threshold.textK })]);
  ws.mergeCells(note.number, 1, note.number, 4);
  note.getCell(1).alignment = { wrapText: true, vertical: "top" };
  note.getCell(1).font = { italic: true, color: MUTED };
  fitHeight(note, String(note.getCell(1).value), 100);

  if (r.byAudience.length > 0) {
    ws.addRow([]);
    ws.addRow([t("surveyReport.xlsx.byAudience")]).getCell(1).font = { bold: true, size: 12 };
    headerRow(ws, [t("surveyReport.xlsx.department"), t("surveyReport.xlsx.invited"), t("surveyReport.xlsx.completed"), t("surveyReport.xlsx.rate")]);
    for (const a of r.byAudience) {
      const label = audienceLabel(t, a);
      const row = ws.addRow([label, a.invited, a.completed, a.rate]);
      row.getCell(1).alignment = { wrapText: true, vertical: "top" };
      fitHeight(row, label, 40);
      row.getCell(4).numFmt = PERCENT;
      bordered(row, 1, 4);
    }
  }
  return ws;
}

/** A question's title across columns A:D, bold on the title fill, as high as its text needs. */
function questionTitleRow(ws: ExcelJS.Worksheet, title: string, charsAcross: number): ExcelJS.Row {
  const row = ws.addRow([title]);
  ws.mergeCells(row.number, 1, row.number, 4);
  const cell = row.getCell(1);
  cell.font = { bold: true, size: 12 };
  cell.fill = TITLE_FILL;
  cell.alignment = { wrapText: true, vertical: "middle" };
  fitHeight(row, title, charsAcross, 16);
  return row;
}

function questionsSheet(wb: ExcelJS.Workbook, r: SurveyResults, lang: Lang, t: Translate): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(t("surveyReport.xlsx.sheet.questions")), { pageSetup: PRINT });
  ws.columns = [{ width: 14 }, { width: 64 }, { width: 14 }, { width: 12 }];
  const WIDE = 95; // characters across A:D, for row height estimates

  r.questions.forEach((q, i) => {
    questionTitleRow(ws, `${i + 1}. ${pick(q.text, lang)}`, WIDE - 10);

    const meta = (label: string, value: string | number) => {
      const row = ws.addRow([label, value]);
      row.getCell(1).font = { color: MUTED };
      row.getCell(1).alignment = { vertical: "top" };
      row.getCell(2).alignment = { horizontal: "left", wrapText: true, vertical: "top" };
      fitHeight(row, String(value), 60);
      return row;
    };
    meta(t("surveyReport.xlsx.section"), pick(q.sectionTitle, lang));
    meta(t("surveyReport.xlsx.type"), typeLabel(t, q.type));

    if (q.suppressed) {
      const row = ws.addRow([null, t("surveyReport.suppressed", { k: thresholdFor(q, r) })]);
      row.getCell(2).font = { italic: true, color: { argb: "FF9B2C2C" } };
      ws.addRow([]);
      return;
    }
    meta(t("surveyReport.xlsx.answered"), q.answered);

    let shown = false;
    if (q.options) {
      headerRow(ws, [t("surveyReport.xlsx.code"), t("surveyReport.xlsx.answer"), t("surveyReport.xlsx.count"), t("surveyReport.xlsx.share")]);
      for (const o of q.options) {
        const label = optionLabel(q, o, lang);
        const row = ws.addRow([o.code, label, o.count, o.share]);
        for (const c of [1, 3, 4]) row.getCell(c).alignment = { vertical: "top" };
        row.getCell(2).alignment = { wrapText: true, vertical: "top" };
        // Excel and LibreOffice keep the default height of a row with wrapped text: a long
        // label then runs over the next row. Set the height its lines need.
        fitHeight(row, label, 58);
        row.getCell(4).numFmt = PERCENT;
        bordered(row, 1, 4);
      }
      if (q.multiple || q.type === "multiple") {
        const row = ws.addRow([null, t("surveyReport.xlsx.multipleNote")]);
        row.getCell(2).font = { italic: true, color: MUTED };
        row.getCell(2).alignment = { wrapText: true, vertical: "top" };
        fitHeight(row, t("surveyReport.xlsx.multipleNote"), 58);
      }
      shown = true;
    }
    if (q.numbers) {
      headerRow(ws, [null, t("surveyReport.xlsx.indicator"), t("surveyReport.xlsx.value")]);
      for (const stat of STAT_NAMES) {
        const row = ws.addRow([null, statLabel(t, stat), q.numbers[stat]]);
        row.getCell(3).numFmt = stat === "count" ? "0" : "0.0";
        bordered(row, 2, 3);
      }
      shown = true;
    }
    if (q.texts && q.texts.length > 0) {
      headerRow(ws, [t("surveyReport.xlsx.number"), q.options ? t("surveyReport.xlsx.otherText") : t("surveyReport.xlsx.text")]);
      q.texts.forEach((text, j) => {
        const row = ws.addRow([j + 1, text]);
        // Shared style objects: exceljs registers a style object once (100k answers, one style).
        row.getCell(1).style = TEXT_NUMBER_STYLE;
        row.getCell(2).style = TEXT_STYLE;
        fitHeight(row, text, 70);
        row.commit(); // streaming: the row is written out and leaves memory
      });
      shown = true;
    }
    if (!shown) ws.addRow([null, t("surveyReport.noAnswers")]).getCell(2).font = { italic: true, color: MUTED };
    ws.addRow([]);
  });
  return ws;
}

/**
 * Workbook with the sheets "Summary" and "Questions" (names in the chosen language), written
 * as a stream (streamingWorkbook): free-text lists of a large campaign stay out of memory.
 */
export async function exportResultsXlsx(results: SurveyResults, lang: Lang, t: Translate): Promise<Buffer> {
  const { wb, done } = streamingWorkbook(pick(results.title, lang));
  // Each sheet is committed before the next one starts: the zip takes one entry at a time,
  // and a sheet written while an earlier one is open would be buffered whole.
  summarySheet(wb, results, lang, t).commit();
  questionsSheet(wb, results, lang, t).commit();
  return done();
}

// ---------------------------------------------------------------------------------------

function isoToDate(iso: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : iso;
}

/**
 * Attributed interviews: "By respondent" (one row per respondent, one column per question)
 * and "By question" (one block per question with every respondent's answer).
 */
export async function exportInterviewXlsx(data: InterviewExport, lang: Lang, t: Translate): Promise<Buffer> {
  const wb = newWorkbook(pick(data.title, lang));
  const answerOf = (r: InterviewExport["respondents"][number], questionId: string) => r.answers[questionId]?.[lang] ?? "";

  const byRespondent = wb.addWorksheet(sheetName(t("surveyReport.xlsx.sheet.byRespondent")), {
    views: [{ state: "frozen", xSplit: 1, ySplit: 1 }],
    pageSetup: { ...PRINT, orientation: "landscape" },
  });
  byRespondent.columns = [{ width: 32 }, { width: 24 }, { width: 24 }, { width: 14 }, ...data.questions.map(() => ({ width: 30 }))];
  const head = headerRow(byRespondent, [
    t("surveyReport.xlsx.fullName"),
    t("surveyReport.xlsx.department"),
    t("surveyReport.xlsx.position"),
    t("surveyReport.xlsx.date"),
    ...data.questions.map((q) => pick(q.text, lang)),
  ]);
  head.alignment = { wrapText: true, vertical: "top" };
  const longest = Math.max(0, ...data.questions.map((q) => pick(q.text, lang).length));
  head.height = Math.min(150, Math.max(30, Math.ceil(longest / 30) * 15 + 3));
  for (const r of data.respondents) {
    const row = byRespondent.addRow([r.fullName, r.department ?? "", r.position ?? "", isoToDate(r.submittedOn), ...data.questions.map((q) => answerOf(r, q.questionId))]);
    row.getCell(4).numFmt = "dd.mm.yyyy";
    row.alignment = { wrapText: true, vertical: "top" };
    bordered(row, 1, 4 + data.questions.length);
  }
  if (data.respondents.length > 0) byRespondent.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 4 + data.questions.length } };

  const byQuestion = wb.addWorksheet(sheetName(t("surveyReport.xlsx.sheet.byQuestion")), { pageSetup: PRINT });
  byQuestion.columns = [{ width: 32 }, { width: 24 }, { width: 24 }, { width: 60 }];
  data.questions.forEach((q, i) => {
    questionTitleRow(byQuestion, `${i + 1}. ${pick(q.text, lang)}`, 125);
    const section = byQuestion.addRow([t("surveyReport.xlsx.section"), pick(q.sectionTitle, lang)]);
    section.getCell(1).font = { color: MUTED };

    const answered = data.respondents.filter((r) => answerOf(r, q.questionId) !== "");
    if (answered.length === 0) {
      byQuestion.addRow([null, t("surveyReport.noAnswers")]).getCell(2).font = { italic: true, color: MUTED };
    } else {
      headerRow(byQuestion, [t("surveyReport.xlsx.fullName"), t("surveyReport.xlsx.department"), t("surveyReport.xlsx.position"), t("surveyReport.xlsx.text")]);
      for (const r of answered) {
        const answer = answerOf(r, q.questionId);
        const row = byQuestion.addRow([r.fullName, r.department ?? "", r.position ?? "", answer]);
        row.alignment = { wrapText: true, vertical: "top" };
        fitHeight(row, answer, 66);
        bordered(row, 1, 4);
      }
    }
    byQuestion.addRow([]);
  });
  return toBuffer(wb);
}
