// XLSX exports: the aggregated results ("Summary" + "Questions" sheets) and, for attributed
// interviews, the answers of every respondent ("By respondent" + "By question").
// Shares are stored as numbers 0..1 with a percent format, so Excel can compute with them;
// texts are stored as plain strings, never formulas ("=…" stays text). The results workbook
// is written as a stream (xlsx-stream.ts: a campaign of 100k responses); the interview export
// and the exceljs sheet helpers, exported for domain/reports/stats-xlsx.ts, build in memory.
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { InterviewExport, Lang, QuestionResult, SurveyResults } from "../results.js";
import { audienceLabel, basisNote, formatDate, optionLabel, pick, sharesExceedWhole, STAT_NAMES, statLabel, textsOf, thresholdFor, typeLabel } from "./csv.js";
import { XlsxStream, type CellStyle, type SheetStream } from "./xlsx-stream.js";
import type { Translate } from "../../../i18n-resources.js";
import { bordered, fitHeight, headerRow, heightFor, MUTED, newWorkbook, PERCENT, PRINT, sheetName, TITLE_FILL, toBuffer } from "../../documents/xlsx.js";

// The sheet helpers every workbook shares live in documents/xlsx.ts; re-exported for the survey modules.
export { BORDER, bordered, fitHeight, HEADER_FILL, headerRow, heightFor, MUTED, newWorkbook, PERCENT, PRINT, sheetName, toBuffer } from "../../documents/xlsx.js";

// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// The results workbook, written as a stream (xlsx-stream.ts): the free texts of 100k
// responses go out as they are written, one question's texts in memory at a time.

const LINE = "FFB7C3D0";
const S = {
  title: { bold: true, size: 14, wrap: true, vertical: "middle" },
  label: { bold: true, vertical: "top" },
  value: { horizontal: "left", vertical: "top" },
  wideValue: { horizontal: "left", wrap: true, vertical: "top" },
  note: { italic: true, color: MUTED.argb, wrap: true, vertical: "top" },
  heading: { bold: true, size: 12 },
  header: { bold: true, fill: "FFDCE6F1", border: LINE, vertical: "middle", wrap: true },
  questionTitle: { bold: true, size: 12, fill: "FFF2F5F9", wrap: true, vertical: "middle" },
  meta: { color: MUTED.argb, vertical: "top" },
  suppressed: { italic: true, color: "FF9B2C2C" },
  muted: { italic: true, color: MUTED.argb },
  top: { vertical: "top", border: LINE },
  wrapTop: { wrap: true, vertical: "top", border: LINE },
  share: { vertical: "top", border: LINE, numFmt: PERCENT },
  percent: { border: LINE, numFmt: PERCENT },
  bordered: { border: LINE },
  textNumber: { horizontal: "left", vertical: "top", border: LINE },
} satisfies Record<string, CellStyle>;

/** A header row (bold, filled, bordered; null cells left empty), as high as its wrapped labels need. */
function streamHeaderRow(s: SheetStream, values: (string | null)[]): void {
  const lines = Math.max(1, ...values.map((v, i) => (v === null ? 1 : Math.ceil(v.length / Math.max(4, (s.columns[i] ?? 10) - 2)))));
  s.row(values.map((value) => (value === null ? null : { value, style: S.header })), lines > 1 ? lines * 15 + 3 : undefined);
}

/** A text across columns A:D. */
function mergedRow(s: SheetStream, text: string, style: CellStyle, height: number): void {
  s.merge(s.row([{ value: text, style }], height), 1, 4);
}

function summarySheet(s: SheetStream, r: SurveyResults, lang: Lang, t: Translate): void {
  const title = `${t("surveyReport.xlsx.heading")}: ${pick(r.title, lang)}`;
  mergedRow(s, title, S.title, heightFor(title, 80, 19));
  s.skip();
  const field = (label: string, value: string | number, numFmt?: string) => s.row([{ value: label, style: S.label }, { value, style: numFmt ? { ...S.value, numFmt } : S.value }]);
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
    const value = t("surveyReport.xlsx.filterValue", { question: pick(r.filter.questionText, lang), answer: pick(r.filter.label, lang) });
    s.merge(s.row([{ value: t("surveyReport.xlsx.filter"), style: S.label }, { value, style: S.wideValue }], heightFor(value, 60)), 2, 4);
    field(t("surveyReport.xlsx.responses"), r.responses);
  }
  s.skip();
  const basis = basisNote(t, r);
  mergedRow(s, basis, S.note, heightFor(basis, 100));
  const threshold = t("surveyReport.xlsx.threshold", { k: r.threshold.k, textK: r.threshold.textK });
  mergedRow(s, threshold, S.note, heightFor(threshold, 100));

  if (r.byAudience.length > 0) {
    s.skip();
    s.row([{ value: t("surveyReport.xlsx.byAudience"), style: S.heading }]);
    streamHeaderRow(s, [t("surveyReport.xlsx.department"), t("surveyReport.xlsx.invited"), t("surveyReport.xlsx.completed"), t("surveyReport.xlsx.rate")]);
    for (const a of r.byAudience) {
      const label = audienceLabel(t, a);
      s.row([{ value: label, style: S.wrapTop }, { value: a.invited, style: S.bordered }, { value: a.completed, style: S.bordered }, { value: a.rate, style: S.percent }], heightFor(label, 40));
    }
  }
}

/** Options, numbers and texts of a question that is shown; false when it has none of them. */
async function questionBody(s: SheetStream, q: QuestionResult, lang: Lang, t: Translate): Promise<boolean> {
  let shown = false;
  if (q.options) {
    // The option's text in the officer's language, numbered as in the questionnaire; its
    // code (English words like "never") is for scripts and stays in the CSV.
    streamHeaderRow(s, [t("surveyReport.xlsx.number"), t("surveyReport.xlsx.answer"), t("surveyReport.xlsx.count"), t("surveyReport.xlsx.share")]);
    for (const [i, o] of q.options.entries()) {
      const label = optionLabel(q, o, lang);
      // Excel and LibreOffice keep the default height of a row with wrapped text: a long
      // label then runs over the next row. Set the height its lines need.
      s.row([{ value: i + 1, style: S.textNumber }, { value: label, style: S.wrapTop }, { value: o.count, style: S.top }, { value: o.share, style: S.share }], heightFor(label, 58));
    }
    if (sharesExceedWhole(q)) s.row([null, { value: t("surveyReport.xlsx.multipleNote"), style: S.note }], heightFor(t("surveyReport.xlsx.multipleNote"), 58));
    shown = true;
  }
  if (q.numbers) {
    streamHeaderRow(s, [null, t("surveyReport.xlsx.indicator"), t("surveyReport.xlsx.value")]);
    for (const stat of STAT_NAMES) s.row([null, { value: statLabel(t, stat), style: S.bordered }, { value: q.numbers[stat], style: { border: LINE, numFmt: stat === "count" ? "0" : "0.0" } }]);
    shown = true;
  }
  // The texts are read now (a large export holds one question's at a time) and written as
  // they come, the output drained as it fills.
  const texts = await textsOf(q);
  if (texts.length > 0) {
    streamHeaderRow(s, [t("surveyReport.xlsx.number"), q.options ? t("surveyReport.xlsx.otherText") : t("surveyReport.xlsx.text")]);
    let j = 0;
    for (const text of texts) {
      s.row([{ value: ++j, style: S.textNumber }, { value: text, style: S.wrapTop }], heightFor(text, 70));
      await s.flush();
    }
    shown = true;
  }
  return shown;
}

/**
 * Column A of the questions sheet holds the labels of a question's lines ("Жауап бергендер",
 * "Тип вопроса"): as wide as the longest of them and a margin, or a label runs into its value.
 */
const QUESTIONS_LABEL_WIDTH = 20;

async function questionsSheet(s: SheetStream, r: SurveyResults, lang: Lang, t: Translate): Promise<void> {
  const WIDE = 95; // characters across A:D, for row height estimates
  for (const [i, q] of r.questions.entries()) {
    const title = `${i + 1}. ${pick(q.text, lang)}`;
    mergedRow(s, title, S.questionTitle, heightFor(title, WIDE - 10, 16));
    const meta = (label: string, value: string | number) => s.row([{ value: label, style: S.meta }, { value, style: S.wideValue }], heightFor(String(value), 60));
    meta(t("surveyReport.xlsx.section"), pick(q.sectionTitle, lang));
    meta(t("surveyReport.xlsx.type"), typeLabel(t, q.type));
    if (q.suppressed) {
      s.row([null, { value: t("surveyReport.suppressed", { k: thresholdFor(q, r) }), style: S.suppressed }]);
    } else {
      meta(t("surveyReport.xlsx.answered"), q.answered);
      if (!(await questionBody(s, q, lang, t))) s.row([null, { value: t("surveyReport.noAnswers"), style: S.muted }]);
    }
    s.skip();
    await s.flush();
  }
}

/**
 * The results workbook, sheets "Summary" and "Questions" (names in the chosen language),
 * written to `out` as it is built (`out` is not ended): free-text lists of a large campaign
 * never sit in memory whole, nor does the file.
 */
export async function writeResultsXlsx(results: SurveyResults, lang: Lang, t: Translate, out: Writable): Promise<void> {
  const wb = new XlsxStream(out, { title: pick(results.title, lang), creator: "Adal", created: new Date() });
  await wb.sheet(sheetName(t("surveyReport.xlsx.sheet.summary")), { columns: [44, 24, 22, 20], orientation: "portrait" }, async (s) => summarySheet(s, results, lang, t));
  await wb.sheet(sheetName(t("surveyReport.xlsx.sheet.questions")), { columns: [QUESTIONS_LABEL_WIDTH, 60, 14, 12], orientation: "portrait" }, (s) => questionsSheet(s, results, lang, t));
  await wb.finish();
}

/** The results workbook in memory (tests, small campaigns); the bot and the CLI stream it to a file. */
export async function exportResultsXlsx(results: SurveyResults, lang: Lang, t: Translate): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeResultsXlsx(results, lang, t, sink);
  return Buffer.concat(chunks);
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
