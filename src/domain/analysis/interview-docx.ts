// The interview tables in the official layout (documents/official-docx.ts), for the analytic
// report and for the officer's own DOCX of all tables. Приложение 1–4 keep seed 003's layout —
// a unit per row, its figures listed in one cell and its problems in the next — because a
// column per indicator does not fit even a landscape page; the penalties are a plain grid.
// Widths are weights of a landscape page (LANDSCAPE_CONTENT_WIDTH).
import type { Paragraph, Table } from "docx";
import { heading, LANDSCAPE_CONTENT_WIDTH, officialDocx, para, table } from "../documents/official-docx.js";
import { formatDate } from "../surveys/report/csv.js";
import type { Lang } from "../lang.js";
import type { Translate } from "../../i18n-resources.js";
import { formatFigure, formatTurnover, PENALTY_TYPES, type FunctionTable, type Indicator, type InterviewTables, type Note, type PersonnelFigures } from "./interview-tables.js";
import { INTERVIEW_TABLES, type InterviewTableId } from "./register.js";

type Block = Paragraph | Table;
const TOTAL = LANDSCAPE_CONTENT_WIDTH;
const dash = (text: string) => text || "—";

function figureLines(indicators: readonly Indicator[], values: Record<string, number>, lang: Lang, after?: { id: string; line: string }): string {
  const lines: string[] = [];
  for (const i of indicators) {
    lines.push(`${i.text[lang]} — ${formatFigure(values[i.id] ?? 0, lang)}`);
    if (after && i.id === after.id) lines.push(after.line);
  }
  return lines.join("\n");
}

function noteLines(notes: readonly Note[], lang: Lang): string {
  return notes.map((n) => `${n.text[lang]}: ${n.value}`).join("\n") || "—";
}

function functionBlocks(data: FunctionTable, t: Translate, lang: Lang): Block[] {
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t("analysisInterviews.col.names"), t("analysisInterviews.col.quantitative"), t("analysisInterviews.col.qualitative")];
  const rows = data.rows.map((r, i) => [String(i + 1), r.unit, dash(r.names), figureLines(data.indicators, r.values, lang), noteLines(r.notes, lang)]);
  rows.push(["", t("analysisInterviews.doc.total"), "", figureLines(data.indicators, data.total, lang), ""]);
  return [table(header, rows, [0.5, 2.2, 3, 4.2, 5], { total: TOTAL, rightAligned: (c) => c === 0, boldRows: new Set([rows.length - 1]) })];
}

function turnoverLine(t: Translate, figures: PersonnelFigures, lang: Lang): { id: string; line: string } {
  return { id: "hr_dismissed_other", line: `${t("analysisInterviews.col.turnover")} — ${formatTurnover(figures, lang)}` };
}

function personnelBlocks(tables: InterviewTables, t: Translate, lang: Lang): Block[] {
  const data = tables.personnel;
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t("analysisInterviews.col.quantitative"), t("analysisInterviews.col.qualitative")];
  const rows = data.rows.map((r, i) => [String(i + 1), r.unit, figureLines(data.indicators, r.values, lang, turnoverLine(t, r, lang)), noteLines(r.notes, lang)]);
  rows.push(["", t("analysisInterviews.doc.total"), figureLines(data.indicators, data.total.values, lang, turnoverLine(t, data.total, lang)), ""]);
  return [table(header, rows, [0.5, 2.4, 6, 6], { total: TOTAL, rightAligned: (c) => c === 0, boldRows: new Set([rows.length - 1]) })];
}

function penaltiesBlocks(tables: InterviewTables, t: Translate, lang: Lang): Block[] {
  const data = tables.penalties;
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t("analysisInterviews.col.penaltiesTotal"), ...PENALTY_TYPES.map((p) => t(`analysisInterviews.col.penalty.${p}`))];
  const figures = (f: typeof data.total) => [formatFigure(f.total, lang), ...PENALTY_TYPES.map((p) => formatFigure(f.byType[p], lang))];
  const rows = data.rows.map((r, i) => [String(i + 1), r.unit, ...figures(r)]);
  rows.push(["", t("analysisInterviews.doc.total"), ...figures(data.total)]);
  return [table(header, rows, [0.5, 3, 1.3, 1.3, 1.3, 1.3, 2.4, 1.5], { total: TOTAL, rightAligned: (c) => c !== 1, boldRows: new Set([rows.length - 1]) })];
}

function countedBlocks(tables: InterviewTables, id: "cancelled_penalties" | "offences", t: Translate, lang: Lang): Block[] {
  const data = tables[id];
  const [count, text] = id === "offences" ? (["offencesCount", "offencesText"] as const) : (["cancelledCount", "cancelledBy"] as const);
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t(`analysisInterviews.col.${count}`), t(`analysisInterviews.col.${text}`)];
  const rows = data.rows.map((r, i) => [String(i + 1), r.unit, formatFigure(r.count, lang), dash(r.text)]);
  rows.push(["", t("analysisInterviews.doc.total"), formatFigure(data.total, lang), ""]);
  return [table(header, rows, [0.5, 3, 1.6, 9], { total: TOTAL, rightAligned: (c) => c === 0 || c === 2, boldRows: new Set([rows.length - 1]) })];
}

function legalActsBlocks(tables: InterviewTables, t: Translate): Block[] {
  const cols = ["actName", "actBylaws", "actIssues", "actUnregulated", "actMeasures"] as const;
  const header = [t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), ...cols.map((c) => t(`analysisInterviews.col.${c}`))];
  const rows = tables.legal_acts.rows.map((r, i) => [String(i + 1), r.unit, dash(r.name), dash(r.bylaws), dash(r.issues), dash(r.unregulated), dash(r.measures)]);
  return [table(header, rows, [0.5, 1.8, 3, 2.2, 2.2, 2.4, 2.6], { total: TOTAL, rightAligned: (c) => c === 0 })];
}

/**
 * One table of the interviews as the analytic report shows it: a heading line and the table, or
 * the heading and «Сведения не представлены» when no unit gave anything for it.
 */
export function interviewTableBlocks(tables: InterviewTables, id: InterviewTableId, t: Translate, lang: Lang): Block[] {
  const head = heading(t(`analysisInterviews.table.${id}`), { before: 240 });
  if (!tables[id].rows.length) return [head, para(t("analysisInterviews.doc.none"))];
  switch (id) {
    case "public_services":
    case "permits":
    case "control":
      return [head, ...functionBlocks(tables[id], t, lang)];
    case "personnel":
      return [head, ...personnelBlocks(tables, t, lang)];
    case "penalties":
      return [head, ...penaltiesBlocks(tables, t, lang)];
    case "cancelled_penalties":
    case "offences":
      return [head, ...countedBlocks(tables, id, t, lang)];
    case "legal_acts":
      return [head, ...legalActsBlocks(tables, t)];
  }
}

/** Every table in one landscape document, with the unit heads who answered at the end. */
export async function renderInterviewTablesDocx(tables: InterviewTables, t: Translate, lang: Lang): Promise<Buffer> {
  const title = t("analysisInterviews.doc.title");
  const respondents = tables.respondents.map((r, i) => [String(i + 1), r.unit, r.fullName, r.position ?? "—", formatDate(r.submittedOn)]);
  const children: Block[] = [
    heading(title, { before: 0 }),
    para(t("analysisInterviews.doc.basis"), { center: true, after: 120 }),
    ...INTERVIEW_TABLES.flatMap((id) => interviewTableBlocks(tables, id, t, lang)),
    heading(t("analysisInterviews.doc.respondentsHeading"), { before: 240 }),
    respondents.length
      ? table([t("analysisInterviews.col.number"), t("analysisInterviews.col.unit"), t("analysisInterviews.col.fullName"), t("analysisInterviews.col.position"), t("analysisInterviews.col.submittedOn")], respondents, [0.5, 3, 3, 3, 1.5], { total: TOTAL, rightAligned: (c) => c === 0 || c === 4 })
      : para(t("analysisInterviews.doc.none")),
  ];
  return officialDocx(title, [{ children, landscape: true }]);
}
