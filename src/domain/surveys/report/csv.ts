// CSV export of survey results: one row per (question, answer code), for people who want to
// pivot the numbers themselves. Also home of the small formatting helpers every report
// renderer shares (chart.ts, xlsx.ts, docx.ts import them from here; this module has no
// dependencies, so importing it is free).
//
// Format choices, all for Excel as it is configured in Kazakhstan (ru-KZ / kk-KZ regional
// settings), since that is where compliance officers open the file:
// - `;` as the delimiter: in locales whose decimal separator is a comma, Excel's list
//   separator is `;`, and a double-clicked CSV is split on it. A `,`-delimited file opens
//   as one column there.
// - numbers with a decimal comma (0,625), for the same reason: Excel then reads them as
//   numbers, not text.
// - UTF-8 with a byte order mark: without the BOM Excel decodes CSV with the ANSI code page
//   (cp1251) and Kazakh letters turn into mojibake; with it, Excel, LibreOffice and
//   csv-parse (`bom: true`) all read UTF-8.
// - CRLF line ends and RFC 4180 quoting (fields with `;`, `"`, or line breaks are quoted,
//   quotes doubled).
// - Texts that Excel would take for a formula (starting with = + - @, tab or CR) get a
//   leading apostrophe: free-text answers come from anyone in the audience, and a CSV
//   opened in Excel otherwise evaluates `=HYPERLINK(…)` and friends (CSV injection).
// Officers open it: the header row, the question types and every label are in the chosen
// language. The machine codes (question id; answer code, or final/interim, count/mean, text,
// suppressed) are kept for scripts in the last two columns, under localized headers, so
// that a pivot needs no translation and an officer reads no English.
import { once } from "node:events";
import type { Writable } from "node:stream";
import type { Translate } from "../../../i18n-resources.js";
import type { Text } from "../definition.js";
import type { TextList } from "../text-pool.js";
import type { AudienceRate, Lang, OptionCount, QuestionResult, SurveyResults } from "../results.js";


export function pick(text: Text, lang: Lang): string {
  return text[lang];
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 62.5 → "62,5"; 12345 → "12 345" (non-breaking space), as both languages write numbers. */
export function formatNumber(value: number, lang: Lang, maxFractionDigits = 1): string {
  const key = `${lang}:${maxFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang === "kk" ? "kk-KZ" : "ru-RU", { maximumFractionDigits: maxFractionDigits });
    numberFormats.set(key, format);
  }
  // Intl groups with U+202F or U+00A0 depending on the ICU version; Word and Excel fonts
  // all have U+00A0.
  return format.format(value).replace(/[\u202f\u2009 ]/g, "\u00a0");
}

/** 0.625 → "62,5%": the one way every document and screen writes a share, as the seeds do («Текучесть 9 (40,9%)»). */
export function formatPercent(share: number, lang: Lang): string {
  return `${formatNumber(share * 100, lang, 1)}%`;
}

/** "2025-04-01" → "01.04.2025" (the date format of official documents in both languages). */
export function formatDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : isoDate;
}

/** The threshold a suppressed question fell under: free-form answers use textK. */
export function thresholdFor(q: QuestionResult, results: Pick<SurveyResults, "threshold">): number {
  return q.type === "text" || q.type === "date" ? results.threshold.textK : results.threshold.k;
}

/** A question's free texts, loaded with the results or read now (`loadTexts`); [] when there are none. */
export async function textsOf(q: QuestionResult): Promise<TextList> {
  return q.texts ?? (await q.loadTexts?.()) ?? [];
}

/** The free texts of results computed with them (not `textsOnDemand`: those are written with writeResults…). */
function loadedTexts(q: QuestionResult): TextList {
  if (!q.texts && q.loadTexts) throw new Error("texts read on demand: write the export as a stream");
  return q.texts ?? [];
}

/** Mean point of a scale question (codes are the points), or null without answers. */
export function scaleMean(options: readonly OptionCount[]): number | null {
  let sum = 0;
  let n = 0;
  for (const o of options) {
    const point = Number(o.code);
    if (!Number.isFinite(point)) continue;
    sum += point * o.count;
    n += o.count;
  }
  return n > 0 ? sum / n : null;
}

/**
 * Whether the shares of a question add up to more than 100 %: only a multi-select question
 * where some respondents chose more than one option (the note under its table says so, and
 * would be false anywhere else).
 */
export function sharesExceedWhole(q: QuestionResult): boolean {
  if (!(q.multiple || q.type === "multiple") || !q.options) return false;
  return q.options.reduce((sum, o) => sum + o.count, 0) > q.answered;
}

/** The label shown for an answer option; scale points read "5 — Fully agree". */
export function optionLabel(q: QuestionResult, o: OptionCount, lang: Lang): string {
  const label = pick(o.label, lang);
  return q.type === "scale" && label !== o.code ? `${o.code} — ${label}` : label;
}

/** Localized name of a question type (the type checker holds the key to the locales). */
export function typeLabel(t: Translate, type: QuestionResult["type"]): string {
  return t(`surveyReport.type.${type}`);
}

/** Number answers: the count and the mean only (a minimum, maximum or median is one person's answer). */
export type StatName = "count" | "mean";
export const STAT_NAMES: readonly StatName[] = ["count", "mean"];

export function statLabel(t: Translate, stat: StatName): string {
  return t(`surveyReport.stat.${stat}`);
}

/** A row of the response rate by department: its name, "no department", or "other units" (the merged small ones). */
export function audienceLabel(t: Translate, a: AudienceRate): string {
  return a.other ? t("surveyReport.otherUnits") : a.label || t("surveyReport.noDepartment");
}

/** What the figures rest on, in one sentence: final, or interim with the step of k. */
export function basisNote(t: Translate, r: Pick<SurveyResults, "final" | "totalResponses" | "completed" | "threshold" | "generatedOn">): string {
  return r.final
    ? t("surveyReport.basis.final", { responses: r.totalResponses })
    : t("surveyReport.basis.interim", { responses: r.totalResponses, completed: r.completed, k: r.threshold.k, date: formatDate(r.generatedOn) });
}

// ---------------------------------------------------------------------------------------
// CSV writer

/** The columns, in order; their headers are `surveyReport.csv.column.<name>` in the chosen language. */
export const CSV_COLUMNS = ["section", "question", "type", "answered", "label", "count", "share", "value", "questionId", "code"] as const;

/** The header row in the chosen language. */
export function csvHeader(t: Translate): string[] {
  return CSV_COLUMNS.map((c) => t(`surveyReport.csv.column.${c}`));
}

type Cell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function csvNumber(value: number, maxFractionDigits: number): string {
  // No grouping: Excel would not read "12 345" as a number.
  const rounded = Number(value.toFixed(maxFractionDigits));
  return String(rounded).replace(".", ",");
}

function csvCell(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return csvNumber(value, 4);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[;"\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvLine(cells: readonly Cell[]): string {
  return cells.map(csvCell).join(";");
}

/** One data row by column name (absent cells empty). */
function row(cells: Partial<Record<(typeof CSV_COLUMNS)[number], Cell>>): string {
  return csvLine(CSV_COLUMNS.map((c) => cells[c] ?? null));
}

/**
 * Rows: first the responses the figures rest on (question code `_responses`, answered = the
 * responses, code "final" or "interim", the note as label); then one per answer option
 * (count, share 0..1); for number questions one per statistic (code = count/mean, value
 * column); for free-form answers and "other" texts one per text (code = "text"); a suppressed
 * question is one row with code "suppressed" and the note as its label (no counts, and no
 * "answered" either).
 */
function headLines(results: SurveyResults, t: Translate): string[] {
  return [
    csvLine(csvHeader(t)),
    row({ question: t("surveyReport.csv.responses"), answered: results.totalResponses, label: basisNote(t, results), questionId: "_responses", code: results.final ? "final" : "interim" }),
  ];
}

/** The lines of one question, a line at a time (its texts are given: read by the caller). */
function* questionLines(results: SurveyResults, q: QuestionResult, texts: TextList, lang: Lang, t: Translate): Generator<string> {
  const head = { section: pick(q.sectionTitle, lang), question: pick(q.text, lang), type: typeLabel(t, q.type), questionId: q.questionId };
  if (q.suppressed) {
    yield row({ ...head, label: t("surveyReport.suppressed", { k: thresholdFor(q, results) }), code: "suppressed" });
    return;
  }
  let rows = 0;
  for (const o of q.options ?? []) {
    yield row({ ...head, answered: q.answered, label: optionLabel(q, o, lang), count: o.count, share: o.share, code: o.code });
    rows++;
  }
  if (q.numbers) {
    for (const stat of STAT_NAMES) {
      yield row({ ...head, answered: q.answered, label: statLabel(t, stat), value: q.numbers[stat], code: stat });
      rows++;
    }
  }
  for (const text of texts) {
    yield row({ ...head, answered: q.answered, label: text, code: "text" });
    rows++;
  }
  if (rows === 0) yield row({ ...head, answered: q.answered, label: t("surveyReport.noAnswers") });
}

/** The CSV as one string, of results computed with their texts (tests, small campaigns); the bot and the CLI stream it (writeResultsCsv). */
export function exportResultsCsv(results: SurveyResults, lang: Lang, t: Translate): string {
  const lines = headLines(results, t);
  for (const q of results.questions) lines.push(...questionLines(results, q, q.suppressed ? [] : loadedTexts(q), lang, t));
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

/**
 * The same CSV written to `out` as it is built, a question's texts read when it comes
 * (textsOf), waiting while `out` is full (`out` is not ended).
 */
export async function writeResultsCsv(results: SurveyResults, lang: Lang, t: Translate, out: Writable): Promise<void> {
  let piece = "\ufeff" + headLines(results, t).map((line) => `${line}\r\n`).join("");
  for (const q of results.questions) {
    for (const line of questionLines(results, q, q.suppressed ? [] : await textsOf(q), lang, t)) {
      piece += `${line}\r\n`;
      if (piece.length < 1 << 16) continue;
      if (!out.write(piece, "utf8")) await once(out, "drain");
      piece = "";
    }
  }
  if (!out.write(piece, "utf8")) await once(out, "drain");
}
